/**
 * Finding a row by the id of what it shows (`data-id`), without building a
 * selector from the id. Ids come from the backend and may hold any text
 * (`"`, `]`, `\`, a line break): a selector made from one throws a
 * SyntaxError or matches the wrong row, and the action after it (focus,
 * copy) silently dies. Comparing `dataset.id` is exact for every string.
 * See docs/decisions/017-elements-never-break.md.
 */

/** The element under `root` whose `data-id` is exactly `id`, or null. */
export function byDataId(root: ParentNode | null | undefined, id: string): HTMLElement | null {
  if (!root) return null;
  for (const el of root.querySelectorAll<HTMLElement>('[data-id]')) {
    if (el.dataset.id === id) return el;
  }
  return null;
}

/** The first match of `selector` (a constant) inside the element whose `data-id` is `id`, or null. */
export function inDataId<T extends Element = HTMLElement>(root: ParentNode | null | undefined, id: string, selector: string): T | null {
  return byDataId(root, id)?.querySelector<T>(selector) ?? null;
}
