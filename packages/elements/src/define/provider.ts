import { SegkitProvider } from '../provider/segkit-provider.js';
import { define } from './define.js';

define('segkit-provider', SegkitProvider);

declare global {
  interface HTMLElementTagNameMap {
    'segkit-provider': SegkitProvider;
  }
}
