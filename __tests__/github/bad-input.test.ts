// The bad-input catalogue: every case fails with a message that names the input, quotes the
// bad value (never a secret) and says the fix, and leaves the repository untouched: no commit,
// no branch, no pull request.
import type { TestServer } from '../../test-server/index.js';
import { branchesOf, bump, FILES, gitopsServer, TOKEN } from './fixtures.js';

const DEPLOY_FILE = 'manifests/platform-demo/00-deployment.yaml';
const base = { image: 'ghcr.io/acme/platform-demo:2222222', files: DEPLOY_FILE };

function aliasBomb(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) {
    const prev = String.fromCharCode(96 + i);
    const next = String.fromCharCode(97 + i);
    lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  lines.push('image: ghcr.io/acme/platform-demo:1111111', '');
  return lines.join('\n');
}

const BAD_FILES: Record<string, string | Buffer> = {
  'bad/broken.yaml': 'image: ghcr.io/acme/platform-demo:1111111\nports: [80, 443\nname: x\n',
  'bad/binary.yaml': Buffer.from([0x69, 0x6d, 0x61, 0x67, 0x65, 0x3a, 0x00, 0x01, 0x02, 0x0a]),
  'bad/latin1.yaml': Buffer.from('image: ghcr.io/acme/platform-demo:1111111 # caf\xe9\n', 'latin1'),
  'bad/bomb.yaml': aliasBomb(),
  'bad/deep.yaml': `image: ghcr.io/acme/platform-demo:1111111\ndeep: ${'['.repeat(600)}${']'.repeat(600)}\n`,
};

type Case = [string, Record<string, string>, string];

const CASES: Case[] = [
  // images, tags, digests
  [
    'image with an empty tag',
    { image: 'ghcr.io/acme/platform-demo:' },
    'image: Invalid image reference \'ghcr.io/acme/platform-demo:\': the tag after ":" is empty.',
  ],
  [
    'image with capitals',
    { image: 'ghcr.io/acme/Platform-Demo:1' },
    "image: Invalid image reference 'ghcr.io/acme/Platform-Demo:1': the repository name 'acme/Platform-Demo' must be lower-case.",
  ],
  [
    'image with a tag starting with -',
    { image: 'ghcr.io/acme/platform-demo:-bad' },
    "the tag '-bad' may contain only letters, digits, '_', '.' and '-', and must not start with '.' or '-'.",
  ],
  [
    'image with a short digest',
    { image: 'ghcr.io/acme/platform-demo@sha256:abc' },
    "the digest 'sha256:abc' is not of the form sha256:<64 hex digits>.",
  ],
  [
    'image without tag or digest',
    { image: 'ghcr.io/acme/platform-demo' },
    "image 'ghcr.io/acme/platform-demo' has no tag or digest to deploy. Write it as ghcr.io/acme/platform-demo:<tag>",
  ],
  [
    'image as a URL',
    { image: 'https://ghcr.io/acme/platform-demo:1' },
    "image: Invalid image reference 'https://ghcr.io/acme/platform-demo:1': it is a URL; write the reference without the scheme, e.g. ghcr.io/acme/platform-demo:1.",
  ],
  [
    'image with a space',
    { image: 'ghcr.io/acme/platform-demo:1 2' },
    "image: Invalid image reference 'ghcr.io/acme/platform-demo:1 2': it contains white space.",
  ],
  [
    'tag with a space',
    { image: 'ghcr.io/acme/platform-demo', tag: 'bad tag' },
    "tag: Invalid tag 'bad tag': the tag 'bad tag' may contain only letters",
  ],
  [
    'digest not sha256',
    { image: 'ghcr.io/acme/platform-demo', digest: 'md5:abc' },
    "digest: Invalid digest 'md5:abc': expected sha256: followed by 64 lower-case hex digits.",
  ],
  [
    'the same image twice',
    { image: '', images: 'ghcr.io/acme/platform-demo:1\nghcr.io/acme/platform-demo:2' },
    'The image ghcr.io/acme/platform-demo is given twice (also as ghcr.io/acme/platform-demo); give each image once.',
  ],
  [
    'image and images both',
    { images: 'ghcr.io/acme/sidecar:2' },
    'image and images are both set; give one image in image, or several in images.',
  ],
  [
    'no image at all',
    { image: '' },
    'image: no image given. Set image (e.g. ghcr.io/org/app:1.4.2) or images.',
  ],
  [
    'tag with several images',
    { image: '', images: 'ghcr.io/acme/platform-demo\nghcr.io/acme/sidecar', tag: '3' },
    'tag/digest apply to a single image, but 2 were given; write each image with its tag instead (name:tag).',
  ],
  // choices, booleans, numbers, templates
  ['mode', { mode: 'pr' }, "mode: 'pr' is not one of commit, pull-request, workspace."],
  [
    'merge',
    { merge: 'Auto' },
    "merge: 'Auto' is not one of auto, now, none (did you mean 'auto'?).",
  ],
  [
    'merge-method',
    { 'merge-method': 'fast-forward' },
    "merge-method: 'fast-forward' is not one of squash, merge, rebase.",
  ],
  ['commit-api', { 'commit-api': 'rest' }, "commit-api: 'rest' is not one of graphql, contents."],
  ['max-attempts', { 'max-attempts': '0' }, "max-attempts: '0' is not a number from 1 to 100."],
  [
    'request-timeout',
    { 'request-timeout': 'soon' },
    "request-timeout: 'soon' is not a number from 1 to 600.",
  ],
  ['dry-run', { 'dry-run': 'maybe' }, "dry-run: 'maybe' is not a boolean; use true or false."],
  [
    'pin-digest',
    { 'pin-digest': 'yes please' },
    "pin-digest: 'yes please' is not a boolean; use true or false.",
  ],
  [
    'allow-downgrade',
    { 'allow-downgrade': 'perhaps' },
    "allow-downgrade: 'perhaps' is not a boolean; use true or false.",
  ],
  [
    'on-policy-violation',
    { 'on-policy-violation': 'warn' },
    "on-policy-violation: 'warn' is not one of skip, fail.",
  ],
  [
    'version-filter',
    { 'version-filter': 'one point x' },
    "version-filter: 'one point x' is not a valid semver range.",
  ],
  [
    'tag-pattern that does not compile',
    { 'tag-pattern': '^(x' },
    "tag-pattern: '^(x' is not a valid regular expression",
  ],
  [
    'tag-pattern without a version group',
    { 'tag-pattern': '^v(\\d+)$' },
    "tag-pattern: '^v(\\d+)$' has no named group 'version'.",
  ],
  [
    'commit-message placeholder',
    { 'commit-message': 'Deploy {{version}}' },
    "commit-message: unknown placeholder '{{version}}' in 'Deploy {{version}}'.",
  ],
  [
    'pr-title placeholder',
    { 'pr-title': 'Deploy {{nope}}' },
    "pr-title: unknown placeholder '{{nope}}' in 'Deploy {{nope}}'.",
  ],
  ['pr-branch', { 'pr-branch': 'bad..name' }, "pr-branch: 'bad..name' is not a usable branch name"],
  [
    'pr-branch is the target branch',
    { 'pr-branch': 'main', mode: 'pull-request' },
    "pr-branch: 'main' is the target branch itself; give another pr-branch.",
  ],
  // where
  [
    'repository without owner',
    { repository: 'acme' },
    "repository: 'acme' is not a repository; write it as owner/name, e.g. acme/gitops.",
  ],
  [
    'repository with three parts',
    { repository: 'acme/gitops/extra' },
    "repository: 'acme/gitops/extra' is not a repository; write it as owner/name",
  ],
  [
    'repository with a space',
    { repository: 'acme/git ops' },
    "repository: 'acme/git ops' is not a repository; write it as owner/name",
  ],
  [
    'repository not visible',
    { repository: 'acme/secret-gitops' },
    'The repository acme/secret-gitops is not visible to this token (404 while reading the default branch and the files).',
  ],
  [
    'branch that does not exist',
    { branch: 'prod' },
    "branch: 'prod' does not exist in acme/gitops. Give an existing branch, or leave branch empty for the default branch (main).",
  ],
  // tokens
  ['token empty', { token: '' }, 'token: the token is empty.'],
  [
    'token a dash',
    { token: '-' },
    'token: the token is a placeholder (1 character, no letters), not a token.',
  ],
  [
    'token with a line break',
    { token: `${TOKEN}\nextra` },
    'token: the token (46 characters) contains whitespace, which no GitHub token does.',
  ],
  // files
  [
    'file that does not exist',
    { files: 'manifests/platform-demo/01-service.yaml' },
    "files: 'manifests/platform-demo/01-service.yaml' does not exist in acme/gitops at main (",
  ],
  [
    'a folder named as a file',
    { files: 'manifests/platform-demo' },
    'is a directory, not a file; name its files, e.g. manifests/platform-demo/*.yaml.',
  ],
  [
    'a symbolic link named as a file',
    { files: 'links/deploy.yaml' },
    "is a symbolic link to '../manifests/platform-demo/00-deployment.yaml', not a regular file; name the file it points to",
  ],
  [
    'a submodule named as a file',
    { files: 'vendor/charts' },
    'is a git submodule (another repository), not a file; bump the files in that repository instead.',
  ],
  [
    'a glob on a branch that does not exist',
    { branch: 'prod', files: 'manifests/**/*.yaml' },
    "branch: 'prod' does not exist in acme/gitops. Give an existing branch, or leave branch empty for the default branch (main).",
  ],
  [
    'every file of a line excluded',
    { files: 'manifests/**/*.yaml\n!manifests/platform-demo/**' },
    "files: every file 'manifests/**/*.yaml' names is excluded by '!manifests/platform-demo/**' (manifests/platform-demo/00-deployment.yaml); remove the exclusion or that line.",
  ],
  [
    'only exclusions',
    { files: '!apps/prod/**' },
    "files: only exclusions given ('!apps/prod/**'); a line starting with '!' removes files from what the other lines name, so list the files to edit too.",
  ],
  [
    'glob that matches nothing',
    { files: 'clusters/**/*.yaml' },
    "files: the glob 'clusters/**/*.yaml' matches no file (files ending in .yaml:",
  ],
  [
    'path with ..',
    { files: '../outside.yaml' },
    "files: '../outside.yaml' leaves the repository with '..'.",
  ],
  ['absolute path', { files: '/etc/passwd' }, "files: '/etc/passwd' is an absolute path."],
  ['path into .git', { files: '.git/config' }, "files: '.git/config' points into '.git'."],
  [
    'path with a backslash',
    { files: 'manifests\\platform-demo\\00-deployment.yaml' },
    "uses '\\'; separate folders with '/'.",
  ],
  [
    'no files',
    { files: '' },
    'files: no file given. List at least one path or glob, one per line.',
  ],
  [
    'the same file twice',
    { files: `${DEPLOY_FILE}\n${DEPLOY_FILE}` },
    "files: 'manifests/platform-demo/00-deployment.yaml' is listed twice; list each file once.",
  ],
  [
    'key path not found',
    {
      image: 'harbor.example.com/vecton/backend:sha-c',
      files: 'apps/vecton-admin/image-versions.yaml#data.nothere',
    },
    "apps/vecton-admin/image-versions.yaml: key path not found: data.nothere: key 'nothere' not found under 'data' (keys there: backend, frontend).",
  ],
  [
    'YAML that does not parse',
    { files: 'bad/broken.yaml' },
    'bad/broken.yaml:3:1: the YAML does not parse:',
  ],
  [
    'binary file',
    { files: 'bad/binary.yaml' },
    "files: 'bad/binary.yaml' is a binary file, not YAML or JSON; remove it from files.",
  ],
  [
    'non-UTF-8 file',
    { files: 'bad/latin1.yaml' },
    "files: 'bad/latin1.yaml' is a binary file, not YAML or JSON",
  ],
  [
    'alias bomb',
    { files: 'bad/bomb.yaml' },
    'bad/bomb.yaml: refusing a document whose aliases expand exponentially',
  ],
  [
    'deeply nested document',
    { files: 'bad/deep.yaml' },
    'bad/deep.yaml: the document is nested more than 500 levels deep; refusing it',
  ],
  [
    'image found nowhere',
    { image: 'ghcr.io/acme/nowhere:1' },
    'The image ghcr.io/acme/nowhere was found in none of the files (manifests/platform-demo/00-deployment.yaml). Images found there:',
  ],
];

let server: TestServer;
let head: string | undefined;
beforeAll(async () => {
  server = await gitopsServer({ files: { ...FILES, ...BAD_FILES } });
  await server.pushSpecial(
    'acme/gitops',
    'main',
    {
      'links/deploy.yaml': { symlink: '../manifests/platform-demo/00-deployment.yaml' },
      'vendor/charts': { submodule: 'a'.repeat(40) },
    },
    'a link and a submodule',
  );
  head = await server.headOf('acme/gitops', 'main');
});
afterAll(async () => {
  await server.close();
});

it(`the catalogue has at least 40 cases (${CASES.length})`, () => {
  expect(CASES.length).toBeGreaterThanOrEqual(40);
});

it.each(CASES)(
  '%s',
  async (_name, inputs, message) => {
    const run = await bump(server, { ...base, ...inputs });
    const error = run.stdout
      .split('\n')
      .filter((l) => l.startsWith('::error::'))
      .join('\n');
    expect(run.status).toBe(1);
    expect(error).toContain(message);
    expect(error).not.toContain(TOKEN);
    // The job summary says what failed, and that nothing was written.
    expect(run.summary).toContain('### gitops-bump: failed');
    expect(run.summary).toContain('Nothing was written.');
    expect(run.summary).not.toContain(TOKEN);
    // Nothing written: the branch did not move, no other branch, no pull request.
    expect(await server.headOf('acme/gitops', 'main')).toBe(head);
    expect(server.pulls('acme/gitops')).toHaveLength(0);
    expect(branchesOf(server)).toEqual(['refs/heads/main']);
  },
  30_000,
);
