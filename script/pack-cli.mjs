// Packs the CLI for use outside GitHub Actions: an npm tarball gitops-bump-X.Y.Z.tgz holding the
// bundled CLI, dist/cli.js and its folder dist/cli/ (it needs no node_modules), its licenses, the README and a package.json
// with the `gitops-bump` command and no dependencies. Attach it to the GitHub release; users run
//   npm install --global ./gitops-bump-X.Y.Z.tgz   (or the release asset's URL), then gitops-bump
//
//   node script/pack-cli.mjs [--out DIR]   (default: the current directory; run npm run build first)
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const out = resolve(outAt >= 0 && args[outAt + 1] ? args[outAt + 1] : '.');

if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('pack-cli: dist/cli.js is missing; run npm run build first');
  process.exit(1);
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const stage = mkdtempSync(join(tmpdir(), 'gitops-bump-pack-'));
try {
  mkdirSync(join(stage, 'dist'));
  for (const file of ['dist/cli.js', 'dist/licenses.txt', 'README.md'])
    copyFileSync(join(root, file), join(stage, file));
  // The bundle dist/cli.js starts, and the chunks it loads on demand (see script/build.mjs).
  cpSync(join(root, 'dist', 'cli'), join(stage, 'dist', 'cli'), { recursive: true });
  const packed = {
    name: pkg.name,
    version: pkg.version,
    description: pkg.description,
    license: pkg.license,
    type: 'commonjs',
    engines: pkg.engines,
    bin: { 'gitops-bump': 'dist/cli.js' },
    files: ['dist/cli.js', 'dist/cli/', 'dist/licenses.txt', 'README.md'],
  };
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(packed, null, 2)}\n`);
  mkdirSync(out, { recursive: true });
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', out], {
    cwd: stage,
    encoding: 'utf8',
  }).trim();
  console.log(join(out, name));
} finally {
  rmSync(stage, { recursive: true, force: true });
}
