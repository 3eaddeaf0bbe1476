/**
 * `@segkit/elements`: importing this module defines every segkit tag (each
 * only if not defined yet) and exports the classes, events and helpers.
 */
import './define/provider.js';
import './define/member-table.js';
import './define/segment-picker.js';
import './define/segment-filter.js';
import './define/invite-link.js';
import './define/segment-list.js';
import './define/audience.js';

export * from './classes.js';
