// The version policy, table by table: which tags are versions, what a filter admits, when a
// move is refused, and the messages of an invalid policy.
import {
  checkPolicy,
  type Decision,
  judge,
  PolicyError,
  tagVersion,
  type VersionPolicy,
} from '../../src/engine/policy.js';

const SHA40 = '3f786850e387550fdab836ed7e6dc881de23001b';
const DIGEST_A = `sha256:${'a'.repeat(64)}`;
const DIGEST_B = `sha256:${'b'.repeat(64)}`;
const RELEASE = '^release-(?<version>\\d+\\.\\d+\\.\\d+)$';
const NAMED_LINE = '>=1.0.0-name.0 <=1.0.0-name.9999';

const none: VersionPolicy = { allowDowngrade: false };
const rollback: VersionPolicy = { allowDowngrade: true };
const caret: VersionPolicy = { allowDowngrade: false, filter: '^1.0.0' };
const named: VersionPolicy = { allowDowngrade: false, filter: NAMED_LINE };
const release: VersionPolicy = { allowDowngrade: false, tagPattern: RELEASE };

describe('tagVersion', () => {
  it.each<[string, string | undefined, string | undefined]>([
    ['1.2.3', undefined, '1.2.3'],
    ['v1.2.3', undefined, '1.2.3'],
    ['V1.2.3', undefined, '1.2.3'],
    ['V.1.3.0', undefined, '1.3.0'],
    ['v.1.2.3', undefined, '1.2.3'],
    ['1.2.3-rc.1+build.5', undefined, '1.2.3-rc.1'],
    ['1.2', undefined, undefined],
    ['1', undefined, undefined],
    [SHA40, undefined, undefined],
    ['sha-abc1234', undefined, undefined],
    ['hotfix-123', undefined, undefined],
    ['latest', undefined, undefined],
    ['vv1.2.3', undefined, undefined],
    ['=1.2.3', undefined, undefined],
    ['01.2.3', undefined, undefined],
    ['release-1.2.3', RELEASE, '1.2.3'],
    ['release-1.2.3', '(?<version>\\d+\\.\\d+\\.\\d+)', undefined],
    ['1.2.3', RELEASE, undefined],
    ['release-v1.2', 'release-(?<version>.+)', undefined],
    ['release-v.1.2.3', 'release-(?<version>.+)', '1.2.3'],
  ])('%s with pattern %s → %s', (tag, pattern, expected) => {
    expect(tagVersion(tag, pattern)?.version).toBe(expected);
  });

  it('keeps the build metadata of the tag', () => {
    expect(tagVersion('1.2.3-rc.1+build.5')?.build).toEqual(['build', '5']);
  });
});

type Row = [string, string, string, VersionPolicy, Decision, string];

describe('judge', () => {
  it.each<Row>([
    // Plain bumps and prefixes.
    ['plain bump', '1.4.2', '1.5.0', none, 'bumped', '1.4.2 → 1.5.0: newer version'],
    ['major bump, no filter', '1.4.2', '2.0.0', none, 'bumped', '1.4.2 → 2.0.0: newer version'],
    ['v prefix', 'v1.4.2', 'v1.5.0', none, 'bumped', 'v1.4.2 → v1.5.0: newer version'],
    ['V. prefix', 'V.1.2.0', 'V.1.3.0', none, 'bumped', 'V.1.2.0 → V.1.3.0: newer version'],
    ['v. to V prefix', 'v.1.2.3', 'V1.2.4', none, 'bumped', 'v.1.2.3 → V1.2.4: newer version'],
    ['same tag', '1.4.2', '1.4.2', none, 'unchanged', '1.4.2: already set'],
    ['same tag outside filter', '2.0.0', '2.0.0', caret, 'unchanged', '2.0.0: already set'],
    // Pre-release ordering: rc.1 < rc.2 < release.
    ['rc.1 to rc.2', '1.0.0-rc.1', '1.0.0-rc.2', none, 'bumped', 'newer version'],
    ['rc.2 to release', '1.0.0-rc.2', '1.0.0', none, 'bumped', '1.0.0-rc.2 → 1.0.0: newer'],
    [
      'release to rc',
      '1.0.0',
      '1.0.0-rc.2',
      none,
      'skipped',
      '1.0.0-rc.2 is lower than 1.0.0; set allow-downgrade: true to roll back',
    ],
    ['rc.2 to rc.1', '1.0.0-rc.2', '1.0.0-rc.1', none, 'skipped', 'is lower than 1.0.0-rc.2'],
    // The caret filter: no new major, no pre-releases.
    ['^1.0.0 admits 1.5.0', '1.4.2', '1.5.0', caret, 'bumped', 'newer version'],
    [
      '^1.0.0 refuses 2.0.0',
      '1.4.2',
      '2.0.0',
      caret,
      'skipped',
      '2.0.0 is outside the filter ^1.0.0',
    ],
    [
      '^1.0.0 refuses 1.1.0-rc.1',
      '1.0.0',
      '1.1.0-rc.1',
      caret,
      'skipped',
      '1.1.0-rc.1 is outside the filter ^1.0.0',
    ],
    ['^1.0.0 admits v1.2.0', 'v1.1.0', 'v1.2.0', caret, 'bumped', 'v1.1.0 → v1.2.0: newer'],
    // A named pre-release line.
    ['named line admits name.5', '1.0.0-name.4', '1.0.0-name.5', named, 'bumped', 'newer version'],
    [
      'named line refuses other.1',
      '1.0.0-name.4',
      '1.0.0-other.1',
      named,
      'skipped',
      `1.0.0-other.1 is outside the filter ${NAMED_LINE}`,
    ],
    [
      'named line refuses 1.0.1',
      '1.0.0-name.4',
      '1.0.1',
      named,
      'skipped',
      `1.0.1 is outside the filter ${NAMED_LINE}`,
    ],
    ['named line, first tag', '', '1.0.0-name.0', named, 'bumped', '(none) → 1.0.0-name.0'],
    // Downgrades.
    [
      'downgrade refused',
      '1.4.2',
      '1.3.0',
      none,
      'skipped',
      '1.3.0 is lower than 1.4.2; set allow-downgrade: true to roll back',
    ],
    ['downgrade allowed', '1.4.2', '1.3.0', rollback, 'bumped', 'rollback from 1.4.2 to 1.3.0'],
    [
      'downgrade inside filter',
      '1.4.2',
      '1.0.0',
      caret,
      'skipped',
      'set allow-downgrade: true to roll back',
    ],
    [
      'rollback still filtered',
      '2.0.0',
      '1.0.0-rc.1',
      { allowDowngrade: true, filter: '^1.0.0' },
      'skipped',
      '1.0.0-rc.1 is outside the filter ^1.0.0',
    ],
    ['v-prefixed downgrade', 'v2.0.0', '1.9.9', none, 'skipped', '1.9.9 is lower than v2.0.0'],
    // Equal versions.
    [
      'build metadata differs',
      '1.2.3+a',
      '1.2.3+b',
      none,
      'bumped',
      '1.2.3+a → 1.2.3+b: equal version, different build metadata',
    ],
    [
      'prefix differs',
      'v1.2.3',
      '1.2.3',
      none,
      'bumped',
      'v1.2.3 → 1.2.3: equal version, different form',
    ],
    [
      'build metadata dropped',
      '1.2.3+build.7',
      '1.2.3',
      none,
      'bumped',
      'equal version, different build metadata',
    ],
    // Unordered tags.
    [
      'to sha-abc1234',
      '1.4.2',
      'sha-abc1234',
      none,
      'bumped',
      'sha-abc1234 is not a version (unordered tag): allowed',
    ],
    [
      'to a git sha',
      '1.4.2',
      SHA40,
      none,
      'bumped',
      `${SHA40} is not a version (unordered tag): allowed`,
    ],
    [
      'to hotfix-123',
      'hotfix-122',
      'hotfix-123',
      none,
      'bumped',
      'hotfix-123 is not a version (unordered tag)',
    ],
    ['hotfix-123 is not 123.0.0', '1.4.2', 'hotfix-123', none, 'bumped', 'unordered tag): allowed'],
    [
      'from sha-abc1234',
      'sha-abc1234',
      '1.0.0',
      none,
      'bumped',
      'current sha-abc1234 is not a version (unordered), no ordering check',
    ],
    [
      'from sha-abc1234 to a lower-looking version',
      'sha-abc1234',
      '0.0.1',
      none,
      'bumped',
      'no ordering check: allowed',
    ],
    [
      'sha-abc1234 with a filter',
      '1.4.2',
      'sha-abc1234',
      caret,
      'skipped',
      'sha-abc1234 is not a version (unordered tag); the filter ^1.0.0 lets only versions pass',
    ],
    [
      'git sha with a filter',
      '1.4.2',
      SHA40,
      caret,
      'skipped',
      'the filter ^1.0.0 lets only versions pass',
    ],
    ['hotfix-123 with a filter', '', 'hotfix-123', caret, 'skipped', 'hotfix-123 is not a version'],
    ['1.2 is unordered', '1.2.3', '1.2', none, 'bumped', '1.2 is not a version (unordered tag)'],
    // No current tag.
    ['first tag', '', '1.0.0', none, 'bumped', '(none) → 1.0.0: first tag'],
    ['first tag, unordered', '', 'sha-abc1234', none, 'bumped', '(none) → sha-abc1234: first tag'],
    [
      'first tag outside filter',
      '',
      '2.0.0',
      caret,
      'skipped',
      '2.0.0 is outside the filter ^1.0.0',
    ],
    // Digests.
    [
      'digest only',
      '1.4.2',
      DIGEST_B,
      none,
      'bumped',
      'sha256:bbbbbbbbbbbb… is a digest, not a version (unordered): allowed',
    ],
    [
      'digest to digest',
      `@${DIGEST_A}`,
      `@${DIGEST_B}`,
      none,
      'bumped',
      'is a digest, not a version',
    ],
    [
      'digest only with a filter',
      '1.4.2',
      DIGEST_B,
      caret,
      'skipped',
      'is a digest, not a version (unordered); the filter ^1.0.0 lets only versions pass',
    ],
    [
      'tag@digest bump',
      `1.4.2@${DIGEST_A}`,
      `1.5.0@${DIGEST_B}`,
      caret,
      'bumped',
      '1.4.2@sha256:aaaaaaaaaaaa… → 1.5.0@sha256:bbbbbbbbbbbb…: newer version',
    ],
    [
      'tag@digest judged on its tag',
      '1.4.2',
      `2.0.0@${DIGEST_B}`,
      caret,
      'skipped',
      '2.0.0@sha256:bbbbbbbbbbbb… is outside the filter ^1.0.0',
    ],
    [
      'tag@digest downgrade',
      `1.4.2@${DIGEST_A}`,
      `1.3.0@${DIGEST_B}`,
      none,
      'skipped',
      'is lower than 1.4.2@sha256:aaaaaaaaaaaa…',
    ],
    [
      'same tag, new digest',
      `1.4.2@${DIGEST_A}`,
      `1.4.2@${DIGEST_B}`,
      none,
      'bumped',
      'equal version, same tag, different digest',
    ],
    [
      'from a digest to a version',
      `@${DIGEST_A}`,
      '1.0.0',
      none,
      'bumped',
      'is a digest, not a version (unordered), no ordering check',
    ],
    // Custom tag pattern.
    [
      'release pattern bump',
      'release-1.4.2',
      'release-1.5.0',
      release,
      'bumped',
      'release-1.4.2 → release-1.5.0: newer version',
    ],
    [
      'release pattern downgrade',
      'release-1.4.2',
      'release-1.3.0',
      release,
      'skipped',
      'release-1.3.0 is lower than release-1.4.2',
    ],
    [
      'release pattern, plain tag unordered',
      'release-1.4.2',
      '1.5.0',
      release,
      'bumped',
      '1.5.0 is not a version (unordered tag)',
    ],
    [
      'release pattern with a filter',
      'release-1.4.2',
      'release-2.0.0',
      { ...release, filter: '^1.0.0' },
      'skipped',
      'release-2.0.0 is outside the filter ^1.0.0',
    ],
    [
      'alpine variant read through the pattern',
      '1.4.2-alpine',
      '1.4.10-alpine',
      { allowDowngrade: false, tagPattern: '(?<version>\\d+\\.\\d+\\.\\d+)-alpine' },
      'bumped',
      '1.4.2-alpine → 1.4.10-alpine: newer version',
    ],
    [
      'anchored: a partial match is unordered',
      'release-1.4.2',
      'release-1.5.0-extra',
      { allowDowngrade: false, tagPattern: 'release-(?<version>\\d+\\.\\d+\\.\\d+)' },
      'bumped',
      'release-1.5.0-extra is not a version (unordered tag)',
    ],
    // A blank filter is no filter.
    [
      'blank filter',
      '1.4.2',
      'sha-abc1234',
      { allowDowngrade: false, filter: ' ' },
      'bumped',
      'allowed',
    ],
  ])('%s: %j → %j', (_name, current, next, policy, decision, fragment) => {
    const verdict = judge(current, next, policy);
    expect(verdict.decision).toBe(decision);
    expect(verdict.reason).toContain(fragment);
    expect(verdict.warning).toBeUndefined();
  });
});

describe('mutable tags', () => {
  it.each<[string, string, VersionPolicy, Decision, string, string | undefined]>([
    [
      '1.4.2',
      'latest',
      none,
      'bumped',
      "'latest' is a mutable tag: GitOps tools see no change when it moves",
      "'latest' is a mutable tag",
    ],
    ['', 'stable', none, 'bumped', "'stable' is a mutable tag", 'Pin an immutable tag'],
    ['1.4.2', 'main', none, 'bumped', "'main' is a mutable tag", 'or a digest instead'],
    [
      '1.4.2',
      'Nightly',
      none,
      'bumped',
      "'Nightly' is a mutable tag",
      "'Nightly' is a mutable tag",
    ],
    ['latest', 'latest', none, 'unchanged', 'latest: already set', undefined],
    [
      '1.4.2',
      'latest',
      caret,
      'skipped',
      "'latest' is a mutable tag, not a version (unordered); the filter ^1.0.0",
      undefined,
    ],
    [
      '1.4.2',
      `latest@${DIGEST_B}`,
      none,
      'bumped',
      "'latest' is a mutable tag, not a version (unordered): allowed",
      undefined,
    ],
    [
      '1.4.2',
      'latest-1',
      none,
      'bumped',
      'latest-1 is not a version (unordered tag): allowed',
      undefined,
    ],
  ])('%j → %j', (current, next, policy, decision, fragment, warning) => {
    const verdict = judge(current, next, policy);
    expect(verdict.decision).toBe(decision);
    expect(verdict.reason).toContain(fragment);
    if (warning === undefined) expect(verdict.warning).toBeUndefined();
    else expect(verdict.warning).toContain(warning);
  });

  it('says the whole warning', () => {
    expect(judge('1.4.2', 'edge', none).warning).toBe(
      "'edge' is a mutable tag: GitOps tools see no change when it moves. " +
        'Pin an immutable tag (a version such as 1.4.2) or a digest instead.',
    );
  });
});

function syntaxMessage(source: string): string {
  try {
    new RegExp(source);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${source} compiles`);
}

describe('checkPolicy', () => {
  const example = "e.g. '^release-(?<version>\\d+\\.\\d+\\.\\d+)$'.";
  it.each<[string, VersionPolicy, string]>([
    [
      'a bad range',
      { allowDowngrade: false, filter: 'not a range' },
      "version-filter: 'not a range' is not a valid semver range. " +
        "Use a range such as '^1.0.0', '~1.4.0' or '>=1.0.0-rc.0 <2.0.0'.",
    ],
    [
      'a regex that does not compile',
      { allowDowngrade: false, tagPattern: 'release-(?<version>\\d+' },
      "tag-pattern: 'release-(?<version>\\d+' is not a valid regular expression " +
        `(${syntaxMessage('release-(?<version>\\d+')}). Fix the pattern, ${example}`,
    ],
    [
      'a regex without a version group',
      { allowDowngrade: false, tagPattern: '^release-(\\d+\\.\\d+\\.\\d+)$' },
      "tag-pattern: '^release-(\\d+\\.\\d+\\.\\d+)$' has no named group 'version'. " +
        `Capture the version with (?<version>...), ${example}`,
    ],
    [
      'a version group only inside a character class',
      { allowDowngrade: false, tagPattern: '[(?<version>)]+' },
      "tag-pattern: '[(?<version>)]+' has no named group 'version'. " +
        `Capture the version with (?<version>...), ${example}`,
    ],
    [
      'an escaped version group',
      { allowDowngrade: false, tagPattern: '\\(?<version>x' },
      "tag-pattern: '\\(?<version>x' has no named group 'version'. " +
        `Capture the version with (?<version>...), ${example}`,
    ],
  ])('refuses %s', (_name, policy, message) => {
    expect(() => checkPolicy(policy)).toThrow(PolicyError);
    // An error object asserts the exact message.
    expect(() => checkPolicy(policy)).toThrow(new PolicyError(message));
    expect(() => judge('1.0.0', '1.0.1', policy)).toThrow(new PolicyError(message));
  });

  it.each<[string, VersionPolicy]>([
    ['no filter, no pattern', none],
    ['a caret range', caret],
    ['a named pre-release line', named],
    ['a release pattern', release],
    ['a blank filter', { allowDowngrade: false, filter: '' }],
  ])('accepts %s', (_name, policy) => {
    expect(() => checkPolicy(policy)).not.toThrow();
  });

  it('names the error', () => {
    expect(() => checkPolicy({ allowDowngrade: false, filter: '>>1' })).toThrow(
      expect.objectContaining({ name: 'PolicyError' }),
    );
  });
});
