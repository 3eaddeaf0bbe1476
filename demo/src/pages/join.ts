/**
 * The simulated landing page behind an invitation link: what a brand hosts
 * on its own site. It reads `?segkit-invite=<token>` and redeems it; the new
 * member lands in the link's segment (and the dashboard's Activity shows it).
 */
import type { RedeemResult } from '@segkit/core';
import { SegkitError } from '@segkit/core';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { PageContext } from '../context.js';
import { icon } from '../icons.js';
import { INVITE_PARAM, inviteToken, redeem } from '../redeem.js';
import { strings } from '../strings.js';

export function wantsLanding(): boolean {
  return inviteToken() !== null || /^#\/join\b/.test(location.hash);
}

interface JoinState {
  /** The token the page was opened with (the helper removes it from the address once used). */
  token: string | null;
  busy: boolean;
  error: string | null;
  result: RedeemResult | null;
  /** The name the person typed (the welcome, when the answer names no member). */
  name: string;
  /** The segment of the link, looked up from the brand's own invites (before joining). */
  segmentId: string | null;
  looked: boolean;
}

function backToDashboard(ctx: PageContext): void {
  const url = new URL(location.href);
  url.searchParams.delete(INVITE_PARAM);
  url.hash = '#/invites';
  history.replaceState(null, '', url);
  ctx.pageState.delete('join');
  ctx.leaveLanding('invites');
}

export function joinPage(ctx: PageContext): TemplateResult {
  const j = strings.join;
  const state: JoinState = (ctx.pageState.get('join') as JoinState | undefined) ?? {
    token: inviteToken(),
    busy: false,
    error: null,
    result: null,
    name: '',
    segmentId: null,
    looked: false,
  };
  ctx.pageState.set('join', state);
  const token = state.token;
  const set = (patch: Partial<JoinState>) => {
    Object.assign(state, patch);
    ctx.update();
  };

  // The brand knows its own links: name the segment the visitor will join.
  if (token && !state.looked) {
    state.looked = true;
    void ctx.store
      .loadInvites()
      .then((invites) => {
        const invite = invites.find((i) => i.token === token);
        if (invite) set({ segmentId: invite.segmentId });
      })
      .catch(() => undefined);
  }

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const name = String(data.get('name') ?? '').trim();
    const email = String(data.get('email') ?? '').trim();
    if (!name) {
      set({ error: j.nameRequired });
      return;
    }
    set({ busy: true, error: null, name });
    ctx.activity.joining(name);
    try {
      const result = await redeem(ctx.store, { name, ...(email ? { email } : {}) });
      if (result?.member) ctx.activity.rememberMember(result.member.id, result.member.name);
      set({ busy: false, result });
    } catch (error) {
      ctx.activity.joining(undefined);
      set({ busy: false, error: error instanceof SegkitError || error instanceof Error ? error.message : String(error) });
    }
  };

  const result = state.result;
  // Before joining, named from the brand's own links once the segments are
  // loaded (the shell re-renders when the store becomes ready); after, from the answer.
  const segmentName =
    result?.segmentName ?? (state.segmentId ? (ctx.store.segmentById(state.segmentId)?.name ?? null) : null);
  // What the link was made to reveal (decision 025), named by the brand's field labels.
  const revealed = Object.entries(result?.revealed ?? {}).map(([key, value]) => ({
    label: ctx.store.segmentFields.find((field) => field.key === key)?.label ?? key,
    value: String(value),
  }));
  return html`<div class="landing">
    <main id="main" class="landing-card">
      <div class="landing-brand"><span class="brand-mark" aria-hidden="true"></span> ${strings.brand}</div>
      ${!token
        ? html`<h1 tabindex="-1">${j.title}</h1>
            <p>${j.missing}</p>`
        : result
          ? html`<div class="landing-done" role="status">
              <span class="landing-check">${icon('check', 28)}</span>
              <h1 tabindex="-1">${j.welcome(result.member?.name ?? state.name)}</h1>
              ${revealed.length && result.joined
                ? html`<p>${j.welcomeTo(segmentName ?? '')}</p>`
                : html`<p>${result.joined ? j.joined(segmentName ?? '') : j.already(segmentName ?? '')}</p>`}
              ${revealed.map(
                ({ label, value }) => html`<p class="landing-reveal">${j.yourField(label)} <strong class="landing-code">${value}</strong></p>`,
              )}
            </div>`
          : html`<h1 tabindex="-1">${j.title}</h1>
              <p class="landing-intro">${j.intro}</p>
              ${segmentName ? html`<p class="landing-segment">${j.into(segmentName)}</p>` : nothing}
              <form class="form" novalidate @submit=${submit}>
                <div class="field">
                  <label for="join-name">${j.name}</label>
                  <input id="join-name" class="input" name="name" autocomplete="name" required />
                </div>
                <div class="field">
                  <label for="join-email">${j.email}</label>
                  <input id="join-email" class="input" name="email" type="email" autocomplete="email" />
                </div>
                ${state.error ? html`<p class="field-error" role="alert">${state.error}</p>` : nothing}
                <button class="btn primary wide" type="submit" ?disabled=${state.busy}>${state.busy ? j.joining : j.submit}</button>
              </form>`}
      <p class="landing-note">${j.demoNote}</p>
      <button class="btn quiet" type="button" @click=${() => backToDashboard(ctx)}>${j.back}</button>
    </main>
  </div>`;
}
