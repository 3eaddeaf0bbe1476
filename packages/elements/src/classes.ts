/**
 * The element classes, events and helpers without defining any tag: for
 * registering the elements under other names.
 */
export { storeContext } from './context.js';
export { SegkitElement } from './internal/segkit-element.js';
export { registerStrings } from './internal/strings.js';
export type { Strings, LocaleTable } from './internal/strings.js';
export * from './events/index.js';

export { SegkitProvider } from './provider/segkit-provider.js';
export { SegkitMemberTable } from './member-table/segkit-member-table.js';
export type { RenderCell } from './member-table/segkit-member-table.js';
export type { MemberTableColumn, CellContext } from './member-table/columns.js';
export { SegkitSegmentPicker } from './segment-picker/segkit-segment-picker.js';
export { SegkitSegmentFilter } from './segment-filter/segkit-segment-filter.js';
export { encodeFilterParam, decodeFilterParam } from './segment-filter/url.js';
export { SegkitInviteLink } from './invite-link/segkit-invite-link.js';
export { readInviteToken, redeemFromUrl } from './invite-link/redeem.js';
export type { RedeemFromUrlOptions } from './invite-link/redeem.js';
export { SegkitSegmentList } from './segment-list/segkit-segment-list.js';
export { SEGMENT_COLORS, createSegmentListConnector } from './segment-list/segment-list.connector.js';
export { SegkitAudience } from './audience/segkit-audience.js';
