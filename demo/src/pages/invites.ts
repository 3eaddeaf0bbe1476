/**
 * Invite links: `<segkit-invite-link>` creates, lists and revokes segment
 * links; the links point at this page, which plays the brand's landing page.
 */
import type { SegkitInviteCreateEvent } from '@segkit/elements';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { App } from '../app.js';
import { element } from '../elements.js';
import { icon } from '../icons.js';
import { INVITE_PARAM } from '../redeem.js';
import { strings } from '../strings.js';
import { pageHead } from './page.js';

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

export function invitesPage(app: App, theme: 'light' | 'dark'): TemplateResult {
  const p = strings.pages.invites;
  const i = strings.invites;
  const latest = app.pageState.get('invites:latest') as string | undefined;
  const onCreate = (e: Event) => {
    const { url, invite } = (e as SegkitInviteCreateEvent).detail;
    app.pageState.set('invites:latest', landingUrl(url) ?? landingUrl(invite.token) ?? url);
    app.update();
  };
  const open = (e: SubmitEvent) => {
    e.preventDefault();
    const value = String(new FormData(e.currentTarget as HTMLFormElement).get('link') ?? '');
    const url = landingUrl(value);
    if (url) location.assign(url);
  };
  return html`
    ${pageHead(p.title, p.intro)}
    <div class="two-col wide-first">
      <section class="card" aria-label=${p.title}>
        ${element(
          'segkit-invite-link',
          () => html`<segkit-invite-link theme=${theme} base-url=${landingBase()} @segkit-invite-create=${onCreate}></segkit-invite-link>`,
          'lg',
        )}
      </section>
      <div class="stack">
        <section class="card" aria-labelledby="how-title">
          <h2 id="how-title" class="card-title">${icon('link')} ${i.howTitle}</h2>
          <ol class="steps">
            ${i.how.map((step) => html`<li>${step}</li>`)}
          </ol>
        </section>
        <section class="card" aria-labelledby="try-title">
          <h2 id="try-title" class="card-title">${icon('sparkle')} ${i.tryTitle}</h2>
          <p class="card-intro">${i.tryIntro}</p>
          ${latest
            ? html`<p class="latest-link"><span class="muted">${i.latest}</span> <code>${latest}</code></p>
                <a class="btn primary" href=${latest}>${i.openLanding}</a>`
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
    ${nothing}
  `;
}
