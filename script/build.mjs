// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with ncc.
// ncc writes one folder per entry point; the CLI's bundle is moved to dist/cli.js
// so that package.json `bin` and users can call `node dist/cli.js`.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ncc = join('node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

function bundle(entry, outDir) {
  execFileSync(
    process.execPath,
    [ncc, 'build', entry, '-o', outDir, '--license', 'licenses.txt', '--quiet'],
    {
      stdio: 'inherit',
    },
  );
}

rmSync('dist', { recursive: true, force: true });
bundle('src/index.ts', 'dist');

const tmp = mkdtempSync(join(tmpdir(), 'gitops-bump-cli-'));
bundle('src/cli.ts', tmp);
const extra = readdirSync(tmp).filter(
  (f) => !['index.js', 'licenses.txt', 'package.json'].includes(f),
);
if (extra.length > 0) {
  throw new Error(`the CLI bundle must be one file, but ncc also wrote: ${extra.join(', ')}`);
}
const cli = readFileSync(join(tmp, 'index.js'), 'utf8');
writeFileSync(join('dist', 'cli.js'), cli.startsWith('#!') ? cli : `#!/usr/bin/env node\n${cli}`);
chmodSync(join('dist', 'cli.js'), 0o755);
rmSync(tmp, { recursive: true, force: true });
