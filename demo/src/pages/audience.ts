/**
 * Audience: how a host puts segkit inside its own forms.
 * - "New campaign": `<segkit-audience>` is a form field; the campaign saves its value.
 * - "Assign to Segment" automation step: `<segkit-segment-picker mode="field">`.
 */
import { emptyQuery } from '@segkit/core';
import type { SegmentRules } from '@segkit/core';
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import type { PageContext } from '../context.js';
import { element } from '../elements.js';
import { icon } from '../icons.js';
import { AUTOMATIONS_KEY, CAMPAIGNS_KEY, loadList, saveList } from '../saved.js';
import { strings } from '../strings.js';
import { pageHead } from './page.js';

interface Campaign {
  id: string;
  name: string;
  audience: SegmentRules;
  /** What the form submitted for the audience field (JSON). */
  submitted: string;
  savedAt: number;
}

interface Automation {
  id: string;
  trigger: string;
  segmentIds: string[];
}

type FieldElement = HTMLElement & { value?: unknown };

/**
 * A segkit form field's value the way a host's form sees it: the form data
 * (the audience submits its rules as JSON, the picker one entry per segment id);
 * the element's `value` property when it is not form-associated.
 */
function fieldValue(form: HTMLFormElement, selector: string, name: string): unknown {
  const all = new FormData(form).getAll(name).map(String);
  if (all.length > 0) return all.length > 1 || selector === 'segkit-segment-picker' ? all : all[0];
  return form.querySelector<FieldElement>(selector)?.value;
}

function toRules(value: unknown): SegmentRules | undefined {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  if (!v || typeof v !== 'object') return undefined;
  const r = v as Partial<SegmentRules>;
  return { include: [...(r.include ?? [])], exclude: [...(r.exclude ?? [])], match: r.match === 'all' ? 'all' : 'any' };
}

function toIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).filter(Boolean);
  if (typeof value === 'string') {
    if (value.startsWith('[')) {
      try {
        return toIds(JSON.parse(value));
      } catch {
        return [];
      }
    }
    return value.split(',').map((s) => s.trim()).filter(Boolean);
  }
  return [];
}

export function audiencePage(ctx: PageContext): TemplateResult {
  const theme = ctx.theme;
  const p = strings.pages.audience;
  const a = strings.audience;
  const campaigns = loadList<Campaign>(CAMPAIGNS_KEY);
  const automations = loadList<Automation>(AUTOMATIONS_KEY);
  const errors = (ctx.pageState.get('audience:errors') as Record<string, string> | undefined) ?? {};
  const segmentName = (id: string) => ctx.store.segmentById(id)?.name ?? id;
  const rulesText = (rules: SegmentRules) => {
    const parts = [
      ...(rules.include.length ? [`${a.include} ${rules.include.map(segmentName).join(rules.match === 'all' ? ' + ' : ' / ')}`] : []),
      ...(rules.exclude.length ? [`${a.exclude} ${rules.exclude.map(segmentName).join(', ')}`] : []),
    ];
    return parts.length ? parts.join(' · ') : a.everyone;
  };
  const setErrors = (next: Record<string, string>) => {
    ctx.pageState.set('audience:errors', next);
    ctx.update();
  };

  const saveCampaign = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const name = String(new FormData(form).get('campaign') ?? '').trim();
    if (!name) {
      setErrors({ ...errors, campaign: a.nameRequired });
      form.querySelector<HTMLInputElement>('#campaign-name')?.focus();
      return;
    }
    const raw = fieldValue(form, 'segkit-audience', 'audience');
    const audience = toRules(raw) ?? { include: [], exclude: [], match: 'any' };
    const submitted = typeof raw === 'string' ? raw : JSON.stringify(audience);
    saveList<Campaign>(CAMPAIGNS_KEY, [{ id: crypto.randomUUID(), name, audience, submitted, savedAt: Date.now() }, ...campaigns]);
    form.reset();
    setErrors({});
  };

  const saveAutomation = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const trigger = String(new FormData(form).get('trigger') ?? 'reply');
    const segmentIds = toIds(fieldValue(form, 'segkit-segment-picker', 'segments'));
    if (segmentIds.length === 0) {
      setErrors({ ...errors, automation: a.chooseSegment });
      return;
    }
    saveList<Automation>(AUTOMATIONS_KEY, [{ id: crypto.randomUUID(), trigger, segmentIds }, ...automations]);
    setErrors({});
  };

  /** What the host's automation engine would do when the trigger fires: assign, with source "automation". */
  const run = async (automation: Automation) => {
    const store = ctx.store;
    // Three members not yet in those segments, somewhere in the community.
    const query = { ...emptyQuery(), exclude: [...automation.segmentIds] };
    try {
      const { total } = await store.adapter.queryMembers(query, { offset: 0, limit: 1 });
      const offset = Math.floor(Math.random() * Math.max(0, total - 3));
      const page = await store.adapter.queryMembers(query, { offset, limit: 3 });
      await store.assign(automation.segmentIds, { target: { kind: 'ids', ids: page.items.map((m) => m.id) }, source: 'automation' });
    } catch {
      // The store reports it (segkit-error): the toast and the Activity log show it.
    }
  };

  const triggerLabel = (id: string) => a.triggers.find(([value]) => value === id)?.[1] ?? id;

  return html`
    ${pageHead(p.title, p.intro)}
    <div class="two-col">
      <section class="card form-card" aria-labelledby="campaign-title">
        <h2 id="campaign-title" class="card-title">${icon('target')} ${a.campaignTitle}</h2>
        <p class="card-intro">${a.campaignIntro}</p>
        <form class="form" novalidate aria-labelledby="campaign-title" @submit=${saveCampaign}>
          <div class="field">
            <label for="campaign-name">${a.name}</label>
            <input
              id="campaign-name"
              class="input"
              name="campaign"
              autocomplete="off"
              placeholder=${a.namePlaceholder}
              aria-invalid=${errors.campaign ? 'true' : 'false'}
              aria-describedby=${errors.campaign ? 'campaign-error' : nothing}
            />
            ${errors.campaign ? html`<p id="campaign-error" class="field-error">${errors.campaign}</p>` : nothing}
          </div>
          <div class="field">
            ${element(
              'segkit-audience',
              // A form field: the form gets `audience` = the rules as JSON; `.value` gives them as an object.
              () => html`<segkit-audience theme=${theme} name="audience"></segkit-audience>`,
              'md',
            )}
          </div>
          <div class="form-actions">
            <button class="btn primary" type="submit">${a.save}</button>
          </div>
        </form>
        <h3 class="subhead">${a.saved}</h3>
        ${campaigns.length === 0
          ? html`<p class="muted">${a.savedEmpty}</p>`
          : html`<ul class="saved-list">
              ${campaigns.map(
                (c) => html`<li class="saved-item">
                  <div>
                    <strong>${c.name}</strong>
                    <p class="muted">${rulesText(c.audience)}</p>
                    <details>
                      <summary>${a.value}</summary>
                      <pre><code>audience=${c.submitted ?? JSON.stringify(c.audience)}</code></pre>
                    </details>
                  </div>
                  <button
                    class="icon-btn icon-only"
                    type="button"
                    aria-label=${a.delete(c.name)}
                    @click=${() => {
                      saveList(CAMPAIGNS_KEY, campaigns.filter((x) => x.id !== c.id));
                      ctx.update();
                    }}
                  >
                    ${icon('trash', 18)}
                  </button>
                </li>`,
              )}
            </ul>`}
      </section>

      <section class="card form-card" aria-labelledby="automation-title">
        <h2 id="automation-title" class="card-title">${icon('bolt')} ${a.automationTitle}</h2>
        <p class="card-intro">${a.automationIntro}</p>
        <form class="form automation" novalidate aria-labelledby="automation-title" @submit=${saveAutomation}>
          <div class="field">
            <label for="automation-trigger">${a.when}</label>
            <select id="automation-trigger" class="select" name="trigger">
              ${a.triggers.map(([value, label]) => html`<option value=${value}>${label}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for="automation-segments">${a.then}</label>
            ${element(
              'segkit-segment-picker',
              () => html`<segkit-segment-picker
                id="automation-segments"
                theme=${theme}
                mode="field"
                name="segments"
              ></segkit-segment-picker>`,
              'sm',
            )}
            ${errors.automation ? html`<p class="field-error">${errors.automation}</p>` : nothing}
          </div>
          <div class="form-actions">
            <button class="btn primary" type="submit">${a.saveAutomation}</button>
          </div>
        </form>
        <h3 class="subhead">${a.automations}</h3>
        ${automations.length === 0
          ? html`<p class="muted">${a.automationsEmpty}</p>`
          : html`<ul class="saved-list">
              ${automations.map(
                (auto) => html`<li class="saved-item">
                  <div>
                    <p>${a.rule(triggerLabel(auto.trigger), auto.segmentIds.map(segmentName).join(', '))}</p>
                    <button class="btn small" type="button" @click=${() => void run(auto)}>${a.run}</button>
                  </div>
                  <button
                    class="icon-btn icon-only"
                    type="button"
                    aria-label=${a.delete(triggerLabel(auto.trigger))}
                    @click=${() => {
                      saveList(AUTOMATIONS_KEY, automations.filter((x) => x.id !== auto.id));
                      ctx.update();
                    }}
                  >
                    ${icon('trash', 18)}
                  </button>
                </li>`,
              )}
            </ul>`}
      </section>
    </div>
  `;
}
