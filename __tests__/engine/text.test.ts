// LineIndex records line starts on demand: lines and columns must match a plain count, in any
// order of questions, at line breaks, CRLF endings and the very end of the text.
import { LineIndex } from '../../src/engine/text.js';

function naive(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

describe('LineIndex', () => {
  const texts = ['', 'a', '\n', 'a\nb', 'a: 1\r\nb: 2\r\n', '\n\nx\n\n', 'one\ntwo\nthree\n'];
  it.each(texts)(
    'matches a plain count for every offset of %j, asked forwards and backwards',
    (text) => {
      const offsets = Array.from({ length: text.length + 1 }, (_, i) => i);
      for (const order of [offsets, [...offsets].reverse()]) {
        const index = new LineIndex(text);
        for (const offset of order) {
          expect({ line: index.line(offset), column: index.column(offset) }).toEqual(
            naive(text, offset),
          );
        }
      }
    },
  );

  it('answers questions in any order on a longer text', () => {
    const text = Array.from({ length: 500 }, (_, i) => 'x'.repeat(i % 7)).join('\n');
    const index = new LineIndex(text);
    for (let i = 0; i < 300; i++) {
      const offset = (i * 7919) % (text.length + 1);
      expect(index.line(offset)).toBe(naive(text, offset).line);
    }
  });
});
