/**
 * `@segkit/elements/member-table`: defines `segkit-member-table` (once, safe to import twice)
 * and exports its class; nothing of the other widgets comes with it.
 */
import { SegkitMemberTable } from '../member-table/segkit-member-table.js';
import { define } from './define.js';

define('segkit-member-table', SegkitMemberTable);

export { SegkitMemberTable };

declare global {
  interface HTMLElementTagNameMap {
    'segkit-member-table': SegkitMemberTable;
  }
}
