// A lenient reading for files that Kubernetes accepts but strict YAML 1.2 rejects: continuation
// lines of a multi-line quoted scalar or flow collection that are not indented past the line
// that opened it, or that start with a TAB (PyYAML, js-yaml and Go's YAML, which kubectl and
// Argo use, read them). Such lines get spaces in front; inside a quoted or flow scalar leading
// white space is folded away, so the data stays the same. The engine parses and edits this
// reading and maps every offset back to the original bytes, which are edited in place.

/** The lenient reading and the way back to the original's offsets. */
export interface LenientText {
  text: string;
  /** The original offset of an offset in the lenient text (outside the added spaces). */
  toOriginal(offset: number): number;
}

interface ScanState {
  quote: '"' | "'" | undefined;
  flow: number;
  /** Indentation of the line that opened the quote or flow collection. */
  openIndent: number;
}

const OPENS_TOKEN = /[\s[{,:]/;

/** Scans one line, updating the quote and flow state; true when it starts a block scalar. */
function scanLine(line: string, state: ScanState): boolean {
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    const prev = i === 0 ? ' ' : line[i - 1]!;
    if (state.quote === '"') {
      if (ch === '\\') i++;
      else if (ch === '"') state.quote = undefined;
      continue;
    }
    if (state.quote === "'") {
      if (ch === "'" && line[i + 1] === "'") i++;
      else if (ch === "'") state.quote = undefined;
      continue;
    }
    if (ch === '#' && /\s/.test(prev)) break;
    if ((ch === '"' || ch === "'") && OPENS_TOKEN.test(prev)) state.quote = ch;
    else if ((ch === '[' || ch === '{') && OPENS_TOKEN.test(prev)) state.flow++;
    else if ((ch === ']' || ch === '}') && state.flow > 0) state.flow--;
  }
  return (
    state.quote === undefined && state.flow === 0 && /(^|[\s:-])[|>][-+0-9]*\s*(#.*)?$/.test(line)
  );
}

/** The lenient reading of `text`, or undefined when it would be the same text. */
export function lenientText(text: string): LenientText | undefined {
  const lines = text.split('\n');
  const state: ScanState = { quote: undefined, flow: 0, openIndent: 0 };
  let blockIndent: number | undefined;
  // [offset in the lenient text where added spaces end, total added so far]
  const shifts: Array<[number, number]> = [];
  let added = 0;
  let out = '';
  for (const line of lines) {
    const indent = /^ */.exec(line)![0].length;
    if (blockIndent !== undefined && (line.trim() === '' || indent > blockIndent)) {
      out += `${line}\n`;
      continue;
    }
    blockIndent = undefined;
    let written = line;
    const open = state.quote !== undefined || state.flow > 0;
    if (open && line.trim() !== '' && (indent <= state.openIndent || line[indent] === '\t')) {
      const pad = state.openIndent + 1 - Math.min(indent, state.openIndent + 1) + 1;
      written = ' '.repeat(pad) + line;
      added += pad;
      shifts.push([out.length + pad, added]);
    }
    if (!open) state.openIndent = indent;
    if (scanLine(line, state)) blockIndent = indent;
    out += `${written}\n`;
  }
  out = out.slice(0, -1);
  if (shifts.length === 0) return undefined;
  return {
    text: out,
    toOriginal(offset: number): number {
      let shift = 0;
      for (const [at, total] of shifts) {
        if (at > offset) break;
        shift = total;
      }
      return offset - shift;
    },
  };
}
