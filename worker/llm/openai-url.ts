// Where an OpenAI-compatible API lives. The user gives the base URL: the URL that
// `/chat/completions` and `/models` are appended to, e.g. `http://localhost:11434/v1`
// (Ollama), `http://localhost:1234/v1` (LM Studio), `http://localhost:8080/v1`
// (llama.cpp server), `https://api.openai.com/v1`.
import { LlmError } from './llm-client';

/** Path suffixes people paste along with the base URL; they are cut off. */
const PASTED_ENDPOINTS = ['/chat/completions', '/models'];

/**
 * The canonical base URL for what the user typed. The rule:
 * - surrounding spaces, `#fragments` and trailing slashes are dropped;
 * - a pasted endpoint (`…/v1/chat/completions`, `…/v1/models`) is cut back to its base;
 * - a bare origin (`http://localhost:11434`) gets `/v1`, where every common server serves the API;
 * - any other path is kept as given (hosted APIs use `/openai/v1`, `/api/v1`, `/v1beta/openai`, …),
 *   and so is a query string (`?api-version=…`);
 * - the scheme is required (http or https), and credentials belong in the API key, not the URL.
 * Throws LlmError('unreachable') with what to type instead when the URL is unusable.
 */
export function normaliseOpenAiBaseUrl(input: string): string {
  const text = input.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new LlmError('unreachable', `"${text}" is not a URL: start it with http:// or https://, e.g. http://localhost:11434/v1`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new LlmError('unreachable', `"${text}" is not a valid URL, e.g. http://localhost:11434/v1`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LlmError('unreachable', `${url.protocol}// is not supported: the endpoint URL must start with http:// or https://`);
  }
  if (url.username || url.password) {
    // fetch refuses such URLs, and the secret would end up in ids and messages.
    throw new LlmError('unreachable', 'The endpoint URL contains a user name or password: put the key in the API key field instead');
  }
  url.hash = '';
  let path = url.pathname.replace(/\/+$/, '');
  for (const suffix of PASTED_ENDPOINTS) {
    if (path.toLowerCase().endsWith(suffix)) {
      path = path.slice(0, -suffix.length).replace(/\/+$/, '');
      break;
    }
  }
  url.pathname = path === '' ? '/v1' : path;
  return url.href;
}

/** The URL of one API endpoint (`/chat/completions`, `/models`) under a normalised base URL. */
export function openAiEndpoint(baseUrl: string, endpoint: `/${string}`): string {
  const url = new URL(baseUrl);
  url.pathname = url.pathname.replace(/\/+$/, '') + endpoint;
  return url.href;
}
