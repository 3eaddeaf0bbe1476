/** @jsxImportSource solid-js */
/**
 * A Solid host's type check with the shipped typings (`@segkit/elements/types/solid`)
 * and no hand-written declaration: right uses pass, wrong ones are errors
 * (each `@ts-expect-error` must find one, or the check fails). Solid sets
 * props on custom elements as properties; events are `on:<event-name>`.
 */
import type {} from '@segkit/elements/types/solid';
import type { SegmentStore } from '@segkit/core';

declare const store: SegmentStore;

export const page = (
  <segkit-provider store={store} cache-key="user-42" on:segkit-membership-change={(event) => console.log(event.detail.memberIds, event.detail.move)}>
    <segkit-segment-filter variant="popover" sync-url="segments" on:segkit-filter-apply={(event) => event.detail} />
    <segkit-segment-picker member-ids="m1 m2" mode="field" name="segments" required value={['vips']} />
    <segkit-member-table columns={[{ key: 'name', label: 'Name', sortable: true }]} no-search overscan={4} theme="dark" />
    <segkit-segment-list strings={{ title: 'Folders' }} on:segkit-segment-open={(event) => event.detail.segment} />
    <segkit-audience name="audience" />
    <segkit-invite-link segment-id="vips" base-url="https://glow.example/join" />
  </segkit-provider>
);

// @ts-expect-error columns is a list of columns, not a number
export const badColumns = <segkit-member-table columns={42} />;
// @ts-expect-error the picker's mode is 'action' or 'field'
export const badMode = <segkit-segment-picker mode="sideways" />;
// @ts-expect-error the event handler gets the typed event: detail has no `nope`
export const badHandler = <segkit-member-table on:segkit-selection-change={(event) => event.detail.nope} />;
// @ts-expect-error not a segkit tag
export const unknownTag = <segkit-nope />;
