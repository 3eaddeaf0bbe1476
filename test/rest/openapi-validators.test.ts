/**
 * openapi.yaml checked by independent validators (scripts/wire-contract.mjs,
 * run in the test runner's Node process): the document is valid OpenAPI 3.1
 * with every `$ref` resolved, and every example in it validates against its
 * schema (JSON Schema 2020-12, formats included). Each check is also shown
 * failing on a copy of the spec broken the way a careless edit would.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { http, passthrough } from 'msw';
import { expect } from '../setup/expect.js';
import { startMockWorker } from '../setup/msw.js';

interface SpecResult {
  valid: boolean;
  errors: unknown;
}
interface ExamplesResult {
  checked: number;
  violations: { example: string; pointer: string; value: unknown; message: string }[];
}

const validateSpec = (text: string) => executeServerCommand<SpecResult, { text: string }>('wire-contract:spec', { text });
const checkExamples = (text: string) => executeServerCommand<ExamplesResult, { text: string }>('wire-contract:examples', { text });

/** `text` with `from` replaced once; fails when `from` is not there (the spec moved on: update the test). */
function edit(text: string, from: string, to: string): string {
  expect(text.includes(from), `the spec no longer contains ${from}`).to.equal(true);
  return text.replace(from, to);
}

describe('openapi.yaml: independent validators', () => {
  let text: string;

  before(async () => {
    (await startMockWorker()).use(http.get('/packages/rest/openapi.yaml', () => passthrough()));
    text = await (await fetch('/packages/rest/openapi.yaml')).text();
  });

  it('is valid OpenAPI 3.1, every $ref resolving', async () => {
    const result = await validateSpec(text);
    expect(JSON.stringify(result.errors)).to.equal('[]');
    expect(result.valid).to.equal(true);
  });

  it('is refused with a $ref to a schema that does not exist', async () => {
    const broken = edit(text, "schema: { $ref: '#/components/schemas/SegmentList' }", "schema: { $ref: '#/components/schemas/SegmentLists' }");
    const result = await validateSpec(broken);
    expect(result.valid).to.equal(false);
    expect(JSON.stringify(result.errors)).to.contain('SegmentLists');
  });

  it('is refused with a field OpenAPI does not have', async () => {
    const result = await validateSpec(edit(text, 'openapi: 3.1.0\n', 'openapi: 3.1.0\nendpoints: []\n'));
    expect(result.valid).to.equal(false);
    expect(JSON.stringify(result.errors)).to.contain('endpoints');
  });

  it('has examples that all validate against their schemas', async () => {
    const result = await checkExamples(text);
    expect(result.violations.map((v) => `${v.example} at ${v.pointer || '/'} = ${JSON.stringify(v.value)}: ${v.message}`).join('\n')).to.equal('');
    // Requests, answers, parameters, headers and components: far more than one per operation.
    expect(result.checked).to.be.greaterThan(24);
  });

  it('names the example, the pointer and the value when an example is wrong', async () => {
    const broken = edit(text, "example: { count: 860 }", "example: { count: -1 }");
    const { violations } = await checkExamples(broken);
    expect(violations).to.have.length(1);
    expect(violations[0]).to.deep.include({ example: '/paths/~1audience~1count/post/responses/200/content/application~1json/example', pointer: '/count', value: -1 });
  });

  it('catches a oneOf whose example matches both branches (the old Retry-After)', async () => {
    const broken = edit(
      edit(text, '      schema:\n        anyOf:\n          - type: string\n            description: delay-seconds.', '      schema:\n        oneOf:\n          - type: string\n            description: delay-seconds.'),
      "description: An IMF-fixdate (RFC 9110, section 5.6.7).\n            pattern: '^(Mon",
      "description: An IMF-fixdate (RFC 9110, section 5.6.7).\n            pattern: '^[0-9]+$|^(Mon",
    );
    const { violations } = await checkExamples(broken);
    expect(violations.map((v) => v.example)).to.include('/components/headers/RetryAfter/schema/examples/0');
    expect(violations[0]!.message).to.contain('oneOf');
  });
});
