/**
 * The mock backend's memory across page reloads. Not 100,000 members on every
 * change: the seed and size the data grew from, plus what changed since
 * (segments, the memberships that differ from the seed, members created by
 * invites, invites, and the answers kept for Idempotency-Key replays).
 */
import type { InviteLink, Member, Segment } from '@segkit/core';
import { openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';

export const PERSIST_VERSION = 1;

export interface PersistedState {
  version: typeof PERSIST_VERSION;
  seed: number;
  size: number;
  /** The `now` the dataset was generated at. */
  epoch: number;
  /** Every stored segment (without `memberCount`, which is derived). */
  segments: Array<Omit<Segment, 'memberCount'>>;
  /** Seeded members whose segments differ from the seed: `[memberId, segmentIds]`. */
  memberships: Array<[string, string[]]>;
  /** Members that are not in the seed (joined through invites), in full. */
  members: Member[];
  invites: InviteLink[];
  /** `[operation:key, status, body]`: first outcomes of keyed writes, oldest first. */
  replies: Array<[string, number, unknown]>;
  savedAt: string;
}

interface Schema extends DBSchema {
  state: { key: string; value: PersistedState };
}

const STORE = 'state';
const RECORD = 'current';

export interface StateStore {
  load(): Promise<PersistedState | undefined>;
  save(state: PersistedState): Promise<void>;
  clear(): Promise<void>;
  close(): void;
}

/** An IndexedDB database named `name` with one record. */
export async function openStateStore(name: string): Promise<StateStore> {
  const db: IDBPDatabase<Schema> = await openDB<Schema>(name, 1, {
    upgrade(database) {
      database.createObjectStore(STORE);
    },
  });
  return {
    async load() {
      const state = await db.get(STORE, RECORD);
      return state?.version === PERSIST_VERSION ? state : undefined;
    },
    async save(state) {
      await db.put(STORE, state, RECORD);
    },
    async clear() {
      await db.delete(STORE, RECORD);
    },
    close() {
      db.close();
    },
  };
}

const setKey = (ids: readonly string[]) => (ids.length < 2 ? ids.join(',') : [...ids].sort().join(','));

/** What the seed looked like, to tell what changed since. */
export interface Baseline {
  /** Seed member id -> its segment ids as a sorted, comma-joined key. */
  memberships: Map<string, string>;
}

export function baselineOf(members: readonly Member[]): Baseline {
  const memberships = new Map<string, string>();
  for (const member of members) memberships.set(member.id, setKey(member.segmentIds));
  return { memberships };
}

/** The diff of the live data against the seed. */
export function diffOf(
  baseline: Baseline,
  data: { members: readonly Member[]; segments: readonly Segment[]; invites: readonly InviteLink[] },
): Pick<PersistedState, 'segments' | 'memberships' | 'members' | 'invites'> {
  const memberships: Array<[string, string[]]> = [];
  const members: Member[] = [];
  for (const member of data.members) {
    const seeded = baseline.memberships.get(member.id);
    if (seeded === undefined) members.push(structuredClone(member));
    else if (seeded !== setKey(member.segmentIds)) memberships.push([member.id, [...member.segmentIds]]);
  }
  return {
    segments: data.segments.map(({ memberCount: _derived, ...segment }) => structuredClone(segment)),
    memberships,
    members,
    invites: data.invites.map((invite) => ({ ...invite })),
  };
}

/** The members of the seed with a diff applied (the seed's objects are not changed). */
export function applyDiff(seedMembers: readonly Member[], state: Pick<PersistedState, 'memberships' | 'members'>): Member[] {
  const changed = new Map(state.memberships);
  const members = seedMembers.map((member) => {
    const segmentIds = changed.get(member.id);
    return segmentIds === undefined ? member : { ...member, segmentIds: [...segmentIds] };
  });
  for (const member of state.members) members.push(structuredClone(member));
  return members;
}
