// The registry client against a real distribution registry without auth: tag lists (1,000+
// tags), manifest digests (single image and two-platform index), the newest tag a policy allows,
// verify-image and resolve-digest, with the number of requests each costs.
import { parseReference } from '../../src/engine/image-ref.js';
import { RegistryClient, RegistryError } from '../../src/registry/client.js';
import { locate } from '../../src/registry/location.js';
import { resolveBumps } from '../../src/registry/resolve.js';
import {
  freePort,
  PROFILE_TAGS,
  Pusher,
  registryAvailable,
  startRegistry,
  type TestRegistry,
} from './registry-server.js';

const available = registryAvailable();
const suite = available ? describe : describe.skip;

const MANY = Array.from({ length: 1100 }, (_, i) => `1.0.${i}`);

suite('registry client, no auth (docker-registry on 127.0.0.1)', () => {
  let registry: TestRegistry;
  let index: string;
  let single: string;

  beforeAll(async () => {
    registry = await startRegistry('none');
    single = await (await Pusher.for(registry, 'acme/central-ledger')).tags(PROFILE_TAGS);
    index = (await (await Pusher.for(registry, 'acme/multi')).multiArch('1.0.0')).index;
    await (await Pusher.for(registry, 'acme/many')).tags(MANY);
  }, 120_000);
  afterAll(async () => {
    await registry?.stop();
  });

  const client = () =>
    new RegistryClient({ credentials: async () => undefined, sleep: async () => {} });
  const repo = (name: string) => locate(parseReference(`${registry.host}/${name}`));
  const policy = (filter: string) => ({ filter, allowDowngrade: false });

  it('lists tags in one request, and 1,100 tags in a bounded number', async () => {
    const c = client();
    expect((await c.listTags(repo('acme/central-ledger'))).sort()).toEqual(
      [...PROFILE_TAGS].sort(),
    );
    expect(c.requests).toHaveLength(1);
    const many = client();
    const tags = await many.listTags(repo('acme/many'));
    expect(new Set(tags)).toEqual(new Set(MANY));
    // distribution 2.8 answers the whole list at once (n=1000 is a hint it ignores for tags).
    expect(many.requests).toHaveLength(1);
    expect(many.requests[0]!.url).toContain('n=1000');
  });

  it('reads the digest of a tag: the manifest, or the index of a two-platform image', async () => {
    const c = client();
    expect(await c.manifest(repo('acme/central-ledger'), '1.1.0')).toEqual({
      digest: single,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
    });
    expect(await c.manifest(repo('acme/multi'), '1.0.0')).toEqual({
      digest: index,
      mediaType: 'application/vnd.oci.image.index.v1+json',
    });
    expect(await c.manifest(repo('acme/multi'), '9.9.9')).toBeUndefined();
    expect(c.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'HEAD 200',
      'HEAD 200',
      'HEAD 404',
    ]);
  });

  it('chooses the newest tag in a range: ^1.0.0 and a named pre-release line', async () => {
    const c = client();
    const image = parseReference(`${registry.host}/acme/central-ledger`);
    const caret = await resolveBumps(
      [{ image }],
      { verify: false, resolveDigest: false, insecure: [], policy: policy('^1.0.0') },
      c,
    );
    expect(caret.bumps).toEqual([{ image, tag: 'V.1.3.0' }]);
    const r = caret.resolutions[0]!;
    expect(r.reason).toBe('the highest of 3 tags in ^1.0.0 (7 listed)');
    expect(r.rejected).toEqual([
      {
        reason: 'outside the filter ^1.0.0',
        count: 3,
        tags: ['2.0.0', '1.2.0-rc.1', '1.0.0-name.3'],
      },
      { reason: 'not a version', count: 1, tags: ['sha-abc1234'] },
      { reason: 'lower than V.1.3.0', count: 2, tags: ['1.1.0', '1.0.0'] },
    ]);
    const named = await resolveBumps(
      [{ image }],
      {
        verify: false,
        resolveDigest: false,
        insecure: [],
        policy: policy('>=1.0.0-name.0 <=1.0.0-name.9999'),
      },
      c,
    );
    expect(named.bumps[0]!.tag).toBe('1.0.0-name.3');
    const none = await resolveBumps(
      [{ image }],
      { verify: false, resolveDigest: false, insecure: [], policy: policy('^3.0.0') },
      c,
    );
    expect(none.bumps).toEqual([]);
    expect(none.resolutions[0]!.reason).toBe('no tag of the 7 listed satisfies ^3.0.0: left alone');
    // One tag list per resolution, nothing else.
    expect(c.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET']);
  });

  it('newest with resolve-digest costs the list and one HEAD; verify alone one HEAD', async () => {
    const c = client();
    const image = parseReference(`${registry.host}/acme/multi`);
    const got = await resolveBumps(
      [{ image }],
      { verify: true, resolveDigest: true, insecure: [], policy: policy('^1.0.0') },
      c,
    );
    expect(got.bumps).toEqual([{ image, tag: '1.0.0', digest: index }]);
    expect(got.requests).toBe(2);
    const v = client();
    const verified = await resolveBumps(
      [{ image: parseReference(`${registry.host}/acme/central-ledger:1.1.0`), tag: '1.1.0' }],
      { verify: true, resolveDigest: false, insecure: [], policy: { allowDowngrade: false } },
      v,
    );
    expect(verified.bumps[0]).not.toHaveProperty('digest');
    expect(verified.requests).toBe(1);
  });

  it('a missing tag fails with the registry answer and the nearest tags (2 requests)', async () => {
    const c = client();
    const image = parseReference(`${registry.host}/acme/central-ledger:1.10`);
    const error = await resolveBumps(
      [{ image, tag: '1.10' }],
      { verify: true, resolveDigest: false, insecure: [], policy: { allowDowngrade: false } },
      c,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect((error as Error).message).toBe(
      `${registry.host}/acme/central-ledger:1.10 does not exist: ${registry.host} answered HTTP 404 (manifest unknown) to HEAD /v2/acme/central-ledger/manifests/1.10. Nearest existing tags: 1.1.0, 1.0.0, 2.0.0, V.1.3.0, 1.2.0-rc.1. Check the tag. Nothing was written.`,
    );
    expect(c.requests).toHaveLength(2);
  });

  it('a missing repository says so', async () => {
    const error = await resolveBumps(
      [{ image: parseReference(`${registry.host}/acme/nope:1.0.0`), tag: '1.0.0' }],
      { verify: true, resolveDigest: false, insecure: [], policy: { allowDowngrade: false } },
      client(),
    ).catch((e: unknown) => e);
    expect((error as Error).message).toContain(
      'HTTP 404 NAME_UNKNOWN for the tag list: the repository acme/nope does not exist there, or the credential cannot read it',
    );
  });

  it('a registry that is down is retried, then said (3 attempts)', async () => {
    const port = await freePort();
    const c = client();
    const error = await c
      .listTags(locate(parseReference(`127.0.0.1:${port}/acme/app`)))
      .catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^127\\.0\\.0\\.1:${port} did not answer GET /v2/acme/app/tags/list \\(ECONNREFUSED\\) after 3 attempts: the registry is down or unreachable`,
      ),
    );
    expect(c.requests.map((r) => r.status)).toEqual(['error', 'error', 'error']);
  });
});
