/**
 * The guidance-rule language of the rule cell: ε̃ as an expression of ε_∅, ε_y, s, t, σ_t, ᾱ_t, x_t, read by a small
 * recursive-descent parser written here and evaluated by walking its tree. No reader text ever reaches eval, new
 * Function, a property lookup or a host object: the only names are the fixed variables and functions below, the only
 * values are numbers and 2-vectors, and there are no loops, calls of values or strings, so every rule ends after a
 * number of operations bounded by its length (capped at MAX_RULE_LENGTH). Works under a CSP without 'unsafe-eval'.
 *
 * Grammar: rule := (name '=' expr ';')* expr; expr := or ('?' expr ':' expr)?; or := and ('||' and)*;
 * and := cmp ('&&' cmp)*; cmp := sum (('<'|'<='|'>'|'>='|'=='|'!=') sum)?; sum := prod (('+'|'-') prod)*;
 * prod := unary (('*'|'/') unary)*; unary := '-' unary | power; power := atom ('^' unary)?;
 * atom := number | name | name '(' expr (',' expr)* ')' | '(' expr ')' | '[' expr ',' expr ']'.
 */

/** Longest rule text accepted (the URL key `rule` carries it). */
export const MAX_RULE_LENGTH = 600;
/** Most syntax-tree nodes of a rule. */
const MAX_NODES = 400;
/** Most nested brackets. */
const MAX_DEPTH = 40;

import { FNS, num, RULE_FUNCTIONS, RULE_VARIABLES, RULE_ALIASES, RuleError, VARS, type RuleInputs, type Ty, type Value } from './rule-lang-names';

export { RULE_ALIASES, RULE_FUNCTIONS, RULE_VARIABLES, RuleError, type RuleInputs, type Value } from './rule-lang-names';

interface Node {
  ty: Ty;
  at: number;
  ev: (env: Value[], i: RuleInputs) => Value;
}

type Tok = { k: 'num' | 'name' | 'op'; v: string; at: number };

const OPS = ['<=', '>=', '==', '!=', '&&', '||', '+', '-', '*', '/', '^', '(', ')', '[', ']', ',', ';', '=', '?', ':', '<', '>'];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const numMatch = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(src.slice(i, i + 40));
    if (numMatch) {
      out.push({ k: 'num', v: numMatch[0], at: i });
      i += numMatch[0].length;
      continue;
    }
    const alias = Object.keys(RULE_ALIASES).find((a) => src.startsWith(a, i) && !/[\p{L}\d_]/u.test(src[i + a.length] ?? ''));
    if (alias) {
      out.push({ k: 'name', v: RULE_ALIASES[alias]!, at: i });
      i += alias.length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 64));
    if (name) {
      out.push({ k: 'name', v: name[0], at: i });
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new RuleError(`unexpected character “${String.fromCodePoint(src.codePointAt(i)!)}” at ${i + 1}`, i);
    out.push({ k: 'op', v: op, at: i });
    i += op.length;
  }
  return out;
}

const arith = (op: string, a: number, b: number): number => (op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a ** b);

/** A compiled rule: call it per point. */
export interface CompiledRule {
  readonly text: string;
  evaluate(inputs: RuleInputs): readonly [number, number];
}

/** Parses and type-checks a rule; throws a RuleError naming the problem (and its position). */
export function compileRule(text: string): CompiledRule {
  if (text.length > MAX_RULE_LENGTH) throw new RuleError(`the rule is ${text.length} characters long; at most ${MAX_RULE_LENGTH} are allowed`);
  const toks = tokenize(text);
  let p = 0;
  let nodes = 0;
  let depth = 0;
  const locals = new Map<string, { slot: number; ty: Ty }>();
  const peek = () => toks[p];
  const where = () => (peek() ? `at ${peek()!.at + 1} (“${peek()!.v}”)` : 'at the end');
  const fail = (msg: string): never => {
    throw new RuleError(`${msg} ${where()}`, peek()?.at ?? text.length);
  };
  const isOp = (v: string) => peek()?.k === 'op' && peek()!.v === v;
  const expectOp = (v: string) => {
    if (!isOp(v)) fail(`expected “${v}”`);
    p++;
  };
  const mk = (ty: Ty, at: number, ev: Node['ev']): Node => {
    if (++nodes > MAX_NODES) throw new RuleError(`the rule is too complex (more than ${MAX_NODES} parts)`);
    return { ty, at, ev };
  };
  const needNum = (n: Node, what: string) => {
    if (n.ty !== 'num') throw new RuleError(`${what} needs a number, not a vector (at ${n.at + 1})`, n.at);
  };

  function expr(): Node {
    if (++depth > MAX_DEPTH) fail('too deeply nested');
    const c = or();
    let out = c;
    if (isOp('?')) {
      p++;
      needNum(c, 'a condition');
      const a = expr();
      expectOp(':');
      const b = expr();
      if (a.ty !== b.ty) throw new RuleError(`both branches of “? :” must have the same shape (at ${a.at + 1})`, a.at);
      out = mk(a.ty, c.at, (e, i) => (num(c.ev(e, i)) !== 0 ? a.ev(e, i) : b.ev(e, i)));
    }
    depth--;
    return out;
  }
  function chain(next: () => Node, ops: string[], combine: (op: string, l: Node, r: Node) => Node, once = false): Node {
    let l = next();
    while (peek()?.k === 'op' && ops.includes(peek()!.v)) {
      const op = toks[p++]!.v;
      l = combine(op, l, next());
      if (once) break;
    }
    return l;
  }
  const logical = (op: string, l: Node, r: Node) => {
    needNum(l, `“${op}”`);
    needNum(r, `“${op}”`);
    return mk('num', l.at, op === '&&' ? (e, i) => (num(l.ev(e, i)) && num(r.ev(e, i)) ? 1 : 0) : (e, i) => (num(l.ev(e, i)) || num(r.ev(e, i)) ? 1 : 0));
  };
  const or = () => chain(and, ['||'], logical);
  const and = () => chain(cmp, ['&&'], logical);
  const cmp = () =>
    chain(
      sum,
      ['<', '<=', '>', '>=', '==', '!='],
      (op, l, r) => {
        needNum(l, `“${op}”`);
        needNum(r, `“${op}”`);
        const f = {
          '<': (a: number, b: number) => a < b,
          '<=': (a: number, b: number) => a <= b,
          '>': (a: number, b: number) => a > b,
          '>=': (a: number, b: number) => a >= b,
          '==': (a: number, b: number) => a === b,
          '!=': (a: number, b: number) => a !== b,
        }[op]!;
        return mk('num', l.at, (e, i) => (f(num(l.ev(e, i)), num(r.ev(e, i))) ? 1 : 0));
      },
      true,
    );
  const binary = (op: string, l: Node, r: Node): Node => {
    if (op === '^') needNum(r, 'an exponent');
    if ((op === '+' || op === '-') && l.ty !== r.ty) throw new RuleError(`“${op}” needs two numbers or two vectors (at ${r.at + 1})`, r.at);
    if (op === '/' && r.ty === 'vec') throw new RuleError(`cannot divide by a vector (at ${r.at + 1})`, r.at);
    const ty: Ty = l.ty === 'vec' || r.ty === 'vec' ? 'vec' : 'num';
    if (ty === 'num') return mk('num', l.at, (e, i) => arith(op, num(l.ev(e, i)), num(r.ev(e, i))));
    return mk('vec', l.at, (e, i) => {
      const a = l.ev(e, i);
      const b = r.ev(e, i);
      const ax = typeof a === 'number' ? a : a[0];
      const ay = typeof a === 'number' ? a : a[1];
      const bx = typeof b === 'number' ? b : b[0];
      const by = typeof b === 'number' ? b : b[1];
      return [arith(op, ax, bx), arith(op, ay, by)];
    });
  };
  const sum = () => chain(prod, ['+', '-'], binary);
  const prod = () => chain(unary, ['*', '/'], binary);
  function unary(): Node {
    if (isOp('-')) {
      const at = toks[p++]!.at;
      const a = unary();
      return mk(a.ty, at, (e, i) => {
        const v = a.ev(e, i);
        return typeof v === 'number' ? -v : [-v[0], -v[1]];
      });
    }
    const base = atom();
    if (isOp('^')) {
      p++;
      return binary('^', base, unary());
    }
    return base;
  }
  function atom(): Node {
    const tok = peek();
    if (!tok) return fail('expected a number, a name or “(”');
    if (tok.k === 'num') {
      p++;
      const v = Number(tok.v);
      return mk('num', tok.at, () => v);
    }
    if (tok.k === 'name') {
      p++;
      if (isOp('(')) return call(tok);
      const local = locals.get(tok.v);
      if (local) return mk(local.ty, tok.at, (e) => e[local.slot]!);
      const spec = Object.hasOwn(VARS, tok.v) ? VARS[tok.v]! : undefined;
      if (!spec) throw new RuleError(`unknown name “${tok.v.slice(0, 24)}” at ${tok.at + 1} (known: ${RULE_VARIABLES.join(', ')})`, tok.at);
      return mk(spec.ty, tok.at, (_e, i) => spec.get(i));
    }
    if (tok.v === '(') {
      p++;
      const inner = expr();
      expectOp(')');
      return inner;
    }
    if (tok.v === '[') {
      p++;
      const a = expr();
      expectOp(',');
      const b = expr();
      expectOp(']');
      needNum(a, 'a vector’s coordinate');
      needNum(b, 'a vector’s coordinate');
      return mk('vec', tok.at, (e, i) => [num(a.ev(e, i)), num(b.ev(e, i))]);
    }
    return fail('expected a number, a name or “(”');
  }
  function call(tok: Tok): Node {
    const fn = Object.hasOwn(FNS, tok.v) ? FNS[tok.v]! : undefined;
    if (!fn) throw new RuleError(`unknown function “${tok.v.slice(0, 24)}” at ${tok.at + 1} (known: ${RULE_FUNCTIONS.join(', ')})`, tok.at);
    expectOp('(');
    const args: Node[] = [expr()];
    while (isOp(',')) {
      p++;
      args.push(expr());
    }
    expectOp(')');
    const want: Ty[] = fn.args === 'any1' ? [args[0]!.ty] : fn.args === 'clip' ? [args[0]!.ty, 'num', 'num'] : fn.args;
    if (args.length !== want.length)
      throw new RuleError(`${tok.v} takes ${want.length} argument${want.length > 1 ? 's' : ''}, got ${args.length} (at ${tok.at + 1})`, tok.at);
    args.forEach((a, k) => {
      if (a.ty !== want[k]) throw new RuleError(`argument ${k + 1} of ${tok.v} must be a ${want[k] === 'num' ? 'number' : 'vector'} (at ${a.at + 1})`, a.at);
    });
    return mk(fn.ret(args.map((a) => a.ty)), tok.at, (e, i) =>
      fn.run(
        args.map((a) => a.ev(e, i)),
        i,
      ),
    );
  }

  // the statements: name = expr; … then the result
  const lets: { slot: number; node: Node }[] = [];
  while (peek()?.k === 'name' && toks[p + 1]?.k === 'op' && toks[p + 1]!.v === '=') {
    const name = toks[p]!;
    if (Object.hasOwn(VARS, name.v) || Object.hasOwn(FNS, name.v) || locals.has(name.v)) {
      throw new RuleError(`“${name.v}” is already defined (at ${name.at + 1}); choose another name`, name.at);
    }
    p += 2;
    const node = expr();
    expectOp(';');
    const slot = lets.length;
    lets.push({ slot, node });
    locals.set(name.v, { slot, ty: node.ty });
  }
  if (!peek()) throw new RuleError('the rule is empty: end it with an expression for ε̃', text.length);
  const result = expr();
  if (peek()) fail('unexpected text');
  if (result.ty !== 'vec') throw new RuleError('the rule must give a vector (ε̃ has two coordinates), not a number');
  return {
    text,
    evaluate(inputs) {
      const env: Value[] = [];
      for (const l of lets) env[l.slot] = l.node.ev(env, inputs);
      return result.ev(env, inputs) as readonly [number, number];
    },
  };
}

/**
 * Evaluation budget of one batch (ms); a rule that exceeds it is stopped with an error. A rule has at most MAX_NODES
 * operations per point, so this only trips on a machine that is stalled: generous, so that a busy machine does not refuse good rules.
 */
export const RULE_BUDGET_MS = 1000;

/**
 * ε̃ of a compiled rule for a batch: 2n numbers each of ε_∅, ε_y and x_t. Throws a RuleError on a value that is not
 * finite (naming the point) or when the batch runs over `budgetMs`.
 */
export function applyRule(
  rule: CompiledRule,
  epsU: ArrayLike<number>,
  epsY: ArrayLike<number>,
  x: ArrayLike<number>,
  scalars: { s: number; t: number; alphaBar: number; alphaBarPrev: number },
  budgetMs = RULE_BUDGET_MS,
): Float64Array {
  const out = new Float64Array(epsY.length);
  const start = Date.now();
  for (let i = 0; i < out.length; i += 2) {
    const v = rule.evaluate({
      ...scalars,
      epsU: [epsU[i]!, epsU[i + 1]!],
      epsY: [epsY[i]!, epsY[i + 1]!],
      x: [x[i]!, x[i + 1]!],
    });
    if (!(Number.isFinite(v[0]) && Number.isFinite(v[1]))) {
      throw new RuleError(
        `the rule gives ${Number.isNaN(v[0]) || Number.isNaN(v[1]) ? 'a value that is not a number' : 'an infinite value'} at x_t = (${x[i]!.toFixed(2)}, ${x[i + 1]!.toFixed(2)}), t = ${scalars.t}`,
      );
    }
    out[i] = v[0];
    out[i + 1] = v[1];
    if ((i & 1023) === 0 && Date.now() - start > budgetMs) throw new RuleError(`the rule took longer than ${budgetMs} ms on ${out.length / 2} points`);
  }
  return out;
}

const cache = new Map<string, CompiledRule>();
/** compileRule with a small cache (the same text is compiled once per page or worker). */
export function compileRuleCached(text: string): CompiledRule {
  let r = cache.get(text);
  if (!r) {
    r = compileRule(text);
    if (cache.size > 32) cache.clear();
    cache.set(text, r);
  }
  return r;
}

/** The problem with a rule text, or undefined when it compiles. */
export function ruleProblem(text: string): string | undefined {
  try {
    compileRuleCached(text);
    return undefined;
  } catch (e) {
    return e instanceof RuleError ? e.message : 'the rule could not be read';
  }
}
