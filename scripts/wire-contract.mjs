/**
 * The wire contract, checked by real validators (Node only):
 *
 *   validateSpec(text)        the document is valid OpenAPI 3.1
 *                             (@seriousme/openapi-schema-validator: the OAS
 *                             3.1 schema, and every `$ref` resolves)
 *   checkExamples(spec)       every `example` / `examples` in the document
 *                             validates against its schema (Ajv, JSON Schema
 *                             2020-12, formats checked)
 *   validateExchange(x)       one request and its answer against the operation
 *                             they belong to (path ids, headers, body; status,
 *                             headers, body)
 *
 * The browser tests reach these through the `wire-contract` server commands
 * (web-test-runner.config.mjs, wireContractPlugin below): the validators read
 * files with `node:fs` and ship as CommonJS, so they run in the test
 * runner's Node process, not in the page. A violation is
 * `{ operation, side, pointer, value, message }`, `pointer` a JSON pointer
 * into the request or the answer (`/body/items/0/name`, `/headers/Retry-After`).
 */
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import yaml from 'js-yaml';

const SPEC_FILE = new URL('../packages/rest/openapi.yaml', import.meta.url);
const SPEC_ID = 'openapi.json';
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

export function readSpecText() {
  return readFileSync(SPEC_FILE, 'utf8');
}

/** `{ valid, errors }` from an independent OpenAPI validator, for a YAML text. */
export async function validateSpec(text = readSpecText()) {
  const validator = new Validator();
  const result = await validator.validate(yaml.load(text));
  return { valid: result.valid, errors: result.valid ? [] : JSON.parse(JSON.stringify(result.errors ?? [])) };
}

const escape = (key) => String(key).replace(/~/g, '~0').replace(/\//g, '~1');
const pointerOf = (parts) => parts.map((part) => `/${escape(part)}`).join('');

function at(value, pointer) {
  if (pointer === '') return value;
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((node, key) => (node === undefined || node === null ? undefined : node[key]), value);
}

/** Ajv over the whole document, so every `#/components/...` `$ref` resolves. */
function contractOf(spec) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(spec, SPEC_ID);
  const compiled = new Map();
  const validator = (pointer) => {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = ajv.compile({ $ref: `${SPEC_ID}#${pointer}` });
      compiled.set(pointer, validate);
    }
    return validate;
  };
  /** Violations of `value` against the schema at `schemaPointer`; pointers prefixed with `where`. */
  const check = (schemaPointer, value, where) => {
    const validate = validator(schemaPointer);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => ({
      pointer: where + error.instancePath,
      value: at(value, error.instancePath),
      message: `${error.message}${error.params && Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : ''} (schema ${error.schemaPath})`,
    }));
  };
  return { spec, check };
}

/** A `$ref` to something in the document, followed (once or more). */
function deref(spec, node, parts) {
  let current = node;
  let path = parts;
  while (current && typeof current.$ref === 'string' && current.$ref.startsWith('#/')) {
    path = current.$ref
      .slice(2)
      .split('/')
      .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
    current = path.reduce((n, key) => n?.[key], spec);
  }
  return { node: current, parts: path };
}

const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];
const SUBSCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SUBSCHEMAS = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties'];

/** Every `examples` (array) and `example` of a schema and of the schemas inside it. */
function schemaExamples(schema, parts, out) {
  if (!schema || typeof schema !== 'object') return;
  if (Array.isArray(schema.examples)) schema.examples.forEach((value, i) => out.push({ schema: parts, value, at: [...parts, 'examples', i] }));
  if ('example' in schema) out.push({ schema: parts, value: schema.example, at: [...parts, 'example'] });
  for (const key of SUBSCHEMA_MAPS) for (const name of Object.keys(schema[key] ?? {})) schemaExamples(schema[key][name], [...parts, key, name], out);
  for (const key of SUBSCHEMA_LISTS) (schema[key] ?? []).forEach((sub, i) => schemaExamples(sub, [...parts, key, i], out));
  for (const key of SUBSCHEMAS) if (schema[key] && typeof schema[key] === 'object') schemaExamples(schema[key], [...parts, key], out);
}

/** The examples of a parameter, header or media type object (`example`, `examples.*.value`) and of its schema. */
function holderExamples(spec, holder, parts, out) {
  const { node, parts: where } = deref(spec, holder, parts);
  if (!node?.schema) return;
  const schemaParts = [...where, 'schema'];
  if ('example' in node) out.push({ schema: schemaParts, value: node.example, at: [...where, 'example'] });
  for (const [name, example] of Object.entries(node.examples ?? {})) {
    const { node: resolved } = deref(spec, example, [...where, 'examples', name]);
    if (resolved && 'value' in resolved) out.push({ schema: schemaParts, value: resolved.value, at: [...where, 'examples', name, 'value'] });
  }
  if (!node.schema.$ref) schemaExamples(node.schema, schemaParts, out);
}

/** Every example in the document, with the schema it must match. */
export function examplesOf(spec) {
  const out = [];
  const components = spec.components ?? {};
  for (const name of Object.keys(components.schemas ?? {})) schemaExamples(components.schemas[name], ['components', 'schemas', name], out);
  for (const name of Object.keys(components.parameters ?? {})) holderExamples(spec, components.parameters[name], ['components', 'parameters', name], out);
  for (const name of Object.keys(components.headers ?? {})) holderExamples(spec, components.headers[name], ['components', 'headers', name], out);
  // Shared responses and headers (`$ref`s) are checked once, where they are defined.
  const responses = (map, parts) => {
    for (const status of Object.keys(map ?? {})) {
      const response = map[status];
      if (!response || response.$ref) continue;
      for (const type of Object.keys(response.content ?? {})) holderExamples(spec, response.content[type], [...parts, status, 'content', type], out);
      for (const [name, header] of Object.entries(response.headers ?? {})) if (!header.$ref) holderExamples(spec, header, [...parts, status, 'headers', name], out);
    }
  };
  responses(components.responses, ['components', 'responses']);
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    (item.parameters ?? []).forEach((p, i) => !p.$ref && holderExamples(spec, p, ['paths', path, 'parameters', i], out));
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const opParts = ['paths', path, method];
      (op.parameters ?? []).forEach((p, i) => !p.$ref && holderExamples(spec, p, [...opParts, 'parameters', i], out));
      if (op.requestBody) {
        const { node, parts } = deref(spec, op.requestBody, [...opParts, 'requestBody']);
        for (const type of Object.keys(node?.content ?? {})) holderExamples(spec, node.content[type], [...parts, 'content', type], out);
      }
      responses(op.responses, [...opParts, 'responses']);
    }
  }
  return out;
}

/** `{ checked, violations }`: every example against its schema. */
export function checkExamples(spec) {
  const { check } = contractOf(spec);
  const examples = examplesOf(spec);
  const violations = [];
  for (const example of examples) {
    let problems;
    try {
      problems = check(pointerOf(example.schema), example.value, '');
    } catch (error) {
      problems = [{ pointer: '', value: example.value, message: `its schema does not compile: ${error.message}` }];
    }
    for (const problem of problems) violations.push({ example: pointerOf(example.at), ...problem });
  }
  return { checked: examples.length, violations };
}

/** The operations with a matcher for their path (after any base). */
function operationsOf(spec) {
  const ops = [];
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    const names = [];
    const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_, name) => {
      names.push(name);
      return '([^/]+)';
    });
    for (const method of METHODS) {
      if (!item[method]) continue;
      ops.push({ method, path, item, op: item[method], names, pattern: new RegExp(`^(.*)${source}$`), static: path.replace(/\{\w+\}/g, '').length });
    }
  }
  return ops;
}

const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

function parseJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: error.message };
  }
}

/** The declared response for a status: exact, then `4XX` / `5XX`, then `default`. */
function declaredResponse(op, status) {
  const responses = op.responses ?? {};
  for (const key of [String(status), `${String(status)[0]}XX`, 'default']) if (responses[key]) return key;
  return undefined;
}

/**
 * Makes an exchange checker for a spec:
 * `validate({ method, url, bases, requestHeaders, requestBody, status, responseHeaders, responseBody, answersOnly })`
 * answers `{ operation, violations }`. Header names are lower-case.
 */
export function createExchangeValidator(spec) {
  const { check } = contractOf(spec);
  const ops = operationsOf(spec);

  function find(method, pathname, bases) {
    const candidates = [];
    for (const op of ops) {
      const match = op.pattern.exec(pathname);
      if (!match) continue;
      if (!bases.some((base) => match[1] === base)) continue;
      candidates.push({ ...op, match });
    }
    // `/invites/redeem` is both itself and an id of nothing: the most literal path wins.
    candidates.sort((a, b) => b.static - a.static);
    const sameMethod = candidates.filter((c) => c.method === method);
    return { found: sameMethod[0], pathKnown: candidates.length > 0 };
  }

  return function validate(exchange) {
    const url = new URL(exchange.url);
    const method = exchange.method.toLowerCase();
    const bases = (exchange.bases ?? ['/api']).map((base) => {
      const absolute = /^[a-z][a-z\d+.-]*:/i.test(base);
      return (absolute ? new URL(base).pathname : base).replace(/\/+$/, '');
    });
    const { found, pathKnown } = find(method, url.pathname, bases);
    const violations = [];
    const push = (side, pointer, value, message) => violations.push({ side, pointer, value, message });
    const operation = found ? `${found.op.operationId} (${method.toUpperCase()} ${found.path})` : `${method.toUpperCase()} ${url.pathname}`;

    if (!found) {
      if (!exchange.answersOnly) push('request', '', `${method.toUpperCase()} ${url.pathname}`, pathKnown ? 'no such method on this path in the spec' : 'no such path in the spec');
      // Off the map: the answer is at least an Error.
      if (exchange.status >= 400) {
        const body = parseJson(exchange.responseBody ?? '');
        if (!body.ok) push('response', '/body', exchange.responseBody, `not JSON: ${body.message}`);
        else for (const p of check('/components/schemas/Error', body.value, '/body')) push('response', p.pointer, p.value, p.message);
      } else push('response', '/status', exchange.status, 'a 2xx answer to a request the spec does not define');
      return { operation, violations };
    }

    const { op, item } = found;
    if (!exchange.answersOnly) {
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p, i) => deref(spec, p, [i]).node);
      // Path ids.
      found.names.forEach((name, i) => {
        const param = parameters.find((p) => p.in === 'path' && p.name === name);
        let value;
        try {
          value = decodeURIComponent(found.match[i + 2]);
        } catch {
          push('request', `/path/${name}`, found.match[i + 2], 'a malformed percent-encoding');
          return;
        }
        if (param?.schema) for (const p of check(schemaPointer(spec, param), value, `/path/${name}`)) push('request', p.pointer, p.value, p.message);
      });
      // Header and query parameters.
      for (const param of parameters) {
        if (param.in !== 'header' && param.in !== 'query') continue;
        const value = param.in === 'header' ? exchange.requestHeaders[param.name.toLowerCase()] : url.searchParams.get(param.name) ?? undefined;
        const where = `/${param.in === 'header' ? 'headers' : 'query'}/${escape(param.name)}`;
        if (value === undefined) {
          if (param.required) push('request', where, undefined, 'required, missing');
          continue;
        }
        for (const p of check(schemaPointer(spec, param), value, where)) push('request', p.pointer, p.value, p.message);
      }
      // Body.
      const body = op.requestBody ? deref(spec, op.requestBody, []).node : undefined;
      const text = exchange.requestBody ?? '';
      if (!body) {
        if (text !== '') push('request', '/body', text, 'a body on an operation that takes none');
      } else if (text === '') {
        if (body.required) push('request', '/body', undefined, 'required, missing');
      } else {
        const type = exchange.requestHeaders['content-type'] ?? '';
        const media = Object.keys(body.content ?? {}).find((declared) => type.split(';')[0].trim().toLowerCase() === declared);
        if (!media) push('request', '/headers/content-type', type, `not a declared media type (${Object.keys(body.content ?? {}).join(', ')})`);
        else if (JSON_TYPE.test(media)) {
          const parsed = parseJson(text);
          if (!parsed.ok) push('request', '/body', text, `not JSON: ${parsed.message}`);
          else {
            const pointer = schemaPointerOfMedia(spec, op.requestBody, media);
            for (const p of check(pointer, parsed.value, '/body')) push('request', p.pointer, p.value, p.message);
          }
        }
      }
    }

    // The answer.
    const key = declaredResponse(op, exchange.status);
    if (!key) {
      push('response', '/status', exchange.status, `not declared (declared: ${Object.keys(op.responses).join(', ')})`);
      return { operation, violations };
    }
    const { node: response, parts: responseParts } = deref(spec, op.responses[key], ['paths', found.path, method, 'responses', key]);
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const value = exchange.responseHeaders[name.toLowerCase()];
      const { node: resolved, parts: headerParts } = deref(spec, header, [...responseParts, 'headers', name]);
      if (value === undefined) {
        if (resolved.required) push('response', `/headers/${escape(name)}`, undefined, 'required, missing');
        continue;
      }
      if (resolved.schema) for (const p of check(pointerOf([...headerParts, 'schema']), value, `/headers/${escape(name)}`)) push('response', p.pointer, p.value, p.message);
    }
    const content = response.content ?? {};
    const types = Object.keys(content);
    const text = exchange.responseBody ?? '';
    if (types.length === 0) {
      if (text !== '') push('response', '/body', text, 'a body where the spec declares none');
      return { operation, violations };
    }
    const type = (exchange.responseHeaders['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    const media = types.find((declared) => declared === type);
    if (!media) {
      push('response', '/headers/content-type', type, `not a declared media type (${types.join(', ')})`);
      return { operation, violations };
    }
    const parsed = parseJson(text);
    if (!parsed.ok) push('response', '/body', text, `not JSON: ${parsed.message}`);
    else if (content[media].schema) {
      for (const p of check(pointerOf([...responseParts, 'content', media, 'schema']), parsed.value, '/body')) push('response', p.pointer, p.value, p.message);
    }
    return { operation, violations };
  };
}

function schemaPointer(spec, param) {
  // A parameter reached through `deref` lost its place; find it again by identity.
  const place = placeOf(spec, param);
  return pointerOf([...place, 'schema']);
}

function schemaPointerOfMedia(spec, requestBody, media) {
  const { node } = deref(spec, requestBody, []);
  return pointerOf([...placeOf(spec, node), 'content', media, 'schema']);
}

const places = new WeakMap();

/** The path of an object inside the document, by identity. */
function placeOf(spec, target) {
  let known = places.get(target);
  if (!known) {
    known = findPlace(target, spec, [], new Set());
    places.set(target, known);
  }
  return known;
}

function findPlace(target, node, parts, seen) {
  if (node === target) return parts;
  if (!node || typeof node !== 'object' || seen.has(node)) return undefined;
  seen.add(node);
  for (const key of Object.keys(node)) {
    const found = findPlace(target, node[key], [...parts, key], seen);
    if (found) return found;
  }
  return undefined;
}

/** web-test-runner plugin: the server commands the browser tests call. */
export function wireContractPlugin() {
  let validator;
  const current = () => {
    validator ??= createExchangeValidator(yaml.load(readSpecText()));
    return validator;
  };
  return {
    name: 'segkit-wire-contract',
    async executeCommand({ command, payload }) {
      if (!command.startsWith('wire-contract:')) return undefined;
      // Answer failures as data: a thrown error would echo the whole payload (the spec) into the report.
      try {
        if (command === 'wire-contract:spec') return await validateSpec(payload?.text);
        if (command === 'wire-contract:examples') return checkExamples(yaml.load(payload?.text ?? readSpecText()));
        if (command === 'wire-contract:exchange') return current()(payload);
      } catch (error) {
        return { error: String(error?.stack ?? error) };
      }
      return undefined;
    },
  };
}
