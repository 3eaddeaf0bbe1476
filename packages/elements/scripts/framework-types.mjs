#!/usr/bin/env node
/**
 * Framework typings for the segkit tags, generated from custom-elements.json
 * at build (after `cem analyze`), so they never drift from the elements:
 *
 * - `dist/types/react.d.ts`: React 19 JSX (`React.JSX.IntrinsicElements`):
 *   each tag's public properties typed from its class, its attributes, and
 *   its events as `on<event-name>` props (React 19 adds a listener for them);
 * - `dist/types/vue.d.ts`: Vue 3 `GlobalComponents` (props, and events as
 *   `on<EventName>` as Vue templates bind `@event-name`);
 * - `dist/types/svelte.d.ts`: Svelte 5 `SvelteHTMLElements` (props and
 *   `on<event-name>` attributes);
 * - `dist/types/preact.d.ts`: Preact `JSX.IntrinsicElements` (props, and
 *   events as `on<event-name>`, which Preact listens to as written);
 * - `dist/types/solid.d.ts`: Solid `JSX.IntrinsicElements` (props, which
 *   Solid sets as properties on custom elements) and the events in
 *   `JSX.CustomEvents`, for Solid's `on:<event-name>`.
 *
 * Property types are taken from the element classes themselves
 * (`Pick<SegkitMemberTable, 'columns'>`), never copied as text, so a host's
 * type check catches `columns={42}`. Each file also has an empty `.js`
 * twin, so `import '@segkit/elements/types/react'` works at run time too.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('custom-elements.json', root), 'utf8'));
const out = new URL('dist/types/', root);

const elements = manifest.modules
  .flatMap((m) => m.declarations ?? [])
  .filter((d) => d.customElement && d.tagName)
  .sort((a, b) => a.tagName.localeCompare(b.tagName));

/** What a host may set: public, writable, non-static fields. */
const properties = (d) =>
  (d.members ?? []).filter((m) => m.kind === 'field' && !m.static && !m.readonly && m.privacy !== 'private' && m.privacy !== 'protected').map((m) => m.name);

/** Attributes whose name is not the property's (kebab-case): set as text, `boolean` for flags. */
const attributes = (d) =>
  (d.attributes ?? [])
    .filter((a) => a.fieldName && a.name !== a.fieldName && !properties(d).includes(a.name))
    .map((a) => ({ name: a.name, type: /^boolean$/.test(a.type?.text ?? '') ? 'boolean' : 'string' }));

const events = (d) => (d.events ?? []).filter((e) => e.name && e.name.startsWith('segkit-'));
const eventClasses = [...new Set(elements.flatMap((d) => events(d).map((e) => e.type?.text).filter(Boolean)))].sort();
const classes = elements.map((d) => d.name);

const q = (name) => `'${name}'`;
const camel = (name) => name.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());
const picks = (d) => {
  const names = properties(d);
  return names.length ? `Partial<Pick<${d.name}, ${names.map(q).join(' | ')}>>` : '{}';
};
const attrs = (d) => attributes(d).map((a) => `${q(a.name)}?: ${a.type};`).join(' ');
const header = (what) => `/**
 * ${what} for the segkit tags, generated from custom-elements.json by
 * scripts/framework-types.mjs at build. Do not edit.
 */
import type { ${[...classes, ...eventClasses].join(', ')} } from '../index.js';
`;

/**
 * One line per tag: `indent`, the tag, then `type` of its base, its
 * properties and attributes, and each event as the prop `onProp(name)`
 * (no event props without `onProp`).
 */
const entries = (indent, type, onProp) =>
  elements
    .map((d) => {
      const on = (onProp ? events(d) : []).map((e) => `${onProp(e.name)}?: (event: ${e.type?.text ?? 'Event'}) => void;`).join(' ');
      return `${indent}${q(d.tagName)}: ${type(d, `${picks(d)} & { ${attrs(d)} ${on} }`)};`;
    })
    .join('\n');
const onDash = (name) => q(`on${name}`);

const react = `${header('React 19 JSX typings')}import type { DetailedHTMLProps, HTMLAttributes } from 'react';

type Tag<E> = DetailedHTMLProps<HTMLAttributes<E>, E>;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${entries('      ', (d, props) => `Tag<${d.name}> & ${props}`, onDash)}
    }
  }
}
`;

const vue = `${header('Vue 3 typings (GlobalComponents)')}import type { DefineComponent } from 'vue';

declare module 'vue' {
  interface GlobalComponents {
${entries('    ', (d, props) => `DefineComponent<${props}>`, (name) => `on${camel(name)}`)}
  }
}
`;

const svelte = `${header('Svelte 5 typings (SvelteHTMLElements)')}import type { HTMLAttributes } from 'svelte/elements';

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
${entries('    ', (d, props) => `HTMLAttributes<${d.name}> & ${props}`, onDash)}
  }
}
`;

const preact = `${header('Preact typings (JSX.IntrinsicElements)')}import type { HTMLAttributes } from 'preact';

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
${entries('      ', (d, props) => `HTMLAttributes<${d.name}> & ${props}`, onDash)}
    }
  }
}
`;

/** Every segkit event once, with its type: Solid types `on:<name>` from `JSX.CustomEvents`. */
const allEvents = [...new Map(elements.flatMap((d) => events(d).map((e) => [e.name, e.type?.text ?? 'Event']))).entries()].sort(([a], [b]) =>
  a.localeCompare(b),
);
const solid = `${header('Solid typings (JSX.IntrinsicElements, JSX.CustomEvents)')}import type { JSX as SolidJSX } from 'solid-js';

declare module 'solid-js' {
  namespace JSX {
    interface IntrinsicElements {
${entries('      ', (d, props) => `SolidJSX.HTMLAttributes<${d.name}> & ${props}`)}
    }
    interface CustomEvents {
${allEvents.map(([name, type]) => `      ${q(name)}: ${type};`).join('\n')}
    }
  }
}
`;

mkdirSync(out, { recursive: true });
for (const [name, text] of Object.entries({ react, vue, svelte, preact, solid })) {
  writeFileSync(new URL(`${name}.d.ts`, out), `${text}\nexport {};\n`);
  writeFileSync(new URL(`${name}.js`, out), `// Types only: see ${name}.d.ts.\nexport {};\n`);
}
console.log(`framework typings for ${elements.length} tags written to dist/types/ (react, vue, svelte, preact, solid)`);
