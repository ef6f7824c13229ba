// Loads the real undici for the GitHub client and hands it to the bundle's stand-in
// (undici-lazy.ts). Imported first by octokit.ts: @actions/github builds its proxy-aware fetch
// when its module is evaluated.
import * as undici from 'undici/index.js';
import { provideUndici } from './undici-lazy.js';

provideUndici(undici);
