// Gzip size of the JavaScript a first visit needs: the entry chunk with its static imports (what index.html loads),
// then each lazily loaded page chunk on top of it. Run after `npm run build`: `npm run size`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = 'dist/assets';
const html = readFileSync('dist/index.html', 'utf8');
const entry = /<script type="module"[^>]*src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
if (!entry) throw new Error('no entry script in dist/index.html');
const code = (/** @type {string} */ f) => readFileSync(join(dir, f), 'utf8');
/** @type {Map<string, number>} */
const gz = new Map();
const size = (/** @type {string} */ f) => gz.get(f) ?? /** @type {number} */ (gz.set(f, gzipSync(code(f), { level: 9 }).length).get(f));
const STATIC = /import\s*(?:[\w*{}\s,$]+from\s*)?["']\.\/([\w.-]+\.js)["']/g;

/** @param {string} start */
function closure(start, seen = new Set()) {
  const todo = [start];
  while (todo.length) {
    const f = /** @type {string} */ (todo.pop());
    if (seen.has(f)) continue;
    seen.add(f);
    for (const m of code(f).matchAll(STATIC)) todo.push(/** @type {string} */ (m[1]));
  }
  return seen;
}
const kb = (/** @type {number} */ n) => `${(n / 1000).toFixed(1)} kB`; // kB as Vite prints them
const sum = (/** @type {Iterable<string>} */ files) => [...files].reduce((a, f) => a + size(f), 0);
const first = closure(entry);
console.log(`first page (entry + static imports): ${kb(sum(first))} gzip in ${first.size} files`);
const pages = readdirSync(dir).filter((f) => /^(pages|HomePage|UsersPage|IntegrationsPage|TeacherImportPage|MunicipalitySettingsPage|StatsChart)-.*\.js$/.test(f));
for (const p of pages) {
  const extra = [...closure(p)].filter((f) => !first.has(f));
  const label = code(p).match(/function (\w+Route|\w+Page)\b/)?.[1] ?? "";
  console.log(`  + ${p.padEnd(40)} ${label.padEnd(26)} ${kb(sum(extra))}`);
}
