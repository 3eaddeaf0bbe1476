/**
 * Reading an answer's body within a size limit: a backend (or a proxy, or
 * someone in between) cannot make the page hold a 200 MB answer in memory.
 */

/** The default of `maxResponseBytes`: 8 MiB, far above any answer of the contract (a page of 500 members is ~0.5 MB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** Thrown by `readBody` when the answer is larger than the limit; the adapter turns it into its error. */
export class TooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The server's answer is larger than maxResponseBytes (${limit} bytes).`);
  }
}

/**
 * The body of `response` as text, reading at most `limit` bytes: a
 * `Content-Length` over the limit refuses it before reading anything; else
 * the body stream is counted while it is read and cancelled as soon as it
 * passes the limit. Only a response without a body stream is read with
 * `text()` (and then measured). Throws `TooLarge`.
 */
export async function readBody(response: Response, limit: number): Promise<string> {
  const declared = response.headers.get('Content-Length');
  if (declared !== null && /^\s*\d+\s*$/.test(declared) && Number(declared) > limit) {
    void response.body?.cancel().catch(() => undefined);
    throw new TooLarge(limit);
  }
  const body = response.body;
  if (!body) {
    const text = await response.text();
    if (utf8Length(text) > limit) throw new TooLarge(limit);
    return text;
  }
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void reader.cancel().catch(() => undefined);
      throw new TooLarge(limit);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** Bytes of `text` in UTF-8, without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}
