// Turns what the user wrote (`image`, `images`, `tag`, `digest`) into bumps, with messages
// that name the input, quote the value and say the fix.
import { InvalidReferenceError, parseReference, validateDigest, validateTag } from './image-ref.js';
import type { Bump } from './types.js';

/** Thrown for an unusable image, tag or digest; the message names the input. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Names of the inputs, as the door the user came through calls them. */
export interface InputNames {
  image: string;
  tag: string;
  digest: string;
  /** The version filter input; named when a bare image name is refused. */
  filter?: string;
}

/**
 * Parses the references to deploy; `tag`/`digest` fill in a bare name (one image only). With
 * `bareAllowed` (a version filter is set) a name without tag or digest is kept as it is: the
 * run asks the registry for the newest tag the filter allows.
 */
export function parseBumps(
  references: readonly string[],
  names: InputNames,
  tag?: string,
  digest?: string,
  bareAllowed = false,
): Bump[] {
  const refs = references.map((r) => r.trim()).filter((r) => r !== '' && !r.startsWith('#'));
  if (refs.length === 0)
    throw new InputError(
      `${names.image}: no image given. Give the reference to deploy, e.g. ghcr.io/org/app:1.4.2.`,
    );
  if ((tag || digest) && refs.length > 1) {
    throw new InputError(
      `${names.tag}/${names.digest} apply to a single image, but ${refs.length} were given; write each image with its tag instead (name:tag).`,
    );
  }
  return refs.map((value) => {
    let ref: ReturnType<typeof parseReference>;
    try {
      ref = parseReference(value);
    } catch (error) {
      if (error instanceof InvalidReferenceError) {
        throw new InputError(
          `${names.image}: ${error.message} Expected a reference such as ghcr.io/org/app:1.4.2, app@sha256:<64 hex digits> or app:1.4.2@sha256:<64 hex digits>.`,
        );
      }
      throw error;
    }
    const bump: Bump = { image: ref };
    try {
      if (tag) {
        if (ref.tag !== undefined && ref.tag !== tag)
          throw new InputError(
            `${names.image} '${value}' already carries the tag '${ref.tag}', and ${names.tag} says '${tag}'; give the tag once.`,
          );
        bump.tag = validateTag(tag);
      } else if (ref.tag !== undefined) bump.tag = ref.tag;
      if (digest) {
        if (ref.digest !== undefined && ref.digest !== digest)
          throw new InputError(
            `${names.image} '${value}' already carries a digest, and ${names.digest} gives another; give the digest once.`,
          );
        bump.digest = validateDigest(digest);
      } else if (ref.digest !== undefined) bump.digest = ref.digest;
    } catch (error) {
      if (error instanceof InvalidReferenceError)
        throw new InputError(
          `${error.what === 'tag' ? names.tag : names.digest}: ${error.message}`,
        );
      throw error;
    }
    if (bump.tag === undefined && bump.digest === undefined && !bareAllowed) {
      throw new InputError(
        `${names.image} '${value}' has no tag or digest to deploy. Write it as ${value}:<tag> or ${value}@sha256:<digest>, or give ${names.tag}${names.filter ? `, or set ${names.filter} (e.g. ^1.0.0) to deploy the newest tag the registry has in that range` : ''}.`,
      );
    }
    return bump;
  });
}
