/**
 * The headless invite-links flow for one segment: load its links, create one,
 * revoke one after a confirm. Plain data and actions over the store; the
 * element renders `state` and calls these methods.
 */
import { toSegkitError } from '@segkit/core';
import type { InviteDraft, InviteLink, SegkitError, SegmentStore } from '@segkit/core';

export interface InviteLinkState {
  segmentId: string | undefined;
  /** Links of the segment as last loaded or changed here (`$invites` wins while it holds this segment). */
  items: InviteLink[];
  loading: boolean;
  loadError: SegkitError | null;
  creating: boolean;
  createError: SegkitError | null;
  /** The link created last, shown with its URL and Copy. */
  created: InviteLink | null;
  /** The link whose "Revoke" waits for confirmation. */
  confirming: string | null;
  revoking: string | null;
  revokeError: { id: string; error: SegkitError } | null;
}

const initial = (segmentId: string | undefined): InviteLinkState => ({
  segmentId,
  items: [],
  loading: false,
  loadError: null,
  creating: false,
  createError: null,
  created: null,
  confirming: null,
  revoking: null,
  revokeError: null,
});

export class InviteLinkController {
  state: InviteLinkState = initial(undefined);
  #store: SegmentStore | undefined;
  readonly #onChange: () => void;
  #generation = 0;

  constructor(onChange: () => void) {
    this.#onChange = onChange;
  }

  #set(patch: Partial<InviteLinkState>): void {
    this.state = { ...this.state, ...patch };
    this.#onChange();
  }

  /** Points the controller at a store and segment; loads the links when either changed. */
  connect(store: SegmentStore | undefined, segmentId: string | undefined): void {
    if (store === this.#store && segmentId === this.state.segmentId) return;
    this.#store = store;
    ++this.#generation;
    this.state = initial(segmentId);
    if (store && segmentId !== undefined) void this.load();
    else this.#onChange();
  }

  /** The links to show: the store's `$invites` while it holds this segment, else the ones loaded here. */
  items(): InviteLink[] {
    const shared = this.#store?.$invites.get();
    const id = this.state.segmentId;
    if (shared && shared.segmentId === id && !shared.loading) return shared.items.filter((i) => i.segmentId === id);
    return this.state.items;
  }

  async load(): Promise<void> {
    const store = this.#store;
    const segmentId = this.state.segmentId;
    if (!store || segmentId === undefined) return;
    const generation = ++this.#generation;
    this.#set({ loading: true, loadError: null });
    try {
      const items = await store.loadInvites(segmentId);
      if (generation === this.#generation) this.#set({ items, loading: false });
    } catch (error) {
      if (generation === this.#generation) this.#set({ loading: false, loadError: toSegkitError(error) });
    }
  }

  /** Creates a link for the segment; resolves it, or null when refused (see `createError`). */
  async create(options: Omit<InviteDraft, 'segmentId'>): Promise<InviteLink | null> {
    const store = this.#store;
    const segmentId = this.state.segmentId;
    if (!store || segmentId === undefined || this.state.creating) return null;
    const generation = this.#generation;
    this.#set({ creating: true, createError: null });
    try {
      const invite = await store.createInvite({ segmentId, ...options });
      if (generation !== this.#generation) return invite;
      this.#set({ creating: false, created: invite, items: upsert(this.state.items, invite) });
      return invite;
    } catch (error) {
      if (generation === this.#generation) this.#set({ creating: false, createError: toSegkitError(error) });
      return null;
    }
  }

  /** First step of "Revoke": ask for confirmation. */
  askRevoke(id: string): void {
    this.#set({ confirming: id, revokeError: null });
  }

  cancelRevoke(): void {
    this.#set({ confirming: null });
  }

  /** Revokes a link (after `askRevoke`); resolves the revoked link, or null when it failed (see `revokeError`). */
  async revoke(id: string): Promise<InviteLink | null> {
    const store = this.#store;
    if (!store || this.state.revoking) return null;
    const generation = this.#generation;
    this.#set({ revoking: id, revokeError: null });
    try {
      const invite = await store.revokeInvite(id);
      if (generation !== this.#generation) return invite;
      const created = this.state.created?.id === id ? invite : this.state.created;
      this.#set({ revoking: null, confirming: null, created, items: upsert(this.state.items, invite) });
      return invite;
    } catch (error) {
      if (generation === this.#generation) this.#set({ revoking: null, revokeError: { id, error: toSegkitError(error) } });
      return null;
    }
  }

  clearCreateError(): void {
    if (this.state.createError) this.#set({ createError: null });
  }
}

function upsert(items: InviteLink[], invite: InviteLink): InviteLink[] {
  return items.some((i) => i.id === invite.id) ? items.map((i) => (i.id === invite.id ? invite : i)) : [invite, ...items];
}
