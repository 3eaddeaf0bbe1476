import { css } from 'lit';

/** Styles of `segkit-invite-link` (after `tokens`, `controls` and `stateStyles`). Logical properties only (RTL). */
export const inviteLinkStyles = css`
  :host {
    display: block;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--segkit-invite-link-gap, var(--_space));
    background: var(--segkit-invite-link-background, var(--_bg));
    border-radius: var(--_radius);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
    min-width: 12rem;
    flex: 1;
  }
  .field label {
    font-weight: 500;
    font-size: 0.92em;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    gap: var(--segkit-invite-link-gap, var(--_space));
    margin: 0;
  }
  form .reveal-note {
    flex-basis: 100%;
    margin: 0;
  }
  form .actions {
    display: flex;
    align-self: flex-start;
    padding-block-start: calc(0.92em * 1.4 + 4px);
  }
  select.input {
    padding-inline-end: var(--_space);
  }
  .url-row {
    display: flex;
    gap: var(--segkit-invite-link-gap, var(--_space));
    align-items: center;
  }
  .url {
    font-family: var(--segkit-invite-link-url-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    font-size: 0.92em;
  }
  .created {
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .created label {
    font-weight: 500;
    font-size: 0.92em;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
  }
  li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    padding: var(--_space);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--segkit-invite-link-item-background, var(--_surface));
  }
  .item-url {
    flex: 1 1 14rem;
    min-width: 0;
    width: auto;
  }
  .chip.active {
    --_chip: var(--segkit-invite-link-active-color, var(--_success));
  }
  .chip.inactive {
    --_chip: var(--segkit-invite-link-inactive-color, var(--_muted));
  }
  .meta {
    color: var(--_muted);
    font-size: 0.92em;
    font-variant-numeric: tabular-nums;
  }
  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    flex-basis: 100%;
  }
  .error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    color: var(--_danger);
  }
  .error .state {
    padding: 0;
  }
  .message:empty {
    margin: 0;
  }
`;
