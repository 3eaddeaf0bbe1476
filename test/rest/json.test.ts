/**
 * @segkit/rest reads a large answer in slices (decision 036): `jsonSteps`
 * gives what `JSON.parse` gives, value for value and error for error, and the
 * adapter lets the page in while it reads a bulk answer of 300,000 ids.
 */
import type { SegkitError } from '@segkit/core';
import { createRestAdapter } from '@segkit/rest';
import { SLICED_JSON_CHARS, jsonSteps } from '../../packages/rest/src/json.js';
import { expect, expectReject } from '../setup/expect.js';

/** `jsonSteps(text)` run to its end at once. */
function steps(text: string): unknown {
  const run = jsonSteps(text);
  for (;;) {
    const next = run.next();
    if (next.done) return next.value;
  }
}

/** What each gives for `text`: its value, or the name of the error it throws. */
function outcome(read: (text: string) => unknown, text: string): { value: unknown } | { error: string } {
  try {
    return { value: read(text) };
  } catch (error) {
    return { error: (error as Error).name };
  }
}

/** Deep equality that also tells `-0` from `0`, an own `__proto__` key from the prototype, and an array from an object. */
function same(a: unknown, b: unknown, path = '$'): string | undefined {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return Object.is(a, b) ? undefined : `${path}: ${String(a)} vs ${String(b)}`;
  }
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${path}: another prototype`;
  const keys = Reflect.ownKeys(a);
  const other = Reflect.ownKeys(b);
  if (keys.join('\u0000') !== other.join('\u0000')) return `${path}: keys ${keys.join(',')} vs ${other.join(',')}`;
  for (const key of keys) {
    const found = same((a as Record<PropertyKey, unknown>)[key], (b as Record<PropertyKey, unknown>)[key], `${path}.${String(key)}`);
    if (found) return found;
  }
  return undefined;
}

function expectSameAsJsonParse(text: string) {
  const native = outcome(JSON.parse, text);
  const mine = outcome(steps, text);
  const where = `for ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)}`;
  if ('error' in native) {
    expect(mine, `throws as JSON.parse does ${where}`).to.deep.equal(native);
    return;
  }
  expect('value' in mine, `reads what JSON.parse reads ${where}: ${'error' in mine ? mine.error : ''}`).to.equal(true);
  expect(same((mine as { value: unknown }).value, native.value), where).to.equal(undefined);
}

/** A seeded generator (mulberry32), so a failure names a case that comes back. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', 'Zoë', '"', '\\', '/', '\n', '\u0000', '\u001f', '\u2028', '😀', '\ud800', '__proto__', 'constructor', '<b>', ' '];

/** A random JSON text: nested values, escapes, astral and lone surrogates, odd numbers, white space. */
function randomJson(next: () => number, depth = 0): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const space = () => pick(['', '', ' ', '\n\t', '\r\n '] as const);
  const text = () => JSON.stringify(Array.from({ length: Math.floor(next() * 4) }, () => pick(PIECES)).join(''));
  const roll = next();
  if (depth < 4 && roll < 0.2) {
    const items = Array.from({ length: Math.floor(next() * 5) }, () => space() + randomJson(next, depth + 1) + space());
    return `[${items.join(',')}]`;
  }
  if (depth < 4 && roll < 0.4) {
    const items = Array.from({ length: Math.floor(next() * 5) }, () => `${space()}${text()}${space()}:${space()}${randomJson(next, depth + 1)}${space()}`);
    return `{${items.join(',')}}`;
  }
  if (roll < 0.7) return text();
  if (roll < 0.9) return pick(['0', '-0', '1', '-12.5e3', '1E+2', '0.000001', '1e400', '-1e-400', '123456789012345678901234567890', '3.14']);
  return pick(['true', 'false', 'null']);
}

describe('rest: jsonSteps reads what JSON.parse reads (decision 036)', () => {
  it('equals JSON.parse on hand-picked answers, hostile keys and odd numbers included', () => {
    const texts = [
      '{"items":[],"unassignedCount":0,"totalMembers":0}',
      ' \t\r\n[1, 2 ,3 ] \n',
      '{"__proto__":{"polluted":true},"a":1}',
      '{"__proto__":1,"__proto__":2}',
      '{"a":1,"a":2}',
      '{"constructor":{"prototype":{"x":1}}}',
      '"\\u0041\\n\\"\\\\\\/\\b\\f\\r\\t\\ud83d\\ude00"',
      '"<script>alert(1)</script>"',
      '-0',
      '1e400',
      '[[[[[]]]],{},{"":""}]',
      'null',
      'true',
      '"\u2028\u2029"',
    ];
    for (const text of texts) expectSameAsJsonParse(text);
    expect((steps('{"__proto__":{"polluted":true}}') as Record<string, unknown>).polluted, 'no prototype set').to.equal(undefined);
  });

  it('equals JSON.parse on 2,000 random texts, and throws where it throws on every cut and every one-character change of them', () => {
    const next = random(36);
    for (let i = 0; i < 2000; i += 1) {
      const text = randomJson(next);
      expectSameAsJsonParse(text);
      if (i % 10 !== 0 || text.length > 300) continue;
      for (let cut = 0; cut < text.length; cut += 1) expectSameAsJsonParse(text.slice(0, cut));
      for (let at = 0; at < text.length; at += 1) {
        for (const c of ['"', ',', ']', '}', ':', '\\', '0', '-', '.', 'e', ' ', 'x', '\u0001']) {
          expectSameAsJsonParse(text.slice(0, at) + c + text.slice(at + 1));
        }
      }
    }
  });

  it('throws SyntaxError where JSON.parse does: empty, trailing commas, single quotes, leading zeros, a byte-order mark, text after the value', () => {
    for (const text of ['', ' ', '[1,]', '{"a":1,}', "{'a':1}", '01', '1.', '.5', '+1', '\ufeff{}', '{} {}', '[1] x', '"\t"', 'nul', 'True', '{"a" 1}', '{1:2}', '[', '{"a":']) {
      expect(outcome(steps, text), JSON.stringify(text)).to.deep.equal({ error: 'SyntaxError' });
      expectSameAsJsonParse(text);
    }
  });

  it('reads 100,000 levels of nesting without overflowing the stack', () => {
    const depth = 100_000;
    let value = steps(`${'['.repeat(depth)}${']'.repeat(depth)}`);
    let levels = 0;
    while (Array.isArray(value) && value.length <= 1) {
      levels += 1;
      value = value[0];
    }
    expect(levels).to.equal(depth);
  });
});

describe('rest adapter: a large answer is read in slices (decision 036)', () => {
  /** A membership answer naming `count` ids, about 15 characters each. */
  function bulkAnswer(count: number) {
    const memberIds = Array.from({ length: count }, (_, i) => `member-${String(i).padStart(8, '0')}`);
    return { members: count, segments: [{ segmentId: 'everyone', changed: count, skipped: 0, memberIds }], unassignedDelta: -count };
  }

  /**
   * A `fetch` answering `text` whose body ends when the adapter has read it
   * all: `onRead` is called then, in the task that ends the body.
   */
  function fetchOf(text: string, onRead: () => void): typeof fetch {
    const bytes = new TextEncoder().encode(text);
    return async () => {
      let sent = false;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent) {
            controller.close();
            onRead();
            return;
          }
          sent = true;
          controller.enqueue(bytes);
        },
      });
      return new Response(body, { status: 200, headers: { 'Content-Type': 'application/json' } });
    };
  }

  /** Counts turns of the event loop (MessageChannel messages) until stopped. */
  function turns() {
    let count = 0;
    let running = true;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      count += 1;
      if (running) channel.port2.postMessage(null);
    };
    return {
      start: () => channel.port2.postMessage(null),
      stop: () => {
        running = false;
        channel.port1.close();
        return count;
      },
    };
  }

  it('lets the page in while it reads a bulk answer of 300,000 ids, and gives them all', async () => {
    const text = JSON.stringify(bulkAnswer(300_000));
    expect(text.length).to.be.above(SLICED_JSON_CHARS);
    const probe = turns();
    const adapter = createRestAdapter({ baseUrl: '/api', fetch: fetchOf(text, probe.start) });
    const result = await adapter.changeMembership({ op: 'assign', segmentIds: ['everyone'], target: { kind: 'ids', ids: ['member-00000000'] }, source: 'manual' });
    const turnsWhileReading = probe.stop();
    expect(result.segments[0]!.memberIds.length).to.equal(300_000);
    expect(result.segments[0]!.memberIds.at(-1)).to.equal('member-00299999');
    // JSON.parse reads the whole text in the task that ends the body: no turn until the answer is there.
    expect(turnsWhileReading, 'event-loop turns between the body read and the answer').to.be.at.least(1);
  });

  it('rejects a large answer that is not JSON with bad-response, as a small one', async () => {
    const text = JSON.stringify(bulkAnswer(60_000)).slice(0, -2);
    expect(text.length).to.be.above(SLICED_JSON_CHARS);
    const adapter = createRestAdapter({ baseUrl: '/api', fetch: fetchOf(text, () => undefined) });
    const error = await expectReject<SegkitError>(
      adapter.changeMembership({ op: 'assign', segmentIds: ['everyone'], target: { kind: 'ids', ids: ['member-00000000'] }, source: 'manual' }),
      'bad-response',
    );
    expect(error.message).to.include('malformed JSON');
    expect(error.cause).to.be.an.instanceOf(SyntaxError);
  });
});
