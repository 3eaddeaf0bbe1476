/**
 * The settings panel, a modal dialog (`#settings`): renders the demo's
 * settings from `DemoSettings` and changes them through it. The theme choice,
 * which the shell keeps, is shown here too and passed in. Also the "Faults
 * on" notice the shell puts in its top bar while any fault is on.
 */
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { icon } from './icons.js';
import { ERROR_RATES, LATENCIES, SIZES, STATUSES } from './settings.js';
import type { DemoSettings, StandingFaults } from './settings.js';
import { strings } from './strings.js';
import { THEME_CHOICES } from './theme.js';
import type { ThemeChoice } from './theme.js';

/** The faults that are on or off (a checkbox each, labelled by the string of the same name). */
const FAULT_SWITCHES = ['offline', 'malformed'] as const;

export interface SettingsPanelOptions {
  themeChoice: ThemeChoice;
  setTheme(choice: ThemeChoice): void;
  /** The dialog was closed. */
  onClose(): void;
}

/** A labelled `<select>` over some choices; each option's value is `String(choice)`. */
function choiceField<T>(
  id: string,
  label: string,
  choices: readonly T[],
  current: T,
  name: (choice: T) => string,
  pick: (choice: T) => void,
): TemplateResult {
  const value = String(current);
  const onChange = (e: Event) => {
    const picked = choices.find((choice) => String(choice) === (e.target as HTMLSelectElement).value);
    if (picked !== undefined) pick(picked);
  };
  return html`<div class="field-row">
    <label for=${id}>${label}</label>
    <select id=${id} class="select" .value=${live(value)} @change=${onChange}>
      ${choices.map((choice) => html`<option value=${String(choice)} ?selected=${String(choice) === value}>${name(choice)}</option>`)}
    </select>
  </div>`;
}

export function settingsPanel(settings: DemoSettings, options: SettingsPanelOptions): TemplateResult {
  const s = strings.settings;
  const f = settings.faults;
  const busy = settings.busy;
  return html`<dialog id="settings" class="settings" aria-labelledby="settings-title" @close=${() => options.onClose()}>
    <form method="dialog" class="settings-head">
      <h2 id="settings-title">${s.title}</h2>
      <button class="icon-btn icon-only" aria-label=${s.close} value="close">${icon('close')}</button>
    </form>
    <p class="muted">${s.intro}</p>

    <fieldset class="settings-group" ?disabled=${busy !== null}>
      <legend>${s.data}</legend>
      <div class="segmented">
        ${SIZES.map(
          (size) => html`<label class="segmented-option">
            <input type="radio" name="size" .checked=${live(settings.size === size)} @change=${() => void settings.changeSize(size)} />
            <span>${s.size(size)}</span>
          </label>`,
        )}
      </div>
      <p class="hint">${busy === 'size' ? s.switching : s.dataHint}</p>
    </fieldset>

    <fieldset class="settings-group">
      <legend>${s.faults}</legend>
      <p class="hint">${s.faultsHint}</p>
      ${choiceField('fault-latency', s.latency, LATENCIES, f.latencyMs, s.latencyOption, (latencyMs) => settings.setFaults({ latencyMs }))}
      ${choiceField('fault-errors', s.errorRate, ERROR_RATES, f.errorRate, s.errorRateOption, (errorRate) => settings.setFaults({ errorRate }))}
      ${choiceField('fault-status', s.status, STATUSES, f.status, s.statusOption, (status) => settings.setFaults({ status }))}
      ${FAULT_SWITCHES.map(
        (fault) => html`<label class="check">
          <input
            type="checkbox"
            .checked=${live(f[fault])}
            @change=${(e: Event) => settings.setFaults({ [fault]: (e.target as HTMLInputElement).checked })}
          />
          <span>${s[fault]}</span>
        </label>`,
      )}
      <button class="btn" type="button" @click=${() => settings.clearFaults()}>${s.clearFaults}</button>
    </fieldset>

    <fieldset class="settings-group">
      <legend>${strings.theme.label}</legend>
      <div class="segmented">
        ${THEME_CHOICES.map(
          (choice) => html`<label class="segmented-option">
            <input type="radio" name="theme" .checked=${live(options.themeChoice === choice)} @change=${() => options.setTheme(choice)} />
            <span>${strings.theme[choice]}</span>
          </label>`,
        )}
      </div>
    </fieldset>

    <fieldset class="settings-group danger-zone" ?disabled=${busy !== null}>
      <legend>${s.danger}</legend>
      <p class="hint">${s.resetHint}</p>
      <button class="btn danger" type="button" @click=${() => void settings.reset()}>${busy === 'reset' ? s.resetting : s.reset}</button>
    </fieldset>
  </dialog>`;
}

/** The faults that are on, in words ("Offline", "Latency 1 second"). */
export function faultsInWords(f: StandingFaults): string[] {
  const s = strings.settings;
  const n = strings.faultNotice;
  const words: string[] = [];
  if (f.offline) words.push(n.offline);
  if (f.latencyMs !== 0) words.push(n.latency(s.latencyOption(f.latencyMs)));
  if (f.errorRate > 0) words.push(n.errors(s.errorRateOption(f.errorRate)));
  if (f.status !== null) words.push(n.status(s.statusOption(f.status)));
  if (f.malformed) words.push(n.malformed);
  return words;
}

/**
 * The notice across the top bar while any fault is on (it stays in view as
 * the page scrolls): which faults, "Turn all faults off", and the settings.
 * `onOff` runs after the faults are off (the notice, and its button, are gone).
 */
export function faultNotice(settings: DemoSettings, options: { openSettings(): void; onOff(): void }): TemplateResult | typeof nothing {
  if (!settings.faultsOn) return nothing;
  const n = strings.faultNotice;
  const off = () => {
    settings.clearFaults();
    options.onOff();
  };
  return html`<section class="fault-notice" aria-labelledby="fault-notice-title">
    ${icon('bolt', 18)}
    <p class="fault-notice-text">
      <strong id="fault-notice-title">${n.title}</strong><span>: ${faultsInWords(settings.faults).join(' · ')}.</span>
      <span class="fault-notice-hint">${n.hint}</span>
    </p>
    <div class="fault-notice-actions">
      <button class="btn small" type="button" @click=${off}>${n.off}</button>
      <button class="btn small quiet" type="button" @click=${() => options.openSettings()}>${n.settings}</button>
    </div>
  </section>`;
}
