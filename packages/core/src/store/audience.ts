/**
 * Audiences: the number of members include / exclude rules select, once
 * (`countAudience`) or as a live count that follows the rules and every
 * membership change (`createAudience`).
 */
import { atom, onMount } from 'nanostores';
import type { SegmentsAdapter } from '../adapter.js';
import { toSegkitError } from '../errors.js';
import type { SegmentRules } from '../model.js';
import type { Emitter } from './emitter.js';
import type { AudienceController, AudienceState, StoreEvents } from './types.js';

/** Re-counts wait this long after the last change, so a burst of changes costs one request. */
const RECOUNT_DELAY_MS = 60;

/** The members `rules` select now. */
export function countAudience(
  adapter: Pick<SegmentsAdapter, 'countAudience'>,
  rules: SegmentRules,
  options: { signal?: AbortSignal } = {},
): Promise<number> {
  return adapter
    .countAudience({ include: [...rules.include], exclude: [...rules.exclude], match: rules.match }, options)
    .then((r) => r.count);
}

/**
 * A live count: counted when `$state` is first mounted, then again (debounced)
 * when the rules change, a membership change is confirmed or a segment is
 * deleted. A newer count aborts the one in flight.
 */
export function createAudienceController(
  rules: SegmentRules,
  count: (rules: SegmentRules, options: { signal: AbortSignal }) => Promise<number>,
  events: Emitter<StoreEvents>,
): AudienceController {
  const $state = atom<AudienceState>({ rules, count: null, loading: false, error: null });
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    controller?.abort();
    const current = (controller = new AbortController());
    const state = $state.get();
    $state.set({ ...state, loading: true });
    count(state.rules, { signal: current.signal }).then(
      (value) => {
        if (current === controller) $state.set({ ...$state.get(), count: value, loading: false, error: null });
      },
      (error) => {
        const err = toSegkitError(error);
        if (current === controller && err.code !== 'aborted') $state.set({ ...$state.get(), loading: false, error: err });
      },
    );
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(run, RECOUNT_DELAY_MS);
  };
  const offs: Array<() => void> = [];
  const stop = () => {
    for (const off of offs.splice(0)) off();
    controller?.abort();
    clearTimeout(timer);
  };
  onMount($state, () => {
    run();
    offs.push(
      events.on('membership', (e) => {
        if (e.phase !== 'optimistic') schedule();
      }),
      events.on('segment', (e) => {
        if (e.action === 'delete' && e.phase === 'confirmed') schedule();
      }),
    );
    return stop;
  });
  return {
    $state,
    setRules(next) {
      $state.set({ ...$state.get(), rules: { include: [...next.include], exclude: [...next.exclude], match: next.match } });
      if ($state.lc > 0) schedule();
    },
    destroy: stop,
  };
}
