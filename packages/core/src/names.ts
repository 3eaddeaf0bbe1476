/**
 * Segment names: the one normal form, the one comparison key, and the
 * characters a name may not hold (decision 016). Every layer that takes a name
 * (the store, the memory adapter, the mock backend through it) goes through
 * `checkSegmentName` in `rules.ts`, which uses these.
 */

/**
 * Characters never allowed in a name: controls (Cc), format characters (Cf:
 * zero-width spaces and joiners, bidi controls such as U+202E, soft hyphen,
 * BOM, tag characters), lone surrogates, line and paragraph separators, and
 * the invisible letters and blanks that are not Cf (Hangul fillers,
 * combining grapheme joiner, Braille blank). Two joiners are allowed where a
 * script needs them, see `ALLOWED_JOINERS`.
 */
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\u034F\u115F\u1160\u3164\uFFA0\u2800]/u;

/**
 * The only format characters a name keeps: U+200D ZERO WIDTH JOINER inside an
 * emoji sequence (a pictograph, with its variation selector or skin tone,
 * joined to the next pictograph: 🏳️‍🌈, 👩‍💻), and U+200C ZERO WIDTH
 * NON-JOINER between two letters of the scripts whose spelling needs it
 * (Persian, the Indic scripts). Between Latin letters both are refused.
 */
const ALLOWED_JOINERS = new RegExp(
  [
    String.raw`(\p{Extended_Pictographic}[\uFE0F\u{1F3FB}-\u{1F3FF}]?)\u200D(?=\p{Extended_Pictographic})`,
    String.raw`([\p{Script=Arabic}\p{Script=Syriac}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}` +
      String.raw`\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}` +
      String.raw`\p{Script=Malayalam}\p{Script=Sinhala}]\p{M}*)\u200C(?=[\p{Script=Arabic}\p{Script=Syriac}` +
      String.raw`\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}` +
      String.raw`\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}])`,
  ].join('|'),
  'gu',
);

/** Something a reader can see: a letter, digit, punctuation or symbol. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** Combining marks of the diacritic blocks: the accents a comparison ignores ("Café" = "CAFE"). */
const ACCENTS = /[\u0300-\u036F\u1AB0-\u1AFF\u1DC0-\u1DFF\u20D0-\u20FF\uFE20-\uFE2F]/gu;

/** True when `name` holds a character no name may hold (checked before any normalising). */
export function hasForbiddenNameCharacter(name: string): boolean {
  return FORBIDDEN.test(name.normalize('NFC').replace(ALLOWED_JOINERS, '$1$2'));
}

/** True when `name` has at least one visible character (not only spaces and marks). */
export function hasVisibleCharacter(name: string): boolean {
  return VISIBLE.test(name);
}

/** The display form of a name: NFC, runs of white space made one space, trimmed ("  Summer   Sale " → "Summer Sale"). */
export function normalizeName(name: string): string {
  return name.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/**
 * The comparison form of a name: two names clash when their keys are equal.
 * Compatibility forms folded (full-width "ＶＩＰ" = "VIP"), case and accents
 * ignored, the allowed joiners dropped. Only diacritic marks are dropped, not
 * every mark: vowel signs are letters in Devanagari, and "कम" is not "काम".
 */
export function nameKey(name: string): string {
  return normalizeName(name)
    .normalize('NFKD')
    .replace(ACCENTS, '')
    .replace(/[\u200C\u200D]/gu, '')
    .normalize('NFKC')
    .toLocaleLowerCase('en-US');
}
