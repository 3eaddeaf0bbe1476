/**
 * How a host-declared segment field's value reads in a widget (the segment
 * list's detail line, the picker's options): a select shows its option's
 * label, a number is formatted in the element's language, text and URLs as
 * they are (always rendered as text), a boolean as the words given.
 */
import type { SegmentField, SegmentFieldValue } from '@segkit/core';
import { formatNumber } from './strings.js';

/** The value as text, or null when the segment has none (or, for a boolean, when the word for it is `''`). */
export function fieldValueText(
  field: SegmentField,
  value: SegmentFieldValue,
  lang: string,
  words: { yes: string; no: string },
): string | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return (value ? words.yes : words.no) || null;
  if (typeof value === 'number') return formatNumber(value, lang);
  if (field.type === 'select') return field.options?.find((o) => o.value === value)?.label ?? value;
  return value;
}
