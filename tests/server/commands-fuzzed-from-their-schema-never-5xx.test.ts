import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { command as commandSchema } from '../../shared/cis';
import { backends, seededServer, type TestServer } from './support';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface SchemaNode {
  type?: string | string[];
  const?: Json;
  enum?: Json[];
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
}

/** Values no field should take, each in a way a client could send it. */
const BAD: Json[] = [
  '',
  'x'.repeat(5_000),
  'a\u0000b',
  '\ud800',
  '2026-02-30',
  '2026-13-45',
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '2026-02-30T10:00:00Z',
  -1,
  0,
  0.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  1e300,
  null,
  true,
  {},
  [],
  [1],
  { x: 1 },
];

/**
 * Commands built from the command schema itself (its JSON Schema): every command type, its
 * fields in their shapes, with real account numbers, bills, adjustments and dates around the
 * server's today mixed in, so most reach the account's rules; then, most of the time, one field
 * mutated (a value no field should take, a required field dropped, an unknown one added).
 */
function commandArbitrary(real: {
  accounts: string[];
  bills: string[];
  adjustments: string[];
}): fc.Arbitrary<Json> {
  const root = z.toJSONSchema(commandSchema, {
    io: 'input',
    unrepresentable: 'any',
  }) as SchemaNode;
  const days = fc
    .integer({ min: -40, max: 400 })
    .map((n) => new Date(Date.UTC(2026, 10, 17) + n * 86_400_000).toISOString().slice(0, 10));
  const hint: Record<string, fc.Arbitrary<Json>> = {
    accountNumber: fc.constantFrom(...real.accounts, 'SM-0000000'),
    destinationAccountNumber: fc.constantFrom(...real.accounts),
    billId: fc.constantFrom(...real.bills, '999999'),
    adjustmentId: fc.constantFrom(...real.adjustments, 'not-an-adjustment'),
    program: fc.constantFrom('sb998-low-income', 'low-income', 'tap', 'none'),
    percent: fc.constantFrom('0.01', '12.5', '100', '0', '100.5'),
  };
  const arb = (node: SchemaNode, key: string): fc.Arbitrary<Json> => {
    const choices = node.oneOf ?? node.anyOf;
    if (choices) return fc.oneof(...choices.map((c) => arb(c, key)));
    if (node.const !== undefined) return fc.constant(node.const);
    if (node.enum) return fc.constantFrom(...node.enum);
    const type = Array.isArray(node.type) ? node.type[0] : node.type;
    switch (type) {
      case 'object': {
        const props = node.properties ?? {};
        const required = new Set(node.required ?? []);
        const fields: Record<string, fc.Arbitrary<Json>> = {};
        for (const [k, v] of Object.entries(props)) fields[k] = hint[k] ?? arb(v, k);
        return fc.record(fields, {
          requiredKeys: Object.keys(props).filter((k) => required.has(k)),
        }) as fc.Arbitrary<Json>;
      }
      case 'array':
        return fc.array(arb(node.items ?? {}, key), {
          minLength: node.minItems ?? 0,
          maxLength: Math.min(node.maxItems ?? 3, 3),
        });
      case 'string': {
        if (node.format === 'email') return fc.emailAddress();
        if (node.format === 'date-time')
          return fc
            .integer({ min: -30 * 86_400, max: 30 * 86_400 })
            .map((s) => new Date(Date.UTC(2026, 10, 17, 15) + s * 1000).toISOString());
        if (node.pattern === '^\\d{4}-\\d{2}-\\d{2}$')
          return fc.oneof({ weight: 4, arbitrary: days }, fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/));
        if (node.pattern) return fc.stringMatching(new RegExp(node.pattern));
        return fc.string({
          minLength: node.minLength ?? 0,
          maxLength: Math.min(node.maxLength ?? 40, 40),
        });
      }
      case 'integer':
        return fc.integer({
          min:
            node.minimum ??
            (node.exclusiveMinimum === undefined ? -1_000_000 : node.exclusiveMinimum + 1),
          max: Math.min(node.maximum ?? 10_000_000, 10_000_000),
        });
      case 'number':
        return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      default:
        return fc.jsonValue() as fc.Arbitrary<Json>;
    }
  };
  return arb(root, '');
}

/** Every path inside a value: `['holder', 'name']`, `['phones', 0, 'number']`, ... */
function pathsOf(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = at.length ? [at] : [];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) out.push(...pathsOf(v, [...at, i]));
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
}

interface Mutation {
  kind: 'replace' | 'drop' | 'extra';
  pick: number;
  bad: Json;
}

/** The command with one mutation applied, and the path it touched. */
function mutate(cmd: Json, m: Mutation): { command: Json; path: string } {
  const copy = structuredClone(cmd) as { [key: string]: Json };
  const paths = pathsOf(copy);
  const objects = [[], ...paths.filter((p) => isObject(getAt(copy, p)))];
  if (m.kind === 'extra') {
    const at = objects[m.pick % objects.length];
    (getAt(copy, at) as { [key: string]: Json }).unexpectedField = 1;
    return { command: copy, path: [...at, 'unexpectedField'].join('.') };
  }
  const targets = m.kind === 'drop' ? paths.filter((p) => typeof p.at(-1) === 'string') : paths;
  const path = targets[m.pick % targets.length];
  const parent = getAt(copy, path.slice(0, -1)) as { [key: string]: Json } & Json[];
  const last = path.at(-1)!;
  if (m.kind === 'drop') delete parent[last as string];
  else (parent as Record<string | number, Json>)[last] = m.bad;
  return { command: copy, path: path.join('.') };
}

const isObject = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v);
function getAt(value: Json, path: (string | number)[]): Json {
  let v: Json = value;
  for (const k of path) v = (v as Record<string | number, Json>)[k];
  return v;
}
function hasPath(value: Json, dotted: string): boolean {
  let v: Json = value;
  for (const k of dotted.split('.')) {
    if (!v || typeof v !== 'object' || !(k in v)) return false;
    v = (v as Record<string, Json>)[k];
  }
  return true;
}

/** The fields each command type declares, read from the same JSON Schema the fuzzer builds from. */
const declaredFields: Map<Json, Set<string>> = new Map(
  (() => {
    const root = z.toJSONSchema(commandSchema, {
      io: 'input',
      unrepresentable: 'any',
    }) as SchemaNode;
    return (root.oneOf ?? root.anyOf ?? []).map(
      (v) => [v.properties?.type?.const ?? null, new Set(Object.keys(v.properties ?? {}))] as const,
    );
  })(),
);

/**
 * A field the refusal may name: one the command carries, the one that was mutated (or a field
 * inside it), or one its type declares that the command left out (a field required only with
 * another's value, as a percentage adjustment's percent) — never the command as a whole.
 */
function namesAField(field: unknown, sent: Json, mutated: string | null): boolean {
  if (typeof field !== 'string' || field === '') return false;
  if (mutated !== null && (field === mutated || field.startsWith(`${mutated}.`))) return true;
  if (hasPath(sent, field)) return true;
  const type = sent && typeof sent === 'object' && !Array.isArray(sent) ? sent.type : undefined;
  return declaredFields.get(type ?? null)?.has(field) === true;
}

describe.each(await backends())('commands fuzzed from their schema on %s', (kind) => {
  let s: TestServer;
  let real: { accounts: string[]; bills: string[]; adjustments: string[] };
  beforeAll(async () => {
    s = await seededServer(kind, 30);
    const accounts = (
      await s.db.query<{ number: string }>('select number from accounts order by number')
    ).rows.map((r) => r.number);
    const bills = (
      await s.db.query<{ id: number }>('select id from bills order by id desc limit 40')
    ).rows.map((r) => String(r.id));
    real = { accounts, bills, adjustments: [] };
  });
  afterAll(async () => s?.close());

  const mutation = fc.option(
    fc.record({
      kind: fc.constantFrom<Mutation['kind']>('replace', 'replace', 'replace', 'drop', 'extra'),
      pick: fc.nat(),
      bad: fc.constantFrom(...BAD),
    }),
    { freq: 4 },
  );

  it('answers POST /commands with applied, a reasoned refusal, or 400 naming the field — never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(commandArbitrary(real), mutation, async (valid, m) => {
        const { command, path } = m ? mutate(valid, m) : { command: valid, path: null };
        const r = await s.app.inject({
          method: 'POST',
          url: '/commands',
          headers: { authorization: `Bearer ${s.tokens.lead}` },
          payload: { command },
        });
        const body = r.json();
        const sent = JSON.stringify(command).slice(0, 300);
        expect(r.statusCode, `${sent} → ${r.body}`).toBeLessThan(500);
        if (r.statusCode === 409) expect(body.reasonKey, sent).not.toBe('cis:rejected.internal');
        if (r.statusCode === 400) {
          expect(
            namesAField(String(body.field).replace(/^command\.?/, ''), command, path) &&
              String(body.field).startsWith('command.'),
            `${sent} → ${r.body}`,
          ).toBe(true);
        }
        if (r.statusCode === 200 && body.result?.adjustmentId)
          real.adjustments.push(String(body.result.adjustmentId));
      }),
      { numRuns: 250 },
    );
  });

  it('answers POST /sync/push with an outcome for each command, naming the field of an invalid one', async () => {
    let seq = 0;
    await fc.assert(
      fc.asyncProperty(commandArbitrary(real), mutation, async (valid, m) => {
        const { command, path } = m ? mutate(valid, m) : { command: valid, path: null };
        seq += 1;
        const r = await s.app.inject({
          method: 'POST',
          url: '/sync/push',
          headers: { authorization: `Bearer ${s.tokens.agent}` },
          payload: {
            clientId: '6f1c2b1e-1111-4111-8111-111111111111',
            commands: [{ seq, issuedAt: '2026-11-17T15:00:00.000Z', command }],
          },
        });
        const sent = JSON.stringify(command).slice(0, 300);
        expect(r.statusCode, `${sent} → ${r.body}`).toBe(200);
        const outcome = r.json().results[0].outcome;
        if (outcome.status === 'rejected') {
          expect(outcome.reasonKey, sent).not.toBe('cis:rejected.internal');
          if (outcome.reasonKey === 'cis:rejected.invalidCommand')
            expect(namesAField(outcome.details.field, command, path), `${sent} → ${r.body}`).toBe(
              true,
            );
        }
      }),
      { numRuns: 200 },
    );
  });
});
