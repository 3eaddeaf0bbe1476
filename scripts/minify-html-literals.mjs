/**
 * A Vite plugin for every build of @segkit/elements (the packages' build,
 * dist/segkit.js, the lazy loader's chunks, the bench's sizes), beside
 * minify-css-literals.mjs: the indentation of Lit's html`...` templates
 * collapses. A JavaScript minifier leaves template text as it is.
 *
 * Only where HTML does not care: a run of HTML whitespace (space, tab, line
 * feed, carriage return, form feed) becomes one space, in text and between
 * attributes, as the browser would collapse it when it renders. Nothing is
 * removed outright (a space between two inline elements is kept), and these
 * are copied untouched: quoted attribute values, the content of `<pre>`,
 * `<textarea>`, `<script>` and `<style>`, comments, escapes (`\n` as written)
 * and `${...}` parts (whose own html`...` templates are collapsed in turn).
 * `test/elements/html-minify.test.ts` checks in each engine that every
 * template parses to the same tree before and after (decision 032).
 */

const SPACE = /[ \t\n\r\f]/;
const RAW = new Set(['pre', 'textarea', 'script', 'style']);

/** The end of the `${...}` part that opens at `start` (at the `$`): the index of its closing brace. */
function expressionEnd(code, start) {
  let depth = 0;
  for (let j = start + 1; j < code.length; j += 1) {
    const c = code[j];
    if (c === '`') j = templateEnd(code, j); // a nested template: braces inside it are its own
    else if (c === "'" || c === '"') {
      for (j += 1; j < code.length && code[j] !== c; j += code[j] === '\\' ? 2 : 1);
    } else if (c === '{') depth += 1;
    else if (c === '}' && --depth === 0) return j;
  }
  return code.length;
}

/** The index of the backtick that closes the template literal opening at `start` (a backtick). */
function templateEnd(code, start) {
  for (let j = start + 1; j < code.length; j += 1) {
    if (code[j] === '\\') j += 1;
    else if (code[j] === '$' && code[j + 1] === '{') j = expressionEnd(code, j);
    else if (code[j] === '`') return j;
  }
  return code.length;
}

/**
 * Collapses one html`...` template whose text starts at `start` (after the
 * backtick). Returns `[collapsed text up to and including the closing
 * backtick, index after it]`.
 */
function collapseTemplate(code, start) {
  let out = '';
  let i = start;
  // The HTML state, carried across `${}` parts: text, in a tag, in a quoted value, in a raw element, in a comment.
  let state = 'text';
  let quote = '';
  let raw = ''; // the raw element whose end tag ends the raw state
  let pendingSpace = false;
  const flush = () => {
    if (pendingSpace) out += ' ';
    pendingSpace = false;
  };
  while (i < code.length && code[i] !== '`') {
    const c = code[i];
    if (c === '\\') {
      flush();
      out += code.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === '$' && code[i + 1] === '{') {
      flush();
      const end = expressionEnd(code, i);
      out += `\${${minifyHtmlLiterals(code.slice(i + 2, end))}}`;
      i = end + 1;
      continue;
    }
    if ((state === 'text' || state === 'tag') && SPACE.test(c)) {
      pendingSpace = true;
      i += 1;
      continue;
    }
    flush();
    if (state === 'text') {
      if (code.startsWith('<!--', i)) {
        state = 'comment';
        out += '<!--';
        i += 4;
        continue;
      }
      if (c === '<' && /[a-zA-Z/!]/.test(code[i + 1] ?? '')) {
        const name = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(code.slice(i, i + 40))?.[1]?.toLowerCase();
        raw = name && RAW.has(name) ? name : '';
        state = 'tag';
      }
    } else if (state === 'tag') {
      if (c === '"' || c === "'") {
        state = 'quoted';
        quote = c;
      } else if (c === '>') state = raw ? 'raw' : 'text';
    } else if (state === 'quoted') {
      if (c === quote) state = 'tag';
    } else if (state === 'comment') {
      if (code.startsWith('-->', i)) {
        out += '-->';
        i += 3;
        state = 'text';
        continue;
      }
    } else if (state === 'raw') {
      if (code.slice(i, i + raw.length + 2).toLowerCase() === `</${raw}`) {
        raw = '';
        state = 'tag';
      }
    }
    out += c;
    i += 1;
  }
  flush();
  return [`${out}\``, i + 1];
}

/**
 * The static parts of every html`...` template in `code`, outermost first
 * and nested ones after (as written, escapes unread): what the browser test
 * parses before and after collapsing.
 */
export function htmlTemplates(code) {
  const found = [];
  const tag = /\bhtml`/g;
  for (let match = tag.exec(code); match; match = tag.exec(code)) {
    const parts = [];
    let text = '';
    let i = match.index + match[0].length;
    while (i < code.length && code[i] !== '`') {
      if (code[i] === '\\') {
        text += code.slice(i, i + 2);
        i += 2;
      } else if (code[i] === '$' && code[i + 1] === '{') {
        parts.push(text);
        text = '';
        i = expressionEnd(code, i) + 1;
      } else {
        text += code[i];
        i += 1;
      }
    }
    parts.push(text);
    found.push(parts);
    tag.lastIndex = match.index + match[0].length; // nested templates are found in turn
  }
  return found;
}

/** Every html`...` template in `code` (nested ones too), its indentation collapsed. */
export function minifyHtmlLiterals(code) {
  let out = '';
  let last = 0;
  const tag = /\bhtml`/g;
  for (let match = tag.exec(code); match; match = tag.exec(code)) {
    const start = match.index + match[0].length;
    const [text, end] = collapseTemplate(code, start);
    out += code.slice(last, start) + text;
    last = end;
    tag.lastIndex = end;
  }
  return out + code.slice(last);
}

/**
 * The program of `code` as rolldown parses it (ESTree, TypeScript), without
 * positions, and with template parts' whitespace runs as one space. The
 * plugin checks that collapsing changed nothing else: a `${}` part misread
 * would show here, and the build fails instead of shipping changed code.
 */
async function programShape(code) {
  const { parseAst } = await import('rolldown/parseAst');
  const collapse = (text) => (typeof text === 'string' ? text.replace(/[ \t\n\r\f]+/g, ' ') : text);
  return JSON.stringify(parseAst(code, { lang: 'ts' }), function (key, value) {
    if (key === 'start' || key === 'end' || key === 'range' || key === 'loc') return undefined;
    if (this && this.type === 'TemplateElement' && key === 'value') return { raw: collapse(value.raw), cooked: collapse(value.cooked) };
    return value;
  });
}

/** The plugin: @segkit/elements' sources with an html`...` template. */
export function htmlLiteralsPlugin() {
  return {
    name: 'segkit-minify-html-literals',
    enforce: 'pre',
    async transform(code, id) {
      if (!/packages[\\/]elements[\\/]src[\\/].*\.ts$/.test(id) || !code.includes('html`')) return null;
      const minified = minifyHtmlLiterals(code);
      if ((await programShape(minified)) !== (await programShape(code))) {
        throw new Error(`minify-html-literals: collapsing ${id} would change more than template whitespace`);
      }
      return { code: minified, map: null };
    },
  };
}
