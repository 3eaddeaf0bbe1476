/**
 * Type-level tests (checked by `npm run typecheck`, never run): the public
 * types say what the README says. Each `@ts-expect-error` must stay an error.
 */
import type {
  ActionPromise,
  AdapterMethod,
  ChangeSource,
  DeleteResult,
  MemberTarget,
  MembershipEvent,
  MembershipResult,
  SegkitErrorCode,
  Segment,
  SegmentStore,
  SegmentsAdapter,
} from '@segkit/core';
import { ADAPTER_METHODS, SegkitError, createMemoryAdapter, createSegmentStore, parseAnswer } from '@segkit/core';
import type { SegkitProvider } from '@segkit/elements';
import { createRestAdapter } from '@segkit/rest';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assert = <T extends true>() => undefined as unknown as T;

// Adapters: both shipped adapters are SegmentsAdapters; a store takes any.
const memory: SegmentsAdapter = createMemoryAdapter();
const rest: SegmentsAdapter = createRestAdapter({ baseUrl: '/api' });
const store: SegmentStore = createSegmentStore({ adapter: rest });
void memory;

// The adapter methods are listed once, in a table typed from the interface.
assert<Equal<keyof typeof ADAPTER_METHODS, AdapterMethod>>();
assert<Equal<ReturnType<typeof parseAnswer<'listSegments'>>, Awaited<ReturnType<SegmentsAdapter['listSegments']>>>>();
// @ts-expect-error subscribe is not an answer to validate
parseAnswer('subscribe', {});

// Error codes are a closed union.
const code: SegkitErrorCode = 'name-taken';
// @ts-expect-error not an error code
const wrong: SegkitErrorCode = 'name-exists';
new SegkitError('quota', 'full');
// @ts-expect-error codes are checked when constructing errors
new SegkitError('full', 'full');
void code;
void wrong;

// Sources and targets.
assert<Equal<ChangeSource, 'manual' | 'link' | 'automation'>>();
const byQuery: MemberTarget = { kind: 'query', filter: { include: ['vips'], exclude: [], match: 'any', search: '', attributes: [] }, except: [] };
// @ts-expect-error a query target needs its exceptions list
const missingExcept: MemberTarget = { kind: 'query', filter: byQuery.kind === 'query' ? byQuery.filter : undefined! };
void missingExcept;

// Store events are typed by name.
store.on('membership', (event) => {
  assert<Equal<typeof event, MembershipEvent>>();
});
// @ts-expect-error unknown store event
store.on('memberships', () => undefined);
// @ts-expect-error assign takes segment ids, not a segment
void store.assign({ id: 'vips' });

// Actions hand back what they started: a promise of the outcome with the id of the action.
assert<Equal<ReturnType<SegmentStore['assign']>, ActionPromise<MembershipResult>>>();
assert<Equal<ReturnType<SegmentStore['unassign']>, ActionPromise<MembershipResult>>>();
assert<Equal<ReturnType<SegmentStore['createAndAssign']>, ActionPromise<{ segment: Segment; result: MembershipResult }>>>();
assert<Equal<ReturnType<SegmentStore['deleteSegment']>, ActionPromise<DeleteResult>>>();
assert<Equal<ReturnType<SegmentStore['createSegment']>, ActionPromise<Segment>>>();
assert<Equal<ReturnType<SegmentStore['updateSegment']>, ActionPromise<Segment>>>();
assert<Equal<ReturnType<SegmentStore['renameSegment']>, ActionPromise<Segment>>>();
const started = store.assign(['vips']);
const actionId: string = started.actionId;
const asPromise: Promise<MembershipResult> = started;
void actionId;
void asPromise;
// @ts-expect-error actionId is read-only
started.actionId = 'other';
// @ts-expect-error a chained promise is a plain promise, without actionId
void started.then((result) => result.members).actionId;

// DOM: the tag map and the event map.
const provider = document.createElement('segkit-provider');
assert<Equal<typeof provider, SegkitProvider>>();
document.addEventListener('segkit-membership-change', (event) => {
  const source: ChangeSource = event.detail.source;
  const ids: string[] = event.detail.memberIds;
  void source;
  void ids;
});
document.addEventListener('segkit-error', (event) => {
  const c: SegkitErrorCode = event.detail.code;
  void c;
});
document.addEventListener('segkit-selection-change', (event) => {
  if (event.detail.mode === 'query') void event.detail.except;
  // @ts-expect-error ids exist only in ids mode
  else void event.detail.except;
});
