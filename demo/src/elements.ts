/**
 * Loads the segkit elements that exist in the repo. Each element is defined
 * by its own file in packages/elements/src/define/; the glob picks up every
 * one present at build time, so the demo builds and runs while elements are
 * still landing, and shows a placeholder where one is missing.
 */
import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { strings } from './strings.js';

// Eager: every define file present is bundled and runs now (each defines its tag once).
import.meta.glob(['../../packages/elements/src/define/*.ts', '!**/define.ts'], { eager: true });

/** The tags the demo uses, with what each shows (for placeholders). */
export const TAGS = {
  'segkit-provider': 'Provider',
  'segkit-member-table': 'Member table',
  'segkit-segment-picker': 'Segment picker',
  'segkit-segment-filter': 'Segment filter',
  'segkit-segment-list': 'Segment list',
  'segkit-audience': 'Audience',
  'segkit-invite-link': 'Invite link',
} as const;

export type Tag = keyof typeof TAGS;

export function isDefined(tag: Tag): boolean {
  return customElements.get(tag) !== undefined;
}

/** The element's template when its tag is defined, else a tidy placeholder of about its size. */
export function element(tag: Tag, template: () => TemplateResult, size: 'sm' | 'md' | 'lg' = 'md'): TemplateResult {
  if (isDefined(tag)) return template();
  return html`<div class="placeholder placeholder-${size}" data-placeholder=${tag}>
    <span class="placeholder-title">${TAGS[tag]}</span>
    <span class="placeholder-text">${strings.placeholder(tag)}</span>
  </div>`;
}
