/**
 * Changes from outside the store: the adapter's live events and connectivity.
 */
import type { AdapterChangeEvent } from '../../packages/core/src/adapter.js';
import { manualConnectivity } from '../../packages/core/src/store/connectivity.js';
import { Emitter } from '../../packages/core/src/store/emitter.js';
import { followChanges } from '../../packages/core/src/store/live.js';
import type { MembershipEvent, StoreEvents } from '../../packages/core/src/store/types.js';
import { expect } from '../setup/expect.js';

function setup() {
  let push: ((event: AdapterChangeEvent) => void) | undefined;
  let subscribed = 0;
  const connectivity = manualConnectivity(true);
  const events = new Emitter<StoreEvents>();
  const seen: string[] = [];
  const remote: MembershipEvent[] = [];
  events.on('membership', (e) => remote.push(e));
  const stop = followChanges({
    adapter: {
      subscribe(listener) {
        push = listener;
        subscribed += 1;
        return () => (subscribed -= 1);
      },
    },
    connectivity,
    events,
    isOwn: (id) => id === 'mine',
    invitesChanged: () => seen.push('invites'),
    dataChanged: () => seen.push('data'),
    connectivityChanged: (online) => seen.push(online ? 'online' : 'offline'),
  });
  return { push: (e: AdapterChangeEvent) => push!(e), connectivity, seen, remote, stop, subscribed: () => subscribed };
}

const change = { op: 'assign' as const, segmentIds: ['vips'], target: { kind: 'ids' as const, ids: ['m1'] }, source: 'automation' as const };
const result = { members: 1, segments: [{ segmentId: 'vips', changed: 1, skipped: 0, memberIds: ['m1'] }], unassignedDelta: -1 };

describe('live: changes from outside', () => {
  it('announces a membership change made elsewhere as remote, then asks for a re-read', () => {
    const { push, seen, remote } = setup();
    push({ type: 'membership', change, result, requestId: 'theirs' });
    expect(remote).to.have.length(1);
    expect(remote[0]).to.deep.include({ mutationId: 'theirs', phase: 'remote', source: 'automation', result, op: 'assign' });
    expect(seen).to.deep.equal(['data']);
  });

  it('ignores the echo of its own writes', () => {
    const { push, seen, remote } = setup();
    push({ type: 'membership', change, result, requestId: 'mine' });
    push({ type: 'segments', requestId: 'mine' });
    expect(remote).to.deep.equal([]);
    expect(seen).to.deep.equal([]);
  });

  it('tells invite changes apart from data changes, and forwards connectivity', () => {
    const { push, seen, connectivity } = setup();
    push({ type: 'invites' });
    push({ type: 'segments' });
    push({ type: 'members' });
    connectivity.set(false);
    connectivity.set(true);
    expect(seen).to.deep.equal(['invites', 'data', 'data', 'offline', 'online']);
  });

  it('stops following', () => {
    const { stop, connectivity, seen, subscribed } = setup();
    stop();
    connectivity.set(false);
    expect(seen).to.deep.equal([]);
    expect(subscribed()).to.equal(0);
  });
});
