/**
 * Segment links without rendering: a segment's invitation links with their
 * URL and status, the new-link form (expiry, maximum uses) and its checks,
 * create, and revoke after a confirm step. `segkit-invite-link` renders it; a
 * React or Vue app can render the same state its own way. Lit-free: imports
 * only `@segkit/core`, `nanostores` and plain functions.
 */
import { toSegkitError } from '@segkit/core';
import type { InviteLink, SegkitError, SegmentStore, SegmentView } from '@segkit/core';
import { atom, computed } from 'nanostores';
import type { Connector } from '../internal/connector.js';
import { DEFAULT_INVITE_PARAM, httpBaseUrl, inviteStatus, inviteUrl, parseExpiry, parseMaxUses } from './invite-model.js';
import type { InviteStatus } from './invite-model.js';

export interface InviteLinkOptions {
  /** The segment whose links to manage (`setSegment` changes it). */
  segmentId?: string | undefined;
  /** Where links point: http(s), relative to the page. Default: the page without its query (`setBaseUrl`). */
  baseUrl?: string | undefined;
  /** The query parameter that carries the token (default `segkit-invite`; `setParam`). */
  param?: string | undefined;
  /** Clock in ms, for a link's status (default `Date.now`). */
  now?: () => number;
  /**
   * The segment fields (keys of the store's `segmentFields`) that links
   * created here show to whoever joins through them (`['discountCode']`;
   * `setReveal`). Default none: a link reveals nothing unless the host says so.
   */
  reveal?: readonly string[] | undefined;
}

/** A field a link reveals, with what people call it (the declared field's label, else its key). */
export interface RevealedField {
  key: string;
  label: string;
}

/** A link as shown: the link, its full URL (`''` when the base URL is refused), its status and the fields it reveals. */
export interface InviteRow {
  invite: InviteLink;
  url: string;
  status: InviteStatus;
  /** What whoever joins through it is shown (`invite.reveal` with labels); `[]` when nothing. */
  reveals: RevealedField[];
}

/**
 * Why a form field is refused: `'invalid'` when the input is not acceptable
 * (expiry: not a date and time in the future; maximum uses: not a whole
 * number from 1 to `MAX_USES_LIMIT`), or the store's error for that field.
 */
export type InviteFieldError = 'invalid' | SegkitError;

export interface InviteLinkState {
  /** The backend supports invite links (`adapter.capabilities.invites`); when false, say so and show nothing else. */
  supported: boolean;
  /** The segment whose links these are, if one is set. */
  segmentId: string | undefined;
  /** That segment, for its name (undefined while unknown). */
  segment: SegmentView | undefined;
  /** Segments a link can be made for (every one but Unassigned), for a segment chooser. */
  choices: SegmentView[];
  /** Segments are loaded: an empty `choices` means "create a segment first". */
  ready: boolean;
  offline: boolean;
  /** The base URL is http(s); when false, links have no URL and cannot be created. */
  baseUrlValid: boolean;
  /** The segment's links, newest first. */
  items: InviteRow[];
  /** The links are loading. */
  loading: boolean;
  /** Loading the links failed (offer `load()` again), else null. */
  loadError: SegkitError | null;
  /** A segment is set, its links are loaded, and it has none. */
  empty: boolean;
  /** The fields links created now will reveal (`reveal` with labels); `[]` when none. */
  reveal: RevealedField[];
  /** The form's inputs as typed: a `datetime-local` value and a number. */
  expiry: string;
  maxUses: string;
  fieldErrors: { expiry: InviteFieldError | null; maxUses: InviteFieldError | null };
  /** A create is in flight: disable "Create link". */
  creating: boolean;
  /** The store refused the last create for a reason that is not one field's, else null. */
  createError: SegkitError | null;
  /** The link created last (show its URL with Copy). */
  created: InviteRow | null;
  /** Id of the link whose revoke waits for confirmation. */
  confirming: string | null;
  /** Id of the link being revoked. */
  revoking: string | null;
  /** The last refused revoke, with its link's id. */
  revokeError: { id: string; error: SegkitError } | null;
  /** Loading, creating or revoking failed, or the base URL is refused. */
  failed: boolean;
}

/**
 * Invite links of one segment over a store. Render `$state`; wire the form
 * and buttons to the actions. Links are read with `store.loadInvites` and
 * follow `store.$invites` while it holds this segment. Nothing is translated:
 * errors are `SegkitError`s (show them by `code`), field problems are `'invalid'`.
 * Copying a URL is yours to do (the clipboard is the page's).
 *
 * ```ts
 * const links = createInviteLinkConnector(store, { segmentId: 'customers', baseUrl: 'https://shop.example.com/join' });
 * links.setMaxUses('50');
 * const invite = await links.create(); // null: see fieldErrors / createError
 * ```
 */
export interface InviteLinkConnector extends Connector<InviteLinkState> {
  /** Changes the segment (`undefined`: none); its links load. */
  setSegment(segmentId: string | undefined): void;
  /** Changes where links point (`undefined`: the page). */
  setBaseUrl(baseUrl: string | undefined): void;
  /** Changes the token's query parameter (`undefined` or `''`: `segkit-invite`). */
  setParam(param: string | undefined): void;
  /** Changes which segment fields links created from now on reveal (`undefined` or `[]`: none). */
  setReveal(reveal: readonly string[] | undefined): void;
  /** Loads the segment's links (again). */
  load(): Promise<void>;
  /** Edits the expiry input (a `datetime-local` value, `''`: none); clears its error. */
  setExpiry(value: string): void;
  /** Edits the maximum-uses input (`''`: no limit); clears its error. */
  setMaxUses(value: string): void;
  /**
   * Checks the form and creates a link for the segment. Resolves the link
   * (the form is cleared and `created` holds it), or null when a field is
   * refused (`fieldErrors`), the store refused it (`createError`), or it
   * cannot be made now (no segment, a bad base URL, a create in flight).
   */
  create(): Promise<InviteLink | null>;
  /** First step of "Revoke": asks for confirmation (`confirming`). */
  askRevoke(id: string): void;
  cancelRevoke(): void;
  /** Revokes a link; resolves it, or null when it failed (`revokeError`). */
  revoke(id: string): Promise<InviteLink | null>;
  /** The full URL of a link (`''` when the base URL is refused). */
  urlFor(invite: InviteLink): string;
}

interface Own {
  segmentId: string | undefined;
  baseUrl: string | undefined;
  param: string;
  reveal: readonly string[];
  /** Links as last loaded or changed here. */
  items: InviteLink[];
  loading: boolean;
  loadError: SegkitError | null;
  expiry: string;
  maxUses: string;
  fieldErrors: InviteLinkState['fieldErrors'];
  creating: boolean;
  createError: SegkitError | null;
  created: InviteLink | null;
  confirming: string | null;
  revoking: string | null;
  revokeError: InviteLinkState['revokeError'];
}

const NO_FIELD_ERRORS: InviteLinkState['fieldErrors'] = { expiry: null, maxUses: null };

/** What a segment change resets. */
const FRESH = {
  items: [],
  loading: false,
  loadError: null,
  fieldErrors: NO_FIELD_ERRORS,
  creating: false,
  createError: null,
  created: null,
  confirming: null,
  revoking: null,
  revokeError: null,
} satisfies Partial<Own>;

/** The base URL, or null when it is not http(s). Default: the page without its query. */
function resolveBase(baseUrl: string | undefined): URL | null {
  const page = typeof location === 'undefined' ? undefined : location;
  return httpBaseUrl(baseUrl ?? (page ? page.origin + page.pathname : ''), page?.href ?? 'http://localhost/');
}

/** The keys with the labels of the store's declared fields (a key no field declares shows as itself). */
function labelled(store: SegmentStore, keys: readonly string[]): RevealedField[] {
  return keys.map((key) => ({ key, label: store.segmentFields.find((field) => field.key === key)?.label ?? key }));
}

const sameKeys = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((key, i) => key === b[i]);

function upsert(items: InviteLink[], invite: InviteLink): InviteLink[] {
  return items.some((i) => i.id === invite.id) ? items.map((i) => (i.id === invite.id ? invite : i)) : [invite, ...items];
}

export function createInviteLinkConnector(store: SegmentStore, options: InviteLinkOptions = {}): InviteLinkConnector {
  const now = options.now ?? Date.now;
  const $own = atom<Own>({
    ...FRESH,
    segmentId: options.segmentId,
    baseUrl: options.baseUrl,
    param: options.param || DEFAULT_INVITE_PARAM,
    reveal: [...(options.reveal ?? [])],
    expiry: '',
    maxUses: '',
  });
  const set = (patch: Partial<Own>): void => $own.set({ ...$own.get(), ...patch });
  /** Bumped when the segment changes or the connector is destroyed: late answers for an earlier one are dropped. */
  let generation = 0;

  const urlWith = (base: URL | null, param: string, invite: InviteLink): string => (base ? inviteUrl(base, invite.token, param) : '');

  const $state = computed([store.$segments, store.$status, store.$invites, $own], (segments, status, shared, own): InviteLinkState => {
    const base = resolveBase(own.baseUrl);
    const at = now();
    const row = (invite: InviteLink): InviteRow => ({
      invite,
      url: urlWith(base, own.param, invite),
      status: inviteStatus(invite, at),
      reveals: labelled(store, invite.reveal ?? []),
    });
    const id = own.segmentId;
    // The store's `$invites` wins while it holds this segment: it follows changes made elsewhere.
    const links = shared.segmentId === id && !shared.loading && id !== undefined ? shared.items.filter((i) => i.segmentId === id) : own.items;
    const refused = [own.fieldErrors.expiry, own.fieldErrors.maxUses].some((e) => e !== null && e !== 'invalid');
    return {
      supported: store.adapter.capabilities.invites,
      segmentId: id,
      segment: id === undefined ? undefined : segments.find((s) => s.id === id),
      choices: segments.filter((s) => !s.system),
      ready: status.ready,
      offline: status.offline,
      baseUrlValid: base !== null,
      items: links.map(row),
      loading: own.loading,
      loadError: own.loadError,
      empty: id !== undefined && !own.loading && !own.loadError && links.length === 0,
      reveal: labelled(store, own.reveal),
      expiry: own.expiry,
      maxUses: own.maxUses,
      fieldErrors: own.fieldErrors,
      creating: own.creating,
      createError: own.createError,
      created: own.created ? row(own.created) : null,
      confirming: own.confirming,
      revoking: own.revoking,
      revokeError: own.revokeError,
      failed: Boolean(own.loadError || own.createError || own.revokeError) || refused || base === null,
    };
  });

  async function load(): Promise<void> {
    const segmentId = $own.get().segmentId;
    if (segmentId === undefined) return;
    const current = ++generation;
    set({ loading: true, loadError: null });
    try {
      const items = await store.loadInvites(segmentId);
      if (current === generation) set({ items, loading: false });
    } catch (error) {
      if (current === generation) set({ loading: false, loadError: toSegkitError(error) });
    }
  }

  if (options.segmentId !== undefined) void load();

  return {
    $state,
    load,

    setSegment(segmentId) {
      if (segmentId === $own.get().segmentId) return;
      ++generation;
      set({ ...FRESH, segmentId });
      void load();
    },

    setBaseUrl(baseUrl) {
      if (baseUrl !== $own.get().baseUrl) set({ baseUrl });
    },

    setParam(param) {
      const next = param || DEFAULT_INVITE_PARAM;
      if (next !== $own.get().param) set({ param: next });
    },

    setReveal(reveal) {
      const next = [...(reveal ?? [])];
      if (!sameKeys(next, $own.get().reveal)) set({ reveal: next, createError: null });
    },

    setExpiry(expiry) {
      set({ expiry, fieldErrors: { ...$own.get().fieldErrors, expiry: null } });
    },

    setMaxUses(maxUses) {
      set({ maxUses, fieldErrors: { ...$own.get().fieldErrors, maxUses: null } });
    },

    async create() {
      const own = $own.get();
      const segmentId = own.segmentId;
      if (segmentId === undefined || own.creating || resolveBase(own.baseUrl) === null) return null;
      const expiresAt = parseExpiry(own.expiry, now());
      const maxUses = parseMaxUses(own.maxUses);
      if (expiresAt === null || maxUses === null) {
        set({ fieldErrors: { expiry: expiresAt === null ? 'invalid' : null, maxUses: maxUses === null ? 'invalid' : null } });
        return null;
      }
      const current = generation;
      set({ creating: true, createError: null, fieldErrors: NO_FIELD_ERRORS });
      try {
        const reveal = own.reveal.length ? { reveal: [...own.reveal] } : {};
        const invite = await store.createInvite({ segmentId, ...(expiresAt ? { expiresAt } : {}), ...(maxUses ? { maxUses } : {}), ...reveal });
        if (current === generation) {
          set({ creating: false, created: invite, items: upsert($own.get().items, invite), expiry: '', maxUses: '' });
        }
        return invite;
      } catch (reason) {
        const error = toSegkitError(reason);
        if (current !== generation) return null;
        if (error.field === 'expiresAt') set({ creating: false, fieldErrors: { ...NO_FIELD_ERRORS, expiry: error } });
        else if (error.field === 'maxUses') set({ creating: false, fieldErrors: { ...NO_FIELD_ERRORS, maxUses: error } });
        else set({ creating: false, createError: error });
        return null;
      }
    },

    askRevoke(id) {
      set({ confirming: id, revokeError: null });
    },

    cancelRevoke() {
      set({ confirming: null });
    },

    async revoke(id) {
      if ($own.get().revoking) return null;
      const current = generation;
      set({ revoking: id, revokeError: null });
      try {
        const invite = await store.revokeInvite(id);
        if (current === generation) {
          const own = $own.get();
          const created = own.created?.id === id ? invite : own.created;
          set({ revoking: null, confirming: null, created, items: upsert(own.items, invite) });
        }
        return invite;
      } catch (error) {
        if (current === generation) set({ revoking: null, revokeError: { id, error: toSegkitError(error) } });
        return null;
      }
    },

    urlFor(invite) {
      const own = $own.get();
      return urlWith(resolveBase(own.baseUrl), own.param, invite);
    },

    destroy() {
      ++generation;
    },
  };
}
