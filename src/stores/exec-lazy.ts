// The bundles' stand-in for `@actions/exec`: tsconfig.json's "paths" maps the bare name here,
// which ncc follows (jest and plain node use the real package). @actions/core imports
// @actions/exec for platform details this tool never asks for; evaluating it, @actions/io and
// node's child_process (which loads net and dgram) cost every start a few milliseconds. Each
// function here loads the real package on its first call, from a chunk of its own: only a run
// that starts git does (src/stores/git/repository.ts). The real package is imported under its
// npm alias `bundled-actions-exec` (package.json), the one name the mapping does not catch.
import type * as Exec from 'bundled-actions-exec';

let real: Promise<typeof Exec> | undefined;

function load(): Promise<typeof Exec> {
  real ??= import('bundled-actions-exec');
  return real;
}

/** @actions/exec's exec: runs a command, resolves its exit code. */
export const exec: typeof Exec.exec = async (...args) => (await load()).exec(...args);

/** @actions/exec's getExecOutput: runs a command, resolves its exit code and output. */
export const getExecOutput: typeof Exec.getExecOutput = async (...args) =>
  (await load()).getExecOutput(...args);
