// Byte fidelity: only the bytes of the tag or digest change, whatever the file looks like;
// and what cannot be edited safely is refused with a message, leaving the text as it was.
import { editText } from '../../src/engine/edit-file.js';
import { parseReference } from '../../src/engine/image-ref.js';
import type { Bump, EditOptions } from '../../src/engine/types.js';
import { EngineError } from '../../src/engine/types.js';

const OLD = `sha256:${'a'.repeat(64)}`;
const NEW = `sha256:${'c'.repeat(64)}`;

function bump(reference: string): Bump {
  const image = parseReference(reference);
  return {
    image,
    ...(image.tag !== undefined && { tag: image.tag }),
    ...(image.digest !== undefined && { digest: image.digest }),
  };
}
function edit(text: string, references: string[], options: EditOptions = {}) {
  return editText({ file: 'f.yaml', text, bumps: references.map(bump), options });
}

describe('format fidelity', () => {
  it.each([
    ['CRLF line endings', 'a: 1\r\nspec:\r\n  image: app:1.0 # note\r\n  b: 2\r\n'],
    ['a byte-order mark', '\uFEFFspec:\n  image: app:1.0\n'],
    ['no final newline', 'spec:\n  image: app:1.0'],
    [
      'comments, blank lines and odd indentation',
      '# head\n\nspec:   # c\n\n      image:    app:1.0    # trailing\n      x: [a,  b]\n',
    ],
    ['flow style', 'spec: {containers: [{name: x, image: app:1.0}], other: {a: 1}}\n'],
    ['single quotes', "image: 'app:1.0'\n"],
    ['double quotes', 'image: "app:1.0"\n'],
    ['tabs in comments and trailing white space', 'spec:\t# tab\n  image: app:1.0   \n  a: b \t\n'],
    ['non-ASCII comments', '# 한국어 주석\nspec: # 설명\n  image: app:1.0 # ünïcode\n'],
  ])('keeps %s', (_name, text) => {
    const result = edit(text, ['app:1.1']);
    expect(result.text).toBe(text.replace('app:1.0', 'app:1.1'));
  });

  it('changes nothing the second time (idempotent)', () => {
    const text = 'images:\n- name: app\n  digest: x\nspec:\n  image: app:1.0\n';
    const once = edit(text, [`app:2.0@${NEW}`]);
    const twice = edit(once.text, [`app:2.0@${NEW}`]);
    expect(twice.text).toBe(once.text);
    expect(twice.occurrences.every((o) => !o.changed)).toBe(true);
  });

  it('leaves a rollback to an older tag to the policy, and writes it', () => {
    expect(edit('image: app:2.0\n', ['app:1.0']).text).toBe('image: app:1.0\n');
  });
});

describe('digests', () => {
  it('replaces tag and digest when both are given', () => {
    expect(edit(`image: app:1.0@${OLD}\n`, [`app:2.0@${NEW}`]).text).toBe(
      `image: app:2.0@${NEW}\n`,
    );
  });

  it('never leaves a new tag beside the old digest: drops it and says so', () => {
    const result = edit(`image: app:1.0@${OLD}\n`, ['app:2.0']);
    expect(result.text).toBe('image: app:2.0\n');
    expect(result.occurrences[0]!.notes[0]).toContain(`dropped digest ${OLD}`);
  });

  it('keeps the digest when the tag does not change', () => {
    expect(edit(`image: app:1.0@${OLD}\n`, ['app:1.0']).text).toBe(`image: app:1.0@${OLD}\n`);
  });

  it('pins a digest-only bump, keeping the tag as written', () => {
    expect(edit('image: app:1.0\n', [`app@${NEW}`]).text).toBe(`image: app:1.0@${NEW}\n`);
  });

  it('pins tag-only references only with pinDigest', () => {
    expect(edit('image: app:1.0\n', [`app:2.0@${NEW}`]).text).toBe('image: app:2.0\n');
    expect(edit('image: app:1.0\n', [`app:2.0@${NEW}`], { pinDigest: true }).text).toBe(
      `image: app:2.0@${NEW}\n`,
    );
  });
});

describe('refusals', () => {
  it('reports a file that does not parse as file:line:column', () => {
    expect(() => edit('a: 1\nspec:\n  image: app:1.0\n  - broken\n', ['app:2'])).toThrow(
      /^f\.yaml:4:1: the YAML does not parse: A block sequence may not be used as an implicit map key/,
    );
  });

  it('refuses binary files', () => {
    expect(() => edit('image: app:1\0', ['app:2'])).toThrow('f.yaml is a binary file');
  });

  it('refuses the same image given twice', () => {
    expect(() => edit('image: nginx:1\n', ['nginx:2', 'docker.io/library/nginx:3'])).toThrow(
      'The image docker.io/library/nginx is given twice (also as nginx)',
    );
  });

  it('skips a value written over several lines instead of reflowing it', () => {
    const text = 'image: "app:1.0\n  "\n';
    const result = edit(text, ['app:2.0']);
    expect(result.text).toBe(text);
  });

  it('refuses documents nested deeper than it walks', () => {
    const deep = `${'['.repeat(600)}app:1${']'.repeat(600)}\n`;
    expect(() => edit(deep, ['app:2'])).toThrow(EngineError);
  });

  it('refuses an alias bomb with a message, without expanding it', () => {
    const lines = ['a: &a ["app:v1", "app:v1"]'];
    for (let i = 1; i < 20; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [*${String.fromCharCode(96 + i)}, *${String.fromCharCode(96 + i)}]`,
      );
    expect(() => edit(`${lines.join('\n')}\n`, ['app:2'])).toThrow(
      /refusing a document whose aliases expand exponentially \(an alias bomb/,
    );
  });

  it('edits a document with ordinary aliases (compose defaults)', () => {
    const text =
      'x-defaults: &defaults\n  restart: always\nservices:\n  web:\n    <<: *defaults\n    image: app:v1\n  worker:\n    <<: *defaults\n    image: app:v1\n';
    const result = edit(text, ['app:2']);
    expect(result.text).toBe(text.replaceAll('app:v1', 'app:2'));
  });
});
