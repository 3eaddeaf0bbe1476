/**
 * Custom Elements Manifest (read by IDEs, Storybook, docs and the framework
 * typings): generated at build from the JSDoc on each element.
 *
 * The base classes are analyzed too, so what every element inherits
 * (`store`, `strings`, `theme`, the form properties) is listed on it. The
 * plugin below then keeps the manifest to the public API:
 * - no private or protected member, no `#field`, no `_field`, and no
 *   attribute of one (internal state is not API);
 * - every event named, with its type: an event found as
 *   `dispatchEvent(new SegkitXEvent(...))` has no name, only a class; the
 *   class's `static readonly type` (in `src/events/`) names it, and the
 *   `@fires` entry of that name gets the class as its type;
 * - the abstract base classes are not listed as elements.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const EVENTS_DIR = new URL('./src/events/', import.meta.url);

/** Event class name → event type (`SegkitErrorEvent` → `segkit-error`), read from src/events/. */
function eventTypes() {
  const out = new Map();
  for (const file of readdirSync(EVENTS_DIR)) {
    if (!file.endsWith('.ts')) continue;
    const text = readFileSync(join(EVENTS_DIR.pathname, file), 'utf8');
    for (const match of text.matchAll(/export class (\w+) extends SegkitEvent[\s\S]*?static readonly type = '([^']+)'/g)) {
      out.set(match[1], match[2]);
    }
  }
  return out;
}

const hidden = (name = '') => name.startsWith('#') || name.startsWith('_');

/** The text of a JSDoc tag's comment (a string, or parts with links). */
const commentText = (comment) => (typeof comment === 'string' ? comment : (comment ?? []).map((part) => part.text ?? '').join(''));

function publicApiOnly() {
  return {
    name: 'segkit-public-api-only',
    // The elements' JSDoc starts with `@summary`, then `@description`; the analyzer keeps only the summary.
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const tag = ts.getJSDocTags(node).find((t) => t.tagName.text === 'description');
      const decl = moduleDoc.declarations?.find((d) => d.name === node.name.text);
      if (tag && decl && !decl.description) decl.description = commentText(tag.comment).trim();
    },
    packageLinkPhase({ customElementsManifest }) {
      const types = eventTypes();
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (decl.kind !== 'class') continue;
          if (decl.customElement && !decl.tagName) {
            // An abstract base (SegkitElement, SegkitFormElement): a class, not an element.
            delete decl.customElement;
          }
          decl.members = (decl.members ?? []).filter(
            (m) => m.privacy !== 'private' && m.privacy !== 'protected' && !hidden(m.name),
          );
          decl.attributes = (decl.attributes ?? []).filter((a) => !hidden(a.name) && !hidden(a.fieldName));
          const classes = new Map();
          for (const event of decl.events ?? []) {
            if (!event.name && event.type?.text && types.has(event.type.text)) classes.set(types.get(event.type.text), event.type.text);
          }
          for (const [className, type] of types) if (!classes.has(type)) classes.set(type, className);
          decl.events = (decl.events ?? [])
            .filter((event) => event.name)
            .map((event) => (event.type?.text ? event : classes.has(event.name) ? { ...event, type: { text: classes.get(event.name) } } : event));
        }
      }
    },
  };
}

export default {
  globs: ['src/**/segkit-*.ts', 'src/internal/segkit-element.ts', 'src/internal/form-element.ts'],
  exclude: [],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [publicApiOnly()],
};
