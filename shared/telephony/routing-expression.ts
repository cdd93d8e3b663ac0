/**
 * TaskRouter's expression language, the part the routing plan uses: `==`, `!=`, `HAS`, `IN`,
 * `NOT IN`, `AND`, `OR`, parentheses, strings, numbers and lists, and names (`reason`,
 * `task.language`, `worker.languages`). A workflow filter reads the task's attributes, a task
 * queue's TargetWorkers the worker's, a target's expression both as `task.` and `worker.`.
 * A name that is not there is null; null matches nothing.
 */
export type Attributes = Record<string, unknown>;
export interface Scope {
  /** Bare names read from here (the task for a filter, the worker for TargetWorkers). */
  self: Attributes;
  task?: Attributes;
  worker?: Attributes;
}

type Token =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'name'; v: string }
  | { t: 'op'; v: string };

const WORD_OPS = new Set(['AND', 'OR', 'HAS', 'IN', 'NOT', 'CONTAINS']);

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '"' || c === "'") {
      const end = src.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unterminated string in ${src}`);
      out.push({ t: 'str', v: src.slice(i + 1, end) });
      i = end + 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i))!;
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.-]*/.exec(src.slice(i))!;
      const word = m[0];
      out.push(
        WORD_OPS.has(word.toUpperCase())
          ? { t: 'op', v: word.toUpperCase() }
          : { t: 'name', v: word },
      );
      i += word.length;
    } else if (src.startsWith('==', i) || src.startsWith('!=', i)) {
      out.push({ t: 'op', v: src.slice(i, i + 2) });
      i += 2;
    } else if ('()[],'.includes(c)) {
      out.push({ t: 'op', v: c });
      i += 1;
    } else {
      throw new Error(`unexpected "${c}" in ${src}`);
    }
  }
  return out;
}

type Node =
  | { k: 'lit'; v: unknown }
  | { k: 'name'; v: string }
  | { k: 'list'; items: Node[] }
  | { k: 'bin'; op: string; a: Node; b: Node };

function parse(src: string): Node {
  const tokens = tokenize(src);
  let p = 0;
  const peek = () => tokens[p];
  const isOp = (v: string) => peek()?.t === 'op' && peek()!.v === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new Error(`expected ${v} in ${src}`);
    p += 1;
  };
  const or = (): Node => {
    let a = and();
    while (isOp('OR')) {
      p += 1;
      a = { k: 'bin', op: 'OR', a, b: and() };
    }
    return a;
  };
  const and = (): Node => {
    let a = compare();
    while (isOp('AND')) {
      p += 1;
      a = { k: 'bin', op: 'AND', a, b: compare() };
    }
    return a;
  };
  const compare = (): Node => {
    const a = primary();
    const t = peek();
    if (t?.t !== 'op') return a;
    if (t.v === 'NOT') {
      p += 1;
      expect('IN');
      return { k: 'bin', op: 'NOT IN', a, b: primary() };
    }
    if (['==', '!=', 'HAS', 'IN', 'CONTAINS'].includes(t.v)) {
      p += 1;
      return { k: 'bin', op: t.v, a, b: primary() };
    }
    return a;
  };
  const primary = (): Node => {
    const t = tokens[p++];
    if (!t) throw new Error(`unexpected end of ${src}`);
    if (t.t === 'str' || t.t === 'num') return { k: 'lit', v: t.v };
    if (t.t === 'name') {
      if (t.v === 'true' || t.v === 'false') return { k: 'lit', v: t.v === 'true' };
      if (t.v === 'null') return { k: 'lit', v: null };
      return { k: 'name', v: t.v };
    }
    if (t.v === '(') {
      const inner = or();
      expect(')');
      return inner;
    }
    if (t.v === '[') {
      const items: Node[] = [];
      while (!isOp(']')) {
        items.push(primary());
        if (isOp(',')) p += 1;
      }
      expect(']');
      return { k: 'list', items };
    }
    throw new Error(`unexpected ${t.v} in ${src}`);
  };
  const node = or();
  if (p !== tokens.length) throw new Error(`unexpected ${tokens[p].v} in ${src}`);
  return node;
}

function lookup(name: string, scope: Scope): unknown {
  const [head, ...rest] = name.split('.');
  let value: unknown;
  let path = rest;
  if ((head === 'task' || head === 'worker') && rest.length > 0 && scope[head]) {
    value = scope[head];
  } else {
    value = scope.self;
    path = [head, ...rest];
  }
  for (const key of path) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Attributes)[key] ?? null;
  }
  return value ?? null;
}

function evaluate(node: Node, scope: Scope): unknown {
  switch (node.k) {
    case 'lit':
      return node.v;
    case 'name':
      return lookup(node.v, scope);
    case 'list':
      return node.items.map((n) => evaluate(n, scope));
    case 'bin': {
      if (node.op === 'AND')
        return truthy(evaluate(node.a, scope)) && truthy(evaluate(node.b, scope));
      if (node.op === 'OR')
        return truthy(evaluate(node.a, scope)) || truthy(evaluate(node.b, scope));
      const a = evaluate(node.a, scope);
      const b = evaluate(node.b, scope);
      switch (node.op) {
        case '==':
          return a !== null && a === b;
        case '!=':
          return a !== null && a !== b;
        case 'HAS':
        case 'CONTAINS':
          return Array.isArray(a) && a.includes(b);
        case 'IN':
          return Array.isArray(b) && a !== null && b.includes(a);
        case 'NOT IN':
          return Array.isArray(b) && a !== null && !b.includes(a);
      }
      return false;
    }
  }
}

const truthy = (v: unknown) => v === true;

const parsed = new Map<string, Node>();

/** Whether the expression holds in the scope; an expression that does not parse throws. */
export function expressionMatches(expression: string, scope: Scope): boolean {
  let node = parsed.get(expression);
  if (!node) {
    node = parse(expression);
    parsed.set(expression, node);
  }
  return evaluate(node, scope) === true;
}

/** Throws when the expression is not one this evaluator reads (the set-up checks the plan). */
export function checkExpression(expression: string): void {
  parse(expression);
}
