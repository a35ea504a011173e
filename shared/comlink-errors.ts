// Comlink sends only message, name and stack of a thrown Error; callers also need its
// `code` (StoreError, ModelError, …) to tell a full disk from a missing model.
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
      const code = (value as Error & { code?: unknown }).code;
      return [{ isError: true, value: { name: value.name, message: value.message, stack: value.stack, ...(typeof code === 'string' ? { code } : {}) } }, []];
    },
    deserialize: builtin.deserialize,
  });
}

