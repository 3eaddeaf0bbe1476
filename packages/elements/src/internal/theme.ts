import { css } from 'lit';

/**
 * Design tokens. Hosts theme with `--segkit-*` custom properties set anywhere
 * above the element (they inherit through shadow roots); each element also
 * reads its own `--segkit-<element>-*` properties first. Inside, styles use
 * the private `--_*` variables resolved here, light by default, dark with
 * `theme="dark"` or, with `theme="auto"`, when the user prefers dark.
 *
 * Tokens (all optional):
 * --segkit-font-family, --segkit-font-size, --segkit-color-text,
 * --segkit-color-muted, --segkit-color-background, --segkit-color-surface,
 * --segkit-color-border, --segkit-color-accent, --segkit-color-accent-text,
 * --segkit-color-danger, --segkit-color-success, --segkit-color-focus,
 * --segkit-color-selected, --segkit-radius, --segkit-space, --segkit-shadow.
 */
/** The dark palette, used by `theme="dark"` and by `theme="auto"` when the user prefers dark. */
const darkPalette = css`
  --_text: var(--segkit-color-text, #e6e9ef);
  --_muted: var(--segkit-color-muted, #9aa4b2);
  --_bg: var(--segkit-color-background, #14171c);
  --_surface: var(--segkit-color-surface, #1d2128);
  --_border: var(--segkit-color-border, #343a46);
  --_accent: var(--segkit-color-accent, #8b8cf8);
  --_accent-text: var(--segkit-color-accent-text, #0e0f1a);
  --_danger: var(--segkit-color-danger, #ff8a80);
  --_success: var(--segkit-color-success, #6ee7a8);
  --_focus: var(--segkit-color-focus, #93b4ff);
  --_selected: var(--segkit-color-selected, #262a45);
  color-scheme: dark;
`;

export const tokens = css`
  :host {
    --_font: var(--segkit-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    --_size: var(--segkit-font-size, 14px);
    --_text: var(--segkit-color-text, #1b1f24);
    --_muted: var(--segkit-color-muted, #5b6472);
    --_bg: var(--segkit-color-background, #ffffff);
    --_surface: var(--segkit-color-surface, #f6f7f9);
    --_border: var(--segkit-color-border, #d8dde4);
    --_accent: var(--segkit-color-accent, #4f46e5);
    --_accent-text: var(--segkit-color-accent-text, #ffffff);
    --_danger: var(--segkit-color-danger, #b42318);
    --_success: var(--segkit-color-success, #067647);
    --_focus: var(--segkit-color-focus, #2563eb);
    --_selected: var(--segkit-color-selected, #eef0ff);
    --_radius: var(--segkit-radius, 8px);
    --_space: var(--segkit-space, 8px);
    --_shadow: var(--segkit-shadow, 0 8px 24px rgb(16 24 40 / 0.14), 0 2px 6px rgb(16 24 40 / 0.08));
    color-scheme: light;
    font-family: var(--_font);
    font-size: var(--_size);
    line-height: 1.4;
    color: var(--_text);
    /* No global CSS leaks in: reset what inherits. */
    text-align: start;
    text-transform: none;
    letter-spacing: normal;
    word-spacing: normal;
    font-style: normal;
    font-weight: 400;
    white-space: normal;
    box-sizing: border-box;
  }
  :host([theme='dark']) {
    ${darkPalette}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkPalette}
    }
  }
  /*
   * Page CSS can restyle the host itself (even \`all: unset\`), beating :host:
   * every element's outermost box (part="base") sets what inherits again.
   */
  [part~='base'] {
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_size);
    font-style: normal;
    font-weight: 400;
    line-height: 1.4;
    color: var(--_text);
    text-align: start;
    text-transform: none;
    text-indent: 0;
    letter-spacing: normal;
    word-spacing: normal;
    white-space: normal;
    visibility: visible;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;

/** Buttons, inputs and chips shared by the elements. */
export const controls = css`
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    letter-spacing: inherit;
  }
  .btn {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: calc(var(--_space) * 0.75);
    min-height: 34px;
    padding: 0 calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_bg);
    color: var(--_text);
    font-weight: 500;
    cursor: pointer;
    white-space: nowrap;
  }
  .btn:hover:not(:disabled) {
    background: var(--_surface);
  }
  .btn:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .btn.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-text);
  }
  .btn.primary:hover:not(:disabled) {
    background: color-mix(in srgb, var(--_accent) 88%, black);
  }
  .btn.danger {
    color: var(--_danger);
  }
  .btn.quiet {
    border-color: transparent;
    background: transparent;
  }
  .input {
    min-height: 34px;
    padding: 0 calc(var(--_space) * 1.25);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) - 2px);
    background: var(--_bg);
    color: var(--_text);
    width: 100%;
  }
  .input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    max-width: 16em;
    padding: 1px 8px;
    border-radius: 999px;
    border: 1px solid color-mix(in srgb, var(--_chip, var(--_accent)) 35%, transparent);
    background: color-mix(in srgb, var(--_chip, var(--_accent)) 14%, var(--_bg));
    color: var(--_text);
    font-size: 0.86em;
    line-height: 1.6;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .error-text {
    color: var(--_danger);
    font-size: 0.9em;
  }
  .muted {
    color: var(--_muted);
  }
`;
