/**
 * Query semantics by difference: read every member once, then ask the server
 * many queries and compare each answer with the reference semantics of
 * `@segkit/core` (`compileFilter`, `compareMembers`, `foldText`): the same
 * members in the same order, position by position.
 */
import { UNASSIGNED_ID, compareMembers, compileFilter, emptyQuery } from '@segkit/core';
import type { AttributeFilter, AttributeValue, Member, MemberQuery, SortKey } from '@segkit/core';
import { assert, show, skip } from '../assert.js';
import type { Check, CheckContext } from '../check.js';
import { allMembers } from '../check.js';

const PAGE = 500;

/** What the reference semantics answer for `query` over `members`. */
export function expected(members: readonly Member[], query: MemberQuery): Member[] {
  const matches = compileFilter(query);
  return members.filter(matches).sort((a, b) => compareMembers(a, b, query.sort));
}

/** '' when the server's ids equal the expected ones, else where they first differ. */
export function firstDifference(actual: readonly string[], wanted: readonly string[]): string {
  const n = Math.max(actual.length, wanted.length);
  for (let i = 0; i < n; i += 1) {
    if (actual[i] !== wanted[i]) {
      return `first difference at position ${i}: the server answered ${show(actual[i] ?? '(nothing)')}, expected ${show(wanted[i] ?? '(nothing)')} (${actual.length} members answered, ${wanted.length} expected)`;
    }
  }
  return '';
}

/** Asks every query; fails with the first one that differs (and how many did). */
async function compareAll(ctx: CheckContext, members: readonly Member[], queries: Array<Partial<MemberQuery>>): Promise<void> {
  const failures: string[] = [];
  for (const partial of queries) {
    const query = { ...emptyQuery(), ...partial };
    const answer = await allMembers(ctx, query, PAGE);
    const diff = firstDifference(answer.map((m) => m.id), expected(members, query).map((m) => m.id));
    if (diff) failures.push(`${show(partial)}: ${diff}`);
  }
  if (failures.length > 0) {
    assert.fail(`${failures[0]}${failures.length > 1 ? ` (and ${failures.length - 1} more of ${queries.length} queries differ)` : ''}`);
  }
}

/** Attribute keys in the data, the numeric ones first, then strings, then the rest. */
function attributeKeys(members: readonly Member[]): { numeric?: string; text?: string; all: string[] } {
  const kinds = new Map<string, string>();
  for (const m of members) for (const [k, v] of Object.entries(m.attributes)) if (!kinds.has(k)) kinds.set(k, typeof v);
  const all = [...kinds.keys()].sort();
  return { numeric: all.find((k) => kinds.get(k) === 'number'), text: all.find((k) => kinds.get(k) === 'string'), all };
}

/** A value of `key` from the middle of the data (by the reference order), so every op has members on both sides. */
function middleValue(members: readonly Member[], key: string): AttributeValue | undefined {
  const having = members.filter((m) => Object.prototype.hasOwnProperty.call(m.attributes, key));
  if (having.length === 0) return undefined;
  const sorted = [...having].sort((a, b) => compareMembers(a, b, { key: `attributes.${key}`, dir: 'asc' }));
  return sorted[Math.floor(sorted.length / 2)]!.attributes[key];
}

const ACCENTS: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', n: 'ñ', c: 'ç' };

/** `word` in other case and with accents added or taken away: "maria" becomes "MÁRÍÁ", "Zoë" becomes "ZOE". */
export function disguise(word: string): string {
  const plain = word.normalize('NFKD').replace(/\p{M}/gu, '');
  if (plain !== word) return plain.toUpperCase();
  return [...word].map((ch) => ACCENTS[ch.toLowerCase()] ?? ch).join('').toUpperCase();
}

async function everyone(ctx: CheckContext): Promise<Member[]> {
  const members = await allMembers(ctx, {}, PAGE);
  if (members.length < 2) skip(`needs at least 2 members, the backend has ${members.length}`);
  return members;
}

const OPS: AttributeFilter['op'][] = ['eq', 'neq', 'contains', 'gt', 'gte', 'lt', 'lte'];

export const semanticChecks: Check[] = [
  {
    group: 'semantics',
    name: 'sorts by name, email, createdAt, segments and attributes, both ways, ties by id',
    needs: [],
    async run(ctx) {
      const members = await everyone(ctx);
      const keys = attributeKeys(members);
      const sortKeys: SortKey[] = ['name', 'email', 'createdAt', 'segments'];
      if (keys.numeric) sortKeys.push(`attributes.${keys.numeric}`);
      if (keys.text) sortKeys.push(`attributes.${keys.text}`);
      const queries = sortKeys.flatMap((key) => (['asc', 'desc'] as const).map((dir) => ({ sort: { key, dir } })));
      await compareAll(ctx, members, queries);
      if (!keys.numeric || !keys.text) skip(`sorted by ${sortKeys.join(', ')} as expected; no ${keys.numeric ? 'string' : 'numeric'} attribute in the data to sort by`);
    },
  },
  {
    group: 'semantics',
    name: 'searches names, emails and string attributes ignoring case and accents',
    needs: [],
    async run(ctx) {
      const members = await everyone(ctx);
      const terms = new Set<string>();
      for (const i of [0, 1, 2, 3].map((k) => Math.floor((k * members.length) / 4))) {
        const m = members[i]!;
        const word = m.name.split(/\s+/).find((w) => w.length >= 3);
        if (word) terms.add(disguise(word));
        const local = m.email?.split(/[@.]/)[0];
        if (local && local.length >= 3) terms.add(disguise(local.slice(0, 4)));
      }
      const keys = attributeKeys(members);
      const textValue = keys.text ? middleValue(members, keys.text) : undefined;
      if (typeof textValue === 'string' && textValue.trim()) terms.add(disguise(textValue.trim().slice(0, 5)));
      terms.add(`zzqx-${ctx.runId}`);
      await compareAll(ctx, members, [...terms].map((search) => ({ search })));
    },
  },
  {
    group: 'semantics',
    name: 'filters attributes with eq, neq, contains, gt, gte, lt, lte, on keys in the data, a key nobody has and constructor',
    needs: [],
    async run(ctx) {
      const members = await everyone(ctx);
      const keys = attributeKeys(members);
      if (keys.all.length === 0) skip('no member has an attribute');
      const sampled = [...new Set([keys.numeric, keys.text, ...keys.all.slice(0, 2)].filter((k): k is string => k !== undefined))];
      const filters: AttributeFilter[] = [];
      for (const key of sampled) {
        const value = middleValue(members, key)!;
        for (const op of OPS) filters.push({ key, op, value: op === 'contains' ? String(value).slice(0, 3) : value });
      }
      const nobody = `segkit-conformance-none-${ctx.runId}`;
      for (const key of [nobody, 'constructor']) {
        for (const op of OPS) filters.push({ key, op, value: op === 'contains' ? 'function' : op === 'eq' || op === 'neq' ? 'x' : 0 });
      }
      await compareAll(ctx, members, filters.map((rule) => ({ attributes: [rule] })));
    },
  },
  {
    group: 'semantics',
    name: 'includes and excludes segments (any / all) with Unassigned, and unknown segment ids',
    needs: [],
    async run(ctx) {
      const members = await everyone(ctx);
      const ids = (await ctx.adapter.listSegments()).items.map((s) => s.id);
      if (ids.length < 2) skip('needs at least 2 stored segments');
      const [a, b] = ids as [string, string];
      const unknown = `segkit-conformance-missing-${ctx.runId}`;
      await compareAll(ctx, members, [
        { include: [a, b], match: 'any' },
        { include: [a, b], match: 'all' },
        { include: [a, UNASSIGNED_ID], match: 'any' },
        { include: [a, UNASSIGNED_ID], match: 'all' },
        { include: [UNASSIGNED_ID] },
        { exclude: [UNASSIGNED_ID] },
        { include: [a], exclude: [b] },
        { exclude: [a, UNASSIGNED_ID] },
        { include: [unknown] },
        { include: [unknown, a], match: 'any' },
        { include: [unknown, a], match: 'all' },
        { exclude: [unknown] },
      ]);
    },
  },
];
