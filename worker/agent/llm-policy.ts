// A policy that asks an LLM: the shared prompt builder writes the prompt, the client
// gets a reply (constrained by the AgentOutput JSON Schema where the provider can),
// and the reply is repaired where unambiguous and validated. After an unusable reply
// the model is asked once more, told why; a second one ends the step with that reason.
import { z } from 'zod';
import { parseAgentOutput } from '../../shared/agent-output';
import { buildJudgePrompt, readVerdict } from '../../shared/judge';
import type { ChatMessage } from '../../shared/llm';
import { AgentOutput } from '../../shared/model';
import { buildPrompt } from '../../shared/prompt';
import type { LlmClient } from '../llm/llm-client';
import { type Policy, PolicyError } from './policy';

let schema: Record<string, unknown> | undefined;
/** The JSON Schema of AgentOutput, made once from the one zod definition. */
export function agentOutputJsonSchema(): Record<string, unknown> {
  schema ??= z.toJSONSchema(AgentOutput, { target: 'draft-7' }) as Record<string, unknown>;
  return schema;
}

const VERDICT_SCHEMA = {
  type: 'object',
  properties: { success: { type: 'boolean' }, reason: { type: 'string' } },
  required: ['success', 'reason'],
  additionalProperties: false,
};

export interface LlmPolicyOptions {
  /** Prompt token budget; default the builder's (fits a 4k context). */
  promptBudget?: number;
  /** Reply token limit. */
  maxTokens?: number;
}

export function createLlmPolicy(client: LlmClient, options: LlmPolicyOptions = {}): Policy {
  return {
    id: `llm:${client.id}`,
    llm: client,
    async next(input, signal) {
      const prompt = buildPrompt({
        task: input.task,
        observation: input.observation,
        history: input.history,
        hookContext: input.context.map(({ source, text }) => ({ source, text })),
        ...(input.notes ? { notes: input.notes } : {}),
        step: input.step + 1,
        maxSteps: input.maxSteps,
        ...(options.promptBudget ? { budget: options.promptBudget } : {}),
      });
      let messages: ChatMessage[] = prompt.messages;
      const retried: string[] = [];
      for (let attempt = 0; ; attempt++) {
        const reply = await client.complete({ messages, jsonSchema: agentOutputJsonSchema(), maxTokens: options.maxTokens ?? 800, temperature: 0 }, signal);
        const parsed = parseAgentOutput(reply.text);
        if (parsed.ok) return { output: parsed.output, repairs: [...retried, ...parsed.repairs] };
        retried.push(`asked again: the first reply could not be used (${parsed.error.slice(0, 300)})`);
        if (attempt >= 1) throw new PolicyError('unusable_output', `the model's reply could not be used twice in a row: ${parsed.error}`);
        // The reply is not echoed back: it may quote page text outside the untrusted fence.
        messages = [...prompt.messages, { role: 'user', content: `Your previous reply could not be used: ${parsed.error}. Answer again with only the JSON object described in the rules.` }];
      }
    },
    async judge(input, signal) {
      const reply = await client.complete({ messages: buildJudgePrompt(input), jsonSchema: VERDICT_SCHEMA, maxTokens: 200, temperature: 0 }, signal);
      return readVerdict(reply.text);
    },
    dispose: () => client.dispose(),
  };
}
