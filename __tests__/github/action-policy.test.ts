// The version policy end to end: refused bumps are never written (skip or fail), a late job
// cannot roll production back, allow-downgrade is the rollback path, each place is judged on
// its own current value.
import type { TestServer } from '../../test-server/index.js';
import { bump, calls, gitopsServer } from './fixtures.js';

const VALUES = 'image:\n  repository: ghcr.io/acme/api\n  tag: 1.4.2 # managed by gitops-bump\n';
const STAGING = 'image:\n  repository: ghcr.io/acme/api\n  tag: 1.3.0\n';
const COMPOSE =
  'services:\n  control-plane:\n    image: ghcr.io/essensys-hub/control-plane:V.1.3.0\n    restart: unless-stopped\n';

let server: TestServer;
let head: string | undefined;
beforeEach(async () => {
  server = await gitopsServer();
  await server.pushCommit(
    'acme/gitops',
    'main',
    {
      'apps/api/prod-override.yaml': VALUES,
      'apps/api/staging-override.yaml': STAGING,
      'pi/docker-compose.yml': COMPOSE,
    },
    'versioned apps',
  );
  head = await server.headOf('acme/gitops', 'main');
  server.resetRequests();
});
afterEach(async () => {
  await server.close();
});

function results(outputs: Record<string, string>) {
  return JSON.parse(outputs.results ?? '[]') as Array<Record<string, string | number>>;
}

describe('version policy', () => {
  it('skip: a tag outside version-filter is not written; warning, exit 0, changed=false', async () => {
    const run = await bump(server, {
      image: 'ghcr.io/acme/api:2.0.0',
      files: 'apps/api/prod-override.yaml',
      'version-filter': '^1.0.0',
    });
    expect(run.status).toBe(0);
    // Nothing written: tag and previous-tag say what is deployed, not the refused request.
    expect(run.outputs).toMatchObject({
      changed: 'false',
      operation: 'refused',
      tag: '1.4.2',
      'previous-tag': '1.4.2',
    });
    expect(run.stdout).toContain(
      'Nothing to commit: refused by policy against main (what is deployed): apps/api/prod-override.yaml:3 ghcr.io/acme/api 1.4.2 → 2.0.0: 2.0.0 is outside the filter ^1.0.0',
    );
    expect(run.stdout).not.toContain('already holds the requested version');
    expect(results(run.outputs)).toEqual([
      {
        file: 'apps/api/prod-override.yaml',
        line: 3,
        image: 'ghcr.io/acme/api',
        from: '1.4.2',
        to: '2.0.0',
        decision: 'skipped',
        reason: expect.stringContaining('2.0.0 is outside the filter ^1.0.0'),
      },
    ]);
    expect(run.stdout).toContain(
      '::warning::apps/api/prod-override.yaml:3 ghcr.io/acme/api not bumped: ',
    );
    expect(calls(server)).toEqual(['POST /graphql GitopsBumpSnapshot 200']);
    expect(await server.headOf('acme/gitops', 'main')).toBe(head);
    expect(run.summary).toContain('### gitops-bump: refused by policy in acme/gitops@main');
    expect(run.summary).toContain('| refused by policy: 2.0.0 is outside the filter ^1.0.0');
    expect(run.summary).toContain('| place | image | from → to | result |');
    expect(run.summary).toContain(
      'The version policy refused one place, judged against what the branch holds; it was not written.',
    );
  });

  it('fail: the step fails, naming every refusal, and nothing is written', async () => {
    const run = await bump(server, {
      image: 'ghcr.io/acme/api:2.0.0',
      files: 'apps/api/*-override.yaml',
      'version-filter': '^1.0.0',
      'on-policy-violation': 'fail',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      '::error::The version policy refused 2 bumps, so nothing was written (on-policy-violation: fail):',
    );
    expect(run.stdout).toContain('apps/api/prod-override.yaml:3 ghcr.io/acme/api 1.4.2 → 2.0.0:');
    expect(await server.headOf('acme/gitops', 'main')).toBe(head);
  });

  it('a late job with an older version does not roll production back', async () => {
    const run = await bump(server, {
      image: 'ghcr.io/acme/api:1.3.5',
      files: 'apps/api/prod-override.yaml',
    });
    expect(run.status).toBe(0);
    expect(run.outputs).toMatchObject({ changed: 'false', operation: 'refused', tag: '1.4.2' });
    expect(run.stdout).toContain('Nothing to commit: refused by policy against main');
    expect(results(run.outputs)[0]).toMatchObject({
      decision: 'skipped',
      reason: '1.3.5 is lower than 1.4.2; set allow-downgrade: true to roll back',
    });
    expect(await server.headOf('acme/gitops', 'main')).toBe(head);
  });

  it('allow-downgrade: true is the rollback path', async () => {
    const run = await bump(server, {
      image: 'ghcr.io/acme/api:1.3.5',
      files: 'apps/api/prod-override.yaml',
      'allow-downgrade': 'true',
    });
    expect(run.status).toBe(0);
    expect(run.outputs).toMatchObject({
      changed: 'true',
      operation: 'committed',
      'previous-tag': '1.4.2',
    });
    expect(results(run.outputs)[0]).toMatchObject({
      decision: 'bumped',
      reason: 'rollback from 1.4.2 to 1.3.5',
    });
    expect(await server.readFile('acme/gitops', 'main', 'apps/api/prod-override.yaml')).toBe(
      VALUES.replace('1.4.2', '1.3.5'),
    );
  });

  it('judges each place on its own current value', async () => {
    const run = await bump(server, {
      image: 'ghcr.io/acme/api:1.4.0',
      files: 'apps/api/*-override.yaml',
    });
    expect(run.status).toBe(0);
    expect(run.outputs.operation).toBe('committed');
    expect(results(run.outputs).map((r) => [r.file, r.decision])).toEqual([
      ['apps/api/prod-override.yaml', 'skipped'],
      ['apps/api/staging-override.yaml', 'bumped'],
    ]);
    expect(await server.readFile('acme/gitops', 'main', 'apps/api/prod-override.yaml')).toBe(
      VALUES,
    );
    expect(await server.readFile('acme/gitops', 'main', 'apps/api/staging-override.yaml')).toBe(
      STAGING.replace('1.3.0', '1.4.0'),
    );
  });

  it('Essensys: V.1.3.0 → V.1.4.0 is an upgrade; a hotfix tag is unordered and allowed', async () => {
    const up = await bump(server, {
      image: 'ghcr.io/essensys-hub/control-plane:V.1.4.0',
      files: 'pi/docker-compose.yml',
    });
    expect(results(up.outputs)[0]).toMatchObject({
      decision: 'bumped',
      reason: 'V.1.3.0 → V.1.4.0: newer version',
    });
    const down = await bump(server, {
      image: 'ghcr.io/essensys-hub/control-plane:V.1.2.9',
      files: 'pi/docker-compose.yml',
    });
    expect(results(down.outputs)[0]).toMatchObject({ decision: 'skipped' });
    const hotfix = await bump(server, {
      image: 'ghcr.io/essensys-hub/control-plane:hotfix-123',
      files: 'pi/docker-compose.yml',
    });
    expect(hotfix.outputs.operation).toBe('committed');
    expect(results(hotfix.outputs)[0]!.reason).toContain('unordered');
    expect(await server.readFile('acme/gitops', 'main', 'pi/docker-compose.yml')).toBe(
      COMPOSE.replace('V.1.3.0', 'hotfix-123'),
    );
  });

  it('moving to latest is allowed with a warning', async () => {
    const run = await bump(server, {
      image: 'ghcr.io/essensys-hub/control-plane:latest',
      files: 'pi/docker-compose.yml',
    });
    expect(run.outputs.operation).toBe('committed');
    expect(run.stdout).toContain(
      "::warning::pi/docker-compose.yml:3 ghcr.io/essensys-hub/control-plane: 'latest' is a mutable tag",
    );
  });

  it('a bad version-filter is refused before any call', async () => {
    const run = await bump(server, {
      image: 'ghcr.io/acme/api:1.5.0',
      files: 'apps/api/prod-override.yaml',
      'version-filter': 'one point x',
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(
      "::error::version-filter: 'one point x' is not a valid semver range. Use a range such as '^1.0.0', '~1.4.0' or '>=1.0.0-rc.0 <2.0.0'.",
    );
    expect(server.requests).toHaveLength(0);
  });
});
