/**
 * `@segkit/elements/loader` (without a bundler: `dist/segkit-loader.js`):
 * defines each `segkit-*` tag the first time it is in the document, by
 * loading only that tag's code. A page with a provider and a picker loads
 * the provider's and the picker's code and what they share (Lit, the store,
 * the REST adapter, the cache), once; the member table's code is loaded the
 * day a `<segkit-member-table>` appears. Until then the tag is an element
 * the browser upgrades when its definition arrives.
 *
 * Tags inside your own shadow roots are not seen by the document's
 * observer: pass the root to `observe(shadowRoot)`. Loading this file twice
 * (or two copies of it) is harmless: the copies share one list of what was
 * asked for, and a tag is never defined twice (decision 026).
 */

/** Each tag and its define module (the only place the tag names are listed). */
const modules: Record<string, () => Promise<unknown>> = {
  'segkit-provider': () => import('./define/provider.js'),
  'segkit-member-table': () => import('./define/member-table.js'),
  'segkit-segment-picker': () => import('./define/segment-picker.js'),
  'segkit-segment-filter': () => import('./define/segment-filter.js'),
  'segkit-segment-list': () => import('./define/segment-list.js'),
  'segkit-audience': () => import('./define/audience.js'),
  'segkit-invite-link': () => import('./define/invite-link.js'),
};

/** The tags asked for, shared by every copy of the loader on the page. */
const asked: Set<string> = ((globalThis as { [key: symbol]: Set<string> | undefined })[Symbol.for('segkit.loader')] ??= new Set());

/** Loads `tag`'s code unless it is defined or asked for already; a failed load is retried the next time the tag is seen. */
function load(tag: string): void {
  const module = modules[tag];
  if (!module || asked.has(tag) || customElements.get(tag)) return;
  asked.add(tag);
  module().catch((error: unknown) => {
    asked.delete(tag);
    console.warn(`segkit: could not load <${tag}>`, error);
  });
}

/** Loads every undefined segkit tag in `node` and under it. */
function scan(node: Node): void {
  if (!(node instanceof Element || node instanceof DocumentFragment || node instanceof Document)) return;
  if (node instanceof Element) load(node.localName);
  for (const element of node.querySelectorAll(':not(:defined)')) load(element.localName);
}

/**
 * Defines the segkit tags in `root` now and whenever they are added to it
 * later. The document is observed when this module loads; call it for your
 * own shadow roots. Returns a function that stops observing.
 */
export function observe(root: Document | ShadowRoot | Element): () => void {
  const observer = new MutationObserver((records) => {
    for (const record of records) record.addedNodes.forEach(scan);
  });
  observer.observe(root, { childList: true, subtree: true });
  scan(root);
  return () => observer.disconnect();
}

if (typeof document !== 'undefined' && typeof customElements !== 'undefined') observe(document);
