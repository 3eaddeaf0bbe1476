/**
 * Boundary validation: everything an adapter returns goes through one of these
 * parsers. Malformed data becomes a `bad-response` error here, never a crash
 * later. Built on valibot (small, tree-shakable, well kept) rather than
 * hand-written checks.
 */
import * as v from 'valibot';
import { SegkitError } from './errors.js';
import { isRevealedValue } from './reveal.js';
import { isSegmentFieldKey } from './segment-fields.js';
import type {
  AudienceCount,
  DeleteResult,
  InviteLink,
  JsonValue,
  Member,
  MemberPage,
  MembershipPreview,
  MembershipResult,
  RedeemResult,
  RevealedValue,
  Segment,
  SegmentList,
} from './model.js';

const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(256));
// RFC 3339 allows a leap second (`23:59:60`), which `Date.parse` refuses in
// every engine: it is read as the last millisecond before it (`23:59:59.999`),
// so the date stays valid and sorts where it belongs.
const LEAP_SECOND = /^(\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:)60(?:\.\d+)?(?=[Zz]|[+-]\d\d:\d\d$)/;
/** A date string with a leap second moved to `:59.999`; other strings unchanged. */
export function normalizeLeapSecond(date: string): string {
  return date.replace(LEAP_SECOND, '$159.999');
}
const isoDate = v.pipe(
  v.string(),
  v.transform(normalizeLeapSecond),
  v.check((s) => !Number.isNaN(Date.parse(s)), 'a date'),
);
const attributeValue = v.union([v.string(), v.pipe(v.number(), v.finite()), v.boolean()]);
// Metadata is free JSON the SDK only carries. A number too large for a double
// (`1e400`) parses to Infinity; it becomes `null`, as `JSON.stringify` would
// write it back, instead of failing the segment and with it the whole list.
const jsonNumber = v.pipe(
  v.number(),
  v.transform((n) => (Number.isFinite(n) ? n : null)),
);
const json: v.GenericSchema<unknown, JsonValue> = v.lazy(() =>
  v.union([v.string(), jsonNumber, v.boolean(), v.null(), v.array(json), v.record(v.string(), json)]),
);
const optional = <T extends v.GenericSchema>(schema: T) =>
  v.pipe(
    v.optional(v.nullable(schema)),
    v.transform((x) => (x === null ? undefined : x)),
  );

export const segmentSchema = v.object({
  id,
  name: v.pipe(v.string(), v.minLength(1)),
  description: optional(v.string()),
  color: optional(v.string()),
  metadata: optional(v.record(v.string(), json)),
  memberCount: count,
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const memberSchema = v.object({
  id,
  name: v.string(),
  email: optional(v.string()),
  avatarUrl: optional(v.string()),
  attributes: v.pipe(
    v.optional(v.record(v.string(), attributeValue), {}),
  ),
  segmentIds: v.pipe(
    v.array(id),
    v.check((ids) => new Set(ids).size === ids.length, 'no segment twice'),
  ),
  createdAt: isoDate,
});

const segmentListSchema = v.object({
  items: v.array(segmentSchema),
  unassignedCount: count,
  totalMembers: count,
});

const memberPageSchema = v.object({ items: v.array(memberSchema), total: count, offset: count });

/**
 * A list of ids (who changed, in a write's answer): checked in one loop and
 * copied once. Per item through valibot it was ~20 ms at 100,000 ids, in the
 * task that reads the answer (decision 031). The same rule as `id`.
 */
const isId = (x: unknown) => typeof x === 'string' && x.length >= 1 && x.length <= 256;
const idList = v.pipe(
  v.custom<string[]>((x) => Array.isArray(x) && x.every(isId), 'a list of ids (strings of 1 to 256 characters)'),
  v.transform((ids) => ids.slice()),
);
const effect = { segmentId: id, changed: count, skipped: count };
const previewSchema = v.object({
  members: count,
  segments: v.array(v.object(effect)),
  unassignedDelta: v.pipe(v.number(), v.integer()),
});
const resultSchema = v.object({
  members: count,
  segments: v.array(v.object({ ...effect, memberIds: idList })),
  unassignedDelta: v.pipe(v.number(), v.integer()),
});
const deleteSchema = v.object({
  segment: segmentSchema,
  memberIds: idList,
  unassignedDelta: v.pipe(v.number(), v.integer()),
});
const audienceSchema = v.object({ count });
export const inviteSchema = v.object({
  id,
  segmentId: id,
  token: v.pipe(v.string(), v.minLength(1)),
  createdAt: isoDate,
  expiresAt: optional(isoDate),
  maxUses: optional(count),
  uses: count,
  revokedAt: optional(isoDate),
  // A backend that predates `reveal` sends none: its links reveal nothing.
  reveal: v.pipe(
    v.optional(v.nullable(v.array(v.string())), () => []),
    v.transform((keys) => keys ?? []),
  ),
});
// Only the redeemer's own fields are kept: anything else a backend sends in
// `member` (attributes, segments) is dropped here, never shown to the page.
const redeemedMemberSchema = v.object({ id, name: v.string(), email: optional(v.string()) });
// `revealed` is kept lenient (decision 019): an entry whose key is not of a
// field key's form or whose value is not a scalar is dropped, the rest kept;
// only a `revealed` that is not an object fails. A joined answer without it
// (a backend that predates `reveal`) reveals nothing: `{}`.
const revealedSchema = v.pipe(
  v.record(v.string(), v.unknown()),
  v.transform((entries) => {
    const out: Record<string, RevealedValue> = {};
    for (const [key, value] of Object.entries(entries)) if (isSegmentFieldKey(key) && isRevealedValue(value)) out[key] = value;
    return out;
  }),
);
const redeemSchema = v.pipe(
  v.object({
    segmentId: id,
    segmentName: v.pipe(v.string(), v.minLength(1)),
    joined: v.boolean(),
    member: optional(redeemedMemberSchema),
    revealed: optional(revealedSchema),
  }),
  v.transform((result) => (result.joined && result.revealed === undefined ? { ...result, revealed: {} } : result)),
);

function parser<T>(schema: v.GenericSchema<unknown, unknown>, what: string): (data: unknown) => T {
  return (data) => {
    const result = v.safeParse(schema, data);
    if (result.success) return result.output as T;
    const issue = result.issues[0];
    const path = issue?.path?.map((p) => String(p.key)).join('.') ?? '';
    throw new SegkitError(
      'bad-response',
      `The server sent a malformed ${what}${path ? ` at "${path}"` : ''}: ${issue?.message ?? 'invalid'}.`,
      { cause: result.issues },
    );
  };
}

// Drops keys whose value is undefined so parsed objects compare equal to the originals.
function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map(compact) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(value)) if (x !== undefined) out[k] = k === 'metadata' || k === 'attributes' || k === 'revealed' || k === 'memberIds' ? x : compact(x);
    return out as T;
  }
  return value;
}

function compacted<T>(parse: (data: unknown) => T): (data: unknown) => T {
  return (data) => compact(parse(data));
}

export const parseSegment = compacted(parser<Segment>(segmentSchema, 'segment'));
export const parseSegmentList = compacted(parser<SegmentList>(segmentListSchema, 'segment list'));
export const parseMember = compacted(parser<Member>(memberSchema, 'member'));
export const parseMemberPage = compacted(parser<MemberPage>(memberPageSchema, 'member page'));
export const parseMembershipPreview = compacted(parser<MembershipPreview>(previewSchema, 'membership preview'));
export const parseMembershipResult = compacted(parser<MembershipResult>(resultSchema, 'membership result'));
export const parseDeleteResult = compacted(parser<DeleteResult>(deleteSchema, 'delete result'));
export const parseAudienceCount = compacted(parser<AudienceCount>(audienceSchema, 'audience count'));
export const parseInviteLink = compacted(parser<InviteLink>(inviteSchema, 'invite link'));
export const parseInviteList = compacted(parser<InviteLink[]>(v.array(inviteSchema), 'invite list'));
export const parseRedeemResult = compacted(parser<RedeemResult>(redeemSchema, 'redeem result'));
