/**
 * Shared assertions for the browser tests: chai's `expect` plus `expectReject`.
 */
import { expect } from '@esm-bundle/chai';

export { expect };

/**
 * Asserts that `promise` rejects with an Error whose `.code` is `code`, and
 * returns that error for further assertions.
 *
 * ```ts
 * const error = await expectReject(store.create({ name: '' }), 'name-invalid');
 * expect(error.field).to.equal('name');
 * ```
 */
export async function expectReject<E extends Error & { code?: unknown } = Error & { code: string }>(
  promise: Promise<unknown> | (() => Promise<unknown>),
  code: string,
): Promise<E> {
  let settled: { value: unknown } | undefined;
  try {
    settled = { value: await (typeof promise === 'function' ? promise() : promise) };
  } catch (error) {
    expect(error, `expected a rejection with code "${code}"`).to.be.an.instanceOf(Error);
    const actual = (error as { code?: unknown }).code;
    expect(actual, `expected code "${code}" but the rejection was: ${String(error)}`).to.equal(code);
    return error as E;
  }
  expect.fail(`expected a rejection with code "${code}" but the promise resolved with ${safeString(settled.value)}`);
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
