/**
 * `@segkit/elements/headless`: the widgets' logic without rendering, for
 * hosts that draw their own UI (React, Vue, Svelte, ...). Each connector is a
 * factory over a store that returns `{ $state, ...actions, destroy }`: plain
 * state in a nanostores atom (subscribe with `@nanostores/react`,
 * `useSyncExternalStore`, `@nanostores/vue`, ...) and the actions the widget's
 * buttons call. The segkit elements render these same connectors.
 *
 * Nothing here imports Lit or touches the DOM.
 */
export type { Connector } from './internal/connector.js';

// Where the shown data stands ("Updating…", "Offline: 3 changes waiting", "Sign in again to save 3 changes").
export { createSyncStatusConnector, syncNotice } from './internal/sync-status.connector.js';
export type { SyncNotice, SyncStatusConnector, SyncStatusOptions, SyncStatusState } from './internal/sync-status.connector.js';

// Include / exclude rules (segment filter, audience).
export {
  activeRuleCount,
  emptyRules,
  isDirty,
  isEmptyFilter,
  MAX_RULE_IDS,
  normalizeRules,
  ruleSegmentsState,
  ruleStateOf,
  sameRules,
  summarize,
  toggledState,
  withRuleState,
} from './rules/rules.js';
export type { RuleSegmentsState, RuleState, SummaryItem } from './rules/rules.js';

// Segment list ("Segments" tab): create, rename, edit segment fields, delete with Undo, open.
export { SEGMENT_COLORS, createSegmentListConnector } from './segment-list/segment-list.connector.js';
export type {
  SegmentColorOption,
  SegmentCreateForm,
  SegmentFieldForm,
  SegmentFieldItem,
  SegmentListConnector,
  SegmentListFailure,
  SegmentListFeedback,
  SegmentListItem,
  SegmentListOptions,
  SegmentListState,
  SegmentRenameForm,
} from './segment-list/segment-list.connector.js';

// Invite links of a segment: create (expiry, max uses), list, revoke.
export { createInviteLinkConnector } from './invite-link/invite-link.connector.js';
export type {
  InviteFieldError,
  InviteLinkConnector,
  InviteLinkOptions,
  InviteLinkState,
  InviteRow,
} from './invite-link/invite-link.connector.js';
export { DEFAULT_INVITE_PARAM, MAX_USES_LIMIT } from './invite-link/invite-model.js';
export type { InviteStatus } from './invite-link/invite-model.js';

// Segment picker ("Add to segment", and the segment field of a form).
export { createSegmentPickerConnector } from './segment-picker/segment-picker.connector.js';
export { parseIdList } from './segment-picker/picker-model.js';
// Types: SegmentPickerConnector, SegmentPickerState, SegmentPickerOptions, PickerOption, PickerStep, PickerOutcome, NameProblem, ...
export type * from './segment-picker/segment-picker.types.js';

// Segment filter ("Saved Segments"): draft rules, match, search, Apply / Reset over the store's filter.
export { createSegmentFilterConnector } from './segment-filter/segment-filter.connector.js';
export type { FilterOutcome, SegmentFilterConnector, SegmentFilterState } from './segment-filter/segment-filter.connector.js';
export { decodeFilterParam, encodeFilterParam } from './segment-filter/url.js';

// Audience: rules resolved to a live member count.
export { createAudienceConnector, requiredMissing } from './audience/audience.connector.js';
export type { AudienceConnector, AudienceConnectorState } from './audience/audience.connector.js';

// Member table: the data side of a virtualized member table (rows by index,
// sort, search, selection), and the pure pieces of a grid over it (which rows
// to render for a scroll position, DOM node recycling, the grid keyboard).
export { createMemberTableConnector, LOAD_THROTTLE_MS, SEARCH_DEBOUNCE_MS } from './member-table/member-table.connector.js';
export type { MemberTableConnector, MemberTableOptions, MemberTableState } from './member-table/member-table.connector.js';
export type { CheckState } from './member-table/table-model.js';
export { assignSlots, MAX_BODY_HEIGHT, NO_ROWS, renderedRows, revealScrollTop, rowsPerPage, visibleRows } from './member-table/virtual-rows.js';
export type { RowRange, WindowMetrics } from './member-table/virtual-rows.js';
export { gridCommand } from './member-table/grid-keys.js';
export type { GridCommand, GridPosition, GridShape, KeyLike } from './member-table/grid-keys.js';
export type { SegkitSelectionChangeDetail } from './events/selection-change.js';
