// The engine's entry point: text and bumps in, new text and a change list out. No I/O.
//
// 1. Cut the stream into documents and parse only those that contain the image's last path
//    component (every spelling of the image does), so a 10 MB manifest costs one small parse.
// 2. Walk each parsed document; the locators report sites (reference strings and key-based
//    mappings); sites are matched to bumps by canonical image name.
// 3. Plan byte edits per site, apply them, parse the edited documents again and verify that
//    only the planned values changed. Any doubt refuses the whole file.
import { Composer, type Document, isScalar, Parser, type Scalar } from 'yaml';
import { normalizeName as normalize, shortName, tryParseReference } from './image-ref.js';
import { argocdParameterSites } from './locators/argocd.js';
import { helmValuesSite } from './locators/helm-values.js';
import { renderTemplate, resolveKeyPath } from './locators/key-path.js';
import { kustomizeSite } from './locators/kustomize.js';
import { referenceSite } from './locators/references.js';
import {
  type Expectation,
  type Plan,
  planFields,
  planReference,
  scalarText,
  setScalar,
} from './plan.js';
import { judge } from './policy.js';
import { mapScalar, type TextEdit } from './scalar.js';
import type { Site } from './sites.js';
import { allSegments, LineIndex, lineEnding, type Segment, segmentsContaining } from './text.js';
import {
  type Bump,
  type EditOptions,
  type EditResult,
  EngineError,
  type FoundImage,
  type Occurrence,
  type Skipped,
} from './types.js';
import { verifyDocument } from './verify.js';
import { formatPath, walk } from './walk.js';

/** What editText needs: the file's name (for messages), its text and the bumps. */
export interface EditInput {
  file: string;
  text: string;
  bumps: readonly Bump[];
  options?: EditOptions;
}

/** An occurrence or skip whose position is still an offset into the text it was found in. */
type Positioned<T> = Omit<T, 'line'> & { offset: number };

interface StreamResult {
  text: string;
  occurrences: Positioned<Occurrence>[];
  skipped: Positioned<Skipped>[];
}

/** Block scalars holding YAML (a ConfigMap's `config.yaml: |`) are searched this deep. */
const MAX_EMBEDDING = 1;

function parseStream(text: string): Document[] {
  try {
    const composer = new Composer({ keepSourceTokens: true, uniqueKeys: false });
    return [...composer.compose(new Parser().parse(text))];
  } catch (error) {
    if (error instanceof RangeError)
      throw new EngineError('the document is nested too deeply to parse', 'unsupported');
    throw error;
  }
}

function parseError(file: string, text: string, segment: Segment, doc: Document): EngineError {
  const error = doc.errors[0]!;
  const offset = segment.start + (error.pos?.[0] ?? 0);
  const lines = new LineIndex(text);
  const message = error.message.split('\n')[0];
  return new EngineError(
    `${file}:${lines.line(offset)}:${lines.column(offset)}: the YAML does not parse: ${message}. Fix the file; nothing was written.`,
    'parse',
  );
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.start - b.edit.start || a.order - b.order);
  let out = '';
  let at = 0;
  for (const { edit } of sorted) {
    if (edit.start < at)
      throw new EngineError('two edits overlap in one value; give each image once', 'unsupported');
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** Collects every site of a document, reference strings in key-based mappings left out. */
function collectSites(
  text: string,
  doc: Document,
  embedded: (node: Scalar, path: readonly (string | number)[]) => void,
): Site[] {
  const sites: Site[] = [];
  const claimed = new Set<Scalar>();
  const claim = (site: Site): void => {
    if (site.type !== 'fields') return;
    for (const node of site.nameNodes) claimed.add(node);
    if (site.tag) claimed.add(site.tag.node);
    if (site.digest) claimed.add(site.digest.node);
  };
  walk(doc.contents, {
    map(visit) {
      const site = kustomizeSite(visit) ?? helmValuesSite(visit);
      if (site) {
        claim(site);
        sites.push(site);
      }
    },
    seq(visit) {
      for (const site of argocdParameterSites(visit)) {
        claim(site);
        sites.push(site);
      }
    },
    scalar(visit) {
      if (claimed.has(visit.node)) return;
      if (visit.node.type === 'BLOCK_LITERAL') {
        embedded(visit.node, visit.path);
        return;
      }
      const site = referenceSite(text, visit);
      if (site) sites.push(site);
    },
  });
  return sites;
}

function siteNames(site: Site): string[] {
  if (site.type === 'fields') return site.names;
  return site.alias !== undefined ? [site.ref.name, site.alias] : [site.ref.name];
}

function matches(site: Site, canonical: string): boolean {
  return siteNames(site).some((name) => normalize(name) === canonical);
}

/** Edits a YAML stream; offsets in the result are relative to `text`. */
function editStream(
  file: string,
  text: string,
  bumps: readonly Bump[],
  options: EditOptions,
  depth: number,
): StreamResult {
  const keyPaths = depth === 0 ? options.keyPaths : undefined;
  const segments = keyPaths?.length
    ? allSegments(text)
    : segmentsContaining(
        text,
        bumps.map((b) => shortName(b.image)),
      );
  const canonical = bumps.map((bump) => normalize(bump.image.name));
  const eol = lineEnding(text);
  const occurrences: Positioned<Occurrence>[] = [];
  const skipped: Positioned<Skipped>[] = [];
  const allEdits: TextEdit[] = [];
  const keyPathMisses: string[] = [];
  const keyPathHits = new Set<string>();

  for (const segment of segments) {
    const segText = text.slice(segment.start, segment.end);
    const docs = parseStream(segText);
    const edits: TextEdit[] = [];
    const expectations: Expectation[][] = docs.map(() => []);
    const record = (
      docIndex: number,
      plan: Plan,
      image: string,
      path: string,
      kind: Occurrence['kind'],
    ): void => {
      const offset = segment.start + plan.at;
      if (plan.skip) {
        skipped.push({ offset, path, image, reason: plan.skip });
        return;
      }
      const verdict = options.policy
        ? judge(judgedValue(kind, plan.from), judgedValue(kind, plan.to), options.policy)
        : undefined;
      if (verdict?.decision === 'skipped') {
        // Refused by the version policy: reported, never written.
        occurrences.push({
          offset,
          path,
          kind,
          image,
          from: plan.from,
          to: plan.to,
          changed: false,
          notes: plan.notes,
          verdict,
        });
        return;
      }
      edits.push(...plan.edits);
      expectations[docIndex]!.push(...plan.expectations);
      occurrences.push({
        offset,
        path,
        kind,
        image,
        from: plan.from,
        to: plan.to,
        changed: plan.from !== plan.to,
        notes: plan.notes,
        ...(verdict && { verdict }),
      });
    };

    docs.forEach((doc, docIndex) => {
      if (doc.errors.length > 0) throw parseError(file, text, segment, doc);
      // Aliases need anchors: only documents with both can expand.
      if (segText.includes('&') && segText.includes('*')) refuseAliasBomb(file, doc);
      if (keyPaths?.length) {
        for (const target of keyPaths) {
          const resolved = resolveKeyPath(doc, target);
          if ('missing' in resolved) {
            keyPathMisses.push(`${target.raw}: ${resolved.missing}`);
            continue;
          }
          keyPathHits.add(target.raw);
          const current = resolved.value ? scalarText(segText, resolved.value) : '';
          const bump = pickBump(bumps, canonical, current, target.raw, file);
          const to = renderTemplate(target.template, {
            name: bump.image.name,
            ...(bump.tag !== undefined && { tag: bump.tag }),
            ...(bump.digest !== undefined && { digest: bump.digest }),
          });
          const plan: Plan = {
            edits: [],
            expectations: [],
            from: current,
            to,
            notes: [],
            at: resolved.value?.range?.[0] ?? 0,
          };
          if (current !== to) {
            const node = resolved.value ?? (resolved.pair.value as Scalar | null);
            const edit =
              node && isScalar(node) ? setScalar(segText, node, to, plan.notes) : undefined;
            if (!edit) plan.skip = `the value at ${target.raw} cannot be edited in place`;
            else {
              plan.edits.push(edit);
              plan.expectations.push({ path: resolved.path, set: to });
            }
          }
          record(docIndex, plan, bump.image.name, formatPath(resolved.path), 'key-path');
        }
        return;
      }

      const sites = collectSites(segText, doc, (node, path) => {
        if (depth >= MAX_EMBEDDING || typeof node.value !== 'string' || !node.value.includes(':'))
          return;
        const inner = editEmbedded(file, segText, node, bumps, options, depth);
        if (!inner) return;
        for (const occurrence of inner.occurrences)
          occurrences.push({ ...occurrence, offset: segment.start + occurrence.offset });
        for (const skip of inner.skipped)
          skipped.push({ ...skip, offset: segment.start + skip.offset });
        if (inner.edits.length > 0) {
          edits.push(...inner.edits);
          expectations[docIndex]!.push({ path, set: inner.value });
        }
      });
      for (const site of sites) {
        bumps.forEach((bump, index) => {
          if (!matches(site, canonical[index]!)) return;
          const path = formatPath(site.path);
          const container = site.container;
          if (options.container !== undefined && container !== options.container) {
            const offset =
              segment.start +
              (site.type === 'reference'
                ? (site.node.range?.[0] ?? 0)
                : (site.nameNodes[0]?.range?.[0] ?? 0));
            skipped.push({
              offset,
              path,
              image: bump.image.name,
              reason:
                container === undefined
                  ? `not in a container named '${options.container}'`
                  : `container '${container}' is not '${options.container}'`,
            });
            return;
          }
          const plan =
            site.type === 'reference'
              ? planReference(segText, site, bump, options)
              : planFields(segText, site, bump, options, eol);
          record(docIndex, plan, bump.image.name, path, site.kind);
        });
      }
    });

    if (edits.length === 0) continue;
    const newSegment = applyEdits(segText, edits);
    const reparsed = parseStream(newSegment);
    if (reparsed.length !== docs.length || reparsed.some((doc) => doc.errors.length > 0)) {
      throw new EngineError(
        `Refusing to write ${file}: the edited document no longer parses. This is a bug in gitops-bump; the file was left as it was.`,
        'verify',
      );
    }
    docs.forEach((doc, index) => {
      verifyDocument(doc.contents, reparsed[index]!.contents, expectations[index]!);
    });
    for (const edit of edits)
      allEdits.push({
        start: segment.start + edit.start,
        end: segment.start + edit.end,
        text: edit.text,
      });
  }

  if (keyPaths?.length) {
    const unresolved = keyPaths.filter((target) => !keyPathHits.has(target.raw));
    if (unresolved.length > 0) {
      const why = keyPathMisses.filter((miss) =>
        unresolved.some((target) => miss.startsWith(`${target.raw}:`)),
      );
      throw new EngineError(
        `${file}: key path not found: ${why.join('; ')}. Check the path after '#'.`,
        'key-path',
      );
    }
  }
  return { text: allEdits.length > 0 ? applyEdits(text, allEdits) : text, occurrences, skipped };
}

/**
 * Refuses a document whose aliases expand exponentially (a "billion laughs" alias bomb), by the
 * yaml library's own guard: the same limit `yaml.parse` applies, so any file that ordinary YAML
 * tools read passes. The engine itself never expands aliases.
 */
function refuseAliasBomb(file: string, doc: Document): void {
  try {
    doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      throw new EngineError(
        `${file}: refusing a document whose aliases expand exponentially (an alias bomb: ${error.message}); remove the nested aliases.`,
        'unsupported',
      );
    }
  }
}

/**
 * The version the policy judges: the value itself, except for a key path written from a template
 * such as `{{image}}`, whose tag (and digest) is taken from the reference it holds.
 */
function judgedValue(kind: Occurrence['kind'], value: string): string {
  if (kind !== 'key-path' || !/[/:@]/.test(value)) return value;
  const ref = tryParseReference(value);
  if (!ref || (ref.tag === undefined && ref.digest === undefined)) return value;
  return `${ref.tag ?? ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** Edits YAML held in a literal block scalar, mapping its edits back onto the outer text. */
function editEmbedded(
  file: string,
  text: string,
  node: Scalar,
  bumps: readonly Bump[],
  options: EditOptions,
  depth: number,
):
  | {
      edits: TextEdit[];
      value: string;
      occurrences: Positioned<Occurrence>[];
      skipped: Positioned<Skipped>[];
    }
  | undefined {
  const mapped = mapScalar(text, node);
  if (!mapped) return undefined;
  let inner: StreamResult;
  try {
    inner = editStream(file, mapped.value, bumps, { ...options, keyPaths: [] }, depth + 1);
  } catch (error) {
    // A block scalar that is not YAML (a shell script, a template) simply holds no image.
    if (error instanceof EngineError && error.code === 'parse') return undefined;
    throw error;
  }
  const toOuter = (offset: number): number => mapped.offsets[offset] ?? mapped.end;
  const changed = inner.occurrences.filter((o) => o.changed);
  const edits: TextEdit[] = [];
  if (changed.length > 0) {
    // Re-derive the inner edits as a diff of the inner text: every change is within a line.
    const innerEdits = diffEdits(mapped.value, inner.text);
    for (const edit of innerEdits) {
      const start = toOuter(edit.start);
      const end = toOuter(edit.end);
      if (end - start !== edit.end - edit.start || /[\r\n]/.test(edit.text)) {
        return {
          edits: [],
          value: mapped.value,
          occurrences: [],
          skipped: changed.map((o) => ({
            offset: toOuter(o.offset),
            path: o.path,
            image: o.image,
            reason: 'the change inside this block scalar would span lines',
          })),
        };
      }
      edits.push({ start, end, text: edit.text });
    }
  }
  return {
    edits,
    value: inner.text,
    occurrences: inner.occurrences.map((o) => ({ ...o, offset: toOuter(o.offset) })),
    skipped: inner.skipped.map((s) => ({ ...s, offset: toOuter(s.offset) })),
  };
}

/** The minimal single-line edits that turn `before` into `after`, line by line. */
function diffEdits(before: string, after: string): TextEdit[] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length !== b.length) return [{ start: 0, end: before.length, text: after }];
  const edits: TextEdit[] = [];
  let offset = 0;
  a.forEach((line, index) => {
    const other = b[index]!;
    if (line !== other) {
      let prefix = 0;
      while (prefix < line.length && prefix < other.length && line[prefix] === other[prefix])
        prefix++;
      let suffix = 0;
      while (
        suffix < line.length - prefix &&
        suffix < other.length - prefix &&
        line[line.length - 1 - suffix] === other[other.length - 1 - suffix]
      )
        suffix++;
      edits.push({
        start: offset + prefix,
        end: offset + line.length - suffix,
        text: other.slice(prefix, other.length - suffix),
      });
    }
    offset += line.length + 1;
  });
  return edits;
}

/** The bump a key path belongs to: the one its current value names, or the only one. */
function pickBump(
  bumps: readonly Bump[],
  canonical: readonly string[],
  current: string,
  raw: string,
  file: string,
): Bump {
  const named = bumps.findIndex(
    (_bump, index) => normalize(current.split(/[:@]/)[0] ?? '') === canonical[index],
  );
  if (named >= 0) return bumps[named]!;
  if (bumps.length === 1) return bumps[0]!;
  throw new EngineError(
    `${file}#${raw}: the key does not name an image, and ${bumps.length} images are being bumped; list this file once per image, each with its own image, so it is clear which tag goes here.`,
    'ambiguous',
  );
}

/** Bumps images in one file's text. Throws EngineError when the file cannot be edited safely. */
export function editText(input: EditInput): EditResult {
  const { file, text, bumps } = input;
  const options = input.options ?? {};
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
  let result: StreamResult;
  try {
    result = editStream(file, text, bumps, options, 0);
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
  return {
    text: result.text,
    occurrences: result.occurrences.map(({ offset, ...rest }) => ({
      line: lines.line(offset),
      ...rest,
    })),
    skipped: result.skipped.map(({ offset, ...rest }) => ({ line: lines.line(offset), ...rest })),
  };
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
        if (site.type === 'reference')
          found.push({
            line,
            name: site.ref.name,
            value: site.mapped.value.slice(site.refStart, site.refEnd),
          });
        else {
          const name = site.names[site.names.length - 1]!;
          const tag = site.tag ? scalarText(segText, site.tag.node) : '';
          found.push({ line, name, value: tag ? `${name}:${tag}` : name });
        }
      }
    }
  }
  return found;
}
