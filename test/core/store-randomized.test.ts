/**
 * Randomized: random sequences of user actions against a store whose backend
 * fails at random (requests lost before or after being applied, 503s, 429s
 * with Retry-After, going offline and back), checked against a plain model of
 * what the final state must be. Every valid action must land exactly once;
 * every invalid one must be refused at once with the model's error code.
 */
import type { MemoryAdapter, MemberTarget, SegmentStore } from '@segkit/core';
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

/** The plain model: segment names and who is in what. */
class Model {
  segments = new Map<string, string>();
  members = new Map<string, Set<string>>();
  last: Last = null;

  constructor() {
    for (const s of SEGMENTS) this.segments.set(s.id, s.name);
    for (const m of makeMembers(MEMBERS)) this.members.set(m.id, new Set(m.segmentIds));
  }

  nameError(name: string, selfId?: string): string | null {
    try {
      checkSegmentName(name, [...this.segments].map(([id, n]) => ({ id, name: n })), selfId);
      return null;
    } catch (error) {
      return (error as SegkitError).code;
    }
  }

  resolve(target: MemberTarget): string[] {
    if (target.kind === 'ids') return [...new Set(target.ids)].filter((id) => this.members.has(id));
    const [segment] = target.filter.include;
    return [...this.members]
      .filter(([id, segs]) => !target.except.includes(id) && (segment === UNASSIGNED_ID ? segs.size === 0 : segs.has(segment!)))
      .map(([id]) => id);
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
    const memberIds = [...this.members].filter(([, s]) => s.has(segmentId)).map(([id]) => id);
    for (const id of memberIds) this.members.get(id)!.delete(segmentId);
    this.segments.delete(segmentId);
    return memberIds;
  }

  count(segmentId: string): number {
    return [...this.members.values()].filter((s) => (segmentId === UNASSIGNED_ID ? s.size === 0 : s.has(segmentId))).length;
  }
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

async function runSequence(seed: number): Promise<{ steps: number; faults: number; refused: number }> {
  const r = prng(seed);
  const adapter: MemoryAdapter = createMemoryAdapter({ members: makeMembers(MEMBERS), segments: SEGMENTS, now: () => T0 });
  const f = faulty(adapter);
  const { store, connectivity } = makeStore(f.adapter, { retry: { baseMs: 1, maxMs: 4, maxAttempts: 1000 } });
  await allTasks();
  // Half the sequences never re-read the backend after the first load: the
  // store's own bookkeeping of confirmed results must then be exact.
  const blind = seed % 2 === 0;
  if (blind) f.reads = 'network';
  const model = new Model();
  const memberIds = [...model.members.keys()];
  const work: Promise<unknown>[] = [];
  let faults = 0;
  let refused = 0;
  const log: string[] = [];

  const track = (p: Promise<unknown>, what: string) => {
    work.push(p.catch((error) => expect.fail(`${what} should land but failed: ${String(error)}\n${log.join('\n')}`)));
  };
  const refuse = async (p: Promise<unknown>, code: string, what: string) => {
    refused += 1;
    await expectCode(p, code, `${what}\n${log.join('\n')}`);
  };
  const storedIds = () => [...model.segments.keys()];

  for (let step = 0; step < STEPS; step += 1) {
    for (let i = 0; i < 2; i += 1) {
      const fault = r.pick(FAULTS);
      if (fault) {
        f.fail(fault);
        faults += 1;
      }
    }
    if (r.next() < 0.08) connectivity.set(!connectivity.isOnline());
    if (r.next() < 0.1) void store.refresh();
    const action = r.int(8);
    const segs = storedIds();
    if (action === 0) {
      const name = r.pick(NAMES);
      log.push(`create ${JSON.stringify(name)}`);
      const code = model.nameError(name);
      if (code) await refuse(store.createSegment({ name }), code, `create ${name}`);
      else {
        const id = `seg_r${seed}_${step}`;
        model.segments.set(id, name.trim());
        track(store.createSegment({ id, name }), `create ${name}`);
      }
    } else if (action === 1 && segs.length) {
      const id = r.pick(segs);
      const name = r.pick(NAMES);
      log.push(`rename ${id} ${JSON.stringify(name)}`);
      const code = model.nameError(name, id);
      if (code) await refuse(store.renameSegment(id, name), code, `rename ${id}`);
      else {
        model.segments.set(id, name.trim());
        track(store.renameSegment(id, name), `rename ${id}`);
      }
    } else if (action === 2 && segs.length && r.next() < 0.5) {
      const id = r.pick(segs);
      log.push(`delete ${id}`);
      const name = model.segments.get(id)!;
      const removed = model.remove(id);
      model.last = { kind: 'delete-segment', segmentId: id, name, memberIds: removed };
      track(store.deleteSegment(id), `delete ${id}`);
    } else if ((action === 3 || action === 4) && segs.length) {
      const op = action === 3 ? 'assign' : 'unassign';
      const targets = r.subset(segs, 0.4);
      const chosen = targets.length ? targets : [r.pick(segs)];
      const ids = r.subset(memberIds, 0.2);
      const target: MemberTarget = { kind: 'ids', ids };
      log.push(`${op} ${chosen.join(',')} <- ${ids.length} ids`);
      if (ids.length === 0) await refuse(store[op](chosen, { target }), 'invalid-input', `${op} nobody`);
      else {
        model.last = { kind: 'membership', op, effects: model.change(op, chosen, target) };
        track(store[op](chosen, { target }), `${op} ids`);
      }
    } else if (action === 5 && segs.length) {
      const op = r.next() < 0.7 ? 'assign' : 'unassign';
      const from = r.pick([UNASSIGNED_ID, ...segs]);
      const to = r.pick(segs);
      const except = r.subset(memberIds, 0.1);
      const target: MemberTarget = {
        kind: 'query',
        filter: { include: [from], exclude: [], match: 'any', search: '', attributes: [] },
        except,
      };
      log.push(`${op} ${to} <- all in ${from} but ${except.length}`);
      model.last = { kind: 'membership', op, effects: model.change(op, [to], target) };
      track(store[op]([to], { target }), `${op} query`);
    } else if (action === 6) {
      const name = r.pick(NAMES);
      const ids = r.subset(memberIds, 0.2);
      const id = `seg_c${seed}_${step}`;
      log.push(`create-and-assign ${JSON.stringify(name)} <- ${ids.length}`);
      const code = model.nameError(name) ?? (ids.length ? null : 'invalid-input');
      if (code) await refuse(store.createAndAssign({ id, name }, { target: { kind: 'ids', ids } }), code, 'create-and-assign');
      else {
        model.segments.set(id, name.trim());
        model.change('assign', [id], { kind: 'ids', ids });
        model.last = { kind: 'create-and-assign', segmentId: id };
        track(store.createAndAssign({ id, name }, { target: { kind: 'ids', ids } }), 'create-and-assign');
      }
    } else if (action === 7 && model.last) {
      const last = model.last;
      const possible =
        last.kind === 'membership'
          ? last.effects.every(([id]) => model.segments.has(id))
          : last.kind === 'create-and-assign'
            ? model.segments.has(last.segmentId)
            : !model.segments.has(last.segmentId) && model.nameError(last.name) === null;
      if (!possible) continue;
      log.push(`undo ${last.kind}`);
      model.last = null;
      if (last.kind === 'membership') {
        for (const [segmentId, ids] of last.effects) {
          if (ids.length) model.change(last.op === 'assign' ? 'unassign' : 'assign', [segmentId], { kind: 'ids', ids });
        }
      } else if (last.kind === 'create-and-assign') model.remove(last.segmentId);
      else {
        model.segments.set(last.segmentId, last.name);
        if (last.memberIds.length) model.change('assign', [last.segmentId], { kind: 'ids', ids: last.memberIds });
      }
      connectivity.set(true);
      await store.undo();
    }
  }

  connectivity.set(true);
  f.reads = 'network';
  await Promise.all(work);
  await store.settled();
  await allTasks();
  check(store, adapter, model, [...log, blind ? '(blind: no re-reads)' : '(re-reads allowed)', 'before a final refresh']);
  f.reads = 'ok';
  await store.refresh();
  await allTasks();
  check(store, adapter, model, [...log, 'after a final refresh']);
  return { steps: STEPS, faults, refused };
}

function check(store: SegmentStore, adapter: MemoryAdapter, model: Model, log: string[]): void {
  const context = `\n${log.join('\n')}`;
  const server = adapter.snapshot();
  expect(new Map(server.segments.map((s) => [s.id, s.name])), `server segments${context}`).to.deep.equal(model.segments);
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
  const window = store.$members.get();
  for (let i = 0; i < (window.total ?? 0); i += 1) {
    const row = window.at(i);
    if (row) expect([...row.segmentIds].sort(), `row ${row.id}${context}`).to.deep.equal([...model.members.get(row.id)!].sort());
  }
}

describe('store: randomized actions under random faults', function () {
  this.timeout(120_000);
  afterEach(cleanup);

  it(`ends in the model's state for ${SEQUENCES} random sequences of ${STEPS} actions`, async () => {
    let faults = 0;
    let refused = 0;
    for (let seed = 1; seed <= SEQUENCES; seed += 1) {
      const stats = await runSequence(seed);
      faults += stats.faults;
      refused += stats.refused;
      cleanup();
    }
    // The run must really have exercised faults and refusals, or it proves little.
    expect(faults).to.be.greaterThan(SEQUENCES * STEPS * 0.3);
    expect(refused).to.be.greaterThan(SEQUENCES);
    console.log(`randomized: ${SEQUENCES} sequences x ${STEPS} actions, ${faults} injected faults, ${refused} refusals checked`);
  });
});
