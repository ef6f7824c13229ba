// Edits one segment of a YAML stream (one or more whole documents) in three named steps:
// parse it (strictly, or leniently for what Kubernetes accepts and strict YAML 1.2 rejects),
// plan every matched site or key path into byte edits, then apply the edits, parse again and
// verify that only the planned values changed. Each occurrence gets its own result: a place
// that cannot be bumped is recorded as skipped with its reason and never stops the others.
import { Composer, type Document, isScalar, Parser, type Scalar } from 'yaml';
import { collectSites, siteMatches, siteNodes } from './collect.js';
import { editEmbedded } from './embedded.js';
import { normalizeName, tryParseReference } from './image-ref.js';
import { type LenientText, lenientText } from './lenient.js';
import { renderTemplate, resolveKeyPath } from './locators/key-path.js';
import {
  type Expectation,
  type Plan,
  planFields,
  planReference,
  scalarText,
  setScalar,
} from './plan.js';
import { judge } from './policy.js';
import type { TextEdit } from './scalar.js';
import type { Site } from './sites.js';
import { LineIndex, type Segment } from './text.js';
import {
  type Bump,
  type EditOptions,
  EngineError,
  type KeyPathTarget,
  type Occurrence,
  type Skipped,
} from './types.js';
import { verifyDocument } from './verify.js';
import { formatPath } from './walk.js';

/** An occurrence or skip whose position is still an offset into the text it was found in. */
export type Positioned<T> = Omit<T, 'line'> & { offset: number };

/** What editing a stream (or a segment of it) produced; offsets are into its input text. */
export interface StreamResult {
  text: string;
  edits: TextEdit[];
  occurrences: Positioned<Occurrence>[];
  skipped: Positioned<Skipped>[];
  /** Offsets of the scalars of every matched site, so their lines count as handled. */
  handled: number[];
}

/** What every segment of one stream shares. */
export interface StreamContext {
  file: string;
  bumps: readonly Bump[];
  canonical: readonly string[];
  options: EditOptions;
  depth: number;
  eol: string;
  keyPaths: KeyPathTarget[] | undefined;
  keyPathMisses: string[];
  keyPathHits: Set<string>;
  /** Edits YAML held in a block scalar, one level deeper; undefined when it is not YAML. */
  nested(text: string): StreamResult | undefined;
}

/** Block scalars holding YAML (a ConfigMap's `config.yaml: |`) are searched this deep. */
export const MAX_EMBEDDING = 1;

export function parseStream(text: string): Document[] {
  try {
    const composer = new Composer({ keepSourceTokens: true, uniqueKeys: false });
    return [...composer.compose(new Parser().parse(text))];
  } catch (error) {
    if (error instanceof RangeError)
      throw new EngineError('the document is nested too deeply to parse', 'unsupported');
    throw error;
  }
}

function parseError(file: string, text: string, at: number, doc: Document): EngineError {
  const error = doc.errors[0]!;
  const offset = at + (error.pos?.[0] ?? 0);
  const lines = new LineIndex(text);
  const message = error.message.split('\n')[0];
  return new EngineError(
    `${file}:${lines.line(offset)}:${lines.column(offset)}: the YAML does not parse: ${message}. Fix the file; nothing was written.`,
    'parse',
  );
}

/**
 * The edits in the order they are made: sorted by start (the order given among equal starts),
 * an edit planned twice (two images sharing one global tag slot) once. Overlapping edits are
 * refused.
 */
export function orderEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = edits
    .map((edit, order) => ({ edit, order }))
    .sort((a, b) => a.edit.start - b.edit.start || a.order - b.order);
  const ordered: TextEdit[] = [];
  let at = 0;
  for (const { edit } of sorted) {
    const last = ordered[ordered.length - 1];
    if (last && edit.start === last.start && edit.end === last.end && edit.text === last.text)
      continue;
    if (edit.start < at)
      throw new EngineError('two edits overlap in one value; give each image once', 'unsupported');
    ordered.push(edit);
    at = edit.end;
  }
  return ordered;
}

/** Makes the edits (ordered by orderEdits) in the text. */
export function spliceEdits(text: string, ordered: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const edit of ordered) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/**
 * True when the edits (ordered by orderEdits) change the text. Only the span from the first
 * edit to the end of the last is compared: comparing two whole texts of the same length would
 * first copy the edited one (a rope of slices) into one piece, a second copy of a large file.
 */
export function changesText(text: string, ordered: readonly TextEdit[]): boolean {
  const first = ordered[0];
  const last = ordered[ordered.length - 1];
  if (!first || !last) return false;
  const span = text.slice(first.start, last.end);
  const local = ordered.map((e) => ({
    ...e,
    start: e.start - first.start,
    end: e.end - first.start,
  }));
  return spliceEdits(span, local) !== span;
}

/** Makes the edits, in any order, in the text. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return spliceEdits(text, orderEdits(edits));
}

/** Refuses a document whose aliases expand exponentially (the yaml library's own guard). */
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

/** The segment parsed: strictly, or in the lenient reading when only that one parses. */
function parseSegment(
  file: string,
  text: string,
  segment: Segment,
): { text: string; docs: Document[]; lenient?: LenientText } {
  const segText = text.slice(segment.start, segment.end);
  const docs = parseStream(segText);
  const failed = docs.find((doc) => doc.errors.length > 0);
  if (!failed) return { text: segText, docs };
  const lenient = lenientText(segText);
  const lenientDocs = lenient ? parseStream(lenient.text) : [];
  if (!lenient || lenientDocs.some((doc) => doc.errors.length > 0))
    throw parseError(file, text, segment.start, failed);
  return { text: lenient.text, docs: lenientDocs, lenient };
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

/** The plans of one segment: edits, what each document must then hold, and the report. */
class SegmentWork {
  readonly edits: TextEdit[] = [];
  readonly expectations: Expectation[][];
  readonly occurrences: Positioned<Occurrence>[] = [];
  readonly skipped: Positioned<Skipped>[] = [];
  readonly handled: number[] = [];

  constructor(
    docs: number,
    private readonly options: EditOptions,
  ) {
    this.expectations = Array.from({ length: docs }, () => []);
  }

  record(docIndex: number, plan: Plan, image: string, path: string, kind: Occurrence['kind']) {
    const offset = plan.at;
    if (plan.skip) {
      this.skipped.push({ offset, path, image, reason: plan.skip });
      return;
    }
    const policy = this.options.policy;
    const verdict = policy
      ? judge(judgedValue(kind, plan.from), judgedValue(kind, plan.to), policy)
      : undefined;
    const refused = verdict?.decision === 'skipped';
    if (!refused) {
      this.edits.push(...plan.edits);
      this.expectations[docIndex]!.push(...plan.expectations);
    }
    this.occurrences.push({
      offset,
      path,
      kind,
      image,
      from: plan.from,
      to: plan.to,
      // Refused by the version policy: reported, never written.
      changed: !refused && plan.from !== plan.to,
      notes: plan.notes,
      ...(verdict && { verdict }),
    });
  }
}

/** Plans the explicit key paths of a document (FILE#KEYPATH). */
function planKeyPaths(
  ctx: StreamContext,
  text: string,
  doc: Document,
  docIndex: number,
  work: SegmentWork,
) {
  for (const target of ctx.keyPaths ?? []) {
    const resolved = resolveKeyPath(doc, target);
    if ('missing' in resolved) {
      ctx.keyPathMisses.push(`${target.raw}: ${resolved.missing}`);
      continue;
    }
    ctx.keyPathHits.add(target.raw);
    const current = resolved.value ? scalarText(text, resolved.value) : '';
    const bump = pickBump(ctx, current, target.raw);
    const to = renderTemplate(target.template, {
      name: bump.image.name,
      ...(bump.tag !== undefined && { tag: bump.tag }),
      ...(bump.digest !== undefined && { digest: bump.digest }),
    });
    const at = resolved.value?.range?.[0] ?? 0;
    const plan: Plan = { edits: [], expectations: [], from: current, to, notes: [], at };
    if (current !== to) {
      const node = resolved.value ?? (resolved.pair.value as Scalar | null);
      const edit = node && isScalar(node) ? setScalar(text, node, to, plan.notes) : undefined;
      if (!edit) plan.skip = `the value at ${target.raw} cannot be edited in place`;
      else {
        plan.edits.push(edit);
        plan.expectations.push({ path: resolved.path, set: to });
        planSiblingDigest(text, resolved, bump, plan);
      }
    }
    if (resolved.value) work.handled.push(resolved.value.range?.[0] ?? 0);
    work.record(docIndex, plan, bump.image.name, formatPath(resolved.path), 'key-path');
  }
}

/**
 * A key path that ends in a tag key beside a `digest:` key: the old digest would keep the old
 * image deploying, so it gets the bump's digest, or is emptied (with a note).
 */
function planSiblingDigest(
  text: string,
  resolved: Extract<ReturnType<typeof resolveKeyPath>, { pair: unknown }>,
  bump: Bump,
  plan: Plan,
): void {
  const last = resolved.path[resolved.path.length - 1];
  if (!resolved.map || last === 'digest' || last === 'sha') return;
  for (const key of ['digest', 'sha']) {
    const pair = resolved.map.items.find((p) => isScalar(p.key) && p.key.value === key);
    const node = pair && isScalar(pair.value) ? (pair.value as Scalar) : undefined;
    if (!node?.value) continue;
    const current = scalarText(text, node);
    const want = bump.digest
      ? key === 'sha'
        ? bump.digest.replace(/^sha256:/, '')
        : bump.digest
      : '';
    if (want === current) return;
    const edit = setScalar(text, node, want, plan.notes);
    if (!edit) {
      plan.edits.length = 0;
      plan.skip = `the ${key} beside ${formatPath(resolved.path)} cannot be edited in place; it would keep the old image deploying`;
      return;
    }
    plan.edits.push(edit);
    plan.expectations.push({ path: [...resolved.path.slice(0, -1), key], set: want });
    plan.notes.push(
      want
        ? `set ${key} to the new digest`
        : `emptied ${key} ${current}: it would keep deploying the old image beside the new tag`,
    );
    return;
  }
}

/** The bump a key path belongs to: the one its current value names, or the only one. */
function pickBump(ctx: StreamContext, current: string, raw: string): Bump {
  const { bumps, canonical, file } = ctx;
  const named = canonical.indexOf(normalizeName(current.split(/[:@]/)[0] ?? ''));
  if (named >= 0) return bumps[named]!;
  if (bumps.length === 1) return bumps[0]!;
  throw new EngineError(
    `${file}#${raw}: the key does not name an image, and ${bumps.length} images are being bumped; list this file once per image, each with its own image, so it is clear which tag goes here.`,
    'ambiguous',
  );
}

/** Plans every site of a document that matches a bump. */
function planSites(
  ctx: StreamContext,
  text: string,
  doc: Document,
  docIndex: number,
  work: SegmentWork,
) {
  const sites = collectSites(text, doc, (node, path) => {
    if (ctx.depth >= MAX_EMBEDDING || typeof node.value !== 'string' || !node.value.includes(':'))
      return;
    const inner = editEmbedded(text, node, ctx.nested);
    if (!inner) return;
    work.occurrences.push(...inner.occurrences);
    work.skipped.push(...inner.skipped);
    work.handled.push(...inner.handled);
    if (inner.edits.length > 0) {
      work.edits.push(...inner.edits);
      work.expectations[docIndex]!.push({ path, set: inner.value });
    }
  });
  for (const site of sites) {
    ctx.bumps.forEach((bump, index) => {
      if (!siteMatches(site, ctx.canonical[index]!)) return;
      for (const node of siteNodes(site)) work.handled.push(node.range?.[0] ?? 0);
      // A value below its key (`args: >-`, a quoted value continued on the next line): the
      // lines its characters sit on are handled too, not only the line the scalar starts on.
      if (site.type === 'reference' && site.mapped.value.length > 0) {
        const { offsets, value } = site.mapped;
        work.handled.push(offsets[0]!, offsets[value.length - 1]!);
      }
      planSite(ctx, text, site, bump, docIndex, work);
    });
  }
}

function planSite(
  ctx: StreamContext,
  text: string,
  site: Site,
  bump: Bump,
  docIndex: number,
  work: SegmentWork,
) {
  const path = formatPath(site.path);
  const wanted = ctx.options.container;
  const merged = site.type === 'reference' && site.mergedInto?.includes(wanted ?? '');
  if (wanted !== undefined && site.container !== wanted && !merged) {
    const node = site.type === 'reference' ? site.node : site.nameNodes[0];
    work.skipped.push({
      offset: node?.range?.[0] ?? 0,
      path,
      image: bump.image.name,
      reason:
        site.container === undefined
          ? `not in a container named '${wanted}'`
          : `container '${site.container}' is not '${wanted}'`,
      filtered: true,
    });
    return;
  }
  const plan =
    site.type === 'reference'
      ? planReference(text, site, bump, ctx.options)
      : planFields(text, site, bump, ctx.options, ctx.eol);
  work.record(docIndex, plan, bump.image.name, path, site.kind);
}

/** Applies the edits to the segment, parses it again and verifies every document. */
function verifySegment(
  ctx: StreamContext,
  original: string,
  parsed: { docs: Document[]; lenient?: LenientText },
  edits: TextEdit[],
  work: SegmentWork,
): void {
  const edited = applyEdits(original, edits);
  const reading = parsed.lenient ? (lenientText(edited)?.text ?? edited) : edited;
  const reparsed = parseStream(reading);
  if (reparsed.length !== parsed.docs.length || reparsed.some((doc) => doc.errors.length > 0)) {
    throw new EngineError(
      `Refusing to write ${ctx.file}: the edited document no longer parses. This is a bug in gitops-bump; the file was left as it was.`,
      'verify',
    );
  }
  parsed.docs.forEach((doc, index) => {
    verifyDocument(doc.contents, reparsed[index]!.contents, work.expectations[index]!);
  });
}

/** Edits one segment; the result's offsets are into the whole text. */
export function editSegment(ctx: StreamContext, text: string, segment: Segment): StreamResult {
  const parsed = parseSegment(ctx.file, text, segment);
  const work = new SegmentWork(parsed.docs.length, ctx.options);
  parsed.docs.forEach((doc, docIndex) => {
    // Aliases need anchors: only documents with both can expand.
    if (parsed.text.includes('&') && parsed.text.includes('*')) refuseAliasBomb(ctx.file, doc);
    if (ctx.keyPaths?.length) planKeyPaths(ctx, parsed.text, doc, docIndex, work);
    else planSites(ctx, parsed.text, doc, docIndex, work);
  });
  // Offsets in the parsed reading back to the segment's own bytes, then to the whole text.
  const back = (offset: number): number =>
    segment.start + (parsed.lenient ? parsed.lenient.toOriginal(offset) : offset);
  const original = text.slice(segment.start, segment.end);
  const local = work.edits.map((e) => ({
    start: back(e.start) - segment.start,
    end: back(e.end) - segment.start,
    text: e.text,
  }));
  if (local.length > 0) verifySegment(ctx, original, parsed, local, work);
  return {
    text,
    edits: local.map((e) => ({ ...e, start: e.start + segment.start, end: e.end + segment.start })),
    occurrences: work.occurrences.map((o) => ({ ...o, offset: back(o.offset) })),
    skipped: work.skipped.map((s) => ({ ...s, offset: back(s.offset) })),
    handled: work.handled.map(back),
  };
}
