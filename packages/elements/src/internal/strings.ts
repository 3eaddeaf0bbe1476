/**
 * Strings: every visible string is a key with a template. Lookup order:
 * the element's `strings` property, strings registered for the element's
 * language (`registerStrings`), the element's built-in locale, English.
 * Templates take `{name}` parameters; plural forms are keys ending in
 * `_zero`, `_one`, `_two`, `_few`, `_many`, `_other` (Intl.PluralRules).
 *
 * One key style everywhere: lower-case words joined by `-`, grouped with `.`
 * (`search.placeholder`, `result.assigned`, `error.name-taken`); `_` only
 * before a plural category (`members_one`). Every element's keys are listed
 * in the README (a test keeps that list complete).
 */
import type { SegkitError, SegkitErrorCode } from '@segkit/core';

export type Strings = Record<string, string>;
export type LocaleTable = Record<string, Strings>;

/** An element's `t()`: a visible string by key. */
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** Merges locale tables: later tables win key by key, language by language. */
export function mergeLocales(...tables: LocaleTable[]): LocaleTable {
  const merged: LocaleTable = {};
  for (const table of tables) {
    for (const [lang, strings] of Object.entries(table)) merged[lang] = { ...merged[lang], ...strings };
  }
  mergedFrom.set(merged, tables);
  return merged;
}

const registered = new Map<string, Strings>();
const listeners = new Set<() => void>();

/** The tables a merged table was made from (internal/lazy-locales.ts merges a language again once it loaded). */
export const mergedFrom = new WeakMap<LocaleTable, LocaleTable[]>();

/**
 * Loads a table's lazy languages: set by internal/lazy-locales.ts, which
 * only the lazy loader's build uses (decision 032); elsewhere every
 * language is inline and this stays empty.
 */
export const localeLoading: { load?: (table: LocaleTable, lang: string) => Promise<void> | undefined } = {};

/** Asks every segkit element on the page to render again (its strings changed). */
export function stringsChanged(): void {
  for (const listener of [...listeners]) listener();
}

/**
 * Adds or overrides strings for a language (`'fr'`, `'pt-BR'`) for every
 * segkit element on the page. Elements re-render.
 */
export function registerStrings(lang: string, strings: Strings): void {
  const key = lang.toLowerCase();
  registered.set(key, { ...registered.get(key), ...strings });
  stringsChanged();
}

export function onStringsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function candidates(lang: string): string[] {
  const lower = lang.toLowerCase();
  const base = lower.split('-')[0]!;
  return base === lower ? [lower] : [lower, base];
}

/** Looks a key up for a language; `undefined` when no table has it. */
export function lookup(key: string, lang: string, own: Strings | undefined, builtIn: LocaleTable): string | undefined {
  if (own && key in own) return own[key];
  for (const l of candidates(lang)) {
    const fromRegistry = registered.get(l);
    if (fromRegistry && key in fromRegistry) return fromRegistry[key];
    const fromBuiltIn = builtIn[l];
    if (fromBuiltIn && key in fromBuiltIn) return fromBuiltIn[key];
  }
  return builtIn.en?.[key];
}

const numberFormats = new Map<string, Intl.NumberFormat>();
export function formatNumber(value: number, lang: string): string {
  let format = numberFormats.get(lang);
  if (!format) {
    try {
      format = new Intl.NumberFormat(lang);
    } catch {
      format = new Intl.NumberFormat('en');
    }
    numberFormats.set(lang, format);
  }
  return format.format(value);
}

/**
 * Formats `key` with `params`. A numeric `count` picks the plural form
 * (`key_one`, `key_other`, ...) and is shown with the language's digits.
 */
export function translate(
  key: string,
  params: Record<string, string | number> | undefined,
  lang: string,
  own: Strings | undefined,
  builtIn: LocaleTable,
): string {
  let template: string | undefined;
  if (params && typeof params.count === 'number') {
    let category: string = 'other';
    try {
      category = new Intl.PluralRules(lang).select(params.count);
    } catch {
      // an unknown language tag: 'other'
    }
    template = lookup(`${key}_${category}`, lang, own, builtIn) ?? lookup(`${key}_other`, lang, own, builtIn);
  }
  template ??= lookup(key, lang, own, builtIn) ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value, lang) : value;
  });
}

/** The strings key of each error code a user can meet (`error.<code>`). */
const ERROR_KEYS: Record<SegkitErrorCode, string> = {
  'name-taken': 'error.name-taken',
  'name-invalid': 'error.name-invalid',
  'reserved-segment': 'error.reserved-segment',
  'invalid-input': 'error.invalid-input',
  'not-found': 'error.not-found',
  'invite-unusable': 'error.invite-unusable',
  unauthorized: 'error.unauthorized',
  network: 'error.network',
  offline: 'error.offline',
  server: 'error.server',
  'bad-response': 'error.bad-response',
  quota: 'error.quota',
  aborted: 'error.aborted',
  'nothing-to-undo': 'error.nothing-to-undo',
};

/**
 * The text of a store error in the element's language: the translation of
 * `error.<code>` when the language has one (Spanish ships them; hosts add
 * others with `strings` or `registerStrings`), else the store's own message,
 * which is English and names the specifics ("A segment named “VIPs” already exists.").
 */
export function errorText(t: Translate, error: Pick<SegkitError, 'code' | 'message'>): string {
  const key = ERROR_KEYS[error.code];
  if (!key) return error.message;
  const text = t(key);
  return text === key ? error.message : text;
}
