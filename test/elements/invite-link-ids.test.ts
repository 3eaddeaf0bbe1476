/**
 * Invite ids come from the backend and may hold any text. The invite link
 * finds a row by its id for focus and for the copy fallback, and points its
 * buttons at the row's URL box: none of it may depend on the id being a
 * well-behaved CSS or HTML identifier (decision 017).
 */
import type { InviteLink } from '@segkit/core';
import { createMemoryAdapter } from '@segkit/core';
import { allTasks } from 'nanostores';
import '../../packages/elements/src/define/invite-link.js';
import type { SegkitInviteLink } from '../../packages/elements/src/invite-link/segkit-invite-link.js';
import { SEGMENTS, cleanup, makeMembers, makeStore } from '../core/fixtures.js';
import { focused, mount, settle, unmountAll, waitFor } from '../setup/dom.js';
import { expect } from '../setup/expect.js';
import { InviteHarness } from './invite-link.harness.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
/** Ids that break a selector or an IDREF list built from them, each with its own token. */
const HOSTILE: Array<[id: string, token: string]> = [
  ['inv "] .x', 'tokQuote'],
  ['back\\slash', 'tokBackslash'],
  ['two\nlines', 'tokNewline'],
  ['9 lives', 'tokDigit'],
];
const INVITES: InviteLink[] = HOSTILE.map(([id, token], i) => ({ id, segmentId: 'vips', token, createdAt: at(10 - i), uses: 0, reveal: [] }));

async function setup() {
  const { store } = makeStore(createMemoryAdapter({ members: makeMembers(12), segments: SEGMENTS, invites: INVITES }));
  await allTasks();
  const el = await mount<SegkitInviteLink>('<segkit-invite-link segment-id="vips"></segkit-invite-link>', (root) => {
    (root.firstElementChild as SegkitInviteLink).store = store;
  });
  await waitFor(() => !el.hasAttribute('loading') && new InviteHarness(el).rowElements().length === HOSTILE.length);
  await settle();
  return { el, ui: new InviteHarness(el) };
}

describe('segkit-invite-link with ids that are not identifiers', () => {
  afterEach(() => {
    unmountAll();
    cleanup();
  });

  it('falls back to selecting the right row\'s link when the clipboard refuses, whatever the id', async () => {
    const own = Object.getOwnPropertyDescriptor(navigator, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) }, configurable: true });
    try {
      const { ui } = await setup();
      for (const [, token] of HOSTILE) {
        const row = ui.row(token);
        await ui.clickButton('Copy', row);
        const box = row.querySelector('input')!;
        expect(focused(), token).to.equal(box);
        expect([box.selectionStart, box.selectionEnd], token).to.deep.equal([0, box.value.length]);
      }
    } finally {
      if (own) Object.defineProperty(navigator, 'clipboard', own);
      else delete (navigator as unknown as Record<string, unknown>).clipboard;
    }
  });

  it('moves focus through the revoke confirm step in the right row, and revokes the right link', async () => {
    const { ui } = await setup();
    for (const [, token] of HOSTILE) {
      const row = ui.row(token);
      await ui.clickButton('Revoke', row);
      expect(focused(), token).to.equal(ui.button('Yes, revoke', row));
      await ui.clickButton('Cancel', row);
      expect(focused(), token).to.equal(ui.button('Revoke', row));
    }
    const row = ui.row('tokNewline');
    await ui.clickButton('Revoke', row);
    await ui.clickButton('Yes, revoke', row);
    await waitFor(() => ui.message() === 'Link revoked');
    expect(ui.rows().map((r) => r.status)).to.deep.equal(['Active', 'Active', 'Revoked', 'Active']);
    expect(focused()).to.equal(ui.button('Copy', ui.row('tokNewline')));
  });

  it('describes each button by its own row\'s link', async () => {
    const { ui } = await setup();
    for (const [, token] of HOSTILE) {
      const row = ui.row(token);
      const box = row.querySelector('input')!;
      for (const button of [ui.button('Copy', row), ui.button('Revoke', row)]) {
        const refs = button.getAttribute('aria-describedby')!.split(/\s+/).map((id) => ui.root.getElementById(id));
        expect(refs, token).to.deep.equal([box]);
      }
    }
  });
});
