/**
 * The fake community: deterministic (same seed and size, same data), varied
 * enough to look real in the demo, and fast (100,000 members in well under a
 * second).
 */
import type { Member, Segment } from '@segkit/core';
import {
  DEFAULT_PLATFORMS,
  EMAIL_DOMAINS,
  HANDLE_SUFFIXES,
  NAME_POOLS,
  NICHES,
  PLATFORMS_BY_NICHE,
} from './names.js';
import type { NamePool } from './names.js';
import { createRandom, weighted } from './random.js';
import type { Random } from './random.js';

export interface DatasetOptions {
  /** Default 1. */
  seed?: number;
  /** Number of members, 0 to 1,000,000; designed for 10 to 100,000. Default 10,000. */
  size?: number;
  /**
   * The moment the data is generated "at" (ms since the epoch): members joined
   * in the 3 years before it. Default `DATASET_EPOCH`, so the data is the same
   * whenever it is generated.
   */
  now?: number;
}

export interface Dataset {
  members: Member[];
  /** The seed segments, with `memberCount` filled in. */
  segments: Segment[];
}

/** 2026-11-01T00:00:00Z: the default `now` of `generateDataset`. */
export const DATASET_EPOCH = Date.UTC(2026, 10, 1);
export const DEFAULT_SEED = 1;
export const DEFAULT_SIZE = 10_000;
export const MAX_SIZE = 1_000_000;

const DAY = 86_400_000;
const THREE_YEARS = 3 * 365 * DAY;

interface SeedSegment {
  id: string;
  name: string;
  description: string;
  color: string;
  metadata: Segment['metadata'];
  /** Days before `now` it was created. */
  age: number;
}

/** The segments every dataset starts with (ids are stable across seeds). */
export const SEED_SEGMENTS: readonly SeedSegment[] = [
  {
    id: 'vips',
    name: 'VIPs',
    description: 'Top ambassadors: early access to launches and a personal contact.',
    color: '#f5a524',
    metadata: { perk: 'Early access', owner: 'Partnerships team', discountCode: 'VIP20' },
    age: 900,
  },
  {
    id: 'content-creators',
    name: 'Content Creators',
    description: 'Post about us regularly; get the monthly content brief.',
    color: '#7c3aed',
    metadata: { brief: 'Monthly content brief', postsPerMonth: 4 },
    age: 860,
  },
  {
    id: 'customers',
    name: 'Customers',
    description: 'Bought at least once. Joined through the link in digital receipts.',
    color: '#16a34a',
    metadata: { discountCode: 'CUSTOMER15' },
    age: 700,
  },
  {
    id: 'high-priority',
    name: 'High Priority',
    description: 'Answer within a day: open deals and time-sensitive campaigns.',
    color: '#dc2626',
    metadata: { slaHours: 24 },
    age: 420,
  },
  {
    id: 'ugc-creators',
    name: 'UGC Creators',
    description: 'Make videos and photos we may use in ads (usage rights signed).',
    color: '#0ea5e9',
    metadata: { usageRights: true, ratePerVideo: 150, currency: 'USD' },
    age: 240,
  },
];

const OTHER_COUNTRIES = ['US', 'GB', 'CA', 'AU', 'DE', 'FR', 'ES', 'IT', 'NL', 'BR', 'MX', 'IN', 'JP', 'KR', 'NG', 'ZA', 'AE', 'SE', 'PL', 'PH'];
const UGC_NICHES = new Set(['Beauty', 'Food', 'Fashion', 'Lifestyle', 'Home & Decor', 'Pets', 'Parenting']);

const slugCache = new Map<string, string>();
/** Lower-case ASCII letters and digits only: "José María" -> "josemaria". */
function slug(text: string): string {
  let out = slugCache.get(text);
  if (out === undefined) {
    out = text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace(/ß/g, 'ss')
      .replace(/[øØ]/g, 'o')
      .replace(/[łŁ]/g, 'l')
      .replace(/ı/g, 'i')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
    slugCache.set(text, out);
  }
  return out;
}

function unique(taken: Set<string>, make: (attempt: number) => string): string {
  for (let attempt = 0; ; attempt += 1) {
    const value = make(attempt);
    if (!taken.has(value)) {
      taken.add(value);
      return value;
    }
  }
}

function tierOf(followers: number): string {
  if (followers < 10_000) return 'Nano';
  if (followers < 100_000) return 'Micro';
  if (followers < 500_000) return 'Mid-tier';
  if (followers < 1_000_000) return 'Macro';
  return 'Mega';
}

const POOL_WEIGHTS = NAME_POOLS.map((pool) => [pool, pool.weight] as const);

function member(random: Random, index: number, now: number, emails: Set<string>, handles: Set<string>): Member {
  const pool: NamePool = weighted(random, POOL_WEIGHTS);
  const first = random.pick(pool.first);
  // Most people carry a surname from their own pool; some from another.
  const last = random.chance(0.9) ? random.pick(pool.last) : random.pick(random.pick(NAME_POOLS).last);
  const name = `${first} ${last}`;
  const f = slug(first);
  const l = slug(last);

  const niche = weighted(random, NICHES);
  const domain = weighted(random, EMAIL_DOMAINS);
  const style = random.int(0, 4);
  const email = unique(emails, (attempt) => {
    const local =
      style === 0 ? `${f}.${l}` : style === 1 ? `${f}${l}` : style === 2 ? `${f}_${l}` : style === 3 ? `${f[0]}${l}` : `${f}.${l[0]}`;
    return attempt === 0 ? `${local}@${domain}` : `${local}${random.int(1, attempt < 5 ? 99 : 9999)}@${domain}`;
  });
  const suffixes = HANDLE_SUFFIXES[niche] ?? ['official'];
  const handleStyle = random.int(0, 4);
  const handle = unique(handles, (attempt) => {
    const base =
      handleStyle === 0
        ? `${f}${l}`
        : handleStyle === 1
          ? `${f}.${random.pick(suffixes)}`
          : handleStyle === 2
            ? `${f}_${l}`
            : handleStyle === 3
              ? `the${f}${l[0]}`
              : `${f}${random.pick(suffixes)}`;
    return attempt === 0 ? `@${base}` : `@${base}${random.int(1, attempt < 5 ? 99 : 9999)}`;
  });

  const followers = Math.round(Math.min(2_000_000, Math.max(200, Math.exp(Math.log(9_000) + 1.5 * random.normal()))));
  // Smaller accounts engage more: about 9% at 1k followers, 1.6% at 1M.
  const engagement = 9 * Math.pow(followers / 1000, -0.25) * Math.exp(0.35 * random.normal());
  const engagementRate = Math.round(Math.min(25, Math.max(0.2, engagement)) * 100) / 100;
  const country = random.chance(0.9) ? random.pick(pool.countries) : random.pick(OTHER_COUNTRIES);
  const platform = weighted(random, PLATFORMS_BY_NICHE[niche] ?? DEFAULT_PLATFORMS);
  // Growth: recent joins are more common than old ones.
  const ago = Math.floor(THREE_YEARS * Math.pow(random.next(), 1.4));
  const id = `m-${String(index + 1).padStart(6, '0')}`;

  const m: Member = {
    id,
    name,
    email,
    attributes: {
      handle,
      niche,
      country,
      platform,
      followers,
      engagementRate,
      tier: tierOf(followers),
    },
    segmentIds: memberships(random, followers, engagementRate, niche),
    createdAt: new Date(now - ago).toISOString(),
  };
  // No avatar URLs: the demo must work offline and under a strict CSP (img-src 'self'); widgets show initials.
  return m;
}

/** Which seed segments a member is in: about 40% in none (Unassigned), some in several. */
function memberships(random: Random, followers: number, engagementRate: number, niche: string): string[] {
  if (random.chance(0.42)) return [];
  const ids: string[] = [];
  const big = followers >= 500_000 ? 0.6 : followers >= 100_000 ? 0.25 : 0.04;
  if (random.chance(big)) ids.push('vips');
  if (random.chance(0.45)) ids.push('content-creators');
  if (random.chance(0.35)) ids.push('customers');
  if (random.chance(engagementRate >= 6 ? 0.22 : 0.1)) ids.push('high-priority');
  if (random.chance(UGC_NICHES.has(niche) ? 0.25 : 0.1)) ids.push('ugc-creators');
  if (ids.length === 0) ids.push(random.chance(0.5) ? 'content-creators' : 'customers');
  return ids;
}

/** Generates a community of `size` members and the seed segments. Same options, same data. */
export function generateDataset(options: DatasetOptions = {}): Dataset {
  const seed = options.seed ?? DEFAULT_SEED;
  const size = options.size ?? DEFAULT_SIZE;
  const now = options.now ?? DATASET_EPOCH;
  if (!Number.isInteger(size) || size < 0 || size > MAX_SIZE) {
    throw new RangeError(`size must be a whole number from 0 to ${MAX_SIZE}.`);
  }
  if (!Number.isFinite(seed)) throw new RangeError('seed must be a number.');
  if (!Number.isFinite(now)) throw new RangeError('now must be a time in ms.');

  const random = createRandom(seed);
  const emails = new Set<string>();
  const handles = new Set<string>();
  const members = new Array<Member>(size);
  const counts = new Map<string, number>(SEED_SEGMENTS.map((s) => [s.id, 0]));
  for (let i = 0; i < size; i += 1) {
    const m = member(random, i, now, emails, handles);
    for (const id of m.segmentIds) counts.set(id, counts.get(id)! + 1);
    members[i] = m;
  }
  const segments = SEED_SEGMENTS.map((s): Segment => {
    const createdAt = now - s.age * DAY;
    const updatedAt = Math.min(now, createdAt + random.int(0, s.age) * DAY);
    return {
      id: s.id,
      name: s.name,
      description: s.description,
      color: s.color,
      metadata: structuredClone(s.metadata)!,
      memberCount: counts.get(s.id)!,
      createdAt: new Date(createdAt).toISOString(),
      updatedAt: new Date(updatedAt).toISOString(),
    };
  });
  return { members, segments };
}
