// Benchmark section "registry": the newest tag in a range, from a repository with thousands of
// tags, on a real CNCF distribution registry (Debian package docker-registry) on 127.0.0.1.
//
// The bench pushes one synthetic image (config and layer blobs, OCI manifest) under N tags
// (1.0.0 … 1.0.N-1 plus a few that the filter refuses), then compares two whole processes:
//   floor  `node -e`: one GET of the tag list and a JSON.parse. The least work possible.
//   cli    `node dist/cli.js --image HOST/acme/many --version-filter ^1.0.0 --files values.yaml`:
//          lists the tags, picks the highest allowed by the version policy, bumps the file.
// Each the median of 5 runs (1 with --quick). Checked: the tag written, and the number of
// requests the CLI made (its `registry: N requests` line). Skipped, with how to install it,
// when docker-registry is not installed.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const name = 'registry';
export const title =
  'Container registry: newest tag in a range among 1,000+ tags (docker-registry)';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = process.env.BENCH_CLI ?? join(ROOT, 'dist', 'cli.js');

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

const sha256 = (b) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function push(base, repo, tags) {
  const blob = async (bytes) => {
    const start = await fetch(`${base}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
    const url = new URL(start.headers.get('location'), base);
    url.searchParams.set('digest', sha256(bytes));
    const put = await fetch(url, { method: 'PUT', body: bytes });
    if (put.status !== 201) throw new Error(`blob upload: ${put.status}`);
    return { digest: sha256(bytes), size: Buffer.byteLength(bytes) };
  };
  const layer = await blob('bench layer\n');
  const config = await blob(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: [layer.digest] },
    }),
  );
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
    layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer }],
  });
  for (let i = 0; i < tags.length; i += 16)
    await Promise.all(
      tags.slice(i, i + 16).map(async (tag) => {
        const r = await fetch(`${base}/v2/${repo}/manifests/${tag}`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' },
          body: manifest,
        });
        if (r.status !== 201) throw new Error(`manifest ${tag}: ${r.status}`);
      }),
    );
}

function timed(args, env) {
  return new Promise((res, rej) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', rej);
    child.on('close', (code) => res({ ms: performance.now() - started, code, out }));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function run(ctx) {
  if (spawnSync('sh', ['-c', 'command -v docker-registry'], { stdio: 'ignore' }).status !== 0) {
    ctx.log(
      'skipped: docker-registry is not installed (apt-get update && apt-get install -y docker-registry)',
    );
    return;
  }
  const count = ctx.quick ? 1100 : 3000;
  const runs = ctx.quick ? 1 : 5;
  const port = await freePort();
  const config = join(ctx.tmpdir, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: error',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${join(ctx.tmpdir, 'storage')}`,
      'http:',
      `  addr: 127.0.0.1:${port}`,
      `  secret: ${randomBytes(8).toString('hex')}`,
      '',
    ].join('\n'),
  );
  const registry = spawn('docker-registry', ['serve', config], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      try {
        await fetch(`${base}/v2/`);
        break;
      } catch {
        if (i > 200) throw new Error('docker-registry did not start');
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const tags = [
      ...Array.from({ length: count }, (_, i) => `1.0.${i}`),
      '2.0.0',
      '1.1.0-rc.1',
      'sha-abc1234',
      'latest',
    ];
    const pushStart = performance.now();
    await push(base, 'acme/many', tags);
    ctx.log(
      `pushed ${tags.length} tags in ${((performance.now() - pushStart) / 1000).toFixed(1)} s`,
    );

    const host = `127.0.0.1:${port}`;
    // The GitOps folder apart from the registry's storage, which the CLI would otherwise list.
    const gitops = join(ctx.tmpdir, 'gitops');
    mkdirSync(gitops);
    const values = join(gitops, 'values.yaml');
    const env = { PATH: process.env.PATH, HOME: ctx.tmpdir };
    const floorCode = `const r=await fetch('${base}/v2/acme/many/tags/list?n=1000');const t=(await r.json()).tags;if(t.length!==${tags.length})process.exit(3)`;
    const floor = [];
    const cli = [];
    const start = [];
    let requests = '?';
    for (let i = 0; i < runs; i++) {
      start.push((await timed([CLI, '--help'], env)).ms);
      const f = await timed(['--input-type=module', '-e', floorCode], env);
      if (f.code !== 0) ctx.fail(`floor run failed: ${f.out}`);
      floor.push(f.ms);
      writeFileSync(values, `image: ${host}/acme/many:1.0.0\n`);
      const c = await timed(
        [
          CLI,
          '--image',
          `${host}/acme/many`,
          '--version-filter',
          '^1.0.0',
          '--files',
          'values.yaml',
          '--cwd',
          gitops,
        ],
        env,
      );
      cli.push(c.ms);
      const written = readFileSync(values, 'utf8');
      if (c.code !== 0 || written !== `image: ${host}/acme/many:1.0.${count - 1}\n`)
        ctx.fail(`cli wrote ${JSON.stringify(written)} (exit ${c.code}): ${c.out}`);
      requests = /registry: (\d+) requests?/.exec(c.out)?.[1] ?? '?';
    }
    ctx.log(
      `tags in the repository: ${tags.length} (registry: docker-registry ${execFileSync('docker-registry', ['--version'], { encoding: 'utf8' }).trim().split(' ').pop()})`,
    );
    ctx.log('contender  median ms  registry requests  note');
    ctx.log(
      `floor      ${median(floor).toFixed(0).padStart(9)}  ${'1'.padStart(17)}  one GET of the tag list + JSON.parse, nothing else`,
    );
    ctx.log(
      `cli start  ${median(start).toFixed(0).padStart(9)}  ${'0'.padStart(17)}  node dist/cli.js --help: process start and loading the bundle`,
    );
    ctx.log(
      `cli        ${median(cli).toFixed(0).padStart(9)}  ${String(requests).padStart(17)}  list, choose 1.0.${count - 1} by the policy, bump the file`,
    );
    ctx.log(
      `cli / floor: ${(median(cli) / median(floor)).toFixed(2)}x; cli - cli start: ${(median(cli) - median(start)).toFixed(0)} ms; request bound: ceil(tags / 1000) pages, at most 100 (this registry answers the whole list at once)`,
    );
    if (requests !== '1') ctx.fail(`expected 1 registry request, the CLI made ${requests}`);
  } finally {
    registry.kill('SIGTERM');
    await new Promise((r) => (registry.exitCode !== null ? r() : registry.once('exit', r)));
  }
}
