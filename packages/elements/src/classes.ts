/**
 * The element classes, events and helpers without defining any tag: for
 * registering the elements under other names.
 */
export { storeContext } from './context.js';
export { SegkitProvider } from './provider/segkit-provider.js';
export { SegkitElement } from './internal/segkit-element.js';
export { registerStrings } from './internal/i18n.js';
export type { Strings, LocaleTable } from './internal/i18n.js';
export * from './events/index.js';
