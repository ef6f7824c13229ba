// script/release.mjs in a throw-away clone: refuses what it must, then tags vX.Y.Z and moves vX.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './helpers/temp.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function clone(): string {
  const dir = join(tempDir('gitops-bump-release-'), 'repo');
  execFileSync('git', ['clone', '--quiet', '--branch', 'main', root, dir]);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
      cwd: dir,
      encoding: 'utf8',
    });
  git('config', 'user.name', 't');
  git('config', 'user.email', 't@t');
  // The script and changelog as they are in this work tree, committed in the clone.
  for (const file of ['script/release.mjs', 'CHANGELOG.md'])
    copyFileSync(join(root, file), join(dir, file));
  git('add', '-A');
  if (git('status', '--porcelain').trim()) git('commit', '--quiet', '-m', 'work tree');
  return dir;
}

function release(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['script/release.mjs', ...args, '--no-build'], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: r.status, out: r.stdout + r.stderr };
}

it('refuses a bad version and a version without a CHANGELOG section, changing nothing', () => {
  const dir = clone();
  expect(release(dir, 'v1.0.0').out).toContain('release: give the version as X.Y.Z');
  expect(release(dir, '0.0.1').out).toContain(
    "release: 0.0.1 is not newer than package.json's version",
  );
  const missing = release(dir, '9.0.0');
  expect(missing.status).toBe(1);
  expect(missing.out).toContain('CHANGELOG.md has no "## [9.0.0]" section');
  expect(execFileSync('git', ['tag'], { cwd: dir, encoding: 'utf8' })).toBe('');
});

it('commits the version, tags vX.Y.Z and moves vX', () => {
  const dir = clone();
  appendFileSync(join(dir, 'CHANGELOG.md'), '\n## [1.0.0] - 2026-11-24\n');
  execFileSync('git', ['commit', '--quiet', '-am', 'changelog'], { cwd: dir });
  const dry = release(dir, '1.0.0', '--dry-run');
  expect(dry.out).toContain('release (dry run): would set package.json version to 1.0.0');
  const done = release(dir, '1.0.0');
  expect(done.status).toBe(0);
  expect(done.out).toContain('git push --force origin v1');
  const tags = execFileSync('git', ['tag'], { cwd: dir, encoding: 'utf8' }).trim().split('\n');
  expect(tags).toEqual(['v1', 'v1.0.0']);
  const at = (ref: string) =>
    execFileSync('git', ['rev-parse', `${ref}^{commit}`], { cwd: dir, encoding: 'utf8' }).trim();
  expect(at('v1')).toBe(at('HEAD'));
  expect(at('v1.0.0')).toBe(at('HEAD'));
  expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version).toBe('1.0.0');
  // A second release moves v1.
  appendFileSync(join(dir, 'CHANGELOG.md'), '\n## [1.0.1] - 2026-11-25\n');
  execFileSync('git', ['commit', '--quiet', '-am', 'changelog'], { cwd: dir });
  expect(release(dir, '1.0.1').status).toBe(0);
  expect(at('v1')).toBe(at('v1.0.1'));
  expect(at('v1.0.0')).not.toBe(at('v1'));
});
