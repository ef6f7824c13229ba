export const id = 767;
export const ids = [767];
export const modules = {

/***/ 7767:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ul: () => (/* binding */ readFiles),
/* harmony export */   editWorkspace: () => (/* binding */ editWorkspace),
/* harmony export */   g7: () => (/* binding */ decodeText),
/* harmony export */   hV: () => (/* binding */ writeFiles),
/* harmony export */   writeChanged: () => (/* binding */ writeChanged)
/* harmony export */ });
/* unused harmony exports listFiles, FileReadError */
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _engine_bump_files_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2457);
/* harmony import */ var _engine_file_specs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6819);
// Files on disk, for the CLI and for the action's local mode: list, read (refusing binary and
// non-UTF-8 files, whose bytes a text edit would damage), and write all-or-nothing.





const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);
/** Every file below `root`, as `/`-separated paths relative to it. */
function listFiles(root) {
    const entries = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(root, { recursive: true, withFileTypes: true });
    const paths = [];
    for (const entry of entries) {
        if (!entry.isFile())
            continue;
        const parent = entry.parentPath ??
            entry.path;
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(root, (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(parent, entry.name)).split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).join('/');
        if (path.split('/').some((part) => SKIPPED_FOLDERS.has(part)))
            continue;
        paths.push(path);
    }
    return paths.sort();
}
/** Thrown for a file that cannot be edited as text. */
class FileReadError extends Error {
    constructor(message) {
        super(message);
        this.name = 'FileReadError';
    }
}
/** Decodes a file's bytes as UTF-8 text; refuses binary files and other encodings. */
function decodeText(path, bytes) {
    if (bytes.includes(0))
        throw new FileReadError(`${path} is a binary file, not YAML or JSON; remove it from files.`);
    // Checked on the bytes (no second encoded copy of a large file): invalid UTF-8 would be
    // decoded with replacement characters, and writing those back would change other bytes.
    if (!(0,node_buffer__WEBPACK_IMPORTED_MODULE_0__.isUtf8)(bytes)) {
        throw new FileReadError(`${path} is not valid UTF-8; save it as UTF-8 so it can be edited without damaging other bytes.`);
    }
    return bytes.toString('utf8');
}
/** Reads the files at the given paths below `root`. */
function readFiles(root, paths) {
    return paths.map((path) => ({ path, text: decodeText(path, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, path))) }));
}
/** Writes every file, or none: each goes to a temporary file first, then all are renamed. */
function writeFiles(root, files) {
    const staged = [];
    try {
        for (const file of files) {
            const target = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, file.path);
            const temp = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(target), `.gitops-bump-${process.pid}-${staged.length}.tmp`);
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeFileSync)(temp, file.text, 'utf8');
            staged.push({ temp, target });
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.chmodSync)(temp, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync)(target).mode & 0o7777);
        }
    }
    catch (error) {
        for (const { temp } of staged)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.rmSync)(temp, { force: true });
        throw error;
    }
    for (const { temp, target } of staged)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.renameSync)(temp, target);
}
/** Reads the files the specs name below `root` and bumps them in memory; writes nothing. */
function editWorkspace(root, specs, bumps, options) {
    const targets = (0,_engine_file_specs_js__WEBPACK_IMPORTED_MODULE_4__/* .expandFileSpecs */ .Ze)(specs, listFiles(root));
    const files = readFiles(root, targets.map((t) => t.path));
    return (0,_engine_bump_files_js__WEBPACK_IMPORTED_MODULE_3__/* .bumpFiles */ .OS)(files, targets, bumps, options);
}
/** Writes the files a bump changed, all or none. */
function writeChanged(root, report) {
    writeFiles(root, report.files.filter((f) => f.changed).map((f) => ({ path: f.path, text: f.after })));
}


/***/ })

};
