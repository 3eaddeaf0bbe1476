/**
 * openapi.yaml declares what a stranger implementing it needs: every
 * operation answers 401 and 403 and says what it does; both list operations
 * declare a 4xx; every operation has an example; the `MemberTarget`
 * discriminator maps each `kind` to a schema whose `kind` is that value;
 * `servers` is given.
 */
import { load } from 'js-yaml';
import { http, passthrough } from 'msw';
import { expect } from '../setup/expect.js';
import { startMockWorker } from '../setup/msw.js';

type Json = Record<string, any>;
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

interface Operation {
  id: string;
  where: string;
  op: Json;
}

function operationsOf(spec: Json): Operation[] {
  const found: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths as Json)) {
    for (const method of METHODS) {
      const op = (item as Json)[method] as Json | undefined;
      if (op) found.push({ id: op.operationId as string, where: `${method.toUpperCase()} ${path}`, op });
    }
  }
  return found;
}

/** A `$ref` inside the document, resolved. */
function resolve(spec: Json, value: Json): Json {
  if (typeof value.$ref !== 'string') return value;
  const path = (value.$ref as string).replace(/^#\//, '').split('/');
  return path.reduce<any>((node, key) => node?.[key], spec) as Json;
}

function hasExample(spec: Json, op: Json): boolean {
  const media: Json[] = [];
  if (op.requestBody) media.push(...Object.values(resolve(spec, op.requestBody as Json).content as Json));
  for (const [status, response] of Object.entries(op.responses as Json)) {
    if (!status.startsWith('2')) continue;
    media.push(...Object.values((resolve(spec, response as Json).content ?? {}) as Json));
  }
  return media.some((m: Json) => m.example !== undefined || (m.examples !== undefined && Object.keys(m.examples as Json).length > 0));
}

describe('openapi.yaml: declarations', () => {
  let spec: Json;
  let ops: Operation[];

  before(async () => {
    (await startMockWorker()).use(http.get('/packages/rest/openapi.yaml', () => passthrough()));
    spec = load(await (await fetch('/packages/rest/openapi.yaml')).text()) as Json;
    ops = operationsOf(spec);
  });

  it('has the twelve operations', () => {
    expect(ops.map((o) => o.id)).to.have.length(12);
  });

  it('declares 401 and 403 on every operation, with an Error body', () => {
    for (const { where, op } of ops) {
      for (const status of ['401', '403']) {
        const response = op.responses[status] as Json | undefined;
        expect(response, `${where} ${status}`).to.not.equal(undefined);
        const schema = resolve(spec, response!).content?.['application/json']?.schema as Json | undefined;
        expect(schema?.$ref, `${where} ${status}`).to.equal('#/components/schemas/Error');
      }
    }
  });

  it('gives every operation a description', () => {
    for (const { where, op } of ops) {
      expect(typeof op.description === 'string' && op.description.trim().length > 20, where).to.equal(true);
    }
  });

  it('declares a 4xx for bad query parameters on both list operations', () => {
    for (const where of ['GET /segments', 'GET /invites']) {
      const op = ops.find((o) => o.where === where)!.op;
      const clientErrors = Object.keys(op.responses as Json).filter((status) => /^4(?:\d\d|XX)$/.test(status) && !['401', '403', '429'].includes(status));
      expect(clientErrors, where).to.not.be.empty;
    }
  });

  it('gives every operation an example', () => {
    for (const { where, op } of ops) expect(hasExample(spec, op), where).to.equal(true);
  });

  it('names servers: a relative one and a placeholder', () => {
    const urls = (spec.servers as Json[]).map((server) => server.url as string);
    expect(urls).to.include('/api');
    expect(urls.some((url) => /\{\w+\}/.test(url))).to.equal(true);
  });

  it('maps each MemberTarget kind to an existing schema whose kind is that value', () => {
    const target = spec.components.schemas.MemberTarget as Json;
    const { propertyName, mapping } = target.discriminator as { propertyName: string; mapping: Record<string, string> };
    expect(propertyName).to.equal('kind');
    expect(Object.keys(mapping).sort()).to.deep.equal(['ids', 'query']);
    const branches = (target.oneOf as Json[]).map((branch) => branch.$ref as string);
    for (const [kind, ref] of Object.entries(mapping)) {
      const schema = resolve(spec, { $ref: ref });
      expect(schema, ref).to.be.an('object');
      expect(branches, ref).to.include(ref);
      expect(schema.required, ref).to.include(propertyName);
      expect(schema.properties[propertyName].enum, ref).to.deep.equal([kind]);
    }
  });
});
