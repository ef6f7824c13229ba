// A GitOps repository on the test server, and a runner-like way to run the action against it.
import { execFileSync } from 'node:child_process';
import {
  type CreateRepoOptions,
  startTestServer,
  type TestServer,
} from '../../test-server/index.js';
import { type ActionRun, runActionAsync } from '../helpers/run-action.js';
import { tempDir } from '../helpers/temp.js';

/** The bot token with write access to acme/gitops. */
export const TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
/** A token that can only read. */
export const READ_TOKEN = 'ghs_readonlyreadonlyreadonlyreadonly0001';

export const DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: platform-demo # the demo app',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: platform-demo',
  '          image: ghcr.io/acme/platform-demo:1111111 # deployed by CI',
  '        - name: sidecar',
  '          image: ghcr.io/acme/sidecar:1.0.0',
  '',
].join('\n');

export const KUSTOMIZATION = [
  'apiVersion: kustomize.config.k8s.io/v1beta1',
  'kind: Kustomization',
  'images:',
  '  - name: harbor.example.com/vecton/backend',
  '    newTag: sha-aaaaaaa',
  '',
].join('\n');

export const VERSIONS = [
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: image-versions',
  'data:',
  '  backend: sha-aaaaaaa',
  '  frontend: sha-bbbbbbb',
  '',
].join('\n');

/** The files of the example GitOps repository. */
export const FILES: Record<string, string> = {
  'manifests/platform-demo/00-deployment.yaml': DEPLOYMENT,
  'apps/vecton-admin/kustomization.yaml': KUSTOMIZATION,
  'apps/vecton-admin/image-versions.yaml': VERSIONS,
  'README.md': '# gitops\n',
};

/** A server with acme/gitops and the two tokens. */
export async function gitopsServer(
  repo: Partial<CreateRepoOptions> = {},
  latencyMs = 0,
): Promise<TestServer> {
  const server = await startTestServer({ latencyMs });
  await server.createRepo('acme/gitops', { files: FILES, ...repo });
  server.addToken(TOKEN, {
    login: 'gitops-bump[bot]',
    kind: 'app',
    repos: { 'acme/gitops': { contents: 'write', pullRequests: 'write' } },
  });
  server.addToken(READ_TOKEN, {
    login: 'reader',
    kind: 'pat',
    repos: { 'acme/gitops': { contents: 'read', pullRequests: 'read' } },
  });
  return server;
}

function runnerEnv(server: TestServer, env: Record<string, string>): Record<string, string> {
  return {
    GITHUB_API_URL: server.url,
    GITHUB_GRAPHQL_URL: `${server.url}/graphql`,
    GITHUB_SERVER_URL: server.url,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_RUN_ID: '42',
    TEST_GITHUB_TOKEN: TOKEN,
    ...env,
  };
}

/**
 * Runs the bundled action against the server, in an empty workspace (no checkout). Always
 * asynchronous: the server runs in this process, so a blocking spawn would deadlock.
 */
export function bump(
  server: TestServer,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): Promise<ActionRun> {
  const ws = tempDir('gitops-bump-ws-');
  return runActionAsync({ repository: 'acme/gitops', ...inputs }, ws, runnerEnv(server, env));
}

/** The requests the action made, as `METHOD path (operation)`. */
export function calls(server: TestServer): string[] {
  return server.requests.map(
    (r) => `${r.method} ${r.path}${r.operationName ? ` ${r.operationName}` : ''} ${r.status}`,
  );
}

/** A file with `count` deployments, image ghcr.io/acme/svc-<i>:v1 each, as a matrix bumps them. */
export function contendedFile(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    docs.push(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        `  name: svc-${i}`,
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        `        - name: svc-${i}`,
        `          image: ghcr.io/acme/svc-${i}:v1 # component ${i}`,
        '',
      ].join('\n'),
    );
  }
  return docs.join('---\n');
}

/** The branches of acme/gitops on the server, straight from its bare repository. */
export function branchesOf(server: TestServer, repo = 'acme/gitops'): string[] {
  return execFileSync(
    'git',
    ['--git-dir', server.gitDir(repo), 'for-each-ref', '--format=%(refname)'],
    {
      encoding: 'utf8',
    },
  )
    .trim()
    .split('\n');
}
