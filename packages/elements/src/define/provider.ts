/**
 * `@segkit/elements/provider`: defines `segkit-provider` (once, safe to import twice)
 * and exports its class; nothing of the other widgets comes with it.
 */
import { SegkitProvider } from '../provider/segkit-provider.js';
import { define } from './define.js';

define('segkit-provider', SegkitProvider);

export { SegkitProvider };

declare global {
  interface HTMLElementTagNameMap {
    'segkit-provider': SegkitProvider;
  }
}
