// Bundles the action (dist/index.js) and the CLI (dist/cli/index.js, started by dist/cli.js) with
// ncc. Each store a run may use is a dynamic import() in src/run/run.ts, which ncc writes as a
// chunk beside its bundle (dist/NNN.index.js, dist/cli/NNN.index.js), loaded only by runs that
// need it. The CLI has its own folder so that its chunks cannot collide with the action's; its
// entry dist/cli.js (package.json `bin`, `node dist/cli.js`) only imports it.
// ncc follows tsconfig.json's "paths" (jest and plain node ignore them), which map the bare name
// `undici` to src/stores/github/undici-lazy.ts for the bundles (see that file).
// The output depends only on the sources: ncc numbers modules and chunks deterministically.
import { execFileSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ncc = join('node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

function bundle(entry, outDir) {
  execFileSync(
    process.execPath,
    [ncc, 'build', entry, '-o', outDir, '--license', 'licenses.txt', '--quiet'],
    { stdio: 'inherit' },
  );
}

rmSync('dist', { recursive: true, force: true });
bundle('src/index.ts', 'dist');
bundle('src/cli.ts', join('dist', 'cli'));
rmSync(join('dist', 'cli', 'package.json'), { force: true });
writeFileSync(
  join('dist', 'cli.js'),
  "#!/usr/bin/env node\n// The CLI's entry (package.json bin); the bundle is in cli/.\nimport './cli/index.js';\n",
);
chmodSync(join('dist', 'cli.js'), 0o755);
