// Where an image lives: the registry host to ask, the repository path on it, and whether plain
// HTTP is allowed (loopback hosts and hosts the user names as insecure only). Docker Hub names
// are normalised: `nginx` is `registry-1.docker.io/library/nginx`.
import type { ImageRef } from '../engine/image-ref.js';

/** A repository on a registry. */
export interface RegistryRepository {
  /** The host (with port) requests go to, e.g. `registry-1.docker.io`, `ghcr.io`, `127.0.0.1:5000`. */
  host: string;
  /** The repository path on that host, e.g. `library/nginx`. */
  repository: string;
  /** `https://host` or, for loopback and insecure registries, `http://host`. */
  base: string;
  /** The image name as the user wrote it, for messages. */
  image: string;
}

const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
/** The host the Docker Hub registry API is served from. */
export const DOCKER_HUB_REGISTRY = 'registry-1.docker.io';

/** True for Docker Hub's host names. */
export function isDockerHub(host: string): boolean {
  return DOCKER_HUB_HOSTS.has(host.toLowerCase());
}

/** The host without its port: `127.0.0.1:5000` → `127.0.0.1`, `[::1]:5000` → `[::1]`. */
export function hostName(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}

/** localhost, 127.0.0.0/8 and [::1]: the only hosts spoken to over plain HTTP by default. */
export function isLoopback(host: string): boolean {
  const name = hostName(host).toLowerCase();
  return (
    name === 'localhost' ||
    name === '[::1]' ||
    /^127\.(?:25[0-5]|2[0-4]\d|1?\d?\d)\.(?:25[0-5]|2[0-4]\d|1?\d?\d)\.(?:25[0-5]|2[0-4]\d|1?\d?\d)$/.test(
      name,
    )
  );
}

/** Whether `host` may be spoken to over plain HTTP: loopback, or named in `insecure`. */
export function allowsPlainHttp(host: string, insecure: readonly string[]): boolean {
  if (isLoopback(host)) return true;
  const lower = host.toLowerCase();
  return insecure.some((entry) => {
    const e = entry.toLowerCase();
    return e === lower || e === hostName(lower);
  });
}

/** The registry repository of an image reference. */
export function locate(ref: ImageRef, insecure: readonly string[] = []): RegistryRepository {
  const domain = ref.domain;
  if (domain === undefined || isDockerHub(domain)) {
    const repository = ref.path.includes('/') ? ref.path : `library/${ref.path}`;
    return {
      host: DOCKER_HUB_REGISTRY,
      repository,
      base: `https://${DOCKER_HUB_REGISTRY}`,
      image: ref.name,
    };
  }
  const scheme = allowsPlainHttp(domain, insecure) ? 'http' : 'https';
  return { host: domain, repository: ref.path, base: `${scheme}://${domain}`, image: ref.name };
}
