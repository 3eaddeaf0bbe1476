/**
 * A Vue 3 host's props for the segkit tags with the shipped typings
 * (`@segkit/elements/types/vue`, `GlobalComponents`): what `vue-tsc` checks
 * templates against. Right props pass; wrong ones are errors.
 */
import type { GlobalComponents } from 'vue';
import type {} from '@segkit/elements/types/vue';

type Props<Tag extends keyof GlobalComponents> = InstanceType<GlobalComponents[Tag]>['$props'];

export const table: Props<'segkit-member-table'> = {
  columns: [{ key: 'name', label: 'Name' }],
  'no-search': true,
  onSegkitSelectionChange: (event) => event.detail,
};
export const picker: Props<'segkit-segment-picker'> = { mode: 'field', 'member-ids': 'm1 m2', value: ['vips'] };

// @ts-expect-error columns is a list of columns, not a number
export const badColumns: Props<'segkit-member-table'> = { columns: 42 };
// @ts-expect-error the picker's mode is 'action' or 'field'
export const badMode: Props<'segkit-segment-picker'> = { mode: 'sideways' };
