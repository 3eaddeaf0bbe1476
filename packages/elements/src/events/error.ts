import type { ErrorEvent as StoreErrorEvent, SegkitErrorCode } from '@segkit/core';
import { SegkitEvent } from './base.js';

export interface SegkitErrorDetail {
  /** Stable error code (see the README's table). */
  code: SegkitErrorCode;
  message: string;
  field: string | undefined;
  /** What failed: a write (`create-segment`, `membership`, ...) or a read (`load-members`, ...). */
  action: string;
  mutationId: string | undefined;
}

/** Something failed: a write was refused and rolled back, a read failed, or the cache is unavailable. */
export class SegkitErrorEvent extends SegkitEvent<SegkitErrorDetail> {
  static readonly type = 'segkit-error';
  constructor(event: StoreErrorEvent) {
    super(SegkitErrorEvent.type, {
      code: event.error.code,
      message: event.error.message,
      field: event.error.field,
      action: event.action,
      mutationId: event.mutationId,
    });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'segkit-error': SegkitErrorEvent;
  }
}
