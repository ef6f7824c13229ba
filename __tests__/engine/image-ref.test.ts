import {
  InvalidReferenceError,
  normalizeName,
  parseReference,
  shortName,
  tryParseReference,
  validateDigest,
  validateTag,
} from '../../src/engine/image-ref.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

describe('parseReference', () => {
  it.each([
    ['nginx', { name: 'nginx', path: 'nginx' }],
    ['nginx:1.25', { name: 'nginx', path: 'nginx', tag: '1.25' }],
    ['localhost:5000/app', { domain: 'localhost:5000', name: 'localhost:5000/app', path: 'app' }],
    ['localhost:5000/app:2', { domain: 'localhost:5000', path: 'app', tag: '2' }],
    ['10.42.0.1:30000/x/y:1.0.0', { domain: '10.42.0.1:30000', path: 'x/y', tag: '1.0.0' }],
    [
      'harbor.example.com/team/sub/app:sha-abc1234',
      { domain: 'harbor.example.com', path: 'team/sub/app', tag: 'sha-abc1234' },
    ],
    [
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:V.1.3.0',
      { domain: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', path: 'app', tag: 'V.1.3.0' },
    ],
    [`ghcr.io/org/app@${DIGEST}`, { domain: 'ghcr.io', path: 'org/app', digest: DIGEST }],
    [`ghcr.io/org/app:1.4.2@${DIGEST}`, { path: 'org/app', tag: '1.4.2', digest: DIGEST }],
    ['[::1]:5000/app:1', { domain: '[::1]:5000', path: 'app', tag: '1' }],
    ['bitnami/nginx:1.29.1-debian-12-r0', { path: 'bitnami/nginx', tag: '1.29.1-debian-12-r0' }],
    ['a__b/c--d.e_f:x', { path: 'a__b/c--d.e_f', tag: 'x' }],
  ])('parses %s', (value, expected) => {
    expect(parseReference(value)).toMatchObject(expected);
  });

  it.each([
    ['Nginx:1', "the repository name 'Nginx' must be lower-case"],
    ['ghcr.io/Org/app:1', "the repository name 'Org/app' must be lower-case"],
    ['nginx:1 2', 'it contains white space'],
    ['', 'it is empty'],
    [`nginx:${'a'.repeat(129)}`, 'the tag is 129 characters long; at most 128 are allowed'],
    [
      'nginx:-bad',
      "the tag '-bad' may contain only letters, digits, '_', '.' and '-', and must not start with '.' or '-'",
    ],
    ['nginx@sha256:abc', "the digest 'sha256:abc' is not of the form sha256:<64 hex digits>"],
    [`nginx@sha256:${'A'.repeat(64)}`, 'is not of the form sha256:<64 lower-case hex digits>'],
    ['nginx:', 'the tag after ":" is empty'],
    ['host:port/app', "the registry port 'port' is not a number"],
    ['app/a..b', "the path component 'a..b' must be"],
    ['a..b/app', "the registry host 'a..b' is not a valid host name"],
    ['ghcr.io/', 'the repository path is empty'],
  ])('refuses %j and says why', (value, reason) => {
    expect(() => parseReference(value)).toThrow(InvalidReferenceError);
    expect(() => parseReference(value)).toThrow(reason);
    try {
      parseReference(value);
    } catch (error) {
      expect((error as Error).message).toContain(`'${value}'`);
    }
  });

  it('reads short digests leniently from files but not from users', () => {
    expect(tryParseReference('docker@sha256:25a0d4')).toMatchObject({ digest: 'sha256:25a0d4' });
    expect(() => parseReference('docker@sha256:25a0d4')).toThrow(InvalidReferenceError);
  });
});

describe('normalizeName', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx'],
    ['library/nginx', 'docker.io/library/nginx'],
    ['docker.io/library/nginx', 'docker.io/library/nginx'],
    ['docker.io/nginx', 'docker.io/library/nginx'],
    ['index.docker.io/library/nginx', 'docker.io/library/nginx'],
    ['bitnami/nginx', 'docker.io/bitnami/nginx'],
    ['mynginx', 'docker.io/library/mynginx'],
    ['nginx-exporter', 'docker.io/library/nginx-exporter'],
    ['ghcr.io/org/app', 'ghcr.io/org/app'],
    ['localhost:5000/app', 'localhost:5000/app'],
  ])('normalises %s to %s', (name, canonical) => {
    expect(normalizeName(name)).toBe(canonical);
  });

  it('keeps other images apart from nginx', () => {
    const nginx = normalizeName('nginx');
    for (const other of ['mynginx', 'nginx-exporter', 'bitnami/nginx', 'ghcr.io/nginx']) {
      expect(normalizeName(other)).not.toBe(nginx);
    }
  });

  it('gives the last path component as the short name', () => {
    expect(shortName(parseReference('harbor.example.com/team/sub/app:1'))).toBe('app');
  });
});

describe('validateTag and validateDigest', () => {
  it('accepts what registries accept', () => {
    expect(validateTag('V.1.3.0')).toBe('V.1.3.0');
    expect(validateTag('a'.repeat(128))).toHaveLength(128);
    expect(validateDigest(DIGEST)).toBe(DIGEST);
  });
  it('refuses a bad tag or digest with the value quoted', () => {
    expect(() => validateTag('has space')).toThrow("Invalid tag 'has space'");
    expect(() => validateDigest('sha256:123')).toThrow("Invalid digest 'sha256:123'");
  });
});
