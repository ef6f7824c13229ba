// Git remote addresses: credentials kept out of messages, commit web addresses, the token header.
import {
  isInsecureRemote,
  safeUrl,
  tokenHeader,
  urlSecrets,
  webCommitUrl,
} from '../../src/stores/git/url.js';

const OID = '0123456789abcdef0123456789abcdef01234567';

describe('safeUrl', () => {
  it.each([
    ['https://user:pass@gitlab.example.com/g/r.git', 'https://gitlab.example.com/g/r.git'],
    ['https://glpat-abc@gitlab.com/g/r.git', 'https://gitlab.com/g/r.git'],
    ['http://a%40b:p%2Fw@127.0.0.1:8080/x.git', 'http://127.0.0.1:8080/x.git'],
    ['ssh://git:secret@git.example.com:2222/g/r.git', 'ssh://git@git.example.com:2222/g/r.git'],
    ['ssh://git@git.example.com/g/r.git', 'ssh://git@git.example.com/g/r.git'],
    ['git@gitlab.com:g/r.git', 'git@gitlab.com:g/r.git'],
    ['https://gitlab.com/g/r.git', 'https://gitlab.com/g/r.git'],
    ['/srv/git/r.git', '/srv/git/r.git'],
    ['file:///srv/git/r.git', 'file:///srv/git/r.git'],
  ])('%s → %s', (url, shown) => {
    expect(safeUrl(url)).toBe(shown);
  });
});

describe('urlSecrets', () => {
  it('lists the user-info and password, raw and decoded; an ssh user name is no secret', () => {
    expect(urlSecrets('https://user:p%40ss@host/x.git')).toEqual(
      expect.arrayContaining(['user:p%40ss', 'p%40ss', 'user:p@ss', 'p@ss']),
    );
    expect(urlSecrets('https://TOKEN123@host/x.git')).toEqual(['TOKEN123']);
    expect(urlSecrets('ssh://git@host/x.git')).toEqual([]);
    expect(urlSecrets('ssh://git:pw@host/x.git')).toEqual(['git:pw', 'pw']);
    expect(urlSecrets('git@host:x.git')).toEqual([]);
    expect(urlSecrets('/srv/x.git')).toEqual([]);
  });
});

describe('webCommitUrl', () => {
  it.each([
    ['https://github.com/acme/gitops.git', `https://github.com/acme/gitops/commit/${OID}`],
    ['git@github.com:acme/gitops.git', `https://github.com/acme/gitops/commit/${OID}`],
    [
      'https://x:y@gitlab.com/group/sub/gitops.git',
      `https://gitlab.com/group/sub/gitops/-/commit/${OID}`,
    ],
    ['ssh://git@gitlab.com/group/gitops', `https://gitlab.com/group/gitops/-/commit/${OID}`],
    ['https://bitbucket.org/acme/gitops.git', `https://bitbucket.org/acme/gitops/commits/${OID}`],
    ['https://git.example.com/acme/gitops.git', ''],
    ['file:///srv/git/gitops.git', ''],
    ['/srv/git/gitops.git', ''],
  ])('%s', (url, expected) => {
    expect(webCommitUrl(url, OID)).toBe(expected);
  });
});

describe('tokenHeader', () => {
  it('scopes a Basic header to the remote origin, with the token user', () => {
    const header = tokenHeader('https://u:p@GitLab.Example.com:8443/g/r.git', 'tok', 'oauth2');
    expect(header).toEqual({
      key: 'http.https://gitlab.example.com:8443/.extraHeader',
      value: `Authorization: Basic ${Buffer.from('oauth2:tok').toString('base64')}`,
      secrets: ['tok', Buffer.from('oauth2:tok').toString('base64')],
    });
  });

  it('is not made for ssh, scp-like, file or path remotes', () => {
    for (const url of ['ssh://git@h/x.git', 'git@h:x.git', 'file:///x.git', '/x.git']) {
      expect(tokenHeader(url, 'tok', 'x-access-token')).toBeUndefined();
    }
  });
});

describe('isInsecureRemote', () => {
  it('flags plain http to another machine only', () => {
    expect(isInsecureRemote('http://git.example.com/x.git')).toBe(true);
    expect(isInsecureRemote('http://127.0.0.1:9/x.git')).toBe(false);
    expect(isInsecureRemote('http://localhost/x.git')).toBe(false);
    expect(isInsecureRemote('https://git.example.com/x.git')).toBe(false);
    expect(isInsecureRemote('git@h:x.git')).toBe(false);
  });
});
