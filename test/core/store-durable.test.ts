/**
 * Durable writes (decision 011): with a cache, a write is in the outbox
 * before its change is shown; a new store over the same cache (a reload)
 * replays the outbox in order, exactly once; a refusal then is rolled back
 * and reported once. Without a cache nothing waits.
 */
import type { MemberTarget, MutationRecord, SegmentCache } from '@segkit/core';
import { createMemoryCache } from '@segkit/core';
import { allTasks } from 'nanostores';
import { expect, expectReject } from '../setup/expect.js';
import { cleanup, countOf, faulty, makeAdapter, makeStore, until } from './fixtures.js';

const ids = (...list: string[]): { target: MemberTarget } => ({ target: { kind: 'ids', ids: list } });
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A memory cache whose writes wait while held; `saved` shows what each key holds once a write settled. */
function gatedCache() {
  const inner = createMemoryCache();
  const saved = new Map<string, unknown>();
  let held: Array<() => void> | null = null;
  const cache: SegmentCache = {
    ...inner,
    async set(key, value) {
      if (held) await new Promise<void>((resolve) => held!.push(resolve));
      await inner.set(key, value);
      saved.set(key, structuredClone(value));
    },
  };
  return {
    cache,
    saved,
    hold: () => void (held = []),
    release() {
      const waiting = held ?? [];
      held = null;
      for (const resolve of waiting) resolve();
    },
  };
}

const outboxIds = (value: unknown) => ((value as MutationRecord[] | undefined) ?? []).map((r) => r.id);

describe('store: durable writes', () => {
  afterEach(cleanup);

  it('shows a write only once it is in the outbox; the action returns at once and later input sees it', async () => {
    const f = faulty(makeAdapter());
    const gate = gatedCache();
    const { store } = makeStore(f.adapter, { cache: gate.cache });
    await allTasks();
    const inOutboxWhenShown: string[][] = [];
    store.$segments.listen(() => {
      if (countOf(store, 'vips') === 9) inOutboxWhenShown.push(outboxIds(gate.saved.get('outbox')));
    });
    gate.hold();
    const assigned = store.assign(['vips'], ids('m001'));
    expect(assigned.actionId).to.be.a('string');
    const partners = store.createSegment({ name: 'Partners' });
    await expectReject(store.createSegment({ name: 'PARTNERS' }), 'name-taken');
    await pause(20);
    expect(countOf(store, 'vips'), 'not shown before it is saved').to.equal(8);
    expect(store.$segments.get().some((s) => s.name === 'Partners')).to.equal(false);
    expect(store.$status.get().pending).to.equal(2);
    expect(f.writes(), 'nor sent').to.have.length(0);
    gate.release();
    await until(() => countOf(store, 'vips') === 9);
    expect(inOutboxWhenShown[0]).to.include(assigned.actionId);
    await Promise.all([assigned, partners]);
    await store.settled();
    await until(() => outboxIds(gate.saved.get('outbox')).length === 0);
  });

  it('without a cache shows a write in the same tick', async () => {
    const { store } = makeStore(makeAdapter());
    await allTasks();
    const assigned = store.assign(['vips'], ids('m001'));
    expect(countOf(store, 'vips')).to.equal(9);
    await assigned;
  });

  it('replays the outbox of an earlier session in order, exactly once, a write that had landed included', async () => {
    const adapter = makeAdapter();
    const f = faulty(adapter);
    const cache = createMemoryCache();
    // Slow retries: the first session is gone before it asks again.
    const first = makeStore(f.adapter, { cache, retry: { baseMs: 60_000, maxMs: 60_000, maxAttempts: 4 } });
    await allTasks();
    f.fail('lost-response');
    void first.store.assign(['vips'], ids('m001')).catch(() => undefined);
    await until(() => f.writes().length === 1);
    void first.store.createSegment({ name: 'After' }).catch(() => undefined);
    void first.store.renameSegment('vips', 'V.I.P.').catch(() => undefined);
    await until(async () => ((await cache.get<MutationRecord[]>('outbox')) ?? []).length === 3);
    first.store.destroy();

    const second = makeStore(f.adapter, { cache });
    await second.store.ready;
    expect(second.store.segmentById('vips')).to.include({ name: 'V.I.P.', memberCount: 9, pending: true });
    await second.store.settled();
    const sent = f.writes();
    expect(sent.map((w) => w.method)).to.deep.equal(['changeMembership', 'changeMembership', 'createSegment', 'updateSegment']);
    const requestId = (i: number) => (sent[i]!.args.at(-1) as { requestId: string }).requestId;
    expect(requestId(1), 'replayed with its request id').to.equal(requestId(0));
    const server = adapter.snapshot().segments;
    expect(server.filter((s) => s.name === 'After')).to.have.length(1);
    expect(server.find((s) => s.id === 'vips')).to.include({ name: 'V.I.P.', memberCount: 9 });
    expect(countOf(second.store, 'vips')).to.equal(9);
    expect(await cache.get('outbox')).to.deep.equal([]);
  });

  it('replays an Undo made offline before the reload, behind what it reverses', async () => {
    const adapter = makeAdapter();
    const cache = createMemoryCache();
    const first = makeStore(adapter, { cache });
    await allTasks();
    first.connectivity.set(false);
    // m003 is in vips already: the Undo must not take it out.
    void first.store.assign(['vips'], ids('m001', 'm003')).catch(() => undefined);
    void first.store.undo().catch(() => undefined);
    void first.store.assign(['creators'], ids('m002')).catch(() => undefined);
    await until(async () => ((await cache.get<MutationRecord[]>('outbox')) ?? []).length === 3);
    first.store.destroy();

    const second = makeStore(adapter, { cache });
    await second.store.ready;
    expect([countOf(second.store, 'vips'), countOf(second.store, 'creators')], 'shown from the outbox').to.deep.equal([8, 7]);
    await second.store.settled();
    const member = (id: string) => adapter.snapshot().members.find((m) => m.id === id)!.segmentIds;
    expect(member('m001')).to.deep.equal([]);
    expect(member('m003')).to.deep.equal(['vips']);
    expect(member('m002')).to.deep.equal(['creators']);
  });

  it('rolls back a replayed write the backend refuses, and reports it once', async () => {
    const adapter = makeAdapter();
    const cache = createMemoryCache();
    const first = makeStore(adapter, { cache });
    await allTasks();
    first.connectivity.set(false);
    void first.store.createSegment({ name: 'Partners' }).catch(() => undefined);
    await until(async () => ((await cache.get<MutationRecord[]>('outbox')) ?? []).length === 1);
    first.store.destroy();
    await adapter.createSegment({ name: 'partners' }); // someone else took the name meanwhile

    const second = makeStore(adapter, { cache });
    const errors: string[] = [];
    second.store.on('error', (e) => errors.push(`${e.action}:${e.error.code}`));
    await second.store.ready;
    await second.store.settled();
    await allTasks();
    expect(errors).to.deep.equal(['create-segment:name-taken']);
    expect(second.store.$segments.get().filter((s) => s.name.toLowerCase() === 'partners').map((s) => s.name)).to.deep.equal(['partners']);
    expect(second.store.$status.get().pending).to.equal(0);
    expect(await cache.get('outbox')).to.deep.equal([]);
  });
});
