// The bundle's stand-in for undici: nothing of undici is loaded until a proxy asks for it, and
// then the stand-in hands out the real ProxyAgent and fetch.
import * as realUndici from 'undici/index.js';
import { fetch, ProxyAgent } from '../../src/stores/github/undici-lazy.js';
import { loadUndiciForProxy, proxyConfigured } from '../../src/stores/github/undici-load.js';

it('sees a proxy in the variables @actions/http-client reads, and only there', () => {
  expect(proxyConfigured({})).toBe(false);
  expect(proxyConfigured({ HTTPS_PROXY: '  ' })).toBe(false);
  expect(proxyConfigured({ NO_PROXY: 'example.com' })).toBe(false);
  for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'])
    expect(proxyConfigured({ [name]: 'http://proxy.example:3128' })).toBe(true);
});

it('refuses to be used before undici is loaded; loads it only for a proxy', async () => {
  expect(() => new ProxyAgent({ uri: 'http://proxy.example:3128' })).toThrow(
    'undici used before the GitHub client loaded it',
  );
  await loadUndiciForProxy({});
  expect(() => fetch('http://127.0.0.1:9/')).toThrow('undici used before');

  await loadUndiciForProxy({ HTTPS_PROXY: 'http://proxy.example:3128' });
  const agent = new ProxyAgent({ uri: 'http://proxy.example:3128' });
  expect(agent).toBeInstanceOf(realUndici.ProxyAgent);
  await (agent as unknown as realUndici.ProxyAgent).close();
  await expect(fetch('http://127.0.0.1:9/')).rejects.toThrow('fetch failed');
});
