/**
 * A small checker for the one Jupyter line the builder writes, for machines without Python: tokenizes
 * `from IPython.display import IFrame; IFrame(src="…", width="100%", height=860)` (names, Python string literals with
 * their escapes, integers, punctuation) and returns the call's keyword arguments, decoded; throws on anything else.
 */
type Token = { kind: 'name' | 'string' | 'number' | 'punct'; value: string };

function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ') {
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][\w.]*/.exec(line.slice(i))!;
      tokens.push({ kind: 'name', value: m[0] });
      i += m[0].length;
    } else if (/\d/.test(c)) {
      const m = /^\d+/.exec(line.slice(i))!;
      tokens.push({ kind: 'number', value: m[0] });
      i += m[0].length;
    } else if (c === '"') {
      let j = i + 1;
      let value = '';
      for (;;) {
        const d = line[j];
        if (d === undefined) throw new Error('unterminated string');
        if (d === '"') break;
        if (d === '\\') {
          const e = line[j + 1];
          const simple: Record<string, string> = { '"': '"', '\\': '\\', n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '/': '/' };
          if (e === 'u') {
            value += String.fromCharCode(Number.parseInt(line.slice(j + 2, j + 6), 16));
            j += 6;
            continue;
          }
          if (e === undefined || !(e in simple) || e === '/') throw new Error(`escape \\${e} is not Python's`);
          value += simple[e];
          j += 2;
          continue;
        }
        value += d;
        j++;
      }
      tokens.push({ kind: 'string', value });
      i = j + 1;
    } else if ('(),=;'.includes(c)) {
      tokens.push({ kind: 'punct', value: c });
      i++;
    } else {
      throw new Error(`unexpected character ${c}`);
    }
  }
  return tokens;
}

export function parseJupyterLine(line: string): Record<string, string | number> {
  if (line.includes('\n')) throw new Error('more than one line');
  const t = tokenize(line);
  const expect = (k: number, kind: Token['kind'], value?: string) => {
    const tok = t[k];
    if (!tok || tok.kind !== kind || (value !== undefined && tok.value !== value)) throw new Error(`token ${k}: expected ${value ?? kind}`);
  };
  ['from', 'IPython.display', 'import', 'IFrame'].forEach((v, k) => expect(k, 'name', v));
  expect(4, 'punct', ';');
  expect(5, 'name', 'IFrame');
  expect(6, 'punct', '(');
  const args: Record<string, string | number> = {};
  let k = 7;
  for (;;) {
    expect(k, 'name');
    expect(k + 1, 'punct', '=');
    const v = t[k + 2];
    if (!v || (v.kind !== 'string' && v.kind !== 'number')) throw new Error('expected a value');
    args[t[k]!.value] = v.kind === 'number' ? Number(v.value) : v.value;
    k += 3;
    if (t[k]?.value === ',') k++;
    else break;
  }
  expect(k, 'punct', ')');
  if (k !== t.length - 1) throw new Error('trailing tokens');
  return args;
}
