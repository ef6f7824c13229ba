#!/usr/bin/env node
var __webpack_exports__ = {};
// The local CLI's entry point: bundled to dist/cli.js.
console.log('gitops-bump');


