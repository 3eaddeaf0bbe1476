/**
 * The audience's logic without rendering: include / exclude segment rules
 * (match any / all) resolved to a live member count (`store.createAudience`),
 * re-counted when the rules change and when memberships change.
 * `segkit-audience` renders it; a React or Vue app can render the same state:
 *
 * ```tsx
 * const audience = useMemo(() => createAudienceConnector(store, campaign.rules), [store]);
 * useEffect(() => () => audience.destroy(), [audience]);
 * const state = useStore(audience.$state); // @nanostores/react
 * <output>{state.count === null ? '…' : `${state.count} members`}</output>
 * state.segments.map((s) => (
 *   <Row key={s.id} name={s.name} state={ruleStateOf(state.rules, s.id)}
 *        onInclude={() => audience.toggle(s.id, 'include') && save(audience.$state.get().rules)} />
 * ));
 * ```
 *
 * Lit-free and DOM-free: it never translates (counts, flags and error
 * objects; the renderer words them). The rules it holds are always valid
 * (`normalizeRules`).
 */
import type { MatchMode, SegkitError, SegmentRules, SegmentStore } from '@segkit/core';
import { atom, computed } from 'nanostores';
import type { Connector } from '../internal/connector.js';
import { emptyRules, normalizeRules, ruleStateOf, sameRules, ruleSegmentsState, toggledState, withRuleState } from '../rules/rules.js';
import type { RuleState, RuleSegmentsState } from '../rules/rules.js';

/** Everything an audience field shows, as plain data (a new object on every change). */
export interface AudienceConnectorState extends RuleSegmentsState {
  /** The rules (`ruleStateOf(rules, id)` gives a segment's toggle state). */
  rules: SegmentRules;
  /** Members matching the rules, or null before the first count. */
  count: number | null;
  /** A count is in flight (the shown `count` may be out of date). */
  counting: boolean;
  /** The last count failed (show it with a "Retry" that calls `recount()`), or null. */
  countError: SegkitError | null;
  /** Required (`setRequired(true)`) and no segment included: the field is not valid. */
  missing: boolean;
  /** No segment included: every member matches (minus the excluded ones). */
  everyone: boolean;
}

export interface AudienceConnector extends Connector<AudienceConnectorState> {
  /** Replaces the rules (e.g. a form value set by code); anything malformed becomes valid rules. Re-counts. */
  setRules(rules: SegmentRules): void;
  /** Puts segment `id` in the rules as included, excluded or neither (never both). Returns false when nothing changed. */
  setRule(id: string, state: RuleState): boolean;
  /** What an "Include" / "Exclude" toggle does: sets that side, or clears it when already set. Returns false when nothing changed. */
  toggle(id: string, side: 'include' | 'exclude'): boolean;
  /** "Match included segments: any / all". Returns false when nothing changed. */
  setMatch(match: MatchMode): boolean;
  /** Whether at least one included segment is needed (the field's `required`). */
  setRequired(required: boolean): void;
  /** "Retry" after a failed count: counts again. */
  recount(): void;
  /** "Retry" after the segments failed to load: loads them again. */
  reload(): Promise<void>;
}

/** True when a required audience includes no segment (`valueMissing`). */
export function requiredMissing(rules: Pick<SegmentRules, 'include'>, required: boolean): boolean {
  return required && rules.include.length === 0;
}

/** Builds an audience connector over `store`, starting from `rules` (default: no rules, every member). Call `destroy()` when done. */
export function createAudienceConnector(store: SegmentStore, rules: SegmentRules = emptyRules()): AudienceConnector {
  const audience = store.createAudience(normalizeRules(rules));
  const $required = atom(false);
  const $state = computed(
    [store.$segments, store.$status, audience.$state, $required],
    (segments, status, live, required): AudienceConnectorState => ({
      ...ruleSegmentsState(segments, status),
      rules: live.rules,
      count: live.count,
      counting: live.loading,
      countError: live.error,
      missing: requiredMissing(live.rules, required),
      everyone: live.rules.include.length === 0,
    }),
  );

  const current = (): SegmentRules => audience.$state.get().rules;
  const edit = (next: SegmentRules): boolean => {
    if (sameRules(next, current())) return false;
    audience.setRules(next);
    return true;
  };
  const setRule = (id: string, state: RuleState): boolean => edit({ ...current(), ...withRuleState(current(), id, state) });

  return {
    $state,
    setRules: (next) => audience.setRules(normalizeRules(next)),
    setRule,
    toggle: (id, side) => setRule(id, toggledState(ruleStateOf(current(), id), side)),
    setMatch: (match) => edit({ ...current(), match }),
    setRequired: (required) => $required.set(required),
    recount: () => audience.setRules(current()),
    reload: () => store.refresh(),
    destroy: () => audience.destroy(),
  };
}
