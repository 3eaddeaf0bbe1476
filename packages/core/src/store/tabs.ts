/**
 * Sharing one backend with the other tabs of the origin (decision 012),
 * through the injected `TabSync`: after a confirmed write this tab tells the
 * others what changed, and re-reads soon when they tell it; it adopts the
 * outboxes of tabs that are gone on open, when back online, when a tab
 * says it left writes behind, and when a tab alive at the last adoption lets
 * go of its outbox (`Outbox.adopt` waits for its lock). Without `tabs`, each
 * tab is on its own.
 */
import type { MutationRecord } from './mutation.js';
import type { Outbox } from './outbox.js';
import type { TabMessage, TabSync } from './types.js';

export type ChangeScope = Extract<TabMessage, { type: 'changed' }>['scope'];

export interface SharedOptions {
  tabs: TabSync | undefined;
  outbox: Pick<Outbox, 'adopt' | 'release'>;
  /** Puts adopted records in this tab's queue; resolves once they are saved in this tab's outbox. */
  take(records: MutationRecord[]): Promise<void>;
  /** Another tab confirmed changes in `scope`: re-read them soon. */
  changed(scope: ChangeScope): void;
  /** Aborted when the store is destroyed. */
  signal: AbortSignal;
}

/** Owns this tab's part in the conversation between tabs. */
export interface Shared {
  /** A write of this tab was confirmed: the other tabs re-read what it changed. */
  confirmed(write: MutationRecord): void;
  /** Changes in `scope` made here outside the queue (invites): the other tabs re-read them. */
  post(scope: ChangeScope): void;
  /** Adopts what tabs that are gone left in their outboxes (on open, and when back online). */
  adopt(): Promise<number>;
  /** The store is destroyed: stops listening and lets go of this tab's outbox, telling the others when writes are left in it. */
  stop(writesLeft: number): void;
}

export function createShared(options: SharedOptions): Shared {
  const { tabs, outbox, signal } = options;
  const adopt = () => outbox.adopt(options.take);
  const off = tabs?.subscribe((message) => {
    if (signal.aborted || message.tabId === tabs.tabId) return;
    if (message.type === 'changed') options.changed(message.scope);
    // A tab left writes behind: adopt them now rather than at the next open or reconnect.
    else if (message.type === 'outbox') void adopt();
  });
  const post = (scope: ChangeScope) => tabs?.post({ type: 'changed', scope, tabId: tabs.tabId });
  return {
    confirmed(write) {
      post(write.kind === 'membership' ? 'members' : 'segments');
    },
    post,
    adopt,
    stop(writesLeft) {
      off?.();
      outbox.release();
      if (tabs && writesLeft > 0) tabs.post({ type: 'outbox', tabId: tabs.tabId });
    },
  };
}
