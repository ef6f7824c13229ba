export const id = 653;
export const ids = [653];
export const modules = {

/***/ 3653:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   dockerConfigCredentials: () => (/* binding */ dockerConfigCredentials),
/* harmony export */   withInputCredential: () => (/* binding */ withInputCredential)
/* harmony export */ });
/* unused harmony export dockerConfigPath */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _location_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5384);
// Who the registry client logs in as, per registry host, in this order: the inputs
// `registry-username` / `registry-password` (for the one registry the images live in); the
// Docker config that `docker login` and docker/login-action write (`$DOCKER_CONFIG/config.json`
// or `~/.docker/config.json`: `credHelpers`, then `credsStore`, then `auths`); anonymous.
// A credential belongs to one host: lookups are by host, and nothing here sends anything.





/** Runs the helper found on the PATH of `env`. */
const helperRunner = (env) => (helper, server) => new Promise((resolve, reject) => {
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)(`docker-credential-${helper}`, ['get'], { timeout: 30_000, maxBuffer: 1 << 20, env }, (error, stdout, stderr) => {
        if (error) {
            const detail = String(stdout || stderr || error.message)
                .trim()
                .split('\n')[0] ?? '';
            reject(new Error(`docker-credential-${helper} get failed: ${detail}`));
        }
        else
            resolve(stdout);
    });
    child.stdin?.end(server);
});
/** The keys a Docker config may file a host under (Docker Hub has its historic index URL). */
function serverKeys(host) {
    if ((0,_location_js__WEBPACK_IMPORTED_MODULE_4__/* .isDockerHub */ .gr)(host))
        return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];
    return [host, `https://${host}`, `http://${host}`];
}
/** `https://ghcr.io/v2/` → `ghcr.io`: the host a config key names. */
function keyHost(key) {
    return key
        .replace(/^[a-z]+:\/\//i, '')
        .replace(/\/.*$/, '')
        .toLowerCase();
}
function findEntry(record, host) {
    if (!record)
        return undefined;
    for (const key of serverKeys(host))
        if (record[key] !== undefined)
            return record[key];
    const wanted = (0,_location_js__WEBPACK_IMPORTED_MODULE_4__/* .isDockerHub */ .gr)(host) ? 'index.docker.io' : host.toLowerCase();
    for (const [key, value] of Object.entries(record))
        if (keyHost(key) === wanted)
            return value;
    return undefined;
}
/** Where the Docker config is: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
function dockerConfigPath(env) {
    return env.DOCKER_CONFIG
        ? (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(env.DOCKER_CONFIG, 'config.json')
        : (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(env.HOME || (0,node_os__WEBPACK_IMPORTED_MODULE_2__.homedir)(), '.docker', 'config.json');
}
function readConfig(path) {
    let text;
    try {
        text = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(path, 'utf8');
    }
    catch {
        return undefined;
    }
    try {
        return JSON.parse(text);
    }
    catch (error) {
        throw new Error(`The Docker config ${path} is not valid JSON (${error instanceof Error ? error.message : String(error)}); fix or remove it, or log in again with docker/login-action.`);
    }
}
async function fromHelper(helper, host, path, run) {
    const server = (0,_location_js__WEBPACK_IMPORTED_MODULE_4__/* .isDockerHub */ .gr)(host) ? 'https://index.docker.io/v1/' : host;
    let out;
    try {
        out = await run(helper, server);
    }
    catch (error) {
        // A helper that has nothing for this server says so on stdout and exits non-zero.
        if (/credentials not found/i.test(error instanceof Error ? error.message : ''))
            return undefined;
        throw new Error(`${error instanceof Error ? error.message : String(error)} (credential helper '${helper}' named in ${path} for ${host}); install docker-credential-${helper} on PATH or log in again with docker/login-action.`);
    }
    const parsed = JSON.parse(out);
    if (!parsed.Secret)
        return undefined;
    return {
        username: parsed.Username ?? '',
        password: parsed.Secret,
        source: `docker-credential-${helper}`,
    };
}
function fromAuths(config, host, path) {
    const entry = findEntry(config.auths, host);
    if (!entry)
        return undefined;
    const source = `Docker config ${path}`;
    if (entry.auth) {
        const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon < 0)
            throw new Error(`${source}: the auths entry for ${host} is not base64 of user:password; log in again with docker/login-action.`);
        return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source };
    }
    if (entry.username && entry.password)
        return { username: entry.username, password: entry.password, source };
    return undefined;
}
/** Credentials from the Docker config in `env` (read once, on first use). */
function dockerConfigCredentials(env, run = helperRunner(env)) {
    const path = dockerConfigPath(env);
    let config = null;
    return async (host) => {
        if (config === null)
            config = readConfig(path);
        if (!config)
            return undefined;
        const helper = findEntry(config.credHelpers, host);
        if (helper)
            return fromHelper(helper, host, path, run);
        if (config.credsStore) {
            const stored = await fromHelper(config.credsStore, host, path, run);
            if (stored)
                return stored;
        }
        return fromAuths(config, host, path);
    };
}
/** The inputs' credential for `host`, else the next lookup. */
function withInputCredential(input, next) {
    const { host: own, ...credential } = input;
    const ownHub = (0,_location_js__WEBPACK_IMPORTED_MODULE_4__/* .isDockerHub */ .gr)(own);
    return async (host) => host.toLowerCase() === own.toLowerCase() || (ownHub && (0,_location_js__WEBPACK_IMPORTED_MODULE_4__/* .isDockerHub */ .gr)(host))
        ? credential
        : next(host);
}


/***/ })

};
