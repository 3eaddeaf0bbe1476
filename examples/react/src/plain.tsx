/**
 * The same page with plain tags and no wrappers: fine when React creates the
 * elements (`createRoot`), but when it hydrates server-rendered markup React
 * never sets `store` or `columns` on them, so the table stays empty. Kept to
 * show (in the test) why the wrappers exist.
 */
import type { SegmentStore } from '@segkit/core';
import type {} from '@segkit/elements/types/react';
import '@segkit/elements';

export function PlainApp({ store }: { store: SegmentStore | undefined }) {
  return (
    <segkit-provider store={store}>
      <segkit-member-table columns={[{ key: 'name', label: 'Name' }]} />
    </segkit-provider>
  );
}
