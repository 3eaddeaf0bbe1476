/**
 * The build collapses the indentation of every html`...` template of the
 * elements (scripts/minify-html-literals.mjs, decision 032). Whatever it
 * drops, the browser must build the same tree: each template of each source
 * file, parsed by the engine before and after, gives the same elements, the
 * same attributes with the same values, and the same text once runs of
 * whitespace are read as one space (as HTML renders them; exactly inside
 * `<pre>` and `<textarea>`).
 */
import { htmlTemplates, minifyHtmlLiterals } from '../../scripts/minify-html-literals.mjs';
import { expect } from '../setup/expect.js';

/** Every source file of the elements with an html`...` template. */
const FILES = [
  'audience/segkit-audience.ts',
  'internal/segments.ts',
  'internal/status.ts',
  'internal/sync-notice.ts',
  'invite-link/segkit-invite-link.ts',
  'member-table/columns.ts',
  'member-table/segkit-member-table.ts',
  'member-table/table-states.ts',
  'provider/segkit-provider.ts',
  'rules/rule-rows.ts',
  'segment-filter/segkit-segment-filter.ts',
  'segment-list/segkit-segment-list.ts',
  'segment-list/segment-fields-view.ts',
  'segment-picker/picker-views.ts',
  'segment-picker/segkit-segment-picker.ts',
];

/** A template as the engine parses it (each `${}` part as a marker), one node a line. */
function parsed(parts: string[]): string[] {
  const template = document.createElement('template');
  template.innerHTML = parts.join('b$');
  const lines: string[] = [];
  const walk = (node: Node, exact: boolean) => {
    for (const child of node.childNodes) {
      if (child instanceof Element) {
        const attributes = [...child.attributes].map((a) => `${a.name}=${JSON.stringify(a.value)}`).join(' ');
        lines.push(`<${child.localName} ${attributes}>`);
        walk(child instanceof HTMLTemplateElement ? child.content : child, exact || /^(pre|textarea)$/.test(child.localName));
        lines.push(`</${child.localName}>`);
      } else if (child instanceof Text) {
        lines.push(`text ${JSON.stringify(exact ? child.data : child.data.replace(/[ \t\n\r\f]+/g, ' '))}`);
      } else if (child instanceof Comment) {
        lines.push(`comment ${JSON.stringify(child.data)}`);
      }
    }
  };
  walk(template.content, false);
  return lines;
}

describe('collapsed element templates', () => {
  it('parse to the same tree as the source, for every template of every element', async () => {
    let templates = 0;
    let saved = 0;
    for (const file of FILES) {
      const response = await fetch(new URL(`../../packages/elements/src/${file}`, import.meta.url));
      const source = await response.text();
      const minified = minifyHtmlLiterals(source);
      const before = htmlTemplates(source);
      const after = htmlTemplates(minified);
      expect(after.length, `${file}: templates`).to.equal(before.length);
      before.forEach((parts, i) => {
        expect(parsed(after[i]!), `${file}: ${parts.join('${}').slice(0, 80)}`).to.deep.equal(parsed(parts));
      });
      templates += before.length;
      saved += source.length - minified.length;
    }
    expect(templates, 'templates checked').to.be.greaterThan(100);
    expect(saved, 'characters the minifier removed').to.be.greaterThan(3000);
  });
});
