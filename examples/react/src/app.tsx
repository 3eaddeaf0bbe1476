/**
 * A React 19 host using the segkit widgets through `@segkit/elements/react`:
 * the provider shares a store, the picker adds the selected members to a
 * segment (the host's `onMembershipChange` logs it), and a second picker is a
 * field of the host's own form. This file is the README's React example.
 */
import type { SegmentStore } from '@segkit/core';
import { SegkitMemberTable, SegkitProvider, SegkitSegmentPicker } from '@segkit/elements/react';
import type { MemberTableColumn } from '@segkit/elements';
import { useState } from 'react';
import type { FormEvent } from 'react';

const columns: MemberTableColumn[] = [
  { key: 'name', label: 'Name', sortable: true },
  { key: 'segments', label: 'Segments' },
];

export function App({ store }: { store: SegmentStore | undefined }) {
  const [log, setLog] = useState<string[]>([]);
  const [rule, setRule] = useState<string[] | null>(null);

  function saveRule(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setRule(new FormData(event.currentTarget).getAll('segments').map(String));
  }

  return (
    <SegkitProvider store={store}>
      <SegkitSegmentPicker
        onMembershipChange={(event) => setLog((lines) => [...lines, `${event.detail.op} ${event.detail.memberIds.length} → ${event.detail.segmentIds.join(', ')}`])}
      />
      <SegkitMemberTable columns={columns} className="table" />
      <ul aria-label="Changes">{log.map((line, i) => <li key={i}>{line}</li>)}</ul>

      <form aria-label="Automation" onSubmit={saveRule}>
        <label>
          On reply, assign to <SegkitSegmentPicker mode="field" name="segments" />
        </label>
        <button type="submit">Save rule</button>
        {rule && <output>Saved: {rule.join(', ')}</output>}
      </form>
    </SegkitProvider>
  );
}
