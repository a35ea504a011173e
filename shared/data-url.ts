// Bytes as a base64 data URL (screenshots cross JSON-only message channels this way).

export function bytesToDataUrl(bytes: Uint8Array, mime: string): string {
  let binary = '';
  // In chunks: String.fromCharCode with a huge argument list overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${mime};base64,${btoa(binary)}`;
}
