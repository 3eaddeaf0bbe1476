import { css } from 'lit';
import { popoverStyles } from '../internal/popover.js';
import { stateStyles } from '../internal/status.js';
import { controls, tokens } from '../internal/theme.js';
import { ruleStyles } from '../rules/rule-rows.js';

/** Styles of `segkit-segment-filter`. */
export const segmentFilterStyles = [
  tokens,
  controls,
  popoverStyles,
  ruleStyles,
  stateStyles,
  css`
    :host {
      display: block;
      --_include: var(--segkit-segment-filter-include-color, var(--_accent));
      --_exclude: var(--segkit-segment-filter-exclude-color, var(--_danger));
    }
    :host([variant='popover']) {
      display: inline-block;
    }
    .root {
      position: relative;
    }
    .panel {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_space) * 1.25);
      margin: 0;
      padding: var(--segkit-segment-filter-padding, calc(var(--_space) * 1.5));
      background: var(--segkit-segment-filter-background, var(--_bg));
      border: 1px solid var(--segkit-segment-filter-border-color, var(--_border));
      border-radius: var(--segkit-segment-filter-radius, var(--_radius));
      color: var(--_text);
    }
    .title {
      margin: 0;
      font-size: 1.05em;
      font-weight: 600;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .scroll {
      max-block-size: var(--segkit-segment-filter-list-max-height, 24em);
      overflow: auto;
    }
    .footer {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space);
    }
    .footer .dirty {
      flex: 1 1 auto;
      font-size: 0.9em;
    }
    .footer .spacer {
      flex: 1 1 auto;
    }
    .summary {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
    }
    .summary ul {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .summary li {
      display: inline-flex;
    }
    .chip.exclude {
      --_chip: var(--_exclude);
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space);
    }
    /* The popover panel: in the top layer where the Popover API exists (see internal/popover.ts). */
    .dialog {
      z-index: var(--segkit-segment-filter-z-index, 20);
      inline-size: var(--segkit-segment-filter-popover-width, 26em);
      max-inline-size: calc(100vw - 16px);
      padding: 0;
      border: 0;
      border-radius: var(--segkit-segment-filter-radius, var(--_radius));
      background: transparent;
      color: var(--_text);
      box-shadow: var(--_shadow);
    }
    .dialog:focus {
      outline: none;
    }
    .offline {
      padding: 0;
      font-size: 0.9em;
      color: var(--_muted);
    }
    .badge {
      font-variant-numeric: tabular-nums;
    }
  `,
];
