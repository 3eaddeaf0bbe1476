/**
 * The applied filter in the page URL (opt-in with `sync-url`), as plain functions.
 *
 * ## Encoding
 *
 * One query parameter (default `segments`) holds the segment rules and the
 * search text:
 *
 * ```
 * ?segments=in:vips,creators;out:unassigned;match:all;q:ana silva
 * ```
 *
 * - Parts are separated by `;`, each `key:value`: `in:` included segment ids
 *   and `out:` excluded ones (comma-separated), `match:all` (absent means
 *   `any`), and `q:` the search text.
 * - `q:` is always written last and its value is the rest of the parameter, so
 *   a search may contain `;`, `,` and `:` without escaping.
 * - Segment ids are `A-Z a-z 0-9 _ -` (the store's id rule), so they need no escaping.
 * - Written with minimal percent-encoding (`:` `,` `;` stay readable; a space is `+`).
 * - An empty filter removes the parameter. Attribute filters are not mirrored.
 *
 * Reading never throws: unknown parts, malformed ids, ids of segments that do
 * not exist, and a bad `match` are ignored; an id both in and out stays in;
 * each side keeps at most 200 ids and the search at most 500 characters.
 */
import { isValidId } from '@segkit/core';
import type { MemberFilter } from '@segkit/core';
import { MAX_RULE_IDS } from '../rules/rules.js';

/** The parameter name used when `sync-url` has no value. */
export const DEFAULT_URL_PARAM = 'segments';
/** Longest search text read from a URL. */
export const MAX_URL_SEARCH = 500;

/** The segment rules and search of `filter` as a parameter value; `''` for an empty filter. */
export function encodeFilterParam(filter: Pick<MemberFilter, 'include' | 'exclude' | 'match' | 'search'>): string {
  const parts: string[] = [];
  const include = filter.include.filter(isValidId);
  const exclude = filter.exclude.filter(isValidId);
  if (include.length) parts.push(`in:${include.join(',')}`);
  if (exclude.length) parts.push(`out:${exclude.join(',')}`);
  if (filter.match === 'all' && (include.length || exclude.length || filter.search.trim())) parts.push('match:all');
  const search = filter.search.trim();
  if (search) parts.push(`q:${search}`);
  return parts.join(';');
}

/**
 * Reads a parameter value written by `encodeFilterParam` (or typed by hand).
 * `known` limits ids to segments that exist. Returns null when there is no
 * usable rule or search in it.
 */
export function decodeFilterParam(value: string | null | undefined, known?: ReadonlySet<string>): Pick<MemberFilter, 'include' | 'exclude' | 'match' | 'search'> | null {
  if (typeof value !== 'string' || value === '') return null;
  const include: string[] = [];
  const exclude: string[] = [];
  let match: 'any' | 'all' = 'any';
  let search = '';
  const ids = (list: string, into: string[]) => {
    for (const raw of list.split(',')) {
      const id = raw.trim();
      if (into.length >= MAX_RULE_IDS || !isValidId(id) || (known && !known.has(id)) || into.includes(id)) continue;
      into.push(id);
    }
  };
  let rest = value;
  while (rest !== '') {
    if (rest.startsWith('q:')) {
      search = rest.slice(2).trim().slice(0, MAX_URL_SEARCH);
      break;
    }
    const end = rest.indexOf(';');
    const part = end === -1 ? rest : rest.slice(0, end);
    rest = end === -1 ? '' : rest.slice(end + 1);
    const colon = part.indexOf(':');
    if (colon === -1) continue;
    const key = part.slice(0, colon).trim();
    const body = part.slice(colon + 1);
    if (key === 'in') ids(body, include);
    else if (key === 'out') ids(body, exclude);
    else if (key === 'match' && (body === 'all' || body === 'any')) match = body;
  }
  const out = exclude.filter((id) => !include.includes(id));
  if (!include.length && !out.length && !search) return null;
  return { include, exclude: out, match, search };
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Percent-encodes a parameter value but keeps `:` `,` `;` readable and writes a space as `+`. */
function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%2C/gi, ',').replace(/%3B/gi, ';').replace(/%20/g, '+');
}

/** The raw (decoded) value of parameter `name` in a URL's query, or null. Never throws. */
export function readParam(href: string, name: string): string | null {
  let search: string;
  try {
    search = new URL(href).search;
  } catch {
    return null;
  }
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    if (key === name) return eq === -1 ? '' : decodeComponent(pair.slice(eq + 1));
  }
  return null;
}

/**
 * `href` with parameter `name` set to `value` (removed when `value` is empty).
 * Other parameters and the hash are kept exactly as they were.
 */
export function withParam(href: string, name: string, value: string): string {
  const url = new URL(href);
  const kept = url.search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '' && decodeComponent(pair.split('=')[0]!) !== name);
  if (value) kept.push(`${encodeURIComponent(name)}=${encodeValue(value)}`);
  url.search = kept.length ? `?${kept.join('&')}` : '';
  return url.href;
}
