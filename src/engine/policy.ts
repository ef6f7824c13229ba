// The version policy: whether one occurrence may move from its current tag to the new one.
// Pure: no I/O, no clock, no environment; the same inputs always give the same verdict.
//
// Rules
//
// 1. Recognised tag forms (by default). A tag is a version when, after stripping one optional
//    prefix `v`, `V`, `v.` or `V.`, the rest is a full semantic version: `1.2.3`, `v1.2.3`,
//    `V1.2.3`, `v.1.2.3`, `V.1.3.0`, with pre-release and build suffixes (`1.2.3-rc.1+build.5`).
//    The rest must start with a digit and is parsed strictly with semver.parse (never
//    semver.coerce, which would turn `hotfix-123` into 123.0.0 and order it above 1.4.2).
//    Everything else is an unordered tag: `latest`, `sha-abc1234`, `hotfix-123`, a 40-hex git
//    sha. So are `1.2` and `1`: semver needs three parts, and inventing the missing ones would
//    be wrong in practice. Two- and one-part tags are usually floating tags (`nginx:1.25`
//    follows every 1.25.x patch, `node:20` every 20.x release), so `1.25` → `1.25.3` is not a
//    downgrade and `1.25.3` → `1.25` is not an upgrade; calling them unordered allows both
//    without a false refusal. A tag scheme of one's own is supported with tag-pattern (rule 2).
//
// 2. Custom tag pattern (`tagPattern`, input `tag-pattern`). A RegExp source, compiled without
//    flags and anchored here (the whole tag must match), with a named group `version`. It
//    replaces the default forms: a tag is a version when it matches and the captured text,
//    after the same prefix strip, parses as a full semantic version (so the group must capture
//    X.Y.Z, e.g. `^release-(?<version>\d+\.\d+\.\d+)$`, or `^(?<version>\d+\.\d+\.\d+)-alpine$`
//    to keep a variant suffix from being read as a pre-release). Anything else is unordered.
//
// 3. Same string. current === next (string equality) is 'unchanged', whatever the filter says.
//
// 4. Digests. A value holding a digest (`1.2.3@sha256:…`, `@sha256:…`, `sha256:…`) is judged
//    on its tag part, the text before `@`. A digest is never a version: a digest-only value is
//    unordered, allowed without a filter and skipped with one. A digest pins the image, so a
//    mutable tag with a digest (`latest@sha256:…`) gets no warning (rule 9).
//
// 5. Filter (`filter`, input `version-filter`). A semver range the new tag must satisfy, tested
//    with semver.satisfies and its DEFAULT options (includePrerelease: false). That is the
//    profile-cd set-up: `^1.0.0` means "no new major and no pre-releases" (it refuses 2.0.0 and
//    1.1.0-rc.1), while a named pre-release line is chosen with an explicit range:
//    `>=1.0.0-name.0 <=1.0.0-name.9999` admits 1.0.0-name.5, because semver lets a pre-release
//    through only when a comparator of the range has a pre-release on the same
//    [major, minor, patch]; it refuses 1.0.0-other.1 and 1.0.1. With includePrerelease: true
//    `^1.0.0` would admit every 1.x pre-release, which nobody asking for `^1.0.0` wants.
//    An unordered new tag with a filter is skipped: a filter is a promise that only versions
//    pass. A blank filter is the same as no filter.
//
// 6. Downgrade. When both tags are versions and the new one is lower (semver.compare, which
//    ignores build metadata), the occurrence is skipped unless `allowDowngrade` is set; with it
//    the move is a rollback and is bumped.
//
// 7. Equal versions. Same version with different build metadata (`1.2.3+a` → `1.2.3+b`), a
//    different form (`v1.2.3` → `1.2.3`), or the same tag with another digest: not a
//    downgrade, bumped.
//
// 8. Unordered and empty. When either side is unordered (and no filter refused the new tag)
//    there is no ordering to check: bumped. An empty current tag (none yet) is bumped unless
//    the filter refuses the new tag.
//
// 9. Mutable tags (`latest`, `stable`, `main`, `master`, `edge`, `nightly`, `dev`, any case).
//    Allowed (bumped, unless a filter refuses them) but with a warning: when such a tag moves
//    in the registry the manifest does not change, so GitOps tools see nothing to deploy.
//
// checkPolicy validates a policy and throws PolicyError, naming the input (`version-filter`,
// `tag-pattern`), quoting the bad value and saying the fix. judge validates the policy too.
// The four semver functions used, each from its own module: the package's index loads all of
// semver (ranges, coercion, increments), which every start of the action would pay for.
import type { SemVer } from 'semver';
import compare from 'semver/functions/compare.js';
import parse from 'semver/functions/parse.js';
import satisfies from 'semver/functions/satisfies.js';
import validRange from 'semver/ranges/valid.js';

export interface VersionPolicy {
  /** A semver range the new tag must satisfy, e.g. '^1.0.0' or '>=1.0.0-name.0 <=1.0.0-name.9999'. Undefined: no filter. */
  filter?: string;
  /** Allow a lower new version than the current one (rollback). Default false. */
  allowDowngrade: boolean;
  /** Optional custom tag pattern: a RegExp source with a named group `version`. */
  tagPattern?: string;
}

export type Decision = 'bumped' | 'unchanged' | 'skipped';

export interface Verdict {
  decision: Decision;
  /** Human sentence: why. */
  reason: string;
  /** Set when the tag should produce a warning annotation even though it is allowed. */
  warning?: string;
}

/** An invalid policy: the message names the input, quotes the value and says the fix. */
export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

const MUTABLE_TAGS = new Set(['latest', 'stable', 'main', 'master', 'edge', 'nightly', 'dev']);
const PREFIX = /^[vV]\.?/;
const PATTERN_EXAMPLE = '^release-(?<version>\\d+\\.\\d+\\.\\d+)$';

const compiled = new Map<string, RegExp>();

/** Whether a RegExp source has a named group `version` (outside character classes and escapes). */
function hasVersionGroup(source: string): boolean {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (source.startsWith('(?<version>', i)) {
      return true;
    }
  }
  return false;
}

/** Compiles (once) and anchors a tag pattern; throws PolicyError when it is unusable. */
function compilePattern(source: string, input = 'tag-pattern'): RegExp {
  const cached = compiled.get(source);
  if (cached) return cached;
  try {
    new RegExp(source);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new PolicyError(
      `${input}: '${source}' is not a valid regular expression (${detail}). ` +
        `Fix the pattern, e.g. '${PATTERN_EXAMPLE}'.`,
    );
  }
  if (!hasVersionGroup(source)) {
    throw new PolicyError(
      `${input}: '${source}' has no named group 'version'. ` +
        `Capture the version with (?<version>...), e.g. '${PATTERN_EXAMPLE}'.`,
    );
  }
  const anchored = new RegExp(`^(?:${source})$`);
  compiled.set(source, anchored);
  return anchored;
}

/** Parses one version text: optional v/V/v./V. prefix, then a strict full semantic version. */
function parseVersion(text: string): SemVer | undefined {
  const rest = text.replace(PREFIX, '');
  if (!/^\d/.test(rest) || /\s/.test(rest)) return undefined;
  return parse(rest) ?? undefined;
}

/** Parses a tag to a semver version using the default recognised forms, or the custom pattern. Returns undefined for unordered tags. */
export function tagVersion(tag: string, tagPattern?: string): SemVer | undefined {
  if (tagPattern === undefined) return parseVersion(tag);
  const groups = compilePattern(tagPattern).exec(tag)?.groups;
  const captured = groups?.version;
  return captured === undefined ? undefined : parseVersion(captured);
}

function blank(value: string | undefined): value is undefined {
  return value === undefined || value.trim() === '';
}

/** Validates a policy (bad range, bad regex, regex without a `version` group); throws PolicyError whose message names the input (`version-filter` / `tag-pattern`), quotes the bad value and says the fix. */
export function checkPolicy(
  policy: VersionPolicy,
  inputs: { filter: string; tagPattern: string } = {
    filter: 'version-filter',
    tagPattern: 'tag-pattern',
  },
): void {
  const { filter, tagPattern } = policy;
  if (!blank(filter) && validRange(filter) === null) {
    throw new PolicyError(
      `${inputs.filter}: '${filter}' is not a valid semver range. ` +
        `Use a range such as '^1.0.0', '~1.4.0' or '>=1.0.0-rc.0 <2.0.0'.`,
    );
  }
  if (tagPattern !== undefined) compilePattern(tagPattern, inputs.tagPattern);
}

/** A tag or digest value split into its tag part and its digest. */
interface Split {
  /** The text before `@` (or the whole value); '' when the value is only a digest. */
  tag: string;
  digest?: string;
}

function split(value: string): Split {
  const at = value.indexOf('@');
  if (at >= 0) return { tag: value.slice(0, at), digest: value.slice(at + 1) };
  // A tag cannot hold `:`; a value with one is a bare digest (`sha256:…`).
  if (value.includes(':')) return { tag: '', digest: value };
  return { tag: value };
}

/** A value as shown in reasons: digests shortened to 12 hex digits. */
function show(value: string): string {
  if (value === '') return '(none)';
  return value.replace(/([a-z0-9]+:[0-9a-fA-F]{12})[0-9a-fA-F]+/g, '$1…');
}

/** Judges one occurrence: its current tag (may be '' when none) and the new tag. */
export function judge(current: string, next: string, policy: VersionPolicy): Verdict {
  checkPolicy(policy);
  if (current === next) return { decision: 'unchanged', reason: `${show(next)}: already set` };

  const filter = blank(policy.filter) ? undefined : policy.filter;
  const cur = split(current);
  const nxt = split(next);
  const curVersion = cur.tag === '' ? undefined : tagVersion(cur.tag, policy.tagPattern);
  const nxtVersion = nxt.tag === '' ? undefined : tagVersion(nxt.tag, policy.tagPattern);
  const mutable = nxt.tag !== '' && MUTABLE_TAGS.has(nxt.tag.toLowerCase());
  const from = show(current);
  const to = show(next);

  // What the new value is when it is not a version.
  const notVersion =
    nxt.tag === ''
      ? `${to} is a digest, not a version (unordered)`
      : mutable
        ? `'${nxt.tag}' is a mutable tag, not a version (unordered)`
        : `${to} is not a version (unordered tag)`;

  if (filter !== undefined) {
    if (nxtVersion === undefined) {
      return {
        decision: 'skipped',
        reason: `${notVersion}; the filter ${filter} lets only versions pass`,
      };
    }
    if (!satisfies(nxtVersion, filter)) {
      return { decision: 'skipped', reason: `${to} is outside the filter ${filter}` };
    }
  }

  if (mutable && nxt.digest === undefined) {
    const sentence = `'${nxt.tag}' is a mutable tag: GitOps tools see no change when it moves`;
    return {
      decision: 'bumped',
      reason: sentence,
      warning: `${sentence}. Pin an immutable tag (a version such as 1.4.2) or a digest instead.`,
    };
  }

  if (current === '') return { decision: 'bumped', reason: `(none) → ${to}: first tag` };

  if (nxtVersion === undefined) {
    return { decision: 'bumped', reason: `${notVersion}: allowed` };
  }
  if (curVersion === undefined) {
    const what = cur.tag === '' ? 'is a digest, not a version' : 'is not a version';
    return {
      decision: 'bumped',
      reason: `${from} → ${to}: current ${from} ${what} (unordered), no ordering check: allowed`,
    };
  }

  const order = compare(nxtVersion, curVersion);
  if (order > 0) return { decision: 'bumped', reason: `${from} → ${to}: newer version` };
  if (order < 0) {
    if (policy.allowDowngrade) {
      return { decision: 'bumped', reason: `rollback from ${from} to ${to}` };
    }
    return {
      decision: 'skipped',
      reason: `${to} is lower than ${from}; set allow-downgrade: true to roll back`,
    };
  }
  const difference =
    cur.tag === nxt.tag
      ? 'same tag, different digest'
      : curVersion.build.join('.') !== nxtVersion.build.join('.')
        ? 'different build metadata'
        : 'different form';
  return { decision: 'bumped', reason: `${from} → ${to}: equal version, ${difference}` };
}
