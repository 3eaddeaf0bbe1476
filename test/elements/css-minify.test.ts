/**
 * The build minifies the CSS of every css`...` template of the elements
 * (scripts/minify-css-literals.mjs, decision 026). Whatever it drops, the
 * browser must read the same rules: each element's styles, parsed by the
 * engine before and after, serialize to the same text.
 */
import type { CSSResultOrNative } from 'lit';
import { minifyCss } from '../../scripts/minify-css-literals.mjs';
import {
  SegkitAudience,
  SegkitInviteLink,
  SegkitMemberTable,
  SegkitProvider,
  SegkitSegmentFilter,
  SegkitSegmentList,
  SegkitSegmentPicker,
} from '../../packages/elements/src/classes.js';
import { expect } from '../setup/expect.js';

/**
 * The rules as the engine reads them, one a line. A custom property keeps
 * its value's text as written (`--a: x, y` and `--a: x,y` serialize apart),
 * though a comma's space means nothing once the value is used: only that is
 * evened out.
 */
function parsed(cssText: string): string[] {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(cssText);
  return [...sheet.cssRules].map((rule) => rule.cssText.replace(/,\s+/g, ','));
}

describe('minified element CSS', () => {
  it('means the same to the browser as the source, for every element', () => {
    const elements = { SegkitAudience, SegkitInviteLink, SegkitMemberTable, SegkitProvider, SegkitSegmentFilter, SegkitSegmentList, SegkitSegmentPicker };
    let texts = 0;
    let saved = 0;
    for (const [name, element] of Object.entries(elements)) {
      const finalized = element as unknown as { finalize(): void; elementStyles: CSSResultOrNative[] };
      finalized.finalize();
      const styles = finalized.elementStyles;
      for (const style of styles) {
        const source = 'cssText' in style ? style.cssText : '';
        if (!source) continue;
        const minified = minifyCss(source);
        expect(parsed(minified), `${name}: ${source.slice(0, 80)}`).to.deep.equal(parsed(source));
        texts += 1;
        saved += source.length - minified.length;
      }
    }
    expect(texts, 'style texts checked').to.be.greaterThan(10);
    expect(saved, 'characters the minifier removed').to.be.greaterThan(1000);
  });
});
