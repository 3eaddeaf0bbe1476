/**
 * `@segkit/elements/audience`: defines `segkit-audience` (once, safe to import twice)
 * and exports its class; nothing of the other widgets comes with it.
 */
import { SegkitAudience } from '../audience/segkit-audience.js';
import { define } from './define.js';

define('segkit-audience', SegkitAudience);

export { SegkitAudience };

declare global {
  interface HTMLElementTagNameMap {
    'segkit-audience': SegkitAudience;
  }
}
