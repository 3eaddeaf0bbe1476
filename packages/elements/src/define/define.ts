import { ContextRoot } from '@lit/context';

/**
 * Defines a tag once. Importing the SDK twice (two bundles on one page, or a
 * CMS plugin next to the host's own copy) must not throw: the first
 * definition wins and the second import is a no-op.
 *
 * Before the first definition, a ContextRoot is attached to the document
 * (once a page, whatever copy comes first): a widget defined before its
 * provider (the lazy loader, or per-widget entry points imported in any
 * order) asks for its store, finds no provider yet, and gets the store when
 * the provider is defined and connects (decision 026).
 */
export function define(tag: string, constructor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  const page = globalThis as { [key: symbol]: unknown };
  const key = Symbol.for('segkit.context-root');
  if (typeof document !== 'undefined' && !page[key]) {
    page[key] = true;
    new ContextRoot().attach(document as unknown as HTMLElement);
  }
  customElements.define(tag, constructor);
}
