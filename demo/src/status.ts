/**
 * The status in the top bar: where the data and the changes stand, from the
 * store's `$status`, saying only what is true. Most urgent first: the
 * backend refused the credentials (with "Sign in again"), offline (and how
 * many changes wait, and whether they would survive closing the tab),
 * saving, the first load, data shown from the cache while it updates (and
 * how old it is), a failed read, all saved.
 */
import type { StoreStatus } from '@segkit/core';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { icon } from './icons.js';
import type { IconName } from './icons.js';
import { strings } from './strings.js';

export interface StatusView {
  tone: 'ok' | 'busy' | 'warn' | 'error';
  glyph: IconName;
  label: string;
  /** How old the shown data is, while it comes from the cache ("Data saved 5 minutes ago"); else null. */
  detail: string | null;
  /** Changes wait for new credentials: offer "Sign in again". */
  signIn: boolean;
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/** "just now", "5 minutes ago", "2 hours ago", "3 days ago". */
export function age(at: number, now: number): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return strings.status.justNow;
  if (minutes < 60) return relative.format(-minutes, 'minute');
  if (minutes < 24 * 60) return relative.format(-Math.floor(minutes / 60), 'hour');
  return relative.format(-Math.floor(minutes / (24 * 60)), 'day');
}

/**
 * What the status says. `durable`: the store's cache outlives the tab, so
 * changes waiting offline survive a reload (with the memory cache they do
 * not, and the status says so).
 */
export function statusView(status: StoreStatus, options: { durable: boolean; now: number }): StatusView {
  const s = strings.status;
  const n = status.pending;
  const detail = status.cachedAt === null ? null : s.savedAt(age(status.cachedAt, options.now));
  const view = (tone: StatusView['tone'], glyph: IconName, label: string): StatusView => ({ tone, glyph, label, detail, signIn: false });
  if (status.paused) return { ...view('error', 'alert', s.paused(n)), signIn: true };
  if (status.offline) {
    const kept = options.durable && status.cache === 'ready';
    return view('warn', 'cloudOff', n > 0 && !kept ? `${s.offline(n)} · ${s.thisTabOnly}` : s.offline(n));
  }
  if (n > 0) return view('busy', 'sparkle', s.saving(n));
  if (!status.ready) return status.error ? view('error', 'alert', s.error) : view('busy', 'sparkle', s.loading);
  if (status.stale) return status.error ? view('warn', 'alert', s.savedData) : view('busy', 'sparkle', s.updating);
  if (status.error) return view('error', 'alert', s.error);
  return view('ok', 'check', s.saved);
}

/**
 * The status pill, whose words are a polite live region; the data's age sits
 * beside it (its title, and for screen readers), so the minutes ticking are
 * not announced. "Sign in again" follows while changes wait for new credentials.
 */
export function statusBar(view: StatusView, signIn: () => void): TemplateResult {
  return html`<span class="status-pill" data-tone=${view.tone} title=${view.detail ?? nothing}
      ><span class="status-words" role="status">${icon(view.glyph, 16)}<span>${view.label}</span></span>${view.detail
        ? html`<span class="visually-hidden">${view.detail}</span>`
        : nothing}</span
    >${view.signIn ? html`<button class="btn small" type="button" @click=${signIn}>${strings.status.signIn}</button>` : nothing}`;
}
