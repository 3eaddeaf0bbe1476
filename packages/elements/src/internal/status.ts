/**
 * The states every element shows the same way: reflected as boolean
 * attributes on the host (`loading`, `empty`, `error`, `offline`, plus any
 * element-specific ones such as `open` or `dirty`) and rendered through named
 * slots with default content.
 */
import type { StoreStatus } from '@segkit/core';
import { css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';

/** Boolean state attributes to set on the host (true: present, false: absent). */
export type StateAttributes = Record<string, boolean>;

/**
 * Sets or removes each state attribute on `host`. States are read-only
 * attributes the element owns (for `:host([loading])` and `segkit-x[empty]`
 * selectors), never inputs, so they are not Lit properties.
 */
export function reflectStates(host: Element, states: StateAttributes): void {
  for (const [name, on] of Object.entries(states)) host.toggleAttribute(name, on);
}

/** The states a store's status gives every element: first load in flight, offline, a failed first load. */
export function storeStates(status: StoreStatus | undefined): { loading: boolean; offline: boolean; error: boolean } {
  return {
    loading: Boolean(status && !status.ready && !status.error),
    offline: Boolean(status?.offline),
    error: Boolean(status && !status.ready && status.error),
  };
}

/** A named slot with default content for a state (loading, empty, error, offline); its part is the state's name. */
export function stateSlot(name: string, content: unknown, part = name): TemplateResult {
  return html`<div part=${part} class="state ${name}"><slot name=${name}>${content ?? nothing}</slot></div>`;
}

/** Styles of `stateSlot` blocks. */
export const stateStyles = css`
  .state {
    padding: var(--_space);
  }
  .state.error {
    color: var(--_danger);
  }
`;
