/**
 * Schema versions: data written with the first version's layout (made here
 * by hand) is migrated on open; an old tab that never lets go of its
 * connection cannot wedge a new one, and a cache lets go when a newer tab
 * upgrades.
 */
import { SCHEMA_VERSION, createIdbCache } from '@segkit/idb';
import type { IdbCache } from '@segkit/idb';
import { openDB } from 'idb';
import { estimateBytes } from '../../packages/idb/src/records.js';
import { expect, expectReject } from '../setup/expect.js';
import { dropDatabases, page, pause, readRaw, uniqueDb, watchUncaught } from './helpers.js';

const SEGMENTS = { items: [{ id: 'vips', name: 'VIPs', memberCount: 3 }], unassignedCount: 1, totalMembers: 4 };
const OUTBOX = [{ id: 'mut_1', kind: 'assign', segmentIds: ['vips'], ids: ['m1'] }];

/** A database exactly as version 1 wrote it: one `entries` store, values under [namespace, key]. Left open when `keepOpen`. */
async function writeVersion1(name: string, keepOpen = false) {
  const db = await openDB(name, 1, {
    upgrade(database) {
      database.createObjectStore('entries');
    },
  });
  await db.put('entries', SEGMENTS, ['tenant-a', 'segments']);
  await db.put('entries', OUTBOX, ['tenant-a', 'outbox']);
  await db.put('entries', page(10, 'v1'), ['tenant-a', 'members:q:0']);
  await db.put('entries', 'bob', ['tenant-b', 'segments']);
  if (!keepOpen) db.close();
  return db;
}

describe('idb cache: schema versions', () => {
  const caches: IdbCache[] = [];
  const make = (dbName: string, namespace: string, extra: { maxBytes?: number; blockedTimeoutMs?: number } = {}) => {
    const cache = createIdbCache({ namespace, dbName, ...extra });
    caches.push(cache);
    return cache;
  };
  afterEach(() => {
    for (const cache of caches.splice(0)) cache.close();
  });
  after(dropDatabases);

  it('opens a database written by the first version and finds every value, namespace and key', async () => {
    const name = uniqueDb('v1');
    await writeVersion1(name);
    const a = make(name, 'tenant-a');
    expect(await a.get('segments')).to.deep.equal(SEGMENTS);
    expect(await a.get('outbox')).to.deep.equal(OUTBOX);
    expect(await a.get('members:q:0')).to.deep.equal(page(10, 'v1'));
    expect((await a.keys('')).sort()).to.deep.equal(['members:q:0', 'outbox', 'segments']);
    expect(await make(name, 'tenant-b').get('segments')).to.equal('bob');

    const raw = await readRaw(name);
    expect(raw.version).to.equal(SCHEMA_VERSION);
    expect(Object.keys(raw.stores).sort()).to.deep.equal(['meta', 'namespaces', 'records']);
    const meta = raw.stores['meta']!.map(([, value]) => value as { ns: string; key: string; bytes: number; rank: number });
    expect(meta.map((m) => `${m.ns}/${m.key}/${m.rank}`).sort()).to.deep.equal([
      'tenant-a/members:q:0/0',
      'tenant-a/outbox/2',
      'tenant-a/segments/1',
      'tenant-b/segments/1',
    ]);
    const totals = Object.fromEntries(raw.stores['namespaces']!) as Record<string, { bytes: number; records: number }>;
    expect(totals['tenant-a']).to.deep.equal({
      records: 3,
      bytes: meta.filter((m) => m.ns === 'tenant-a').reduce((sum, m) => sum + m.bytes, 0),
    });
  });

  it('evicts migrated records in order: the old member page goes, the migrated queue stays', async () => {
    const name = uniqueDb('v1-evict');
    await writeVersion1(name);
    const budget = estimateBytes(SEGMENTS) + estimateBytes(OUTBOX) + estimateBytes(page(10, 'v1')) + estimateBytes(page(10, 'v2')) / 2;
    const cache = make(name, 'tenant-a', { maxBytes: budget });
    await cache.set('members:q:1', page(10, 'v2'));
    expect((await cache.keys('')).sort()).to.deep.equal(['members:q:1', 'outbox', 'segments']);
    expect(await cache.get('outbox')).to.deep.equal(OUTBOX);
  });

  it('gives up with quota when an old tab never lets go of its connection, and upgrades once it has', async () => {
    const watch = watchUncaught();
    const name = uniqueDb('blocked');
    const oldTab = await writeVersion1(name, true); // no versionchange handler: it will not close
    const cache = make(name, 'tenant-a', { blockedTimeoutMs: 100 });
    const error = await expectReject(cache.get('segments'), 'quota');
    expect(error.message).to.match(/older version/);
    await expectReject(cache.set('segments', SEGMENTS), 'quota');
    oldTab.close();
    await pause(200); // the open that was given up goes through now, and is closed at once
    expect(await make(name, 'tenant-a').get('segments')).to.deep.equal(SEGMENTS);
    expect(watch.stop()).to.deep.equal([]);
  });

  it('closes itself when a newer tab upgrades, so the newer tab is not blocked, and then rejects with quota', async () => {
    const watch = watchUncaught();
    const name = uniqueDb('newer');
    const cache = make(name, 'tenant-a');
    await cache.set('segments', SEGMENTS);
    let blocked = false;
    const newer = await openDB(name, SCHEMA_VERSION + 1, {
      blocked() {
        blocked = true;
      },
    });
    newer.close();
    expect(blocked, 'the newer tab was blocked').to.equal(false);
    const error = await expectReject(cache.get('segments'), 'quota');
    expect(error.message).to.match(/upgraded or deleted/);
    expect(watch.stop()).to.deep.equal([]);
  });
});
