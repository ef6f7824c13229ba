// The action's start, before the rest of it loads (src/index.ts): reads and checks the inputs
// (the one settings parser, which needs neither the YAML library, the GitHub client nor
// @actions/core: ./inputs.ts reads INPUT_* itself, and prints nothing) and, when
// they make a GitHub commit whose first read is known from them alone (src/run/first-read.ts),
// sends that read at once (src/stores/github/early-read.ts). Bad inputs send nothing: they are
// reported by run() like any failure.
import { firstQuestion } from '../run/first-read.js';
import { EarlyRead } from '../stores/github/early-read.js';
import { endpointsFromEnv } from '../stores/github/endpoints.js';
import { proxyConfigured } from '../stores/github/undici-load.js';
import { readSettings, type Settings } from './inputs.js';

/** What the start found: the settings or why they were refused, and the read sent early. */
export interface Started {
  settings?: Settings;
  /** The inputs were refused: run() reports this. */
  error?: unknown;
  early?: EarlyRead;
}

/** Reads the inputs and sends the first GitHub read when it is known. Never throws. */
export function start(env: NodeJS.ProcessEnv = process.env): Started {
  let settings: Settings;
  try {
    settings = readSettings(env);
  } catch (error) {
    return { error };
  }
  const remote = settings.remote;
  const question = firstQuestion(settings);
  // Through a proxy the client's own fetch goes the proxy's way; no early read then.
  if (!question || remote?.kind !== 'github' || proxyConfigured(env)) return { settings };
  const target = { ...endpointsFromEnv(env), token: remote.token, timeoutMs: remote.timeoutMs };
  return { settings, early: EarlyRead.send(target, question) };
}
