/**
 * `Retry-After` from a REST backend, bounded: the adapter reads seconds and
 * HTTP dates and ignores anything else; the store's queue waits at least
 * `retry.baseMs` and at most `retry.maxMs` whatever the header says; the
 * spec's header schema accepts its own examples.
 */
import { createSegmentStore } from '@segkit/core';
import type { RetryOptions, SegmentStore } from '@segkit/core';
import { createRestAdapter, parseRetryAfter } from '@segkit/rest';
import { http, HttpResponse, passthrough } from 'msw';
import { expect } from '../setup/expect.js';
import { startMockWorker } from '../setup/msw.js';
import { useMockBackend } from './mock-backend.js';
import { validateWire } from './wire-validator.js';

validateWire();

const NOW = Date.UTC(2026, 9, 21, 7, 28, 0); // Wed, 21 Oct 2026 07:28:00 GMT

describe('rest adapter: Retry-After, read', () => {
  it('reads delay-seconds, integer or decimal', () => {
    expect(parseRetryAfter('120', NOW)).to.equal(120_000);
    expect(parseRetryAfter(' 1.5 ', NOW)).to.equal(1_500);
    expect(parseRetryAfter('0', NOW)).to.equal(0);
  });

  it('reads the three HTTP date forms the same way in every browser, a past date as 0', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:30 GMT', NOW)).to.equal(30_000);
    expect(parseRetryAfter('Wednesday, 21-Oct-26 07:29:00 GMT', NOW)).to.equal(60_000);
    expect(parseRetryAfter('Wed Oct 21 08:28:00 2026', NOW)).to.equal(3_600_000);
    expect(parseRetryAfter('Sun Nov  6 08:49:37 1994', NOW)).to.equal(0);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', NOW)).to.equal(0);
  });

  it('ignores anything else (the backoff applies)', () => {
    for (const garbage of ['', 'soon', '1e3', '-5', '+5', '5 s', '0x10', 'Infinity', 'NaN', 'Wed, 31 Feb 2026 07:28:00 GMT', 'Oct 21 2026', '2026-10-21T07:28:30Z']) {
      expect(parseRetryAfter(garbage, NOW), garbage).to.equal(undefined);
    }
    expect(parseRetryAfter(null, NOW)).to.equal(undefined);
  });
});

describe('rest adapter: Retry-After, bounded by the store retry policy', () => {
  let store: SegmentStore | undefined;

  const mock = useMockBackend({ seed: 8, size: 20 }, () => {
    store?.destroy();
    store = undefined;
  });

  /**
   * Creates a segment through a store over REST whose first `POST /segments`
   * is answered 503 with `Retry-After: <retryAfter>` (the next ones reach the
   * mock backend). Returns how many creates the server had seen when a timer
   * of `lookMs`, started at the first one, fired, and how many in all.
   */
  async function createAfter503(retryAfter: string, retry: RetryOptions, lookMs: number) {
    let creates = 0;
    let seenAtLook = -1;
    let look!: () => void;
    const looked = new Promise<void>((resolve) => (look = resolve));
    (await startMockWorker()).use(
      http.post('/api/segments', () => {
        creates += 1;
        if (creates > 1) return undefined; // on to the backend
        setTimeout(() => {
          seenAtLook = creates;
          look();
        }, lookMs);
        return HttpResponse.json({ error: { code: 'server', message: 'Busy.' } }, { status: 503, headers: { 'Retry-After': retryAfter } });
      }),
    );
    store = createSegmentStore({ adapter: createRestAdapter({ baseUrl: '/api' }), retry });
    const created = store.createSegment({ name: `Retry ${retryAfter}` });
    const outcome = await Promise.race([
      created.then((segment) => segment.name),
      // Not a timing assertion: a stall of a day (or of 24 days) shows as this, not as the test's timeout.
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 5 s'), 5_000)),
    ]);
    await looked;
    return { outcome, creates, seenAtLook };
  }

  it('waits at most retry.maxMs when the server asks for a day (86,400 s)', async () => {
    const { outcome, creates } = await createAfter503('86400', { baseMs: 50, maxMs: 300 }, 10);
    expect(outcome).to.equal('Retry 86400');
    expect(creates).to.equal(2);
  });

  it('does not let 2^31 ms or more wrap the timer into an instant retry, nor stall', async () => {
    // 2,147,484 s is just over 2^31 ms: a timer given it fires at once.
    const { outcome, creates, seenAtLook } = await createAfter503('2147484', { baseMs: 400, maxMs: 400 }, 150);
    expect(seenAtLook, 'no retry before the wait').to.equal(1);
    expect(outcome).to.equal('Retry 2147484');
    expect(creates).to.equal(2);
  });

  it('waits at least retry.baseMs on Retry-After: 0', async () => {
    const { outcome, creates, seenAtLook } = await createAfter503('0', { baseMs: 400, maxMs: 1_000 }, 150);
    expect(seenAtLook, 'no retry before the floor').to.equal(1);
    expect(outcome).to.equal('Retry 0');
    expect(creates).to.equal(2);
  });

  it('honours an HTTP date an hour ahead only up to retry.maxMs', async () => {
    const inAnHour = new Date(Date.now() + 3_600_000).toUTCString();
    const { outcome, creates } = await createAfter503(inAnHour, { baseMs: 50, maxMs: 300 }, 10);
    expect(outcome).to.equal(`Retry ${inAnHour}`);
    expect(creates).to.equal(2);
  });
});

describe('openapi.yaml: the Retry-After header schema', () => {
  it('accepts its own examples and both forms, and rejects other text', async () => {
    (await startMockWorker()).use(http.get('/packages/rest/openapi.yaml', () => passthrough()));
    const yaml = await (await fetch('/packages/rest/openapi.yaml')).text();
    const start = yaml.indexOf('\n    RetryAfter:\n');
    expect(start, 'components.headers.RetryAfter').to.be.above(0);
    const block = yaml.slice(start + 1, yaml.indexOf('\n  responses:', start));
    const combinator = /^ {8}(oneOf|anyOf):$/m.exec(block)?.[1];
    // Each branch is a string; one without a pattern accepts every string.
    const branches = block.split(/^ {10}- /m).slice(1).map((branch) => {
      const pattern = /pattern: '([^']*)'/.exec(branch)?.[1];
      return pattern === undefined ? () => true : (value: string) => new RegExp(pattern, 'u').test(value);
    });
    expect(branches).to.have.length(2);
    const examples = [...block.matchAll(/examples: \[(.*)\]/g)].flatMap((line) => [...line[1]!.matchAll(/'([^']*)'/g)].map((m) => m[1]!));
    expect(examples).to.include.members(['1', 'Wed, 21 Oct 2026 07:28:00 GMT']);
    const valid = (value: string) => {
      const matched = branches.filter((matches) => matches(value)).length;
      return combinator === 'oneOf' ? matched === 1 : matched >= 1;
    };
    for (const value of [...examples, '0', '86400', 'Sun, 06 Nov 1994 08:49:37 GMT']) expect(valid(value), value).to.equal(true);
    for (const value of ['soon', '-1', '1.5', 'tomorrow']) expect(valid(value), value).to.equal(false);
  });
});
