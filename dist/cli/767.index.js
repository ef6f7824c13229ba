export const id = 767;
export const ids = [767];
export const modules = {

/***/ 4703:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ StaleHeadError),
/* harmony export */   z: () => (/* binding */ UncertainWriteError)
/* harmony export */ });
// The one small interface every store speaks (files on disk, a GitHub repository through the
// API, a clone of any git remote): read these paths at a head, write these changes guarded by
// that head. A write that finds the head moved throws StaleHeadError and writes nothing; the
// run's retry loop (src/run/retry.ts) then reads again, re-applies the bump and writes again.
/** The head moved since it was read (another writer landed first): read again and retry. */
class StaleHeadError extends Error {
    constructor(message) {
        super(message);
        this.name = 'StaleHeadError';
    }
}
/** A write whose answer was lost (5xx, timeout, connection reset): it may or may not have landed. */
class UncertainWriteError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UncertainWriteError';
    }
}


/***/ }),

/***/ 7767:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FileReadError: () => (/* binding */ FileReadError),
/* harmony export */   WorkspaceFolder: () => (/* binding */ WorkspaceFolder),
/* harmony export */   decodeText: () => (/* binding */ decodeText),
/* harmony export */   describeOnDisk: () => (/* binding */ describeOnDisk),
/* harmony export */   listFiles: () => (/* binding */ listFiles),
/* harmony export */   readFiles: () => (/* binding */ readFiles),
/* harmony export */   writeFiles: () => (/* binding */ writeFiles)
/* harmony export */ });
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _engine_file_specs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6819);
/* harmony import */ var _store_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4703);
// Files on disk, for the CLI and for the action's local mode, as a Store: list, read (refusing
// binary and non-UTF-8 files, whose bytes a text edit would damage), and write all-or-nothing,
// guarded by a digest of the bytes read (there are no commits on disk).






const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);
/** Every file below `root`, as `/`-separated paths relative to it. */
function listFiles(root) {
    const entries = (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.readdirSync)(root, { recursive: true, withFileTypes: true });
    const paths = [];
    for (const entry of entries) {
        if (!entry.isFile())
            continue;
        const parent = entry.parentPath ??
            entry.path;
        const path = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.relative)(root, (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(parent, entry.name)).split(node_path__WEBPACK_IMPORTED_MODULE_3__.sep).join('/');
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
    return paths.map((path) => ({ path, text: decodeText(path, (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.readFileSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, path))) }));
}
/** Writes every file, or none: each goes to a temporary file first, then all are renamed. */
function writeFiles(root, files) {
    const staged = [];
    try {
        for (const file of files) {
            const target = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, file.path);
            const temp = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.dirname)(target), `.gitops-bump-${process.pid}-${staged.length}.tmp`);
            (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.writeFileSync)(temp, file.text, 'utf8');
            staged.push({ temp, target });
            (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.chmodSync)(temp, (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.statSync)(target).mode & 0o7777);
        }
    }
    catch (error) {
        for (const { temp } of staged)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.rmSync)(temp, { force: true });
        throw error;
    }
    for (const { temp, target } of staged)
        (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.renameSync)(temp, target);
}
/** Says what a named path that is not a regular file is: a directory, symlink or submodule. */
function describeOnDisk(root) {
    return (path) => {
        const full = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(root, path);
        let stat;
        try {
            stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.lstatSync)(full);
        }
        catch {
            return undefined;
        }
        if (stat.isSymbolicLink())
            return (0,_engine_file_specs_js__WEBPACK_IMPORTED_MODULE_4__/* .describeKind */ .SB)(path, 'symlink', (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.readlinkSync)(full));
        if (stat.isDirectory())
            return (0,_engine_file_specs_js__WEBPACK_IMPORTED_MODULE_4__/* .describeKind */ .SB)(path, (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(full, '.git')) ? 'submodule' : 'directory');
        return undefined;
    };
}
/** A folder on disk as a Store; a write makes no commit (its `oid` and `url` are ''). */
class WorkspaceFolder {
    root;
    /** The paths of the last read, whose digest guards the write. */
    paths = [];
    constructor(root) {
        this.root = root;
    }
    get where() {
        return this.root;
    }
    async list() {
        return listFiles(this.root);
    }
    /** Says what a named path is when it is not a regular file (a folder, symlink or submodule). */
    describe(path) {
        return describeOnDisk(this.root)(path);
    }
    async read(paths) {
        const files = new Map();
        const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.createHash)('sha256');
        for (const path of [...paths].sort()) {
            const full = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.root, path);
            const bytes = (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.existsSync)(full) ? (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.readFileSync)(full) : undefined;
            files.set(path, bytes && decodeText(path, bytes));
            hashEntry(hash, path, bytes && ((h) => h.update(bytes)));
        }
        this.paths = [...paths];
        return { head: hash.digest('hex'), files };
    }
    /** The digest read() gives for the files as they are now, read in chunks (no whole copy). */
    headNow() {
        const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.createHash)('sha256');
        for (const path of [...this.paths].sort()) {
            const full = (0,node_path__WEBPACK_IMPORTED_MODULE_3__.join)(this.root, path);
            hashEntry(hash, path, (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.existsSync)(full) ? (h) => hashFile(h, full) : undefined);
        }
        return hash.digest('hex');
    }
    /** Writes all or none, if every file last read still holds the bytes read. */
    async write(head, changes, _message) {
        if (this.headNow() !== head) {
            throw new _store_js__WEBPACK_IMPORTED_MODULE_5__/* .StaleHeadError */ .q(`files changed on disk in ${this.root} while the bump was being made; run it again`);
        }
        writeFiles(this.root, changes);
        return { oid: '', url: '' };
    }
}
/** One file's part of a digest: its path, then `-` when absent or `+` and its bytes. */
function hashEntry(hash, path, content) {
    hash.update(`${path}\0${content ? '+' : '-'}`);
    content?.(hash);
    hash.update('\0');
}
/** Feeds a file's bytes to the hash a megabyte at a time (no copy of the whole file). */
function hashFile(hash, path) {
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.openSync)(path, 'r');
    try {
        const chunk = Buffer.allocUnsafe(1 << 20);
        for (let n = (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.readSync)(fd, chunk); n > 0; n = (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.readSync)(fd, chunk))
            hash.update(chunk.subarray(0, n));
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_2__.closeSync)(fd);
    }
}


/***/ })

};
