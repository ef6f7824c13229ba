// LineIndex counts lines on demand, keeping checkpoints: lines and columns must match a plain
// count, in any order of questions, at line breaks, CRLF endings and the very end of the text.
// findAll and segmentsAt pick out the documents that can hold an image without parsing any.
import fc from 'fast-check';
import { changesText, spliceEdits } from '../../src/engine/segment.js';
import { findAll, findNames, hidingEscapes, LineIndex, segmentsAt } from '../../src/engine/text.js';

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

  it('counts back from its checkpoints after a question far into a long text', () => {
    // Over 5 checkpoints' worth of lines: questions behind the furthest one count from the
    // nearest checkpoint, at and around checkpoint boundaries too.
    const text = Array.from({ length: 5500 }, (_, i) => 'y'.repeat(i % 5)).join('\n');
    const index = new LineIndex(text);
    expect(index.line(text.length)).toBe(5500);
    const starts = [0];
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    for (const line of [1, 2, 1023, 1024, 1025, 1026, 2048, 2049, 4097, 5499, 5500]) {
      const start = starts[line - 1]!;
      expect(index.line(start)).toBe(line);
      expect(index.column(start)).toBe(1);
      if (start > 0) expect(index.line(start - 1)).toBe(line - 1);
    }
  });
});

describe('LineIndex, counting from its last answer', () => {
  // Lines of 0 to 6 characters over 3 checkpoints; questions that cluster (the lines of one
  // document, asked forwards, backwards and around the frontier) or jump anywhere.
  const text = Array.from({ length: 3300 }, (_, i) => 'z'.repeat((i * 5) % 7)).join('\n');
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  it('matches a plain count for any sequence of questions', () => {
    const question = fc.oneof(
      fc.nat(text.length),
      fc.tuple(fc.nat(text.length), fc.integer({ min: -60, max: 60 })).map(([at, d]) => [at, d]),
    );
    fc.assert(
      fc.property(fc.array(question, { minLength: 1, maxLength: 40 }), (questions) => {
        const index = new LineIndex(text);
        let last = 0;
        for (const q of questions) {
          // A pair asks near the last question: `d` characters from it.
          const offset = Array.isArray(q) ? Math.min(text.length, Math.max(0, last + q[1]!)) : q;
          expect(index.line(offset)).toBe(lineOf(offset));
          last = offset;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers the lines of one document around the frontier', () => {
    const index = new LineIndex(text);
    const far = starts[2500]! + 3;
    expect(index.line(far)).toBe(2501);
    for (const line of [2500, 2499, 2480, 2501, 2440, 2460, 2459, 1026, 1025, 1024, 3]) {
      const at = starts[line - 1]!;
      expect(index.line(at)).toBe(line);
      if (at > 0) expect(index.line(at - 1)).toBe(line - 1);
    }
  });
});

describe('findAll and segmentsAt', () => {
  const stream = [
    'a: app',
    '---',
    'b: 1',
    '---',
    'c: app-x',
    'd: app',
    '--- # app',
    'e: 2',
    '',
  ].join('\n');

  it('finds every occurrence of every needle, sorted, once', () => {
    const hits = findAll(stream, ['app', 'app', 'x', '']);
    const naive: number[] = [];
    for (let i = 0; i < stream.length; i++) {
      if (stream.startsWith('app', i) || stream[i] === 'x') naive.push(i);
    }
    expect(hits).toEqual(naive);
  });

  it('finds what a plain search finds where the sample of the text is no guide', () => {
    // The rare-looking piece of the needle is searched for; its commoner lookalikes later in
    // the text, overlapping needles and needles at the very start and end are all checked.
    const start = 'b'.repeat(20_000);
    const body = Array.from(
      { length: 400 },
      (_, i) => ['app-4', 'xapp-42', 'app-42', 'app-4242', 'pp-42', 'app-42app-42'][i % 6],
    ).join(' ');
    for (const text of [`${start} ${body}`, `app-42 ${body} app-42`, 'app-42', 'app-4']) {
      for (const needle of ['app-42', 'b', 'app-42app', '2']) {
        const naive: number[] = [];
        for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length))
          naive.push(at);
        expect(findAll(text, [needle])).toEqual(naive);
      }
    }
  });

  it('keeps the places where a name stands as the last component of a name, and only those', () => {
    const places = [
      'image: ghcr.io/org/app:1.0',
      'image: "app"',
      '- name: app',
      `image: \${IMAGE:-app:1.0.0}`,
      `image: \${IMAGE-app}`,
      'newName: org/app@sha256:abc',
      'kustomize.images: [old=ghcr.io/org/app:2]',
      'the image is org/app.',
      'args: --image=app-',
      'app',
    ];
    const decoys = [
      'apiVersion: apps/v1',
      'app.kubernetes.io/name: web',
      'image: ghcr.io/org/app-exporter:1',
      'image: ghcr.io/org/myapp:1',
      'image: ghcr.io/org/my.app:1',
      'image: ghcr.io/org/app_2:1',
      'url: https://github.com/org/app/blob',
      'image: ghcr.io/org/app.v2:1',
    ];
    for (const line of places) expect([line, findNames(line, ['app']).length]).toEqual([line, 1]);
    for (const line of decoys) expect([line, findNames(line, ['app'])]).toEqual([line, []]);
    const text = [...decoys, ...places].join('\n');
    expect(findNames(text, ['app', 'app']).length).toBe(places.length);
  });

  it('cuts out only the documents holding a hit, each once', () => {
    const segments = segmentsAt(stream, findAll(stream, ['app']));
    expect(segments.map((s) => stream.slice(s.start, s.end))).toEqual([
      'a: app\n',
      '---\nc: app-x\nd: app\n',
      '--- # app\ne: 2\n',
    ]);
  });
});

describe('changesText', () => {
  it('says whether the edits change the text, as comparing the whole texts does', () => {
    const piece = fc.constantFrom('a', 'b', '\n', 'é');
    const textArb = fc.array(piece, { maxLength: 30 }).map((p) => p.join(''));
    fc.assert(
      fc.property(
        textArb,
        fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.array(piece, { maxLength: 3 })), {
          maxLength: 4,
        }),
        (text, raw) => {
          const edits: Array<{ start: number; end: number; text: string }> = [];
          let from = 0;
          for (const [at, len, ins] of raw) {
            if (from > text.length) break;
            const start = from + (at % (text.length - from + 1));
            const end = Math.min(text.length, start + len);
            edits.push({ start, end, text: ins.join('') });
            from = end + 1;
          }
          expect(changesText(text, edits)).toBe(spliceEdits(text, edits) !== text);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('sees edits that undo each other (a letter moved over its twin) as no change', () => {
    const edits = [
      { start: 0, end: 1, text: '' },
      { start: 2, end: 2, text: 'a' },
    ];
    expect(changesText('aa', edits)).toBe(false);
    expect(changesText('ab', edits)).toBe(true);
    expect(changesText('ab', [])).toBe(false);
    expect(changesText('ab', [{ start: 1, end: 2, text: 'b' }])).toBe(false);
  });
});

describe('hidingEscapes', () => {
  const at = (text: string) => hidingEscapes(text).map((i) => text.slice(i, i + 2));

  it('finds the escapes that write a character by its code', () => {
    expect(at('a: "ghcr.io/org/\\x61pp"\nb: "\\u0061"\nc: "\\U00000061"\n')).toEqual([
      '\\x',
      '\\u',
      '\\U',
    ]);
  });

  it('finds an escaped line break between two characters of a reference, or before another', () => {
    expect(at('a: "ghcr.io/org/ap\\\n    p:1.0"\n')).toEqual(['\\\n']);
    expect(at('a: "ghcr.io/org/ap\\\r\n    p:1.0"\r\n')).toEqual(['\\\r']);
    expect(at('a: "ghcr.io/org/a\\\n  \\\n  pp"\n')).toEqual(['\\\n']);
    expect(at('a: "ghcr.io/o\\\n\trg/app"\n')).toEqual(['\\\n']);
  });

  it('passes over what cannot write a name: a shell line break, other escapes', () => {
    expect(at('run: |\n  cmd --flag \\\n    --other && \\\n  done\n')).toEqual([]);
    expect(at('a: "tab\\there \\"quoted\\" C:\\\\tools \\/ \\n"\nb: "end\\\n  "\n')).toEqual([]);
    expect(at('no backslash at all')).toEqual([]);
  });
});
