/**
 * The write queue through its own interface: a fake `execute` scripted per
 * call, manual connectivity, short retry delays.
 */
import { SegkitError } from '../../packages/core/src/errors.js';
import { manualConnectivity } from '../../packages/core/src/store/connectivity.js';
import type { MutationRecord, QueuedWrite } from '../../packages/core/src/store/mutation.js';
import type { Settlement, WriteQueueOptions } from '../../packages/core/src/store/queue.js';
import { createWriteQueue } from '../../packages/core/src/store/queue.js';
import { expect, expectReject } from '../setup/expect.js';
import { until } from './fixtures.js';

type Outcome = unknown | SegkitError | Promise<unknown>;

/** A queue whose backend answers from `script` (one outcome per call; a SegkitError is thrown), recording everything. */
function setup(script: Outcome[] = [], options: Partial<WriteQueueOptions> = {}) {
  const connectivity = manualConnectivity(true);
  const sent: string[] = [];
  const settled: string[] = [];
  const persisted: MutationRecord[][] = [];
  const reachable: boolean[] = [];
  let idle = 0;
  const queue = createWriteQueue({
    async execute(write) {
      if (write.cancelled) return undefined;
      sent.push(write.id);
      const outcome = script.length ? script.shift() : { ok: write.id };
      if (outcome instanceof SegkitError) throw outcome;
      return outcome;
    },
    connectivity,
    retry: { baseMs: 1, maxMs: 4, maxAttempts: 3 },
    persist: async (records) => void persisted.push(records),
    settled(write: QueuedWrite, outcome: Settlement) {
      settled.push(`${write.id}:${outcome.status === 'confirmed' ? 'confirmed' : `reverted:${outcome.error.code}`}`);
    },
    reachable: (ok) => reachable.push(ok),
    idle: () => (idle += 1),
    ...options,
  });
  return { queue, connectivity, sent, settled, persisted, reachable, idle: () => idle };
}

const create = (id: string, more: Partial<MutationRecord> = {}): MutationRecord => ({
  id,
  kind: 'create-segment',
  draft: { id: `seg_${id}`, name: id },
  ...more,
});

function deferred() {
  let resolve!: (value: unknown) => void;
  const promise = new Promise<unknown>((r) => (resolve = r));
  return { promise, resolve };
}

describe('queue: the write queue', () => {
  it('sends one write at a time, in the order queued, and settles each with its answer', async () => {
    const first = deferred();
    const { queue, sent, settled } = setup([first.promise, { ok: 'b' }]);
    const a = queue.enqueue(create('a'));
    const b = queue.enqueue(create('b'));
    expect(queue.$queued.get().map((w) => w.id)).to.deep.equal(['a', 'b']);
    await until(() => sent.length === 1);
    await new Promise((r) => setTimeout(r, 10));
    expect(sent, 'b waits while a is in flight').to.deep.equal(['a']);
    first.resolve({ ok: 'a' });
    expect(await a.done).to.deep.equal({ ok: 'a' });
    expect(await b.done).to.deep.equal({ ok: 'b' });
    expect(sent).to.deep.equal(['a', 'b']);
    expect(settled).to.deep.equal(['a:confirmed', 'b:confirmed']);
    expect(queue.$writes.get()).to.deep.equal([]);
  });

  it('retries a network fault with the same write until it gets through, showing attempts and the last error', async () => {
    const { queue, sent, reachable } = setup([
      new SegkitError('network', 'lost'),
      new SegkitError('network', 'lost again'),
      { ok: true },
    ]);
    const seen: Array<[number, string | undefined]> = [];
    queue.$queued.listen((writes) => {
      if (writes[0]) seen.push([writes[0].attempts, writes[0].lastError?.message]);
    });
    const a = queue.enqueue(create('a'));
    expect(await a.done).to.deep.equal({ ok: true });
    expect(sent).to.deep.equal(['a', 'a', 'a']);
    expect(seen).to.deep.include([1, 'lost']);
    expect(seen).to.deep.include([2, 'lost again']);
    expect(reachable, 'unreachable while retrying, reachable once through').to.deep.equal([false, false, true]);
  });

  it('waits as long as Retry-After says when it is within retry.baseMs .. maxMs', async () => {
    const { queue } = setup([new SegkitError('server', '429', { status: 429, retryAfterMs: 5 }), { ok: true }], {
      retry: { baseMs: 1, maxMs: 60_000, maxAttempts: 3 },
    });
    expect(await queue.enqueue(create('a')).done).to.deep.equal({ ok: true });
  });

  it('gives up on a failing server after maxAttempts, rolls back with its error and goes on', async () => {
    const fail = () => new SegkitError('server', '503', { status: 503 });
    const { queue, sent, settled } = setup([fail(), fail(), fail(), { ok: 'b' }]);
    const a = queue.enqueue(create('a'));
    const b = queue.enqueue(create('b'));
    await expectReject(a.done, 'server');
    expect(await b.done).to.deep.equal({ ok: 'b' });
    expect(sent).to.deep.equal(['a', 'a', 'a', 'b']);
    expect(settled).to.deep.equal(['a:reverted:server', 'b:confirmed']);
  });

  it('counts only 5xx / 429 answers towards maxAttempts, not faults that never reached the server', async () => {
    const { queue, sent, settled } = setup(
      [new SegkitError('offline', 'offline'), new SegkitError('offline', 'offline'), new SegkitError('server', '503', { status: 503 }), { ok: true }],
      { retry: { baseMs: 1, maxMs: 4, maxAttempts: 2 } },
    );
    expect(await queue.enqueue(create('a')).done).to.deep.equal({ ok: true });
    expect(sent).to.deep.equal(['a', 'a', 'a', 'a']);
    expect(settled).to.deep.equal(['a:confirmed']);
  });

  it('does not roll back a write that may have landed when 5xx answers run out: it asks again until it gets an answer', async () => {
    const fail = () => new SegkitError('server', '503', { status: 503 });
    const { queue, sent, settled } = setup([new SegkitError('network', 'answer lost'), fail(), fail(), fail(), { ok: true }], {
      retry: { baseMs: 1, maxMs: 4, maxAttempts: 2 },
    });
    expect(await queue.enqueue(create('a')).done).to.deep.equal({ ok: true });
    expect(sent).to.deep.equal(['a', 'a', 'a', 'a', 'a']);
    expect(settled).to.deep.equal(['a:confirmed']);
  });

  it('pauses on unauthorized, keeping every write, and sends again on resume()', async () => {
    const paused: string[] = [];
    const { queue, sent, settled } = setup([new SegkitError('unauthorized', '401', { status: 401 })], {
      paused: (error, write) => paused.push(error ? `${error.code}:${write!.id}` : 'resumed'),
    });
    const a = queue.enqueue(create('a'));
    const b = queue.enqueue(create('b'));
    await until(() => paused.length === 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(sent, 'nothing more is sent while paused').to.deep.equal(['a']);
    expect(queue.$queued.get().map((w) => w.id)).to.deep.equal(['a', 'b']);
    expect(settled).to.deep.equal([]);
    queue.resume();
    await Promise.all([a.done, b.done]);
    expect(sent).to.deep.equal(['a', 'a', 'b']);
    expect(paused).to.deep.equal(['unauthorized:a', 'resumed']);
  });

  it('rolls a group back as a whole: its writes not sent are dropped, its confirmed ones undone first', async () => {
    const { queue, sent, settled } = setup([{ ok: 'a' }, new SegkitError('invalid-input', 'no')], {
      inverse: (write) => [create(`undo-${write.id}`)],
    });
    const [a, b, c] = queue.enqueueAll([create('a', { group: 'g' }), create('b', { group: 'g' }), create('c', { group: 'g' })]);
    const d = queue.enqueue(create('d'));
    await a!.done;
    await expectReject(b!.done, 'invalid-input');
    await expectReject(c!.done, 'invalid-input');
    await d.done;
    await queue.settled();
    expect(sent).to.deep.equal(['a', 'b', 'undo-a', 'd']);
    expect(settled).to.deep.equal(['a:confirmed', 'b:reverted:invalid-input', 'c:reverted:invalid-input', 'undo-a:confirmed', 'd:confirmed']);
  });

  it('never gives up the repair of a group for want of an answer: 5xx answers past maxAttempts are retried', async () => {
    const fail = () => new SegkitError('server', '503', { status: 503 });
    const { queue, sent, settled } = setup([{ ok: 'a' }, new SegkitError('invalid-input', 'no'), fail(), fail(), fail(), fail(), { ok: 'fix' }], {
      inverse: (write) => [create(`undo-${write.id}`)],
    });
    const [, b] = queue.enqueueAll([create('a', { group: 'g' }), create('b', { group: 'g' })]);
    await expectReject(b!.done, 'invalid-input');
    await queue.settled();
    expect(sent).to.deep.equal(['a', 'b', 'undo-a', 'undo-a', 'undo-a', 'undo-a', 'undo-a']);
    expect(settled).to.deep.equal(['a:confirmed', 'b:reverted:invalid-input', 'undo-a:confirmed']);
  });

  it('resolves a write that reverses another from that one\'s answer, and cancels it when that one is refused', async () => {
    const seen: string[] = [];
    const { queue, sent } = setup([{ changed: ['m1'] }, { ok: 'ra' }, new SegkitError('invalid-input', 'no')], {
      resolve(reversal, original, outcome) {
        seen.push(`${reversal.id}<-${original.id}:${outcome ? JSON.stringify(outcome.result) : 'never'}`);
        return outcome ? { patch: { name: 'resolved' } } : { cancelled: true };
      },
    });
    queue.enqueue(create('a'));
    const ra = queue.enqueue(create('ra', { reverses: 'a' }));
    const b = queue.enqueue(create('b'));
    const rb = queue.enqueue(create('rb', { reverses: 'b' }));
    await ra.done;
    await expectReject(b.done, 'invalid-input');
    await rb.done;
    expect(seen).to.deep.equal(['ra<-a:{"changed":["m1"]}', 'rb<-b:never']);
    expect(sent, 'a cancelled write is not sent').to.deep.equal(['a', 'ra', 'b']);
    expect(ra.patch).to.deep.equal({ name: 'resolved' });
    expect(ra.reverses).to.equal(undefined);
  });

  it('shows and sends a write only once a save holding it has settled; changes made meanwhile go in one next save', async () => {
    const saves: Array<{ ids: string[]; done: () => void }> = [];
    const shown: string[] = [];
    const { queue, sent } = setup([], {
      persist: (records) => new Promise<void>((done) => saves.push({ ids: records.map((r) => r.id), done })),
      shown: (write) => shown.push(write.id),
    });
    const a = queue.enqueue(create('a'));
    queue.enqueue(create('b'));
    const c = queue.enqueue(create('c'));
    await new Promise((r) => setTimeout(r, 10));
    expect(queue.$queued.get()).to.have.length(3);
    expect(queue.$writes.get(), 'not shown before it is saved').to.deep.equal([]);
    expect([shown, sent]).to.deep.equal([[], []]);
    expect(saves.map((s) => s.ids)).to.deep.equal([['a']]);
    saves[0]!.done();
    await a.done;
    expect(shown).to.deep.equal(['a']);
    expect(sent).to.deep.equal(['a']);
    expect(saves[1]!.ids, 'b and c in one save').to.deep.equal(['a', 'b', 'c']);
    saves[1]!.done();
    await c.done;
    expect(shown).to.deep.equal(['a', 'b', 'c']);
    expect(sent).to.deep.equal(['a', 'b', 'c']);
  });

  it('rolls a refused write back at once with the writes that depend on it; independent writes go on', async () => {
    const { queue, sent, settled } = setup([new SegkitError('name-taken', 'taken')]);
    const a = queue.enqueue(create('a'));
    const dependant = queue.enqueue({ id: 'b', kind: 'membership', dependsOn: 'a' });
    const ofDependant = queue.enqueue({ id: 'c', kind: 'membership', dependsOn: 'b' });
    const other = queue.enqueue(create('d'));
    await expectReject(a.done, 'name-taken');
    await expectReject(dependant.done, 'name-taken');
    await expectReject(ofDependant.done, 'name-taken');
    await other.done;
    expect(sent, 'dropped writes are never sent').to.deep.equal(['a', 'd']);
    expect(settled).to.deep.equal(['a:reverted:name-taken', 'b:reverted:name-taken', 'c:reverted:name-taken', 'd:confirmed']);
  });

  it('sends nothing while offline and everything, in order, when woken back online', async () => {
    const { queue, connectivity, sent, reachable } = setup([], { retry: { baseMs: 1, maxMs: 60_000, maxAttempts: 3 } });
    connectivity.set(false);
    const a = queue.enqueue(create('a'));
    const b = queue.enqueue(create('b'));
    await new Promise((r) => setTimeout(r, 20));
    expect(sent).to.deep.equal([]);
    expect(reachable).to.deep.equal([false]);
    expect(queue.isIdle()).to.equal(false);
    connectivity.set(true);
    queue.wake();
    await Promise.all([a.done, b.done]);
    expect(sent).to.deep.equal(['a', 'b']);
  });

  it('persists the queue as plain outbox records after every change', async () => {
    const { queue, persisted } = setup();
    const a = queue.enqueue(create('a', { estimate: null }));
    expect(persisted.at(-1)).to.deep.equal([{ id: 'a', kind: 'create-segment', draft: { id: 'seg_a', name: 'a' }, estimate: null }]);
    await a.done;
    expect(persisted.at(-1)).to.deep.equal([]);
    expect(persisted).to.have.length(2);
  });

  it('restores an outbox first, skipping writes already queued, and knows their ids as its own', async () => {
    const { queue, sent, persisted } = setup();
    const fresh = queue.enqueue(create('new'));
    queue.restore([create('old1'), create('new'), create('old2')]);
    expect(queue.$queued.get().map((w) => w.id)).to.deep.equal(['old1', 'old2', 'new']);
    await fresh.done;
    await queue.settled();
    expect(sent).to.deep.equal(['old1', 'old2', 'new']);
    expect(queue.owns('old1') && queue.owns('new')).to.equal(true);
    expect(queue.owns('never')).to.equal(false);
    expect(persisted.at(-1)).to.deep.equal([]);
  });

  it('settled() waits for the last write; idle is reported once the queue empties', async () => {
    const { queue, idle } = setup([new SegkitError('network', 'lost')]);
    let done = false;
    queue.enqueue(create('a'));
    const waiting = queue.settled().then(() => (done = true));
    expect(done).to.equal(false);
    await waiting;
    expect(queue.$writes.get()).to.deep.equal([]);
    expect(idle()).to.equal(1);
    expect(queue.isIdle()).to.equal(true);
  });

  it('folds a confirmed answer while the write is still queued, then lets it go', async () => {
    const seen: string[][] = [];
    const { queue } = setup([], {
      apply(write, result) {
        seen.push([write.id, JSON.stringify(result), ...queue.$writes.get().map((w) => w.id)]);
      },
    });
    await queue.enqueue(create('a')).done;
    expect(seen).to.deep.equal([['a', '{"ok":"a"}', 'a']]);
  });

  it('marks reads that overlap a write (decision 004)', async () => {
    const answer = deferred();
    const { queue, sent } = setup([answer.promise]);
    const quiet = queue.mark();
    expect(queue.quietSince(quiet)).to.equal(true);
    const a = queue.enqueue(create('a'));
    await until(() => sent.length === 1);
    expect(queue.mark(), 'no mark while a write is in flight').to.equal(null);
    expect(queue.quietSince(quiet)).to.equal(false);
    answer.resolve({ ok: true });
    await a.done;
    expect(queue.quietSince(quiet), 'a write started and settled since').to.equal(false);
    expect(queue.quietSince(queue.mark())).to.equal(true);
  });

  it('stops for good: nothing more is sent, waiters are released, queued writes stay', async () => {
    const { queue, connectivity, sent } = setup();
    connectivity.set(false);
    queue.enqueue(create('a'));
    const waiting = queue.settled();
    queue.stop();
    await waiting;
    connectivity.set(true);
    queue.wake();
    await new Promise((r) => setTimeout(r, 20));
    expect(sent).to.deep.equal([]);
    expect(queue.$writes.get().map((w) => w.id)).to.deep.equal(['a']);
  });
});
