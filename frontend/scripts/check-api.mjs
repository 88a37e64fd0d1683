#!/usr/bin/env node
// Regenerates the OpenAPI types into a temp file and compares them with the
// committed src/api/schema.d.ts. Exit codes: 0 = in sync, 1 = drift, 2 = error.
// OPENAPI_SPEC overrides the spec path (default: ../openapi/openapi.json).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = resolve(root, process.env.OPENAPI_SPEC ?? '../openapi/openapi.json');
const committed = join(root, 'src/api/schema.d.ts');
const cli = join(root, 'node_modules/openapi-typescript/bin/cli.js');

if (!existsSync(spec)) {
  console.error(`check:api: OpenAPI spec not found: ${spec}`);
  process.exit(2);
}
if (!existsSync(committed)) {
  console.error(`check:api: ${committed} is missing; run \`npm run gen:api\``);
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'check-api-'));
const fresh = join(dir, 'schema.d.ts');
try {
  execFileSync(process.execPath, [cli, spec, '-o', fresh], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (readFileSync(fresh, 'utf8') === readFileSync(committed, 'utf8')) {
    console.log('check:api: src/api/schema.d.ts is up to date');
    process.exitCode = 0;
  } else {
    console.error('check:api: src/api/schema.d.ts is out of date with the OpenAPI spec; run `npm run gen:api`');
    const diff = spawnSync('diff', ['-u', committed, fresh], { encoding: 'utf8' });
    if (diff.stdout) console.error(diff.stdout.split('\n').slice(0, 200).join('\n'));
    process.exitCode = 1;
  }
} catch (err) {
  console.error('check:api: generation failed:', err instanceof Error ? err.message : err);
  process.exitCode = 2;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
