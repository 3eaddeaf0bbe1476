import { css } from 'lit';
import { popoverStyles } from '../internal/popover.js';
import { syncNoticeStyles } from '../internal/sync-notice.js';
import { controls, tokens } from '../internal/theme.js';

/** The styles of `segkit-segment-picker` (its `static styles`). */
export const segmentPickerStyles = [
  tokens,
  controls,
  popoverStyles,
  syncNoticeStyles,
  css`
    :host {
      display: inline-block;
      vertical-align: middle;
    }
    .base {
      position: relative;
      display: inline-block;
      cursor: auto;
    }
    .row {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: var(--_space);
    }
    .trigger {
      background: var(--segkit-segment-picker-button-background, var(--_bg));
      max-width: 28em;
    }
    .trigger[aria-disabled='true'] {
      opacity: 0.55;
      cursor: not-allowed;
    }
    .trigger .label {
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .caret {
      width: 0;
      height: 0;
      border-inline: 4px solid transparent;
      border-block-start: 5px solid currentColor;
    }
    .popover {
      z-index: var(--segkit-segment-picker-z-index, 20);
      width: var(--segkit-segment-picker-popover-width, 20rem);
      max-width: min(90vw, 32rem);
      display: flex;
      flex-direction: column;
      gap: var(--_space);
      padding: var(--_space);
      background: var(--_bg);
      color: var(--_text);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: var(--_shadow);
    }
    .listbox {
      max-height: var(--segkit-segment-picker-list-max-height, 16rem);
      overflow-y: auto;
      margin: 0;
      padding: 0;
    }
    .option {
      display: flex;
      align-items: center;
      gap: var(--_space);
      padding: calc(var(--_space) * 0.75) var(--_space);
      border-radius: calc(var(--_radius) - 2px);
      cursor: pointer;
      user-select: none;
    }
    .option:hover {
      background: var(--_surface);
    }
    .option.active {
      background: var(--segkit-segment-picker-active-background, var(--_selected));
      outline: 2px solid var(--_focus);
      outline-offset: -2px;
    }
    .check {
      flex: none;
      width: 16px;
      height: 16px;
      border: 1.5px solid var(--_muted);
      border-radius: 4px;
      display: inline-grid;
      place-items: center;
    }
    .option[aria-selected='true'] .check {
      background: var(--segkit-segment-picker-check-color, var(--_accent));
      border-color: var(--segkit-segment-picker-check-color, var(--_accent));
    }
    .option[aria-selected='true'] .check::after {
      content: '';
      width: 4px;
      height: 8px;
      margin-block-end: 2px;
      border: solid var(--_accent-text);
      border-width: 0 2px 2px 0;
      transform: rotate(45deg);
    }
    .check.dashed {
      border-style: dashed;
    }
    .swatch {
      flex: none;
      width: var(--segkit-segment-picker-dot-size, 10px);
      height: var(--segkit-segment-picker-dot-size, 10px);
      border-radius: 50%;
      background: var(--_swatch, var(--_border));
    }
    .state {
      padding: 0;
      color: var(--_muted);
    }
    .sync {
      font-size: 0.9em;
      white-space: normal;
    }
    .name {
      flex: 1;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .option-field,
    .count {
      color: var(--_muted);
      font-variant-numeric: tabular-nums;
    }
    .create {
      font-weight: 500;
      color: var(--_accent);
    }
    :host([theme='dark']) .create {
      color: var(--_text);
    }
    .footer {
      display: flex;
      align-items: center;
      gap: var(--_space);
      flex-wrap: wrap;
    }
    .footer .summary {
      flex: 1;
      font-size: 0.9em;
    }
    /* Three buttons: the summary takes its own line above them. */
    .footer.with-move {
      justify-content: flex-end;
    }
    .footer.with-move .summary {
      flex-basis: 100%;
    }
    .preview ul {
      margin: calc(var(--_space) / 2) 0;
      padding-inline-start: calc(var(--_space) * 2.5);
    }
    .preview p {
      margin: 0;
    }
    .result:empty {
      margin: 0;
    }
    .result,
    .error {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: var(--_space);
      margin-block-start: calc(var(--_space) / 2);
    }
    .error {
      color: var(--_danger);
    }
    .note {
      font-size: 0.9em;
    }
    .hint {
      font-size: 0.9em;
    }
  `,
];
