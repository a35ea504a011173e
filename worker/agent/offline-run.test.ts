// The offline policy through the real run loop: steps persisted, a workflow handed
// over by a beforeStep hook (as the coach will), and a run resumed by a fresh policy
// that picks the workflow up from the recorded notes.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { sessionSecrets } from './testdata/session-secrets';
import type { BrowserBridge } from '../../shared/browser-bridge';
import { bindWorkflow, type Workflow } from '../../shared/workflow';
import { openWaymarkDb } from '../store/database';
import { RunStore } from '../store/run-store';
import { HookSet } from './hooks';
import { createOfflinePolicy } from './offline-policy';
import { runAgent } from './run-agent';
import { CheckoutSite } from './testdata/checkout-site';

const TASK = 'Order for Grace Hopper (grace@navy.mil), address "1 Navy Way", city Arlington, with express delivery';

/** What a condenser would have kept from an earlier successful checkout. */
const checkout: Workflow = {
  task: 'Order for {name} ({email}), address "{text}", city {name2}, with express delivery',
  variables: [
    { name: 'name', kind: 'name' },
    { name: 'email', kind: 'email' },
    { name: 'text', kind: 'text' },
    { name: 'name2', kind: 'name' },
  ],
  steps: [
    { kind: 'type', target: { tag: 'input', role: 'textbox', name: 'Full name', type: 'text' }, text: '{name}' },
    { kind: 'type', target: { tag: 'input', role: 'textbox', name: 'Email', type: 'email' }, text: '{email}' },
    { kind: 'click', target: { tag: 'button', role: 'button', name: 'Continue', type: 'submit' } },
    { kind: 'type', target: { tag: 'input', role: 'textbox', name: 'Address', type: 'text' }, text: '{text}' },
    { kind: 'type', target: { tag: 'input', role: 'textbox', name: 'City', type: 'text' }, text: '{name2}' },
    { kind: 'select', target: { tag: 'select', role: 'combobox', name: 'Delivery' }, option: 'Express' },
    { kind: 'click', target: { tag: 'button', role: 'button', name: 'Place order', type: 'submit' } },
  ],
};

let n = 0;
async function setup() {
  const runs = new RunStore(await openWaymarkDb(`offline-run-${++n}`));
  const errors: unknown[] = [];
  const hooks = new HookSet((_name, e) => errors.push(e));
  return { runs, hooks, errors };
}

const expectOrdered = (site: CheckoutSite) => {
  expect(site.url).toBe('http://shop.test/confirmed');
  expect(Object.fromEntries(site.values)).toEqual({ 'Full name': 'Grace Hopper', Email: 'grace@navy.mil', Address: '1 Navy Way', City: 'Arlington', Delivery: 'Express' });
};

describe('offline policy in the run loop', () => {
  it('completes a two-page task by itself, and the run stays unjudged', async () => {
    const { runs, hooks } = await setup();
    const site = new CheckoutSite();
    const result = await runAgent({ runId: 'plain', task: TASK, tabId: 1, maxSteps: 8, policy: createOfflinePolicy(), bridge: site, runs, hooks, signal: new AbortController().signal });
    expectOrdered(site);
    expect(result).toMatchObject({ steps: 3, outcome: { status: 'unknown', judgedBy: 'none' }, answer: expect.stringContaining('Order placed!') });
  });

  it('follows a workflow handed over by a hook on a redesigned page, and a fresh policy resumes it from the notes', async () => {
    const { runs, hooks, errors } = await setup();
    const bindings = bindWorkflow(checkout, TASK);
    expect(bindings).toEqual({ name: 'Grace Hopper', email: 'grace@navy.mil', text: '1 Navy Way', name2: 'Arlington' });
    hooks.add({ beforeStep: () => ({ source: 'coach', text: 'A checkout that worked before.', memoryIds: ['wf-checkout'], workflow: { workflow: checkout, bindings: bindings!, memoryId: 'wf-checkout' } }) });
    const site = new CheckoutSite(true);
    // The worker dies after the first step: its bridge never answers again, and the run never ends…
    let observed = 0;
    const dying: BrowserBridge = {
      observe: () => (++observed > 1 ? new Promise<never>(() => {}) : site.observe()),
      act: (tab, action) => site.act(tab, action),
      screenshot: () => site.screenshot(),
      ...sessionSecrets(),
    };
    void runAgent({ runId: 'wf', task: TASK, tabId: 1, maxSteps: 8, policy: createOfflinePolicy(), bridge: dying, runs, hooks, signal: new AbortController().signal });
    await vi.waitFor(async () => expect((await runs.get('wf'))?.steps).toHaveLength(1));
    expect(site.url).toBe('http://shop.test/shipping');

    // …and a new worker, with a new policy, carries on from the recorded notes.
    const resumed = await runAgent({ runId: 'wf', task: TASK, tabId: 1, maxSteps: 8, policy: createOfflinePolicy(), bridge: site, runs, hooks, signal: new AbortController().signal });
    expectOrdered(site);
    expect(resumed.steps).toBe(3);
    const run = await runs.get('wf');
    expect(run?.steps.map((s) => s.output.notes?.match(/next step \d+ of \d+; this step runs [\d,none]+/)?.[0])).toEqual([
      'next step 1 of 7; this step runs 1,2,3',
      'next step 4 of 7; this step runs 4,5,6,7',
      'next step 8 of 7; this step runs none',
    ]);
    // It went on at step 4: it did not look for the first page's fields on the second page.
    expect(run?.steps[1]!.output.nextGoal).toMatch(/^workflow step 4\/7: type "1 Navy Way" into \[\d\] "Address"; workflow step 5\/7/);
    expect(run?.steps[1]!.output.nextGoal).not.toContain('skipped');
    expect(run?.steps.every((s) => s.adviceIds.includes('wf-checkout'))).toBe(true);
    // Nothing was typed twice: the resumed policy did not start the workflow over.
    expect(site.acted.filter((a) => a.kind === 'type')).toHaveLength(4);
    expect(errors).toEqual([]);
  });
});
