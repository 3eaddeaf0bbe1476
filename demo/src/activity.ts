/**
 * The Activity log: what a host would keep from segkit's DOM events (who
 * changed what, and through which source), newest first, kept across reloads.
 */
import type { ChangeSource, SegmentStore } from '@segkit/core';
import type {
  SegkitErrorEvent,
  SegkitInviteCreateEvent,
  SegkitInviteRevokeEvent,
  SegkitMembershipChangeEvent,
  SegkitSegmentCreateEvent,
  SegkitSegmentDeleteEvent,
  SegkitSegmentRenameEvent,
  SegkitSegmentUpdateEvent,
} from '@segkit/elements';
import { formatNumber, strings } from './strings.js';

export type Actor = 'you' | 'link' | 'automation' | 'elsewhere' | 'system';

export interface ActivityEntry {
  id: string;
  /** ms since the epoch. */
  at: number;
  actor: Actor;
  text: string;
  /** The DOM event it came from. */
  event: string;
  tone: 'add' | 'remove' | 'segment' | 'error' | 'link';
}

const KEY = 'glow-demo:activity';
const MAX = 200;

export class ActivityLog {
  entries: ActivityEntry[] = [];
  unread = 0;
  /** Segment and member names seen so far (deleted segments and members off-screen keep theirs). */
  readonly #segmentNames = new Map<string, string>();
  readonly #memberNames = new Map<string, string>();
  readonly #renamed = new Set<string>();
  /** Segments deleted in this page: creating one again is an Undo. */
  readonly #deleted = new Set<string>();
  #store: SegmentStore | undefined;
  #offStore: (() => void) | undefined;
  #seq = 0;

  constructor(private readonly changed: () => void) {
    try {
      const saved = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
      if (Array.isArray(saved)) this.entries = (saved as ActivityEntry[]).filter((e) => typeof e?.text === 'string').slice(0, MAX);
    } catch {
      this.entries = [];
    }
  }

  /** Listens on `target` (the provider or the document) for segkit events. */
  listen(target: EventTarget): void {
    target.addEventListener('segkit-membership-change', (e) => this.#membership(e as SegkitMembershipChangeEvent));
    target.addEventListener('segkit-segment-create', (e) => {
      const { segment } = (e as SegkitSegmentCreateEvent).detail;
      this.#segmentNames.set(segment.id, segment.name);
      const restored = this.#deleted.delete(segment.id);
      this.#add('you', (restored ? strings.activity.restored : strings.activity.created)(segment.name), e.type, 'segment');
    });
    target.addEventListener('segkit-segment-rename', (e) => {
      const { segment, previous, mutationId } = (e as SegkitSegmentRenameEvent).detail;
      this.#renamed.add(mutationId);
      this.#segmentNames.set(segment.id, segment.name);
      this.#add('you', strings.activity.renamed(previous?.name ?? '', segment.name), e.type, 'segment');
    });
    target.addEventListener('segkit-segment-update', (e) => {
      const { segment, mutationId } = (e as SegkitSegmentUpdateEvent).detail;
      // A rename fires rename then update: log it once.
      if (this.#renamed.delete(mutationId)) return;
      this.#add('you', strings.activity.updated(segment.name), e.type, 'segment');
    });
    target.addEventListener('segkit-segment-delete', (e) => {
      const { segment } = (e as SegkitSegmentDeleteEvent).detail;
      this.#deleted.add(segment.id);
      this.#add('you', strings.activity.deleted(segment.name), e.type, 'remove');
    });
    target.addEventListener('segkit-invite-create', (e) => {
      const { invite } = (e as SegkitInviteCreateEvent).detail;
      this.#add('you', strings.activity.inviteCreated(this.#segment(invite.segmentId)), e.type, 'link');
    });
    target.addEventListener('segkit-invite-revoke', (e) => {
      const { invite } = (e as SegkitInviteRevokeEvent).detail;
      this.#add('you', strings.activity.inviteRevoked(this.#segment(invite.segmentId)), e.type, 'remove');
    });
    target.addEventListener('segkit-error', (e) => {
      const { message } = (e as SegkitErrorEvent).detail;
      this.#add('system', strings.activity.failed(message), e.type, 'error');
    });
  }

  /** Follows the store's segment names (to name segments in entries, even after a delete). */
  useStore(store: SegmentStore): void {
    this.#offStore?.();
    this.#store = store;
    this.#offStore = store.$segments.subscribe((segments) => {
      for (const segment of segments) this.#segmentNames.set(segment.id, segment.name);
    });
  }

  /** A member's name learnt elsewhere (e.g. the landing page), for entries about them. */
  rememberMember(id: string, name: string): void {
    this.#memberNames.set(id, name);
  }

  /** The landing page says who is joining (the join is announced before the page learns the member's id). */
  joining(name: string | undefined): void {
    this.#joining = name;
  }
  #joining: string | undefined;

  markRead(): void {
    if (this.unread === 0) return;
    this.unread = 0;
    this.changed();
  }

  clear(): void {
    this.entries = [];
    this.unread = 0;
    this.#save();
    this.changed();
  }

  #membership(event: SegkitMembershipChangeEvent): void {
    const { op, segmentIds, memberIds, count, source, phase } = event.detail;
    if (count === 0) return;
    const actor = actorOf(source, phase);
    const segments = this.#list(segmentIds.map((id) => this.#segment(id)));
    const joiner = source === 'link' && memberIds.length === 1 ? this.#joining : undefined;
    const who = joiner ?? this.#who(memberIds);
    if (source === 'link' && op === 'assign') {
      this.#joining = undefined;
      this.#add('link', strings.activity.joined(who, segments), event.type, 'link');
      return;
    }
    const text = op === 'assign' ? strings.activity.added(who, segments) : strings.activity.removed(who, segments);
    this.#add(actor, text, event.type, op === 'assign' ? 'add' : 'remove');
  }

  #segment(id: string): string {
    return this.#store?.segmentById(id)?.name ?? this.#segmentNames.get(id) ?? strings.activity.unknownSegment;
  }

  /** One or two names when we know them, else a count. */
  #who(ids: readonly string[]): string {
    if (ids.length > 0 && ids.length <= 2) {
      const names = ids.map((id) => this.#memberName(id));
      if (names.every((n): n is string => n !== undefined)) return this.#list(names);
    }
    return strings.activity.people(ids.length);
  }

  #memberName(id: string): string | undefined {
    const known = this.#memberNames.get(id);
    if (known) return known;
    const window = this.#store?.$members.get();
    if (!window) return undefined;
    for (const page of window.pages) {
      for (let i = page * window.pageSize; i < (page + 1) * window.pageSize; i += 1) {
        const member = window.at(i);
        if (member?.id === id) return member.name;
      }
    }
    return undefined;
  }

  #list(items: string[]): string {
    if (items.length <= 1) return items[0] ?? '';
    if (items.length === 2) return strings.activity.and(items[0]!, items[1]!);
    return strings.activity.and(items.slice(0, -1).join(', '), items[items.length - 1]!);
  }

  #add(actor: Actor, text: string, event: string, tone: ActivityEntry['tone']): void {
    this.#seq += 1;
    this.entries = [{ id: `${Date.now()}-${this.#seq}`, at: Date.now(), actor, text, event, tone }, ...this.entries].slice(0, MAX);
    this.unread += 1;
    this.#save();
    this.changed();
  }

  #save(): void {
    try {
      localStorage.setItem(KEY, JSON.stringify(this.entries));
    } catch {
      // Storage full or blocked: the log lives for this page only.
    }
  }
}

function actorOf(source: ChangeSource, phase: 'confirmed' | 'remote'): Actor {
  if (source === 'link') return 'link';
  if (source === 'automation') return 'automation';
  return phase === 'remote' ? 'elsewhere' : 'you';
}

export { formatNumber };
