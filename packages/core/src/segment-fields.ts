/**
 * Host-declared segment fields: per-segment data such as a discount code,
 * stored in the segment's `metadata` under the field's key. The host declares
 * them once (`createSegmentStore({ segmentFields })`); the store checks a
 * value here before anything is sent, and the widgets show and edit them.
 * Keys of `metadata` that no field declares are the backend's or another
 * app's: they are carried along untouched.
 */
import { SegkitError } from './errors.js';
import type { JsonValue, Segment } from './model.js';
import { hasForbiddenNameCharacter } from './names.js';

export type SegmentFieldType = 'text' | 'number' | 'url' | 'select' | 'boolean';

/** One field a host declares for every segment. */
export interface SegmentField {
  /** The `metadata` key the value is stored under (`discountCode`). */
  key: string;
  /** What people see ("Discount code"). */
  label: string;
  type: SegmentFieldType;
  /** A value is needed: clearing it is refused. Segments without one still show (as missing). */
  required?: boolean;
  /** `select`: the values to choose from, with what people see for each. */
  options?: ReadonlyArray<{ value: string; label: string }>;
  /** `text`: a pattern the whole value must match (`^[A-Z0-9]{3,20}$`). */
  pattern?: string;
  /** `text`: at most this many characters (default 200). */
  maxLength?: number;
  /** `number`: bounds, inclusive. */
  min?: number;
  max?: number;
  /** The message when a value breaks this field's rules (default: one naming the rule). */
  message?: string;
}

/** A field's value: text, a number, a boolean, or `null` (none). */
export type SegmentFieldValue = string | number | boolean | null;

const TYPES = new Set<SegmentFieldType>(['text', 'number', 'url', 'select', 'boolean']);
const KEY = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
/** A key of the form a segment field's takes: a letter or `_`, then up to 63 of `A-Z a-z 0-9 _ . -`; never `__proto__`. */
export function isSegmentFieldKey(key: unknown): key is string {
  return typeof key === 'string' && KEY.test(key) && key !== '__proto__';
}
const TEXT_MAX = 200;

/** Checks the host's declarations once (unique, well-formed keys; known types; select options); returns a frozen copy. */
export function checkSegmentFields(fields: readonly SegmentField[] | undefined): readonly SegmentField[] {
  if (fields === undefined) return Object.freeze([]);
  if (!Array.isArray(fields)) throw new SegkitError('invalid-input', 'segmentFields is a list of fields.', { field: 'segmentFields' });
  const keys = new Set<string>();
  const out = fields.map((field: SegmentField) => {
    const where = { field: 'segmentFields' };
    if (typeof field !== 'object' || field === null || typeof field.key !== 'string' || !KEY.test(field.key) || field.key === '__proto__') {
      throw new SegkitError('invalid-input', 'A segment field needs a key of letters, digits, _ . - (at most 64).', where);
    }
    if (keys.has(field.key)) throw new SegkitError('invalid-input', `Two segment fields have the key "${field.key}".`, where);
    keys.add(field.key);
    if (typeof field.label !== 'string' || field.label.trim() === '') {
      throw new SegkitError('invalid-input', `The segment field "${field.key}" needs a label.`, where);
    }
    if (!TYPES.has(field.type)) throw new SegkitError('invalid-input', `The segment field "${field.key}" has an unknown type.`, where);
    if (field.type === 'select' && (!Array.isArray(field.options) || field.options.length === 0)) {
      throw new SegkitError('invalid-input', `The select field "${field.key}" needs options.`, where);
    }
    if (field.pattern !== undefined) {
      try {
        new RegExp(field.pattern, 'u');
      } catch {
        throw new SegkitError('invalid-input', `The segment field "${field.key}" has a pattern that is not a regular expression.`, where);
      }
    }
    return Object.freeze({ ...field, ...(field.options ? { options: Object.freeze([...field.options]) } : {}) });
  });
  return Object.freeze(out);
}

/** The value of `field` on `segment` (its own `metadata` key), or `null`. */
export function segmentFieldValue(segment: Pick<Segment, 'metadata'> | undefined, key: string): SegmentFieldValue {
  const metadata = segment?.metadata;
  if (!metadata || !Object.prototype.hasOwnProperty.call(metadata, key)) return null;
  const value = metadata[key];
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

function refuse(field: SegmentField, fallback: string): never {
  throw new SegkitError('invalid-input', field.message ?? fallback, { field: field.key });
}

/**
 * The value to store for `field` from what a person typed or chose (or a
 * host passed): text trimmed and NFC-normalised, numbers parsed, URLs
 * checked; an empty value is `null`. Throws `invalid-input` with
 * `field: <key>` and the field's message when it breaks a rule.
 */
export function parseSegmentFieldValue(field: SegmentField, input: unknown): SegmentFieldValue {
  let value: JsonValue | undefined = input as JsonValue;
  if (typeof value === 'string') {
    value = value.normalize('NFC').trim();
    if (value === '') value = null;
  }
  if (value === null || value === undefined) {
    if (field.required) refuse(field, `${field.label} is required.`);
    return null;
  }
  switch (field.type) {
    case 'text': {
      if (typeof value !== 'string') refuse(field, `${field.label} is text.`);
      if (hasForbiddenNameCharacter(value)) refuse(field, `${field.label} cannot contain line breaks or invisible characters.`);
      const max = field.maxLength ?? TEXT_MAX;
      if ([...value].length > max) refuse(field, `${field.label} can have at most ${max} characters.`);
      if (field.pattern !== undefined && !new RegExp(`^(?:${field.pattern})$`, 'u').test(value)) {
        refuse(field, `${field.label} is not in the expected form.`);
      }
      return value;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value) ? Number(value) : NaN;
      if (!Number.isFinite(n)) refuse(field, `${field.label} is a number.`);
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) {
        refuse(field, `${field.label} is a number from ${field.min ?? '−∞'} to ${field.max ?? '∞'}.`);
      }
      return n;
    }
    case 'url': {
      let url: URL | undefined;
      try {
        url = typeof value === 'string' ? new URL(value) : undefined;
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) refuse(field, `${field.label} is a web address (https://…).`);
      return url.href;
    }
    case 'select':
      if (typeof value !== 'string' || !field.options!.some((o) => o.value === value)) refuse(field, `Choose one of the options for ${field.label}.`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') refuse(field, `${field.label} is yes or no.`);
      return value;
  }
}

/**
 * `metadata` with `key` set to `value` (or removed for `null`), every other
 * key kept as it is: a save never drops what the host did not declare.
 */
export function withSegmentField(
  metadata: Segment['metadata'],
  key: string,
  value: SegmentFieldValue,
): Record<string, JsonValue> {
  const next: Record<string, JsonValue> = { ...(metadata ?? {}) };
  if (value === null) delete next[key];
  else next[key] = value;
  return next;
}
