/**
 * The Activity panel: the log's entries, newest first (the 60 latest), who did
 * what and when, with the DOM event each came from. Renders an `ActivityLog`;
 * the shell decides when it is open.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ActivityLog, Actor } from './activity.js';
import { icon } from './icons.js';
import { strings } from './strings.js';

export function actorLabel(actor: Actor): string {
  switch (actor) {
    case 'you':
      return strings.activity.you;
    case 'link':
      return strings.activity.link;
    case 'automation':
      return strings.activity.automation;
    case 'elsewhere':
      return strings.activity.elsewhere;
    case 'system':
      return '';
  }
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const clock = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' });

/** "just now", "5 minutes ago", or a time of day. */
export function when(at: number, now = Date.now()): string {
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 45) return relative.format(0, 'second');
  if (seconds < 3600) return relative.format(-Math.round(seconds / 60), 'minute');
  if (seconds < 86_400) return relative.format(-Math.round(seconds / 3600), 'hour');
  return clock.format(at);
}

export function activityPanel(log: ActivityLog, open: boolean, onClose: () => void): TemplateResult {
  const entries = log.entries;
  return html`<aside
    id="activity"
    class="activity"
    aria-labelledby="activity-title"
    ?hidden=${!open}
  >
    <div class="activity-head">
      <h2 id="activity-title" tabindex="-1">${strings.activity.title}</h2>
      ${entries.length
        ? html`<button class="btn quiet small" type="button" @click=${() => log.clear()}>
            ${strings.activity.clear}
          </button>`
        : nothing}
      <button
        class="icon-btn icon-only"
        type="button"
        aria-label=${strings.activity.close}
        @click=${onClose}
      >
        ${icon('close')}
      </button>
    </div>
    ${entries.length === 0
      ? html`<p class="activity-empty">${strings.activity.empty}</p>`
      : html`<ol class="activity-list" aria-live="polite">
          ${repeat(
            entries.slice(0, 60),
            (e) => e.id,
            (e) => html`<li class="activity-item" data-tone=${e.tone}>
              <span class="activity-dot" aria-hidden="true"></span>
              <p class="activity-text">
                ${e.actor === 'system' ? nothing : html`<strong>${actorLabel(e.actor)}</strong> `}${e.text}
              </p>
              <p class="activity-meta">
                <time datetime=${new Date(e.at).toISOString()}>${when(e.at)}</time> · <code>${e.event}</code>
              </p>
            </li>`,
          )}
        </ol>`}
  </aside>`;
}
