import {
  SegkitError,
  checkInviteDraft,
  checkSegmentDraft,
  checkSegmentName,
  checkSegmentPatch,
  createSegmentStore,
  isSegkitError,
  isTransient,
  nameKey,
  toSegkitError,
  validatedAdapter,
} from '@segkit/core';
import { expect, expectReject } from '../setup/expect.js';
import { makeAdapter } from './fixtures.js';

const code = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as SegkitError).code;
  }
  return 'ok';
};

describe('input rules', () => {
  const existing = [{ id: 'a', name: 'Café Owners' }];

  it('trims names and compares them case- and width-insensitively', () => {
    expect(checkSegmentName('  New  ', existing)).to.equal('New');
    expect(code(() => checkSegmentName('café owners', existing))).to.equal('name-taken');
    expect(code(() => checkSegmentName('CAFÉ OWNERS ', existing))).to.equal('name-taken');
    expect(code(() => checkSegmentName('Ｃａｆé Owners', existing))).to.equal('name-taken');
    expect(nameKey('Cafe\u0301 Owners')).to.equal(nameKey('Café owners'), 'NFC and NFD spellings clash');
  });

  it('refuses empty, over-long, control-character and reserved names', () => {
    expect(code(() => checkSegmentName('', []))).to.equal('name-invalid');
    expect(code(() => checkSegmentName(' \t ', []))).to.equal('name-invalid');
    expect(code(() => checkSegmentName('a'.repeat(81), []))).to.equal('name-invalid');
    expect(code(() => checkSegmentName('a'.repeat(80), []))).to.equal('ok');
    expect(code(() => checkSegmentName('tab\there', []))).to.equal('name-invalid');
    expect(code(() => checkSegmentName('UNASSIGNED', []))).to.equal('reserved-segment');
    expect(code(() => checkSegmentName(42 as unknown as string, []))).to.equal('name-invalid');
  });

  it('refuses invisible, zero-width and direction-changing characters; folds spaces, case and accents', () => {
    const vip = [{ id: 'v', name: 'VIP' }];
    for (const hostile of ['V\u200bIP', 'Unassigned\u200b', '\u200b\u200c\u200d', '\u202eelas', 'VIP\ufeff', 'a\u2066b', 'x\u00ady', '\u3164']) {
      expect(code(() => checkSegmentName(hostile, vip)), JSON.stringify(hostile)).to.equal('name-invalid');
    }
    expect(checkSegmentName('  Summer \u00a0  Sale ', [])).to.equal('Summer Sale');
    expect(code(() => checkSegmentName('CAFE', [{ id: 'c', name: 'Café' }]))).to.equal('name-taken');
    expect(code(() => checkSegmentName('Ünassigned', []))).to.equal('reserved-segment');
    // Joiners where a script needs them stay: an emoji sequence, a Persian word.
    expect(checkSegmentName('🏳️\u200d🌈 Pride', [])).to.equal('🏳️\u200d🌈 Pride');
    expect(checkSegmentName('می\u200cخواهم', [])).to.equal('می\u200cخواهم');
    expect(code(() => checkSegmentName('میخواهم', [{ id: 'p', name: 'می\u200cخواهم' }]))).to.equal('name-taken');
    // Only diacritics fold: Devanagari vowel signs are letters.
    expect(checkSegmentName('काम', [{ id: 'h', name: 'कम' }])).to.equal('काम');
  });

  it('checks colours, descriptions, metadata and ids', () => {
    expect(checkSegmentDraft({ name: 'x', color: '#ABC' }, []).color).to.equal('#abc');
    expect(code(() => checkSegmentDraft({ name: 'x', color: 'javascript:alert(1)' }, []))).to.equal('invalid-input');
    expect(code(() => checkSegmentDraft({ name: 'x', description: 'd'.repeat(501) }, []))).to.equal('invalid-input');
    expect(code(() => checkSegmentDraft({ name: 'x', metadata: { f: () => 1 } as never }, []))).to.equal('invalid-input');
    expect(code(() => checkSegmentDraft({ name: 'x', metadata: { big: 'x'.repeat(5000) } }, []))).to.equal('invalid-input');
    expect(code(() => checkSegmentDraft({ name: 'x', id: 'has space' }, []))).to.equal('invalid-input');
    expect(code(() => checkSegmentDraft({ name: 'x', id: 'unassigned' }, []))).to.equal('reserved-segment');
    expect(code(() => checkSegmentPatch('unassigned', { name: 'y' }, []))).to.equal('reserved-segment');
    expect(checkSegmentPatch('a', { name: 'CAFÉ owners' }, existing).name).to.equal('CAFÉ owners');
  });

  it('checks invite options', () => {
    const now = Date.UTC(2026, 0, 1);
    expect(code(() => checkInviteDraft({ segmentId: 's', expiresAt: 'soon' }, now))).to.equal('invalid-input');
    expect(code(() => checkInviteDraft({ segmentId: 's', expiresAt: '2025-01-01T00:00:00Z' }, now))).to.equal('invalid-input');
    expect(code(() => checkInviteDraft({ segmentId: 's', maxUses: 1.5 }, now))).to.equal('invalid-input');
    expect(code(() => checkInviteDraft({ segmentId: 'unassigned' }, now))).to.equal('reserved-segment');
    expect(checkInviteDraft({ segmentId: 's', expiresAt: '2026-02-01', maxUses: 3 }, now)).to.deep.equal({
      segmentId: 's',
      expiresAt: '2026-02-01T00:00:00.000Z',
      maxUses: 3,
    });
  });
});

describe('errors', () => {
  it('classifies transient faults and wraps foreign throws', () => {
    expect(isTransient(new SegkitError('network', 'x'))).to.equal(true);
    expect(isTransient(new SegkitError('server', 'x'))).to.equal(true);
    expect(isTransient(new SegkitError('name-taken', 'x'))).to.equal(false);
    expect(toSegkitError(new TypeError('Failed to fetch')).code).to.equal('network');
    expect(toSegkitError(new DOMException('x', 'AbortError')).code).to.equal('aborted');
    expect(toSegkitError('boom').code).to.equal('server');
    expect(new SegkitError('name-taken', 'Taken', { field: 'name' }).toJSON()).to.deep.equal({
      code: 'name-taken',
      message: 'Taken',
      field: 'name',
    });
  });
});

describe('errors across two copies of the SDK', () => {
  // What another bundle's SegkitError is to this copy: not an instance of this class, same brand and code.
  const foreign = (code: string, brand = true) =>
    Object.assign(new Error('Taken elsewhere'), {
      ...(brand ? { [Symbol.for('segkit.error')]: true } : {}),
      code,
      field: 'name',
      status: 409,
    });

  it('recognises a SegkitError by its brand and code, not its prototype', () => {
    const other = foreign('name-taken');
    expect(other instanceof SegkitError).to.equal(false);
    expect(isSegkitError(other)).to.equal(true);
    expect(isSegkitError(other, 'name-taken')).to.equal(true);
    expect(isSegkitError(other, 'network')).to.equal(false);
    expect(isSegkitError(foreign('name-taken', false)), 'an Error that merely has a code').to.equal(false);
    expect(isSegkitError(foreign('no-such-code')), 'an unknown code').to.equal(false);
    expect(isSegkitError(Object.assign(new Error('x'), { name: 'SegkitError', code: 'not-found' })), 'an older copy').to.equal(true);
    expect(isSegkitError({ code: 'name-taken' })).to.equal(false);
    const wrapped = toSegkitError(other);
    expect(wrapped).to.be.an.instanceOf(SegkitError);
    expect(wrapped).to.include({ code: 'name-taken', field: 'name', status: 409, message: 'Taken elsewhere' });
  });

  it('keeps the code of an error thrown by an adapter built on another copy (a refusal is not retried as a server fault)', async () => {
    const base = makeAdapter();
    let calls = 0;
    const adapter = {
      ...base,
      capabilities: base.capabilities,
      createSegment: async () => {
        calls += 1;
        throw foreign('name-taken');
      },
    };
    const store = createSegmentStore({ adapter, retry: { baseMs: 1, maxMs: 2, maxAttempts: 3 } });
    try {
      await store.ready;
      const error = await expectReject(store.createSegment({ name: 'Fresh' }), 'name-taken');
      expect(isSegkitError(error, 'name-taken')).to.equal(true);
      expect(calls).to.equal(1, 'refused once, rolled back, not retried');
      expect(store.$segments.get().some((s) => s.name === 'Fresh')).to.equal(false);
    } finally {
      store.destroy();
    }
  });
});

describe('boundary validation of any adapter', () => {
  const base = makeAdapter();
  const broken = (patch: Partial<typeof base>) => validatedAdapter({ ...base, ...patch, capabilities: base.capabilities });

  it('turns wrong shapes into bad-response naming the place', async () => {
    const adapter = broken({ listSegments: async () => ({ items: [{ id: 'x', name: 'X' }], unassignedCount: 0, totalMembers: 0 }) as never });
    const error = await expectReject(adapter.listSegments(), 'bad-response');
    expect(error.message).to.contain('items.0');
  });

  it('refuses negative counts, duplicate segment ids on a member and non-JSON metadata', async () => {
    const segment = (await base.listSegments()).items[0]!;
    await expectReject(
      broken({ listSegments: async () => ({ items: [{ ...segment, memberCount: -1 }], unassignedCount: 0, totalMembers: 0 }) }).listSegments(),
      'bad-response',
    );
    const page = await base.queryMembers({ include: [], exclude: [], match: 'any', search: '', attributes: [], sort: { key: 'name', dir: 'asc' } }, { offset: 0, limit: 1 });
    const member = { ...page.items[0]!, segmentIds: ['vips', 'vips'] };
    await expectReject(
      broken({ queryMembers: async () => ({ ...page, items: [member] }) }).queryMembers({} as never, { offset: 0, limit: 1 }),
      'bad-response',
    );
    await expectReject(broken({ createSegment: async () => 'not json' as never }).createSegment({ name: 'x' }), 'bad-response');
  });

  it('wraps anything an adapter throws into a SegkitError', async () => {
    const adapter = broken({ listSegments: async () => { throw new TypeError('Failed to fetch'); } });
    await expectReject(adapter.listSegments(), 'network');
  });

  it('lets the store keep working when a host adapter returns garbage', async () => {
    const store = createSegmentStore({ adapter: broken({ listSegments: async () => null as never }) });
    await store.refresh();
    expect(store.$status.get().error?.code).to.equal('bad-response');
    store.destroy();
  });
});
