// The browser's session storage of run secrets, for tests of the agent service: held in
// memory, as the browser holds them, and lost with this object (a browser restart).
import type { BrowserBridge } from '../../../shared/browser-bridge';

export function sessionSecrets(): Pick<BrowserBridge, 'holdSecrets' | 'heldSecrets'> & { held: Map<string, string[]> } {
  const held = new Map<string, string[]>();
  return {
    held,
    holdSecrets: async (runId, values) => void (values?.length ? held.set(runId, [...values]) : held.delete(runId)),
    heldSecrets: async (runId) => held.get(runId) ?? null,
  };
}
