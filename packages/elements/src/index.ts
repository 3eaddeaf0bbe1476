/**
 * `@segkit/elements`: importing this module defines every segkit tag (each
 * only if not defined yet) and exports the classes, events and helpers.
 */
import './define/provider.js';

export * from './classes.js';
