// In-browser LLM providers in Chromium with the extension: which policies the worker
// offers with and without WebGPU, Chrome's Prompt API (not offered: no built-in model
// here), and WebLLM as far as it goes without network: the model list is filtered to
// what the software adapter runs, and a run with it ends with the clear download
// message, leaving the worker working.
//
// The choice for a WebLLM download that fails: startAgentRun resolves (it does not wait
// minutes for a download), and the run ends at its first step, failed, with the reason.
// What can be checked before any download (no adapter, a model the adapter cannot run)
// makes startAgentRun reject at once.
import type { Page } from 'playwright-core';
import { launchExtension } from '../lib/browser';
import { jsonCompletion, startOpenAiTestServer } from '../lib/openai-test-server';
import { workerCall, workerCallError } from '../lib/worker-calls';
import type { PolicyOffer } from '../../shared/worker-api';
import { expect, test } from './fixtures';

const NO_WEBGPU = 'WebLLM needs WebGPU, and this browser has no WebGPU adapter. Choose another policy (offline, or an OpenAI-compatible endpoint).';
const SMALL_F32_MODEL = 'SmolLM2-360M-Instruct-q4f32_1-MLC';

const offerOf = (offers: PolicyOffer[], kind: PolicyOffer['kind']) => offers.find((o) => o.kind === kind);

/** What the extension's own pages see of the Prompt API: absent, or Chrome's availability. */
function promptApiSeenBy(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const api = (globalThis as { LanguageModel?: { availability(o?: unknown): Promise<string> } }).LanguageModel;
    if (!api) return 'absent';
    return api.availability({ expectedInputs: [{ type: 'text', languages: ['en'] }], expectedOutputs: [{ type: 'text', languages: ['en'] }] }).catch(() => 'unavailable');
  });
}

test('without WebGPU: WebLLM is not offered, with the reason, and a WebLLM run is refused at once', async ({ ext, server }) => {
  const offers = await workerCall(ext.controlPage, 'availablePolicies');
  expect(offerOf(offers, 'offline')).toEqual({ kind: 'offline', offered: true });
  expect(offerOf(offers, 'openai')).toEqual({ kind: 'openai', offered: true });
  expect(offerOf(offers, 'webllm')).toEqual({ kind: 'webllm', offered: false, reason: NO_WEBGPU });

  const page = await ext.context.newPage();
  await page.goto(server.url('/newsletter.html'));
  const tabId = await ext.tabIdOf(page);
  const refused = await workerCallError(ext.controlPage, 'startAgentRun', { task: 'Subscribe', tabId, policy: { kind: 'webllm', model: SMALL_F32_MODEL } });
  expect(refused).toMatchObject({ code: 'unavailable', message: NO_WEBGPU });
  await page.close();
});

test("Chrome's Prompt API is not offered when this browser has no usable built-in model", async ({ ext, server }) => {
  const seen = await promptApiSeenBy(ext.controlPage);
  test.info().annotations.push({ type: 'LanguageModel in extension pages', description: seen });
  // This Chromium has no Gemini Nano: either no LanguageModel at all, or one that says 'unavailable'.
  expect(['absent', 'unavailable']).toContain(seen);
  const promptApi = offerOf(await workerCall(ext.controlPage, 'availablePolicies'), 'prompt-api');
  expect(promptApi).toMatchObject({ kind: 'prompt-api', offered: false });
  expect(promptApi?.reason).toMatch(seen === 'absent' ? /no built-in Prompt API/ : /Chrome says its built-in model cannot run on this device/);

  const page = await ext.context.newPage();
  await page.goto(server.url('/newsletter.html'));
  const refused = await workerCallError(ext.controlPage, 'startAgentRun', { task: 'Subscribe', tabId: await ext.tabIdOf(page), policy: { kind: 'prompt-api' } });
  expect(refused).toMatchObject({ code: 'unavailable', message: promptApi?.reason });
  await page.close();
});

test('with a software WebGPU adapter: WebLLM is offered with f32 models and a warning; offline, a run ends with the download message and the worker works on', async ({ server }) => {
  test.setTimeout(120_000);
  const ext = await launchExtension({ webgpu: true });
  const llm = await startOpenAiTestServer({ respond: () => jsonCompletion({ evaluation: 'Start.', nextGoal: 'finish', actions: [{ kind: 'done', success: true, text: 'nothing to do' }] }) });
  try {
    const webllm = offerOf(await workerCall(ext.controlPage, 'availablePolicies'), 'webllm');
    expect(webllm).toMatchObject({ kind: 'webllm', offered: true, warning: expect.stringMatching(/software adapter .* very slow/) });
    const ids = webllm!.models!.map((m) => m.id);
    expect(ids).toContain(SMALL_F32_MODEL);
    // SwiftShader has no shader-f16: no f16 model is offered.
    expect(ids.filter((id) => /q\d+f16/.test(id))).toEqual([]);
    expect(webllm!.models!.every((m, i, all) => i === 0 || all[i - 1]!.vramMB <= m.vramMB)).toBe(true);

    const page = await ext.context.newPage();
    await page.goto(server.url('/newsletter.html'));
    const tabId = await ext.tabIdOf(page);

    // A model the adapter cannot run is refused before any download, naming the choices.
    const f16 = await workerCallError(ext.controlPage, 'startAgentRun', { task: 'Subscribe', tabId, policy: { kind: 'webllm', model: 'SmolLM2-360M-Instruct-q4f16_1-MLC' } });
    expect(f16).toMatchObject({ code: 'model_not_found', message: expect.stringMatching(/cannot run here: it is an f16 model.*Models this browser can run: .*SmolLM2-360M-Instruct-q4f32_1-MLC/) });

    // No network here: the download fails, and the run ends at its first step with the reason.
    const { runId } = await workerCall(ext.controlPage, 'startAgentRun', { task: 'Subscribe Ada', tabId, maxSteps: 3, policy: { kind: 'webllm', model: SMALL_F32_MODEL } });
    const status = await workerCall(ext.controlPage, 'agentRunStatus', runId, { wait: true });
    expect(status?.error).toBeUndefined();
    expect(status?.result).toMatchObject({ steps: 0, outcome: { status: 'failure' } });
    const reason = status!.result!.outcome.reason;
    test.info().annotations.push({ type: 'reason', description: reason });
    expect(reason).toContain(`Could not download the model ${SMALL_F32_MODEL} (huggingface.co: no network connection to it): WebLLM needs network access the first time`);
    const stored = await workerCall(ext.controlPage, 'getRun', runId);
    expect(stored?.outcome).toMatchObject({ status: 'failure', reason });

    // The worker status shows the failed load, with the software-adapter warning.
    const report = await workerCall(ext.controlPage, 'status');
    expect(report.llm).toEqual([expect.objectContaining({ provider: 'webllm', model: SMALL_F32_MODEL, state: 'failed', users: 0, warning: webllm!.warning, error: expect.stringContaining('Could not download') })]);

    // The worker works on: another WebLLM attempt fails the same way, and a run with another policy succeeds.
    const again = await workerCall(ext.controlPage, 'startAgentRun', { task: 'Subscribe Ada', tabId, maxSteps: 3, policy: { kind: 'webllm', model: SMALL_F32_MODEL } });
    expect((await workerCall(ext.controlPage, 'agentRunStatus', again.runId, { wait: true }))?.result?.outcome.reason).toContain('Could not download the model');
    const other = await workerCall(ext.controlPage, 'startAgentRun', { task: 'Nothing', tabId, maxSteps: 2, policy: { kind: 'openai', baseUrl: llm.baseUrl, model: 'test-model' } });
    expect((await workerCall(ext.controlPage, 'agentRunStatus', other.runId, { wait: true }))?.result).toMatchObject({ steps: 1, answer: 'nothing to do' });
    await page.close();
  } finally {
    await llm.close();
    await ext.close();
  }
});
