/**
 * Invite links: the list shown (`$invites`, the links of one segment or all),
 * creating and revoking links, and redeeming one, which is announced as a
 * membership change with source `link`. Invite requests are not queued: they
 * need an answer now.
 */
import { atom } from 'nanostores';
import type { ReadableAtom } from 'nanostores';
import type { SegmentsAdapter } from '../adapter.js';
import { SegkitError, toSegkitError } from '../errors.js';
import { createId } from '../ids.js';
import { checkProfile } from '../memory-checks.js';
import type { InviteDraft, InviteLink, InviteProfile, RedeemResult } from '../model.js';
import { checkInviteDraft } from '../rules.js';
import type { SegmentField } from '../segment-fields.js';
import type { Emitter } from './emitter.js';
import type { InvitesState, StoreEvents } from './types.js';

export interface InvitesOptions {
  adapter: Pick<SegmentsAdapter, 'listInvites' | 'createInvite' | 'revokeInvite' | 'redeemInvite'>;
  events: Emitter<StoreEvents>;
  /** Aborted when the store is destroyed. */
  signal: AbortSignal;
  /** The store's clock: an expiry must be after it. */
  now(): number;
  /** The host's segment fields: a link reveals only these keys. */
  fields: readonly SegmentField[];
  /** Throws when links cannot point at `segmentId` (Unassigned, unknown). */
  checkSegment(segmentId: string): void;
  /** Someone joined through a link: counts and rows changed. */
  redeemed(): void;
  /** Links (or, by a redeem, members) changed here: the other tabs re-read them. */
  changed?(scope: 'invites' | 'members'): void;
}

/** Owns `$invites` and the request ids of invite writes. */
export interface InvitesModel {
  readonly $invites: ReadableAtom<InvitesState>;
  /** Loads the links of `segmentId` (all links when undefined) into `$invites`. */
  load(segmentId?: string): Promise<InviteLink[]>;
  create(draft: InviteDraft): Promise<InviteLink>;
  revoke(id: string): Promise<InviteLink>;
  redeem(token: string, profile: InviteProfile): Promise<RedeemResult>;
  /** Invites changed elsewhere: reloads the list if one is shown. */
  changedElsewhere(): void;
  /** True for the request id of a redeem made here (its live echo is not news). */
  owns(requestId: string): boolean;
}

/** Faults after which a redeem may have been applied: its outcome is unknown. */
const UNKNOWN_OUTCOME = new Set(['network', 'offline', 'server', 'aborted']);
/** Redeems with an unknown outcome remembered at most (the oldest is forgotten). */
const REMEMBERED_REDEEMS = 20;

export function createInvites(options: InvitesOptions): InvitesModel {
  const { adapter, events, signal } = options;
  const $invites = atom<InvitesState>({ segmentId: undefined, items: [], loading: false, error: null });
  const owned = new Set<string>();
  /**
   * The request id of a redeem whose answer was lost, by link and profile:
   * pressing "Join" again sends it again, so the adapter (any adapter: it
   * applies a request id at most once) answers the first outcome instead of
   * spending another use of the link.
   */
  const unanswered = new Map<string, string>();

  async function load(segmentId?: string): Promise<InviteLink[]> {
    $invites.set({ ...$invites.get(), segmentId, loading: true, error: null });
    try {
      const items = await adapter.listInvites(segmentId, { signal });
      if ($invites.get().segmentId === segmentId) $invites.set({ segmentId, items, loading: false, error: null });
      return items;
    } catch (error) {
      const err = toSegkitError(error);
      $invites.set({ ...$invites.get(), loading: false, error: err });
      events.emit('error', { error: err, action: 'load-invites' });
      throw err;
    }
  }

  /** Shows a created or revoked link in the list, when the list is of its segment. */
  function upsert(invite: InviteLink): void {
    const state = $invites.get();
    if (state.segmentId !== undefined && state.segmentId !== invite.segmentId) return;
    const items = state.items.some((i) => i.id === invite.id)
      ? state.items.map((i) => (i.id === invite.id ? invite : i))
      : [invite, ...state.items];
    $invites.set({ ...state, items });
  }

  return {
    $invites,
    load,
    async create(draft) {
      // The checks the memory adapter makes, before any request: a bad draft
      // is refused here with its `field`, and only known fields go on.
      const clean = checkInviteDraft(draft, options.now());
      // A link reveals only what the host declared as segment fields: a key
      // typed by mistake (or another app's metadata) is never shown to strangers.
      const unknown = clean.reveal?.find((key) => !options.fields.some((field) => field.key === key));
      if (unknown !== undefined) {
        throw new SegkitError('invalid-input', `"${unknown}" is not a segment field of this page: a link reveals only declared fields.`, {
          field: 'reveal',
        });
      }
      options.checkSegment(clean.segmentId);
      const invite = await adapter.createInvite(clean, { requestId: createId('req_'), signal });
      upsert(invite);
      options.changed?.('invites');
      return invite;
    },
    async revoke(id) {
      const invite = await adapter.revokeInvite(id, { requestId: createId('req_'), signal });
      upsert(invite);
      options.changed?.('invites');
      return invite;
    },
    async redeem(token, profile) {
      if (typeof token !== 'string' || token.length === 0) {
        throw new SegkitError('invalid-input', 'An invitation link needs its token.', { field: 'token' });
      }
      // Only a name and an email (of the shape the memory adapter accepts) go on.
      const clean = checkProfile(profile);
      const who = JSON.stringify([token, clean.name, clean.email ?? null]);
      const requestId = unanswered.get(who) ?? createId('req_');
      owned.add(requestId);
      let result: RedeemResult;
      try {
        result = await adapter.redeemInvite(token, clean, { requestId, signal });
        unanswered.delete(who);
      } catch (error) {
        unanswered.delete(who);
        if (UNKNOWN_OUTCOME.has(toSegkitError(error).code)) {
          unanswered.set(who, requestId);
          if (unanswered.size > REMEMBERED_REDEEMS) unanswered.delete(unanswered.keys().next().value!);
        }
        throw error;
      }
      // Announced when the answer says who joined (the member this redeem
      // created); a backend that placed a member it verified names nobody, and
      // the revalidation below shows the change.
      const member = result.member;
      if (result.joined && member) {
        events.emit('membership', {
          mutationId: requestId,
          op: 'assign',
          segmentIds: [result.segmentId],
          target: { kind: 'ids', ids: [member.id] },
          source: 'link',
          phase: 'confirmed',
          result: {
            members: 1,
            segments: [{ segmentId: result.segmentId, changed: 1, skipped: 0, memberIds: [member.id] }],
            unassignedDelta: 0,
          },
        });
      }
      options.redeemed();
      options.changed?.('members');
      options.changed?.('invites');
      return result;
    },
    changedElsewhere() {
      const { items, segmentId } = $invites.get();
      if (items.length || segmentId !== undefined) void load(segmentId).catch(() => undefined);
    },
    owns: (requestId) => owned.has(requestId),
  };
}
