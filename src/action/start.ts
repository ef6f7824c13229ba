// The action's start, before the rest of it loads (src/index.ts): reads and checks the inputs
// (the one settings parser, which needs neither the YAML library, the GitHub client nor
// @actions/core: ./inputs.ts reads INPUT_* itself, and prints nothing) and, when they make a
// GitHub run whose first request is known from them alone (src/run/first-read.ts), sends it at
// once (src/stores/github/early-read.ts). Bad inputs send nothing: they are reported by run()
// like any failure.
import { sendFirstQuestion } from '../run/first-read.js';
import type { EarlyRead } from '../stores/github/early-read.js';
import { endpointsFromEnv } from '../stores/github/endpoints.js';
import { readSettings, type Settings } from './inputs.js';

/** What the start found: the settings or why they were refused, and the read sent early. */
export interface Started {
  settings?: Settings;
  /** The inputs were refused: run() reports this. */
  error?: unknown;
  early?: EarlyRead;
}

/**
 * Reads the inputs and sends the first GitHub read when it is known. Never rejects. Settles
 * without loading anything unless a version policy is given (its check loads semver).
 */
export async function start(env: NodeJS.ProcessEnv = process.env): Promise<Started> {
  let settings: Settings;
  try {
    settings = await readSettings(env);
  } catch (error) {
    return { error };
  }
  const early = sendFirstQuestion(settings, endpointsFromEnv(env), env);
  return { settings, ...(early && { early }) };
}
