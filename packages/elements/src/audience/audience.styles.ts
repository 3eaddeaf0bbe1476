import { css } from 'lit';
import { stateStyles } from '../internal/status.js';
import { controls, tokens } from '../internal/theme.js';
import { ruleStyles } from '../rules/rule-rows.js';

/** Styles of `segkit-audience`. */
export const audienceStyles = [
  tokens,
  controls,
  ruleStyles,
  stateStyles,
  css`
    :host {
      display: block;
      --_include: var(--segkit-audience-include-color, var(--_accent));
      --_exclude: var(--segkit-audience-exclude-color, var(--_danger));
    }
    .root {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
      padding: var(--segkit-audience-padding, calc(var(--_space) * 1.5));
      background: var(--segkit-audience-background, var(--_bg));
      border: 1px solid var(--segkit-audience-border-color, var(--_border));
      border-radius: var(--segkit-audience-radius, var(--_radius));
    }
    :host([disabled]) .root {
      opacity: 0.7;
    }
    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: var(--_space);
    }
    .label {
      font-weight: 600;
    }
    .total {
      color: var(--segkit-audience-count-color, var(--_text));
      font-size: var(--segkit-audience-count-font-size, 1.25em);
      font-weight: 600;
      font-variant-numeric: tabular-nums;
    }
    .total[aria-busy='true'] {
      opacity: 0.7;
    }
    .hint {
      margin: 0;
      font-size: 0.9em;
    }
    .hint.invalid {
      color: var(--_danger);
    }
    .scroll {
      max-block-size: var(--segkit-audience-list-max-height, 24em);
      overflow: auto;
    }
    .count-error {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space);
      color: var(--_danger);
    }
    .offline {
      padding: 0;
      font-size: 0.9em;
      color: var(--_muted);
    }
  `,
];
