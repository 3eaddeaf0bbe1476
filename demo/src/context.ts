/**
 * What a page gets from the shell, and nothing more: the store, the theme,
 * state kept between renders, and a few actions. Pages import this type,
 * never `app.ts`; this module imports no page and not `app.ts`, so the
 * imports in `demo/src` run one way (shell -> pages -> context).
 */
import type { SegmentStore } from '@segkit/core';
import type { ActivityLog } from './activity.js';

/** The dashboard's pages (the hash `#/<route>`). */
export type Route = 'ambassadors' | 'segments' | 'audience' | 'invites';

export interface PageContext {
  /** The store every segkit element on the page shares (replaced when the data is switched or reset). */
  readonly store: SegmentStore;
  /** What the page and the elements' `theme` show. */
  readonly theme: 'light' | 'dark';
  /** Page-level state the pages keep between renders (cleared when the demo data is reset). */
  readonly pageState: Map<string, unknown>;
  /** What the landing page tells the Activity log about who joins. */
  readonly activity: Pick<ActivityLog, 'joining' | 'rememberMember'>;
  /** Re-renders on the next microtask. */
  update(): void;
  /** Re-renders when a media query the page depends on changes. */
  follow(query: MediaQueryList): void;
  /** Goes to a dashboard page. */
  navigate(route: Route): void;
  /** Leaves the invite landing page for a dashboard page (the address is already rewritten). */
  leaveLanding(route: Route): void;
  /** Saves the mock backend's pending writes now (before the page navigates away). */
  flush(): Promise<void>;
}
