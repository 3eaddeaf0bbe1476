/**
 * Defines a tag once. Importing the SDK twice (two bundles on one page, or a
 * CMS plugin next to the host's own copy) must not throw: the first
 * definition wins and the second import is a no-op.
 */
export function define(tag: string, constructor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  customElements.define(tag, constructor);
}
