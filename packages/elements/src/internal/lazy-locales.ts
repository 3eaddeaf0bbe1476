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
/** Per table and language: loading (a promise) or nothing (more) to wait for (`true`). */
type Loads = WeakMap<LocaleTable, Map<string, Promise<void> | true>>;

/** Registers `loaders` for languages `table` does not hold yet; returns `table`. */
export function withLazyLocales(table: LocaleTable, loaders: LocaleLoaders): LocaleTable {
  lazyLocales.set(table, loaders);
  localeLoading.load = loadLocale;
  return table;
}

/**
 * The load of `lang` for `table`, once: `start` returns what to wait for (nothing: remembered as
 * done); when all of it is there, `done` runs; a failure is forgotten (the next ask tries again)
 * and handed to `failed`. Undefined when there is nothing to wait for.
 */
function loadOnce(
  loads: Loads,
  table: LocaleTable,
  lang: string,
  start: () => Array<Promise<void>>,
  done: () => void,
  failed: (error: unknown) => void,
): Promise<void> | undefined {
  let byLang = loads.get(table);
  if (!byLang) loads.set(table, (byLang = new Map()));
  const known = byLang.get(lang);
  if (known) return known === true ? undefined : known;
  const parts = start();
  if (!parts.length) {
    byLang.set(lang, true);
    return undefined;
  }
  const loading = Promise.all(parts).then(
    () => {
      byLang.set(lang, true);
      done();
    },
    (error: unknown) => {
      byLang.delete(lang);
      failed(error);
    },
  );
  byLang.set(lang, loading);
  return loading;
}

/** Per table and language: its own strings (and those of the tables it was merged from) loaded. */
const loaded: Loads = new WeakMap();

/** Loads `lang` into `table` (and into the tables it was merged from); undefined when there is nothing to wait for. */
function loadInto(table: LocaleTable, lang: string): Promise<void> | undefined {
  const sources = mergedFrom.get(table) ?? [];
  return loadOnce(
    loaded,
    table,
    lang,
    () => {
      const parts = sources.map((source) => loadInto(source, lang)).filter((part) => part !== undefined);
      const load = lazyLocales.get(table)?.[lang];
      if (load && !(lang in table)) parts.push(load().then((module) => void (table[lang] = module.default)));
      return parts;
    },
    () => {
      if (sources.length) table[lang] = Object.assign({}, ...sources.map((source) => source[lang] ?? {}));
    },
    (error) => {
      throw error;
    },
  );
}

/** Per table and language asked for (as the element spells it). */
const asked: Loads = new WeakMap();

/**
 * Starts loading the built-in strings of `lang` (and of its base language)
 * that `table` holds lazily. Resolves when they are there (every element
 * has been asked to render again); undefined when nothing is loading. Cheap
 * to call on every lookup: one map read once the language is there.
 */
export function loadLocale(table: LocaleTable, lang: string): Promise<void> | undefined {
  return loadOnce(
    asked,
    table,
    lang,
    () => candidates(lang).map((l) => loadInto(table, l)).filter((part) => part !== undefined),
    stringsChanged,
    (error) => console.warn(`segkit: could not load the "${lang}" strings; showing English`, error),
  );
}
