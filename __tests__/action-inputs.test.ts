// The action reads its inputs from INPUT_* itself (src/action/inputs.ts), before @actions/core
// loads: the values must be exactly what @actions/core's getInput and getMultilineInput give.
import * as core from '@actions/core';
import fc from 'fast-check';
import { actionInputs, inputValue, secretWords } from '../src/action/inputs.js';

const saved = { ...process.env };
afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
});

/** Input values with the whitespace and line breaks people paste. */
const value = fc
  .array(fc.constantFrom('a', 'b', '/', ':', '-', ' ', '\t', '\n', '\r\n', '\r', '', 'ghs_x'), {
    maxLength: 12,
  })
  .map((parts) => parts.join(''));
const name = fc.constantFrom('token', 'files', 'images', 'verify-image', 'pr labels', 'Mode');

it('reads each input as @actions/core does, one value and one line at a time', () => {
  fc.assert(
    fc.property(name, value, (input, raw) => {
      process.env[`INPUT_${input.replace(/ /g, '_').toUpperCase()}`] = raw;
      const source = actionInputs(process.env);
      expect(source.get(input)).toBe(core.getInput(input));
      expect(source.lines(input)).toEqual(core.getMultilineInput(input));
      expect(inputValue(input)).toBe(core.getInput(input));
    }),
    { numRuns: 500 },
  );
});

it('an input the runner did not set reads as empty, as with @actions/core', () => {
  delete process.env.INPUT_BRANCH;
  expect(actionInputs(process.env).get('branch')).toBe('');
  expect(actionInputs(process.env).lines('branch')).toEqual([]);
  expect(core.getInput('branch')).toBe('');
});

it('masks every word of each secret input, and nothing else', () => {
  const env = {
    INPUT_TOKEN: ' Bearer ghs_abc\n',
    'INPUT_GIT-TOKEN': 'glpat-xyz',
    'INPUT_REGISTRY-PASSWORD': 'p4ss w0rd x',
    INPUT_IMAGE: 'ghcr.io/acme/app:1.0.0',
  };
  expect(secretWords(env)).toEqual(['Bearer', 'ghs_abc', 'glpat-xyz', 'p4ss', 'w0rd']);
});
