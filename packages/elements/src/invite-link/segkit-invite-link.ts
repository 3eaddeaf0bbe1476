import type { InviteLink, SegmentStore } from '@segkit/core';
import { css, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { SegkitInviteCreateEvent } from '../events/invite-create.js';
import { SegkitInviteRevokeEvent } from '../events/invite-revoke.js';
import { formatNumber } from '../internal/strings.js';
import { SegkitElement } from '../internal/segkit-element.js';
import { controls, tokens } from '../internal/theme.js';
import { InviteLinkController } from './invite-controller.js';
import { DEFAULT_INVITE_PARAM, MAX_USES_LIMIT, httpBaseUrl, inviteStatus, inviteUrl, parseExpiry, parseMaxUses } from './invite-model.js';
import { inviteStrings } from './strings.js';

/**
 * @summary Segment links: create an invitation URL for a segment (optional
 * expiry and maximum uses), copy it, see its links with their uses and status,
 * and revoke one.
 * @tag segkit-invite-link
 *
 * @description Whoever joins through a link lands in its segment (see
 * `redeemFromUrl` in `invite-link/redeem.ts` for the page the link opens).
 * With `segment-id` the element manages that segment's links; without it, a
 * segment chooser comes first. The URL is `base-url` (default: this page,
 * `location.origin + location.pathname`) with the token in the `param` query
 * parameter (default `segkit-invite`); only http(s) base URLs are accepted.
 * "Copy" uses the clipboard, or selects the link in its read-only box when
 * the clipboard is not available; the outcome is announced politely. "Revoke"
 * asks for confirmation first. Links are read with `store.loadInvites` and
 * follow `$invites` while it holds this segment.
 *
 * State attributes (set by the element): `loading`, `empty` (no links yet),
 * `error` (loading, creating or revoking failed, or the base URL is refused)
 * and `offline`.
 *
 * @slot empty - Shown when the segment has no links yet.
 * @slot error - Replaces the message when the links cannot be loaded (the store's message by default).
 * @slot loading - Shown while the links load.
 * @slot offline - Shown while the store is offline.
 *
 * @csspart base - The wrapper around everything.
 * @csspart segment-field - The segment chooser's label and select (without `segment-id`).
 * @csspart segment-select - The segment chooser.
 * @csspart form - The new-link form.
 * @csspart label - A field's label.
 * @csspart input - Every text input (also `expiry-input`, `max-uses-input`, `url`).
 * @csspart expiry-input - The expiry date and time.
 * @csspart max-uses-input - The maximum number of uses.
 * @csspart field-error - A message next to an input.
 * @csspart create-button - "Create link".
 * @csspart created - The link just created: its URL and Copy.
 * @csspart url - The read-only box with a URL.
 * @csspart copy-button - "Copy" (for the new link and in each row).
 * @csspart list - The list of the segment's links.
 * @csspart item - One link in the list (also `item-<status>`: `item-active`, `item-expired`, `item-used-up`, `item-revoked`).
 * @csspart item-url - The read-only box with the link's URL in a row (also `url`, `input`).
 * @csspart status - The link's status chip (also `status-<status>`).
 * @csspart uses - Uses so far (and the maximum).
 * @csspart expiry - When the link expires (or "No expiry").
 * @csspart revoke-button - "Revoke".
 * @csspart confirm - The revoke confirmation.
 * @csspart confirm-revoke-button - "Yes, revoke".
 * @csspart cancel-button - "Cancel" in the confirmation.
 * @csspart empty - The no-links message.
 * @csspart loading - The loading message.
 * @csspart offline - The offline message.
 * @csspart error - An error message (loading, creating, revoking, a bad base URL).
 * @csspart retry-button - Retries loading the links.
 * @csspart message - The polite live region ("Link created", "Copied", "Link revoked").
 *
 * @cssprop --segkit-invite-link-background - Background of the element (default --segkit-color-background).
 * @cssprop --segkit-invite-link-gap - Space between the pieces (default --segkit-space).
 * @cssprop --segkit-invite-link-url-font-family - Font of URLs (default a monospace stack).
 * @cssprop --segkit-invite-link-item-background - Background of a row (default --segkit-color-surface).
 * @cssprop --segkit-invite-link-active-color - Colour of the "Active" chip (default --segkit-color-success).
 * @cssprop --segkit-invite-link-inactive-color - Colour of the other status chips (default --segkit-color-muted).
 *
 * @fires segkit-invite-create - A link was created (`detail.invite`, `detail.url`).
 * @fires segkit-invite-revoke - A link was revoked (`detail.invite`, `detail.url`).
 */
export class SegkitInviteLink extends SegkitElement {
  static override locales = inviteStrings;

  static override properties = {
    ...SegkitElement.properties,
    segmentId: { attribute: 'segment-id', reflect: true },
    baseUrl: { attribute: 'base-url' },
    param: {},
    _chosen: { state: true },
    _expiry: { state: true },
    _maxUses: { state: true },
    _fieldErrors: { state: true },
    _message: { state: true },
  };

  /** The segment whose links to manage; when unset, the element shows a segment chooser. */
  declare segmentId: string | undefined;
  /** Where links point (http or https; relative to the page). Default: this page without its query. */
  declare baseUrl: string | undefined;
  /** The query parameter that carries the token (default `segkit-invite`). */
  declare param: string;
  declare _chosen: string;
  declare _expiry: string;
  declare _maxUses: string;
  declare _fieldErrors: { expiry?: string; maxUses?: string };
  declare _message: string;

  readonly #controller = new InviteLinkController(() => this.requestUpdate());
  #focusNext: string | null = null;

  constructor() {
    super();
    this.segmentId = undefined;
    this.baseUrl = undefined;
    this.param = DEFAULT_INVITE_PARAM;
    this._chosen = '';
    this._expiry = '';
    this._maxUses = '';
    this._fieldErrors = {};
    this._message = '';
  }

  static override styles = [
    tokens,
    controls,
    css`
      :host {
        display: block;
      }
      .base {
        display: flex;
        flex-direction: column;
        gap: var(--segkit-invite-link-gap, var(--_space));
        background: var(--segkit-invite-link-background, var(--_bg));
        border-radius: var(--_radius);
      }
      .field {
        display: flex;
        flex-direction: column;
        gap: 4px;
        min-width: 12rem;
        flex: 1;
      }
      .field label {
        font-weight: 500;
        font-size: 0.92em;
      }
      form {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-start;
        gap: var(--segkit-invite-link-gap, var(--_space));
        margin: 0;
      }
      form .actions {
        display: flex;
        align-self: flex-start;
        padding-block-start: calc(0.92em * 1.4 + 4px);
      }
      select.input {
        padding-inline-end: var(--_space);
      }
      .url-row {
        display: flex;
        gap: var(--segkit-invite-link-gap, var(--_space));
        align-items: center;
      }
      .url {
        font-family: var(--segkit-invite-link-url-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
        font-size: 0.92em;
      }
      .created {
        display: flex;
        flex-direction: column;
        gap: 4px;
      }
      .created label {
        font-weight: 500;
        font-size: 0.92em;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: calc(var(--_space) / 2);
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--_space);
        padding: var(--_space);
        border-radius: calc(var(--_radius) - 2px);
        background: var(--segkit-invite-link-item-background, var(--_surface));
      }
      .item-url {
        flex: 1 1 14rem;
        min-width: 0;
        width: auto;
      }
      .chip.active {
        --_chip: var(--segkit-invite-link-active-color, var(--_success));
      }
      .chip.inactive {
        --_chip: var(--segkit-invite-link-inactive-color, var(--_muted));
      }
      .meta {
        color: var(--_muted);
        font-size: 0.92em;
        font-variant-numeric: tabular-nums;
      }
      .confirm {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--_space);
        flex-basis: 100%;
      }
      .error {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: var(--_space);
        color: var(--_danger);
      }
      .message:empty {
        margin: 0;
      }
    `,
  ];

  protected override watch(store: SegmentStore) {
    return [store.$segments, store.$status, store.$invites];
  }

  get #segmentId(): string | undefined {
    return this.segmentId ?? (this._chosen || undefined);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const store = this.activeStore;
    this.#controller.connect(store, store ? this.#segmentId : undefined);
    const state = this.#controller.state;
    const id = this.#segmentId;
    this.toggleAttribute('loading', Boolean(store && id && state.loading));
    this.toggleAttribute('empty', Boolean(store && id && !state.loading && !state.loadError && this.#controller.items().length === 0));
    this.toggleAttribute('error', Boolean(state.loadError || state.createError || state.revokeError || this.#base() === null));
    this.toggleAttribute('offline', Boolean(store?.$status.get().offline));
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#focusNext) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focusNext);
      this.#focusNext = null;
      target?.focus();
    }
  }

  /** The base URL, or null when it is not http(s). */
  #base(): URL | null {
    const fallback = typeof location === 'undefined' ? '' : location.origin + location.pathname;
    return httpBaseUrl(this.baseUrl ?? fallback, typeof location === 'undefined' ? 'http://localhost/' : location.href);
  }

  /** The full URL of a link (empty when the base URL is refused). */
  urlFor(invite: InviteLink): string {
    const base = this.#base();
    return base ? inviteUrl(base, invite.token, this.param || DEFAULT_INVITE_PARAM) : '';
  }

  #announce(text: string): void {
    // Clear first so the same words twice ("Copied", "Copied") are announced twice.
    this._message = '';
    void this.updateComplete.then(() => {
      this._message = text;
    });
  }

  async #onCreate(event: Event): Promise<void> {
    event.preventDefault();
    const now = Date.now();
    const expiresAt = parseExpiry(this._expiry, now);
    const maxUses = parseMaxUses(this._maxUses);
    const errors: { expiry?: string; maxUses?: string } = {};
    if (expiresAt === null) errors.expiry = this.t('expiry.invalid');
    if (maxUses === null) errors.maxUses = this.t('max-uses.invalid', { max: MAX_USES_LIMIT });
    this._fieldErrors = errors;
    if (errors.expiry || errors.maxUses) {
      this.#focusNext = errors.expiry ? '#expiry' : '#max-uses';
      return;
    }
    const invite = await this.#controller.create({
      ...(expiresAt ? { expiresAt } : {}),
      ...(maxUses ? { maxUses } : {}),
    });
    const createError = this.#controller.state.createError;
    if (createError?.field === 'expiresAt') this._fieldErrors = { expiry: createError.message };
    else if (createError?.field === 'maxUses') this._fieldErrors = { maxUses: createError.message };
    if (!invite) return;
    this._expiry = '';
    this._maxUses = '';
    this.#announce(this.t('created'));
    this.#focusNext = '[part~="created"] [part~="copy-button"]';
    this.dispatchEvent(new SegkitInviteCreateEvent({ invite, url: this.urlFor(invite) }));
  }

  async #copy(url: string, box: HTMLInputElement | null): Promise<void> {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(url);
      this.#announce(this.t('copied'));
    } catch {
      // Fallback: select the text in its read-only box, then try the legacy copy command.
      let copied = false;
      if (box) {
        box.focus();
        box.select();
        try {
          copied = document.execCommand('copy');
        } catch {
          copied = false;
        }
      }
      this.#announce(this.t(copied ? 'copied' : 'copy.manual'));
    }
  }

  #askRevoke(id: string): void {
    this.#controller.askRevoke(id);
    this.#focusNext = `[data-id="${id}"] [part~="confirm-revoke-button"]`;
  }

  #cancelRevoke(id: string): void {
    this.#controller.cancelRevoke();
    this.#focusNext = `[data-id="${id}"] [part~="revoke-button"]`;
  }

  async #revoke(id: string): Promise<void> {
    const invite = await this.#controller.revoke(id);
    if (!invite) {
      this.#focusNext = `[data-id="${id}"] [part~="confirm-revoke-button"]`;
      return;
    }
    this.#announce(this.t('revoked'));
    this.#focusNext = `[data-id="${id}"] [part~="copy-button"]`;
    this.dispatchEvent(new SegkitInviteRevokeEvent({ invite, url: this.urlFor(invite) }));
  }

  #formatDate(iso: string): string {
    try {
      return new Intl.DateTimeFormat(this.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
    } catch {
      return iso;
    }
  }

  // ---- rendering ------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const store = this.activeStore;
    const status = store?.$status.get();
    return html`<div part="base" class="base">
      ${store && !store.adapter.capabilities.invites
        ? html`<p class="muted">${this.t('unsupported')}</p>`
        : html`${this.segmentId === undefined ? this.#renderChooser(store) : nothing} ${this.#renderBody(store)}`}
      ${status?.offline ? html`<div part="offline" class="muted"><slot name="offline">${this.t('offline')}</slot></div>` : nothing}
      <div part="message" class="message" role="status" aria-live="polite">${this._message}</div>
    </div>`;
  }

  #renderChooser(store: SegmentStore | undefined): TemplateResult {
    const segments = store ? store.$segments.get().filter((s) => !s.system) : [];
    if (store?.$status.get().ready && segments.length === 0) return html`<p part="empty" class="muted">${this.t('segment.none')}</p>`;
    return html`<div part="segment-field" class="field">
      <label part="label" for="segment">${this.t('segment.label')}</label>
      <select
        part="segment-select input"
        id="segment"
        class="input"
        .value=${this._chosen}
        @change=${(e: Event) => {
          this._chosen = (e.target as HTMLSelectElement).value;
          this._fieldErrors = {};
        }}
      >
        <option value="" ?selected=${this._chosen === ''}>${this.t('segment.choose')}</option>
        ${segments.map((s) => html`<option value=${s.id} ?selected=${s.id === this._chosen}>${s.name}</option>`)}
      </select>
    </div>`;
  }

  #renderBody(store: SegmentStore | undefined): TemplateResult | typeof nothing {
    const id = this.#segmentId;
    if (!store || id === undefined) return nothing;
    const state = this.#controller.state;
    const base = this.#base();
    return html`
      ${base ? nothing : html`<div part="error" class="error" role="alert">${this.t('base-url.invalid')}</div>`}
      ${this.#renderForm(base !== null)}
      ${state.created ? this.#renderCreated(state.created) : nothing}
      ${this.#renderList(store, id)}
    `;
  }

  #renderForm(enabled: boolean): TemplateResult {
    const state = this.#controller.state;
    const errors = this._fieldErrors;
    const general = state.createError && !['expiresAt', 'maxUses'].includes(state.createError.field ?? '') ? state.createError : null;
    return html`<form part="form" aria-label=${this.t('form.label')} novalidate @submit=${this.#onCreate}>
        <div class="field">
          <label part="label" for="expiry">${this.t('expiry.label')}</label>
          <input
            part="input expiry-input"
            class="input"
            id="expiry"
            type="datetime-local"
            .value=${this._expiry}
            aria-invalid=${errors.expiry ? 'true' : 'false'}
            aria-describedby=${errors.expiry ? 'expiry-error' : nothing}
            @input=${(e: Event) => {
              this._expiry = (e.target as HTMLInputElement).value;
              this._fieldErrors = { ...this._fieldErrors, expiry: undefined };
            }}
          />
          ${errors.expiry ? html`<div part="field-error" id="expiry-error" class="error-text">${errors.expiry}</div>` : nothing}
        </div>
        <div class="field">
          <label part="label" for="max-uses">${this.t('max-uses.label')}</label>
          <input
            part="input max-uses-input"
            class="input"
            id="max-uses"
            type="number"
            min="1"
            max=${MAX_USES_LIMIT}
            step="1"
            inputmode="numeric"
            .value=${this._maxUses}
            aria-invalid=${errors.maxUses ? 'true' : 'false'}
            aria-describedby=${errors.maxUses ? 'max-uses-error' : nothing}
            @input=${(e: Event) => {
              this._maxUses = (e.target as HTMLInputElement).value;
              this._fieldErrors = { ...this._fieldErrors, maxUses: undefined };
            }}
          />
          ${errors.maxUses ? html`<div part="field-error" id="max-uses-error" class="error-text">${errors.maxUses}</div>` : nothing}
        </div>
        <div class="actions">
          <button part="create-button" class="btn primary" type="submit" ?disabled=${!enabled || state.creating}>
            ${this.t(state.creating ? 'creating' : 'create')}
          </button>
        </div>
      </form>
      ${general ? html`<div part="error" class="error" role="alert">${general.message}</div>` : nothing}`;
  }

  #renderCreated(invite: InviteLink): TemplateResult {
    const url = this.urlFor(invite);
    return html`<div part="created" class="created">
      <label part="label" for="created-url">${this.t('url.label')}</label>
      <div class="url-row">
        <input part="input url" class="input url" id="created-url" type="text" readonly .value=${url} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
        <button
          part="copy-button"
          class="btn"
          type="button"
          @click=${() => void this.#copy(url, this.renderRoot.querySelector<HTMLInputElement>('#created-url'))}
        >
          ${this.t('copy')}
        </button>
      </div>
    </div>`;
  }

  #renderList(store: SegmentStore, segmentId: string): TemplateResult {
    const state = this.#controller.state;
    if (state.loadError) {
      return html`<div part="error" class="error" role="alert">
        <span><slot name="error">${state.loadError.message}</slot></span>
        <button part="retry-button" class="btn" type="button" @click=${() => void this.#controller.load()}>${this.t('retry')}</button>
      </div>`;
    }
    const items = this.#controller.items();
    if (state.loading && items.length === 0) {
      return html`<div part="loading" class="muted"><slot name="loading">${this.t('loading')}</slot></div>`;
    }
    if (items.length === 0) return html`<div part="empty" class="muted"><slot name="empty">${this.t('empty')}</slot></div>`;
    const segment = store.segmentById(segmentId)?.name ?? segmentId;
    const now = Date.now();
    return html`<ul part="list" aria-label=${this.t('list.label', { segment })}>
      ${items.map((invite) => this.#renderItem(invite, now))}
    </ul>`;
  }

  #renderItem(invite: InviteLink, now: number): TemplateResult {
    const state = this.#controller.state;
    const status = inviteStatus(invite, now);
    const url = this.urlFor(invite);
    const urlId = `url-${invite.id}`;
    const uses =
      invite.maxUses !== undefined
        ? this.t('uses.max', { uses: invite.uses, max: invite.maxUses })
        : this.t('uses', { count: invite.uses });
    const expiry = invite.expiresAt
      ? this.t(status === 'expired' ? 'expired' : 'expires', { date: this.#formatDate(invite.expiresAt) })
      : this.t('no-expiry');
    const confirming = state.confirming === invite.id;
    const revokeError = state.revokeError?.id === invite.id ? state.revokeError.error : null;
    return html`<li part="item item-${status}" data-id=${invite.id}>
      <input
        part="input url item-url"
        class="input url item-url"
        id=${urlId}
        type="text"
        readonly
        aria-label=${this.t('url.label')}
        .value=${url}
        @focus=${(e: Event) => (e.target as HTMLInputElement).select()}
      />
      <span part="status status-${status}" class="chip ${status === 'active' ? 'active' : 'inactive'}">${this.t(`status.${status}`)}</span>
      <span part="uses" class="meta">${uses}</span>
      <span part="expiry" class="meta">${expiry}</span>
      <button part="copy-button" class="btn" type="button" aria-describedby=${urlId} @click=${() => void this.#copyFromRow(url, invite.id)}>
        ${this.t('copy')}
      </button>
      ${status === 'revoked'
        ? nothing
        : confirming
          ? this.#renderConfirm(invite, urlId)
          : html`<button part="revoke-button" class="btn danger" type="button" aria-describedby=${urlId} @click=${() => this.#askRevoke(invite.id)}>
              ${this.t('revoke')}
            </button>`}
      ${revokeError ? html`<div part="error" class="error" role="alert">${revokeError.message}</div>` : nothing}
    </li>`;
  }

  #copyFromRow(url: string, id: string): Promise<void> {
    return this.#copy(url, this.renderRoot.querySelector<HTMLInputElement>(`[data-id="${id}"] [part~="item-url"]`));
  }

  #renderConfirm(invite: InviteLink, urlId: string): TemplateResult {
    const busy = this.#controller.state.revoking === invite.id;
    return html`<div part="confirm" class="confirm" role="group" aria-label=${this.t('revoke')}>
      <span>${this.t('revoke.confirm')}</span>
      <button
        part="confirm-revoke-button"
        class="btn danger"
        type="button"
        aria-describedby=${urlId}
        ?disabled=${busy}
        @click=${() => void this.#revoke(invite.id)}
      >
        ${this.t('revoke.yes')}
      </button>
      <button part="cancel-button" class="btn" type="button" ?disabled=${busy} @click=${() => this.#cancelRevoke(invite.id)}>${this.t('cancel')}</button>
    </div>`;
  }
}
