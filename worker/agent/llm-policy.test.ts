// The model-driven policy: its reply mended where the meaning is certain, asked again
// once when it cannot be used, and both kept as the step's repairs.
import { describe, expect, it } from 'vitest';
import type { LlmClient } from '../llm/llm-client';
import { createLlmPolicy } from './llm-policy';
import { page } from './testdata/pages';

function replying(...texts: string[]): LlmClient & { asked: number } {
  const client = {
    id: 'test:scripted',
    asked: 0,
    async complete() {
      const text = texts[client.asked++];
      if (text === undefined) throw new Error('no more replies');
      return { text };
    },
    async dispose() {},
  };
  return client as unknown as LlmClient & { asked: number };
}

const input = { task: 'Press OK', observation: page('https://x.example/', 'X', []), history: [], context: [], step: 0, maxSteps: 5 };

describe('LLM policy', () => {
  it('asks again after a reply it cannot use, and keeps that and the repairs with the decision', async () => {
    const client = replying('I would click the button.', JSON.stringify({ evaluation: '', nextGoal: 'press OK', actions: [{ action: 'done', success: true }] }));
    const decision = await createLlmPolicy(client).next(input, new AbortController().signal);
    expect(client.asked).toBe(2);
    expect(decision.output.actions).toEqual([{ kind: 'done', success: true }]);
    expect(decision.repairs?.[0]).toMatch(/^asked again: the first reply could not be used/);
    expect(decision.repairs?.slice(1)).toEqual(['actions[0]: read "action": "done" as the kind']);
  });

  it('gives up with a clear error after two unusable replies', async () => {
    await expect(createLlmPolicy(replying('no', 'still no')).next(input, new AbortController().signal)).rejects.toThrow(/could not be used twice in a row/);
  });
});
