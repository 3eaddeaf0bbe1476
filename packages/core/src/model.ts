/**
 * The segkit data model. Plain, serialisable data: everything here can cross
 * the wire, sit in IndexedDB or be posted to another tab unchanged.
 */

/** Id of the built-in segment that holds every member who is in no other segment. */
export const UNASSIGNED_ID = 'unassigned';

/** Host-defined attribute value (niche, country, followers, ...). */
export type AttributeValue = string | number | boolean;

/** Any JSON value, for host metadata carried by a segment. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface Member {
  id: string;
  name: string;
  email?: string;
  avatarUrl?: string;
  /** Host-defined attributes, e.g. `{ handle: '@ana', niche: 'Fitness', followers: 12000 }`. */
  attributes: Record<string, AttributeValue>;
  /** Ids of the stored segments this member is in (never `unassigned`, never twice). */
  segmentIds: string[];
  /** ISO 8601. */
  createdAt: string;
}

export interface Segment {
  id: string;
  name: string;
  description?: string;
  /** `#rgb` or `#rrggbb`. */
  color?: string;
  /** Host metadata, e.g. `{ discountCode: 'VIP20' }`. */
  metadata?: Record<string, JsonValue>;
  memberCount: number;
  /** ISO 8601. */
  createdAt: string;
  /** ISO 8601. */
  updatedAt: string;
  /** True only for the derived Unassigned segment. */
  system?: boolean;
}

/** What an adapter lists: the stored segments plus the derived numbers. */
export interface SegmentList {
  items: Segment[];
  /** Members in no stored segment (the Unassigned count). */
  unassignedCount: number;
  totalMembers: number;
}

/** Fields a host sets when creating a segment. `id` lets the client choose it (idempotent create). */
export interface SegmentDraft {
  id?: string;
  name: string;
  description?: string;
  color?: string;
  metadata?: Record<string, JsonValue>;
}

/** Fields that can change on an existing segment; `null` clears an optional field. */
export interface SegmentPatch {
  name?: string;
  description?: string | null;
  color?: string | null;
  metadata?: Record<string, JsonValue> | null;
}

export type MatchMode = 'any' | 'all';

/** Include / exclude rules over segments; `unassigned` is allowed on both sides. */
export interface SegmentRules {
  include: string[];
  exclude: string[];
  match: MatchMode;
}

export type AttributeOperator = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains';

export interface AttributeFilter {
  key: string;
  op: AttributeOperator;
  value: AttributeValue;
}

/** Which members: segment rules, a text search and attribute filters. */
export interface MemberFilter extends SegmentRules {
  /** Case- and accent-insensitive substring of name, email or any string attribute. */
  search: string;
  attributes: AttributeFilter[];
}

/** `name`, `email`, `createdAt`, `segments` (count) or `attributes.<key>`. */
export type SortKey = 'name' | 'email' | 'createdAt' | 'segments' | `attributes.${string}`;

export interface MemberSort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/** A filter plus its order: what the member table shows. */
export interface MemberQuery extends MemberFilter {
  sort: MemberSort;
}

/** Random-access page request: a table can jump to row 90,000. */
export interface PageRequest {
  offset: number;
  limit: number;
}

export interface MemberPage {
  items: Member[];
  total: number;
  offset: number;
}

/** The members a bulk action applies to: explicit ids, or every member matching a filter but the exceptions. */
export type MemberTarget =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'query'; filter: MemberFilter; except: string[] };

export type MembershipOp = 'assign' | 'unassign';

/** Who caused a membership change. */
export type ChangeSource = 'manual' | 'link' | 'automation';

export interface MembershipChange {
  op: MembershipOp;
  target: MemberTarget;
  /** Stored segment ids; never `unassigned`. */
  segmentIds: string[];
  source: ChangeSource;
}

/** Per-segment effect of a membership change. */
export interface SegmentEffect {
  segmentId: string;
  /** Members that changed (added for assign, removed for unassign). */
  changed: number;
  /** Members skipped: already in (assign) or not in (unassign). */
  skipped: number;
}

/** What a change would do, before doing it: "add 1,240, skip 37 already in". */
export interface MembershipPreview {
  /** Members the target resolves to. */
  members: number;
  segments: SegmentEffect[];
  /** How the Unassigned count would move (negative when members leave it). */
  unassignedDelta: number;
}

/** What a change did. `memberIds` lists exactly who changed per segment, so it can be undone. */
export interface MembershipResult {
  members: number;
  segments: Array<SegmentEffect & { memberIds: string[] }>;
  unassignedDelta: number;
}

/** What deleting a segment did: its members, so the delete can be undone. */
export interface DeleteResult {
  segment: Segment;
  memberIds: string[];
  unassignedDelta: number;
}

export interface AudienceCount {
  count: number;
}

export interface InviteDraft {
  segmentId: string;
  /** ISO 8601; absent = never expires. */
  expiresAt?: string;
  /** Absent = unlimited. */
  maxUses?: number;
  /**
   * Keys of the segment's `metadata` whose values are shown to whoever joins
   * through the link (`['discountCode']`): at most 16, each of the form of a
   * segment field key, duplicates dropped. Absent or `[]`: the link reveals
   * nothing (docs/decisions/025-invite-links-reveal-chosen-fields.md).
   */
  reveal?: string[];
}

export interface InviteLink {
  id: string;
  segmentId: string;
  /** Opaque token carried in the invitation URL. */
  token: string;
  createdAt: string;
  expiresAt?: string;
  maxUses?: number;
  uses: number;
  revokedAt?: string;
  /** The `metadata` keys a redeem of this link answers in `revealed` (`[]`: none). */
  reveal: string[];
}

/**
 * Who is joining through an invite: only a name and, optionally, an email.
 * Anything else is refused (`invalid-input`): an anonymous redeemer sets no
 * attributes. The email is not verified, so it never finds an existing member
 * (docs/decisions/015-invite-redeem-privacy.md).
 */
export interface InviteProfile {
  name: string;
  email?: string;
}

/** The redeemer's own record, as they typed it: never another member's data. */
export interface RedeemedMember {
  id: string;
  name: string;
  email?: string;
}

/** What a redeem answers: only what the landing page needs. */
export interface RedeemResult {
  /** The link's segment. */
  segmentId: string;
  /** The segment's name, to tell the person where they landed. */
  segmentName: string;
  /** True when the person was put in the segment by this redeem (false: already in). */
  joined: boolean;
  /**
   * The member this redeem created (id, name, email as typed). Absent when
   * the backend placed a member it already knew (one that verified who is
   * redeeming): their record is not the link's to disclose.
   */
  member?: RedeemedMember;
  /**
   * The values, at redeem time, of the link's `reveal` keys that the segment
   * has (own keys holding a string, number or boolean; others are left out):
   * `{ discountCode: 'VIP20' }`, `{}` when there is nothing to show. Present
   * whenever `joined` is true (a backend may also answer it to a member it
   * verified who was already in). Never any other metadata.
   */
  revealed?: Record<string, RevealedValue>;
}

/** A value a redeem may reveal: a segment `metadata` value that is a scalar. */
export type RevealedValue = string | number | boolean;

export const DEFAULT_SORT: MemberSort = Object.freeze({ key: 'name', dir: 'asc' }) as MemberSort;

/** A filter that matches every member. */
export function emptyFilter(): MemberFilter {
  return { include: [], exclude: [], match: 'any', search: '', attributes: [] };
}

/** A query over every member in the default order. */
export function emptyQuery(): MemberQuery {
  return { ...emptyFilter(), sort: { ...DEFAULT_SORT } };
}

/** The filter part of a query (drops `sort`). */
export function toFilter(query: MemberFilter): MemberFilter {
  return {
    include: [...query.include],
    exclude: [...query.exclude],
    match: query.match,
    search: query.search,
    attributes: query.attributes.map((a) => ({ ...a })),
  };
}

/** A stable string for a filter or query, equal for equal meaning (ids order does not matter). */
export function filterKey(query: MemberFilter | MemberQuery): string {
  const sorted = (ids: string[]) => [...new Set(ids)].sort();
  return JSON.stringify([
    sorted(query.include),
    sorted(query.exclude),
    query.match,
    query.search.trim(),
    [...query.attributes].map((a) => [a.key, a.op, a.value]).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
    'sort' in query ? [query.sort.key, query.sort.dir] : null,
  ]);
}
