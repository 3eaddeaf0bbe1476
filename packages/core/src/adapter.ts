import type {
  AudienceCount,
  DeleteResult,
  InviteDraft,
  InviteLink,
  InviteProfile,
  MemberPage,
  MemberQuery,
  MembershipChange,
  MembershipPreview,
  MembershipResult,
  PageRequest,
  RedeemResult,
  Segment,
  SegmentDraft,
  SegmentList,
  SegmentPatch,
  SegmentRules,
} from './model.js';

/** Per-call options every adapter method takes. */
export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * Options of a write. `requestId` is client-generated and stable across
 * retries of the same mutation: an adapter (and its backend) must apply a
 * request id at most once and answer a replay with the first result.
 */
export interface WriteOptions extends CallOptions {
  requestId?: string;
}

/** Something changed on the backend outside this store (another tab, another user). */
/**
 * A change on the backend. `requestId` is set when the change came from a
 * write with that id, so a store can tell its own writes from others'.
 */
export type AdapterChangeEvent = (
  | { type: 'segments' }
  | { type: 'members' }
  | { type: 'membership'; change: MembershipChange; result: MembershipResult }
  | { type: 'invites' }
) & { requestId?: string };

/** What an adapter can do beyond the required methods; declared, never guessed. */
export interface AdapterCapabilities {
  /** `subscribe()` delivers changes made elsewhere. */
  live: boolean;
  /** Invite links are supported (`createInvite`, `listInvites`, `revokeInvite`, `redeemInvite`). */
  invites: boolean;
}

/**
 * The only door to a segments backend. Every method is async, takes an
 * AbortSignal, and rejects only with `SegkitError`. Writes are idempotent by
 * `requestId`. The store validates everything an adapter returns.
 *
 * Semantics every implementation must keep (the contract suite checks them):
 * - names are trimmed, 1-80 characters, unique case-insensitively; "Unassigned" is reserved;
 * - `unassigned` is derived: members in no stored segment; it cannot be created,
 *   renamed, deleted or assigned to, but it can be used in include / exclude rules;
 * - assigning is idempotent per member (never twice in one segment), deleting a
 *   segment never deletes members.
 */
export interface SegmentsAdapter {
  readonly capabilities: AdapterCapabilities;

  listSegments(options?: CallOptions): Promise<SegmentList>;
  createSegment(draft: SegmentDraft, options?: WriteOptions): Promise<Segment>;
  updateSegment(id: string, patch: SegmentPatch, options?: WriteOptions): Promise<Segment>;
  deleteSegment(id: string, options?: WriteOptions): Promise<DeleteResult>;

  /** A random-access page of the members matching `query`, in its order. */
  queryMembers(query: MemberQuery, page: PageRequest, options?: CallOptions): Promise<MemberPage>;

  /** What `changeMembership(change)` would do now, without doing it. */
  previewMembership(change: MembershipChange, options?: CallOptions): Promise<MembershipPreview>;
  changeMembership(change: MembershipChange, options?: WriteOptions): Promise<MembershipResult>;

  countAudience(rules: SegmentRules, options?: CallOptions): Promise<AudienceCount>;

  createInvite(draft: InviteDraft, options?: WriteOptions): Promise<InviteLink>;
  listInvites(segmentId: string | undefined, options?: CallOptions): Promise<InviteLink[]>;
  revokeInvite(id: string, options?: WriteOptions): Promise<InviteLink>;
  redeemInvite(token: string, profile: InviteProfile, options?: WriteOptions): Promise<RedeemResult>;

  /** Live changes; present when `capabilities.live`. Returns an unsubscribe function. */
  subscribe?(listener: (event: AdapterChangeEvent) => void): () => void;
}
