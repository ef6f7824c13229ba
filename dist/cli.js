#!/usr/bin/env node
// The CLI's entry (package.json bin); the bundle is in cli/.
import './cli/index.js';
