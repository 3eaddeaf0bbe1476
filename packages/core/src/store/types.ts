import type { ReadableAtom } from 'nanostores';
import type { SegmentsAdapter } from '../adapter.js';
import type { SegmentCache } from '../cache.js';
import type { SegkitError } from '../errors.js';
import type { SegmentField } from '../segment-fields.js';
import type {
  ChangeSource,
  DeleteResult,
  InviteDraft,
  InviteLink,
  InviteProfile,
  Member,
  MemberFilter,
  MemberQuery,
  MemberSort,
  MemberTarget,
  MembershipChange,
  MembershipOp,
  MembershipPreview,
  MembershipResult,
  RedeemResult,
  Segment,
  SegmentDraft,
  SegmentPatch,
  SegmentRules,
} from '../model.js';

/** Tells the store whether the device is online (injected; the browser's by default). */
export interface Connectivity {
  isOnline(): boolean;
  /** Calls `listener` when connectivity changes; returns an unsubscribe function. */
  subscribe(listener: (online: boolean) => void): () => void;
}

export interface RetryOptions {
  /** First backoff delay in ms (default 500). */
  baseMs?: number;
  /** Longest backoff delay in ms (default 30,000). */
  maxMs?: number;
  /**
   * Answers of a failing server (5xx, 429) before a write is rolled back with
   * a `server` error (default 8); nothing else counts. Network faults and
   * offline retry without limit, and a write that may have landed already (an
   * answer lost, or restored from an outbox) is asked again until the backend
   * answers, never rolled back for want of an answer.
   */
  maxAttempts?: number;
}

/**
 * What a store needs from the browser to share one backend with the other
 * tabs of the same origin (injected; `@segkit/idb` ships one over
 * BroadcastChannel and Web Locks). Without it, each tab is on its own.
 */
export interface TabSync {
  /** This tab's id (stable for the page's life). */
  readonly tabId: string;
  /** Tells the other tabs (not this one) something; delivered within about a second. */
  post(message: TabMessage): void;
  /** Messages from the other tabs; returns an unsubscribe function. */
  subscribe(listener: (message: TabMessage) => void): () => void;
  /**
   * Runs `task` while holding the exclusive lock `name` across tabs, waiting
   * for it; the lock is released when the task settles or the tab closes.
   * Aborting `options.signal` while it waits gives up the wait (the promise
   * rejects); the store waits so for the outbox of a tab alive when it opened.
   */
  lock<T>(name: string, task: () => Promise<T>, options?: { signal?: AbortSignal }): Promise<T>;
  /** Like `lock`, but resolves `null` at once (without running `task`) when another tab holds it. */
  tryLock<T>(name: string, task: () => Promise<T>): Promise<T | null>;
  /** Stops listening. */
  close(): void;
}

/** What one tab tells the others. */
export type TabMessage =
  /** Confirmed changes: re-read what `scope` names. */
  | { type: 'changed'; scope: 'segments' | 'members' | 'invites'; tabId: string }
  /** The outbox of `tabId` changed (written, replayed or emptied). */
  | { type: 'outbox'; tabId: string };

export interface SegmentStoreOptions {
  adapter: SegmentsAdapter;
  /**
   * Persists the segments, the applied query and its member pages (one
   * record per page) and the write outbox: the store opens from it before
   * any network answer, and a write is shown once it is saved in the outbox
   * (decision 011).
   */
  cache?: SegmentCache;
  /**
   * Per-segment data the host keeps in each segment's `metadata` (a discount
   * code, a landing page URL): declared once, shown and edited by the
   * widgets, checked before anything is sent (`setSegmentField`). Checked at
   * creation: a malformed declaration throws `invalid-input`.
   */
  segmentFields?: readonly SegmentField[];
  /** Members per page fetched for the table (default 100, at most 500). */
  pageSize?: number;
  /** Clock in ms (default `Date.now`). */
  now?: () => number;
  retry?: RetryOptions;
  connectivity?: Connectivity;
  /** Pages kept in memory for the member window (default 60). */
  maxPages?: number;
  /**
   * Shares the backend with the other tabs (`createTabSync()` from
   * `@segkit/idb`): each tab saves its queue under `outbox:<tabId>` and holds
   * that lock while alive, adopts the outboxes of tabs that are gone (on open,
   * back online, when told, and as soon as a tab alive at open lets go of its
   * lock), posts `changed` after a confirmed write and
   * re-reads when another does (decision 012). Needs a cache with `keys()`.
   */
  tabs?: TabSync;
}

/** A segment as the UI shows it: counts include pending changes. */
export interface SegmentView extends Segment {
  /** True while a change to this segment is not yet confirmed by the backend. */
  pending: boolean;
}

export interface StoreStatus {
  /** Segments have been loaded (from the backend or the cache). */
  ready: boolean;
  /** A read is in flight. */
  loading: boolean;
  /** The device is offline, or the backend cannot be reached: writes wait in the queue. */
  offline: boolean;
  /** Writes not yet confirmed. */
  pending: number;
  /** Shown data (segments, member pages) came from the cache and has not been revalidated yet. */
  stale: boolean;
  /** The last failure of a read, or null. */
  error: SegkitError | null;
  /** `none`: no cache given; `ready`; `unavailable`: the cache failed (e.g. full) and the store goes on in memory. */
  cache: 'none' | 'ready' | 'unavailable';
  /**
   * When the shown data that comes from the cache was saved (ms since the
   * epoch; the oldest of the segments and the pages shown), while `stale`;
   * null when everything shown is fresh from the backend, or there is no cache.
   */
  cachedAt: number | null;
  /**
   * Why queued writes wait for the host: `unauthorized` when the backend
   * refused the credentials. Every write is kept (in the outbox too) until
   * `store.resume()` after the host has a new token; null otherwise.
   */
  paused: 'unauthorized' | null;
}

/** How `loadRange` treats its rows beyond loading them. */
export interface LoadRangeOptions {
  /** The rows are the ones on screen: pin their pages (and `focus`'s), cancel the loads of pages no longer pinned. */
  view?: boolean;
  /** With `view`: a row kept loaded wherever it is, e.g. the focused row (its page is loaded and pinned too). */
  focus?: number | null;
}

/** The ordered result of the applied query, loaded page by page (random access). */
export interface MemberWindow {
  /** Identifies the applied query; changes when the query does. */
  key: string;
  /** Members matching the applied query, or null before the first page arrives. */
  total: number | null;
  pageSize: number;
  /** A page is loading. */
  loading: boolean;
  error: SegkitError | null;
  /** The member at a row index (0-based), with pending changes applied; undefined until loaded. */
  at(index: number): Member | undefined;
  /** Indices of the loaded pages. */
  pages: readonly number[];
}

export type Selection =
  | {
      mode: 'ids';
      ids: ReadonlySet<string>;
      anchor: number | null;
      /**
       * Set when an "all matching" selection was emptied because the backend
       * confirmed the delete of a segment its filter named (widening it to
       * the filter without that segment could select everyone): the UI says
       * so ("VIPs was deleted: 120 members no longer selected"). Gone with
       * the next change of the selection.
       */
      cleared?: { reason: 'segment-deleted'; segmentId: string; name: string; count: number };
    }
  | {
      /** Every member matching `filter` except `except`: sent to the backend as the query itself. */
      mode: 'query';
      filter: MemberFilter;
      except: ReadonlySet<string>;
      anchor: number | null;
    };

export type MutationKind = 'create-segment' | 'update-segment' | 'delete-segment' | 'membership';

/** A write waiting in the queue (public, read-only view). */
export interface PendingMutation {
  id: string;
  kind: MutationKind;
  /** Attempts made so far. */
  attempts: number;
  /** The last transient error, while retrying. */
  lastError: SegkitError | null;
}

/** The last bulk action, which `undo()` reverses. */
export interface UndoableAction {
  id: string;
  /** `segment-field`: a segment field's value set (`setSegmentField`); its `count` is 1. */
  kind: 'membership' | 'create-and-assign' | 'delete-segment' | 'move' | 'segment-field';
  op?: MembershipOp;
  segmentIds: string[];
  /** Members changed (known once confirmed). */
  count: number | null;
  status: 'pending' | 'done';
}

export type Phase = 'optimistic' | 'confirmed' | 'reverted';

/** Announced for every membership change: which members, which segments, who caused it. */
export interface MembershipEvent {
  mutationId: string;
  op: MembershipOp;
  segmentIds: string[];
  target: MemberTarget;
  source: ChangeSource;
  /** `optimistic` when shown, `confirmed` when the backend applied it, `reverted` when refused; `remote` for changes made elsewhere. */
  phase: Phase | 'remote';
  /** Exactly who changed, per segment (confirmed and remote phases). */
  result?: MembershipResult;
  error?: SegkitError;
  /** True when `undo()` made this change (reversing the last bulk action). */
  undo?: boolean;
  /**
   * Set when the change is one side of a move: the `assign` into `to` and the
   * `unassign` out of `from` each have their own event, both carrying this.
   */
  move?: MoveSides;
  /** The `origin` given to the action that made this change (`ActionOptions`); absent for remote changes and writes restored from the outbox. */
  origin?: unknown;
}

/** The two segments of a move: out of `from`, into `to`. */
export interface MoveSides {
  from: string;
  to: string;
}

/** What a confirmed move did: who joined `to` and who left `from`. */
export interface MoveResult {
  added: MembershipResult;
  removed: MembershipResult;
}

/** What a move would do now: the preview of each side. */
export interface MovePreview {
  added: MembershipPreview;
  removed: MembershipPreview;
}

export interface SegmentEvent {
  mutationId: string;
  action: 'create' | 'update' | 'delete';
  segment: Segment;
  /** The segment before an update or delete. */
  previous?: Segment;
  phase: Phase;
  error?: SegkitError;
  /** True when `undo()` made this change (e.g. re-creating a deleted segment). */
  undo?: boolean;
  /** The `origin` given to the action that made this change (`ActionOptions`). */
  origin?: unknown;
}

export interface ErrorEvent {
  error: SegkitError;
  /** What failed: a mutation kind, or a read (`load-segments`, `load-members`, ...). */
  action: string;
  mutationId?: string;
  /** The `origin` given to the action whose write failed (`ActionOptions`). */
  origin?: unknown;
}

export interface StoreEvents {
  membership: MembershipEvent;
  segment: SegmentEvent;
  error: ErrorEvent;
}

export interface AudienceState {
  rules: SegmentRules;
  count: number | null;
  loading: boolean;
  error: SegkitError | null;
}

/** A live audience count: re-resolved when the rules or memberships change. */
export interface AudienceController {
  readonly $state: ReadableAtom<AudienceState>;
  setRules(rules: SegmentRules): void;
  /** Stops following changes. */
  destroy(): void;
}

export interface InvitesState {
  segmentId: string | undefined;
  items: InviteLink[];
  loading: boolean;
  error: SegkitError | null;
}

/**
 * What a write action returns: the promise of its outcome (resolves when the
 * backend confirms, rejects with a `SegkitError` when it refuses or when the
 * input is refused at once) that also names what the call started, so no
 * caller has to read `$lastAction` right after calling.
 *
 * `actionId` is the id of the bulk action for `assign`, `unassign`,
 * `createAndAssign` and `deleteSegment`: it equals `$lastAction.get().id`
 * while that action is the one `undo()` reverses. For `createSegment`,
 * `updateSegment` and `renameSegment` it is the id of the queued write (the
 * `mutationId` of its events and its `$pending` entry). When the input is
 * refused at once nothing starts and `actionId` names nothing. Chaining
 * (`then`, `catch`) gives a plain promise.
 */
export interface ActionPromise<T> extends Promise<T> {
  readonly actionId: string;
}

/**
 * Options every write action takes. `origin` is opaque to the store: it is
 * carried on the events of the writes the action queues (and of its Undo,
 * when `undo({ origin })` is given one), never saved in the outbox or sent.
 * `@segkit/elements` passes the element the user acted on, and dispatches
 * that change's DOM event from it (decision 030).
 */
export interface ActionOptions {
  origin?: unknown;
}

export interface BulkOptions extends ActionOptions {
  /** Whom to act on (default: the current selection). */
  target?: MemberTarget;
  source?: ChangeSource;
}

export interface SegmentStore {
  readonly adapter: SegmentsAdapter;
  /** The host's segment fields, as declared (checked, frozen); empty when none. */
  readonly segmentFields: readonly SegmentField[];
  /** Unassigned first, then the stored segments by name; counts include pending changes. */
  readonly $segments: ReadableAtom<SegmentView[]>;
  readonly $status: ReadableAtom<StoreStatus>;
  /** Total members (all segments). */
  readonly $totalMembers: ReadableAtom<number | null>;
  /** The filter being edited (not yet applied). */
  readonly $draft: ReadableAtom<MemberFilter>;
  /** The query the member window shows. */
  readonly $query: ReadableAtom<MemberQuery>;
  readonly $members: ReadableAtom<MemberWindow>;
  readonly $selection: ReadableAtom<Selection>;
  readonly $selectedCount: ReadableAtom<number>;
  readonly $pending: ReadableAtom<readonly PendingMutation[]>;
  readonly $lastAction: ReadableAtom<UndoableAction | null>;
  readonly $invites: ReadableAtom<InvitesState>;
  /**
   * Resolves when the cache has been read: the segments and the last view
   * shown, this tab's outbox and those of tabs that are gone in the queue.
   * Never rejects.
   */
  readonly ready: Promise<void>;

  on<K extends keyof StoreEvents>(type: K, listener: (event: StoreEvents[K]) => void): () => void;

  /** Reloads segments and the visible member pages. */
  refresh(): Promise<void>;
  /** Resolves when no write is queued or in flight. */
  settled(): Promise<void>;
  /**
   * Sends the queued writes again after the queue paused on an
   * `unauthorized` answer (`$status.paused`): call it once the host has new
   * credentials (the provider does when its `getToken` changes).
   */
  resume(): void;

  // Segments
  /** Queues a new segment (shown at once); `actionId` is the write's id. */
  createSegment(draft: SegmentDraft, options?: ActionOptions): ActionPromise<Segment>;
  /** Queues a change of a segment; `actionId` is the write's id. */
  updateSegment(id: string, patch: SegmentPatch, options?: ActionOptions): ActionPromise<Segment>;
  /** `updateSegment(id, { name })`. */
  renameSegment(id: string, name: string, options?: ActionOptions): ActionPromise<Segment>;
  /**
   * Sets one declared segment field (`segmentFields`) on a segment, or clears
   * it with `null` / `''`: the value is checked first (`invalid-input` with
   * `field` = the key and the field's message; nothing is sent), shown at
   * once, and saved in `metadata` with every other key kept. Undoable:
   * `undo()` puts back this field's previous value; `actionId` is the
   * `$lastAction` id (kind `segment-field`).
   */
  setSegmentField(segmentId: string, key: string, value: unknown, options?: ActionOptions): ActionPromise<Segment>;
  /** Deletes a segment (never its members); undoable: `actionId` is the `$lastAction` id. */
  deleteSegment(id: string, options?: ActionOptions): ActionPromise<DeleteResult>;
  /** Validates a name against the rules and the current names; resolves the clean name or rejects with a typed error. */
  checkName(name: string, selfId?: string): string;
  segmentById(id: string): SegmentView | undefined;

  // Filter and query
  setDraft(patch: Partial<MemberFilter>): void;
  /** Makes the draft the applied query. */
  apply(): void;
  /** Clears draft and applied filter (keeps the sort). */
  reset(): void;
  /** Applies a text search at once (the table's search box). */
  setSearch(search: string): void;
  setSort(sort: MemberSort): void;
  /** Applies a filter at once (e.g. opening a segment). */
  applyFilter(filter: Partial<MemberFilter>): void;

  // Member window
  /**
   * Makes sure rows [start, end) are loaded. With `view: true` they are the
   * rows on screen: their pages, and the page of the `focus` row (also
   * loaded), are kept (never evicted) until the next range on screen, which
   * cancels the loads of pages that scrolled away (decision 028).
   */
  loadRange(start: number, end: number, options?: LoadRangeOptions): Promise<void>;

  // Selection
  select(ids: string | readonly string[], selected?: boolean): void;
  toggle(id: string, index?: number): void;
  /** Selects the rows between the anchor (last toggled index) and `index`, inclusive. */
  selectRange(index: number, selected?: boolean): Promise<void>;
  /** Selects every member matching the applied query. */
  selectAllMatching(): void;
  clearSelection(): void;
  isSelected(id: string): boolean;
  /** The current selection as a bulk-action target. */
  selectionTarget(): MemberTarget;

  // Membership
  preview(op: MembershipOp, segmentIds: readonly string[], options?: BulkOptions & { signal?: AbortSignal }): Promise<MembershipPreview>;
  /** Adds the target (default: the selection) to segments; undoable: `actionId` is the `$lastAction` id. */
  assign(segmentIds: readonly string[], options?: BulkOptions): ActionPromise<MembershipResult>;
  /** Removes the target (default: the selection) from segments; undoable: `actionId` is the `$lastAction` id. */
  unassign(segmentIds: readonly string[], options?: BulkOptions): ActionPromise<MembershipResult>;
  /** Creates a segment and adds the target to it; undoable: `actionId` is the `$lastAction` id. */
  createAndAssign(draft: SegmentDraft, options?: BulkOptions): ActionPromise<{ segment: Segment; result: MembershipResult }>;
  /**
   * Moves the target (default: the selection) out of segment `from` and into
   * segment `to`: one action, one Undo that restores both sides. Sent as an
   * `assign` then an `unassign` with the same target (so a query such as
   * "everyone in `from`" still matches for the second), standing or falling
   * together. Each side announces its own `membership` event with `move`.
   */
  move(from: string, to: string, options?: BulkOptions): ActionPromise<MoveResult>;
  /** `move` into a segment created from `draft` (created, filled and emptied as one action). */
  createAndMove(from: string, draft: SegmentDraft, options?: BulkOptions): ActionPromise<MoveResult & { segment: Segment }>;
  /** Both sides of a move as the backend would apply them now (one call per side); what the optimistic counts use. */
  previewMove(from: string, to: string, options?: BulkOptions & { signal?: AbortSignal }): Promise<MovePreview>;
  /**
   * Reverses the last bulk action (assign, unassign, create-and-assign,
   * delete): queued at once behind it (shown at once, sent after it), its
   * writes standing or falling together; resolves when confirmed. Rejects
   * with `nothing-to-undo` when there is none; an Undo refused (at once, or by
   * the backend) leaves the action undoable.
   */
  undo(options?: ActionOptions): Promise<void>;

  // Audience
  countAudience(rules: SegmentRules, options?: { signal?: AbortSignal }): Promise<number>;
  createAudience(rules?: SegmentRules): AudienceController;

  // Invites
  loadInvites(segmentId?: string): Promise<InviteLink[]>;
  /**
   * Creates a link. `reveal` lists the declared segment fields (`segmentFields`)
   * whose values a redeem shows to whoever joins through it; any other key is
   * refused (`invalid-input`, field `reveal`) before a request.
   */
  createInvite(draft: InviteDraft): Promise<InviteLink>;
  revokeInvite(id: string): Promise<InviteLink>;
  /** Joins through a link; the answer's `revealed` holds the values of the link's `reveal` keys. */
  redeemInvite(token: string, profile: InviteProfile): Promise<RedeemResult>;

  /**
   * Stops timers, subscriptions and in-flight reads. Queued writes stay in the
   * cache outbox; with tabs, another tab may adopt them once it is saved.
   */
  destroy(): void;
}

export type { MembershipChange };
