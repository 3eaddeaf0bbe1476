/**
 * Loaded as a module inside an `about:srcdoc` iframe by the sync-url tests
 * (segment-filter.url.ts): the elements run in the frame's own realm, with the
 * frame's `history` and `location`, as on a CMS preview.
 */
import '../../packages/elements/src/define/segment-filter.js';
import '../../packages/elements/src/define/member-table.js';
import type { SegkitMemberTable } from '../../packages/elements/src/member-table/segkit-member-table.js';
import type { SegkitSegmentFilter } from '../../packages/elements/src/segment-filter/segkit-segment-filter.js';
import { cleanup, makeAdapter, makeStore } from '../core/fixtures.js';

const { store } = makeStore(makeAdapter());
const filter = document.querySelector('segkit-segment-filter') as SegkitSegmentFilter;
const table = document.querySelector('segkit-member-table') as SegkitMemberTable;
filter.store = store;
table.store = store;
Object.assign(window, { segkitFrame: { store, filter, table, cleanup } });
