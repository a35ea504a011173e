// The one interface every LLM provider implements in the worker.
import type { Completion, CompletionRequest } from '../../shared/llm';

export type LlmErrorCode = 'unreachable' | 'unauthorized' | 'model_not_found' | 'timeout' | 'rate_limited' | 'bad_response' | 'server_error' | 'aborted' | 'unavailable';

/** A provider failed; the message says what to do about it. */
export class LlmError extends Error {
  constructor(
    readonly code: LlmErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LlmError';
  }
}

export interface LlmClient {
  /** Provider and model, e.g. `openai:qwen2.5:3b@http://127.0.0.1:11434/v1`. */
  readonly id: string;
  complete(request: CompletionRequest, signal?: AbortSignal): Promise<Completion>;
  dispose(): Promise<void>;
}
