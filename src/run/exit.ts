// Ends the process as soon as a run is done and its output is written. Left to itself, node
// waits at exit for V8 to finish optimising fetch's WebAssembly HTTP parser in the background
// (about 90 ms after a run that used fetch: GitHub's requests through a proxy), for code that
// will never run again.

/** Resolves once everything written to `stream` so far has been handed to the OS. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.writableLength === 0) resolve();
    else stream.write('', () => resolve());
  });
}

/** Exits with `process.exitCode` after stdout and stderr are flushed (pipes are asynchronous on macOS). */
export async function exitWhenFlushed(): Promise<never> {
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit();
}
