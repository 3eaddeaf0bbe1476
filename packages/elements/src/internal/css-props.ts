import { noChange } from 'lit';
import type { ElementPart } from 'lit';
import { Directive, PartType, directive } from 'lit/directive.js';
import type { DirectiveParameters, PartInfo } from 'lit/directive.js';

/**
 * Sets inline style properties (usually `--_*` custom properties) through the
 * CSSOM (`style.setProperty`), on the first render too. Lit's `styleMap`
 * writes a `style="..."` attribute on first render, which a strict
 * Content-Security-Policy (`style-src` without 'unsafe-inline') blocks; the
 * CSSOM is not subject to it. Use as an element binding: `<span ${cssProps({ '--_dot': color })}>`.
 * Properties whose value is `undefined` or `null` are removed.
 */
class CssPropsDirective extends Directive {
  #previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProps() is an element binding: <el ${cssProps({...})}>');
  }

  render(_props: Readonly<Record<string, string | number | undefined | null>>): unknown {
    return noChange;
  }

  override update(part: ElementPart, [props]: DirectiveParameters<this>): unknown {
    const style = (part.element as HTMLElement).style;
    for (const name of this.#previous) if (!(name in props) || props[name] == null) style.removeProperty(name);
    this.#previous.clear();
    for (const [name, value] of Object.entries(props)) {
      if (value == null) continue;
      style.setProperty(name, String(value));
      this.#previous.add(name);
    }
    return noChange;
  }
}

export const cssProps = directive(CssPropsDirective);
