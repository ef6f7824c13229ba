// The bundled action with `repository` set to a plain git remote (a bare repository on disk):
// cloned, edited, committed and pushed, with the same outputs as the GitHub path.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAction } from '../helpers/run-action.js';
import { tempDir } from '../helpers/temp.js';

const DEPLOYMENT =
  'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: registry.gitlab.example/acme/app:1.0.0 # pinned by CI\n';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();
}

/** A bare repository with one commit holding deploy.yaml. */
function bareRepo(): string {
  const dir = tempDir('gitops-bump-bare-');
  const bare = join(dir, 'gitops.git');
  execFileSync('git', ['init', '--quiet', '--bare', '-b', 'main', bare]);
  const work = join(dir, 'work');
  execFileSync('git', ['clone', '--quiet', bare, work], { stdio: 'pipe' });
  writeFileSync(join(work, 'deploy.yaml'), DEPLOYMENT);
  git(work, 'add', 'deploy.yaml');
  git(work, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '--quiet', '-m', 'seed');
  git(work, 'push', '--quiet', 'origin', 'HEAD:main');
  return bare;
}

const ws = () => tempDir('gitops-bump-ws-');

it('commits and pushes to a git remote, with the usual outputs', () => {
  const bare = bareRepo();
  const run = runAction(
    { image: 'registry.gitlab.example/acme/app:1.1.0', files: 'deploy.yaml', repository: bare },
    ws(),
    { TEST_GITHUB_TOKEN: 'ghs_not_sent_to_other_hosts_0000000000000' },
  );
  expect(run.status).toBe(0);
  const head = git(bare, 'rev-parse', 'main');
  expect(run.outputs).toMatchObject({
    changed: 'true',
    operation: 'committed',
    'commit-sha': head,
    branch: 'main',
    'previous-tag': '1.0.0',
  });
  expect(git(bare, 'show', 'main:deploy.yaml')).toBe(DEPLOYMENT.replace('1.0.0', '1.1.0').trim());
  expect(git(bare, 'log', '-1', '--format=%an|%s', 'main')).toBe(
    'gitops-bump[bot]|Bump app to 1.1.0',
  );
  expect(run.stdout).toContain('::group::Clone, edit, commit and push');

  const rerun = runAction(
    { image: 'registry.gitlab.example/acme/app:1.1.0', files: 'deploy.yaml', repository: bare },
    ws(),
  );
  expect(rerun.outputs).toMatchObject({ changed: 'false', operation: 'none' });
  expect(git(bare, 'rev-parse', 'main')).toBe(head);
});

it('refuses pull-request mode for a plain git remote before doing anything', () => {
  const bare = bareRepo();
  const run = runAction(
    {
      image: 'registry.gitlab.example/acme/app:1.1.0',
      files: 'deploy.yaml',
      repository: bare,
      mode: 'pull-request',
    },
    ws(),
  );
  expect(run.status).toBe(1);
  expect(run.stdout).toContain(
    `::error::mode: 'pull-request' needs a GitHub repository; '${bare}' is a plain git remote, which gets direct commits (mode: commit).`,
  );
});
