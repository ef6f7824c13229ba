// The engine's entry point: text and bumps in, new text, a change list and the missed places
// out. No I/O.
//
// 1. Cut the stream into documents and parse only those that contain the image's last path
//    component (every spelling of the image written out does) or an escape that could write it
//    (`\x61`), so a 10 MB manifest costs one small parse. editText(input, true) parses every
//    document and reads every line: the reference the filter is tested against.
// 2. Each segment is edited on its own (segment.ts): sites are located, matched to bumps by
//    canonical image name, planned into byte edits, applied and verified.
// 3. Every line that names a bumped image and was not handled is classified (missed.ts): a
//    decoy, or a missed place that is reported with its reason.
import type { Document } from 'yaml';
import { collectSites } from './collect.js';
import { normalizeName as normalize, shortName } from './image-ref.js';
import { findMissed } from './missed.js';
import { scalarText } from './plan.js';
import {
  editSegment,
  orderEdits,
  parseStream,
  type StreamContext,
  type StreamResult,
  spliceEdits,
} from './segment.js';
import {
  allSegments,
  findNames,
  hidingEscapes,
  LineIndex,
  lineEnding,
  type Segment,
  segmentsAt,
} from './text.js';
import {
  type Bump,
  type EditOptions,
  type EditResult,
  EngineError,
  type FoundImage,
} from './types.js';

/** What editText needs: the file's name (for messages), its text and the bumps. */
export interface EditInput {
  file: string;
  text: string;
  bumps: readonly Bump[];
  options?: EditOptions;
}

/** Where every bump's last path component stands as one in the text (see findNames). */
function needleHits(text: string, bumps: readonly Bump[]): number[] {
  return findNames(
    text,
    bumps.map((b) => shortName(b.image)),
  );
}

/**
 * True when the segment holds every path component of one of the images. A site's name is made
 * only of its own document's text (a registry, hub or prefix key and a repository at most), so
 * a document without `org` cannot name `ghcr.io/org/app` even where `- name: app` is there.
 * Docker Hub's `library/` may be left out of a name, so it is not looked for.
 */
function mayHold(text: string, segment: Segment, bumps: readonly Bump[]): boolean {
  const segText = text.slice(segment.start, segment.end);
  return bumps.some((bump) => {
    const parts = bump.image.path.split('/');
    if (parts[0] === 'library') parts.shift();
    return parts.every((part) => segText.includes(part));
  });
}

/**
 * What a stream's edit looks at: the documents that can name an image (found by `hits`, the
 * needleHits of the text when the caller has them already), or every document (`everything`:
 * the reference the first is tested against).
 */
interface Scope {
  everything: boolean;
  hits?: readonly number[];
}

/** The segments of the text to parse and edit. */
function segmentsToEdit(
  text: string,
  bumps: readonly Bump[],
  keyPaths: StreamContext['keyPaths'],
  scope: Scope,
): Segment[] {
  if (keyPaths?.length || scope.everything) return allSegments(text);
  const named = segmentsAt(text, scope.hits ?? needleHits(text, bumps)).filter((s) =>
    mayHold(text, s, bumps),
  );
  // A name written with escapes is not in the text as written: such documents are read too.
  const escaped = segmentsAt(text, hidingEscapes(text));
  return escaped.length === 0 ? named : mergeSegments(named, escaped);
}

/** Two sorted lists of segments as one, each once (segmentsAt cuts a text the same way). */
function mergeSegments(a: readonly Segment[], b: readonly Segment[]): Segment[] {
  const byStart = new Map<number, Segment>();
  for (const segment of [...a, ...b]) byStart.set(segment.start, segment);
  return [...byStart.values()].sort((x, y) => x.start - y.start);
}

/** Edits a YAML stream; offsets in the result are relative to `text`. */
function editStream(
  file: string,
  text: string,
  bumps: readonly Bump[],
  options: EditOptions,
  depth: number,
  scope: Scope,
): StreamResult {
  const keyPaths = depth === 0 ? options.keyPaths : undefined;
  const segments = segmentsToEdit(text, bumps, keyPaths, scope);
  const ctx: StreamContext = {
    file,
    bumps,
    canonical: bumps.map((bump) => normalize(bump.image.name)),
    options,
    depth,
    eol: lineEnding(text),
    keyPaths,
    keyPathMisses: [],
    keyPathHits: new Set(),
    nested: (value) => editNested(file, value, bumps, options, depth, scope.everything),
  };
  const result: StreamResult = { text, edits: [], occurrences: [], skipped: [], handled: [] };
  for (const segment of segments) {
    const part = editSegment(ctx, text, segment);
    result.edits.push(...part.edits);
    result.occurrences.push(...part.occurrences);
    result.skipped.push(...part.skipped);
    result.handled.push(...part.handled);
  }
  if (keyPaths?.length) checkKeyPaths(ctx, keyPaths);
  if (result.edits.length > 0) {
    result.edits = orderEdits(result.edits);
    result.text = spliceEdits(text, result.edits);
  }
  return result;
}

/** A key path that resolved in no document is an error naming what is there instead. */
function checkKeyPaths(ctx: StreamContext, keyPaths: NonNullable<StreamContext['keyPaths']>) {
  const unresolved = keyPaths.filter((target) => !ctx.keyPathHits.has(target.raw));
  if (unresolved.length === 0) return;
  const why = ctx.keyPathMisses.filter((miss) =>
    unresolved.some((target) => miss.startsWith(`${target.raw}:`)),
  );
  throw new EngineError(
    `${ctx.file}: key path not found: ${why.join('; ')}. Check the path after '#'.`,
    'key-path',
  );
}

/** YAML in a block scalar, one level deeper; undefined when the block is not YAML. */
function editNested(
  file: string,
  value: string,
  bumps: readonly Bump[],
  options: EditOptions,
  depth: number,
  everything: boolean,
): StreamResult | undefined {
  try {
    return editStream(file, value, bumps, { ...options, keyPaths: [] }, depth + 1, {
      everything,
    });
  } catch (error) {
    // A block scalar that is not YAML (a shell script, a template) simply holds no image.
    if (error instanceof EngineError && error.code === 'parse') return undefined;
    throw error;
  }
}

/** Refuses what is not a YAML or JSON file, and an image given twice. */
function checkInput(file: string, text: string, bumps: readonly Bump[]): void {
  if (text.includes('\0'))
    throw new EngineError(
      `${file} is a binary file, not YAML or JSON; remove it from files.`,
      'unsupported',
    );
  const seen = new Map<string, string>();
  for (const bump of bumps) {
    const canonical = normalize(bump.image.name);
    const earlier = seen.get(canonical);
    if (earlier !== undefined) {
      throw new EngineError(
        `The image ${bump.image.name} is given twice (also as ${earlier}); give each image once.`,
        'ambiguous',
      );
    }
    seen.set(canonical, bump.image.name);
  }
}

/** Offsets of every line start: the lines the missed-place scan reads when it reads all. */
function everyLine(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/**
 * Bumps images in one file's text. Throws EngineError when the file cannot be edited safely.
 * Only the documents and lines that can name a bumped image are parsed and read; with
 * `everything`, every one is (slower; the reference that this is tested against).
 */
export function editText(input: EditInput, everything = false): EditResult {
  const { file, text, bumps } = input;
  const options = input.options ?? {};
  checkInput(file, text, bumps);
  // One scan of the text for the images' last path components serves both the documents to
  // parse and the lines to look at for missed places (with key paths, neither is needed).
  const hits = options.keyPaths?.length
    ? []
    : everything
      ? everyLine(text)
      : needleHits(text, bumps);
  let result: StreamResult;
  try {
    result = editStream(file, text, bumps, options, 0, { everything, hits });
  } catch (error) {
    if (error instanceof EngineError && error.message.startsWith('the document is nested')) {
      throw new EngineError(
        `${file}: ${error.message}; refusing it (bounded time and memory). Flatten the document.`,
        error.code,
      );
    }
    throw error;
  }
  const lines = new LineIndex(text);
  const skipped = result.skipped.map(({ offset, ...rest }) => ({
    line: lines.line(offset),
    ...rest,
  }));
  const handled = new Set(result.handled.map((offset) => lines.line(offset)));
  for (const s of skipped) handled.add(s.line);
  // A place left out by the container filter is not a miss, nor are the lines of its map.
  // With explicit key paths the user named the place; other lines are not looked at.
  const missed = options.keyPaths?.length ? [] : findMissed(text, bumps, handled, { hits, lines });
  return {
    text: result.text,
    edits: result.edits,
    occurrences: result.occurrences.map(({ offset, ...rest }) => ({
      line: lines.line(offset),
      ...rest,
    })),
    skipped,
    missed,
  };
}

/** True for a found reference that is an image, not `user: "unit:root"` or a bare digest. */
function isImageLike(name: string, key: string | number | undefined): boolean {
  if (/^(sha256|sha512|sha384)$/i.test(name)) return false;
  if (typeof key === 'string' && /image|repository|newname|package/i.test(key)) return true;
  return name.includes('/');
}

/** Every image reference in a file, for telling the user what was there when nothing matched. */
export function listImages(text: string): FoundImage[] {
  const found: FoundImage[] = [];
  const lines = new LineIndex(text);
  for (const segment of allSegments(text)) {
    const segText = text.slice(segment.start, segment.end);
    let docs: Document[];
    try {
      docs = parseStream(segText);
    } catch {
      continue;
    }
    for (const doc of docs) {
      if (doc.errors.length > 0) continue;
      for (const site of collectSites(segText, doc, () => undefined)) {
        const node = site.type === 'reference' ? site.node : site.nameNodes[0];
        const line = lines.line(segment.start + (node?.range?.[0] ?? 0));
        if (site.type === 'reference') {
          // With interpolation the positions are in the resolved reading: show the value as written.
          const value = site.resolved
            ? site.mapped.value
            : site.mapped.value.slice(site.refStart, site.refEnd);
          const key = site.path[site.path.length - 1];
          const imagePlace = site.kind !== 'reference';
          if (imagePlace || isImageLike(site.ref.name, key))
            found.push({ line, name: site.ref.name, value });
        } else {
          const name = site.names[site.names.length - 1]!;
          const tag = site.tag ? scalarText(segText, site.tag.node) : '';
          found.push({ line, name, value: tag ? `${name}:${tag}` : name });
        }
      }
    }
  }
  return found;
}
