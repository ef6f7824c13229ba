// isSafePlain keeps its answers (a run asks about the same new values at every site, and its
// warm-up asks first): a kept answer must be the answer, in block and flow context alike.
import { isSafePlain } from '../../src/engine/scalar.js';

const CASES: Array<[value: string, block: boolean, flow: boolean]> = [
  ['ghcr.io/acme/app:1.4.2', true, true],
  ['v1.2.3-rc.1', true, true],
  ['a, b', true, false], // a comma ends a flow scalar
  ['yes', false, false], // a boolean in YAML 1.1
  ['1.10', false, false], // a number
  ['null', false, false],
  ['a: b', false, false], // a mapping
  ['#x', false, false], // a comment
  ['', false, false],
];

it.each(CASES)(
  "'%s': the same answer each time, in block and in flow context",
  (value, block, flow) => {
    for (let round = 0; round < 2; round++) {
      expect(isSafePlain(value)).toBe(block);
      expect(isSafePlain(value, true)).toBe(flow);
      expect(isSafePlain(value, false)).toBe(block);
    }
  },
);

it('a flow answer kept first does not answer for block context', () => {
  expect(isSafePlain('c, d', true)).toBe(false);
  expect(isSafePlain('c, d')).toBe(true);
  expect(isSafePlain('c, d', true)).toBe(false);
});

it('answers right once it keeps no more answers', () => {
  for (let i = 0; i < 1100; i++) expect(isSafePlain(`registry.example/app:${i}.0.0`)).toBe(true);
  expect(isSafePlain('on')).toBe(false);
  expect(isSafePlain('on')).toBe(false);
  expect(isSafePlain('registry.example/app:1.0.0, x', true)).toBe(false);
});
