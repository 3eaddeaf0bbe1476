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

// Include / exclude rules (segment filter, audience).
export {
  activeRuleCount,
  emptyRules,
  isDirty,
  isEmptyFilter,
  MAX_RULE_IDS,
  normalizeRules,
  ruleStateOf,
  sameRules,
  summarize,
  toggledState,
  withRuleState,
} from './rules/rules.js';
export type { RuleState, SummaryItem } from './rules/rules.js';

// Segment picker ("Add to segment", and the segment field of a form).
export { createSegmentPickerConnector } from './segment-picker/segment-picker.connector.js';
export { parseIdList } from './segment-picker/picker-model.js';
// Types: SegmentPickerConnector, SegmentPickerState, SegmentPickerOptions, PickerOption, PickerStep, PickerOutcome, NameProblem, ...
export type * from './segment-picker/segment-picker.types.js';
