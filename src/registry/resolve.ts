// What the run asks of the registry, before anything is written: the newest tag a version
// policy allows (for an image given without a tag), that each tag or digest exists
// (`verify-image`), and the digest of each tag (`resolve-digest`). The choice among tags is the
// version policy's (src/engine/policy.ts); the downgrade check against what a file holds stays
// the engine's, per occurrence.
import { formatReference } from '../engine/image-ref.js';
import { judge, tagVersion, type VersionPolicy } from '../engine/policy.js';
import type { Bump } from '../engine/types.js';
import { type RegistryClient, RegistryError } from './client.js';
import { locate, type RegistryRepository } from './location.js';

/** What the registry is asked. */
export interface RegistryOptions {
  /** Confirm that every tag and digest exists. */
  verify: boolean;
  /** Give every tag the digest of its manifest (the index digest for a multi-arch image). */
  resolveDigest: boolean;
  /** Hosts spoken to over plain HTTP besides loopback ones. */
  insecure: readonly string[];
  policy: VersionPolicy;
  /** The input name of the filter, for messages (`version-filter`, `--version-filter`). */
  filterLabel?: string;
}

/** Tags left out of the choice for one reason. */
export interface Rejected {
  reason: string;
  count: number;
  /** Up to 10 of them. */
  tags: string[];
}

/** What the registry said about one image. */
export interface ImageResolution {
  image: string;
  /** `newest` (chosen from the tag list), `verified`, `digest` (resolved), or both. */
  action: string;
  /** The tag chosen or checked; absent when no tag qualified (the image is left alone). */
  tag?: string;
  digest?: string;
  /** Why: `the highest of 3 tags in ^1.0.0 (7 listed)`. */
  reason: string;
  /** Why the other tags were not chosen (newest only). */
  rejected: Rejected[];
}

/** The bumps to write, and what the registry said. */
export interface Resolved {
  bumps: Bump[];
  resolutions: ImageResolution[];
  /** Requests made to registries (token services included). */
  requests: number;
}

/** Whether the run needs the registry at all (in needs.ts, which loads nothing). */
export { needsRegistry } from './needs.js';

/** The highest tag the policy allows, with the reasons the others were left out. */
export function chooseNewest(
  tags: readonly string[],
  policy: VersionPolicy,
): { tag?: string; allowed: number; rejected: Rejected[] } {
  const groups = new Map<string, string[]>();
  const reject = (reason: string, tag: string) => {
    const list = groups.get(reason) ?? [];
    list.push(tag);
    groups.set(reason, list);
  };
  const allowed: { tag: string; version: NonNullable<ReturnType<typeof tagVersion>> }[] = [];
  const filter = policy.filter?.trim();
  for (const tag of tags) {
    const version = tagVersion(tag, policy.tagPattern);
    if (!version) {
      reject(
        policy.tagPattern ? `not a version by tag-pattern ${policy.tagPattern}` : 'not a version',
        tag,
      );
    } else if (judge('', tag, policy).decision === 'skipped') {
      reject(`outside the filter ${filter}`, tag);
    } else allowed.push({ tag, version });
  }
  // Highest version first; for equal versions, the shortest spelling (`1.3.0` before `v1.3.0`).
  allowed.sort(
    (a, b) =>
      b.version.compare(a.version) || a.tag.length - b.tag.length || (a.tag < b.tag ? -1 : 1),
  );
  const best = allowed[0];
  if (best) for (const other of allowed.slice(1)) reject(`lower than ${best.tag}`, other.tag);
  return {
    ...(best && { tag: best.tag }),
    allowed: allowed.length,
    rejected: [...groups].map(([reason, list]) => ({
      reason,
      count: list.length,
      tags: byVersion(list, policy).slice(0, 10),
    })),
  };
}

/** Highest version first, then the tags that are not versions in text order. */
function byVersion(tags: readonly string[], policy: VersionPolicy): string[] {
  const keyed = tags.map((tag) => ({ tag, version: tagVersion(tag, policy.tagPattern) }));
  return keyed
    .sort((a, b) => {
      if (a.version && b.version) return b.version.compare(a.version) || (a.tag < b.tag ? -1 : 1);
      if (a.version || b.version) return a.version ? -1 : 1;
      return a.tag < b.tag ? -1 : 1;
    })
    .map((k) => k.tag);
}

/** Edit distance, for "nearest existing tags". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(
        previous[j]! + 1,
        row[j - 1]! + 1,
        previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = row;
  }
  return previous[b.length]!;
}

/** The existing tags closest to a missing one (edit distance, then version order). */
export function nearestTags(wanted: string, tags: readonly string[], count = 5): string[] {
  return tags
    .map((tag) => ({ tag, d: distance(wanted.toLowerCase(), tag.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || (a.tag < b.tag ? -1 : 1))
    .slice(0, count)
    .map((t) => t.tag);
}

async function missing(
  client: RegistryClient,
  repo: RegistryRepository,
  reference: string,
): Promise<RegistryError> {
  const asked = `${repo.image}${reference.includes(':') ? '@' : ':'}${reference}`;
  let near = '';
  try {
    const tags = await client.listTags(repo);
    near = tags.length
      ? ` Nearest existing tags: ${nearestTags(reference, tags).join(', ')}.`
      : ' The repository has no tags.';
  } catch (error) {
    if (error instanceof RegistryError && error.status !== undefined && error.status !== 429)
      return new RegistryError(
        `${asked} does not exist: ${repo.host} answered HTTP 404 for the manifest and HTTP ${error.status}${error.code ? ` ${error.code}` : ''} for the tag list: the repository ${repo.repository} does not exist there, or the credential cannot read it. Check the image name and the login. Nothing was written.`,
        404,
      );
    throw error;
  }
  return new RegistryError(
    `${asked} does not exist: ${repo.host} answered HTTP 404 (manifest unknown) to HEAD /v2/${repo.repository}/manifests/${reference}.${near} Check the ${reference.includes(':') ? 'digest' : 'tag'}. Nothing was written.`,
    404,
  );
}

async function newest(
  client: RegistryClient,
  repo: RegistryRepository,
  bump: Bump,
  options: RegistryOptions,
): Promise<ImageResolution> {
  const tags = await client.listTags(repo);
  const choice = chooseNewest(tags, options.policy);
  const filter = options.policy.filter?.trim() ?? '';
  const base = { image: bump.image.name, action: 'newest', rejected: choice.rejected };
  if (!choice.tag)
    return {
      ...base,
      reason: `no tag of the ${tags.length} listed satisfies ${filter}: left alone`,
    };
  return {
    ...base,
    tag: choice.tag,
    reason: `the highest of ${choice.allowed} tag${choice.allowed === 1 ? '' : 's'} in ${filter} (${tags.length} listed)`,
  };
}

/** Checks one bump's tag and digest, and looks up the tag's digest when asked. */
async function check(
  client: RegistryClient,
  repo: RegistryRepository,
  bump: Bump,
  options: RegistryOptions,
): Promise<{ digest?: string; notes: string[] }> {
  const notes: string[] = [];
  let digest: string | undefined;
  if (bump.tag !== undefined && (options.verify || (options.resolveDigest && !bump.digest))) {
    const info = await client.manifest(repo, bump.tag);
    if (!info) throw await missing(client, repo, bump.tag);
    notes.push(`${bump.tag} exists (${info.mediaType || 'manifest'} ${info.digest})`);
    digest = info.digest;
  }
  if (bump.digest !== undefined && options.verify && bump.digest !== digest) {
    const info = await client.manifest(repo, bump.digest);
    if (!info) throw await missing(client, repo, bump.digest);
    notes.push(`${bump.digest} exists`);
  }
  return { ...(digest !== undefined && { digest }), notes };
}

/** Asks the registry what the bumps need; throws RegistryError before anything is written. */
export async function resolveBumps(
  bumps: readonly Bump[],
  options: RegistryOptions,
  client: RegistryClient,
): Promise<Resolved> {
  const out: Bump[] = [];
  const resolutions: ImageResolution[] = [];
  for (const original of bumps) {
    const bump: Bump = { ...original };
    const repo = locate(bump.image, options.insecure);
    const actions: string[] = [];
    let resolution: ImageResolution | undefined;
    if (bump.tag === undefined && bump.digest === undefined) {
      resolution = await newest(client, repo, bump, options);
      if (resolution.tag === undefined) {
        resolutions.push(resolution);
        continue;
      }
      bump.tag = resolution.tag;
      actions.push('newest');
    }
    const checked = await check(client, repo, bump, {
      ...options,
      // A tag from the list exists; only its digest may be wanted.
      verify: options.verify && resolution === undefined,
    });
    if (options.verify) actions.push('verified');
    if (options.resolveDigest && checked.digest && bump.digest === undefined) {
      bump.digest = checked.digest;
      actions.push('digest');
    }
    resolutions.push({
      image: bump.image.name,
      action: actions.join('+'),
      ...(bump.tag !== undefined && { tag: bump.tag }),
      ...(bump.digest !== undefined && { digest: bump.digest }),
      reason:
        [resolution?.reason, ...checked.notes].filter(Boolean).join('; ') ||
        formatReference({ name: bump.image.name, ...bump }),
      rejected: resolution?.rejected ?? [],
    });
    out.push(bump);
  }
  return { bumps: out, resolutions, requests: client.requests.length };
}
