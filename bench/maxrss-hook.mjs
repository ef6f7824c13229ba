// Preloaded into each benchmarked process with `node --import <this file's URL> ...`.
// At exit it writes the process's peak resident set size (process.resourceUsage().maxRSS, in KiB)
// to the file named by BENCH_MAXRSS_FILE. It works for any entry point (including the ncc-bundled
// CLI) because the 'exit' event also fires after process.exit() and after an uncaught error.
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_MAXRSS_FILE;
if (out) {
  // Do not pass the variable on to the process's own children.
  delete process.env.BENCH_MAXRSS_FILE;
  process.on('exit', () => {
    try {
      writeFileSync(out, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // The benchmark reports a missing figure; never change the process's exit.
    }
  });
}
