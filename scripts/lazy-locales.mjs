/**
 * A Vite plugin for the lazy loader's build (packages/elements/vite.loader.config.ts):
 * only English ships in the widgets' chunks. Every table a `*.strings.ts`
 * of @segkit/elements exports (`export const xStrings: LocaleTable = { en: {...}, es: {...} }`)
 * keeps `en` in place; each other language becomes a module of its own,
 * imported the first time an element shows that language:
 *
 *   export const xStrings = withLazyLocales({ en: {...} }, { es: () => import('segkit-locale:es:xStrings') });
 *
 * `withLazyLocales` and the loading are in src/internal/lazy-locales.ts. The
 * sources keep every language inline (the tests, the strings check and the
 * README's strings list read them there), and so do the one-file build
 * (one file: a dynamic import would be inlined anyway) and the packages'
 * build (decision 032).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAst } from 'rolldown/parseAst';

const STRINGS = fileURLToPath(new URL('../packages/elements/src/internal/lazy-locales.ts', import.meta.url));
const PREFIX = 'segkit-locale:';

/** The exported locale tables of a `*.strings.ts`: name, the object's range, its languages (name, property range, value range). */
export function localeTables(code) {
  const tables = [];
  for (const statement of parseAst(code, { lang: 'ts' }).body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : undefined;
    for (const declarator of declaration?.type === 'VariableDeclaration' ? declaration.declarations : []) {
      const init = declarator.init;
      if (declarator.id.type !== 'Identifier' || init?.type !== 'ObjectExpression') continue;
      const langs = init.properties
        .filter((p) => p.type === 'Property' && !p.computed && p.value.type === 'ObjectExpression')
        .map((p) => ({ lang: p.key.type === 'Identifier' ? p.key.name : String(p.key.value), start: p.start, end: p.end, value: p.value }));
      if (langs.some((l) => l.lang === 'en') && langs.length === init.properties.length) tables.push({ name: declarator.id.name, start: init.start, end: init.end, langs });
    }
  }
  return tables;
}

export function lazyLocalesPlugin() {
  /** `es:xStrings` → the file that holds it. */
  const files = new Map();
  return {
    name: 'segkit-lazy-locales',
    enforce: 'pre',
    resolveId: (source) => (source.startsWith(PREFIX) ? `\0${source}` : null),
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const key = id.slice(PREFIX.length + 1);
      const [lang, name] = key.split(':');
      const code = readFileSync(files.get(key), 'utf8');
      const value = localeTables(code).find((t) => t.name === name).langs.find((l) => l.lang === lang).value;
      return `export default ${code.slice(value.start, value.end)};`;
    },
    transform(code, id) {
      if (!/packages[\\/]elements[\\/]src[\\/].*\.strings\.ts$/.test(id)) return null;
      const tables = localeTables(code);
      if (!tables.some((t) => t.langs.length > 1)) return null;
      let out = code;
      for (const table of [...tables].reverse()) {
        const others = table.langs.filter((l) => l.lang !== 'en');
        if (!others.length) continue;
        const english = table.langs.find((l) => l.lang === 'en');
        for (const l of others) files.set(`${l.lang}:${table.name}`, id);
        const loaders = others.map((l) => `${JSON.stringify(l.lang)}: () => import(${JSON.stringify(`${PREFIX}${l.lang}:${table.name}`)})`).join(', ');
        out = `${out.slice(0, table.start)}__segkitWithLazyLocales({ ${code.slice(english.start, english.end)} }, { ${loaders} })${out.slice(table.end)}`;
      }
      return { code: `import { withLazyLocales as __segkitWithLazyLocales } from ${JSON.stringify(STRINGS)};\n${out}`, map: null };
    },
  };
}
