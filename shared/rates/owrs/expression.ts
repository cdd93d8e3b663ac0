import type Decimal from 'decimal.js';
import jsep from 'jsep';
import { Dec } from '../../money';

/**
 * The arithmetic OWRS formulas use — numbers, names, + - * / and parentheses — parsed with
 * jsep and evaluated over exact decimals. Anything else (calls, members, comparisons) is
 * refused at parse time, so a formula can never run code.
 */
export type Expr =
  | { type: 'num'; value: Decimal }
  | { type: 'name'; name: string }
  | { type: 'neg'; arg: Expr }
  | { type: 'bin'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr };

export class FormulaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormulaError';
  }
}

const OPS = new Set(['+', '-', '*', '/']);

function convert(node: jsep.Expression): Expr {
  switch (node.type) {
    case 'Literal': {
      const value = (node as jsep.Literal).value;
      if (typeof value !== 'number') throw new FormulaError(`not a number: ${String(value)}`);
      return { type: 'num', value: new Dec((node as jsep.Literal).raw) };
    }
    case 'Identifier':
      return { type: 'name', name: (node as jsep.Identifier).name };
    case 'UnaryExpression': {
      const u = node as jsep.UnaryExpression;
      if (u.operator === '-') return { type: 'neg', arg: convert(u.argument) };
      if (u.operator === '+') return convert(u.argument);
      throw new FormulaError(`operator ${u.operator} is not allowed`);
    }
    case 'BinaryExpression': {
      const b = node as jsep.BinaryExpression;
      if (!OPS.has(b.operator)) throw new FormulaError(`operator ${b.operator} is not allowed`);
      return {
        type: 'bin',
        op: b.operator as '+' | '-' | '*' | '/',
        left: convert(b.left),
        right: convert(b.right),
      };
    }
    default:
      throw new FormulaError(`${node.type} is not allowed in a rate formula`);
  }
}

export function parseFormula(text: string): Expr {
  let tree: jsep.Expression;
  try {
    tree = jsep(text);
  } catch (err) {
    throw new FormulaError((err as Error).message);
  }
  return convert(tree);
}

/** The names a formula reads. */
export function namesIn(expr: Expr, into = new Set<string>()): Set<string> {
  switch (expr.type) {
    case 'name':
      into.add(expr.name);
      break;
    case 'neg':
      namesIn(expr.arg, into);
      break;
    case 'bin':
      namesIn(expr.left, into);
      namesIn(expr.right, into);
      break;
    default:
      break;
  }
  return into;
}

export function evaluate(expr: Expr, resolve: (name: string) => Decimal): Decimal {
  switch (expr.type) {
    case 'num':
      return expr.value;
    case 'name':
      return resolve(expr.name);
    case 'neg':
      return evaluate(expr.arg, resolve).negated();
    case 'bin': {
      const a = evaluate(expr.left, resolve);
      const b = evaluate(expr.right, resolve);
      switch (expr.op) {
        case '+':
          return a.plus(b);
        case '-':
          return a.minus(b);
        case '*':
          return a.times(b);
        case '/':
          if (b.isZero()) throw new FormulaError('division by zero');
          return a.dividedBy(b);
      }
    }
  }
}

/** The top-level terms of a sum (`a+b+c` → [a, b, c]); null when it is not a plain sum. */
export function sumTerms(expr: Expr): Expr[] | null {
  if (expr.type === 'bin' && expr.op === '+') {
    const left = sumTerms(expr.left);
    const right = sumTerms(expr.right);
    return left && right ? [...left, ...right] : null;
  }
  return [expr];
}
