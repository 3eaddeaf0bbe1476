/**
 * @segkit/rest: ids that go into URL paths are checked before any request.
 * `.` and `..` are rewritten by URL normalisation (`DELETE /segments/.`
 * reached `DELETE /segments/`); slashes, `%`, empty and huge ids are refused
 * too, with `invalid-input`, and nothing reaches the network.
 */
import { createId } from '@segkit/core';
import type { SegkitError } from '@segkit/core';
import { SEED_SEGMENTS } from '@segkit/mock';
import { PATH_ID, createRestAdapter } from '@segkit/rest';
import { http, HttpResponse, passthrough } from 'msw';
import { expect, expectReject } from '../setup/expect.js';
import { resetHandlers, startMockWorker } from '../setup/msw.js';
import { validateWire } from './wire-validator.js';

validateWire();

const BAD_IDS: Array<[label: string, id: string]> = [
  ['.', '.'],
  ['..', '..'],
  ['a/b', 'a/b'],
  ['%2e', '%2e'],
  ['an empty id', ''],
  ['a 1,000-character id', 'x'.repeat(1_000)],
];

describe('rest adapter: ids in paths', () => {
  const requests: string[] = [];

  before(() => startMockWorker([]));
  beforeEach(async () => {
    requests.length = 0;
    // Every request the page sends, whatever its URL, is counted (and answered 404).
    (await startMockWorker()).use(
      http.all('*', ({ request }) => {
        requests.push(`${request.method} ${new URL(request.url).pathname}`);
        return HttpResponse.json({ error: { code: 'not-found', message: 'No such thing.' } }, { status: 404 });
      }),
    );
  });
  afterEach(() => resetHandlers());

  const api = () => createRestAdapter({ baseUrl: '/api' });
  const calls: Array<[name: string, call: (id: string) => Promise<unknown>]> = [
    ['updateSegment', (id) => api().updateSegment(id, { name: 'Renamed' })],
    ['deleteSegment', (id) => api().deleteSegment(id)],
    ['revokeInvite', (id) => api().revokeInvite(id)],
  ];

  for (const [label, id] of BAD_IDS) {
    it(`refuses ${label} with invalid-input before any request`, async () => {
      for (const [name, call] of calls) {
        const error = await expectReject<SegkitError>(call(id), 'invalid-input');
        expect(error.field, name).to.equal('id');
      }
      expect(requests, 'requests sent').to.deep.equal([]);
    });
  }

  it('sends every allowed character, URL-encoded, to the resource meant', async () => {
    const id = 'Az09._~:-x';
    await expectReject(api().deleteSegment(id), 'not-found');
    await expectReject(api().revokeInvite(id), 'not-found');
    expect(requests).to.deep.equal([`DELETE /api/segments/${encodeURIComponent(id)}`, `POST /api/invites/${encodeURIComponent(id)}/revoke`]);
  });

  it('fits every id the SDK and the mock make', () => {
    const ids = ['unassigned', ...SEED_SEGMENTS.map((s) => s.id), createId('seg_'), createId('inv_'), createId(), '_x', '-x'];
    for (const id of ids) expect(PATH_ID.test(id), id).to.equal(true);
  });

  it('is the PathId of openapi.yaml, used by both id path parameters', async () => {
    (await startMockWorker()).use(http.get('/packages/rest/openapi.yaml', () => passthrough()));
    const yaml = await (await fetch('/packages/rest/openapi.yaml')).text();
    const block = yaml.slice(yaml.indexOf('\n    PathId:\n'));
    expect(/pattern: '([^']*)'/.exec(block)?.[1]).to.equal(PATH_ID.source);
    // SegmentId and the invite's id: both path parameters refer to it.
    const pathParams = [...yaml.matchAll(/in: path\n(?:.*\n){0,3}?\s+schema: \{ \$ref: '#\/components\/schemas\/(\w+)' \}/g)].map((m) => m[1]);
    expect(pathParams).to.deep.equal(['PathId', 'PathId']);
  });
});
