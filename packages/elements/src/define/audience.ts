import { SegkitAudience } from '../audience/segkit-audience.js';
import { define } from './define.js';

define('segkit-audience', SegkitAudience);

declare global {
  interface HTMLElementTagNameMap {
    'segkit-audience': SegkitAudience;
  }
}
