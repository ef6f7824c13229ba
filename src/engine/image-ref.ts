// Image references by the distribution reference grammar (github.com/distribution/reference):
//   reference := name [ ":" tag ] [ "@" digest ]
//   name      := [ domain "/" ] path-component [ "/" path-component ]*
// Docker Hub names are normalised so that `nginx`, `library/nginx`, `docker.io/library/nginx`
// and `index.docker.io/library/nginx` compare equal.

/** A parsed image reference; `name` is the repository as written (domain included). */
export interface ImageRef {
  /** Registry host (with port) as written, or undefined for Docker Hub short names. */
  domain?: string;
  /** Repository path below the domain, as written. */
  path: string;
  /** `domain/path` or `path`, as written. */
  name: string;
  tag?: string;
  digest?: string;
}

/** Thrown for a value that is not a valid image reference, tag or digest. */
export class InvalidReferenceError extends Error {
  constructor(
    readonly value: string,
    readonly reason: string,
    readonly what = 'image reference',
  ) {
    super(`Invalid ${what} '${value}': ${reason}.`);
    this.name = 'InvalidReferenceError';
  }
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6_HOST = /^\[[0-9a-fA-F:.]+\]$/;
const PORT = /^[0-9]+$/;
const TAG = /^[\w][\w.-]{0,127}$/;
// The algorithm is lower case (Kubernetes refuses `SHA256:`).
const DIGEST = /^[a-z][a-z0-9]*(?:[-_+.][a-z][a-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;
// Files hold fake or shortened digests (`sha256:25a0d4` in kustomize's own examples);
// what is read from a file is matched leniently, what the user asks for strictly.
const LENIENT_DIGEST = /^[a-z][a-z0-9]*(?:[-_+.][a-z][a-z0-9]*)*:[0-9a-fA-F]+$/;
const NAME_MAX = 255;

const DOCKER_HUB = 'docker.io';

interface ParseOptions {
  /** Accept short or fake digests (for values read from files, never for user input). */
  lenientDigest?: boolean;
}

/** Parses a reference, or returns a reason why it is not one. */
function parse(value: string, options: ParseOptions): ImageRef | string {
  if (value.length === 0) return 'it is empty';
  if (/\s/.test(value)) return 'it contains white space';
  let rest = value;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    const ok = options.lenientDigest ? LENIENT_DIGEST.test(digest) : DIGEST.test(digest);
    if (!ok) return `the digest '${digest}' is not of the form sha256:<64 hex digits>`;
    if (!options.lenientDigest && digest.startsWith('sha256:') && !SHA256_DIGEST.test(digest)) {
      return `the digest '${digest}' is not of the form sha256:<64 lower-case hex digits>`;
    }
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    const tagProblem = tagError(tag);
    if (tagProblem) return tagProblem;
  }
  if (rest.length === 0) return 'the repository name is empty';
  if (rest.length > NAME_MAX) return `the repository name is longer than ${NAME_MAX} characters`;
  let domain: string | undefined;
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (
      first.includes('.') ||
      first.includes(':') ||
      first === 'localhost' ||
      first !== first.toLowerCase()
    ) {
      domain = first;
      path = rest.slice(slash + 1);
    }
  }
  if (domain !== undefined) {
    const domainProblem = domainError(domain);
    if (domainProblem) return domainProblem;
  }
  if (path.length === 0) return 'the repository path is empty';
  for (const component of path.split('/')) {
    if (!PATH_COMPONENT.test(component)) {
      if (component !== component.toLowerCase()) {
        return `the repository name '${path}' must be lower-case`;
      }
      return `the path component '${component}' must be lower-case letters and digits, separated by '.', '_', '__' or '-'`;
    }
  }
  const ref: ImageRef = { path, name: domain === undefined ? path : `${domain}/${path}` };
  if (domain !== undefined) ref.domain = domain;
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

function domainError(domain: string): string | undefined {
  let host = domain;
  const portAt = domain.startsWith('[') ? domain.indexOf(']:') + 1 : domain.lastIndexOf(':');
  if (portAt > 0) {
    const port = domain.slice(portAt + 1);
    if (!PORT.test(port)) return `the registry port '${port}' is not a number`;
    host = domain.slice(0, portAt);
  }
  if (IPV6_HOST.test(host)) return undefined;
  for (const part of host.split('.')) {
    if (!DOMAIN_COMPONENT.test(part)) return `the registry host '${host}' is not a valid host name`;
  }
  return undefined;
}

function tagError(tag: string): string | undefined {
  if (tag.length === 0) return 'the tag after ":" is empty';
  if (tag.length > 128) return `the tag is ${tag.length} characters long; at most 128 are allowed`;
  if (!TAG.test(tag)) {
    return `the tag '${tag}' may contain only letters, digits, '_', '.' and '-', and must not start with '.' or '-'`;
  }
  return undefined;
}

/** Parses a reference given by a user; throws InvalidReferenceError that quotes the value. */
export function parseReference(value: string): ImageRef {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new InvalidReferenceError(
      value,
      `it is a URL; write the reference without the scheme, e.g. ${value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')}`,
    );
  }
  const result = parse(value, {});
  if (typeof result === 'string') throw new InvalidReferenceError(value, result);
  return result;
}

/** Parses a reference read from a file; undefined when the value is not a reference. */
export function tryParseReference(value: string): ImageRef | undefined {
  const result = parse(value, { lenientDigest: true });
  return typeof result === 'string' ? undefined : result;
}

/** Checks a tag given by a user; throws InvalidReferenceError that says what is wrong. */
export function validateTag(tag: string): string {
  const problem = tagError(tag);
  if (problem) throw new InvalidReferenceError(tag, problem, 'tag');
  return tag;
}

/** Checks a digest given by a user (`sha256:` and 64 hex digits). */
export function validateDigest(digest: string): string {
  if (!DIGEST.test(digest) || (digest.startsWith('sha256:') && !SHA256_DIGEST.test(digest))) {
    throw new InvalidReferenceError(
      digest,
      'expected sha256: followed by 64 lower-case hex digits',
      'digest',
    );
  }
  return digest;
}

/** The canonical repository name: Docker Hub names get `docker.io/` and `library/`. */
export function normalizeName(name: string): string {
  const ref = tryParseReference(name);
  if (!ref) return name;
  return canonicalName(ref);
}

/** The canonical name of a parsed reference (see normalizeName). */
export function canonicalName(ref: Pick<ImageRef, 'domain' | 'path'>): string {
  // Registry hosts compare case-insensitively (`GHCR.io` is `ghcr.io`); paths exactly.
  let domain = ref.domain?.toLowerCase() ?? DOCKER_HUB;
  if (domain === 'index.docker.io' || domain === 'registry-1.docker.io') domain = DOCKER_HUB;
  let path = ref.path;
  if (domain === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;
  return `${domain}/${path}`;
}

/** The last path component, which every spelling of the image contains (used to skip text fast). */
export function shortName(ref: Pick<ImageRef, 'path'>): string {
  const parts = ref.path.split('/');
  return parts[parts.length - 1] ?? ref.path;
}

/** Writes a reference back as text. */
export function formatReference(ref: Pick<ImageRef, 'name' | 'tag' | 'digest'>): string {
  return `${ref.name}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}
