export const id = 91;
export const ids = [91,440];
export const modules = {

/***/ 2440:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   RegistryClient: () => (/* binding */ RegistryClient),
/* harmony export */   gl: () => (/* binding */ RegistryError)
/* harmony export */ });
/* unused harmony exports MANIFEST_TYPES, TAGS_PAGE_SIZE, MAX_TAG_PAGES, parseChallenge, nextLink */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _location_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5384);
// The container registry client: the distribution API (`/v2/`) with its two logins, the token
// challenge (`WWW-Authenticate: Bearer realm=…,service=…,scope=…`) and basic auth. It lists tags
// (following `Link` pages, a bounded number of them) and asks for a manifest's digest (`HEAD`,
// index and manifest media types accepted). A credential goes only to the registry it belongs to
// and to the token realm that registry names; every request is counted.


/** Media types a manifest HEAD accepts: a multi-arch index answers with the index digest. */
const MANIFEST_TYPES = [
    'application/vnd.oci.image.index.v1+json',
    'application/vnd.docker.distribution.manifest.list.v2+json',
    'application/vnd.oci.image.manifest.v1+json',
    'application/vnd.docker.distribution.manifest.v2+json',
];
/** Tags asked for per page, and the most pages read: at most 100,000 tags in 100 requests. */
const TAGS_PAGE_SIZE = 1000;
const MAX_TAG_PAGES = 100;
/** A registry answer that stops the run; the message says the image, the answer and the fix. */
class RegistryError extends Error {
    status;
    code;
    constructor(message, status, code) {
        super(message);
        this.status = status;
        this.code = code;
        this.name = 'RegistryError';
    }
}
/** Parses `Bearer realm="…",service="…",scope="…"` (the first challenge). */
function parseChallenge(header) {
    if (!header)
        return undefined;
    const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
    if (!match)
        return undefined;
    const params = {};
    for (const m of (match[2] ?? '').matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g))
        params[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
    return { scheme: match[1].toLowerCase(), params };
}
/** The `rel="next"` target of a Link header, resolved against the request URL. */
function nextLink(header, current) {
    if (!header)
        return undefined;
    for (const part of header.split(/,(?=\s*<)/)) {
        const m = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
        if (m && /rel\s*=\s*"?next"?/i.test(m[2] ?? ''))
            return new URL(m[1], current).toString();
    }
    return undefined;
}
function basic(credential) {
    return `Basic ${Buffer.from(`${credential.username}:${credential.password}`).toString('base64')}`;
}
const RETRIED = new Set([500, 502, 503, 504]);
class RegistryClient {
    options;
    /** Every request made, in order. */
    requests = [];
    authorization = new Map();
    /** The bearer challenge each host answered with (realm and service, no scope). */
    realms = new Map();
    credentialCache = new Map();
    fetch;
    sleep;
    constructor(options) {
        this.options = options;
        this.fetch = options.fetch ?? fetch;
        this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    }
    /** Every tag of the repository, following `Link` pages (at most MAX_TAG_PAGES). */
    async listTags(repo) {
        const tags = [];
        let url = `${repo.base}/v2/${repo.repository}/tags/list?n=${TAGS_PAGE_SIZE}`;
        for (let page = 0; url !== undefined; page++) {
            if (page === MAX_TAG_PAGES)
                throw new RegistryError(`${repo.image}: ${repo.host} has more than ${MAX_TAG_PAGES} pages of tags (${tags.length} read); gitops-bump reads at most ${MAX_TAG_PAGES} pages. Delete old tags, or give the tag to deploy.`);
            const response = await this.send(repo, 'GET', url, { Accept: 'application/json' });
            if (response.status !== 200)
                throw await this.failure(repo, response, 'list the tags of');
            const body = (await response.json());
            tags.push(...(body.tags ?? []));
            const next = nextLink(response.headers.get('link'), url);
            if (next !== undefined && new URL(next).origin !== new URL(url).origin)
                throw new RegistryError(`${repo.image}: ${repo.host} sent the next page of tags to another host (${new URL(next).host}); not followed.`);
            url = next;
        }
        return tags;
    }
    /** The digest of a tag's (or digest's) manifest; undefined when the registry has none. */
    async manifest(repo, reference) {
        const url = `${repo.base}/v2/${repo.repository}/manifests/${reference}`;
        const accept = { Accept: MANIFEST_TYPES.join(', ') };
        const head = await this.send(repo, 'HEAD', url, accept);
        if (head.status === 404)
            return undefined;
        if (head.status !== 200)
            throw await this.failure(repo, head, `read ${reference} of`);
        const mediaType = (head.headers.get('content-type') ?? '').split(';')[0].trim();
        const header = head.headers.get('docker-content-digest');
        if (header && /^sha256:[0-9a-f]{64}$/.test(header))
            return { digest: header, mediaType };
        // No digest header: read the manifest and hash its bytes, as the registry would.
        const get = await this.send(repo, 'GET', url, accept);
        if (get.status !== 200)
            throw await this.failure(repo, get, `read ${reference} of`);
        const bytes = Buffer.from(await get.arrayBuffer());
        return { digest: `sha256:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(bytes).digest('hex')}`, mediaType };
    }
    /**
     * One request to the registry, logging in once on a 401 challenge. Once a host has named its
     * token realm, the next repository on it gets its token before the first request (no 401).
     */
    async send(repo, method, url, headers) {
        const scope = `repository:${repo.repository}:pull`;
        let authorization = this.authorization.get(`${repo.host} ${scope}`) ?? this.authorization.get(repo.host);
        const realm = this.realms.get(repo.host);
        if (authorization === undefined && realm)
            authorization = await this.login(repo, realm, scope);
        let response = await this.request(method, url, {
            ...headers,
            ...(authorization && { Authorization: authorization }),
        });
        if (response.status !== 401)
            return response;
        const challenge = parseChallenge(response.headers.get('www-authenticate'));
        await response.body?.cancel();
        authorization = await this.login(repo, challenge, scope);
        response = await this.request(method, url, { ...headers, Authorization: authorization });
        if (response.status === 401) {
            await response.body?.cancel();
            throw this.unauthorized(repo, await this.credential(repo.host), 'after logging in');
        }
        return response;
    }
    /** The Authorization header a challenge asks for; remembered per host (basic) or scope. */
    async login(repo, challenge, scope) {
        const credential = await this.credential(repo.host);
        if (challenge?.scheme === 'basic') {
            const header = this.basicLogin(repo, credential);
            this.authorization.set(repo.host, header);
            return header;
        }
        if (challenge?.scheme !== 'bearer')
            throw this.unauthorized(repo, credential, 'without a usable WWW-Authenticate challenge');
        const header = await this.token(repo, challenge, scope, credential);
        this.authorization.set(`${repo.host} ${scope}`, header);
        // The realm and service serve every repository of the host; the scope is per repository.
        const { scope: _scope, ...params } = challenge.params;
        this.realms.set(repo.host, { scheme: 'bearer', params });
        return header;
    }
    basicLogin(repo, credential) {
        if (!credential)
            throw this.unauthorized(repo, undefined, 'and asks for a user name and password');
        return basic(credential);
    }
    /** A bearer token from the realm the registry named, for `scope`. */
    async token(repo, challenge, scope, credential) {
        const realm = challenge.params.realm;
        let url;
        try {
            url = new URL(realm ?? '');
        }
        catch {
            throw new RegistryError(`${repo.image}: ${repo.host} asks for a token but names no usable realm ('${realm ?? ''}'); it is not a distribution registry, or it is misconfigured.`);
        }
        if (url.protocol !== 'https:' &&
            !(url.protocol === 'http:' && (0,_location_js__WEBPACK_IMPORTED_MODULE_1__/* .allowsPlainHttp */ .lU)(url.host, this.options.insecure ?? [])))
            throw new RegistryError(`${repo.image}: ${repo.host} names the token realm ${url.origin}, which is not https; no credential is sent over plain HTTP (add the host to insecure-registries if it is yours).`);
        if (challenge.params.service)
            url.searchParams.set('service', challenge.params.service);
        url.searchParams.set('scope', challenge.params.scope ?? scope);
        const response = await this.request('GET', url.toString(), {
            Accept: 'application/json',
            ...(credential && { Authorization: basic(credential) }),
        });
        if (response.status === 401 || response.status === 403) {
            await response.body?.cancel();
            throw this.unauthorized(repo, credential, `at its token service ${url.origin}${url.pathname}`);
        }
        if (response.status !== 200)
            throw await this.failure(repo, response, 'get a token to read');
        const body = (await response.json());
        const token = body.token ?? body.access_token;
        if (!token)
            throw new RegistryError(`${repo.image}: the token service ${url.origin}${url.pathname} answered without a token.`);
        this.options.mask?.(token);
        return `Bearer ${token}`;
    }
    credential(host) {
        let found = this.credentialCache.get(host);
        if (!found) {
            found = this.options.credentials(host).then((c) => {
                if (c)
                    this.options.mask?.(c.password);
                return c;
            });
            this.credentialCache.set(host, found);
        }
        return found;
    }
    unauthorized(repo, credential, when) {
        const who = credential
            ? `the credential from ${credential.source} (user '${credential.username}') was refused`
            : 'no credential was found for it';
        const hint = this.options.loginHint ??
            'log in first with docker/login-action, or set registry-username and registry-password';
        return new RegistryError(`${repo.image}: ${repo.host} answered 401 Unauthorized ${when}; ${who}. Fix: ${hint}.`, 401);
    }
    /** The error for an unexpected answer: the image, what was asked, the answer, the fix. */
    async failure(repo, response, what) {
        const status = response.status;
        let code = '';
        let message = '';
        try {
            const body = (await response.json());
            code = body.errors?.[0]?.code ?? '';
            message = body.errors?.[0]?.message ?? '';
        }
        catch {
            // No JSON body (HEAD, or a proxy's page).
        }
        const answer = `HTTP ${status}${code ? ` ${code}` : ''}${message ? ` (${message})` : ''}`;
        const head = `${repo.image}: could not ${what} ${repo.host}/${repo.repository}: ${answer}`;
        if (status === 403 || status === 404)
            return new RegistryError(`${head}. The repository does not exist, or the credential cannot read it (registries answer alike for both); check the image name and the login.`, status, code);
        if (status === 429) {
            const remaining = response.headers.get('ratelimit-remaining');
            const limit = response.headers.get('ratelimit-limit');
            const quota = remaining
                ? ` ratelimit-remaining: ${remaining}${limit ? `, ratelimit-limit: ${limit}` : ''}.`
                : '';
            const fix = (0,_location_js__WEBPACK_IMPORTED_MODULE_1__/* .isDockerHub */ .gr)(repo.host)
                ? 'log in with docker/login-action (authenticated pulls have a higher limit), or run again later'
                : 'run again later';
            return new RegistryError(`${head}: rate limit reached.${quota} Fix: ${fix}.`, status, code);
        }
        if (RETRIED.has(status))
            return new RegistryError(`${head}, after ${this.options.maxAttempts ?? 3} attempts: the registry is down or overloaded; run again later.`, status, code);
        return new RegistryError(`${head}.`, status, code);
    }
    /** One HTTP request, retried for network errors and 5xx answers; redirects followed by hand. */
    async request(method, url, headers) {
        const attempts = this.options.maxAttempts ?? 3;
        for (let attempt = 1;; attempt++) {
            let response;
            try {
                response = await this.follow(method, url, headers);
            }
            catch (error) {
                if (error instanceof RegistryError)
                    throw error;
                if (attempt >= attempts) {
                    const cause = error.cause?.code;
                    throw new RegistryError(`${new URL(url).host} did not answer ${method} ${new URL(url).pathname} (${cause ?? (error instanceof Error ? error.message : String(error))}) after ${attempts} attempts: the registry is down or unreachable; check the host name and run again later.`);
                }
                await this.sleep(500 * 2 ** (attempt - 1));
                continue;
            }
            if (!RETRIED.has(response.status) || attempt >= attempts)
                return response;
            await response.body?.cancel();
            await this.sleep(500 * 2 ** (attempt - 1));
        }
    }
    /** Follows up to 5 redirects; the Authorization header never leaves the first origin. */
    async follow(method, url, headers) {
        const origin = new URL(url).origin;
        let target = url;
        for (let hop = 0; hop <= 5; hop++) {
            let response;
            try {
                response = await this.fetch(target, {
                    method,
                    headers: new URL(target).origin === origin
                        ? headers
                        : Object.fromEntries(Object.entries(headers).filter(([k]) => k !== 'Authorization')),
                    redirect: 'manual',
                    signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
                });
            }
            catch (error) {
                this.requests.push({ method, url: target, status: 'error' });
                throw error;
            }
            this.requests.push({ method, url: target, status: response.status });
            const location = response.headers.get('location');
            if (response.status < 300 || response.status > 399 || !location)
                return response;
            await response.body?.cancel();
            const next = new URL(location, target);
            if (next.protocol !== 'https:' && !(0,_location_js__WEBPACK_IMPORTED_MODULE_1__/* .allowsPlainHttp */ .lU)(next.host, this.options.insecure ?? []))
                throw new RegistryError(`${new URL(url).host} redirected to ${next.origin} over plain HTTP; not followed.`);
            target = next.toString();
        }
        throw new RegistryError(`${new URL(url).host} redirected more than 5 times for ${method} ${url}.`);
    }
}


/***/ }),

/***/ 2091:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   resolveBumps: () => (/* binding */ resolveBumps)
/* harmony export */ });
/* unused harmony exports chooseNewest, nearestTags */
/* harmony import */ var _engine_image_ref_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9323);
/* harmony import */ var _engine_policy_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7542);
/* harmony import */ var _client_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2440);
/* harmony import */ var _location_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5384);
// What the run asks of the registry, before anything is written: the newest tag a version
// policy allows (for an image given without a tag), that each tag or digest exists
// (`verify-image`), and the digest of each tag (`resolve-digest`). The choice among tags is the
// version policy's (src/engine/policy.ts); the downgrade check against what a file holds stays
// the engine's, per occurrence.




/** Whether the run needs the registry at all (in needs.ts, which loads nothing). */

/** The highest tag the policy allows, with the reasons the others were left out. */
function chooseNewest(tags, policy) {
    const groups = new Map();
    const reject = (reason, tag) => {
        const list = groups.get(reason) ?? [];
        list.push(tag);
        groups.set(reason, list);
    };
    const allowed = [];
    const filter = policy.filter?.trim();
    for (const tag of tags) {
        const version = (0,_engine_policy_js__WEBPACK_IMPORTED_MODULE_1__/* .tagVersion */ .RQ)(tag, policy.tagPattern);
        if (!version) {
            reject(policy.tagPattern ? `not a version by tag-pattern ${policy.tagPattern}` : 'not a version', tag);
        }
        else if ((0,_engine_policy_js__WEBPACK_IMPORTED_MODULE_1__/* .judge */ .S4)('', tag, policy).decision === 'skipped') {
            reject(`outside the filter ${filter}`, tag);
        }
        else
            allowed.push({ tag, version });
    }
    // Highest version first; for equal versions, the shortest spelling (`1.3.0` before `v1.3.0`).
    allowed.sort((a, b) => b.version.compare(a.version) || a.tag.length - b.tag.length || (a.tag < b.tag ? -1 : 1));
    const best = allowed[0];
    if (best)
        for (const other of allowed.slice(1))
            reject(`lower than ${best.tag}`, other.tag);
    return {
        ...(best && { tag: best.tag }),
        allowed: allowed.length,
        rejected: [...groups].map(([reason, list]) => ({
            reason,
            count: list.length,
            tags: byVersion(list, policy).slice(0, 10),
        })),
    };
}
/** Highest version first, then the tags that are not versions in text order. */
function byVersion(tags, policy) {
    const keyed = tags.map((tag) => ({ tag, version: (0,_engine_policy_js__WEBPACK_IMPORTED_MODULE_1__/* .tagVersion */ .RQ)(tag, policy.tagPattern) }));
    return keyed
        .sort((a, b) => {
        if (a.version && b.version)
            return b.version.compare(a.version) || (a.tag < b.tag ? -1 : 1);
        if (a.version || b.version)
            return a.version ? -1 : 1;
        return a.tag < b.tag ? -1 : 1;
    })
        .map((k) => k.tag);
}
/** Edit distance, for "nearest existing tags". */
function distance(a, b) {
    let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        for (let j = 1; j <= b.length; j++)
            row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = row;
    }
    return previous[b.length];
}
/** The existing tags closest to a missing one (edit distance, then version order). */
function nearestTags(wanted, tags, count = 5) {
    return tags
        .map((tag) => ({ tag, d: distance(wanted.toLowerCase(), tag.toLowerCase()) }))
        .sort((a, b) => a.d - b.d || (a.tag < b.tag ? -1 : 1))
        .slice(0, count)
        .map((t) => t.tag);
}
async function missing(client, repo, reference) {
    const asked = `${repo.image}${reference.includes(':') ? '@' : ':'}${reference}`;
    let near = '';
    try {
        const tags = await client.listTags(repo);
        near = tags.length
            ? ` Nearest existing tags: ${nearestTags(reference, tags).join(', ')}.`
            : ' The repository has no tags.';
    }
    catch (error) {
        if (error instanceof _client_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl && error.status !== undefined && error.status !== 429)
            return new _client_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl(`${asked} does not exist: ${repo.host} answered HTTP 404 for the manifest and HTTP ${error.status}${error.code ? ` ${error.code}` : ''} for the tag list: the repository ${repo.repository} does not exist there, or the credential cannot read it. Check the image name and the login. Nothing was written.`, 404);
        throw error;
    }
    return new _client_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl(`${asked} does not exist: ${repo.host} answered HTTP 404 (manifest unknown) to HEAD /v2/${repo.repository}/manifests/${reference}.${near} Check the ${reference.includes(':') ? 'digest' : 'tag'}. Nothing was written.`, 404);
}
async function newest(client, repo, bump, options) {
    const tags = await client.listTags(repo);
    const choice = chooseNewest(tags, options.policy);
    const filter = options.policy.filter?.trim() ?? '';
    const base = { image: bump.image.name, action: 'newest', rejected: choice.rejected };
    if (!choice.tag)
        return {
            ...base,
            reason: `no tag of the ${tags.length} listed satisfies ${filter}: left alone`,
        };
    return {
        ...base,
        tag: choice.tag,
        reason: `the highest of ${choice.allowed} tag${choice.allowed === 1 ? '' : 's'} in ${filter} (${tags.length} listed)`,
    };
}
/** Checks one bump's tag and digest, and looks up the tag's digest when asked. */
async function check(client, repo, bump, options) {
    const notes = [];
    let digest;
    if (bump.tag !== undefined && (options.verify || (options.resolveDigest && !bump.digest))) {
        const info = await client.manifest(repo, bump.tag);
        if (!info)
            throw await missing(client, repo, bump.tag);
        notes.push(`${bump.tag} exists (${info.mediaType || 'manifest'} ${info.digest})`);
        digest = info.digest;
    }
    if (bump.digest !== undefined && options.verify && bump.digest !== digest) {
        const info = await client.manifest(repo, bump.digest);
        if (!info)
            throw await missing(client, repo, bump.digest);
        notes.push(`${bump.digest} exists`);
    }
    return { ...(digest !== undefined && { digest }), notes };
}
/** Asks the registry what the bumps need; throws RegistryError before anything is written. */
async function resolveBumps(bumps, options, client) {
    const out = [];
    const resolutions = [];
    for (const original of bumps) {
        const bump = { ...original };
        const repo = (0,_location_js__WEBPACK_IMPORTED_MODULE_3__/* .locate */ .x5)(bump.image, options.insecure);
        const actions = [];
        let resolution;
        if (bump.tag === undefined && bump.digest === undefined) {
            resolution = await newest(client, repo, bump, options);
            if (resolution.tag === undefined) {
                resolutions.push(resolution);
                continue;
            }
            bump.tag = resolution.tag;
            actions.push('newest');
        }
        const checked = await check(client, repo, bump, {
            ...options,
            // A tag from the list exists; only its digest may be wanted.
            verify: options.verify && resolution === undefined,
        });
        if (options.verify)
            actions.push('verified');
        if (options.resolveDigest && checked.digest && bump.digest === undefined) {
            bump.digest = checked.digest;
            actions.push('digest');
        }
        resolutions.push({
            image: bump.image.name,
            action: actions.join('+'),
            ...(bump.tag !== undefined && { tag: bump.tag }),
            ...(bump.digest !== undefined && { digest: bump.digest }),
            reason: [resolution?.reason, ...checked.notes].filter(Boolean).join('; ') ||
                (0,_engine_image_ref_js__WEBPACK_IMPORTED_MODULE_0__/* .formatReference */ .FH)({ name: bump.image.name, ...bump }),
            rejected: resolution?.rejected ?? [],
        });
        out.push(bump);
    }
    return { bumps: out, resolutions, requests: client.requests.length };
}


/***/ })

};
