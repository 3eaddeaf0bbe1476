/**
 * Shape checks of request bodies the memory adapter does not check itself
 * (it trusts its TypeScript callers; the wire does not have types).
 */
import { SegkitError } from '@segkit/core';

const OPS = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains']);
const SORT_KEY = /^(?:name|email|createdAt|segments|attributes\..+)$/;
const SOURCES = new Set(['manual', 'link', 'automation']);

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalid(message: string, field?: string): never {
  throw new SegkitError('invalid-input', message, field === undefined ? {} : { field });
}

function isIdList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((id) => typeof id === 'string');
}

function isAttributeValue(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** Checks segment rules and the filter fields when present (`search`, `attributes`). */
export function checkFilter(value: unknown, where: string, requireFilter: boolean): void {
  if (!isRecord(value)) invalid(`${where} is an object.`, where);
  if (!isIdList(value.include)) invalid(`${where}.include is a list of segment ids.`, `${where}.include`);
  if (!isIdList(value.exclude)) invalid(`${where}.exclude is a list of segment ids.`, `${where}.exclude`);
  if (value.match !== 'any' && value.match !== 'all') invalid(`${where}.match is "any" or "all".`, `${where}.match`);
  if (!requireFilter) return;
  if (typeof value.search !== 'string') invalid(`${where}.search is text (required; "" for none).`, `${where}.search`);
  if (!Array.isArray(value.attributes)) invalid(`${where}.attributes is a list (required; [] for none).`, `${where}.attributes`);
  for (const rule of value.attributes) {
    if (!isRecord(rule) || typeof rule.key !== 'string' || !OPS.has(rule.op as string) || !isAttributeValue(rule.value)) {
      invalid(`${where}.attributes holds { key, op, value } rules.`, `${where}.attributes`);
    }
  }
}

/** `{ query, offset, limit }` of `POST /members/query`. */
export function checkQueryRequest(body: unknown): void {
  if (!isRecord(body)) invalid('The body is { query, offset, limit }.');
  checkFilter(body.query, 'query', true);
  const query = body.query as Record<string, unknown>;
  const sort = query.sort;
  if (!isRecord(sort) || typeof sort.key !== 'string' || !SORT_KEY.test(sort.key) || (sort.dir !== 'asc' && sort.dir !== 'desc')) {
    invalid('query.sort is { key, dir: "asc" | "desc" } (required).', 'query.sort');
  }
  if (!Number.isInteger(body.offset) || (body.offset as number) < 0) invalid('offset is a whole number >= 0.', 'offset');
  if (!Number.isInteger(body.limit) || (body.limit as number) < 1 || (body.limit as number) > 500) {
    invalid('limit is a whole number from 1 to 500.', 'limit');
  }
}

/** A `MembershipChange`: its target and source (the adapter checks op and segments). */
export function checkChange(body: unknown): void {
  if (!isRecord(body)) invalid('The body is a membership change.');
  const target = body.target;
  if (!isRecord(target)) invalid('target is { kind: "ids", ids } or { kind: "query", filter, except }.', 'target');
  if (target.kind === 'ids') {
    if (!isIdList(target.ids)) invalid('target.ids is a list of member ids.', 'target.ids');
  } else if (target.kind === 'query') {
    checkFilter(target.filter, 'target.filter', true);
    if (!isIdList(target.except)) invalid('target.except is a list of member ids (required; [] for none).', 'target.except');
  } else {
    invalid('target.kind is "ids" or "query".', 'target.kind');
  }
  if (!SOURCES.has(body.source as string)) invalid('source is "manual", "link" or "automation".', 'source');
}

/**
 * `{ token, profile }` of `POST /invites/redeem`, nothing more. The profile's
 * own fields (only `name` and `email`) are the memory adapter's check.
 */
export function checkRedeem(body: unknown): { token: string; profile: unknown } {
  if (!isRecord(body) || typeof body.token !== 'string' || body.token === '') {
    invalid('The body is { token, profile }.', 'token');
  }
  const extra = Object.keys(body).find((key) => key !== 'token' && key !== 'profile');
  if (extra !== undefined) invalid('The body is { token, profile }, nothing more.', extra);
  if (!isRecord(body.profile)) invalid('profile is { name, email? }.', 'profile');
  return { token: body.token, profile: body.profile };
}
