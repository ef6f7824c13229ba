// The local CLI's entry point: bundled to dist/cli.js.
console.log('gitops-bump');
