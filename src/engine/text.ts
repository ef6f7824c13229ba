// Plain-text helpers: line numbers, line endings, and cutting a YAML stream into documents
// without parsing it, so that only documents that can hold the image are parsed at all.

/** Line breaks between two checkpoints of a LineIndex: a backward question counts at most this many. */
const CHECKPOINT_LINES = 1024;

/**
 * Maps offsets to 1-based line and column numbers. Lines are counted on demand, only as far into
 * the text as the offsets asked about, and only a checkpoint every CHECKPOINT_LINES lines is
 * kept: naming the line of one edit in a 10 MB manifest counts that far once and keeps a few
 * hundred numbers, not one per line. The last line answered is kept too: the questions about
 * one document (its edits, its handled and missed lines) count only the lines between them.
 */
export class LineIndex {
  /** Offsets of the starts of lines 1, 1 + CHECKPOINT_LINES, 1 + 2 * CHECKPOINT_LINES, … */
  private readonly checkpoints = [0];
  /** The furthest line start counted so far, and its 0-based line. */
  private frontier = 0;
  private frontierLine = 0;
  /** The start of the line of the last answer behind the frontier, and its 0-based line. */
  private cursor = 0;
  private cursorLine = 0;

  constructor(private readonly text: string) {}

  /** 1-based line of an offset. */
  line(offset: number): number {
    if (offset >= this.frontier) return this.advance(offset) + 1;
    // Behind the frontier: count from the nearest checkpoint at or before the offset…
    let lo = 0;
    let hi = this.checkpoints.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.checkpoints[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    let start = this.checkpoints[lo] ?? 0;
    let line = lo * CHECKPOINT_LINES;
    // …or on from the last answer, when that is nearer…
    if (this.cursor <= offset && this.cursor > start) {
      start = this.cursor;
      line = this.cursorLine;
    }
    // …or back from the last answer or the frontier after it, when that is nearer still.
    const ahead = this.cursor > offset ? this.cursor : this.frontier;
    if (ahead - offset < offset - start) {
      const aheadLine = this.cursor > offset ? this.cursorLine : this.frontierLine;
      start = lineStart(this.text, offset);
      line = aheadLine - this.breaks(start, ahead);
    }
    for (let at = this.text.indexOf('\n', start); at >= 0 && at < offset; ) {
      line++;
      start = at + 1;
      at = this.text.indexOf('\n', start);
    }
    this.cursor = start;
    this.cursorLine = line;
    return line + 1;
  }

  /** Line breaks in [from, to). */
  private breaks(from: number, to: number): number {
    let count = 0;
    for (
      let at = this.text.indexOf('\n', from);
      at >= 0 && at < to;
      at = this.text.indexOf('\n', at + 1)
    )
      count++;
    return count;
  }

  /** 1-based column of an offset. */
  column(offset: number): number {
    return offset - lineStart(this.text, offset) + 1;
  }

  /** Counts lines from the frontier up to `offset`, recording checkpoints; the 0-based line. */
  private advance(offset: number): number {
    const { text } = this;
    let line = this.frontierLine;
    let start = this.frontier;
    let at = text.indexOf('\n', start);
    while (at >= 0 && at < offset) {
      line++;
      start = at + 1;
      if (line % CHECKPOINT_LINES === 0) this.checkpoints.push(start);
      at = text.indexOf('\n', start);
    }
    this.frontier = start;
    this.frontierLine = line;
    return line;
  }
}

/** Characters of the text's start whose frequencies pick the piece of a needle to search for. */
const SAMPLE_CHARS = 4096;
/** Length of that piece: V8 searches a pattern this short by scanning for its first character. */
const PROBE_CHARS = 6;

/**
 * The piece of `needle` to search the text for: up to PROBE_CHARS characters from its rarest
 * character in a sample of the text, and where that piece starts in the needle. A whole name
 * such as `service-4242` is slow to search where `service-` is everywhere; `4242` is not.
 */
function probeFor(text: string, needle: string): { probe: string; shift: number } {
  const counts = new Uint32Array(256);
  const end = Math.min(text.length, SAMPLE_CHARS);
  for (let i = 0; i < end; i++) counts[text.charCodeAt(i) & 255]!++;
  let best = 0;
  for (let i = 1; i < needle.length; i++) {
    if (counts[needle.charCodeAt(i) & 255]! < counts[needle.charCodeAt(best) & 255]!) best = i;
  }
  return { probe: needle.slice(best, best + PROBE_CHARS), shift: best };
}

/** Sorted offsets of every occurrence of the needles in the text (empty needles are ignored). */
export function findAll(text: string, needles: readonly string[]): number[] {
  const hits: number[] = [];
  for (const needle of new Set(needles)) {
    if (needle.length === 0) continue;
    // Every occurrence holds the probe at `shift`; each probe hit is checked against the needle.
    const { probe, shift } = probeFor(text, needle);
    let at = text.indexOf(probe, shift);
    while (at >= 0) {
      const start = at - shift;
      if (text.startsWith(needle, start)) {
        hits.push(start);
        at = text.indexOf(probe, start + needle.length + shift);
      } else at = text.indexOf(probe, at + 1);
    }
  }
  return hits.sort((a, b) => a - b);
}

/** A character that continues a path component (`app` in `apps`, `app_2`, `app.io`, `app-x`). */
function continuesName(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 57) || // 0-9
    code === 95 || // _
    code === 46 || // .
    code === 45 // -
  );
}

/**
 * True when the name at [start, end) can be the last path component of an image reference. Not
 * after a letter, digit, `_` or `.` (`xapp`, `my.app`); a dash before it may end an
 * interpolation's default marker (`${IMAGE:-app:1.0}`, `${IMAGE-app}`), so it is kept. Not
 * before another component (`/`) nor before what continues it (`apps`, `app.kubernetes.io`,
 * `app-exporter`), except trailing dots and dashes, which a reference read from prose drops.
 */
function standsAsLastComponent(text: string, start: number, end: number): boolean {
  const before = start > 0 ? text.charCodeAt(start - 1) : 32;
  if (before !== 45 && continuesName(before)) return false; // 45: -
  let at = end;
  while (at < text.length && (text[at] === '.' || text[at] === '-')) at++;
  if (at >= text.length) return true;
  const next = text.charCodeAt(at);
  return next !== 47 && !continuesName(next); // 47: /
}

/**
 * Sorted offsets of every place where one of the names (the last path components of images)
 * stands as the last component of a name: `app` in `ghcr.io/org/app:1.0`, `app`, `org/app@…`
 * and `app.` but not in `apps/v1`, `app.kubernetes.io/name`, `myapp` or `app-exporter`. Every
 * spelling of an image holds its last component so, which is what lets the engine leave every
 * other document and line alone.
 */
export function findNames(text: string, names: readonly string[]): number[] {
  const hits = findAll(text, names);
  // An occurrence starting inside another follows a character of the name, so is no place of
  // its own: the non-overlapping hits of findAll are all there is to check.
  return hits.filter((at) =>
    names.some(
      (name) =>
        name.length > 0 &&
        text.startsWith(name, at) &&
        standsAsLastComponent(text, at, at + name.length),
    ),
  );
}

/** A character of an image reference: a name's, a tag's or a digest's (`/`, `:`, `@` too). */
function inReference(code: number): boolean {
  return continuesName(code) || code === 47 || code === 58 || code === 64; // / : @
}

/** The first character after the line break at `at` and the next line's indentation. */
function afterBreak(text: string, at: number): number {
  let next = text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
  while (text.charCodeAt(next) === 32 || text.charCodeAt(next) === 9) next++;
  return text.charCodeAt(next);
}

/**
 * Sorted offsets of the escapes that can write a name's characters without the name standing in
 * the text as written: `\x`, `\u` and `\U` (a character by its code: `"ghcr.io/org/\x61pp"`,
 * JSON's `\u0061` in a string), and a backslash before a line break (which joins two lines of a
 * double-quoted scalar without a space) between two characters of a reference (`ap\` then `p`),
 * or before another such line (`a\`, a line holding only `\`, then `pp`). A shell line's
 * `foo \` is not one. Read wherever they stand, in quotes or not: a document holding one is
 * looked at, so that it is never left out.
 */
export function hidingEscapes(text: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf('\\'); at >= 0; at = text.indexOf('\\', at + 1)) {
    const next = text.charCodeAt(at + 1);
    if (next === 120 || next === 117 || next === 85)
      found.push(at); // x u U
    else if ((next === 10 || next === 13) && inReference(text.charCodeAt(at - 1))) {
      const then = afterBreak(text, at + 1);
      if (inReference(then) || then === 92) found.push(at); // 92: a backslash
    }
  }
  return found;
}

/** The line ending a file uses (CRLF when its first line break is one). */
export function lineEnding(text: string): string {
  const at = text.indexOf('\n');
  return at > 0 && text[at - 1] === '\r' ? '\r\n' : '\n';
}

/** Offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  // lastIndexOf reads a negative position as 0, which would find a line break at offset 0.
  return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the line break ending the line holding `offset` (text length at the end). */
export function nextLineStart(text: string, offset: number): number {
  const at = text.indexOf('\n', offset);
  return at < 0 ? text.length : at + 1;
}

/** A slice of a YAML stream that parses on its own: one or more whole documents. */
export interface Segment {
  start: number;
  end: number;
}

/** True when a document marker (`---` or `...`) starts at `at`, which must be a line start. */
function isMarkerAt(text: string, at: number, marker: '---' | '...'): boolean {
  if (!text.startsWith(marker, at)) return false;
  const next = text[at + 3];
  return next === undefined || next === ' ' || next === '\t' || next === '\r' || next === '\n';
}

/** Start of the document that begins at the `---` line at `at`, taking in its directives. */
function withDirectives(text: string, at: number): number {
  let start = at;
  while (start > 0) {
    const prev = lineStart(text, start - 1);
    if (text[prev] !== '%') break;
    start = prev;
  }
  return start;
}

/** Start of the segment that holds `offset`: the nearest `---` line at or before it. */
function segmentStart(text: string, offset: number): number {
  let at = lineStart(text, offset);
  for (;;) {
    if (isMarkerAt(text, at, '---')) return withDirectives(text, at);
    if (at === 0) return 0;
    const found = text.lastIndexOf('\n---', at - 2);
    if (found < 0) return 0;
    at = found + 1;
  }
}

/** End of the segment that holds `offset`: the next `---` line after it, or the text's end. */
function segmentEnd(text: string, offset: number): number {
  let from = offset;
  for (;;) {
    const found = text.indexOf('\n---', from);
    if (found < 0) return text.length;
    if (isMarkerAt(text, found + 1, '---')) return withDirectives(text, found + 1);
    from = found + 1;
  }
}

/** Offset past the segment's own directives and `---` marker, where its next one is looked for. */
function bodyStart(text: string, start: number): number {
  let at = start;
  while (text[at] === '%') at = nextLineStart(text, at);
  return isMarkerAt(text, at, '---') ? at + 3 : start;
}

/** Every document of the stream as its own segment. */
export function allSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  for (;;) {
    let end = segmentEnd(text, bodyStart(text, start));
    if (end <= start) end = text.length;
    segments.push({ start, end });
    if (end >= text.length) break;
    start = end;
  }
  return segments;
}

/**
 * The segments that hold one of the offsets `hits` (sorted; see findAll). A document that cannot
 * contain any spelling of an image is never parsed: every spelling contains the image's last
 * path component, so its hits are all the documents that need looking at.
 */
export function segmentsAt(text: string, hits: readonly number[]): Segment[] {
  const segments: Segment[] = [];
  for (const at of hits) {
    const last = segments[segments.length - 1];
    if (last && at < last.end) continue;
    const start = segmentStart(text, at);
    let end = segmentEnd(text, Math.max(at, bodyStart(text, start)));
    if (end <= start) end = text.length;
    segments.push({ start, end });
  }
  return segments;
}
