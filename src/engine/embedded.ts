// YAML held in a literal block scalar (a ConfigMap's `config.yaml: |`), or JSON held in a
// one-line string (`values: '{"image": "app:1.0"}'`): the value is
// edited as a stream of its own, and each inner edit is mapped back onto the outer bytes. An
// inner edit within one line maps character for character; an inner key added on a line of its
// own (a Helm `tag:`) gets the block's indentation in front of each of its lines.
import type { Scalar } from 'yaml';
import { type MappedScalar, mapScalar, type TextEdit } from './scalar.js';
import type { StreamResult } from './segment.js';
import { lineStart } from './text.js';

/** What an embedded stream gives its outer segment. */
export interface EmbeddedResult extends Omit<StreamResult, 'text'> {
  /** The block's new value. */
  value: string;
}

/** An inner edit mapped onto the outer text; undefined when it cannot be. */
function outerEdit(
  text: string,
  edit: TextEdit,
  toOuter: (offset: number) => number,
  eol: string,
  style: MappedScalar['style'],
): TextEdit | undefined {
  const start = toOuter(edit.start);
  const end = toOuter(edit.end);
  // What the outer scalar's quoting would read differently is not written into it.
  if (style === 'double' && /["\\]/.test(edit.text)) return undefined;
  if (style === 'single' && edit.text.includes("'")) return undefined;
  if (style === 'plain' && /[\r\n]/.test(edit.text)) return undefined;
  if (!/[\r\n]/.test(edit.text))
    return end - start === edit.end - edit.start ? { start, end, text: edit.text } : undefined;
  // Whole lines inserted: indented like the block's first line, before an inner line start,
  // or after the last line of a block without a final line break (`|-`).
  if (edit.start !== edit.end) return undefined;
  const first = toOuter(0);
  const indent = text.slice(lineStart(text, first), first);
  if (indent.trim() !== '') return undefined;
  if (/\n$/.test(edit.text)) {
    const at = lineStart(text, start);
    if (text.slice(at, start).trim() !== '') return undefined;
    const lines = edit.text.replace(/\r?\n$/, '').split(/\r?\n/);
    return { start: at, end: at, text: lines.map((l) => `${indent}${l}${eol}`).join('') };
  }
  if (!/^\r?\n/.test(edit.text) || !/^\r?\n/.test(text.slice(start, start + 2))) return undefined;
  const lines = edit.text.replace(/^\r?\n/, '').split(/\r?\n/);
  return { start, end: start, text: lines.map((l) => `${eol}${indent}${l}`).join('') };
}

/** Edits YAML held in a literal block scalar, mapping its edits back onto the outer text. */
export function editEmbedded(
  text: string,
  node: Scalar,
  nested: (value: string) => StreamResult | undefined,
): EmbeddedResult | undefined {
  const mapped = mapScalar(text, node);
  if (!mapped) return undefined;
  const inner = nested(mapped.value);
  if (!inner) return undefined;
  const toOuter = (offset: number): number => mapped.offsets[offset] ?? mapped.end;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const edits: TextEdit[] = [];
  for (const edit of inner.edits) {
    const outer = outerEdit(text, edit, toOuter, eol, mapped.style);
    if (!outer) {
      return {
        edits: [],
        value: mapped.value,
        occurrences: [],
        handled: inner.handled.map(toOuter),
        skipped: inner.occurrences
          .filter((o) => o.changed)
          .map((o) => ({
            offset: toOuter(o.offset),
            path: o.path,
            image: o.image,
            reason: 'the change inside this block scalar cannot be mapped onto its lines',
          })),
      };
    }
    edits.push(outer);
  }
  return {
    edits,
    value: inner.text,
    occurrences: inner.occurrences.map((o) => ({ ...o, offset: toOuter(o.offset) })),
    skipped: inner.skipped.map((s) => ({ ...s, offset: toOuter(s.offset) })),
    handled: inner.handled.map(toOuter),
  };
}
