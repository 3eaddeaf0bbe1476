import { SegkitMemberTable } from '../member-table/segkit-member-table.js';
import { define } from './define.js';

define('segkit-member-table', SegkitMemberTable);

declare global {
  interface HTMLElementTagNameMap {
    'segkit-member-table': SegkitMemberTable;
  }
}
