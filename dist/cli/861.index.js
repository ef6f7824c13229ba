export const id = 861;
export const ids = [861];
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

/***/ 1861:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   loadHttpClient: () => (/* binding */ loadHttpClient)
/* harmony export */ });
/* harmony import */ var _http_client_lazy_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4227);
// Loads the real @actions/http-client for the bundles' stand-in (http-client-lazy.ts), which
// @actions/github uses to build its proxy agents. Must run before the GitHub client is built.

/** Loads @actions/http-client (with node's http and https) for a GitHub run. */
async function loadHttpClient() {
    (0,_http_client_lazy_js__WEBPACK_IMPORTED_MODULE_0__/* .provideHttpClient */ .$)(await __webpack_require__.e(/* import() */ 387).then(__webpack_require__.bind(__webpack_require__, 2387)));
}


/***/ })

};
