// Comlink sends only message, name and stack of a thrown Error; callers also need its
// `code` (StoreError, ModelError, …) to tell a full disk from a missing model, and
// a refused import's list of `problems`.
import * as Comlink from 'comlink';

let errorCodesInstalled = false;

/** Makes Comlink send a thrown error's `code` along (install once per thread that serves). */
export function sendErrorCodes(): void {
  if (errorCodesInstalled) return;
  errorCodesInstalled = true;
  const builtin = Comlink.transferHandlers.get('throw')!;
  Comlink.transferHandlers.set('throw', {
    canHandle: builtin.canHandle,
    serialize: (wrapped: unknown) => {
      const value = (wrapped as { value: unknown }).value;
      if (!(value instanceof Error)) return builtin.serialize(wrapped);
      const { code, problems } = value as Error & { code?: unknown; problems?: unknown };
      // `problems`: what a refused import found wrong, as plain { path, message } records.
      const extra = { ...(typeof code === 'string' ? { code } : {}), ...(Array.isArray(problems) ? { problems: structuredClone(problems) } : {}) };
      return [{ isError: true, value: { name: value.name, message: value.message, stack: value.stack, ...extra } }, []];
    },
    deserialize: builtin.deserialize,
  });
}

