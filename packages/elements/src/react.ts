/**
 * `@segkit/elements/react`: a React component per segkit element, made with
 * `@lit/react`'s `createComponent`. Importing it defines the tags.
 *
 * Why wrappers when React 19 renders custom elements itself: React sets an
 * element's properties (`store`, `columns`, `strings`, ...) when it creates
 * the element on the client, but not when it hydrates server-rendered
 * markup, so a server-rendered `<segkit-member-table store={store}>` never
 * gets its store. The wrappers set every property the element class
 * declares, on the client and after hydration alike, and take the element's
 * `segkit-*` events as camelCase props (`onMembershipChange`), each handler
 * given the typed event. Native `input` and `change` (the form fields) stay
 * React's own `onInput` / `onChange`.
 *
 * The event props follow the manifest's `@fires` of each element
 * (`custom-elements.json`): `wrapperEvents` lists them by tag, and
 * `scripts/check-packages.mjs` fails when the two differ. Where each event is dispatched (the widget the user acted on,
 * else the provider) is decision 030.
 */
import { createComponent } from '@lit/react';
import type { EventName } from '@lit/react';
import * as React from 'react';
import './index.js';
import type { SegkitErrorEvent } from './events/error.js';
import type { SegkitFilterApplyEvent } from './events/filter-apply.js';
import type { SegkitInviteCreateEvent } from './events/invite-create.js';
import type { SegkitInviteRevokeEvent } from './events/invite-revoke.js';
import type { SegkitMembershipChangeEvent } from './events/membership-change.js';
import type { SegkitSegmentCreateEvent } from './events/segment-create.js';
import type { SegkitSegmentDeleteEvent } from './events/segment-delete.js';
import type { SegkitSegmentOpenEvent } from './events/segment-open.js';
import type { SegkitSegmentRenameEvent } from './events/segment-rename.js';
import type { SegkitSegmentUpdateEvent } from './events/segment-update.js';
import type { SegkitSelectionChangeEvent } from './events/selection-change.js';
import { SegkitAudience as AudienceElement } from './audience/segkit-audience.js';
import { SegkitInviteLink as InviteLinkElement } from './invite-link/segkit-invite-link.js';
import { SegkitMemberTable as MemberTableElement } from './member-table/segkit-member-table.js';
import { SegkitProvider as ProviderElement } from './provider/segkit-provider.js';
import { SegkitSegmentFilter as SegmentFilterElement } from './segment-filter/segkit-segment-filter.js';
import { SegkitSegmentList as SegmentListElement } from './segment-list/segkit-segment-list.js';
import { SegkitSegmentPicker as SegmentPickerElement } from './segment-picker/segkit-segment-picker.js';

const membershipChange = 'segkit-membership-change' as EventName<SegkitMembershipChangeEvent>;
const segmentCreate = 'segkit-segment-create' as EventName<SegkitSegmentCreateEvent>;
const segmentRename = 'segkit-segment-rename' as EventName<SegkitSegmentRenameEvent>;
const segmentUpdate = 'segkit-segment-update' as EventName<SegkitSegmentUpdateEvent>;
const segmentDelete = 'segkit-segment-delete' as EventName<SegkitSegmentDeleteEvent>;
const error = 'segkit-error' as EventName<SegkitErrorEvent>;

/**
 * The store's events. Every element may dispatch them: the one the user acted
 * on, or, with no provider on the page, the first connected one (decision 030).
 */
const storeEvents = {
  onMembershipChange: membershipChange,
  onSegmentCreate: segmentCreate,
  onSegmentRename: segmentRename,
  onSegmentUpdate: segmentUpdate,
  onSegmentDelete: segmentDelete,
  onError: error,
};

/** The event props of each wrapper, by tag: prop name → DOM event type. */
export const wrapperEvents = {
  'segkit-provider': storeEvents,
  'segkit-member-table': { onSelectionChange: 'segkit-selection-change' as EventName<SegkitSelectionChangeEvent>, ...storeEvents },
  'segkit-segment-picker': storeEvents,
  'segkit-segment-filter': { onFilterApply: 'segkit-filter-apply' as EventName<SegkitFilterApplyEvent>, ...storeEvents },
  'segkit-segment-list': { onSegmentOpen: 'segkit-segment-open' as EventName<SegkitSegmentOpenEvent>, ...storeEvents },
  'segkit-audience': storeEvents,
  'segkit-invite-link': {
    onInviteCreate: 'segkit-invite-create' as EventName<SegkitInviteCreateEvent>,
    onInviteRevoke: 'segkit-invite-revoke' as EventName<SegkitInviteRevokeEvent>,
    ...storeEvents,
  },
} as const;

/** `<segkit-provider>`: `store` or `endpoint`; hears every store event (decision 030). */
export const SegkitProvider = createComponent({
  react: React,
  tagName: 'segkit-provider',
  elementClass: ProviderElement,
  events: wrapperEvents['segkit-provider'],
  displayName: 'SegkitProvider',
});

/** `<segkit-member-table>`: `columns`, `renderCell`, ...; `onSelectionChange`. */
export const SegkitMemberTable = createComponent({
  react: React,
  tagName: 'segkit-member-table',
  elementClass: MemberTableElement,
  events: wrapperEvents['segkit-member-table'],
  displayName: 'SegkitMemberTable',
});

/** `<segkit-segment-picker>`: "Add to segment", or a form field (`mode="field"`, `name`); the changes made with it. */
export const SegkitSegmentPicker = createComponent({
  react: React,
  tagName: 'segkit-segment-picker',
  elementClass: SegmentPickerElement,
  events: wrapperEvents['segkit-segment-picker'],
  displayName: 'SegkitSegmentPicker',
});

/** `<segkit-segment-filter>`: `onFilterApply`. */
export const SegkitSegmentFilter = createComponent({
  react: React,
  tagName: 'segkit-segment-filter',
  elementClass: SegmentFilterElement,
  events: wrapperEvents['segkit-segment-filter'],
  displayName: 'SegkitSegmentFilter',
});

/** `<segkit-segment-list>`: `onSegmentOpen`, and the segment changes made with it. */
export const SegkitSegmentList = createComponent({
  react: React,
  tagName: 'segkit-segment-list',
  elementClass: SegmentListElement,
  events: wrapperEvents['segkit-segment-list'],
  displayName: 'SegkitSegmentList',
});

/** `<segkit-audience>`: a form field (`name`); its `input` / `change` are React's `onInput` / `onChange`. */
export const SegkitAudience = createComponent({
  react: React,
  tagName: 'segkit-audience',
  elementClass: AudienceElement,
  events: wrapperEvents['segkit-audience'],
  displayName: 'SegkitAudience',
});

/** `<segkit-invite-link>`: `onInviteCreate`, `onInviteRevoke`. */
export const SegkitInviteLink = createComponent({
  react: React,
  tagName: 'segkit-invite-link',
  elementClass: InviteLinkElement,
  events: wrapperEvents['segkit-invite-link'],
  displayName: 'SegkitInviteLink',
});
