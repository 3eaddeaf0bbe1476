const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A random id of 20 characters from a 62-letter alphabet (119 bits), prefixed.
 * Uses `crypto.getRandomValues`, which, unlike `crypto.randomUUID`, also
 * exists on plain-http pages where third-party widgets often live.
 */
export function createId(prefix = ''): string {
  const bytes = new Uint8Array(20);
  globalThis.crypto.getRandomValues(bytes);
  let id = prefix;
  for (const byte of bytes) id += ALPHABET[byte % 62];
  return id;
}
