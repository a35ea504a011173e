// The agent in Chromium: a full run on a local page, driven by an OpenAI-compatible
// endpoint (the protocol-level test server standing in for a model), and the
// endpoint's failures reaching the run as clear reasons.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchExtension } from '../lib/browser';
import type { ChatCompletionBody, TestReply } from '../lib/openai-test-server';
import { completion, delayed, jsonCompletion, startOpenAiTestServer } from '../lib/openai-test-server';
import { workerCall, workerCallError } from '../lib/worker-calls';
import { expect, test } from './fixtures';

/** The index the prompt gives the element whose line mentions `label`. */
function indexOf(prompt: string, label: RegExp): number {
  for (const line of prompt.split('\n')) {
    const m = /\[(\d+)\]</.exec(line);
    if (m && label.test(line)) return Number(m[1]);
  }
  throw new Error(`no element matching ${label} in the prompt`);
}

/** The judge's part of the tiny models below: success only when the page confirms it. */
function judgeReply(prompt: string): TestReply | undefined {
  if (!/strict judge/.test(prompt)) return undefined;
  const confirmed = /Thanks for subscribing/.test(prompt);
  return jsonCompletion({ success: confirmed, reason: confirmed ? 'the page says "Thanks for subscribing"' : 'no confirmation on the page' });
}

/** A tiny "model": reads the observation in the prompt and answers like a small LLM would. */
function newsletterModel(body: ChatCompletionBody): TestReply {
  const prompt = body.messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
  const verdict = judgeReply(prompt);
  if (verdict) return verdict;
  if (/Thanks for subscribing/.test(prompt)) {
    // Small models like to wrap their JSON in prose: the agent repairs that.
    return completion(`Sure! Here is my answer:\n\`\`\`json\n${JSON.stringify({ evaluation: 'The confirmation page is shown.', nextGoal: 'finish', actions: [{ kind: 'done', success: true, text: 'Subscribed Ada' }] })}\n\`\`\``);
  }
  return jsonCompletion({
    evaluation: 'Start of the task.',
    nextGoal: 'Fill in the form and subscribe',
    actions: [
      { kind: 'type', index: indexOf(prompt, /Your name/), text: 'Ada Lovelace', intent: 'name' },
      { kind: 'type', index: indexOf(prompt, /Email/), text: 'ada@example.com', intent: 'email' },
      { kind: 'click', index: indexOf(prompt, /<button[^>]*>Subscribe</), intent: 'subscribe' },
    ],
  });
}

test('the agent fills in and submits a form, driven by an OpenAI-compatible endpoint', async ({ ext, server }) => {
  const llm = await startOpenAiTestServer({ respond: newsletterModel });
  try {
    const page = await ext.context.newPage();
    await page.goto(server.url('/newsletter.html'));
    const tabId = await ext.tabIdOf(page);
    const { runId } = await workerCall(ext.controlPage, 'startAgentRun', {
      task: 'Subscribe Ada Lovelace (ada@example.com) to the newsletter',
      tabId,
      maxSteps: 5,
      policy: { kind: 'openai', baseUrl: llm.baseUrl, model: 'test-model' },
    });
    const status = await workerCall(ext.controlPage, 'agentRunStatus', runId, { wait: true });
    expect(status?.error).toBeUndefined();
    // Judged by the model's strict judge on the final page, not on the agent's word.
    expect(status?.result).toMatchObject({ steps: 2, answer: 'Subscribed Ada', outcome: { status: 'success', judgedBy: 'llm', reason: expect.stringContaining('Thanks for subscribing') } });
    // The judge's request is not necessarily the last one: the coach's condenser may ask the model after it.
    const prompts = llm.chatRequests().map((r) => r.messages.map((m) => String(m.content)).join('\n'));
    expect(prompts.filter((p) => /strict judge/.test(p))).toHaveLength(1);
    // The task's own check can be recorded afterwards, and wins.
    expect(await workerCall(ext.controlPage, 'recordVerdict', runId, { success: true, reason: 'success_js: #who names Ada' })).toMatchObject({ outcome: { status: 'success', judgedBy: 'check' } });
    await expect(page.locator('#who')).toHaveText('Ada Lovelace <ada@example.com> gets the next issue.');
    expect(await page.title()).not.toBe('everyone unsubscribed');

    // Every step is stored; the live log named each action with its intent.
    const run = await workerCall(ext.controlPage, 'getRun', runId);
    expect(run?.steps.map((s) => s.output.actions.map((a) => a.kind))).toEqual([['type', 'type', 'click'], ['done']]);
    expect(run?.steps[0]!.results.every((r) => r.ok)).toBe(true);
    expect(status!.activity.filter((a) => a.type === 'acting').map((a) => (a.type === 'acting' ? a.intent : ''))).toEqual(['name', 'email', 'subscribe', undefined]);

    // The prompt: structured output asked for, and the page's injection stays inside the untrusted block.
    const first = llm.chatRequests()[0]!;
    expect(first.response_format?.type).toBe('json_schema');
    const user = first.messages.map((m) => String(m.content)).join('\n');
    const injection = user.indexOf('Ignore previous instructions');
    expect(injection).toBeGreaterThan(-1);
    const before = user.slice(0, injection);
    expect(before.lastIndexOf('<untrusted')).toBeGreaterThan(before.lastIndexOf('</untrusted'));
    await page.close();
  } finally {
    await llm.close();
  }
});

test('an endpoint that cannot be used ends the run with a clear reason', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/newsletter.html'));
  const tabId = await ext.tabIdOf(page);
  const llm = await startOpenAiTestServer({ models: ['other-model'] });
  try {
    const { runId } = await workerCall(ext.controlPage, 'startAgentRun', { task: 'Subscribe', tabId, maxSteps: 3, policy: { kind: 'openai', baseUrl: llm.baseUrl, model: 'test-model' } });
    const status = await workerCall(ext.controlPage, 'agentRunStatus', runId, { wait: true });
    expect(status?.result?.outcome).toMatchObject({ status: 'failure', reason: expect.stringMatching(/test-model.*other-model|model/i) });
    test.info().annotations.push({ type: 'reason', description: status?.result?.outcome.reason ?? '' });
  } finally {
    await llm.close();
  }
  // Nothing listens on this port any more.
  const { runId } = await workerCall(ext.controlPage, 'startAgentRun', { task: 'Subscribe', tabId, maxSteps: 3, policy: { kind: 'openai', baseUrl: llm.baseUrl, model: 'test-model' } });
  const gone = await workerCall(ext.controlPage, 'agentRunStatus', runId, { wait: true });
  expect(gone?.result?.outcome.reason).toMatch(/Could not reach/);
  expect(await workerCallError(ext.controlPage, 'startAgentRun', { task: '', tabId, policy: { kind: 'openai' } })).toMatchObject({ code: 'invalid_call' });
  await page.close();
});

test('an endpoint that answers too slowly ends the run with a timeout that says what to do, and the worker works on', async ({ ext, server }) => {
  const page = await ext.context.newPage();
  await page.goto(server.url('/newsletter.html'));
  const tabId = await ext.tabIdOf(page);
  // Every answer comes after 5 s; the run allows 1 s per answer.
  const llm = await startOpenAiTestServer({ respond: () => delayed(5_000, jsonCompletion({ evaluation: 'ok', nextGoal: 'finish', actions: [{ kind: 'done', success: true }] })) });
  try {
    const started = Date.now();
    const { runId } = await workerCall(ext.controlPage, 'startAgentRun', { task: 'Subscribe Ada', tabId, maxSteps: 3, policy: { kind: 'openai', baseUrl: llm.baseUrl, model: 'test-model', timeoutSeconds: 1 }, memory: { coach: false } });
    const status = await workerCall(ext.controlPage, 'agentRunStatus', runId, { wait: true });
    expect(status?.result?.outcome).toMatchObject({ status: 'failure', reason: expect.stringMatching(/No answer from .* within 1 s.*Raise the timeout/) });
    // A timeout is not retried: the run ends after about one wait, not three.
    expect(Date.now() - started).toBeLessThan(4_500);
    expect(llm.requests.filter((r) => r.path.endsWith('/chat/completions') && r.method === 'POST')).toHaveLength(1);
    expect((await workerCall(ext.controlPage, 'ping')).version).toBeTruthy();
  } finally {
    await llm.close();
  }
  await page.close();
});

/** One field per step, so a run has several steps; reads the page state from the prompt. */
function oneFieldAtATime(body: ChatCompletionBody): TestReply {
  const prompt = body.messages.map((m) => (typeof m.content === 'string' ? m.content : '')).join('\n');
  const line = (label: RegExp) => prompt.split('\n').find((l) => /\[\d+\]</.test(l) && label.test(l)) ?? '';
  const out = (action: Record<string, unknown>) => jsonCompletion({ evaluation: 'ok', nextGoal: 'next field', actions: [action] });
  const verdict = judgeReply(prompt);
  if (verdict) return verdict;
  if (/Thanks for subscribing/.test(prompt)) return out({ kind: 'done', success: true, text: 'done' });
  if (!/value=/.test(line(/Your name/))) return out({ kind: 'type', index: indexOf(prompt, /Your name/), text: 'Grace Hopper' });
  if (!/value=/.test(line(/Email/))) return out({ kind: 'type', index: indexOf(prompt, /Email/), text: 'grace@example.com' });
  return out({ kind: 'click', index: indexOf(prompt, /<button[^>]*>Subscribe</) });
}

test('a run whose worker host is killed mid-run carries on from its last recorded step', async ({ ext, server }) => {
  let calls = 0;
  // The coach stays out (its advice would be one more model call). The second model call is slow: the host is closed while the run waits for it.
  const llm = await startOpenAiTestServer({ respond: (body) => (++calls === 2 ? delayed(4_000, oneFieldAtATime(body)) : oneFieldAtATime(body)) });
  try {
    const page = await ext.context.newPage();
    await page.goto(server.url('/newsletter.html'));
    const tabId = await ext.tabIdOf(page);
    const { runId } = await workerCall(ext.controlPage, 'startAgentRun', { task: 'Subscribe Grace Hopper (grace@example.com)', tabId, maxSteps: 8, policy: { kind: 'openai', baseUrl: llm.baseUrl, model: 'test-model' }, memory: { coach: false } });
    await expect.poll(async () => (await workerCall(ext.controlPage, 'getRun', runId))?.steps.length, { timeout: 15_000 }).toBe(1);
    await expect.poll(() => calls).toBe(2);
    await ext.serviceWorker.evaluate(() => chrome.offscreen.closeDocument());

    // The background starts the host again; the new worker resumes the run by itself.
    await expect.poll(async () => (await workerCall(ext.controlPage, 'getRun', runId))?.endedAt, { timeout: 30_000 }).toBeGreaterThan(0);
    const run = await workerCall(ext.controlPage, 'getRun', runId);
    expect(run?.outcome).toMatchObject({ status: 'success', judgedBy: 'llm' });
    expect(run?.steps.map((s) => s.index)).toEqual(run?.steps.map((_, i) => i));
    expect(run?.steps.map((s) => s.output.actions[0]!.kind)).toEqual(['type', 'type', 'click', 'done']);
    await expect(page.locator('#who')).toHaveText('Grace Hopper <grace@example.com> gets the next issue.');
    await page.close();
  } finally {
    await llm.close();
  }
});

test('a run under way when the browser closes is marked interrupted at the next start, its task kept without its password', async ({ server }) => {
  // The model never answers in time: the run is still at its first step when the browser closes.
  const llm = await startOpenAiTestServer({ respond: () => delayed(60_000, jsonCompletion({ evaluation: '', nextGoal: 'wait', actions: [{ kind: 'wait', seconds: 1 }] })) });
  const profileDir = mkdtempSync(join(tmpdir(), 'waymark-restart-'));
  let runId = '';
  try {
    const first = await launchExtension({ profileDir });
    try {
      const page = await first.context.newPage();
      await page.goto(server.url('/newsletter.html'));
      ({ runId } = await workerCall(first.controlPage, 'startAgentRun', { task: 'Sign in with the password "Tr0ub4dor&3" and subscribe', tabId: await first.tabIdOf(page), maxSteps: 4, policy: { kind: 'openai', baseUrl: llm.baseUrl, model: 'test-model' }, memory: { coach: false } }));
      await expect.poll(() => llm.requests.length, { timeout: 15_000 }).toBeGreaterThan(0);
    } finally {
      await first.close();
    }
    const second = await launchExtension({ profileDir });
    try {
      // The first host of this browser session marks the runs the last session left unfinished.
      await expect.poll(async () => (await workerCall(second.controlPage, 'getRun', runId))?.outcome?.status, { timeout: 30_000 }).toBe('interrupted');
      const run = await workerCall(second.controlPage, 'getRun', runId);
      expect(run?.outcome?.reason).toMatch(/browser was closed, or Waymark reloaded, during the run/);
      expect(run?.task).toBe('Sign in with the password "[redacted]" and subscribe');
    } finally {
      await second.close();
    }
  } finally {
    await llm.close();
  }
});

test('the popup starts a run on its tab, shows each action with its intent and the repairs of the model\'s reply, and stops a run', async ({ ext, server }) => {
  // A run's steps observe, capture and learn in the worker: on a busy two-core machine one
  // run took over 20 s (seen in the repeat pass). The waits are for the run's state; this
  // is their budget.
  test.setTimeout(120_000);
  const llm = await startOpenAiTestServer({ respond: newsletterModel });
  try {
    const page = await ext.context.newPage();
    await page.goto(server.url('/newsletter.html'));
    const tabId = await ext.tabIdOf(page);
    const popup = await ext.context.newPage();
    await popup.goto(`chrome-extension://${ext.extensionId}/popup/popup.html?tab=${tabId}`);
    await popup.getByLabel('Task', { exact: true }).fill('Subscribe Ada Lovelace (ada@example.com) to the newsletter');
    // The policies this browser offers: no WebGPU here, so no WebLLM (and it says why).
    await expect(popup.locator('#policy option[value="webllm"]')).toBeDisabled();
    await expect(popup.locator('#policy option[value="webllm"]')).toHaveAttribute('title', /WebGPU/);
    await expect(popup.locator('#endpoint')).toBeHidden();
    await popup.getByLabel('Policy').selectOption('openai');
    await popup.getByLabel('Base URL').fill(llm.baseUrl);
    await popup.getByLabel('Model', { exact: true }).fill('test-model');
    await popup.getByLabel('Wait for an answer (seconds)').fill('30');
    await popup.getByRole('button', { name: 'Start' }).click();
    await expect(popup.locator('#run-status')).toHaveAttribute('data-state', 'success', { timeout: 60_000 });
    await expect(popup.locator('#run-log li')).toHaveText([/Step 1: type "Ada Lovelace" into \[\d+\] \(name\)/, /Step 1: type "ada@example.com" into \[\d+\] \(email\)/, /Step 1: click \[\d+\] \(subscribe\)/, /Step 2: the model's reply was mended — took the JSON out of a ``` code block/, /Step 2: done/]);
    await popup.screenshot({ path: test.info().outputPath('popup-run.png') });
    await expect(page.locator('#who')).toContainText('Ada Lovelace');

    // A slow model: stop the run from the popup while it waits.
    llm.enqueue(delayed(5_000, jsonCompletion({ evaluation: '', nextGoal: 'wait', actions: [{ kind: 'wait', seconds: 1 }] })));
    await page.goto(server.url('/newsletter.html'));
    await popup.reload();
    await expect(popup.getByLabel('Policy')).toHaveValue('openai');
    await expect(popup.getByLabel('Base URL')).toHaveValue(llm.baseUrl);
    await expect(popup.getByLabel('Wait for an answer (seconds)')).toHaveValue('30');
    await popup.getByLabel('Task', { exact: true }).fill('Subscribe Grace');
    await popup.getByRole('button', { name: 'Start' }).click();
    await expect(popup.getByRole('button', { name: 'Stop' })).toBeEnabled();
    await popup.getByRole('button', { name: 'Stop' }).click();
    await expect(popup.locator('#run-status')).toHaveAttribute('data-state', 'interrupted', { timeout: 20_000 });
    await expect(popup.locator('#run-status')).toContainText('stopped by the user');
    await popup.close();
    await page.close();
  } finally {
    await llm.close();
  }
});
