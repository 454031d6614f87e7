// The README's table of shipped-model quality, read from the sections that `npx scorefield evaluate --markdown
// docs/model-quality.md` writes (one per model): parameters, steps, the ε RMSE at t 300–599, the guided-path error of
// ε_y − ε_∅ at t 100–299, and the sliced Wasserstein ratio at each s. Prints the table; with --write it replaces the
// table in README.md (the lines from its header row to the first blank line).
//
//   npx tsx scripts/quality-table.ts [--write]
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const HEADER =
  '| world | conditioning | p_uncond | parameters | steps | ε RMSE y / ∅ (t 300–599) | ε_y − ε_∅ error on guided paths (t 100–299) | SW ratio s = 0 | s = 1 | s = 3 | s = 7.5 |';
const SCALES = ['0', '1', '3', '7.5'];

/** The cells of a markdown table row (without the outer pipes). */
const cells = (line: string) =>
  line
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim());

function qualityRows(doc: string): string[] {
  const rows: string[] = [];
  for (const section of doc.split(/^### /m).slice(1)) {
    const head = /^(\S+), (\S+), p_uncond = (\S+)\n/.exec(section);
    const size = /: (\d+) parameters, (\d+) steps/.exec(section);
    const averaged = /\(the mean of this run and (\d+) others/.exec(section);
    if (!head || !size) continue;
    const table = section
      .split('\n')
      .filter((l) => l.startsWith('| '))
      .map(cells);
    const band = table.find((c) => c[0] === '300–599');
    const guided = table.find((c) => c[0] === '100–299');
    const ratios = SCALES.map((s) => table.find((c) => c.length >= 4 && c[0] === s)?.[3]);
    if (!band || !guided || ratios.some((r) => r === undefined)) throw new Error(`section "${head[0].trim()}" lacks a band or s row`);
    rows.push(
      `| ${head[1]} | ${head[2]} | ${head[3]} | ${size[1]} | ${size[2]}${averaged ? `, mean of ${Number(averaged[1]) + 1} runs` : ''} | ${band[1]} / ${band[2]} | ${guided[3]} | ${ratios.join(' | ')} |`,
    );
  }
  return rows;
}

const table = [HEADER, `|${' --- |'.repeat(cells(HEADER).length)}`, ...qualityRows(readFileSync(`${root}docs/model-quality.md`, 'utf8'))].join('\n');
if (process.argv.includes('--write')) {
  const readme = readFileSync(`${root}README.md`, 'utf8');
  const start = readme.indexOf(HEADER);
  if (start < 0) throw new Error('README.md has no quality table header');
  const end = readme.indexOf('\n\n', start);
  writeFileSync(`${root}README.md`, readme.slice(0, start) + table + readme.slice(end));
} else console.log(table);
