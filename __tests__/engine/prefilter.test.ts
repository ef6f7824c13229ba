// The engine parses only the documents that can name a bumped image: those holding its last
// path component as the last component of a name, and every other component of its path too.
// A broken document shows whether it was parsed (a parse error names it); the places it names
// the image are still reported, and names split across keys are still bumped.
import { editText } from '../../src/engine/edit-file.js';
import { parseReference } from '../../src/engine/image-ref.js';
import type { Bump } from '../../src/engine/types.js';

const bumps: Bump[] = [{ image: parseReference('ghcr.io/org/app'), tag: '2.0.0' }];
const BROKEN = 'broken: [unclosed';

function edit(text: string) {
  return editText({ file: 'f.yaml', text, bumps });
}

describe('documents that cannot name the image', () => {
  it.each([
    ['a longer word', `apiVersion: apps/v1\n${BROKEN}\n`],
    ['a label key', `metadata:\n  labels:\n    app.kubernetes.io/name: web\n${BROKEN}\n`],
    ['a longer name', `image: ghcr.io/org/app-exporter:1.0\n${BROKEN}\n`],
    ['a container name, without the rest of the path', `- name: app\n${BROKEN}\n`],
  ])('are not parsed: %s', (_, doc) => {
    const text = `${doc}---\nimage: ghcr.io/org/app:1.0.0\n`;
    const result = edit(text);
    expect(result.text).toBe(text.replace('app:1.0.0', 'app:2.0.0'));
    expect(result.occurrences.map((o) => o.line)).toEqual([text.split('\n').length - 1]);
    expect(result.missed).toEqual([]);
  });

  it('are parsed when they hold every component of the path (and a broken one is refused)', () => {
    const text = `- name: app\n  note: org\n${BROKEN}\n---\nimage: ghcr.io/org/app:1.0.0\n`;
    expect(() => edit(text)).toThrow(/f\.yaml:3:.*does not parse/);
  });
});

describe('documents that can name the image', () => {
  it('bumps a name split between a registry and a repository key', () => {
    const text = 'image:\n  registry: ghcr.io/org\n  repository: app\n  tag: 1.0.0\n';
    const result = edit(`apiVersion: apps/v1\n${BROKEN}\n---\n${text}`);
    expect(result.text).toBe(
      `apiVersion: apps/v1\n${BROKEN}\n---\n${text.replace('1.0.0', '2.0.0')}`,
    );
    expect(result.occurrences).toEqual([expect.objectContaining({ line: 7, changed: true })]);
  });

  it('still reports a line naming the image where it cannot be bumped', () => {
    // The missed-place scan reads every line holding the name as a name, parsed or not.
    const text = 'apiVersion: apps/v1\nx:\n  selfImageRef: ghcr.io/org/app\ny:\n  - name: app\n';
    const result = editText({
      file: 'f.yaml',
      text: `${text}---\nimage: ghcr.io/org/app:1.0.0\n`,
      bumps,
    });
    expect(result.missed).toEqual([expect.objectContaining({ line: 3 })]);
  });
});
