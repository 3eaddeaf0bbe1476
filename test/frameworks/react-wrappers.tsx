/**
 * A React 19 host's type check with the wrappers (`@segkit/elements/react`):
 * properties typed from the element classes, `segkit-*` events as camelCase
 * props with the typed event; each `@ts-expect-error` must find an error.
 */
import type { SegmentStore } from '@segkit/core';
import { SegkitAudience, SegkitInviteLink, SegkitMemberTable, SegkitProvider, SegkitSegmentFilter, SegkitSegmentList, SegkitSegmentPicker } from '@segkit/elements/react';

declare const store: SegmentStore;

export const page = (
  <SegkitProvider store={store} onMembershipChange={(event) => console.log(event.detail.memberIds, event.detail.move)} onError={(event) => event.detail.code}>
    <SegkitSegmentFilter variant="popover" onFilterApply={(event) => event.detail.filter} />
    <SegkitSegmentPicker memberIds={['m1']} mode="field" name="segments" required value={['vips']} onMembershipChange={(event) => event.detail.count} />
    <SegkitMemberTable columns={[{ key: 'name', label: 'Name', sortable: true }]} className="table" onSelectionChange={(event) => event.detail} />
    <SegkitSegmentList strings={{ title: 'Folders' }} onSegmentOpen={(event) => event.detail.segment} onSegmentDelete={(event) => event.detail.segment.id} />
    <SegkitAudience name="audience" onChange={() => undefined} />
    <SegkitInviteLink segmentId="vips" onInviteCreate={(event) => event.detail.url} />
  </SegkitProvider>
);

// @ts-expect-error columns is a list of columns, not a number
export const badColumns = <SegkitMemberTable columns={42} />;
// @ts-expect-error the picker's mode is 'action' or 'field'
export const badMode = <SegkitSegmentPicker mode="sideways" />;
// @ts-expect-error the handler gets the typed event: detail has no `nope`
export const badHandler = <SegkitSegmentPicker onMembershipChange={(event) => event.detail.nope} />;
// @ts-expect-error the table never dispatches a filter apply
export const notFired = <SegkitMemberTable onFilterApply={() => undefined} />;
