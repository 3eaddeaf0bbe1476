/**
 * The segment list's host-declared fields (a discount code per segment),
 * headless: what each row shows, the inline editor's input and its check as
 * it is typed. The actions that save live in `segment-list.connector.ts`;
 * this module only holds the pure parts. Lit-free.
 */
import { parseSegmentFieldValue, segmentFieldValue, toSegkitError } from '@segkit/core';
import type { SegkitError, SegmentField, SegmentFieldValue, SegmentView } from '@segkit/core';

/** One declared field on a row: its declaration and the segment's value (`null`: missing). */
export interface SegmentFieldItem {
  field: SegmentField;
  value: SegmentFieldValue;
}

/** The inline field editor while it is open. */
export interface SegmentFieldForm {
  /** The segment being edited. */
  id: string;
  /** The field's key. */
  key: string;
  /** What is typed or chosen: text for text, number, url and select fields; a boolean for boolean fields. */
  input: string | boolean;
  /** What is wrong with `input` (checked as it is typed with `parseSegmentFieldValue`, or the backend's refusal), or null. */
  error: SegkitError | null;
}

/** The declared fields of a segment with their values; none for Unassigned (it cannot be edited). */
export function fieldItems(segment: SegmentView, fields: readonly SegmentField[], editable: boolean): readonly SegmentFieldItem[] {
  return editable ? fields.map((field) => ({ field, value: segmentFieldValue(segment, field.key) })) : [];
}

/** The editor's first input for a value: the value as text (`''` when missing), or the boolean. */
export function fieldInput(field: SegmentField, value: SegmentFieldValue): string | boolean {
  if (field.type === 'boolean') return value === true;
  return value === null ? '' : String(value);
}

/** The value `input` stands for, or the reason it is refused (the field's own message). */
export function checkField(field: SegmentField, input: string | boolean): { value: SegmentFieldValue; error: null } | { value: null; error: SegkitError } {
  try {
    return { value: parseSegmentFieldValue(field, input), error: null };
  } catch (error) {
    return { value: null, error: toSegkitError(error) };
  }
}
