/**
 * The one way the widgets say where their data stands (the sync status
 * connector's notice): quietly, as a line of text, never a spinner over the
 * content and never in place of it.
 *
 * Markup, the same in every widget that shows it:
 * `<div class="sync-region" role="status">` (always there, so a screen
 * reader hears each change) holds, while there is something to say,
 * `<div part="sync <notice>">` with the words inside `<slot name="sync">`
 * (a host's own content for every notice; read the element's `stale`,
 * `offline` and `paused` attributes to tell them apart). While offline the
 * words sit in the element's older `offline` slot too. The cache's age is
 * the notice's `title` and, for screen readers, a visually hidden sentence
 * beside the live region (so the minute ticking does not re-announce it).
 */
import { css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { Translate } from './strings.js';
import type { SyncNotice, SyncStatusState } from './sync-status.connector.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "5 minutes ago", "hace 2 horas": the age of `savedAt` at `now` in `lang` ("just now" under a minute). */
export function ageText(t: Translate, lang: string, savedAt: number, now: number): string {
  const age = Math.max(0, now - savedAt);
  if (age < MINUTE) return t('sync.age.now');
  const [value, unit]: [number, Intl.RelativeTimeFormatUnit] =
    age < HOUR ? [Math.floor(age / MINUTE), 'minute'] : age < DAY ? [Math.floor(age / HOUR), 'hour'] : [Math.floor(age / DAY), 'day'];
  try {
    return new Intl.RelativeTimeFormat(lang, { numeric: 'always' }).format(-value, unit);
  } catch {
    return new Intl.RelativeTimeFormat('en', { numeric: 'always' }).format(-value, unit);
  }
}

/** The state attributes the sync status gives an element (`stale`, `offline`, `paused`), for `reflectStates`. */
export function syncStates(state: SyncStatusState | undefined): { stale: boolean; offline: boolean; paused: boolean } {
  return { stale: Boolean(state?.stale), offline: Boolean(state?.offline), paused: Boolean(state?.paused) };
}

/** The words of a notice. */
function words(t: Translate, lang: string, state: SyncStatusState, notice: SyncNotice, offlineText: string): unknown {
  const count = state.waiting;
  switch (notice) {
    case 'paused':
      return count > 0 ? t('sync.paused', { count }) : t('sync.paused.none');
    case 'offline':
      return html`<slot name="offline">${count > 0 ? t('sync.waiting', { count }) : offlineText}</slot>`;
    case 'updating':
      return t('sync.updating');
    case 'stale':
      return state.savedAt === null ? t('sync.stale') : t('sync.saved', { age: ageText(t, lang, state.savedAt, state.now) });
  }
}

export interface SyncNoticeOptions {
  /** The notices this spot shows (another spot of the element may show the others). */
  show: readonly SyncNotice[];
  /** What to say while offline with no change waiting (the element's own `offline` string). */
  offlineText: string;
}

/**
 * The sync notice for `state`, when its notice is one of `options.show`; an
 * empty live region otherwise (fresh and online: nothing shows).
 */
export function renderSyncNotice(t: Translate, lang: string, state: SyncStatusState | undefined, options: SyncNoticeOptions): TemplateResult {
  const notice = state?.notice;
  const shown = state && notice && options.show.includes(notice) ? notice : null;
  const age = state && shown && state.savedAt !== null ? t('sync.saved', { age: ageText(t, lang, state.savedAt, state.now) }) : null;
  return html`<div class="sync-line">
    <div class="sync-region" role="status">
      ${state && shown
        ? html`<div part="sync ${shown}" class="sync ${shown}" title=${age ?? nothing}>
            <slot name="sync">${words(t, lang, state, shown, options.offlineText)}</slot>
          </div>`
        : nothing}
    </div>
    ${age && shown !== 'stale' ? html`<span class="visually-hidden">${age}</span>` : nothing}
  </div>`;
}

/**
 * Base styles of the notice: muted, small, one line that truncates (so it
 * never changes the height of what it sits in). Elements place it and may
 * give `offline` and `paused` a band of their own.
 */
export const syncNoticeStyles = css`
  .sync-line {
    display: flex;
    align-items: center;
    min-width: 0;
  }
  .sync-region {
    min-width: 0;
  }
  .sync {
    overflow: hidden;
    color: var(--_muted);
    font-size: 0.92em;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .sync.paused {
    color: var(--_danger);
    font-weight: 500;
  }
`;
