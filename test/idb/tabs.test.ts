/**
 * Tab sync in a real browser: two instances in one page stand for two tabs
 * (BroadcastChannel and Web Locks do not tell them apart).
 */
import type { TabMessage, TabSync } from '@segkit/core';
import { SegkitError } from '@segkit/core';
import { createTabSync } from '@segkit/idb';
import { until } from '../core/fixtures.js';
import { expect, expectReject } from '../setup/expect.js';
import { pause, restoreStubs, stub, watchUncaught } from './helpers.js';

/** A task that holds its lock until `release()`. */
function holder() {
  let release!: () => void;
  let entered!: () => void;
  const inside = new Promise<void>((resolve) => (entered = resolve));
  const done = new Promise<void>((resolve) => (release = resolve));
  return {
    task: async () => {
      entered();
      await done;
      return 'held';
    },
    inside,
    release: () => release(),
  };
}

let n = 0;
const namespace = () => `tabs-test-${Date.now()}-${(n += 1)}`;

describe('tab sync', () => {
  const syncs: TabSync[] = [];
  const make = (ns: string) => {
    const sync = createTabSync({ namespace: ns });
    syncs.push(sync);
    return sync;
  };
  afterEach(() => {
    restoreStubs();
    for (const sync of syncs.splice(0)) sync.close();
  });

  it('delivers messages to the other tabs of its namespace, not to itself nor to other namespaces', async () => {
    const ns = namespace();
    const [a, b, stranger] = [make(ns), make(ns), make(namespace())];
    expect(a.tabId).to.not.equal(b.tabId);
    const heard: Record<string, TabMessage[]> = { a: [], b: [], stranger: [] };
    a.subscribe((m) => heard.a!.push(m));
    b.subscribe((m) => heard.b!.push(m));
    stranger.subscribe((m) => heard.stranger!.push(m));
    a.post({ type: 'changed', scope: 'segments', tabId: a.tabId });
    b.post({ type: 'outbox', tabId: b.tabId });
    await until(() => heard.a!.length === 1 && heard.b!.length === 1);
    await pause(50);
    expect(heard.b).to.deep.equal([{ type: 'changed', scope: 'segments', tabId: a.tabId }]);
    expect(heard.a).to.deep.equal([{ type: 'outbox', tabId: b.tabId }]);
    expect(heard.stranger).to.deep.equal([]);
  });

  it('ignores what is not a tab message (another version, another script on the channel) and stops after unsubscribe', async () => {
    const ns = namespace();
    const b = make(ns);
    const heard: TabMessage[] = [];
    const off = b.subscribe((m) => heard.push(m));
    const raw = new BroadcastChannel(`segkit:${ns}`);
    raw.postMessage('hello');
    raw.postMessage({ type: 'changed', scope: 'everything', tabId: 'tab_x' });
    raw.postMessage({ type: 'reload-all', tabId: 'tab_x' });
    raw.postMessage({ type: 'outbox', tabId: 'tab_x', extra: '<img onerror=alert(1)>' });
    await until(() => heard.length === 1);
    expect(heard).to.deep.equal([{ type: 'outbox', tabId: 'tab_x' }]);
    off();
    raw.postMessage({ type: 'outbox', tabId: 'tab_y' });
    await pause(100);
    raw.close();
    expect(heard).to.have.length(1);
  });

  it('tryLock answers null while another tab holds the lock, and gets it after release', async () => {
    const ns = namespace();
    const [a, b] = [make(ns), make(ns)];
    const held = holder();
    const holding = a.lock('replay', held.task);
    await held.inside;
    let ran = false;
    expect(await b.tryLock('replay', async () => ((ran = true), 'b'))).to.equal(null);
    expect(ran, 'the task did not run').to.equal(false);
    expect(await b.tryLock('other-lock', async () => 'free')).to.equal('free');
    held.release();
    expect(await holding).to.equal('held');
    expect(await b.tryLock('replay', async () => 'b')).to.equal('b');
  });

  it('lock waits for the holder, then runs; a rejected task still releases it', async () => {
    const ns = namespace();
    const [a, b] = [make(ns), make(ns)];
    const order: string[] = [];
    const held = holder();
    const first = a.lock('replay', async () => {
      order.push('a starts');
      await held.task();
      order.push('a ends');
    });
    await held.inside;
    const second = b.lock('replay', async () => {
      order.push('b runs');
      return 2;
    });
    await pause(50);
    expect(order).to.deep.equal(['a starts']);
    held.release();
    expect(await second).to.equal(2);
    await first;
    expect(order).to.deep.equal(['a starts', 'a ends', 'b runs']);
    await expectReject(a.lock('replay', async () => Promise.reject(new SegkitError('network', 'lost'))), 'network');
    expect(await b.tryLock('replay', async () => 'free again')).to.equal('free again');
  });

  it('keeps namespaces apart: the same lock name in another namespace is another lock', async () => {
    const [a, other] = [make(namespace()), make(namespace())];
    const held = holder();
    const holding = a.lock('replay', held.task);
    await held.inside;
    expect(await other.tryLock('replay', async () => 'mine')).to.equal('mine');
    held.release();
    await holding;
  });

  it('after close: hears nothing, posts nothing, and a lock request still waiting rejects with aborted', async () => {
    const ns = namespace();
    const [a, b] = [make(ns), make(ns)];
    const heard: TabMessage[] = [];
    b.subscribe((m) => heard.push(m));
    const held = holder();
    const holding = a.lock('replay', held.task);
    await held.inside;
    const waiting = b.lock('replay', async () => 'never');
    b.close();
    await expectReject(waiting, 'aborted');
    await expectReject(b.lock('replay', async () => 'x'), 'aborted');
    a.post({ type: 'outbox', tabId: a.tabId });
    await pause(100);
    expect(heard).to.deep.equal([]);
    held.release();
    await holding;
  });

  it('degrades without BroadcastChannel and Web Locks: messages go nowhere, locks hold within the page', async () => {
    const watch = watchUncaught();
    stub(window, 'BroadcastChannel', undefined as unknown as typeof BroadcastChannel);
    stub(navigator, 'locks', undefined as unknown as LockManager);
    const ns = namespace();
    const [a, b] = [make(ns), make(ns)];
    const heard: TabMessage[] = [];
    b.subscribe((m) => heard.push(m));
    a.post({ type: 'outbox', tabId: a.tabId });
    expect(await a.lock('replay', async () => 'ran')).to.equal('ran');
    const held = holder();
    const holding = a.lock('replay', held.task);
    await held.inside;
    expect(await b.tryLock('replay', async () => 'b')).to.equal(null);
    const waiting = b.lock('replay', async () => 'b after a');
    held.release();
    expect(await holding).to.equal('held');
    expect(await waiting).to.equal('b after a');
    expect(await b.tryLock('replay', async () => 'b again')).to.equal('b again');
    await pause(50);
    expect(heard).to.deep.equal([]);
    expect(watch.stop()).to.deep.equal([]);
  });

  it('falls back to page locks when the lock manager refuses (opaque origins throw SecurityError)', async () => {
    const refuse = () => Promise.reject(new DOMException('The request was denied.', 'SecurityError'));
    stub(navigator, 'locks', { request: refuse, query: refuse } as unknown as LockManager);
    const sync = make(namespace());
    expect(await sync.lock('replay', async () => 'ran anyway')).to.equal('ran anyway');
    expect(await sync.tryLock('replay', async () => 'tried anyway')).to.equal('tried anyway');
  });
});
