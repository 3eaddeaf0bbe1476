/**
 * The member window's pins (decision 028): the pages of the rows on screen
 * and of the focused row are never evicted, so a long scroll cannot leave the
 * focused row a placeholder, and nothing reloads back and forth; a new range
 * on screen cancels the loads of pages that scrolled away.
 */
import { atom } from 'nanostores';
import type { Member, MemberPage, MemberQuery, PageRequest } from '../../packages/core/src/model.js';
import { emptyQuery } from '../../packages/core/src/model.js';
import { createMemberWindow } from '../../packages/core/src/store/member-window.js';
import type { MutationRecord } from '../../packages/core/src/store/mutation.js';
import { expect } from '../setup/expect.js';

const member = (i: number): Member => ({ id: `m${i}`, name: `Member ${i}`, attributes: {}, segmentIds: [], createdAt: '2026-01-01T00:00:00.000Z' });

/** A window over `n` members in pages of 10, keeping `maxPages`; reads wait while `held`. */
function setup(n: number, maxPages: number) {
  const reads: Array<{ offset: number; signal: AbortSignal | undefined }> = [];
  let gate: Promise<void> | null = null;
  let open = () => undefined as void;
  const adapter = {
    async queryMembers(_query: MemberQuery, page: PageRequest, options?: { signal?: AbortSignal }): Promise<MemberPage> {
      reads.push({ offset: page.offset, signal: options?.signal });
      if (gate) await gate;
      if (options?.signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      const items = Array.from({ length: Math.max(0, Math.min(10, n - page.offset)) }, (_, i) => member(page.offset + i));
      return { items, total: n, offset: page.offset };
    },
  };
  const model = createMemberWindow({
    adapter,
    $writes: atom<MutationRecord[]>([]),
    query: emptyQuery(),
    pageSize: 10,
    maxPages,
    cache: { usable: () => false, read: async () => undefined, write: () => undefined },
    ready: () => Promise.resolve(),
    signal: new AbortController().signal,
    readFailed: () => undefined,
    refreshWhenIdle: () => undefined,
    flags: { cached: () => undefined, fresh: () => undefined },
    now: () => 0,
  });
  return {
    model,
    reads,
    hold: () => void (gate = new Promise<void>((resolve) => (open = () => ((gate = null), resolve())))),
    release: () => open(),
  };
}

describe('member window pins', () => {
  it("keeps the focused row's page and the pages on screen through a long scroll, reading each page once", async () => {
    const { model, reads } = setup(10_000, 3);
    await model.loadRange(0, 12, { view: true, focus: 2 });
    // Scrolling down, two pages on screen at a time, the focus staying on row 2.
    for (let row = 100; row <= 5000; row += 700) await model.loadRange(row, row + 12, { view: true, focus: 2 });
    const window = model.$members.get();
    expect(window.at(2)?.name, 'the focused row is still loaded').to.equal('Member 2');
    expect(window.at(5005)?.name, 'the rows on screen are loaded').to.equal('Member 5005');
    expect(window.pages).to.include.members([0, 500, 501]);
    expect(window.pages.length).to.be.at.most(4, 'three pages, and the focused row pinned beyond them');

    // Asking for the focused row again (as the table does when it is missing) and for the view in turn:
    // neither evicts the other, nothing is read again.
    const before = reads.length;
    for (let i = 0; i < 3; i += 1) {
      await model.loadRange(0, 5);
      await model.loadRange(5000, 5012, { view: true, focus: 2 });
    }
    expect(reads.length, 'no ping-pong').to.equal(before);
    expect(model.$members.get().at(2)?.name).to.equal('Member 2');
  });

  it('loads the focused row with the view, wherever it is, and lets it go once the focus moves', async () => {
    const { model, reads } = setup(10_000, 2);
    await model.loadRange(5000, 5012, { view: true, focus: 9000 });
    expect(reads.map((r) => r.offset).sort((a, b) => a - b)).to.deep.equal([5000, 5010, 9000]);
    expect(model.$members.get().at(9000)?.name).to.equal('Member 9000');
    await model.loadRange(6000, 6012, { view: true, focus: 6001 });
    expect(model.$members.get().pages).to.deep.equal([600, 601], 'unpinned pages beyond maxPages are dropped');
  });

  it('cancels the loads of pages that scrolled away, not those of a range still being loaded (a Shift range)', async () => {
    const { model, reads, hold, release } = setup(10_000, 60);
    hold();
    const shift = model.loadRange(300, 305);
    const away = model.loadRange(5000, 5005, { view: true });
    await new Promise((resolve) => setTimeout(resolve));
    const signalOf = (offset: number) => reads.find((r) => r.offset === offset)!.signal!;
    const last = model.loadRange(7000, 7005, { view: true, focus: 7001 });
    await new Promise((resolve) => setTimeout(resolve));
    expect(signalOf(5000).aborted, 'the page that scrolled away').to.equal(true);
    expect(signalOf(300).aborted, "the Shift range's page").to.equal(false);
    expect(signalOf(7000).aborted).to.equal(false);
    release();
    await Promise.all([shift, away, last]);
    expect(model.$members.get().at(7001)?.name).to.equal('Member 7001');
    expect(model.$members.get().at(300)?.name).to.equal('Member 300');
    expect(model.$members.get().loading).to.equal(false);
    // A page cancelled then wanted again loads again.
    await model.loadRange(5000, 5005, { view: true });
    expect(model.$members.get().at(5000)?.name).to.equal('Member 5000');
  });
});
