export const id = 917;
export const ids = [917];
export const modules = {

/***/ 4227:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ provideHttpClient),
/* harmony export */   Q: () => (/* binding */ HttpClient)
/* harmony export */ });
let real;
/** Called by http-client-load.ts before the GitHub client is built. */
function provideHttpClient(module) {
    real = module;
}
/** @actions/http-client's client (@actions/github asks it for proxy agents). */
class HttpClient {
    constructor(...args) {
        if (!real)
            throw new Error('gitops-bump: @actions/http-client used before the GitHub client loaded it.');
        // biome-ignore lint/correctness/noConstructorReturn: stands in for the real class
        return new real.HttpClient(...args);
    }
}


/***/ }),

/***/ 917:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadProxyFetch: () => (/* binding */ loadProxyFetch),
  proxyFetch: () => (/* binding */ proxyFetch)
});

// EXTERNAL MODULE: ./src/stores/github/http-client-lazy.ts
var http_client_lazy = __webpack_require__(4227);
;// CONCATENATED MODULE: ./src/stores/github/http-client-load.ts
// Loads the real @actions/http-client for the bundles' stand-in (http-client-lazy.ts), which
// @actions/github uses to build its proxy agents. Must run before the GitHub client is built.

/** Loads @actions/http-client (with node's http and https) for a GitHub run. */
async function loadHttpClient() {
    (0,http_client_lazy/* provideHttpClient */.$)(await __webpack_require__.e(/* import() */ 387).then(__webpack_require__.bind(__webpack_require__, 2387)));
}

// EXTERNAL MODULE: ./src/stores/github/undici-load.ts
var undici_load = __webpack_require__(9399);
;// CONCATENATED MODULE: ./src/stores/github/proxy.ts
// Through a proxy (https_proxy and the like), GitHub requests go through @actions/github's fetch:
// undici with its ProxyAgent, honouring no_proxy. Loaded only then, before the client is built:
// @actions/github's module builds its proxy agents, its REST methods (about a thousand
// endpoints) and the workflow's event context when it is evaluated, none of which a run without
// a proxy needs (the client is @octokit/core with the retry and throttling plugins, octokit.ts).


let proxied;
/** Loads @actions/github's proxy fetch when the environment names a proxy. */
async function loadProxyFetch(env = process.env) {
    if (!(0,undici_load/* proxyConfigured */.$)(env))
        return;
    await (0,undici_load/* loadUndiciForProxy */.i)(env);
    await loadHttpClient();
    const { defaults } = await Promise.all(/* import() */[__webpack_require__.e(730), __webpack_require__.e(706)]).then(__webpack_require__.bind(__webpack_require__, 4706));
    proxied = defaults.request?.fetch;
}
/** The proxy's fetch once loaded; undefined without a proxy (node's own fetch is used). */
function proxyFetch() {
    return proxied;
}


/***/ })

};
