import type { InviteLink } from '@segkit/core';
import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { SegkitInviteCreateEvent } from '../events/invite-create.js';
import { SegkitInviteRevokeEvent } from '../events/invite-revoke.js';
import { inDataId } from '../internal/data-id.js';
import { FocusController } from '../internal/focus.js';
import { SegkitElement } from '../internal/segkit-element.js';
import { listNames, segmentName } from '../internal/segments.js';
import { stateSlot, stateStyles } from '../internal/status.js';
import { errorText } from '../internal/strings.js';
import { controls, tokens } from '../internal/theme.js';
import { createInviteLinkConnector } from './invite-link.connector.js';
import type { InviteFieldError, InviteLinkConnector, InviteLinkState, InviteRow, RevealedField } from './invite-link.connector.js';
import { inviteLinkStrings } from './invite-link.strings.js';
import { inviteLinkStyles } from './invite-link.styles.js';
import { DEFAULT_INVITE_PARAM, MAX_USES_LIMIT } from './invite-model.js';
import type { InviteStatus } from './invite-model.js';

/** `reveal="discountCode tier"` ⇄ `['discountCode', 'tier']`. */
const keyList = {
  fromAttribute: (value: string | null): string[] => (value ?? '').split(/\s+/).filter(Boolean),
  toAttribute: (value: readonly string[] | undefined): string | null => (value?.length ? value.join(' ') : null),
};

const STATUS_KEYS: Record<InviteStatus, string> = {
  active: 'status.active',
  expired: 'status.expired',
  'used-up': 'status.used-up',
  revoked: 'status.revoked',
};

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
 * follow `$invites` while it holds this segment. Errors are shown in the
 * page's language.
 *
 * `reveal` (space-separated keys of the store's `segmentFields`) chooses
 * what whoever joins through a link created here is shown on the landing
 * page (`RedeemResult.revealed`, e.g. the segment's discount code). Default
 * none: a link reveals nothing unless the host says so. The form says what new
 * links will show ("People who join see: Discount code") and each link row
 * what it shows ("Shows: Discount code"); a key the store does not declare is
 * refused when the link is created.
 *
 * State attributes (set by the element): `loading`, `empty` (no links yet),
 * `error` (loading, creating or revoking failed, or the base URL is refused)
 * and `offline`.
 *
 * The behaviour lives in `createInviteLinkConnector` (`@segkit/elements/headless`)
 * for hosts drawing their own UI.
 *
 * @slot empty - Shown when the segment has no links yet.
 * @slot error - Replaces the message when the links cannot be loaded (default: the error in the page's language).
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
 * @csspart reveal-note - What links created now show to whoever joins ("People who join see: Discount code"; only with `reveal`).
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
 * @csspart reveals - What the link shows to whoever joins ("Shows: Discount code"; only when it reveals something).
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
 * @fires segkit-membership-change - Members were added to or removed from segments (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-segment-create - A segment was created (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-segment-rename - A segment was renamed (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-segment-update - A segment's name, description, colour or metadata changed (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-segment-delete - A segment was deleted (saved). Without a provider, from the first connected segkit element, when no widget made it (decision 030).
 * @fires segkit-error - A write was refused and rolled back, a read failed, or the cache is unavailable. Without a provider, from the first connected segkit element, when no widget started it (decision 030).
 */
export class SegkitInviteLink extends SegkitElement {
  static override locales = inviteLinkStrings;

  static override styles = [tokens, controls, stateStyles, inviteLinkStyles];

  static override properties = {
    ...SegkitElement.properties,
    segmentId: { attribute: 'segment-id', reflect: true },
    baseUrl: { attribute: 'base-url' },
    param: {},
    reveal: { attribute: 'reveal', converter: keyList },
    _chosen: { state: true },
    _message: { state: true },
  };

  /** The segment whose links to manage; when unset, the element shows a segment chooser. */
  declare segmentId: string | undefined;
  /** Where links point (http or https; relative to the page). Default: this page without its query. */
  declare baseUrl: string | undefined;
  /** The query parameter that carries the token (default `segkit-invite`). */
  declare param: string;
  /** Keys of the store's `segmentFields` that links created here show to whoever joins (attribute: space-separated). Default none. */
  declare reveal: string[];
  declare _chosen: string;
  declare _message: string;

  readonly #links = this.connector((store) =>
    createInviteLinkConnector(store, { segmentId: this.#segmentId, baseUrl: this.baseUrl, param: this.param, reveal: this.reveal }),
  );
  readonly #focus = new FocusController(this);

  constructor() {
    super();
    this.segmentId = undefined;
    this.baseUrl = undefined;
    this.param = DEFAULT_INVITE_PARAM;
    this.reveal = [];
    this._chosen = '';
    this._message = '';
  }

  get #segmentId(): string | undefined {
    return this.segmentId ?? (this._chosen || undefined);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const links = this.#links.value;
    links?.setSegment(this.#segmentId);
    links?.setBaseUrl(this.baseUrl);
    links?.setParam(this.param);
    links?.setReveal(this.reveal);
    const state = links?.$state.get();
    this.reflectStates({
      loading: Boolean(state?.loading),
      empty: Boolean(state?.empty),
      error: Boolean(state?.failed),
      offline: Boolean(state?.offline),
    });
  }

  /** The full URL of a link (empty when the base URL is refused, or before the element has a store). */
  urlFor(invite: InviteLink): string {
    return this.#links.value?.urlFor(invite) ?? '';
  }

  #announce(text: string): void {
    // Clear first so the same words twice ("Copied", "Copied") are announced twice.
    this._message = '';
    void this.updateComplete.then(() => {
      this._message = text;
    });
  }

  #onCreate = async (event: Event): Promise<void> => {
    event.preventDefault();
    const links = this.#links.value;
    if (!links) return;
    const invite = await links.create();
    if (!invite) {
      const { fieldErrors } = links.$state.get();
      if (fieldErrors.expiry || fieldErrors.maxUses) this.#focus.focusAfterUpdate(fieldErrors.expiry ? '#expiry' : '#max-uses');
      return;
    }
    this.#announce(this.t('created'));
    this.#focus.focusAfterUpdate('[part~="created"] [part~="copy-button"]');
    this.dispatchEvent(new SegkitInviteCreateEvent({ invite, url: links.urlFor(invite) }));
  };

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
    this.#links.value?.askRevoke(id);
    this.#focus.focusAfterUpdate(() => inDataId(this.renderRoot, id, '[part~="confirm-revoke-button"]'));
  }

  #cancelRevoke(id: string): void {
    this.#links.value?.cancelRevoke();
    this.#focus.focusAfterUpdate(() => inDataId(this.renderRoot, id, '[part~="revoke-button"]'));
  }

  async #revoke(id: string): Promise<void> {
    const links = this.#links.value;
    const invite = await links?.revoke(id);
    if (!links || !invite) {
      this.#focus.focusAfterUpdate(() => inDataId(this.renderRoot, id, '[part~="confirm-revoke-button"]'));
      return;
    }
    this.#announce(this.t('revoked'));
    this.#focus.focusAfterUpdate(() => inDataId(this.renderRoot, id, '[part~="copy-button"]'));
    this.dispatchEvent(new SegkitInviteRevokeEvent({ invite, url: links.urlFor(invite) }));
  }

  /** "Discount code and Tier", in the page's language. */
  #fieldList(fields: RevealedField[]): string {
    return listNames(
      fields.map((field) => field.label),
      this.language,
    );
  }

  #formatDate(iso: string): string {
    try {
      return new Intl.DateTimeFormat(this.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
    } catch {
      return iso;
    }
  }

  /** The message by a field: its own check's, or the store's in the page's language. */
  #fieldError(error: InviteFieldError | null, invalid: string): string {
    if (error === null) return '';
    return error === 'invalid' ? invalid : errorText(this.t.bind(this), error);
  }

  // ---- rendering ------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const links = this.#links.value;
    const state = links?.$state.get();
    return html`<div part="base" class="base">
      ${state && !state.supported
        ? html`<p class="muted">${this.t('unsupported')}</p>`
        : html`${this.segmentId === undefined ? this.#renderChooser(state) : nothing}
          ${links && state?.segmentId !== undefined ? this.#renderBody(links, state) : nothing}`}
      ${state?.offline ? stateSlot('offline', html`<span class="muted">${this.t('offline')}</span>`) : nothing}
      <div part="message" class="message" role="status" aria-live="polite">${this._message}</div>
    </div>`;
  }

  #renderChooser(state: InviteLinkState | undefined): TemplateResult {
    const choices = state?.choices ?? [];
    if (state?.ready && choices.length === 0) return html`<p part="empty" class="muted">${this.t('segment.none')}</p>`;
    return html`<div part="segment-field" class="field">
      <label part="label" for="segment">${this.t('segment.label')}</label>
      <select
        part="segment-select input"
        id="segment"
        class="input"
        .value=${this._chosen}
        @change=${(e: Event) => (this._chosen = (e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${this._chosen === ''}>${this.t('segment.choose')}</option>
        ${choices.map((s) => html`<option value=${s.id} ?selected=${s.id === this._chosen}>${s.name}</option>`)}
      </select>
    </div>`;
  }

  #renderBody(links: InviteLinkConnector, state: InviteLinkState): TemplateResult {
    return html`
      ${state.baseUrlValid ? nothing : html`<div part="error" class="error" role="alert">${this.t('base-url.invalid')}</div>`}
      ${this.#renderForm(links, state)} ${state.created ? this.#renderCreated(state.created) : nothing} ${this.#renderList(links, state)}
    `;
  }

  #renderForm(links: InviteLinkConnector, state: InviteLinkState): TemplateResult {
    const expiryError = this.#fieldError(state.fieldErrors.expiry, this.t('expiry.invalid'));
    const maxUsesError = this.#fieldError(state.fieldErrors.maxUses, this.t('max-uses.invalid', { max: MAX_USES_LIMIT }));
    return html`<form part="form" aria-label=${this.t('form.label')} novalidate @submit=${this.#onCreate}>
        <div class="field">
          <label part="label" for="expiry">${this.t('expiry.label')}</label>
          <input
            part="input expiry-input"
            class="input"
            id="expiry"
            type="datetime-local"
            .value=${state.expiry}
            aria-invalid=${expiryError ? 'true' : 'false'}
            aria-describedby=${expiryError ? 'expiry-error' : nothing}
            @input=${(e: Event) => links.setExpiry((e.target as HTMLInputElement).value)}
          />
          ${expiryError ? html`<div part="field-error" id="expiry-error" class="error-text">${expiryError}</div>` : nothing}
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
            .value=${state.maxUses}
            aria-invalid=${maxUsesError ? 'true' : 'false'}
            aria-describedby=${maxUsesError ? 'max-uses-error' : nothing}
            @input=${(e: Event) => links.setMaxUses((e.target as HTMLInputElement).value)}
          />
          ${maxUsesError ? html`<div part="field-error" id="max-uses-error" class="error-text">${maxUsesError}</div>` : nothing}
        </div>
        <div class="actions">
          <button
            part="create-button"
            class="btn primary"
            type="submit"
            aria-describedby=${state.reveal.length ? 'reveal-note' : nothing}
            ?disabled=${!state.baseUrlValid || state.creating}
          >
            ${this.t(state.creating ? 'creating' : 'create')}
          </button>
        </div>
        ${state.reveal.length
          ? html`<p part="reveal-note" id="reveal-note" class="muted reveal-note">${this.t('reveal.note', { fields: this.#fieldList(state.reveal) })}</p>`
          : nothing}
      </form>
      ${state.createError
        ? html`<div part="error" class="error" role="alert">${errorText(this.t.bind(this), state.createError)}</div>`
        : nothing}`;
  }

  #renderCreated(created: InviteRow): TemplateResult {
    return html`<div part="created" class="created">
      <label part="label" for="created-url">${this.t('url.label')}</label>
      <div class="url-row">
        <input part="input url" class="input url" id="created-url" type="text" readonly .value=${created.url} @focus=${this.#selectAll} />
        <button
          part="copy-button"
          class="btn"
          type="button"
          @click=${() => void this.#copy(created.url, this.renderRoot.querySelector<HTMLInputElement>('#created-url'))}
        >
          ${this.t('copy')}
        </button>
      </div>
    </div>`;
  }

  #selectAll = (event: Event): void => (event.target as HTMLInputElement).select();

  #renderList(links: InviteLinkConnector, state: InviteLinkState): TemplateResult {
    if (state.loadError) {
      return html`<div class="error" role="alert">
        ${stateSlot('error', errorText(this.t.bind(this), state.loadError))}
        <button part="retry-button" class="btn" type="button" @click=${() => void links.load()}>${this.t('retry')}</button>
      </div>`;
    }
    if (state.loading && state.items.length === 0) return stateSlot('loading', html`<span class="muted">${this.t('loading')}</span>`);
    if (state.items.length === 0) return stateSlot('empty', html`<span class="muted">${this.t('empty')}</span>`);
    const segment = segmentName(this.t.bind(this), state.segment, state.segmentId);
    return html`<ul part="list" aria-label=${this.t('list.label', { segment })}>
      ${state.items.map((row, index) => this.#renderItem(row, index, state))}
    </ul>`;
  }

  #renderItem({ invite, url, status, reveals }: InviteRow, index: number, state: InviteLinkState): TemplateResult {
    // By position, not by invite id: an id may hold spaces, which split an IDREF list.
    const urlId = `url-${index}`;
    const uses =
      invite.maxUses !== undefined
        ? this.t('uses.max', { uses: invite.uses, max: invite.maxUses })
        : this.t('uses', { count: invite.uses });
    const expiry = invite.expiresAt
      ? this.t(status === 'expired' ? 'expired' : 'expires', { date: this.#formatDate(invite.expiresAt) })
      : this.t('no-expiry');
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
        @focus=${this.#selectAll}
      />
      <span part="status status-${status}" class="chip ${status === 'active' ? 'active' : 'inactive'}">${this.t(STATUS_KEYS[status])}</span>
      <span part="uses" class="meta">${uses}</span>
      <span part="expiry" class="meta">${expiry}</span>
      ${reveals.length ? html`<span part="reveals" class="meta">${this.t('reveals', { fields: this.#fieldList(reveals) })}</span>` : nothing}
      <button part="copy-button" class="btn" type="button" aria-describedby=${urlId} @click=${() => void this.#copyFromRow(url, invite.id)}>
        ${this.t('copy')}
      </button>
      ${status === 'revoked'
        ? nothing
        : state.confirming === invite.id
          ? this.#renderConfirm(invite, urlId, state.revoking === invite.id)
          : html`<button part="revoke-button" class="btn danger" type="button" aria-describedby=${urlId} @click=${() => this.#askRevoke(invite.id)}>
              ${this.t('revoke')}
            </button>`}
      ${revokeError ? html`<div part="error" class="error" role="alert">${errorText(this.t.bind(this), revokeError)}</div>` : nothing}
    </li>`;
  }

  #copyFromRow(url: string, id: string): Promise<void> {
    return this.#copy(url, inDataId<HTMLInputElement>(this.renderRoot, id, '[part~="item-url"]'));
  }

  #renderConfirm(invite: InviteLink, urlId: string, busy: boolean): TemplateResult {
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
