// Bottleneck's light build (no Redis clustering), the one @octokit/plugin-throttling uses: the
// same API as the full build, whose types it shares. Importing it keeps the Redis scripts and the
// full build out of the GitHub client's chunk.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
