/**
 * A Svelte 5 host's attributes for the segkit tags with the shipped typings
 * (`@segkit/elements/types/svelte`, `SvelteHTMLElements`): what
 * `svelte-check` checks markup against. Right ones pass; wrong ones are errors.
 */
import type { SvelteHTMLElements } from 'svelte/elements';
import type {} from '@segkit/elements/types/svelte';

export const table: SvelteHTMLElements['segkit-member-table'] = {
  columns: [{ key: 'name', label: 'Name' }],
  'no-search': true,
  'onsegkit-selection-change': (event) => event.detail,
};
export const picker: SvelteHTMLElements['segkit-segment-picker'] = { mode: 'field', 'member-ids': 'm1 m2' };

// @ts-expect-error columns is a list of columns, not a number
export const badColumns: SvelteHTMLElements['segkit-member-table'] = { columns: 42 };
// @ts-expect-error the picker's mode is 'action' or 'field'
export const badMode: SvelteHTMLElements['segkit-segment-picker'] = { mode: 'sideways' };
