/**
 * Connectors are the widgets' logic without rendering, the way InstantSearch's
 * connectors serve its widgets: a factory over a store that returns plain
 * state in an atom plus actions. Each element renders one (through
 * `ConnectorController`); a React, Vue or Svelte app can render the same
 * state its own way (`@segkit/elements/headless`). Nothing here imports Lit.
 */
import type { ReadableAtom } from 'nanostores';

/** What every connector has: its state (subscribe to render) and a way to stop. */
export interface Connector<State> {
  /** Everything a renderer needs, as plain data; changes produce a new object. */
  readonly $state: ReadableAtom<State>;
  /** Stops subscriptions, timers and requests. The connector is unusable afterwards. */
  destroy(): void;
}
