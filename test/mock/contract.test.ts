/**
 * @segkit/mock refuses what the wire contract (openapi.yaml) forbids, each
 * with the status the spec declares for the operation and an `Error` body
 * (`{ error: { code, message, field } }`), never a 500 or a stack trace.
 */
import { emptyFilter, emptyQuery } from '@segkit/core';
import { createMockBackend } from '@segkit/mock';
import type { MockBackend } from '@segkit/mock';
import { load } from 'js-yaml';
import { http, passthrough } from 'msw';
import { expect } from '../setup/expect.js';
import { startMockWorker } from '../setup/msw.js';
import { validateWire } from '../rest/wire-validator.js';

// These tests send what the spec forbids on purpose: only the mock's answers must be on the contract.
validateWire({ answersOnly: true });

interface Answer {
  status: number;
  text: string;
  error: { code?: string; message?: string; field?: string } | undefined;
}

async function call(method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const response = await fetch(`/api${path}`, { method, headers: init.headers, body: init.body });
  const text = await response.text();
  let error: Answer['error'];
  try {
    error = (JSON.parse(text) as { error?: Answer['error'] }).error;
  } catch {
    error = undefined;
  }
  return { status: response.status, text, error };
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json', ...headers },
});

/** The declared refusal: status, code and field, and nothing of the server's insides. */
function expectRefusal(answer: Answer, status: number, code: string, field?: string) {
  expect(answer.status, answer.text).to.equal(status);
  expect(answer.error?.code, answer.text).to.equal(code);
  expect(answer.error?.message).to.be.a('string');
  if (field !== undefined) expect(answer.error?.field, answer.text).to.equal(field);
  expect(answer.text).not.to.match(/\bat\s+\S+\s*\(|\.ts:\d+|\.js:\d+|stack/i);
}

describe('mock backend: refuses what the spec forbids', () => {
  let backend: MockBackend;

  before(async () => {
    backend = createMockBackend({ seed: 4, size: 60 });
    await startMockWorker(backend.handlers);
  });
  afterEach(() => backend.reset());

  it('refuses a member query missing sort, search or attributes with 422 naming the field', async () => {
    for (const missing of ['sort', 'search', 'attributes'] as const) {
      const query: Record<string, unknown> = { ...emptyQuery() };
      delete query[missing];
      const answer = await call('POST', '/members/query', json({ query, offset: 0, limit: 10 }));
      expectRefusal(answer, 422, 'invalid-input', `query.${missing}`);
    }
    // The complete query is answered.
    expect((await call('POST', '/members/query', json({ query: emptyQuery(), offset: 0, limit: 10 }))).status).to.equal(200);
  });

  it('refuses a query target missing except, or a filter missing search or attributes, changing nothing', async () => {
    const before = (await call('GET', '/segments')).text;
    const target = { kind: 'query', filter: emptyFilter(), except: [] as string[] };
    const change = (t: unknown) => ({ op: 'assign', target: t, segmentIds: ['vips'], source: 'manual' });
    const { except: _except, ...noExcept } = target;
    expectRefusal(await call('POST', '/memberships', json(change(noExcept))), 422, 'invalid-input', 'target.except');
    expectRefusal(await call('POST', '/memberships/preview', json(change(noExcept))), 422, 'invalid-input', 'target.except');
    const { search: _search, ...noSearch } = emptyFilter();
    expectRefusal(
      await call('POST', '/memberships', json(change({ ...target, filter: noSearch }))),
      422,
      'invalid-input',
      'target.filter.search',
    );
    const { attributes: _attributes, ...noAttributes } = emptyFilter();
    expectRefusal(
      await call('POST', '/memberships', json(change({ ...target, filter: noAttributes }))),
      422,
      'invalid-input',
      'target.filter.attributes',
    );
    expect((await call('GET', '/segments')).text).to.equal(before);
  });

  it('refuses an Idempotency-Key of 0 or more than 256 characters with 400, applying nothing', async () => {
    for (const key of ['', 'k'.repeat(257), 'k'.repeat(300)]) {
      const answer = await call('POST', '/segments', json({ name: `Key ${key.length}` }, { 'Idempotency-Key': key }));
      expectRefusal(answer, 400, 'invalid-input', 'Idempotency-Key');
    }
    const list = await call('GET', '/segments');
    expect(list.text).not.to.contain('Key ');
    // The bounds themselves are accepted.
    const longest = await call('POST', '/segments', json({ name: 'Key 256' }, { 'Idempotency-Key': 'k'.repeat(256) }));
    expect(longest.status).to.equal(201);
  });

  it('refuses a text/plain body on a JSON operation with 415, applying nothing', async () => {
    const plain = { body: JSON.stringify({ name: 'Plain' }), headers: { 'Content-Type': 'text/plain' } };
    expectRefusal(await call('POST', '/segments', plain), 415, 'invalid-input', 'Content-Type');
    const query = { body: JSON.stringify({ query: emptyQuery(), offset: 0, limit: 5 }), headers: { 'Content-Type': 'text/plain;charset=UTF-8' } };
    expectRefusal(await call('POST', '/members/query', query), 415, 'invalid-input', 'Content-Type');
    expect((await call('GET', '/segments')).text).not.to.contain('Plain');
    // A JSON media type with parameters is JSON.
    const charset = await call('POST', '/segments', { body: JSON.stringify({ name: 'Charset' }), headers: { 'Content-Type': 'application/json; charset=utf-8' } });
    expect(charset.status).to.equal(201);
  });

  it('answers a path with a bad percent-encoding 400 invalid-input, not a 500 with a stack trace', async () => {
    expectRefusal(await call('PATCH', '/segments/%E0%A4%A', json({ name: 'X' })), 400, 'invalid-input', 'id');
    expectRefusal(await call('DELETE', '/segments/%E0%A4%A'), 400, 'invalid-input', 'id');
    expectRefusal(await call('POST', '/invites/%ZZ/revoke'), 400, 'invalid-input', 'id');
  });
});

describe('mock backend: the spec\'s own request examples', () => {
  let backend: MockBackend;

  before(async () => {
    backend = createMockBackend({ seed: 4, size: 60 });
    (await startMockWorker(backend.handlers)).use(http.get('/packages/rest/openapi.yaml', () => passthrough()));
  });
  afterEach(() => backend.reset());

  it('answers each with the operation\'s declared success status', async () => {
    const spec = load(await (await fetch('/packages/rest/openapi.yaml')).text()) as Record<string, any>;
    let sent = 0;
    for (const [path, item] of Object.entries(spec.paths as Record<string, any>)) {
      for (const [method, op] of Object.entries(item as Record<string, any>)) {
        const example = op?.requestBody?.content?.['application/json']?.example as unknown;
        if (example === undefined) continue;
        const success = Number(Object.keys(op.responses as object).find((status) => status.startsWith('2')));
        const answer = await call(method.toUpperCase(), path.replace('{id}', 'vips'), json(example));
        expect(answer.status, `${method} ${path}: ${answer.text}`).to.equal(success);
        backend.reset();
        sent += 1;
      }
    }
    expect(sent).to.equal(7);
  });
});
