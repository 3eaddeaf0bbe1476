/**
 * Strings: every visible string is a key with a template. Lookup order:
 * the element's `strings` property, strings registered for the element's
 * language (`registerStrings`), the element's built-in locale, English.
 * Templates take `{name}` parameters; plural forms are keys ending in
 * `_zero`, `_one`, `_two`, `_few`, `_many`, `_other` (Intl.PluralRules).
 */
export type Strings = Record<string, string>;
export type LocaleTable = Record<string, Strings>;

const registered = new Map<string, Strings>();
const listeners = new Set<() => void>();

/**
 * Adds or overrides strings for a language (`'fr'`, `'pt-BR'`) for every
 * segkit element on the page. Elements re-render.
 */
export function registerStrings(lang: string, strings: Strings): void {
  const key = lang.toLowerCase();
  registered.set(key, { ...registered.get(key), ...strings });
  for (const listener of [...listeners]) listener();
}

export function onStringsChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function candidates(lang: string): string[] {
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
