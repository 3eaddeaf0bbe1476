/**
 * Randomized: random sequences of user actions against a store whose backend
 * fails at random (requests lost before or after being applied, 503s, 429s
 * with Retry-After, going offline and back), checked against a plain model.
 *
 * - Every invalid action must be refused at once with the model's error code
 *   (an Undo too: a refused Undo leaves the action undoable).
 * - Undo is left un-awaited, often before the action it reverses is confirmed.
 * - In half the sequences 5xx answers run out (`maxAttempts: 1`) and the
 *   backend refuses writes at random (422): writes are rolled back, with
 *   what depends on them or shares their action. Then the truth is the model replayed over the actions
 *   the store reported landed, in order; after each rollback the test waits
 *   for the queue, checks the store and the server against that truth, and
 *   goes on from it. Elsewhere every valid action must land exactly once.
 * - Half the sequences never re-read after the first load (the store's own
 *   bookkeeping of confirmed answers must be exact); the others apply random
 *   filters (a segment or Unassigned) and check the filtered list's rows and
 *   total, re-read by the store itself.
 */
import type { MemberTarget, MemoryAdapter, SegmentStore } from '@segkit/core';
import { SegkitError, UNASSIGNED_ID, checkSegmentName, createMemoryAdapter } from '@segkit/core';
import { allTasks } from 'nanostores';
import { expect } from '../setup/expect.js';
import { SEGMENTS, T0, cleanup, countOf, faulty, makeMembers, makeStore } from './fixtures.js';
import type { Fault } from './fixtures.js';

const SEQUENCES = 24;
const STEPS = 36;
const MEMBERS = 30;
const NAMES = ['Alpha', 'alpha ', 'Beta', 'BETA', 'Gamma', 'VIPs', '  ', 'Unassigned', 'Delta', '<b>Epsilon</b>', 'x'.repeat(81)];
const FAULTS: Array<Fault | undefined> = [undefined, undefined, undefined, 'network', 'lost-response', 'server', 'rate-limited'];
/** Where writes may be rolled back: more 5xx, and refusals (422). */
const HARSH: Array<Fault | undefined> = [...FAULTS, 'server', 'refuse'];

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
    subset: <T>(xs: readonly T[], p: number) => xs.filter(() => next() < p),
  };
}

type Last =
  | { kind: 'membership'; op: 'assign' | 'unassign'; effects: Array<[string, string[]]> }
  | { kind: 'create-and-assign'; segmentId: string }
  | { kind: 'delete-segment'; segmentId: string; name: string; memberIds: string[] }
  | null;

type Outcome = 'pending' | 'ok' | 'failed';

/** What the user did (valid at the time), and what the store reported of it. */
type Entry = { outcome: Outcome } & (
  | { kind: 'create' | 'rename'; id: string; name: string }
  | { kind: 'delete'; id: string }
  | { kind: 'membership'; op: 'assign' | 'unassign'; segmentIds: string[]; target: MemberTarget }
  | { kind: 'create-and-assign'; id: string; name: string; ids: string[] }
  | { kind: 'undo' }
);

/** The plain model: segment names, who is in what, and the action Undo reverses. */
class Model {
  segments = new Map<string, string>();
  members = new Map<string, Set<string>>();
  last: Last = null;

  static initial(): Model {
    const model = new Model();
    for (const s of SEGMENTS) model.segments.set(s.id, s.name);
    for (const m of makeMembers(MEMBERS)) model.members.set(m.id, new Set(m.segmentIds));
    return model;
  }

  clone(): Model {
    const copy = new Model();
    copy.segments = new Map(this.segments);
    copy.members = new Map([...this.members].map(([id, s]) => [id, new Set(s)]));
    copy.last = structuredClone(this.last);
    return copy;
  }

  nameError(name: string, selfId?: string): string | null {
    try {
      checkSegmentName(name, [...this.segments].map(([id, n]) => ({ id, name: n })), selfId);
      return null;
    } catch (error) {
      return (error as SegkitError).code;
    }
  }

  /** Members in `segment` (Unassigned: in none). */
  inSegment(segment: string): string[] {
    return [...this.members]
      .filter(([, segs]) => (segment === UNASSIGNED_ID ? segs.size === 0 : segs.has(segment)))
      .map(([id]) => id);
  }

  resolve(target: MemberTarget): string[] {
    if (target.kind === 'ids') return [...new Set(target.ids)].filter((id) => this.members.has(id));
    return this.inSegment(target.filter.include[0]!).filter((id) => !target.except.includes(id));
  }

  change(op: 'assign' | 'unassign', segmentIds: string[], target: MemberTarget): Array<[string, string[]]> {
    const ids = this.resolve(target);
    return segmentIds.map((segmentId) => {
      const changed = ids.filter((id) => this.members.get(id)!.has(segmentId) !== (op === 'assign'));
      for (const id of changed) {
        if (op === 'assign') this.members.get(id)!.add(segmentId);
        else this.members.get(id)!.delete(segmentId);
      }
      return [segmentId, changed];
    });
  }

  remove(segmentId: string): string[] {
    const memberIds = this.inSegment(segmentId);
    for (const id of memberIds) this.members.get(id)!.delete(segmentId);
    this.segments.delete(segmentId);
    return memberIds;
  }

  count(segmentId: string): number {
    return this.inSegment(segmentId).length;
  }

  /**
   * Plays one action as the backend applies it: `landed` false for an action
   * the store reported refused (it changed nothing; Undo forgets a refused
   * action, a refused Undo leaves its action undoable).
   */
  play(entry: Entry, landed: boolean): void {
    if (entry.kind === 'undo') {
      const last = this.last;
      if (!landed) return;
      this.last = null;
      if (last?.kind === 'membership') {
        const inverse = last.op === 'assign' ? 'unassign' : 'assign';
        for (const [segmentId, ids] of last.effects) if (ids.length) this.change(inverse, [segmentId], { kind: 'ids', ids });
      } else if (last?.kind === 'create-and-assign') this.remove(last.segmentId);
      else if (last?.kind === 'delete-segment') {
        this.segments.set(last.segmentId, last.name);
        if (last.memberIds.length) this.change('assign', [last.segmentId], { kind: 'ids', ids: last.memberIds });
      }
      return;
    }
    if (!landed) {
      if (entry.kind === 'delete' || entry.kind === 'membership' || entry.kind === 'create-and-assign') this.last = null;
      return;
    }
    if (entry.kind === 'create' || entry.kind === 'rename') this.segments.set(entry.id, entry.name.trim());
    else if (entry.kind === 'delete') {
      const name = this.segments.get(entry.id)!;
      this.last = { kind: 'delete-segment', segmentId: entry.id, name, memberIds: this.remove(entry.id) };
    } else if (entry.kind === 'membership') {
      this.last = { kind: 'membership', op: entry.op, effects: this.change(entry.op, entry.segmentIds, entry.target) };
    } else if (entry.kind === 'create-and-assign') {
      this.segments.set(entry.id, entry.name.trim());
      this.change('assign', [entry.id], { kind: 'ids', ids: entry.ids });
      this.last = { kind: 'create-and-assign', segmentId: entry.id };
    }
  }
}

/** The truth: the initial state with every action the store reported landed, in order. */
function replay(entries: readonly Entry[]): Model {
  const model = Model.initial();
  for (const entry of entries) {
    expect(entry.outcome, `settled: ${entry.kind}`).to.not.equal('pending');
    model.play(entry, entry.outcome === 'ok');
  }
  return model;
}

async function expectCode(promise: Promise<unknown>, code: string, what: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect((error as SegkitError).code, what).to.equal(code);
    return;
  }
  expect.fail(`${what}: expected "${code}", but it succeeded`);
}

interface Stats {
  faults: number;
  refused: number;
  /** Writes rolled back (refusals reported), and the checks of the truth that followed. */
  rollbacks: number;
  syncs: number;
  undoneEarly: number;
  filteredChecks: number;
}

async function runSequence(seed: number, stats: Stats): Promise<void> {
  const r = prng(seed);
  const adapter: MemoryAdapter = createMemoryAdapter({ members: makeMembers(MEMBERS), segments: SEGMENTS, now: () => T0 });
  const f = faulty(adapter);
  // Half the sequences let 5xx answers run out, so writes are rolled back (blind or not).
  const strict = seed % 4 > 1;
  const { store, connectivity } = makeStore(f.adapter, { retry: { baseMs: 1, maxMs: 4, maxAttempts: strict ? 1000 : 1 } });
  await allTasks();
  // Half the sequences never re-read the backend after the first load.
  const blind = seed % 2 === 0;
  if (blind) f.reads = 'network';
  let model = Model.initial();
  const memberIds = [...model.members.keys()];
  const entries: Entry[] = [];
  const log: string[] = [`seed ${seed}${strict ? '' : ' (rollbacks)'}${blind ? ' (blind)' : ''}`];
  let rolledBack = false;
  /** Check at the next step (right after a delete: did the filtered list follow?). */
  let checkSoon = false;
  store.on('error', (e) => {
    if (e.mutationId === undefined) return;
    if (strict) expect.fail(`${e.action} rolled back: ${e.error.message}\n${log.join('\n')}`);
    stats.rollbacks += 1;
    rolledBack = true;
  });

  const track = (p: Promise<unknown>, entry: Entry) => {
    entries.push(entry);
    p.then(
      () => (entry.outcome = 'ok'),
      (error) => {
        if (strict) expect.fail(`${entry.kind} should land but failed: ${String(error)}\n${log.join('\n')}`);
        entry.outcome = 'failed';
      },
    );
    model.play(entry, true);
  };
  const refuse = async (p: Promise<unknown>, code: string, what: string) => {
    stats.refused += 1;
    await expectCode(p, code, `${what}\n${log.join('\n')}`);
  };
  /** Waits for the queue, then checks the store and the server against the truth and goes on from it. */
  const sync = async (why: string) => {
    connectivity.set(true);
    await store.settled();
    await allTasks();
    await new Promise((r) => setTimeout(r, 0)); // the actions' promises settle a few microtasks after the queue
    const truth = replay(entries);
    check(store, adapter, truth, !blind, [...log, why]);
    model = truth.clone();
    rolledBack = false;
  };

  for (let step = 0; step < STEPS; step += 1) {
    if (rolledBack) {
      stats.syncs += 1;
      await sync(`(rolled back: checked at step ${step})`);
    }
    if (!blind && (checkSoon || r.next() < 0.08)) {
      stats.syncs += 1;
      await sync(`(checkpoint at step ${step})`);
    }
    checkSoon = false;
    for (let i = 0; i < 2; i += 1) {
      const fault = r.pick(strict ? FAULTS : HARSH);
      if (fault) {
        f.fail(fault);
        stats.faults += 1;
      }
    }
    if (r.next() < 0.08) connectivity.set(!connectivity.isOnline());
    if (r.next() < 0.1) void store.refresh();
    const action = r.int(9);
    const segs = [...model.segments.keys()];
    if (action === 0) {
      const name = r.pick(NAMES);
      log.push(`create ${JSON.stringify(name)}`);
      const code = model.nameError(name);
      const id = `seg_r${seed}_${step}`;
      if (code) await refuse(store.createSegment({ name }), code, `create ${name}`);
      else track(store.createSegment({ id, name }), { kind: 'create', id, name, outcome: 'pending' });
    } else if (action === 1 && segs.length) {
      const id = r.pick(segs);
      const name = r.pick(NAMES);
      log.push(`rename ${id} ${JSON.stringify(name)}`);
      const code = model.nameError(name, id);
      if (code) await refuse(store.renameSegment(id, name), code, `rename ${id}`);
      else track(store.renameSegment(id, name), { kind: 'rename', id, name, outcome: 'pending' });
    } else if (action === 2 && segs.length && r.next() < 0.5) {
      const id = r.pick(segs);
      log.push(`delete ${id}`);
      track(store.deleteSegment(id), { kind: 'delete', id, outcome: 'pending' });
      checkSoon = r.next() < 0.5;
    } else if ((action === 3 || action === 4) && segs.length) {
      const op = action === 3 ? 'assign' : 'unassign';
      const targets = r.subset(segs, 0.4);
      const segmentIds = targets.length ? targets : [r.pick(segs)];
      const ids = r.subset(memberIds, 0.2);
      const target: MemberTarget = { kind: 'ids', ids };
      log.push(`${op} ${segmentIds.join(',')} <- ${ids.length} ids`);
      if (ids.length === 0) await refuse(store[op](segmentIds, { target }), 'invalid-input', `${op} nobody`);
      else track(store[op](segmentIds, { target }), { kind: 'membership', op, segmentIds, target, outcome: 'pending' });
    } else if (action === 5 && segs.length) {
      const op = r.next() < 0.7 ? 'assign' : 'unassign';
      const from = r.pick([UNASSIGNED_ID, ...segs]);
      const to = r.pick(segs);
      const target: MemberTarget = {
        kind: 'query',
        filter: { include: [from], exclude: [], match: 'any', search: '', attributes: [] },
        except: r.subset(memberIds, 0.1),
      };
      log.push(`${op} ${to} <- all in ${from} but ${target.except.length}`);
      track(store[op]([to], { target }), { kind: 'membership', op, segmentIds: [to], target, outcome: 'pending' });
    } else if (action === 6) {
      const name = r.pick(NAMES);
      const ids = r.subset(memberIds, 0.2);
      const id = `seg_c${seed}_${step}`;
      log.push(`create-and-assign ${JSON.stringify(name)} <- ${ids.length}`);
      const code = model.nameError(name) ?? (ids.length ? null : 'invalid-input');
      const started = store.createAndAssign({ id, name }, { target: { kind: 'ids', ids } });
      if (code) await refuse(started, code, 'create-and-assign');
      else track(started, { kind: 'create-and-assign', id, name, ids, outcome: 'pending' });
    } else if (action === 7) {
      const last = model.last;
      log.push(`undo ${last?.kind ?? 'nothing'}`);
      const code = !last ? 'nothing-to-undo' : last.kind === 'delete-segment' ? model.nameError(last.name) : null;
      if (code) {
        await refuse(store.undo(), code, 'undo');
        expect(store.$lastAction.get()?.kind ?? null, `a refused Undo keeps its action\n${log.join('\n')}`).to.equal(last?.kind ?? null);
      } else {
        if (store.$pending.get().length) stats.undoneEarly += 1;
        track(store.undo(), { kind: 'undo', outcome: 'pending' });
      }
    } else if (action === 8 && !blind) {
      const include = r.next() < 0.25 ? [] : [r.next() < 0.5 ? UNASSIGNED_ID : r.pick(segs)];
      log.push(`filter ${include.join(',') || 'none'}`);
      store.applyFilter({ include });
    }
  }

  connectivity.set(true);
  await store.settled();
  await allTasks();
  await new Promise((r) => setTimeout(r, 0));
  const truth = replay(entries);
  check(store, adapter, truth, !blind, [...log, blind ? '(blind: no re-reads)' : '(re-reads allowed)', 'at the end']);
  if (!blind) stats.filteredChecks += 1;
  f.reads = 'ok';
  await store.refresh();
  await allTasks();
  check(store, adapter, truth, true, [...log, 'after a final refresh']);
}

/** The server and the store against `model`; with `rows`, the filtered list too (its rows were re-read). */
function check(store: SegmentStore, adapter: MemoryAdapter, model: Model, rows: boolean, log: string[]): void {
  const context = `\n${log.join('\n')}`;
  const server = adapter.snapshot();
  const sorted = (entries: Iterable<[string, string]>) => [...entries].map(([id, name]) => `${id}=${name}`).sort();
  expect(sorted(server.segments.map((s) => [s.id, s.name])), `server segments${context}`).to.deep.equal(sorted(model.segments));
  for (const member of server.members) {
    expect([...member.segmentIds].sort(), `server ${member.id}${context}`).to.deep.equal([...model.members.get(member.id)!].sort());
  }
  const shown = store.$segments.get();
  expect(shown.map((s) => s.id).sort(), `store segments${context}`).to.deep.equal([UNASSIGNED_ID, ...model.segments.keys()].sort());
  for (const id of [UNASSIGNED_ID, ...model.segments.keys()]) {
    expect(countOf(store, id), `count of ${id}${context}`).to.equal(model.count(id));
  }
  for (const segment of shown) if (!segment.system) expect(segment.name).to.equal(model.segments.get(segment.id));
  expect(store.$status.get().pending).to.equal(0);
  expect(store.$lastAction.get()?.kind ?? null, `last action${context}`).to.equal(model.last?.kind ?? null);
  const query = store.$query.get();
  expect(query.include.every((id) => id === UNASSIGNED_ID || model.segments.has(id)), `filter of a deleted segment${context}`).to.equal(true);
  const window = store.$members.get();
  const matching = new Set(query.include.length ? model.inSegment(query.include[0]!) : model.members.keys());
  if (rows) expect(window.total, `members matching ${query.include.join(',') || 'all'}${context}`).to.equal(matching.size);
  for (let i = 0; i < (window.total ?? 0); i += 1) {
    const row = window.at(i);
    if (!row) continue;
    expect([...row.segmentIds].sort(), `row ${row.id}${context}`).to.deep.equal([...model.members.get(row.id)!].sort());
    if (rows) expect(matching.has(row.id), `row ${row.id} matches ${query.include.join(',')}${context}`).to.equal(true);
  }
}

describe('store: randomized actions under random faults', function () {
  this.timeout(120_000);
  afterEach(cleanup);

  it(`ends in the model's state for ${SEQUENCES} random sequences of ${STEPS} actions`, async () => {
    const stats: Stats = { faults: 0, refused: 0, rollbacks: 0, syncs: 0, undoneEarly: 0, filteredChecks: 0 };
    for (let seed = 1; seed <= SEQUENCES; seed += 1) {
      await runSequence(seed, stats);
      cleanup();
    }
    // The run must really have exercised faults, refusals, rollbacks, early Undo and filters, or it proves little.
    expect(stats.faults).to.be.greaterThan(SEQUENCES * STEPS * 0.3);
    expect(stats.refused).to.be.greaterThan(SEQUENCES);
    expect(stats.rollbacks).to.be.greaterThan(SEQUENCES * 2);
    expect(stats.syncs).to.be.greaterThan(SEQUENCES);
    expect(stats.undoneEarly).to.be.greaterThan(SEQUENCES / 2);
    expect(stats.filteredChecks).to.be.greaterThan(SEQUENCES / 3);
    console.log(
      `randomized: ${SEQUENCES} sequences x ${STEPS} actions, ${stats.faults} injected faults, ${stats.refused} refusals checked, ` +
        `${stats.rollbacks} writes rolled back (${stats.syncs} checks of the truth mid-way), ${stats.undoneEarly} Undos before their action was confirmed`,
    );
  });
});
