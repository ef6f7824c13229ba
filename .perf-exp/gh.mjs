import { GitHub } from '@actions/github/lib/utils';
console.log(typeof GitHub);
