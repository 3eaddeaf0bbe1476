/**
 * Invite links: `<segkit-invite-link>` creates, lists and revokes segment
 * links; the links point at this page, which plays the brand's landing page.
 */
import type { SegkitInviteCreateEvent } from '@segkit/elements';
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { SEGMENT_FIELDS } from '../backend.js';
import type { PageContext } from '../context.js';
import { element } from '../elements.js';
import { icon } from '../icons.js';
import { INVITE_PARAM } from '../redeem.js';
import { strings } from '../strings.js';
import { pageHead } from './page.js';

/** What the demo's links show to whoever joins: the segment's discount code (decision 025). */
const REVEALED = SEGMENT_FIELDS.map((field) => field.key).join(' ');

/** Where invitation links land: this very page (the demo plays the brand's landing page). */
export function landingBase(): string {
  return `${location.origin}${location.pathname}`;
}

function landingUrl(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  try {
    const url = new URL(text);
    const token = url.searchParams.get(INVITE_PARAM);
    if (token) return `${landingBase()}?${INVITE_PARAM}=${encodeURIComponent(token)}`;
  } catch {
    // Not a URL: a bare token.
  }
  return /^[\w-]+$/.test(text) ? `${landingBase()}?${INVITE_PARAM}=${encodeURIComponent(text)}` : null;
}

/**
 * Follows a landing link once the mock backend has saved the new invite to
 * IndexedDB (its save is debounced; a navigation right away could lose it).
 * Modified clicks (new tab, ...) go straight to the browser.
 */
function openSaved(e: MouseEvent, ctx: PageContext, url: string): void {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  void ctx.flush().finally(() => location.assign(url));
}

export function invitesPage(ctx: PageContext): TemplateResult {
  const theme = ctx.theme;
  const p = strings.pages.invites;
  const i = strings.invites;
  const latest = ctx.pageState.get('invites:latest') as string | undefined;
  const onCreate = (e: Event) => {
    const { url, invite } = (e as SegkitInviteCreateEvent).detail;
    ctx.pageState.set('invites:latest', landingUrl(url) ?? landingUrl(invite.token) ?? url);
    ctx.update();
  };
  const open = (e: SubmitEvent) => {
    e.preventDefault();
    const value = String(new FormData(e.currentTarget as HTMLFormElement).get('link') ?? '');
    const url = landingUrl(value);
    if (url) void ctx.flush().finally(() => location.assign(url));
  };
  return html`
    ${pageHead(p.title, p.intro)}
    <div class="stack">
      <section class="card" aria-labelledby="links-title">
        <h2 id="links-title" class="card-title">${icon('link')} ${i.linksTitle}</h2>
        <p class="card-intro">${i.linksIntro}</p>
        ${element(
          'segkit-invite-link',
          () => html`<segkit-invite-link
              theme=${theme}
              base-url=${landingBase()}
              reveal=${REVEALED}
              @segkit-invite-create=${onCreate}
            ></segkit-invite-link>`,
          'lg',
        )}
      </section>
      <div class="two-col">
        <section class="card" aria-labelledby="how-title">
          <h2 id="how-title" class="card-title">${icon('sparkle')} ${i.howTitle}</h2>
          <ol class="steps">
            ${i.how.map((step) => html`<li>${step}</li>`)}
          </ol>
        </section>
        <section class="card" aria-labelledby="try-title">
          <h2 id="try-title" class="card-title">${icon('users')} ${i.tryTitle}</h2>
          <p class="card-intro">${i.tryIntro}</p>
          ${latest
            ? html`<p class="latest-link"><span class="muted">${i.latest}</span> <code>${latest}</code></p>
                <a class="btn primary" href=${latest} @click=${(e: MouseEvent) => openSaved(e, ctx, latest)}>${i.openLanding}</a>`
            : html`<p class="muted">${i.noLink}</p>`}
          <form class="form inline-form" @submit=${open}>
            <label for="invite-paste">${i.paste}</label>
            <div class="inline-row">
              <input id="invite-paste" class="input" name="link" autocomplete="off" />
              <button class="btn" type="submit">${i.open}</button>
            </div>
          </form>
        </section>
      </div>
    </div>
  `;
}
