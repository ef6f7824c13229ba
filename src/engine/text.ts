// Plain-text helpers: line numbers, line endings, and cutting a YAML stream into documents
// without parsing it, so that only documents that can hold the image are parsed at all.

/**
 * Maps offsets to 1-based line and column numbers. Line starts are recorded on demand, only as
 * far into the text as the offsets asked about: naming the line of one edit near the top of a
 * 10 MB manifest scans that far, not the whole file.
 */
export class LineIndex {
  private readonly starts = [0];
  /** Every line break before this offset is recorded (it is the next unrecorded one, or past the end). */
  private scanned = 0;

  constructor(private readonly text: string) {}

  /** 1-based line of an offset. */
  line(offset: number): number {
    const starts = this.lineStarts(offset);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  /** 1-based column of an offset. */
  column(offset: number): number {
    const starts = this.lineStarts(offset);
    return offset - (starts[this.line(offset) - 1] ?? 0) + 1;
  }

  /** The line starts, recorded at least up to `offset`. */
  private lineStarts(offset: number): number[] {
    if (offset >= this.scanned) {
      let at = this.text.indexOf('\n', this.scanned);
      while (at >= 0 && at < offset) {
        this.starts.push(at + 1);
        at = this.text.indexOf('\n', at + 1);
      }
      this.scanned = at < 0 ? this.text.length + 1 : at;
    }
    return this.starts;
  }
}

/** The line ending a file uses (CRLF when its first line break is one). */
export function lineEnding(text: string): string {
  const at = text.indexOf('\n');
  return at > 0 && text[at - 1] === '\r' ? '\r\n' : '\n';
}

/** Offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
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
 * The segments whose text contains one of the needles. A document that cannot contain any
 * spelling of an image is never parsed: every spelling contains the image's last path component.
 */
export function segmentsContaining(text: string, needles: readonly string[]): Segment[] {
  const byStart = new Map<number, Segment>();
  for (const needle of needles) {
    if (needle.length === 0) continue;
    let at = text.indexOf(needle);
    while (at >= 0) {
      const start = segmentStart(text, at);
      let segment = byStart.get(start);
      if (!segment) {
        let end = segmentEnd(text, Math.max(at, bodyStart(text, start)));
        if (end <= start) end = text.length;
        segment = { start, end };
        byStart.set(start, segment);
      }
      at = text.indexOf(needle, Math.max(segment.end, at + needle.length));
    }
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}
