import { css } from 'lit';

/** Styles of `segkit-segment-list` (after `tokens`, `controls` and `stateStyles`). Logical properties only (RTL). */
export const segmentListStyles = css`
  :host {
    display: block;
  }
  .root {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    background: var(--segkit-segment-list-background, var(--_bg));
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }
  /* "Updating…" between the title and "Create segment": it takes no room of its own, so the header never wraps for it. */
  .header > .sync-line {
    flex: 1 1 0;
  }
  .title {
    margin: 0;
    font-size: 1.1em;
    font-weight: 600;
  }
  .create {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--segkit-segment-list-border-color, var(--_border));
    border-radius: var(--segkit-segment-list-radius, var(--_radius));
    background: var(--_surface);
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 4px;
  }
  .field-error:empty {
    display: none;
  }
  .colors {
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
  }
  .colors legend {
    padding: 0;
    margin-block-end: 4px;
    inline-size: 100%;
  }
  .swatch-option {
    position: relative;
    display: inline-flex;
    cursor: pointer;
  }
  .swatch-option input {
    position: absolute;
    inset: 0;
    margin: 0;
    opacity: 0;
    cursor: pointer;
  }
  .dot {
    display: inline-block;
    inline-size: 24px;
    block-size: 24px;
    border-radius: 50%;
    border: 2px solid var(--_bg);
    box-shadow: 0 0 0 1px var(--_border);
    background: var(--_dot, repeating-linear-gradient(45deg, var(--_bg) 0 4px, var(--_border) 4px 6px));
  }
  .swatch-option input:checked + .dot {
    box-shadow: 0 0 0 2px var(--_text);
  }
  .swatch-option input:focus-visible + .dot {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .row-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  ul.list {
    list-style: none;
    margin: 0;
    padding: 0;
    background: var(--segkit-segment-list-background, var(--_bg));
    border: 1px solid var(--segkit-segment-list-border-color, var(--_border));
    border-radius: var(--segkit-segment-list-radius, var(--_radius));
    overflow: hidden;
  }
  .item {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    padding: var(--segkit-segment-list-item-padding, var(--_space));
    border-block-start: 1px solid var(--segkit-segment-list-border-color, var(--_border));
  }
  .item:first-child {
    border-block-start: 0;
  }
  .item:hover {
    background: var(--segkit-segment-list-hover-background, var(--_surface));
  }
  .item[data-current] {
    background: var(--segkit-segment-list-current-background, var(--_selected));
  }
  .open {
    flex: 1 1 12em;
    min-inline-size: 0;
    display: flex;
    align-items: center;
    gap: var(--_space);
    margin: 0;
    padding: 4px;
    border: 0;
    border-radius: calc(var(--_radius) - 2px);
    background: transparent;
    color: inherit;
    text-align: start;
    cursor: pointer;
  }
  .icon {
    flex: none;
    inline-size: var(--segkit-segment-list-icon-size, 20px);
    block-size: var(--segkit-segment-list-icon-size, 20px);
    color: var(--_icon, var(--segkit-segment-list-icon-color, var(--_muted)));
  }
  .text {
    flex: 1 1 auto;
    min-inline-size: 0;
    display: flex;
    flex-direction: column;
  }
  .item .name {
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .item .description {
    font-size: 0.9em;
    overflow-wrap: anywhere;
  }
  .item .count {
    flex: none;
    font-variant-numeric: tabular-nums;
  }
  .pending {
    font-size: 0.85em;
    font-style: italic;
  }
  .item[data-pending] .name {
    opacity: 0.75;
  }
  .actions {
    display: inline-flex;
    gap: 4px;
  }
  /* The create / rename form and a field's editor: a wrapping row, its message on a line of its own. */
  .inline-form,
  .field-form {
    flex: 1 1 100%;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .inline-form .input {
    flex: 1 1 12em;
    inline-size: auto;
  }
  .field-form .input {
    flex: 1 1 10em;
    inline-size: auto;
  }
  .inline-form .field-error,
  .field-form .field-error {
    flex: 1 1 100%;
  }
  /* Fields: a detail line under the name (wraps at 320px; never squeezes the name like a column would). */
  .fields {
    flex: 1 1 100%;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px var(--_space);
    padding-inline-start: calc(var(--segkit-segment-list-icon-size, 20px) + var(--_space) + 4px);
    margin-block-start: calc(var(--_space) * -0.5);
    font-size: 0.9em;
  }
  .field-line {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 4px;
    min-inline-size: 0;
  }
  .field-value {
    font-weight: 500;
    overflow-wrap: anywhere;
  }
  .field-value.missing {
    font-weight: normal;
    font-style: italic;
  }
  .field-edit {
    padding-block: 0;
  }
  .confirm {
    flex: 1 1 100%;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .confirm .question {
    flex: 1 1 14em;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .bar:empty {
    display: none;
  }
  .result:not(:empty) {
    padding: 4px var(--_space);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_surface);
  }
  .failure:not(:empty) {
    padding: 4px var(--_space);
    border-radius: calc(var(--_radius) - 2px);
    border: 1px solid var(--_danger);
    color: var(--_danger);
  }
  .failure .message {
    flex: 1 1 auto;
  }
  .offline {
    padding: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }
`;
