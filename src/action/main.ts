import * as core from '@actions/core';

/** Runs the action; the one place that turns a thrown error into a failed step. */
export async function run(): Promise<void> {
  try {
    core.info('gitops-bump');
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
