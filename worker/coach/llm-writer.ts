// The coach's text written by the run's own LLM, when its policy has one: a condensed
// run's summary and lessons (under a JSON Schema; the structured parts — variables,
// failure points, workflow, what to avoid — stay as the rules found them), and the
// advice text from retrieved items. A reply that cannot be used leaves the rules' text.
import { buildAdvicePrompt, buildCondensePrompt, CONDENSED_TEXT_SCHEMA, readCondensedText } from '../../shared/coach-prompts';
import type { CondensedRun } from '../../shared/condensed-run';
import { markUntrusted } from '../../shared/untrusted';
import type { LlmClient } from '../llm/llm-client';

export async function rewriteCondensed(llm: LlmClient, run: CondensedRun, signal?: AbortSignal): Promise<CondensedRun> {
  const reply = await llm.complete({ messages: buildCondensePrompt(run), jsonSchema: CONDENSED_TEXT_SCHEMA as unknown as Record<string, unknown>, maxTokens: 600, temperature: 0 }, signal);
  const text = readCondensedText(reply.text);
  if (!text) throw new Error('the model gave no usable summary');
  // What to avoid is structured knowledge from the rules; it goes with the first lesson.
  const avoid = run.lessons.find((l) => l.avoid)?.avoid;
  const lessons = text.lessons.map((l, i) => (i === 0 && avoid ? { ...l, avoid } : l));
  return { ...run, summary: text.summary, lessons: lessons.length ? lessons : run.lessons, writtenBy: 'llm' };
}

/** Advice in the model's words; page-derived through memory, so it reaches the agent marked as data. */
export async function writeAdvice(llm: LlmClient, input: { task: string; signal?: string; memory: string }, signal?: AbortSignal): Promise<string> {
  const reply = await llm.complete({ messages: buildAdvicePrompt(input), maxTokens: 250, temperature: 0 }, signal);
  const text = reply.text.trim();
  if (!text) throw new Error('the model wrote no advice');
  return `Advice written from memory: ${markUntrusted(text.slice(0, 1_500))}`;
}
