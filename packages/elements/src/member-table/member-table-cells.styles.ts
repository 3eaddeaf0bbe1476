import { css } from 'lit';

/**
 * Styles of what a member table's cells show: the built-in cells that lay
 * out their own content (decision 037: text, name, chips), a host's content,
 * the checkbox, the avatar and the chips. The grid, the rows and the cells'
 * frame are in `member-table.styles.ts`. Logical properties only (RTL), but
 * for the text a member wrote, which keeps the column's side.
 */
export const memberTableCellStyles = css`
  /* A built-in cell lays out what it shows itself, without a wrapper (decision 037): text on one line, centred by its line height. */
  .cell.text-cell {
    display: block;
    line-height: calc(var(--_row-h) - 1px);
  }
  /*
   * Text a member wrote takes its direction from its first letters (dir="auto": an Arabic name reads right to left
   * in an English table, decision 037) and keeps the column's side: physical values, as start would follow the text.
   */
  [dir='auto'] {
    text-align: left;
  }
  .end[dir='auto'] {
    text-align: right;
  }
  .center[dir='auto'] {
    text-align: center;
  }
  :host(:dir(rtl)) [dir='auto'] {
    text-align: right;
  }
  :host(:dir(rtl)) .end[dir='auto'] {
    text-align: left;
  }
  :host(:dir(rtl)) .center[dir='auto'] {
    text-align: center;
  }
  /* A host's content: a block centred in the cell. */
  .content {
    display: block;
    flex: 1 1 auto;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .checkbox {
    display: inline-grid;
    place-items: center;
    flex: none;
    width: 18px;
    height: 18px;
    border: 1.5px solid var(--_muted);
    border-radius: 4px;
    background: var(--_bg);
    box-sizing: border-box;
  }
  .checkbox[aria-checked='true'],
  .checkbox[aria-checked='mixed'] {
    background: var(--_accent);
    border-color: var(--_accent);
  }
  .checkbox[aria-checked='true']::after {
    content: '';
    width: 5px;
    height: 9px;
    border: solid var(--_accent-text);
    border-width: 0 2px 2px 0;
    transform: translateY(-1px) rotate(45deg);
  }
  .checkbox[aria-checked='mixed']::after {
    content: '';
    width: 8px;
    height: 2px;
    background: var(--_accent-text);
  }

  /* The avatar beside the name, the handle below the name. */
  .cell.name-cell {
    display: grid;
    grid-template-columns: var(--_avatar) minmax(0, 1fr);
    align-content: center;
    align-items: center;
    column-gap: calc(var(--_space) * 1.25);
    line-height: 1.25;
  }
  .name-cell > .avatar,
  .name-cell > .name:last-child {
    grid-row: span 2;
  }
  /* In the text column whether the avatar is there or not (a row drawn while the view jumps has none: decision 038). */
  .name-cell > .name,
  .name-cell > .handle {
    grid-column: 2;
  }
  .name,
  .handle {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .name {
    font-weight: 500;
  }
  .handle,
  .unassigned {
    color: var(--_muted);
    font-size: 0.86em;
  }
  .avatar {
    display: inline-grid;
    place-items: center;
    flex: none;
    width: var(--_avatar);
    height: var(--_avatar);
    border-radius: 50%;
    background: hsl(var(--_hue, 230) 70% 90%);
    color: hsl(var(--_hue, 230) 50% 26%);
    font-size: 0.75em;
    font-weight: 600;
    line-height: 1;
    object-fit: cover;
  }
  :host([theme='dark']) .avatar {
    background: hsl(var(--_hue, 230) 30% 30%);
    color: hsl(var(--_hue, 230) 80% 90%);
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) .avatar {
      background: hsl(var(--_hue, 230) 30% 30%);
      color: hsl(var(--_hue, 230) 80% 90%);
    }
  }
  /* Chips that do not fit fade out at the cell's end instead of being cut. */
  .chips {
    display: flex;
    flex: 1 1 auto;
    gap: 4px;
    min-width: 0;
    overflow: hidden;
    mask-image: linear-gradient(to right, #000 calc(100% - 20px), transparent);
  }
  .chips:dir(rtl) {
    mask-image: linear-gradient(to left, #000 calc(100% - 20px), transparent);
  }
  .chip {
    flex: none;
    display: block;
  }
  .chip.more {
    --_chip: var(--_muted);
  }
  /* Last: over the checkbox's colours above. */
  @media (forced-colors: active) {
    .row[aria-selected='true'] {
      outline: 2px solid Highlight;
      outline-offset: -2px;
    }
    .checkbox {
      border-color: CanvasText;
    }
    .checkbox[aria-checked='true'],
    .checkbox[aria-checked='mixed'] {
      background: Highlight;
      border-color: Highlight;
    }
  }
`;
