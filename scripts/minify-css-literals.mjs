/**
 * A Vite plugin for the minified builds (dist/segkit.js, the lazy loader's
 * chunks, the bench's sizes): the CSS in Lit's css`...` templates of
 * @segkit/elements loses its comments and its whitespace where CSS does not
 * need it. A JavaScript minifier leaves template text as it is.
 *
 * Only whitespace and comments go, and only where dropping them keeps the
 * meaning: runs of whitespace become one space; the spaces next to `{`, `}`,
 * `;` and `,` and after `:` go; `;}` becomes `}`. A space before `:` stays
 * (`.a :hover` is not `.a:hover`), and so do the spaces in `calc(a + b)`,
 * quoted strings and `${...}` parts, which are copied untouched
 * (decision 026).
 */

/** Whitespace and comments out of CSS with no string in it. */
function squeeze(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

/** Minifies one CSS text (no `${}` inside); quoted strings are copied as they are. */
export function minifyCss(text) {
  let out = '';
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      plain += ' ';
      i = end === -1 ? text.length : end + 2;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out += squeeze(plain) + text.slice(i, j + 1);
      plain = '';
      i = j + 1;
    } else {
      plain += c;
      i += 1;
    }
  }
  return out + squeeze(plain);
}

/** Every css`...` template in `code`, with its text (outside `${}`) minified. */
export function minifyCssLiterals(code) {
  let out = '';
  let last = 0;
  const tag = /\bcss`/g;
  for (let match = tag.exec(code); match; match = tag.exec(code)) {
    const start = match.index + match[0].length;
    const parts = [];
    let i = start;
    let text = '';
    while (i < code.length && code[i] !== '`') {
      if (code[i] === '\\') {
        text += code.slice(i, i + 2);
        i += 2;
      } else if (code[i] === '$' && code[i + 1] === '{') {
        // an interpolation: copied through its matching brace
        let depth = 0;
        let j = i + 1;
        for (; j < code.length; j += 1) {
          if (code[j] === '{') depth += 1;
          else if (code[j] === '}' && --depth === 0) break;
        }
        parts.push(minifyCss(text), code.slice(i, j + 1));
        text = '';
        i = j + 1;
      } else {
        text += code[i];
        i += 1;
      }
    }
    parts.push(minifyCss(text));
    out += code.slice(last, start) + parts.join('');
    last = i;
    tag.lastIndex = i;
  }
  return out + code.slice(last);
}

/** The plugin: @segkit/elements' sources with a css`...` template. */
export function cssLiteralsPlugin() {
  return {
    name: 'segkit-minify-css-literals',
    enforce: 'pre',
    transform(code, id) {
      if (!/packages[\\/]elements[\\/]src[\\/].*\.ts$/.test(id) || !code.includes('css`')) return null;
      return { code: minifyCssLiterals(code), map: null };
    },
  };
}
