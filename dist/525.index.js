export const id = 525;
export const ids = [525];
export const modules = {

/***/ 8525:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   changes: () => (/* binding */ changes),
/* harmony export */   readAndBump: () => (/* binding */ readAndBump)
/* harmony export */ });
/* harmony import */ var _engine_bump_files_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2457);
/* harmony import */ var _engine_file_specs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6819);
// The read-and-edit step every store shares: expand the file specs over the store's listing,
// read those files at the head, and bump them with the engine (nothing written here).


/** What the specs name, as read at one head, and the bump applied to it. */
async function readAndBump(store, specs, bumps, options) {
    const targets = (0,_engine_file_specs_js__WEBPACK_IMPORTED_MODULE_1__/* .expandFileSpecs */ .Ze)(specs, await store.list(), store.describe?.bind(store));
    const read = await store.read(targets.map((t) => t.path));
    const files = targets.map((t) => ({ path: t.path, text: read.files.get(t.path) ?? '' }));
    return { read, report: (0,_engine_bump_files_js__WEBPACK_IMPORTED_MODULE_0__/* .bumpFiles */ .OS)(files, targets, bumps, options) };
}
/** The files a bump changed, as a store writes them. */
function changes(report) {
    return report.files.filter((f) => f.changed).map((f) => ({ path: f.path, text: f.after }));
}


/***/ })

};
