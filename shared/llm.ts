// What an LLM is asked and answers, independent of the provider (WebLLM, an
// OpenAI-compatible endpoint, Chrome's Prompt API).

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface CompletionRequest {
  messages: ChatMessage[];
  /** JSON Schema the reply must satisfy, for providers that can constrain decoding. */
  jsonSchema?: Record<string, unknown>;
  /** Upper bound on generated tokens. */
  maxTokens?: number;
  temperature?: number;
}

export interface Completion {
  /** The reply as the model wrote it; repair and validation happen elsewhere. */
  text: string;
  usage?: { promptTokens: number; completionTokens: number };
  /** How the output was constrained: by the JSON Schema, to some JSON, or not at all. */
  constrained: 'json_schema' | 'json_object' | 'none';
}
