/**
 * The app shell: navigation, status, theme, the Activity panel and toasts,
 * around one `<segkit-provider>` that gives the store to every segkit element
 * on the page. The pages get it as their `PageContext`; the settings (size,
 * faults, reset) are `DemoSettings`, shown in the settings panel and, while a
 * fault is on, in the notice of the top bar; the status is `status.ts`'s.
 */
import type { SegkitErrorEvent } from '@segkit/elements';
import { html, nothing, render } from 'lit';
import type { TemplateResult } from 'lit';
import { ActivityLog } from './activity.js';
import { activityPanel } from './activity-panel.js';
import { CACHE_OUTLIVES_TAB } from './backend.js';
import type { Runtime } from './backend.js';
import type { PageContext, Route } from './context.js';
import { icon } from './icons.js';
import type { IconName } from './icons.js';
import { FILTER_PARAM, ambassadorsPage } from './pages/ambassadors.js';
import { audiencePage } from './pages/audience.js';
import { invitesPage } from './pages/invites.js';
import { joinPage, wantsLanding } from './pages/join.js';
import { segmentsPage } from './pages/segments.js';
import { DemoSettings } from './settings.js';
import type { Size } from './settings.js';
import { faultNotice, settingsPanel } from './settings-panel.js';
import { statusBar, statusView } from './status.js';
import { strings } from './strings.js';
import { darkQuery, resolveTheme, saveThemeChoice, savedThemeChoice } from './theme.js';
import type { ThemeChoice } from './theme.js';
import { Toasts, toastRegion } from './toasts.js';

const ROUTES: ReadonlyArray<{ id: Route; icon: IconName }> = [
  { id: 'ambassadors', icon: 'users' },
  { id: 'segments', icon: 'folder' },
  { id: 'audience', icon: 'target' },
  { id: 'invites', icon: 'link' },
];

/** Removes a query parameter from the address without a new history entry. */
function dropParam(name: string): void {
  const url = new URL(location.href);
  if (!url.searchParams.has(name)) return;
  url.searchParams.delete(name);
  history.replaceState(history.state, '', url);
}

function routeFromHash(): Route {
  const name = location.hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return ROUTES.find((r) => r.id === name)?.id ?? 'ambassadors';
}

/** The shell; the pages see it only as their `PageContext`. */
export class App implements PageContext {
  readonly root: HTMLElement;
  readonly runtime: Runtime;
  route: Route = routeFromHash();
  landing = wantsLanding();
  themeChoice: ThemeChoice = savedThemeChoice();
  activityOpen = false;
  readonly activity: ActivityLog;
  readonly toasts: Toasts;
  readonly settings: DemoSettings;
  /** Page-level state the pages keep between renders. */
  readonly pageState = new Map<string, unknown>();
  #scheduled = false;
  #offStore: Array<() => void> = [];
  #focusHeading = false;
  #followed = new WeakSet<MediaQueryList>();

  constructor(root: HTMLElement, runtime: Runtime, size: Size) {
    this.root = root;
    this.runtime = runtime;
    this.activity = new ActivityLog(() => this.update());
    this.toasts = new Toasts(() => this.update());
    this.settings = new DemoSettings(runtime, size, {
      changed: () => this.update(),
      storeReplaced: () => this.#useStore(),
      dataReset: () => {
        this.activity.clear();
        this.pageState.clear();
      },
      notify: (text, tone) => this.toasts.show(text, tone),
    });
    darkQuery.addEventListener('change', () => this.#applyTheme());
    addEventListener('hashchange', () => {
      this.landing = wantsLanding();
      const next = routeFromHash();
      if (next !== this.route) {
        this.route = next;
        this.#focusHeading = true;
        if (next !== 'ambassadors') dropParam(FILTER_PARAM);
      }
      this.update();
    });
    // Store events reach the document as DOM events (bubbling, composed): keep a history, toast errors.
    this.activity.listen(document);
    document.addEventListener('segkit-error', (e) => {
      const { code, message, action } = (e as SegkitErrorEvent).detail;
      // A failed read shows where it happened (the table's or list's error state, the status pill);
      // a refused write was rolled back, which deserves a toast. The full message goes to Activity.
      if (action.startsWith('load-')) return;
      this.toasts.show(strings.errorToast(code, message), 'error');
    });
    // Invite links are writes too: save them at once (the landing page may open right after).
    for (const type of ['segkit-invite-create', 'segkit-invite-revoke']) {
      document.addEventListener(type, () => void this.flush());
    }
    addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.activityOpen) this.toggleActivity(false);
    });
    this.#useStore();
    this.#applyTheme();
    // "5 minutes ago" moves on while the Activity panel is open, and while the status gives the data's age.
    setInterval(() => {
      if (this.activityOpen || this.store.$status.get().cachedAt !== null) this.update();
    }, 30_000);
  }

  get store() {
    return this.runtime.store;
  }

  /** `light` or `dark`: what the page and the elements' `theme` show. */
  get theme(): 'light' | 'dark' {
    return resolveTheme(this.themeChoice);
  }

  setTheme(choice: ThemeChoice): void {
    this.themeChoice = choice;
    saveThemeChoice(choice);
    this.#applyTheme();
  }

  #applyTheme(): void {
    document.documentElement.dataset.theme = this.theme;
    this.update();
  }

  #useStore(): void {
    for (const off of this.#offStore.splice(0)) off();
    const store = this.store;
    this.activity.useStore(store);
    // The mock saves its data 250 ms after the last write, and a save started while the page unloads does
    // not always finish: save as soon as a write is confirmed, so a reload right after a change keeps it.
    const save = (event: { phase: string }) => {
      if (event.phase === 'confirmed') void this.flush();
    };
    this.#offStore.push(
      store.$status.listen(() => this.update()),
      store.$totalMembers.listen(() => this.update()),
      store.on('membership', save),
      store.on('segment', save),
    );
  }

  /** Re-renders on the next microtask (many changes, one render). */
  update(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      render(this.view(), this.root);
      this.#afterRender();
    });
  }

  #afterRender(): void {
    const page = strings.pages[this.route];
    document.title = this.landing ? strings.join.title : strings.title(page.title);
    if (this.#focusHeading) {
      this.#focusHeading = false;
      this.root.querySelector<HTMLElement>('main h1')?.focus();
    }
  }

  /** Re-renders when a media query a page depends on changes. */
  follow(query: MediaQueryList): void {
    if (this.#followed.has(query)) return;
    this.#followed.add(query);
    query.addEventListener('change', () => this.update());
  }

  navigate(route: Route): void {
    if (location.hash !== `#/${route}`) location.hash = `#/${route}`;
  }

  leaveLanding(route: Route): void {
    this.landing = false;
    this.route = route;
    this.update();
  }

  flush(): Promise<void> {
    return this.runtime.backend.flush();
  }

  toggleActivity(open = !this.activityOpen): void {
    this.activityOpen = open;
    if (open) this.activity.markRead();
    this.update();
    requestAnimationFrame(() => {
      if (open) this.root.querySelector<HTMLElement>('#activity-title')?.focus();
      else this.root.querySelector<HTMLElement>('[data-activity-toggle]')?.focus();
    });
  }

  openSettings(): void {
    this.root.querySelector<HTMLDialogElement>('#settings')?.showModal();
  }

  // ---- views ---------------------------------------------------------------

  view(): TemplateResult {
    if (this.landing) {
      return html`<segkit-provider .store=${this.store}>${joinPage(this)}</segkit-provider>${toastRegion(this.toasts)}`;
    }
    return html`
      <a class="skip-link" href="#main" @click=${this.#skip}>${strings.skip}</a>
      <segkit-provider .store=${this.store}>
        <div class="shell" ?data-activity-open=${this.activityOpen}>
          ${this.#sidebar()}
          <div class="content">
            ${this.#topbar()}
            <main id="main" class="main" data-page=${this.route}>${this.#page()}</main>
          </div>
          ${activityPanel(this.activity, this.activityOpen, () => this.toggleActivity(false))}
        </div>
      </segkit-provider>
      ${settingsPanel(this.settings, {
        themeChoice: this.themeChoice,
        setTheme: (choice) => this.setTheme(choice),
        onClose: () => this.update(),
      })}
      ${toastRegion(this.toasts)}
    `;
  }

  #skip = (e: Event) => {
    e.preventDefault();
    this.root.querySelector<HTMLElement>('main h1')?.focus();
  };

  #page(): TemplateResult {
    switch (this.route) {
      case 'segments':
        return segmentsPage(this);
      case 'audience':
        return audiencePage(this);
      case 'invites':
        return invitesPage(this);
      default:
        return ambassadorsPage(this);
    }
  }

  #brand(): TemplateResult {
    return html`<a class="brand" href="#/ambassadors">
      <span class="brand-mark" aria-hidden="true"></span>
      <span class="brand-text"
        ><span class="brand-name">${strings.brand}</span><span class="brand-product">${strings.product}</span></span
      >
    </a>`;
  }

  #nav(): TemplateResult {
    return html`<nav class="nav" aria-label=${strings.nav}>
      <ul>
        ${ROUTES.map(
          (r) => html`<li>
            <a href="#/${r.id}" class="nav-link" aria-current=${r.id === this.route ? 'page' : nothing}
              >${icon(r.icon)}<span>${strings.pages[r.id].title}</span></a
            >
          </li>`,
        )}
      </ul>
    </nav>`;
  }

  #sidebar(): TemplateResult {
    return html`<aside class="sidebar" aria-label=${strings.brand}>
      ${this.#brand()} ${this.#nav()}
      <div class="sidebar-foot">
        <button class="env-card" type="button" @click=${() => this.openSettings()}>
          <span class="env-title">${strings.env.title}</span>
          <span class="env-text">${strings.env.text(this.settings.size)}</span>
        </button>
      </div>
    </aside>`;
  }

  #topbar(): TemplateResult {
    const dark = this.theme === 'dark';
    const unread = this.activity.unread;
    return html`<header class="topbar">
      <div class="topbar-brand">${this.#brand()}</div>
      <div class="topbar-status">
        ${statusBar(statusView(this.store.$status.get(), { durable: CACHE_OUTLIVES_TAB, now: Date.now() }), () => this.settings.signInAgain())}
      </div>
      <div class="topbar-actions">
        <button
          class="icon-btn"
          type="button"
          data-activity-toggle
          aria-expanded=${this.activityOpen ? 'true' : 'false'}
          aria-controls="activity"
          @click=${() => this.toggleActivity()}
        >
          ${icon('activity')}<span class="icon-btn-label">${strings.activity.open}</span>
          ${unread > 0 && !this.activityOpen
            ? html`<span class="badge"><span class="visually-hidden">, </span>${strings.activity.unread(unread)}</span>`
            : nothing}
        </button>
        <button class="icon-btn" type="button" @click=${() => this.openSettings()}>
          ${icon('settings')}<span class="icon-btn-label">${strings.settings.open}</span>
        </button>
        <button
          class="icon-btn icon-only"
          type="button"
          aria-label=${dark ? strings.theme.toLight : strings.theme.toDark}
          title=${dark ? strings.theme.toLight : strings.theme.toDark}
          @click=${() => this.setTheme(dark ? 'light' : 'dark')}
        >
          ${icon(dark ? 'sun' : 'moon')}
        </button>
      </div>
      ${faultNotice(this.settings, {
        openSettings: () => this.openSettings(),
        onOff: () => requestAnimationFrame(() => this.root.querySelector<HTMLElement>('main h1')?.focus()),
      })}
      <div class="topbar-nav">${this.#nav()}</div>
    </header>`;
  }
}
