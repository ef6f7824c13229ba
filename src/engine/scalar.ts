// Byte-exact scalar surgery: maps each character of a scalar's value back to the bytes that
// wrote it, so that a tag is replaced where it stands and every other byte stays, quotes and
// all. A folded block whose value sits on one source line maps too. Scalars whose value cannot
// be mapped one to one (folded over lines, multi-line quoted, escaped) are refused.
import { parseDocument, type Scalar } from 'yaml';

/** A scalar's value with, for each character, the offset in the text where it was written. */
export interface MappedScalar {
  value: string;
  /** offsets[i] is where value[i] starts in the text; offsets[value.length] is the end. */
  offsets: number[];
  style: 'plain' | 'single' | 'double' | 'literal';
  /** The scalar's range in the text (quotes included). */
  start: number;
  end: number;
}

/** A replacement of text[start, end) by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/** Maps a scalar node to its source; undefined when the value is not one-to-one with the bytes. */
export function mapScalar(text: string, node: Scalar): MappedScalar | undefined {
  const range = node.range;
  if (!range) return undefined;
  const [start, end] = range;
  switch (node.type) {
    case 'PLAIN': {
      const source = text.slice(start, end);
      if (source.includes('\n')) return undefined;
      return {
        value: source,
        offsets: offsetsFrom(start, source.length),
        style: 'plain',
        start,
        end,
      };
    }
    case 'QUOTE_SINGLE':
      return mapSingleQuoted(text, start, end);
    case 'QUOTE_DOUBLE':
      return mapDoubleQuoted(text, start, end);
    case 'BLOCK_LITERAL':
      return mapLiteral(text, node, start, end);
    case 'BLOCK_FOLDED': {
      // Folded lines join with spaces; a value on one source line maps like a literal one.
      const value = String(node.value);
      if (value.replace(/\n$/, '').includes('\n') || value.includes(' ')) return undefined;
      return mapLiteral(text, node, start, end);
    }
    default:
      return undefined;
  }
}

function offsetsFrom(start: number, length: number): number[] {
  const offsets = new Array<number>(length + 1);
  for (let i = 0; i <= length; i++) offsets[i] = start + i;
  return offsets;
}

function mapSingleQuoted(text: string, start: number, end: number): MappedScalar | undefined {
  let value = '';
  const offsets: number[] = [];
  for (let at = start + 1; at < end - 1; at++) {
    const ch = text[at]!;
    if (ch === '\n' || ch === '\r') return undefined;
    offsets.push(at);
    value += ch;
    if (ch === "'") at++;
  }
  offsets.push(end - 1);
  return { value, offsets, style: 'single', start, end };
}

function mapDoubleQuoted(text: string, start: number, end: number): MappedScalar | undefined {
  let value = '';
  const offsets: number[] = [];
  for (let at = start + 1; at < end - 1; at++) {
    const ch = text[at]!;
    if (ch === '\n' || ch === '\r') return undefined;
    offsets.push(at);
    if (ch !== '\\') {
      value += ch;
      continue;
    }
    const code = text[at + 1] ?? '';
    const simple = SIMPLE_ESCAPES[code];
    if (simple !== undefined) {
      value += simple;
      at++;
      continue;
    }
    const digits = HEX_ESCAPES[code];
    if (digits === undefined) return undefined;
    const hex = text.slice(at + 2, at + 2 + digits);
    if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) return undefined;
    const decoded = String.fromCodePoint(Number.parseInt(hex, 16));
    value += decoded;
    // A code point outside the BMP is two UTF-16 units that share one source position.
    if (decoded.length === 2) offsets.push(at);
    at += 1 + digits;
  }
  offsets.push(end - 1);
  return { value, offsets, style: 'double', start, end };
}

function mapLiteral(
  text: string,
  node: Scalar,
  start: number,
  end: number,
): MappedScalar | undefined {
  const value = String(node.value);
  const contentStart = text.indexOf('\n', start) + 1;
  if (contentStart <= 0 || contentStart > end) return undefined;
  const valueLines = value.split('\n');
  const offsets: number[] = [];
  let at = contentStart;
  for (let i = 0; i < valueLines.length; i++) {
    const want = valueLines[i]!;
    const lineEnd = nextBreak(text, at, end);
    const sourceLine = text.slice(at, lineEnd).replace(/\r$/, '');
    if (i === valueLines.length - 1 && want === '') {
      offsets.push(at);
      break;
    }
    if (!sourceLine.endsWith(want) || at >= end) return undefined;
    const first = at + sourceLine.length - want.length;
    for (let c = 0; c < want.length; c++) offsets.push(first + c);
    // The line break itself: value '\n' maps to the break in the source.
    offsets.push(at + sourceLine.length);
    at = lineEnd + 1;
  }
  if (offsets.length !== value.length + 1) return undefined;
  return { value, offsets, style: 'literal', start, end };
}

function nextBreak(text: string, from: number, end: number): number {
  const at = text.indexOf('\n', from);
  return at < 0 || at > end ? end : at;
}

/**
 * Turns an edit of the value (value[start, end) → replacement) into an edit of the text.
 * Undefined when those characters are not written literally (escapes), so the caller refuses.
 */
export function mapValueEdit(
  mapped: MappedScalar,
  text: string,
  start: number,
  end: number,
  replacement: string,
): TextEdit | undefined {
  const from = mapped.offsets[start];
  const to = mapped.offsets[end];
  if (from === undefined || to === undefined) return undefined;
  if (to - from !== end - start) return undefined;
  if (text.slice(from, to) !== mapped.value.slice(start, end)) return undefined;
  if (mapped.style === 'double' && /["\\]/.test(replacement)) return undefined;
  if (mapped.style === 'single' && replacement.includes("'")) return undefined;
  if (/[\r\n]/.test(replacement)) return undefined;
  return { start: from, end: to, text: replacement };
}

/** The answers of isSafePlain so far: a run asks about its few new values at every site. */
const safePlain = new Map<string, boolean>();
/** More distinct values than a run writes: past this, the answers are no longer kept. */
const SAFE_PLAIN_KEPT = 1024;

/**
 * True when `value`, written plain, reads back as that same string in YAML 1.1 and 1.2. Each
 * answer is kept (two YAML parses each): every site asks about the run's same new values, and a
 * GitHub run's warm-up asks first, on a stand-in, while the read is on its way.
 */
export function isSafePlain(value: string, inFlow = false): boolean {
  const key = `${inFlow ? 'f' : 'b'}${value}`;
  const known = safePlain.get(key);
  if (known !== undefined) return known;
  const answer = readsBackPlain(value, inFlow);
  if (safePlain.size < SAFE_PLAIN_KEPT) safePlain.set(key, answer);
  return answer;
}

function readsBackPlain(value: string, inFlow: boolean): boolean {
  if (value.length === 0) return false;
  if (inFlow && /[,[\]{}]/.test(value)) return false;
  for (const version of ['1.1', '1.2'] as const) {
    const doc = parseDocument(value, { version });
    if (doc.errors.length > 0 || doc.warnings.length > 0) return false;
    const contents = doc.contents as { value?: unknown } | null;
    if (!contents || contents.value !== value) return false;
  }
  return true;
}

/** A double-quoted YAML scalar for any string (JSON's escapes are a subset of YAML's). */
export function doubleQuoted(value: string): string {
  return JSON.stringify(value);
}
