// The action door: inputs → settings → run the bump (./bump.ts) → outputs and job summary. This
// file is what every run loads; the bump, with the engine, the YAML library and semver, is loaded
// only once the inputs are good, so that a run refused at its inputs fails at once.
import * as core from '@actions/core';
import type { ActionLog } from './bump.js';
import { secretWords } from './inputs.js';
import type { Started } from './start.js';
import { writeFailureSummary } from './summary.js';

/** Opens one log group per phase, closing the previous one. */
function groupedLog(): ActionLog {
  let open = false;
  const close = () => {
    if (open) core.endGroup();
    open = false;
  };
  return {
    info: (m: string) => core.info(m),
    warning: (m: string) => core.warning(m),
    debug: (m: string) => core.debug(m),
    phase: (title: string) => {
      close();
      core.startGroup(title);
      open = true;
    },
    close,
  };
}

/** Runs the action; the one place that turns a thrown error into a failed step. */
export async function run(started: Started = {}): Promise<void> {
  // Mask the secrets before anything is printed.
  for (const word of secretWords()) core.setSecret(word);
  const log = groupedLog();
  let flow: typeof import('./bump.js') | undefined;
  try {
    log.phase('Inputs');
    if (started.error) throw started.error;
    flow = await import('./bump.js');
    await flow.bump(started, log);
  } catch (error) {
    log.close();
    const message = error instanceof Error ? error.message : `gitops-bump failed: ${String(error)}`;
    // bump() set the outputs of what was written before the failure; else nothing was written,
    // and `changed` says false (action.yml), for steps that run after a failure.
    const outcome = flow?.writtenOutcome(error);
    if (!outcome) core.setOutput('changed', 'false');
    core.setFailed(message);
    await writeFailureSummary(message, outcome).catch(() => undefined);
  }
}
