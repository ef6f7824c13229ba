// Releases version X.Y.Z: checks, sets package.json's version, commits, tags vX.Y.Z and moves
// the major tag vX to it. Pushing is left to you (the commands are printed).
//
//   node script/release.mjs 1.2.3 [--dry-run] [--no-build]
//
// Checks first, changes nothing when one fails: a clean work tree on main; X.Y.Z a plain
// semantic version newer than package.json's and not tagged yet; CHANGELOG.md has a
// "## [X.Y.Z]" section; dist/ matches a fresh build (skipped with --no-build, which the tests
// use; CI's check-dist job covers it).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import semver from 'semver';

const args = process.argv.slice(2);
const version = args.find((a) => !a.startsWith('--'));
const dryRun = args.includes('--dry-run');
const build = !args.includes('--no-build');

function fail(message) {
  console.error(`release: ${message}`);
  process.exit(1);
}

function git(...argv) {
  return execFileSync('git', argv, { encoding: 'utf8' }).trim();
}

if (!version || !semver.valid(version) || semver.prerelease(version) || version.startsWith('v'))
  fail(`give the version as X.Y.Z, e.g. node script/release.mjs 1.2.3 (got '${version ?? ''}')`);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
if (!semver.gt(version, pkg.version))
  fail(`${version} is not newer than package.json's version ${pkg.version}`);
if (git('status', '--porcelain') !== '') fail('the work tree has changes; commit or stash them');
const branch = git('rev-parse', '--abbrev-ref', 'HEAD');
if (branch !== 'main') fail(`releases are made from main, not ${branch}`);
const tag = `v${version}`;
if (git('tag', '--list', tag) !== '') fail(`${tag} exists already`);
if (!readFileSync('CHANGELOG.md', 'utf8').includes(`## [${version}]`))
  fail(`CHANGELOG.md has no "## [${version}]" section; describe the release there first`);
if (build) {
  execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (git('status', '--porcelain', '--', 'dist') !== '')
    fail('dist/ does not match a fresh build; commit the rebuilt dist/ first');
}

const major = `v${semver.major(version)}`;
const steps = [
  `set package.json version to ${version}`,
  `commit "Release ${tag}"`,
  `tag ${tag} (annotated)`,
  `move ${major} to ${tag}`,
];
if (dryRun) {
  console.log(`release (dry run): would ${steps.join(', ')}`);
  process.exit(0);
}
pkg.version = version;
writeFileSync('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
lock.version = version;
if (lock.packages?.['']) lock.packages[''].version = version;
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
git('add', 'package.json', 'package-lock.json');
git('commit', '--quiet', '-m', `Release ${tag}`);
git('tag', '--annotate', tag, '-m', `gitops-bump ${tag}`);
git('tag', '--force', '--annotate', major, '-m', `gitops-bump ${major} (${tag})`);
console.log(`released ${tag}; ${major} now points to it. Push with:
  git push origin main ${tag}
  git push --force origin ${major}`);
