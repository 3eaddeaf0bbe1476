/**
 * The memory adapter's checks of what callers send it (rules, invite
 * profiles) and the defaults it fills in for partial filters and queries.
 */
import { SegkitError } from './errors.js';
import type { InviteProfile, MemberFilter, MemberQuery, SegmentRules } from './model.js';

/** Include / exclude lists and match "any" or "all", or `invalid-input`. */
export function checkRules(rules: SegmentRules): void {
  if (
    typeof rules !== 'object' ||
    rules === null ||
    !Array.isArray(rules.include) ||
    !Array.isArray(rules.exclude) ||
    (rules.match !== 'any' && rules.match !== 'all')
  ) {
    throw new SegkitError('invalid-input', 'Rules need include and exclude lists and match "any" or "all".');
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const PROFILE_KEYS = new Set(['name', 'email']);

/**
 * A clean profile for joining through an invite link (a name, maybe an email),
 * or `invalid-input`. An anonymous redeemer sets nothing else: any other field
 * (attributes, segments, an id) is refused, not dropped, so a form that sends
 * more learns it at once.
 */
export function checkProfile(profile: InviteProfile): InviteProfile {
  if (typeof profile !== 'object' || profile === null || Array.isArray(profile)) {
    throw new SegkitError('invalid-input', 'A profile with a name is required.', { field: 'name' });
  }
  const extra = Object.keys(profile).find((key) => !PROFILE_KEYS.has(key) && (profile as unknown as Record<string, unknown>)[key] !== undefined);
  if (extra !== undefined) {
    throw new SegkitError('invalid-input', 'Joining through a link takes only a name and an email.', { field: extra });
  }
  const name = typeof profile.name === 'string' ? profile.name.trim() : '';
  if (name.length === 0 || name.length > 200) {
    throw new SegkitError('invalid-input', 'A name of 1 to 200 characters is required.', { field: 'name' });
  }
  const clean: InviteProfile = { name };
  if (profile.email !== undefined && profile.email !== '') {
    if (typeof profile.email !== 'string' || !EMAIL.test(profile.email.trim())) {
      throw new SegkitError('invalid-input', 'That email address does not look right.', { field: 'email' });
    }
    clean.email = profile.email.trim();
  }
  return clean;
}

/** A filter with every field present (the defaults of an empty filter). */
export function normalizeFilter(filter: MemberFilter): MemberFilter {
  return {
    include: filter.include ?? [],
    exclude: filter.exclude ?? [],
    match: filter.match ?? 'any',
    search: typeof filter.search === 'string' ? filter.search : '',
    attributes: Array.isArray(filter.attributes) ? filter.attributes : [],
  };
}

/** A query with every field present (sorted by name by default). */
export function normalizeQuery(query: MemberQuery): MemberQuery {
  return { ...normalizeFilter(query), sort: query.sort ?? { key: 'name', dir: 'asc' } };
}
