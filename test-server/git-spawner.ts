// Runs the server's git commands from a small helper process instead of the process that holds
// the server. Starting a process copies its parent's page tables, so the cost of a spawn grows
// with the parent's memory: about 2.3 ms from a 70 MB process, 5.8 ms from an 800 MB one (a jest
// worker holds several hundred), all of it blocking the parent. A test makes dozens of git
// commands a request; from the helper each costs the small process's spawn, on another core.

import { type ChildProcess, spawn } from 'node:child_process';

/** What a git command gave: its exit code, standard output and standard error. */
export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** One git command: the binary, its arguments, its whole environment and its standard input. */
export interface GitCommand {
  file: string;
  args: readonly string[];
  env: Record<string, string>;
  input: Buffer;
}

/**
 * Calls `line` for each newline-ended line of a text stream (a long line comes in many chunks).
 * The helper runs this very source (below): it must use nothing from outside itself.
 */
function onLines(stream: NodeJS.ReadableStream, line: (text: string) => void): void {
  let parts: string[] = [];
  stream.on('data', (chunk: string) => {
    let start = 0;
    for (let end = chunk.indexOf('\n'); end >= 0; end = chunk.indexOf('\n', start)) {
      parts.push(chunk.slice(start, end));
      line(parts.join(''));
      parts = [];
      start = end + 1;
    }
    parts.push(chunk.slice(start));
  });
}

// The helper reads one JSON command a line and writes one JSON answer a line, in any order (each
// names its id). It exits when its standard input closes, i.e. with the server's process.
const HELPER = `
const { spawn } = require('node:child_process');
${onLines.toString()}
const write = (answer) => process.stdout.write(JSON.stringify(answer) + '\\n');
process.stdin.setEncoding('utf8');
onLines(process.stdin, (line) => run(JSON.parse(line)));
process.stdin.on('end', () => process.exit(0));
function run({ id, file, args, env, input }) {
  const child = spawn(file, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const out = [];
  const err = [];
  child.stdout.on('data', (d) => out.push(d));
  child.stderr.on('data', (d) => err.push(d));
  child.on('error', (error) => write({ id, error: error.message }));
  child.on('close', (code) => write({
    id,
    code: code ?? -1,
    stdout: Buffer.concat(out).toString('base64'),
    stderr: Buffer.concat(err).toString('utf8'),
  }));
  child.stdin.on('error', () => {});
  child.stdin.end(Buffer.from(input, 'base64'));
}
`;

interface Answer {
  id: number;
  code?: number;
  stdout?: string;
  stderr?: string;
  error?: string;
}

interface Pending {
  resolve(result: GitResult): void;
  reject(error: Error): void;
}

let helper: { child: ChildProcess; pending: Map<number, Pending> } | undefined;
let nextId = 1;

/** The helper: started at the first command, shared by every server of this process. */
function started(): NonNullable<typeof helper> {
  if (helper) return helper;
  const child = spawn(process.execPath, ['-e', HELPER], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  const pending = new Map<number, Pending>();
  const current = { child, pending };
  helper = current;
  child.stdout!.setEncoding('utf8');
  onLines(child.stdout!, (line) => {
    const answer = JSON.parse(line) as Answer;
    const waiting = pending.get(answer.id);
    pending.delete(answer.id);
    if (pending.size === 0) idle(child);
    if (!waiting) return;
    if (answer.error !== undefined) waiting.reject(new Error(answer.error));
    else
      waiting.resolve({
        code: answer.code ?? -1,
        stdout: Buffer.from(answer.stdout ?? '', 'base64'),
        stderr: answer.stderr ?? '',
      });
  });
  const lost = (why: string) => {
    if (helper === current) helper = undefined;
    for (const waiting of pending.values()) waiting.reject(new Error(`the git helper ${why}`));
    pending.clear();
  };
  child.on('error', (error) => lost(`failed: ${error.message}`));
  child.on('exit', (code, signal) => lost(`exited (${signal ?? code})`));
  child.stdin!.on('error', () => {});
  idle(child);
  return current;
}

/** How long the helper outlives the last server that used it (the next test's server reuses it). */
const LINGER_MS = 1000;
let users = 0;
let closing: NodeJS.Timeout | undefined;

/**
 * A server starts using git; the returned function says it stopped. The helper ends a moment
 * after the last server of this module stops (jest loads the module afresh for each test file,
 * in the same worker process: without this, each file's helper would live as long as the worker).
 */
export function useGit(): () => void {
  users++;
  clearTimeout(closing);
  closing = undefined;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    users--;
    if (users === 0) lingerThenStop();
  };
}

function lingerThenStop(): void {
  closing = setTimeout(() => {
    closing = undefined;
    if (users > 0 || !helper) return;
    // A command still running (a server closed in the middle of a request): look again later.
    if (helper.pending.size > 0) return lingerThenStop();
    const { child } = helper;
    helper = undefined;
    child.stdin!.end();
  }, LINGER_MS);
  closing.unref();
}

/** While no command waits, the helper does not keep this process alive. */
function idle(child: ChildProcess): void {
  child.unref();
  (child.stdout as unknown as { unref(): void }).unref();
  (child.stdin as unknown as { unref(): void }).unref();
}

function busy(child: ChildProcess): void {
  child.ref();
  (child.stdout as unknown as { ref(): void }).ref();
  (child.stdin as unknown as { ref(): void }).ref();
}

/** The helper's process id while it runs (for tests). */
export function helperPid(): number | undefined {
  return helper?.child.pid;
}

/** Runs one git command in the helper. */
export function spawnGit(command: GitCommand): Promise<GitResult> {
  const { child, pending } = started();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    if (pending.size === 0) busy(child);
    pending.set(id, { resolve, reject });
    child.stdin!.write(
      `${JSON.stringify({
        id,
        file: command.file,
        args: command.args,
        env: command.env,
        input: command.input.toString('base64'),
      })}\n`,
    );
  });
}
