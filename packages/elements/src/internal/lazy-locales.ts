import { candidates, localeLoading, mergedFrom, stringsChanged } from './strings.js';
import type { LocaleTable, Strings } from './strings.js';

/**
 * Languages of a table that load when an element first needs them. The
 * sources keep every language inline; the lazy loader's build
 * (scripts/lazy-locales.mjs) moves all but English out of each
 * `*.strings.ts` into a chunk of its own and registers it here with
 * `withLazyLocales`, so a page in English never downloads Spanish
 * (decision 032). Only that build imports this module.
 *
 * An element asks for its language at each lookup (`localeLoading.load`,
 * one map read once it is there); until the strings arrive it shows
 * English, then every element renders again, and its `updateComplete`
 * waits for that render. A failed load says so once with `console.warn`
 * and is tried again the next time an element asks.
 */
type LocaleLoaders = Record<string, () => Promise<{ default: Strings }>>;
const lazyLocales = new WeakMap<LocaleTable, LocaleLoaders>();
/** Per table and language: loading (a promise) or loaded (`true`). */
const loads = new WeakMap<LocaleTable, Map<string, Promise<void> | true>>();

/** Registers `loaders` for languages `table` does not hold yet; returns `table`. */
export function withLazyLocales(table: LocaleTable, loaders: LocaleLoaders): LocaleTable {
  lazyLocales.set(table, loaders);
  localeLoading.load = loadLocale;
  return table;
}

/** Loads `lang` into `table` (and into the tables it was merged from); undefined when there is nothing to wait for. */
function loadInto(table: LocaleTable, lang: string): Promise<void> | undefined {
  let state = loads.get(table);
  if (!state) loads.set(table, (state = new Map()));
  const known = state.get(lang);
  if (known) return known === true ? undefined : known;
  const sources = mergedFrom.get(table) ?? [];
  const load = lazyLocales.get(table)?.[lang];
  const parts = sources.map((source) => loadInto(source, lang)).filter((part) => part !== undefined);
  if (load && !(lang in table)) parts.push(load().then((module) => void (table[lang] = module.default)));
  if (!parts.length) {
    state.set(lang, true);
    return undefined;
  }
  const loading = Promise.all(parts).then(
    () => {
      if (sources.length) table[lang] = Object.assign({}, ...sources.map((source) => source[lang] ?? {}));
      state.set(lang, true);
    },
    (error: unknown) => {
      state.delete(lang); // tried again the next time an element asks
      throw error;
    },
  );
  state.set(lang, loading);
  return loading;
}

/** Per table and language asked for (as the element spells it): loading (a promise) or nothing to load (`true`). */
const asked = new WeakMap<LocaleTable, Map<string, Promise<void> | true>>();

/**
 * Starts loading the built-in strings of `lang` (and of its base language)
 * that `table` holds lazily. Resolves when they are there (every element
 * has been asked to render again); undefined when nothing is loading. Cheap
 * to call on every lookup: one map read once the language is there.
 */
export function loadLocale(table: LocaleTable, lang: string): Promise<void> | undefined {
  let byLang = asked.get(table);
  if (!byLang) asked.set(table, (byLang = new Map()));
  const known = byLang.get(lang);
  if (known) return known === true ? undefined : known;
  const parts = candidates(lang)
    .map((l) => loadInto(table, l))
    .filter((part) => part !== undefined);
  if (!parts.length) {
    byLang.set(lang, true);
    return undefined;
  }
  const loading = Promise.all(parts).then(
    () => {
      byLang.set(lang, true);
      stringsChanged();
    },
    (error: unknown) => {
      byLang.delete(lang);
      console.warn(`segkit: could not load the "${lang}" strings; showing English`, error);
    },
  );
  byLang.set(lang, loading);
  return loading;
}
