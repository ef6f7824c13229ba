// Readies node's fetch while the early read (early-read.ts) is on the wire. The first fetch of a
// process loads node's built-in undici and compiles its WebAssembly HTTP parser, about 25 ms on
// the main thread, then V8 optimises the parser on a background thread for about 70 ms, which
// the process waits for at exit. Done at the first write, all of it lands between the read's
// answer and the write, and after the last answer; done here, it fills time spent waiting for
// GitHub anyway. The one request goes to a throwaway server of this process on the loopback
// interface, never to GitHub; any failure is ignored (the first real request then pays instead).

/** Makes one fetch to a loopback server of this process; resolves when done (never rejects). */
export async function warmFetch(): Promise<void> {
  const { createServer } = await import('node:http');
  return new Promise<void>((resolve) => {
    const server = createServer((_request, response) => response.end());
    const done = () => {
      server.close();
      resolve();
    };
    server.on('error', done);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (!address || typeof address === 'string') return done();
      fetch(`http://127.0.0.1:${address.port}/`, { headers: { connection: 'close' } })
        .then((response) => response.arrayBuffer())
        .catch(() => undefined)
        .finally(done);
    });
    server.unref();
  });
}
