/** A few 24px stroke icons (decorative: always next to a visible or accessible label). */
import { svg } from 'lit';
import type { SVGTemplateResult } from 'lit';

const paths = {
  users: svg`<path d="M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2"/><circle cx="9" cy="7" r="4"/><path d="M22 21v-2a4 4 0 0 0-3-3.87"/><path d="M16 3.13a4 4 0 0 1 0 7.75"/>`,
  folder: svg`<path d="M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z"/>`,
  target: svg`<circle cx="12" cy="12" r="9"/><circle cx="12" cy="12" r="5"/><circle cx="12" cy="12" r="1"/>`,
  link: svg`<path d="M10 13a5 5 0 0 0 7.07 0l3-3a5 5 0 0 0-7.07-7.07l-1.5 1.5"/><path d="M14 11a5 5 0 0 0-7.07 0l-3 3a5 5 0 0 0 7.07 7.07l1.5-1.5"/>`,
  settings: svg`<path d="M4 6h10M18 6h2M4 12h4M12 12h8M4 18h12M20 18h0"/><circle cx="16" cy="6" r="2"/><circle cx="10" cy="12" r="2"/><circle cx="18" cy="18" r="2"/>`,
  activity: svg`<path d="M22 12h-4l-3 9L9 3l-3 9H2"/>`,
  sun: svg`<circle cx="12" cy="12" r="4"/><path d="M12 2v2M12 20v2M4.93 4.93l1.41 1.41M17.66 17.66l1.41 1.41M2 12h2M20 12h2M4.93 19.07l1.41-1.41M17.66 6.34l1.41-1.41"/>`,
  moon: svg`<path d="M21 12.79A9 9 0 1 1 11.21 3 7 7 0 0 0 21 12.79z"/>`,
  close: svg`<path d="M18 6 6 18M6 6l12 12"/>`,
  check: svg`<path d="M20 6 9 17l-5-5"/>`,
  alert: svg`<circle cx="12" cy="12" r="9"/><path d="M12 8v4M12 16h.01"/>`,
  cloudOff: svg`<path d="m2 2 20 20"/><path d="M5.78 5.78A6 6 0 0 0 7 17h9.5M21.7 15.7A4.5 4.5 0 0 0 18 9h-1.26A8 8 0 0 0 9.9 3.4"/>`,
  sparkle: svg`<path d="M12 3l1.9 5.1L19 10l-5.1 1.9L12 17l-1.9-5.1L5 10l5.1-1.9z"/><path d="M19 17l.7 1.8 1.8.7-1.8.7L19 22l-.7-1.8-1.8-.7 1.8-.7z"/>`,
  bolt: svg`<path d="M13 2 3 14h9l-1 8 10-12h-9z"/>`,
  trash: svg`<path d="M3 6h18M8 6V4h8v2M19 6l-1 14H6L5 6"/>`,
};

export type IconName = keyof typeof paths;

export function icon(name: IconName, size = 20): SVGTemplateResult {
  return svg`<svg class="icon" width=${size} height=${size} viewBox="0 0 24 24" fill="none" stroke="currentColor"
    stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${paths[name]}</svg>`;
}
