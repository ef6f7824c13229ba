export const id = 399;
export const ids = [399];
export const modules = {

/***/ 2333:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   hd: () => (/* binding */ fetch),
/* harmony export */   kT: () => (/* binding */ ProxyAgent),
/* harmony export */   sY: () => (/* binding */ provideUndici)
/* harmony export */ });
let real;
/** Called by undici-load.ts before the GitHub client is built. */
function provideUndici(module) {
    real = module;
}
function undici() {
    if (!real)
        throw new Error('gitops-bump: undici used before the GitHub client loaded it.');
    return real;
}
/** A proxy dispatcher (@actions/http-client builds one when HTTPS_PROXY is set). */
class ProxyAgent {
    constructor(...args) {
        // biome-ignore lint/correctness/noConstructorReturn: stands in for the real class
        return new (undici().ProxyAgent)(...args);
    }
}
/** undici's fetch (@actions/github sends Octokit's requests through it). */
const fetch = (...args) => undici().fetch(...args);


/***/ }),

/***/ 9399:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ proxyConfigured),
/* harmony export */   loadUndiciForProxy: () => (/* binding */ loadUndiciForProxy)
/* harmony export */ });
/* harmony import */ var _undici_lazy_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2333);

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'];
/** True when the environment names a proxy (the variables @actions/http-client reads). */
function proxyConfigured(env = process.env) {
    return PROXY_VARIABLES.some((name) => env[name]?.trim());
}
/** Loads undici for @actions/github's proxy support when a proxy is configured. */
async function loadUndiciForProxy(env = process.env) {
    if (!proxyConfigured(env))
        return;
    const loaded = (await __webpack_require__.e(/* import() */ 752).then(__webpack_require__.t.bind(__webpack_require__, 4371, 19)));
    (0,_undici_lazy_js__WEBPACK_IMPORTED_MODULE_0__/* .provideUndici */ .sY)(loaded.default ?? loaded);
}


/***/ })

};
