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
/* harmony export */   splicedBytes: () => (/* binding */ splicedBytes),
/* harmony export */   writeFiles: () => (/* binding */ writeFiles)
/* harmony export */ });
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _engine_file_specs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(283);
/* harmony import */ var _store_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4703);
// Files on disk, for the CLI and for the action's local mode, as a Store: list, read (refusing
// binary and non-UTF-8 files, whose bytes a text edit would damage), and write all-or-nothing,
// guarded by the bytes read (there are no commits on disk): the write compares the files with
// them byte for byte, and writes a changed file as the bytes read with only the edits made anew.





const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);
/**
 * Every file below `root`, as `/`-separated paths relative to it, sorted. Folders named in
 * SKIPPED_FOLDERS are not entered (a repository's .git, a node_modules, at any depth); symbolic
 * links are not followed.
 */
function listFiles(root) {
    const paths = [];
    const visit = (dir, prefix) => {
        for (const entry of (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)(dir, { withFileTypes: true })) {
            if (SKIPPED_FOLDERS.has(entry.name))
                continue;
            const path = prefix + entry.name;
            if (entry.isDirectory())
                visit((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, entry.name), `${path}/`);
            else if (entry.isFile())
                paths.push(path);
        }
    };
    visit(root, '');
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
/**
 * Writes every file, or none: each goes to a temporary file first, then all are renamed. A
 * change that carries its edits, of a file whose bytes `originals` holds, is written as those
 * bytes with only the edited ranges encoded anew (no second encoded copy of a large file).
 */
function writeFiles(root, files, originals) {
    const staged = [];
    try {
        for (const file of files) {
            const target = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, file.path);
            const temp = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(target), `.gitops-bump-${process.pid}-${staged.length}.tmp`);
            const original = originals?.get(file.path);
            const parts = original && file.edits && splicedBytes(original, file.edits, file.text);
            if (parts)
                writeParts(temp, parts);
            else
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
/** True when `at` falls between the two halves of a surrogate pair. */
function splitsPair(text, at) {
    const before = text.charCodeAt(at - 1);
    const after = text.charCodeAt(at);
    return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
/**
 * The bytes of `text` (the original's text with the edits made) as pieces of the original's
 * bytes and the edits' own; undefined when the edits do not describe `text` (not sorted, out
 * of range, splitting a character, or adding up to another length), so the text is written.
 */
function splicedBytes(original, edits, text) {
    const source = original.text;
    let length = source.length;
    let previous = 0;
    for (const edit of edits) {
        const { start, end } = edit;
        if (start < previous || end < start || end > source.length)
            return undefined;
        if (splitsPair(source, start) || splitsPair(source, end))
            return undefined;
        length += edit.text.length - (end - start);
        previous = end;
    }
    if (length !== text.length)
        return undefined;
    // As many bytes as characters: every character is ASCII, one byte, at its own offset.
    const ascii = original.bytes.length === source.length;
    const bytesOf = (from, to) => ascii ? to - from : Buffer.byteLength(source.slice(from, to), 'utf8');
    const parts = [];
    let char = 0;
    let byte = 0;
    for (const edit of edits) {
        const start = byte + bytesOf(char, edit.start);
        parts.push(original.bytes.subarray(byte, start), Buffer.from(edit.text, 'utf8'));
        byte = start + bytesOf(edit.start, edit.end);
        char = edit.end;
    }
    parts.push(original.bytes.subarray(byte));
    return parts;
}
/** Writes the pieces to a new file (or over a stale temporary one), one after the other. */
function writeParts(path, parts) {
    const fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(path, 'w');
    try {
        for (const part of parts) {
            for (let at = 0; at < part.length;)
                at += (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.writeSync)(fd, part, at, part.length - at);
        }
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(fd);
    }
}
/** Says what a named path that is not a regular file is: a directory, symlink or submodule. */
function describeOnDisk(root) {
    return (path) => {
        const full = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, path);
        let stat;
        try {
            stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.lstatSync)(full);
        }
        catch {
            return undefined;
        }
        if (stat.isSymbolicLink())
            return (0,_engine_file_specs_js__WEBPACK_IMPORTED_MODULE_3__/* .describeKind */ .SB)(path, 'symlink', (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readlinkSync)(full));
        if (stat.isDirectory())
            return (0,_engine_file_specs_js__WEBPACK_IMPORTED_MODULE_3__/* .describeKind */ .SB)(path, (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(full, '.git')) ? 'submodule' : 'directory');
        return undefined;
    };
}
/** Reads made by this process, so that each read's head differs from every other's. */
let reads = 0;
/** A name for a read, unique in this process: 40 hex digits of the pid, a count and the time. */
function readName() {
    reads++;
    const parts = [process.pid, reads, Date.now()].map((n) => n.toString(16).padStart(12, '0'));
    return parts.join('').padStart(40, '0');
}
/** A folder on disk as a Store; a write makes no commit (its `oid` and `url` are ''). */
class WorkspaceFolder {
    root;
    /** describe() looks at the disk (lstat), listed or not. */
    describesUnlisted = true;
    /** The last read: its head, and every path's bytes and text (undefined when absent). */
    last;
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
    /** Reads the paths; the head names this read, whose bytes are kept to guard the write. */
    async read(paths) {
        const kept = new Map();
        const files = new Map();
        for (const path of paths) {
            const full = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, path);
            const bytes = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(full) ? (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(full) : undefined;
            const text = bytes && decodeText(path, bytes);
            kept.set(path, bytes && { bytes, text: text });
            files.set(path, text);
        }
        const head = readName();
        this.last = { head, files: kept };
        return { head, files };
    }
    /** Writes all or none, if `head` is the last read and every file still holds its bytes. */
    async write(head, changes, _message) {
        const last = this.last;
        if (!last || last.head !== head) {
            throw new _store_js__WEBPACK_IMPORTED_MODULE_4__/* .StaleHeadError */ .q(`the files in ${this.root} were read again since this bump was made; run it again`);
        }
        for (const [path, file] of last.files) {
            if (!holdsBytes((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(this.root, path), file?.bytes)) {
                throw new _store_js__WEBPACK_IMPORTED_MODULE_4__/* .StaleHeadError */ .q(`files changed on disk in ${this.root} while the bump was being made; run it again`);
            }
        }
        writeFiles(this.root, changes, last.files);
        return { oid: '', url: '' };
    }
}
/** True when the file holds exactly `bytes` (or is absent, when `bytes` is), read in chunks. */
function holdsBytes(path, bytes) {
    if (!bytes)
        return !(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(path);
    let fd;
    try {
        fd = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(path, 'r');
    }
    catch {
        return false;
    }
    try {
        const chunk = Buffer.allocUnsafe(Math.min(1 << 20, bytes.length + 1));
        let at = 0;
        for (let n = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readSync)(fd, chunk); n > 0; n = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readSync)(fd, chunk)) {
            if (at + n > bytes.length)
                return false;
            if (!chunk.subarray(0, n).equals(bytes.subarray(at, at + n)))
                return false;
            at += n;
        }
        return at === bytes.length;
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(fd);
    }
}


/***/ })

};
