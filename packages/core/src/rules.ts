/**
 * Input rules shared by the store (immediate feedback), the memory adapter and
 * the mock backend (the authority). One definition, so every layer agrees.
 */
import { SegkitError } from './errors.js';
import type { InviteDraft, JsonValue, SegmentDraft, SegmentPatch } from './model.js';
import { UNASSIGNED_ID } from './model.js';
import { hasForbiddenNameCharacter, hasVisibleCharacter, nameKey, normalizeName } from './names.js';
import { checkReveal } from './reveal.js';

export { nameKey, normalizeName } from './names.js';

export const NAME_MAX_LENGTH = 80;
export const DESCRIPTION_MAX_LENGTH = 500;
export const METADATA_MAX_BYTES = 4096;
/** Display name of the derived segment; reserved for user segments in any case. */
export const UNASSIGNED_NAME = 'Unassigned';

const COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/**
 * Checks a segment name against the rules and the names in use.
 * Returns the normalised name; throws `name-invalid`, `reserved-segment` or `name-taken`.
 */
export function checkSegmentName(
  name: unknown,
  existing: Iterable<{ id: string; name: string }>,
  selfId?: string,
): string {
  if (typeof name !== 'string') throw new SegkitError('name-invalid', 'A segment name is required.', { field: 'name' });
  // Before normalising: white-space folding must not hide a forbidden character (U+FEFF is white space to JS).
  if (hasForbiddenNameCharacter(name)) {
    throw new SegkitError(
      'name-invalid',
      'A segment name cannot contain control characters, line breaks, or invisible or direction-changing characters.',
      { field: 'name' },
    );
  }
  const normalized = normalizeName(name);
  if (normalized.length === 0) {
    throw new SegkitError('name-invalid', 'A segment name cannot be empty.', { field: 'name' });
  }
  if (!hasVisibleCharacter(normalized)) {
    throw new SegkitError('name-invalid', 'A segment name needs at least one visible character.', { field: 'name' });
  }
  if ([...normalized].length > NAME_MAX_LENGTH) {
    throw new SegkitError('name-invalid', `A segment name can have at most ${NAME_MAX_LENGTH} characters.`, {
      field: 'name',
    });
  }
  const key = nameKey(normalized);
  if (key === nameKey(UNASSIGNED_NAME) || key === UNASSIGNED_ID) {
    throw new SegkitError('reserved-segment', `"${UNASSIGNED_NAME}" is a built-in segment name.`, { field: 'name' });
  }
  for (const segment of existing) {
    if (segment.id !== selfId && nameKey(segment.name) === key) {
      throw new SegkitError('name-taken', `A segment named "${segment.name}" already exists.`, { field: 'name' });
    }
  }
  return normalized;
}

function checkDescription(description: unknown): void {
  if (typeof description !== 'string' || [...description].length > DESCRIPTION_MAX_LENGTH) {
    throw new SegkitError('invalid-input', `A description is text of at most ${DESCRIPTION_MAX_LENGTH} characters.`, {
      field: 'description',
    });
  }
}

function checkColor(color: unknown): void {
  if (typeof color !== 'string' || !COLOR.test(color)) {
    throw new SegkitError('invalid-input', 'A colour is written #rgb or #rrggbb.', { field: 'color' });
  }
}

function isJson(value: unknown, depth = 0): value is JsonValue {
  if (depth > 16) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    return (proto === Object.prototype || proto === null) && Object.values(value).every((v) => isJson(v, depth + 1));
  }
  return false;
}

function checkMetadata(metadata: unknown): void {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata) || !isJson(metadata)) {
    throw new SegkitError('invalid-input', 'Metadata is a JSON object.', { field: 'metadata' });
  }
  if (new TextEncoder().encode(JSON.stringify(metadata)).length > METADATA_MAX_BYTES) {
    throw new SegkitError('invalid-input', `Metadata can take at most ${METADATA_MAX_BYTES} bytes of JSON.`, {
      field: 'metadata',
    });
  }
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Ids are 1-64 characters of `A-Z a-z 0-9 _ -`. */
export function isValidId(id: unknown): id is string {
  return typeof id === 'string' && ID.test(id);
}

/** Validates and normalises a draft; returns a clean copy. */
export function checkSegmentDraft(
  draft: SegmentDraft,
  existing: Iterable<{ id: string; name: string }>,
): SegmentDraft {
  if (typeof draft !== 'object' || draft === null) {
    throw new SegkitError('invalid-input', 'A segment draft is an object with a name.');
  }
  if (draft.id !== undefined) {
    if (!isValidId(draft.id)) {
      throw new SegkitError('invalid-input', 'A segment id is 1-64 letters, digits, "_" or "-".', { field: 'id' });
    }
    if (draft.id === UNASSIGNED_ID) {
      throw new SegkitError('reserved-segment', `"${UNASSIGNED_ID}" is the built-in segment's id.`, { field: 'id' });
    }
  }
  const name = checkSegmentName(draft.name, existing);
  const clean: SegmentDraft = { name };
  if (draft.id !== undefined) clean.id = draft.id;
  if (draft.description !== undefined) {
    checkDescription(draft.description);
    clean.description = draft.description;
  }
  if (draft.color !== undefined) {
    checkColor(draft.color);
    clean.color = draft.color.toLowerCase();
  }
  if (draft.metadata !== undefined) {
    checkMetadata(draft.metadata);
    clean.metadata = structuredClone(draft.metadata);
  }
  return clean;
}

/** Validates a patch for segment `id`; returns a clean copy. */
export function checkSegmentPatch(
  id: string,
  patch: SegmentPatch,
  existing: Iterable<{ id: string; name: string }>,
): SegmentPatch {
  if (id === UNASSIGNED_ID) {
    throw new SegkitError('reserved-segment', `The ${UNASSIGNED_NAME} segment cannot be changed.`);
  }
  if (typeof patch !== 'object' || patch === null) {
    throw new SegkitError('invalid-input', 'A segment patch is an object.');
  }
  const clean: SegmentPatch = {};
  if (patch.name !== undefined) clean.name = checkSegmentName(patch.name, existing, id);
  if (patch.description !== undefined) {
    if (patch.description !== null) checkDescription(patch.description);
    clean.description = patch.description;
  }
  if (patch.color !== undefined) {
    if (patch.color !== null) checkColor(patch.color);
    clean.color = patch.color === null ? null : patch.color.toLowerCase();
  }
  if (patch.metadata !== undefined) {
    if (patch.metadata !== null) checkMetadata(patch.metadata);
    clean.metadata = patch.metadata === null ? null : structuredClone(patch.metadata);
  }
  return clean;
}

export function checkInviteDraft(draft: InviteDraft, now: number): InviteDraft {
  if (typeof draft !== 'object' || draft === null || typeof draft.segmentId !== 'string') {
    throw new SegkitError('invalid-input', 'An invite needs a segment.', { field: 'segmentId' });
  }
  if (draft.segmentId === UNASSIGNED_ID) {
    throw new SegkitError('reserved-segment', `Invite links cannot place members in ${UNASSIGNED_NAME}.`, {
      field: 'segmentId',
    });
  }
  const clean: InviteDraft = { segmentId: draft.segmentId };
  if (draft.expiresAt !== undefined) {
    const at = Date.parse(draft.expiresAt);
    if (Number.isNaN(at)) {
      throw new SegkitError('invalid-input', 'The expiry is an ISO 8601 date.', { field: 'expiresAt' });
    }
    if (at <= now) throw new SegkitError('invalid-input', 'The expiry must be in the future.', { field: 'expiresAt' });
    clean.expiresAt = new Date(at).toISOString();
  }
  if (draft.maxUses !== undefined) {
    if (!Number.isInteger(draft.maxUses) || draft.maxUses < 1 || draft.maxUses > 1_000_000) {
      throw new SegkitError('invalid-input', 'Maximum uses is a whole number from 1 to 1,000,000.', {
        field: 'maxUses',
      });
    }
    clean.maxUses = draft.maxUses;
  }
  if (draft.reveal !== undefined) {
    // Sent only when the link reveals something: a backend that predates
    // `reveal` sees the same request for a link that reveals nothing.
    const reveal = checkReveal(draft.reveal);
    if (reveal.length > 0) clean.reveal = reveal;
  }
  return clean;
}
