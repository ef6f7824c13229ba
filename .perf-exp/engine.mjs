import { parseDocument } from 'yaml';
import semver from 'semver';
import picomatch from 'picomatch';
console.log(!!parseDocument('a: 1'), semver.valid('1.0.0'), picomatch('*.y')('a.y'));
