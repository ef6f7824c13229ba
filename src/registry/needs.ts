// Whether a run asks a container registry at all: a module with no imports, so that the run can
// decide before it loads the registry client (src/run/registry.ts imports that only when needed).
import type { Bump } from '../engine/types.js';

/** The registry options that decide whether the registry is asked. */
export interface RegistryNeeds {
  verify: boolean;
  resolveDigest: boolean;
}

/** Whether the run needs the registry: verify-image, resolve-digest, or an image with no tag. */
export function needsRegistry(bumps: readonly Bump[], options: RegistryNeeds): boolean {
  return (
    options.verify ||
    options.resolveDigest ||
    bumps.some((b) => b.tag === undefined && b.digest === undefined)
  );
}
