export const id = 210;
export const ids = [210];
export const modules = {

/***/ 88:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  i$: () => (/* binding */ MissedPlacesError),
  u2: () => (/* binding */ PolicyViolationError),
  OS: () => (/* binding */ bumpFiles),
  cI: () => (/* binding */ noChangeReason),
  F7: () => (/* binding */ refusedOccurrences)
});

// UNUSED EXPORTS: BumpError

// EXTERNAL MODULE: ./src/engine/image-ref.ts
var image_ref = __webpack_require__(9323);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/engine/types.ts
var types = __webpack_require__(3171);
;// CONCATENATED MODULE: ./src/engine/walk.ts
// Walks a composed YAML document with the path and ancestors of each node, never following
// aliases (so an anchored value is visited once, where it is written, and alias bombs cost
// nothing).


/** Documents nested deeper than this are refused: no real manifest comes near it. */
const MAX_DEPTH = 500;
/** The text of a mapping key, or undefined for a complex key. */
function keyText(pair) {
    const key = pair.key;
    if ((0,dist/* isScalar */.jn)(key))
        return key.value === null ? '' : String(key.value);
    return undefined;
}
/** The pair with the given key in a mapping. */
function getPair(map, key) {
    for (const item of map.items) {
        if ((0,dist/* isPair */.tO)(item) && keyText(item) === key)
            return item;
    }
    return undefined;
}
/** The scalar value of a key, when it is a scalar (null values included). */
function getScalar(map, key) {
    const value = getPair(map, key)?.value;
    return (0,dist/* isScalar */.jn)(value) ? value : undefined;
}
/** The string value of a key, when it is a non-empty string or a plain number. */
function getString(map, key) {
    const scalar = getScalar(map, key);
    if (!scalar || scalar.value === null || scalar.value === undefined)
        return undefined;
    if (typeof scalar.value === 'string')
        return scalar.value;
    if (scalar.type === 'PLAIN' && scalar.source !== undefined)
        return String(scalar.source);
    return String(scalar.value);
}
/** Formats a path as `a.b[0].c`. */
function formatPath(path) {
    let out = '';
    for (const part of path) {
        if (typeof part === 'number')
            out += `[${part}]`;
        else if (/^[\w$-]+$/.test(part))
            out += out ? `.${part}` : part;
        else
            out += `[${JSON.stringify(part)}]`;
    }
    return out;
}
/** Visits every map, sequence and scalar below `root`. */
function walk(root, visitor) {
    if (!root)
        return;
    const path = [];
    const ancestors = [];
    const visit = (node) => {
        if (ancestors.length > MAX_DEPTH) {
            throw new types/* EngineError */.N(`the document is nested more than ${MAX_DEPTH} levels deep`, 'unsupported');
        }
        if ((0,dist/* isAlias */.Vj)(node) || node === null || node === undefined)
            return;
        if ((0,dist/* isMap */.jh)(node)) {
            visitor.map?.({ node, path: [...path], ancestors: [...ancestors] });
            ancestors.push(node);
            for (const pair of node.items) {
                path.push(keyText(pair) ?? '?');
                visit(pair.value);
                path.pop();
            }
            ancestors.pop();
        }
        else if ((0,dist/* isSeq */.oP)(node)) {
            visitor.seq?.({ node, path: [...path], ancestors: [...ancestors] });
            ancestors.push(node);
            node.items.forEach((item, index) => {
                path.push(index);
                visit(item);
                path.pop();
            });
            ancestors.pop();
        }
        else if ((0,dist/* isScalar */.jn)(node)) {
            visitor.scalar?.({ node, path: [...path], ancestors: [...ancestors] });
        }
    };
    visit(root);
}

;// CONCATENATED MODULE: ./src/engine/locators/argocd.ts
// Argo CD Helm parameters (`spec.source.helm.parameters` in Applications, `helm.parameters`
// in `.argocd-source*.yaml`): a parameter naming the repository beside one naming the tag,
// e.g. `image.repository` and `image.tag`.


function parameterSlot(item, path) {
    if (!item)
        return undefined;
    const pair = getPair(item.map, 'value');
    const node = getScalar(item.map, 'value');
    if (!pair || !node)
        return undefined;
    return { pair, node, path: [...path, item.index, 'value'] };
}
/** Field sites for the image parameters of a `helm.parameters` list. */
function argocdParameterSites(visit) {
    const { node: seq, path } = visit;
    const n = path.length;
    if (n < 2 || path[n - 1] !== 'parameters' || path[n - 2] !== 'helm')
        return [];
    const byName = new Map();
    seq.items.forEach((item, index) => {
        if (!(0,dist/* isMap */.jh)(item))
            return;
        const name = getString(item, 'name');
        if (name !== undefined)
            byName.set(name, { map: item, index });
    });
    const sites = [];
    for (const [name, item] of byName) {
        if (!name.endsWith('repository'))
            continue;
        const prefix = name.slice(0, -'repository'.length);
        const repository = getString(item.map, 'value');
        if (!repository)
            continue;
        const registry = byName.get(`${prefix}registry`);
        const registryValue = registry ? getString(registry.map, 'value') : undefined;
        const site = {
            type: 'fields',
            kind: 'argocd-parameter',
            map: item.map,
            path: [...path, item.index],
            names: [registryValue ? `${registryValue}/${repository}` : repository],
            nameNodes: [getScalar(item.map, 'value')],
            digestForm: 'digest',
            staleDigest: 'empty',
        };
        const tag = parameterSlot(byName.get(`${prefix}tag`), path);
        if (tag)
            site.tag = tag;
        const digest = parameterSlot(byName.get(`${prefix}digest`), path);
        if (digest)
            site.digest = digest;
        sites.push(site);
    }
    return sites;
}

;// CONCATENATED MODULE: ./src/engine/locators/helm-values.ts
// Helm values (and Flux HelmRelease `spec.values`, Argo CD `valuesObject`) that spread an
// image over keys, at any depth: `{registry, repository, tag, digest|sha}`, `{repository}`
// (the tag key is added), `{name, tag}`, `{image, tag|imageTag|version}` (elastic-style
// charts join `image` with a sibling tag key), `{image_name, image_version}` and other keys that
// share an `…image` prefix, Istio's `{hub, image, tag}`. A registry or hub
// defined once for the chart (`global.imageRegistry`, `global.image.registry`,
// `global.registry`, `defaultRegistry`, `defaultImageRegistry` + `defaultImageRepository`,
// `global.hub`) prefixes maps that do not set their own; an empty Istio `tag` falls back to
// `global.tag`, which is then the shared slot the bump lands on.


const KUSTOMIZE_KEYS = ['newName', 'newTag'];
/** Keys that make a mapping a container (or a job), whose `image` is a whole reference. */
const CONTAINER_KEYS = ['command', 'args', 'env', 'name', 'ports'];
function slot(map, key, path) {
    const pair = getPair(map, key);
    const node = getScalar(map, key);
    if (!pair || !node)
        return undefined;
    return { pair, node, path: [...path, key] };
}
function child(map, key) {
    const value = getPair(map, key)?.value;
    return (0,dist/* isMap */.jh)(value) ? value : undefined;
}
const trimSlash = (value) => value.replace(/\/+$/, '');
/** The chart-level registry, hub and tag of the nearest values root above the map. */
function chartScope(visit) {
    const maps = [...visit.ancestors];
    for (let i = maps.length - 1; i >= 0; i--) {
        const scope = maps[i];
        if (!(0,dist/* isMap */.jh)(scope))
            continue;
        const global = child(scope, 'global');
        const defaultRegistry = getString(scope, 'defaultRegistry');
        const defaultImageRegistry = getString(scope, 'defaultImageRegistry');
        if (!global && defaultRegistry === undefined && defaultImageRegistry === undefined)
            continue;
        const globalImage = global && child(global, 'image');
        const registry = (global && getString(global, 'imageRegistry')) ||
            (globalImage && getString(globalImage, 'registry')) ||
            (global && getString(global, 'registry')) ||
            defaultRegistry ||
            defaultImageRegistry;
        const found = {};
        if (registry)
            found.registry = trimSlash(registry);
        const prefix = getString(scope, 'defaultImageRepository');
        if (prefix)
            found.repositoryPrefix = trimSlash(prefix);
        const hub = global && getString(global, 'hub');
        if (hub)
            found.hub = trimSlash(hub);
        const tag = global && slot(global, 'tag', [...visit.path.slice(0, i), 'global']);
        if (tag && hub)
            found.globalTag = tag;
        return found;
    }
    return {};
}
/** True for a document that is Helm values: no Kubernetes kind, no compose services. */
function inValues(visit) {
    const root = visit.ancestors[0] ?? visit.node;
    if (!(0,dist/* isMap */.jh)(root))
        return false;
    return !getPair(root, 'kind') && !getPair(root, 'apiVersion') && !getPair(root, 'services');
}
function keysOf(map, visit, scope) {
    const tagKey = ['tag', 'imageTag', 'version'].find((key) => getPair(map, key));
    if (getString(map, 'repository')) {
        const own = tagKey === 'version' ? undefined : tagKey;
        return { nameKey: 'repository', tagKey: own ?? 'tag', present: own !== undefined };
    }
    const image = getString(map, 'image');
    if (image) {
        // `image: repo:tag` is a whole reference: the reference locator takes it.
        if (/@|:[^/]*$/.test(image))
            return undefined;
        if (tagKey)
            return { nameKey: 'image', tagKey, present: true };
        // Istio's `global.proxy.image: proxyv2`: the chart's hub and shared tag complete it.
        if (scope.hub && scope.globalTag && !image.includes('/'))
            return { nameKey: 'image', tagKey: 'tag', present: false, shared: true };
        // `image: repo` alone at the root of a values file: elastic-style charts join it with
        // `imageTag`. Deeper, an untagged `image` is read as a whole reference (the tag appended).
        const lone = !CONTAINER_KEYS.some((key) => getPair(map, key));
        if (lone && visit.path.length === 0 && inValues(visit))
            return { nameKey: 'image', tagKey: 'imageTag', present: false };
        return undefined;
    }
    if (tagKey === 'tag' && getString(map, 'name'))
        return { nameKey: 'name', tagKey, present: true };
    return prefixedKeys(map);
}
// `image_name` + `image_version`, `imageRepository` + `imageTag`, `image-repo` + `image-tag`.
const PREFIXED_NAME = /^(.*image)([_-]?)(name|repository|repo)$/i;
/** Name and tag keys sharing an `…image` prefix, the name untagged; or undefined. */
function prefixedKeys(map) {
    for (const item of map.items) {
        const key = (0,dist/* isScalar */.jn)(item.key) ? String(item.key.value) : '';
        const match = PREFIXED_NAME.exec(key);
        if (!match)
            continue;
        const value = getString(map, key);
        if (!value || /@|:[^/]*$/.test(value))
            continue;
        const [, prefix, separator, word] = match;
        const upper = word[0] === word[0].toUpperCase();
        for (const tail of ['tag', 'version']) {
            const tagKey = `${prefix}${separator}${upper ? tail[0].toUpperCase() + tail.slice(1) : tail}`;
            if (getPair(map, tagKey))
                return { nameKey: key, tagKey, present: true };
        }
    }
    return undefined;
}
/** The image's full name: own registry (or hub) first, then the chart's. */
function fullName(map, nameKey, repository, scope) {
    const own = getString(map, 'registry') ?? getString(map, 'hub');
    if (own)
        return `${trimSlash(own)}/${repository}`;
    const first = repository.split('/')[0] ?? '';
    const hasHost = repository.includes('/') && (/[.:]/.test(first) || first === 'localhost');
    if (hasHost)
        return repository;
    if (scope.hub && (getPair(map, 'hub') || !repository.includes('/')))
        return `${scope.hub}/${repository}`;
    const prefix = nameKey !== 'repository' && !repository.includes('/') && scope.repositoryPrefix
        ? `${scope.repositoryPrefix}/`
        : '';
    return scope.registry ? `${scope.registry}/${prefix}${repository}` : `${prefix}${repository}`;
}
/** A field site for a Helm-style image mapping, or undefined. */
function helmValuesSite(visit) {
    const { node: map, path } = visit;
    if (KUSTOMIZE_KEYS.some((key) => getPair(map, key)))
        return undefined;
    const scope = chartScope(visit);
    const keys = keysOf(map, visit, scope);
    if (!keys)
        return undefined;
    const repository = getString(map, keys.nameKey);
    const nameNodes = [getScalar(map, keys.nameKey)];
    const site = {
        type: 'fields',
        kind: 'helm-values',
        map,
        path,
        names: [fullName(map, keys.nameKey, repository, scope)],
        nameNodes,
        digestForm: getPair(map, 'digest') ? 'digest' : 'sha',
        staleDigest: 'empty',
    };
    const tag = keys.present ? slot(map, keys.tagKey, path) : undefined;
    const emptyOwn = tag && getPair(map, 'hub') && !getString(map, keys.tagKey);
    if ((keys.shared || emptyOwn) && scope.globalTag) {
        site.tag = scope.globalTag;
        site.sharedTag = 'global.tag';
    }
    else if (tag)
        site.tag = tag;
    else if (!keys.present)
        site.insert = { after: getPair(map, keys.nameKey), tagKey: keys.tagKey };
    const digest = slot(map, 'digest', path) ?? slot(map, 'sha', path);
    if (digest)
        site.digest = digest;
    return site;
}

;// CONCATENATED MODULE: ./src/engine/locators/kustomize.ts
// Kustomize `images:` entries (kustomization.yaml, Components, Flux Kustomization
// `spec.images`): matched on `name` or `newName`; `newTag` and `digest` are set, and added
// when missing.


/** A field site for a kustomize images entry, or undefined. */
function kustomizeSite(visit) {
    const { node: map, path, ancestors } = visit;
    const n = path.length;
    if (n < 2 || path[n - 2] !== 'images' || typeof path[n - 1] !== 'number')
        return undefined;
    if (!(0,dist/* isSeq */.oP)(ancestors[ancestors.length - 1]))
        return undefined;
    const name = getString(map, 'name');
    if (name === undefined)
        return undefined;
    const names = [name];
    const nameNodes = [getScalar(map, 'name')];
    const newName = getString(map, 'newName');
    if (newName !== undefined) {
        names.push(newName);
        nameNodes.push(getScalar(map, 'newName'));
    }
    const after = getPair(map, newName !== undefined ? 'newName' : 'name');
    // Flux's image automation tests write `newDigest`; kustomize itself reads `digest`.
    const digestKey = getPair(map, 'newDigest') ? 'newDigest' : 'digest';
    const site = {
        type: 'fields',
        kind: 'kustomize',
        map,
        path,
        names,
        nameNodes,
        digestForm: 'digest',
        insert: { after, tagKey: 'newTag', digestKey },
        staleDigest: 'delete',
    };
    const tagPair = getPair(map, 'newTag');
    const tagNode = getScalar(map, 'newTag');
    if (tagPair && tagNode)
        site.tag = { pair: tagPair, node: tagNode, path: [...path, 'newTag'] };
    const digestPair = getPair(map, digestKey);
    const digestNode = getScalar(map, digestKey);
    if (digestPair && digestNode)
        site.digest = { pair: digestPair, node: digestNode, path: [...path, digestKey] };
    return site;
}

;// CONCATENATED MODULE: ./src/engine/interpolation.ts
// Compose-style variable interpolation inside a value: `${VAR}`, `${VAR:-default}`,
// `${VAR-default}`, `${VAR:?error}`, `$VAR`. A value is read with each default in place of its
// variable, keeping for every character of that reading where it stands in the value, so a
// tag written as a default is edited where it stands and the `${VAR:-` and `}` around it stay.
// `${NAME` then an optional operator and its word (one level of braces allowed inside).
const BRACED = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=?+])((?:[^{}]|\{[^{}]*\})*))?\}/y;
const BARE = /\$([A-Za-z_][A-Za-z0-9_]*)/y;
/** What an open variable reads as: lower-case letters, valid in a name and in a tag. */
const STAND_IN = 'x';
/** Reads a value with its interpolations resolved; undefined when it holds none. */
function resolveInterpolation(value) {
    if (!value.includes('$'))
        return undefined;
    let out = '';
    const at = [];
    const open = [];
    let found = false;
    let i = 0;
    while (i < value.length) {
        if (value.startsWith('$$', i)) {
            at.push(i);
            out += '$';
            i += 2;
            continue;
        }
        BRACED.lastIndex = i;
        BARE.lastIndex = i;
        const braced = value[i] === '$' ? BRACED.exec(value) : null;
        const bare = value[i] === '$' && !braced ? BARE.exec(value) : null;
        const match = braced ?? bare;
        if (!match) {
            at.push(i);
            out += value[i];
            i++;
            continue;
        }
        found = true;
        const [whole, name, operator, word] = match;
        if (operator === ':-' || operator === '-' || operator === ':=' || operator === '=') {
            if (word?.includes('$'))
                return undefined; // nested interpolation: not read
            const wordStart = i + whole.length - 1 - (word ?? '').length;
            for (let k = 0; k < (word ?? '').length; k++)
                at.push(wordStart + k);
            out += word ?? '';
        }
        else {
            open.push({ name: name, start: out.length, end: out.length + STAND_IN.length });
            at.push(i);
            out += STAND_IN;
        }
        i += whole.length;
    }
    if (!found)
        return undefined;
    at.push(value.length);
    return { value: out, at, open };
}
/**
 * The range of the original value that resolved[start, end) was written as; undefined when
 * those characters are not one contiguous run of it (they span a `${` or `}`). An empty range
 * maps to the point right after the character before it.
 */
function toOriginal(at, start, end) {
    if (start === end) {
        const point = start > 0 ? at[start - 1] + 1 : at[0];
        return [point, point];
    }
    const from = at[start];
    const to = at[end - 1] + 1;
    return to - from === end - start ? [from, to] : undefined;
}

;// CONCATENATED MODULE: ./src/engine/scalar.ts
// Byte-exact scalar surgery: maps each character of a scalar's value back to the bytes that
// wrote it, so that a tag is replaced where it stands and every other byte stays, quotes and
// all. A folded block whose value sits on one source line maps too. Scalars whose value cannot
// be mapped one to one (folded over lines, multi-line quoted, escaped) are refused.

const SIMPLE_ESCAPES = {
    '0': '\0',
    a: '\x07',
    b: '\b',
    t: '\t',
    '\t': '\t',
    n: '\n',
    v: '\v',
    f: '\f',
    r: '\r',
    e: '\x1b',
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    N: '\x85',
    _: '\xa0',
    L: '\u2028',
    P: '\u2029',
};
const HEX_ESCAPES = { x: 2, u: 4, U: 8 };
/** Maps a scalar node to its source; undefined when the value is not one-to-one with the bytes. */
function mapScalar(text, node) {
    const range = node.range;
    if (!range)
        return undefined;
    const [start, end] = range;
    switch (node.type) {
        case 'PLAIN': {
            const source = text.slice(start, end);
            if (source.includes('\n'))
                return undefined;
            return {
                value: source,
                offsets: offsetsFrom(start, source.length),
                style: 'plain',
                start,
                end,
            };
        }
        case 'QUOTE_SINGLE':
            return mapSingleQuoted(text, start, end);
        case 'QUOTE_DOUBLE':
            return mapDoubleQuoted(text, start, end);
        case 'BLOCK_LITERAL':
            return mapLiteral(text, node, start, end);
        case 'BLOCK_FOLDED': {
            // Folded lines join with spaces; a value on one source line maps like a literal one.
            const value = String(node.value);
            if (value.replace(/\n$/, '').includes('\n') || value.includes(' '))
                return undefined;
            return mapLiteral(text, node, start, end);
        }
        default:
            return undefined;
    }
}
function offsetsFrom(start, length) {
    const offsets = new Array(length + 1);
    for (let i = 0; i <= length; i++)
        offsets[i] = start + i;
    return offsets;
}
function mapSingleQuoted(text, start, end) {
    let value = '';
    const offsets = [];
    for (let at = start + 1; at < end - 1; at++) {
        const ch = text[at];
        if (ch === '\n' || ch === '\r')
            return undefined;
        offsets.push(at);
        value += ch;
        if (ch === "'")
            at++;
    }
    offsets.push(end - 1);
    return { value, offsets, style: 'single', start, end };
}
function mapDoubleQuoted(text, start, end) {
    let value = '';
    const offsets = [];
    for (let at = start + 1; at < end - 1; at++) {
        const ch = text[at];
        if (ch === '\n' || ch === '\r')
            return undefined;
        offsets.push(at);
        if (ch !== '\\') {
            value += ch;
            continue;
        }
        const code = text[at + 1] ?? '';
        const simple = SIMPLE_ESCAPES[code];
        if (simple !== undefined) {
            value += simple;
            at++;
            continue;
        }
        const digits = HEX_ESCAPES[code];
        if (digits === undefined)
            return undefined;
        const hex = text.slice(at + 2, at + 2 + digits);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits)
            return undefined;
        const decoded = String.fromCodePoint(Number.parseInt(hex, 16));
        value += decoded;
        // A code point outside the BMP is two UTF-16 units that share one source position.
        if (decoded.length === 2)
            offsets.push(at);
        at += 1 + digits;
    }
    offsets.push(end - 1);
    return { value, offsets, style: 'double', start, end };
}
function mapLiteral(text, node, start, end) {
    const value = String(node.value);
    const contentStart = text.indexOf('\n', start) + 1;
    if (contentStart <= 0 || contentStart > end)
        return undefined;
    const valueLines = value.split('\n');
    const offsets = [];
    let at = contentStart;
    for (let i = 0; i < valueLines.length; i++) {
        const want = valueLines[i];
        const lineEnd = nextBreak(text, at, end);
        const sourceLine = text.slice(at, lineEnd).replace(/\r$/, '');
        if (i === valueLines.length - 1 && want === '') {
            offsets.push(at);
            break;
        }
        if (!sourceLine.endsWith(want) || at >= end)
            return undefined;
        const first = at + sourceLine.length - want.length;
        for (let c = 0; c < want.length; c++)
            offsets.push(first + c);
        // The line break itself: value '\n' maps to the break in the source.
        offsets.push(at + sourceLine.length);
        at = lineEnd + 1;
    }
    if (offsets.length !== value.length + 1)
        return undefined;
    return { value, offsets, style: 'literal', start, end };
}
function nextBreak(text, from, end) {
    const at = text.indexOf('\n', from);
    return at < 0 || at > end ? end : at;
}
/**
 * Turns an edit of the value (value[start, end) → replacement) into an edit of the text.
 * Undefined when those characters are not written literally (escapes), so the caller refuses.
 */
function mapValueEdit(mapped, text, start, end, replacement) {
    const from = mapped.offsets[start];
    const to = mapped.offsets[end];
    if (from === undefined || to === undefined)
        return undefined;
    if (to - from !== end - start)
        return undefined;
    if (text.slice(from, to) !== mapped.value.slice(start, end))
        return undefined;
    if (mapped.style === 'double' && /["\\]/.test(replacement))
        return undefined;
    if (mapped.style === 'single' && replacement.includes("'"))
        return undefined;
    if (/[\r\n]/.test(replacement))
        return undefined;
    return { start: from, end: to, text: replacement };
}
/** True when `value`, written plain, reads back as that same string in YAML 1.1 and 1.2. */
function isSafePlain(value, inFlow = false) {
    if (value.length === 0)
        return false;
    if (inFlow && /[,[\]{}]/.test(value))
        return false;
    for (const version of ['1.1', '1.2']) {
        const doc = (0,dist/* parseDocument */.Tp)(value, { version });
        if (doc.errors.length > 0 || doc.warnings.length > 0)
            return false;
        const contents = doc.contents;
        if (!contents || contents.value !== value)
            return false;
    }
    return true;
}
/** A double-quoted YAML scalar for any string (JSON's escapes are a subset of YAML's). */
function doubleQuoted(value) {
    return JSON.stringify(value);
}

;// CONCATENATED MODULE: ./src/engine/locators/references.ts
// Image references written as one string: container and compose `image:` values, ConfigMap
// values, container arguments, Argo CD `kustomize.images` entries (`alias=name:tag`, which
// answer to either name), and compose interpolation anywhere in the value
// (`name:${TAG:-1.2}`, `${IMAGE:-name:1.2}`; a tag that is only `${TAG}` is reported).





const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
// `alias=ref` (Argo CD kustomize image overrides, `--flag=ref`).
const ASSIGNMENT = /^([^=\s]+)=(.+)$/;
/** Finds a reference that is the whole value, or the one part of it that can be one. */
function findIn(value) {
    const whole = (0,image_ref/* tryParseReference */.WF)(value);
    if (whole)
        return { ref: whole, start: 0, end: value.length };
    const assignment = ASSIGNMENT.exec(value);
    if (assignment) {
        const inner = assignment[2];
        const ref = (0,image_ref/* tryParseReference */.WF)(inner);
        if (!ref)
            return undefined;
        const found = { ref, start: value.length - inner.length, end: value.length };
        const alias = (0,image_ref/* tryParseReference */.WF)(assignment[1]);
        if (alias && alias.tag === undefined && alias.digest === undefined)
            found.alias = alias.name;
        return found;
    }
    return undefined;
}
/** A reference in a value, read through its interpolations; what stays open is named. */
function findReference(value) {
    const resolved = resolveInterpolation(value);
    if (!resolved)
        return findIn(value);
    const found = findIn(resolved.value);
    if (!found)
        return undefined;
    const nameEnd = found.start + found.ref.name.length;
    const open = resolved.open.filter((v) => v.end > found.start && v.start < found.end);
    // A variable in the name: which image it is is decided outside the file.
    if (open.some((v) => v.start < nameEnd))
        return undefined;
    const result = { ...found, at: resolved.at, resolved: resolved.value };
    return open.length > 0 ? { ...result, openTag: open[0].name } : result;
}
/** True where a key or its neighbour says the value is an image (`fooImage`, `--x-image`). */
function isImagePosition(visit) {
    const { path } = visit;
    const last = path[path.length - 1];
    if (typeof last === 'string')
        return last.toLowerCase().endsWith('image');
    const parentKey = path[path.length - 2];
    if (typeof parentKey === 'string' && parentKey.toLowerCase().endsWith('images'))
        return true;
    return followsImageFlag(visit) || isPatchedImage(visit);
}
/** A container argument following a flag such as `--executor-image`. */
function followsImageFlag(visit) {
    const last = visit.path[visit.path.length - 1];
    const parent = visit.ancestors[visit.ancestors.length - 1];
    if (typeof last !== 'number' || last === 0 || !(0,dist/* isSeq */.oP)(parent))
        return false;
    const previous = parent.items[last - 1];
    return ((0,dist/* isScalar */.jn)(previous) && typeof previous.value === 'string' && /^-.*image$/i.test(previous.value));
}
/** The `value` of a JSON6902 operation whose `path` ends in `/image`. */
function isPatchedImage(visit) {
    const parent = visit.ancestors[visit.ancestors.length - 1];
    if (visit.path[visit.path.length - 1] !== 'value' || !(0,dist/* isMap */.jh)(parent))
        return false;
    const target = getString(parent, 'path');
    return target !== undefined && getString(parent, 'op') !== undefined && /\/image$/.test(target);
}
/**
 * True where the schema says a bare name (no tag, no digest) is an image: a key named exactly
 * `image` (containers, compose services, workflow templates), a list under `images`, a value
 * after an `--…-image` flag, a JSON6902 `value` for an `…/image` path. A key that merely
 * contains the word (`selectedImage`, a label) is not: a bare name there is reported instead.
 */
function isBareImagePosition(visit) {
    const { path } = visit;
    const last = path[path.length - 1];
    if (typeof last === 'string')
        return last === 'image' || isPatchedImage(visit);
    const parentKey = path[path.length - 2];
    return parentKey === 'images' || followsImageFlag(visit);
}
/** The container (Kubernetes) or service (compose) an `image` value belongs to. */
function containerOf(visit) {
    const { path, ancestors } = visit;
    const n = path.length;
    if (n >= 3 && path[n - 1] === 'image' && typeof path[n - 2] === 'number') {
        const list = path[n - 3];
        const owner = ancestors[ancestors.length - 1];
        if (typeof list === 'string' && CONTAINER_LISTS.has(list) && (0,dist/* isMap */.jh)(owner)) {
            const name = getString(owner, 'name');
            return name === undefined ? { kind: 'container' } : { kind: 'container', name };
        }
    }
    if (n === 3 && path[0] === 'services' && path[2] === 'image' && typeof path[1] === 'string') {
        return { kind: 'compose', name: path[1] };
    }
    const merged = path[n - 1] === 'image' ? mergingServices(visit) : [];
    if (merged.length > 0)
        return { kind: 'compose', merged };
    return { kind: 'reference' };
}
/** True when a merge key's value is an alias of the anchor (or a list holding one). */
function mergesAnchor(value, anchor) {
    if ((0,dist/* isAlias */.Vj)(value))
        return value.source === anchor;
    return (0,dist/* isSeq */.oP)(value) && value.items.some((item) => (0,dist/* isAlias */.Vj)(item) && item.source === anchor);
}
/**
 * The compose services that take this `image` through a merge key (`<<: *app`) from the
 * anchored mapping it sits in, and do not set an image of their own.
 */
function mergingServices(visit) {
    const root = visit.ancestors[0];
    const owner = visit.ancestors[visit.ancestors.length - 1];
    const anchor = (0,dist/* isMap */.jh)(owner) ? owner.anchor : undefined;
    if (!anchor || !(0,dist/* isMap */.jh)(root))
        return [];
    const services = getPair(root, 'services')?.value;
    if (!(0,dist/* isMap */.jh)(services))
        return [];
    const names = [];
    for (const pair of services.items) {
        const service = pair.value;
        if (!(0,dist/* isMap */.jh)(service) || getPair(service, 'image'))
            continue;
        const merge = getPair(service, '<<');
        if (merge && mergesAnchor(merge.value, anchor) && (0,dist/* isScalar */.jn)(pair.key))
            names.push(String(pair.key.value));
    }
    return names;
}
/** A reference site for a scalar, or undefined when the scalar holds no image reference. */
function referenceSite(text, visit) {
    const node = visit.node;
    if (typeof node.value !== 'string' || node.value.length === 0)
        return undefined;
    const found = findReference(node.value);
    if (!found)
        return undefined;
    const { ref } = found;
    if (ref.tag === undefined && ref.digest === undefined) {
        if (!isBareImagePosition(visit))
            return undefined;
    }
    else if (!isImagePosition(visit) && ref.digest === undefined) {
        // `redis:6379` in a generic value is a host and port far more often than an image.
        if (/^[0-9]+$/.test(ref.tag ?? '') && !ref.name.includes('/'))
            return undefined;
    }
    const onBytes = mapScalar(text, node);
    const unmapped = !onBytes || onBytes.value !== node.value;
    const [start, end] = node.range ?? [0, 0];
    const mapped = unmapped
        ? { value: node.value, offsets: [], style: 'double', start, end }
        : onBytes;
    const context = containerOf(visit);
    const site = {
        type: 'reference',
        kind: context.kind,
        node,
        mapped,
        refStart: found.start,
        refEnd: found.end,
        ref,
        path: visit.path,
        inFlow: visit.ancestors.some((a) => a.flow === true),
    };
    if (found.alias !== undefined && found.alias !== ref.name)
        site.alias = found.alias;
    if (found.at && found.resolved !== undefined)
        site.resolved = { value: found.resolved, at: found.at };
    if (found.openTag !== undefined)
        site.openTag = found.openTag;
    if (context.name !== undefined)
        site.container = context.name;
    if (unmapped)
        site.unmapped = true;
    if (context.merged)
        site.mergedInto = context.merged;
    return site;
}

;// CONCATENATED MODULE: ./src/engine/collect.ts






/** A one-line string holding a JSON object or array (`values: '{"image": "app:1.0"}'`). */
function isJsonString(node) {
    if (typeof node.value !== 'string' || node.value.includes('\n'))
        return false;
    const value = node.value.trim();
    return ((value.startsWith('{') && value.endsWith('}')) || (value.startsWith('[') && value.endsWith(']')));
}
/** Collects every site of a document, reference strings in key-based mappings left out. */
function collectSites(text, doc, embedded) {
    const sites = [];
    const claimed = new Set();
    const claim = (site) => {
        if (site.type !== 'fields')
            return;
        for (const node of site.nameNodes)
            claimed.add(node);
        if (site.tag)
            claimed.add(site.tag.node);
        if (site.digest)
            claimed.add(site.digest.node);
    };
    walk(doc.contents, {
        map(visit) {
            const site = kustomizeSite(visit) ?? helmValuesSite(visit);
            if (site) {
                claim(site);
                sites.push(site);
            }
        },
        seq(visit) {
            for (const site of argocdParameterSites(visit)) {
                claim(site);
                sites.push(site);
            }
        },
        scalar(visit) {
            if (claimed.has(visit.node))
                return;
            if (visit.node.type === 'BLOCK_LITERAL' || isJsonString(visit.node)) {
                embedded(visit.node, visit.path);
                return;
            }
            const site = referenceSite(text, visit);
            if (site)
                sites.push(site);
        },
    });
    return sites;
}
/** Every name a site answers to. */
function siteNames(site) {
    if (site.type === 'fields')
        return site.names;
    return site.alias !== undefined ? [site.ref.name, site.alias] : [site.ref.name];
}
/** True when the site answers to the canonical name. */
function siteMatches(site, canonical) {
    return siteNames(site).some((name) => (0,image_ref/* normalizeName */.Pc)(name) === canonical);
}
/** The scalars a site is written in (for the lines it covers). */
function siteNodes(site) {
    if (site.type === 'reference')
        return [site.node];
    return [
        ...site.nameNodes,
        ...(site.tag ? [site.tag.node] : []),
        ...(site.digest ? [site.digest.node] : []),
    ];
}

;// CONCATENATED MODULE: ./src/engine/text.ts
// Plain-text helpers: line numbers, line endings, and cutting a YAML stream into documents
// without parsing it, so that only documents that can hold the image are parsed at all.
/** Line breaks between two checkpoints of a LineIndex: a backward question counts at most this many. */
const CHECKPOINT_LINES = 1024;
/**
 * Maps offsets to 1-based line and column numbers. Lines are counted on demand, only as far into
 * the text as the offsets asked about, and only a checkpoint every CHECKPOINT_LINES lines is
 * kept: naming the line of one edit in a 10 MB manifest counts that far once and keeps a few
 * hundred numbers, not one per line. The last line answered is kept too: the questions about
 * one document (its edits, its handled and missed lines) count only the lines between them.
 */
class LineIndex {
    text;
    /** Offsets of the starts of lines 1, 1 + CHECKPOINT_LINES, 1 + 2 * CHECKPOINT_LINES, … */
    checkpoints = [0];
    /** The furthest line start counted so far, and its 0-based line. */
    frontier = 0;
    frontierLine = 0;
    /** The start of the line of the last answer behind the frontier, and its 0-based line. */
    cursor = 0;
    cursorLine = 0;
    constructor(text) {
        this.text = text;
    }
    /** 1-based line of an offset. */
    line(offset) {
        if (offset >= this.frontier)
            return this.advance(offset) + 1;
        // Behind the frontier: count from the nearest checkpoint at or before the offset…
        let lo = 0;
        let hi = this.checkpoints.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if ((this.checkpoints[mid] ?? 0) <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        let start = this.checkpoints[lo] ?? 0;
        let line = lo * CHECKPOINT_LINES;
        // …or on from the last answer, when that is nearer…
        if (this.cursor <= offset && this.cursor > start) {
            start = this.cursor;
            line = this.cursorLine;
        }
        // …or back from the last answer or the frontier after it, when that is nearer still.
        const ahead = this.cursor > offset ? this.cursor : this.frontier;
        if (ahead - offset < offset - start) {
            const aheadLine = this.cursor > offset ? this.cursorLine : this.frontierLine;
            start = lineStart(this.text, offset);
            line = aheadLine - this.breaks(start, ahead);
        }
        for (let at = this.text.indexOf('\n', start); at >= 0 && at < offset;) {
            line++;
            start = at + 1;
            at = this.text.indexOf('\n', start);
        }
        this.cursor = start;
        this.cursorLine = line;
        return line + 1;
    }
    /** Line breaks in [from, to). */
    breaks(from, to) {
        let count = 0;
        for (let at = this.text.indexOf('\n', from); at >= 0 && at < to; at = this.text.indexOf('\n', at + 1))
            count++;
        return count;
    }
    /** 1-based column of an offset. */
    column(offset) {
        return offset - lineStart(this.text, offset) + 1;
    }
    /** Counts lines from the frontier up to `offset`, recording checkpoints; the 0-based line. */
    advance(offset) {
        const { text } = this;
        let line = this.frontierLine;
        let start = this.frontier;
        let at = text.indexOf('\n', start);
        while (at >= 0 && at < offset) {
            line++;
            start = at + 1;
            if (line % CHECKPOINT_LINES === 0)
                this.checkpoints.push(start);
            at = text.indexOf('\n', start);
        }
        this.frontier = start;
        this.frontierLine = line;
        return line;
    }
}
/** Characters of the text's start whose frequencies pick the piece of a needle to search for. */
const SAMPLE_CHARS = 4096;
/** Length of that piece: V8 searches a pattern this short by scanning for its first character. */
const PROBE_CHARS = 6;
/**
 * The piece of `needle` to search the text for: up to PROBE_CHARS characters from its rarest
 * character in a sample of the text, and where that piece starts in the needle. A whole name
 * such as `service-4242` is slow to search where `service-` is everywhere; `4242` is not.
 */
function probeFor(text, needle) {
    const counts = new Uint32Array(256);
    const end = Math.min(text.length, SAMPLE_CHARS);
    for (let i = 0; i < end; i++)
        counts[text.charCodeAt(i) & 255]++;
    let best = 0;
    for (let i = 1; i < needle.length; i++) {
        if (counts[needle.charCodeAt(i) & 255] < counts[needle.charCodeAt(best) & 255])
            best = i;
    }
    return { probe: needle.slice(best, best + PROBE_CHARS), shift: best };
}
/** Sorted offsets of every occurrence of the needles in the text (empty needles are ignored). */
function findAll(text, needles) {
    const hits = [];
    for (const needle of new Set(needles)) {
        if (needle.length === 0)
            continue;
        // Every occurrence holds the probe at `shift`; each probe hit is checked against the needle.
        const { probe, shift } = probeFor(text, needle);
        let at = text.indexOf(probe, shift);
        while (at >= 0) {
            const start = at - shift;
            if (text.startsWith(needle, start)) {
                hits.push(start);
                at = text.indexOf(probe, start + needle.length + shift);
            }
            else
                at = text.indexOf(probe, at + 1);
        }
    }
    return hits.sort((a, b) => a - b);
}
/** A character that continues a path component (`app` in `apps`, `app_2`, `app.io`, `app-x`). */
function continuesName(code) {
    return ((code >= 97 && code <= 122) || // a-z
        (code >= 65 && code <= 90) || // A-Z
        (code >= 48 && code <= 57) || // 0-9
        code === 95 || // _
        code === 46 || // .
        code === 45 // -
    );
}
/**
 * True when the name at [start, end) can be the last path component of an image reference. Not
 * after a letter, digit, `_` or `.` (`xapp`, `my.app`); a dash before it may end an
 * interpolation's default marker (`${IMAGE:-app:1.0}`, `${IMAGE-app}`), so it is kept. Not
 * before another component (`/`) nor before what continues it (`apps`, `app.kubernetes.io`,
 * `app-exporter`), except trailing dots and dashes, which a reference read from prose drops.
 */
function standsAsLastComponent(text, start, end) {
    const before = start > 0 ? text.charCodeAt(start - 1) : 32;
    if (before !== 45 && continuesName(before))
        return false; // 45: -
    let at = end;
    while (at < text.length && (text[at] === '.' || text[at] === '-'))
        at++;
    if (at >= text.length)
        return true;
    const next = text.charCodeAt(at);
    return next !== 47 && !continuesName(next); // 47: /
}
/**
 * Sorted offsets of every place where one of the names (the last path components of images)
 * stands as the last component of a name: `app` in `ghcr.io/org/app:1.0`, `app`, `org/app@…`
 * and `app.` but not in `apps/v1`, `app.kubernetes.io/name`, `myapp` or `app-exporter`. Every
 * spelling of an image holds its last component so, which is what lets the engine leave every
 * other document and line alone.
 */
function findNames(text, names) {
    const hits = findAll(text, names);
    // An occurrence starting inside another follows a character of the name, so is no place of
    // its own: the non-overlapping hits of findAll are all there is to check.
    return hits.filter((at) => names.some((name) => name.length > 0 &&
        text.startsWith(name, at) &&
        standsAsLastComponent(text, at, at + name.length)));
}
/** A character of an image reference: a name's, a tag's or a digest's (`/`, `:`, `@` too). */
function inReference(code) {
    return continuesName(code) || code === 47 || code === 58 || code === 64; // / : @
}
/** The first character after the line break at `at` and the next line's indentation. */
function afterBreak(text, at) {
    let next = text.charCodeAt(at) === 13 && text.charCodeAt(at + 1) === 10 ? at + 2 : at + 1;
    while (text.charCodeAt(next) === 32 || text.charCodeAt(next) === 9)
        next++;
    return text.charCodeAt(next);
}
/**
 * Sorted offsets of the escapes that can write a name's characters without the name standing in
 * the text as written: `\x`, `\u` and `\U` (a character by its code: `"ghcr.io/org/\x61pp"`,
 * JSON's `\u0061` in a string), and a backslash before a line break (which joins two lines of a
 * double-quoted scalar without a space) between two characters of a reference (`ap\` then `p`),
 * or before another such line (`a\`, a line holding only `\`, then `pp`). A shell line's
 * `foo \` is not one. Read wherever they stand, in quotes or not: a document holding one is
 * looked at, so that it is never left out.
 */
function hidingEscapes(text) {
    const found = [];
    for (let at = text.indexOf('\\'); at >= 0; at = text.indexOf('\\', at + 1)) {
        const next = text.charCodeAt(at + 1);
        if (next === 120 || next === 117 || next === 85)
            found.push(at); // x u U
        else if ((next === 10 || next === 13) && inReference(text.charCodeAt(at - 1))) {
            const then = afterBreak(text, at + 1);
            if (inReference(then) || then === 92)
                found.push(at); // 92: a backslash
        }
    }
    return found;
}
/** The line ending a file uses (CRLF when its first line break is one). */
function lineEnding(text) {
    const at = text.indexOf('\n');
    return at > 0 && text[at - 1] === '\r' ? '\r\n' : '\n';
}
/** Offset of the start of the line holding `offset`. */
function lineStart(text, offset) {
    // lastIndexOf reads a negative position as 0, which would find a line break at offset 0.
    return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
}
/** Offset just past the line break ending the line holding `offset` (text length at the end). */
function nextLineStart(text, offset) {
    const at = text.indexOf('\n', offset);
    return at < 0 ? text.length : at + 1;
}
/** True when a document marker (`---` or `...`) starts at `at`, which must be a line start. */
function isMarkerAt(text, at, marker) {
    if (!text.startsWith(marker, at))
        return false;
    const next = text[at + 3];
    return next === undefined || next === ' ' || next === '\t' || next === '\r' || next === '\n';
}
/** Start of the document that begins at the `---` line at `at`, taking in its directives. */
function withDirectives(text, at) {
    let start = at;
    while (start > 0) {
        const prev = lineStart(text, start - 1);
        if (text[prev] !== '%')
            break;
        start = prev;
    }
    return start;
}
/** Start of the segment that holds `offset`: the nearest `---` line at or before it. */
function segmentStart(text, offset) {
    let at = lineStart(text, offset);
    for (;;) {
        if (isMarkerAt(text, at, '---'))
            return withDirectives(text, at);
        if (at === 0)
            return 0;
        const found = text.lastIndexOf('\n---', at - 2);
        if (found < 0)
            return 0;
        at = found + 1;
    }
}
/** End of the segment that holds `offset`: the next `---` line after it, or the text's end. */
function segmentEnd(text, offset) {
    let from = offset;
    for (;;) {
        const found = text.indexOf('\n---', from);
        if (found < 0)
            return text.length;
        if (isMarkerAt(text, found + 1, '---'))
            return withDirectives(text, found + 1);
        from = found + 1;
    }
}
/** Offset past the segment's own directives and `---` marker, where its next one is looked for. */
function bodyStart(text, start) {
    let at = start;
    while (text[at] === '%')
        at = nextLineStart(text, at);
    return isMarkerAt(text, at, '---') ? at + 3 : start;
}
/** Every document of the stream as its own segment. */
function allSegments(text) {
    const segments = [];
    let start = 0;
    for (;;) {
        let end = segmentEnd(text, bodyStart(text, start));
        if (end <= start)
            end = text.length;
        segments.push({ start, end });
        if (end >= text.length)
            break;
        start = end;
    }
    return segments;
}
/**
 * The segments that hold one of the offsets `hits` (sorted; see findAll). A document that cannot
 * contain any spelling of an image is never parsed: every spelling contains the image's last
 * path component, so its hits are all the documents that need looking at.
 */
function segmentsAt(text, hits) {
    const segments = [];
    for (const at of hits) {
        const last = segments[segments.length - 1];
        if (last && at < last.end)
            continue;
        const start = segmentStart(text, at);
        let end = segmentEnd(text, Math.max(at, bodyStart(text, start)));
        if (end <= start)
            end = text.length;
        segments.push({ start, end });
    }
    return segments;
}

;// CONCATENATED MODULE: ./src/engine/missed.ts
// Never a silent miss: after the edit, every line of the file that names a bumped image in any
// spelling (with or without `docker.io/` and `library/`, any host case, with a tag or a digest)
// and that the engine did not handle is looked at. Decoys are left alone: comments, Go
// templates and `$(params.x)` (the name is then part of a longer token), URLs, longer names
// (`app-exporter`, `org/app/sub`), host:port pairs, prose in a description or a shell command,
// and a bare name under a key that does not say image (a label, a container's name). What is
// left is a missed place, reported with its line and why it was not bumped.


// Characters of an image reference; anything else ends a token.
const TOKEN = /[A-Za-z0-9_.:/@-]+/g;
/** A key on the line whose name says it holds an image. */
const IMAGE_KEY = /^\s*(?:-\s+)*["']?([\w.-]*?(?:image|repository|newname|package)\w*)["']?\s*:/i;
const KEY = /^\s*(?:-\s+)*["']?([^\s"':#][^"':#]*?)["']?\s*:(?:\s|$)/;
/** The code part of a line: before a comment that starts with `#` outside quotes. */
function codeOf(line) {
    let quote;
    for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (quote) {
            if (ch === quote)
                quote = undefined;
            else if (ch === '\\' && quote === '"')
                i++;
            continue;
        }
        if ((ch === '"' || ch === "'") && (i === 0 || /[\s:[{,-]/.test(line[i - 1])))
            quote = ch;
        else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1])))
            return line.slice(0, i);
    }
    return line;
}
/** A token read as a reference; an upper-case digest algorithm is read too, to be refused. */
function readToken(token) {
    const trimmed = token.replace(/[.:,-]+$/, '');
    const ref = (0,image_ref/* tryParseReference */.WF)(trimmed);
    if (ref)
        return { ref, upperDigest: false };
    const at = trimmed.indexOf('@');
    if (at < 0)
        return undefined;
    const lowered = `${trimmed.slice(0, at)}@${trimmed.slice(at + 1).replace(/^[A-Z0-9]+:/, (m) => m.toLowerCase())}`;
    const loose = lowered !== trimmed ? (0,image_ref/* tryParseReference */.WF)(lowered) : undefined;
    return loose ? { ref: loose, upperDigest: true } : undefined;
}
/** Why a matching token on a line is a missed place, or undefined when it is a decoy. */
function classify(line, code, token) {
    if (token.index >= code.length)
        return undefined; // in a comment
    const before = code.slice(0, token.index);
    if (/[/$]$/.test(before) || /\{\{[^}]*$/.test(before))
        return undefined; // longer name, template
    const { ref } = token;
    const untagged = ref.tag === undefined && ref.digest === undefined;
    const imageKey = IMAGE_KEY.exec(code)?.[1];
    if (untagged && !imageKey && !ref.name.includes('/'))
        return undefined; // a label, a name
    if (!imageKey &&
        ref.digest === undefined &&
        /^[0-9]+$/.test(ref.tag ?? '') &&
        !ref.name.includes('/'))
        return undefined; // host:port
    const value = code
        .replace(KEY, '')
        .replace(/^\s*(?:-\s+)*/, '')
        .trim()
        .replace(/^(["'])(.*)\1$/, '$2');
    if (/\s/.test(value))
        return undefined; // prose, a shell command, a list of arguments
    if (token.upperDigest)
        return `the digest algorithm is upper-case (${token.text.slice(token.text.indexOf('@') + 1).split(':')[0]}:), which Kubernetes refuses; write it in lower case`;
    const key = imageKey ?? KEY.exec(code)?.[1];
    if (!key && !line.trim().startsWith('-'))
        return 'this line is part of a value written over several lines, or of a block of text that is not YAML (or YAML nested more than one level deep); its bytes cannot be edited as an image field: edit it by hand';
    const where = key ? `the value of '${key}'` : 'a list item';
    return `${where} names the image, but it is not a place gitops-bump recognises as an image field; edit it by hand, or name it with FILE#KEYPATH`;
}
/** The 1-based lines holding the offsets `hits` (sorted), with their text. */
function linesAt(text, hits, lines) {
    const found = new Map();
    let lineEnd = -1;
    for (const at of hits) {
        if (at < lineEnd)
            continue; // on the line found last
        const start = lineStart(text, at);
        const next = text.indexOf('\n', at);
        lineEnd = next < 0 ? text.length : next;
        found.set(lines.line(at), text.slice(start, lineEnd));
    }
    return found;
}
/** Canonical name with the registry host in lower case (hosts match case-insensitively). */
function matchName(ref) {
    const domain = ref.domain?.toLowerCase();
    return (0,image_ref/* canonicalName */.Ew)(domain === undefined ? { path: ref.path } : { domain, path: ref.path });
}
/**
 * The missed places of a file: lines naming a bumped image that no handled line covers. `hits`
 * are the sorted offsets of every bump's last path component in the text (findAll): every
 * spelling of an image holds it, so only the lines holding a hit are looked at.
 */
function findMissed(text, bumps, handled, scan) {
    const wanted = new Map(bumps.map((b) => [matchName(b.image), b.image.name]));
    const missed = [];
    for (const [line, lineText] of linesAt(text, scan.hits, scan.lines)) {
        if (handled.has(line))
            continue;
        const code = codeOf(lineText);
        for (const match of lineText.matchAll(TOKEN)) {
            const read = readToken(match[0]);
            if (!read)
                continue;
            const image = wanted.get(matchName(read.ref));
            if (image === undefined)
                continue;
            const reason = classify(lineText, code, { text: match[0], index: match.index, ...read });
            if (reason) {
                missed.push({ line, image, reason });
                break;
            }
        }
    }
    return missed;
}

;// CONCATENATED MODULE: ./src/engine/plan.ts
// Decides, for one site and one bump, which bytes change: the tag (and digest) inside a
// reference string, or the values of a mapping's tag and digest keys, adding or dropping a
// key where the format wants it. Each edit comes with what the re-parsed document must then
// say, so that verify.ts can prove that nothing else changed.




function formatVersion(tag, digest) {
    return `${tag ?? ''}${digest ? `@${digest}` : ''}`;
}
/** The tag and digest a reference moves to, with notes on what else happens to them. */
function referenceTarget(ref, bump, options, notes) {
    const tag = bump.tag ?? ref.tag;
    let digest = ref.digest;
    if (bump.digest !== undefined) {
        if (ref.digest !== undefined || options.pinDigest || bump.tag === undefined)
            digest = bump.digest;
    }
    else if (ref.digest !== undefined && tag !== ref.tag) {
        digest = undefined;
        notes.push(`dropped digest ${ref.digest}: it would keep deploying the old image beside the new tag`);
    }
    // A digest-only reference stays digest-only: the new digest replaces the old one.
    if (ref.tag === undefined && ref.digest !== undefined && bump.digest !== undefined)
        return { tag: undefined, digest };
    return { tag, digest };
}
/** Value-space edits that turn the reference at [refStart, refEnd) into name:tag@digest. */
function referenceEdits(site, newTag, newDigest) {
    const { ref } = site;
    const nameEnd = site.refStart + ref.name.length;
    const tagEnd = ref.tag !== undefined ? nameEnd + 1 + ref.tag.length : nameEnd;
    const edits = [];
    if (newTag !== ref.tag) {
        if (ref.tag !== undefined)
            edits.push({ start: nameEnd + 1, end: tagEnd, text: newTag ?? '' });
        else
            edits.push({ start: nameEnd, end: nameEnd, text: `:${newTag}` });
    }
    if (newDigest !== ref.digest) {
        if (ref.digest !== undefined && newDigest !== undefined)
            edits.push({ start: tagEnd + 1, end: site.refEnd, text: newDigest });
        else if (ref.digest !== undefined)
            edits.push({ start: tagEnd, end: site.refEnd, text: '' });
        else
            edits.push({ start: site.refEnd, end: site.refEnd, text: `@${newDigest}` });
    }
    return edits;
}
/** A digest-only pin (no tag beside it) stays one: a bump without a digest cannot move it. */
const DIGEST_ONLY = 'pinned by digest only (no tag): give the new digest (image:tag@sha256:… or --digest) so that it stays pinned';
const MULTI_LINE = 'the value is written with escapes or line breaks that cannot be edited in place';
/** Plans a reference string (`name:tag@digest`, possibly embedded in a longer value). */
function planReference(text, site, bump, options) {
    const { ref, mapped } = site;
    const notes = [];
    const target = referenceTarget(ref, bump, options, notes);
    const from = formatVersion(ref.tag, ref.digest);
    const to = formatVersion(target.tag, target.digest);
    const plan = {
        edits: [],
        expectations: [],
        from,
        to,
        notes,
        at: site.node.range?.[0] ?? 0,
    };
    if (site.openTag !== undefined) {
        return {
            ...plan,
            from: `\${${site.openTag}}`,
            skip: `the tag is the variable \${${site.openTag}}, whose value is set outside this file (an .env file or the environment); bump it where ${site.openTag} is set`,
        };
    }
    if (ref.tag === undefined && ref.digest !== undefined && bump.digest === undefined)
        return { ...plan, to: from, skip: DIGEST_ONLY };
    if (from === to)
        return plan;
    if (site.unmapped)
        return { ...plan, skip: MULTI_LINE };
    // Edits in the reading of the value, then mapped onto the value itself (interpolation).
    const valueEdits = [];
    for (const edit of referenceEdits(site, target.tag, target.digest)) {
        const range = site.resolved
            ? toOriginal(site.resolved.at, edit.start, edit.end)
            : [edit.start, edit.end];
        if (!range)
            return {
                ...plan,
                skip: 'the tag is split across an interpolation and cannot be edited in place',
            };
        valueEdits.push({ start: range[0], end: range[1], text: edit.text });
    }
    let newValue = mapped.value;
    for (const edit of [...valueEdits].reverse()) {
        newValue = newValue.slice(0, edit.start) + edit.text + newValue.slice(edit.end);
    }
    plan.expectations.push({ path: site.path, set: newValue });
    if (mapped.style === 'plain' && !isSafePlain(newValue, site.inFlow)) {
        plan.edits.push({ start: mapped.start, end: mapped.end, text: doubleQuoted(newValue) });
        notes.push('quoted the value so that it stays a string');
        return plan;
    }
    for (const edit of valueEdits) {
        const textEdit = mapValueEdit(mapped, text, edit.start, edit.end, edit.text);
        if (!textEdit)
            return { ...plan, edits: [], skip: MULTI_LINE };
        plan.edits.push(textEdit);
    }
    return plan;
}
/** The string a scalar holds as written (plain numbers as their source, null as ''). */
function scalarText(text, node) {
    if (node.value === null || node.value === undefined)
        return '';
    if (node.type === 'PLAIN' && node.range)
        return text.slice(node.range[0], node.range[1]);
    return String(node.value);
}
/** Rewrites a whole scalar's value; undefined when it cannot be done in place. */
function setScalar(text, node, value, notes) {
    const range = node.range;
    if (!range)
        return undefined;
    const [start, end] = range;
    if (node.type === 'PLAIN' || node.type === undefined) {
        const plainOk = isSafePlain(value, true);
        if (!plainOk)
            notes.push(`quoted ${JSON.stringify(value)} so that it stays a string`);
        const written = plainOk ? value : doubleQuoted(value);
        if (start === end) {
            const before = text[start - 1];
            // An empty value before a comment (`tag: # note`): keep the comment apart from the value.
            const after = text[start] === '#' ? ' ' : '';
            const lead = before === ' ' || before === '\t' ? '' : ' ';
            return { start, end, text: `${lead}${written}${after}` };
        }
        return { start, end, text: written };
    }
    const mapped = mapScalar(text, node);
    if (!mapped || mapped.style === 'literal')
        return undefined;
    const inPlace = mapValueEdit(mapped, text, 0, mapped.value.length, value);
    if (inPlace)
        return inPlace;
    return { start, end, text: doubleQuoted(value) };
}
/** Adds `key: value` to a mapping right after the pair `after`, in the mapping's own style. */
function insertPair(text, map, after, key, value, eol) {
    const keyNode = after.key;
    const valueNode = (0,dist/* isScalar */.jn)(after.value) ? after.value : undefined;
    const quotedKeys = keyNode.type === 'QUOTE_DOUBLE';
    const keyText = quotedKeys ? doubleQuoted(key) : key;
    const valueText = quotedKeys || !isSafePlain(value, true) ? doubleQuoted(value) : value;
    const valueEnd = valueNode?.range?.[1] ?? keyNode.range?.[1];
    if (valueEnd === undefined || !keyNode.range)
        return undefined;
    if (map.flow)
        return { start: valueEnd, end: valueEnd, text: `, ${keyText}: ${valueText}` };
    const keyStart = keyNode.range[0];
    const column = keyStart - lineStart(text, keyStart);
    const at = text[valueEnd - 1] === '\n' ? valueEnd : nextLineStart(text, valueEnd);
    const line = `${' '.repeat(column)}${keyText}: ${valueText}`;
    if (at === text.length && !text.endsWith('\n'))
        return { start: at, end: at, text: `${eol}${line}` };
    return { start: at, end: at, text: `${line}${eol}` };
}
/** Removes a pair that stands on lines of its own; undefined when it shares a line. */
function removePair(text, map, pair) {
    if (map.flow)
        return undefined;
    const keyNode = pair.key;
    const valueNode = pair.value;
    if (!keyNode.range)
        return undefined;
    const start = lineStart(text, keyNode.range[0]);
    if (text.slice(start, keyNode.range[0]).trim() !== '')
        return undefined;
    const valueEnd = valueNode?.range?.[1] ?? keyNode.range[1];
    const end = text[valueEnd - 1] === '\n' ? valueEnd : nextLineStart(text, valueEnd);
    if (end === text.length && !text.endsWith('\n') && start > 0) {
        const breakStart = text[start - 2] === '\r' ? start - 2 : start - 1;
        return { start: breakStart, end, text: '' };
    }
    return { start, end, text: '' };
}
function hexOnly(digest) {
    const colon = digest.indexOf(':');
    return colon >= 0 ? digest.slice(colon + 1) : digest;
}
const UNMAPPED = 'the value is written in a form that cannot be edited in place (multi-line or block scalar)';
function setSlot(state, slot, value) {
    const edit = setScalar(state.text, slot.node, value, state.plan.notes);
    if (!edit)
        return false;
    state.plan.edits.push(edit);
    state.plan.expectations.push({ path: slot.path, set: value });
    return true;
}
function insertSlot(state, key, value) {
    const { site, plan } = state;
    if (!site.insert || key === undefined)
        return false;
    const edit = insertPair(state.text, site.map, site.insert.after, key, value, state.eol);
    if (!edit)
        return false;
    plan.edits.push(edit);
    plan.expectations.push({ path: site.path, insert: { key, value } });
    plan.notes.push(`added ${key}`);
    return true;
}
/** Writes the new tag (a tag key holding `tag@digest` keeps that form); false when it cannot. */
function planFieldTag(state) {
    const { site, bump, curTag, curDigest, plan } = state;
    if (bump.tag === undefined || bump.tag === curTag)
        return curTag;
    if (site.tag) {
        const at = curTag?.indexOf('@') ?? -1;
        let value = bump.tag;
        if (at >= 0 && curTag) {
            // A digest inside the tag value: keep the pin, with the new digest when there is one.
            if (bump.digest !== undefined)
                value = `${bump.tag}@${bump.digest}`;
            else
                plan.notes.push(`dropped digest ${curTag.slice(at + 1)} from the tag value: it would keep deploying the old image`);
            if (value === curTag)
                return curTag;
        }
        if (!setSlot(state, site.tag, value))
            return false;
        if (site.sharedTag)
            plan.notes.push(`${site.sharedTag} is shared: every image that takes its tag from it moves too`);
        return value;
    }
    if (curDigest !== '' && bump.digest !== undefined) {
        // Pinned by digest only (kustomize ignores newTag then): the new digest is the change.
        plan.notes.push(`no ${site.insert?.tagKey ?? 'tag'} added: the entry is pinned by digest`);
        return curTag;
    }
    if (site.insert)
        return insertSlot(state, site.insert.tagKey, bump.tag) ? bump.tag : false;
    return false;
}
/** Writes the new digest, or drops a stale one; a skip reason when it cannot. */
function planFieldDigest(state, tagChanged) {
    const { site, bump, options, curDigest, plan } = state;
    if (bump.digest !== undefined) {
        const want = site.digestForm === 'sha' && !curDigest.startsWith('sha256:')
            ? hexOnly(bump.digest)
            : bump.digest;
        const pinned = curDigest !== '';
        if (want === curDigest || !(pinned || options.pinDigest || bump.tag === undefined))
            return { digest: curDigest };
        if (site.digest)
            return setSlot(state, site.digest, want) ? { digest: want } : { skip: UNMAPPED };
        if (site.insert?.digestKey !== undefined)
            return insertSlot(state, site.insert.digestKey, want) ? { digest: want } : { skip: UNMAPPED };
        if (bump.tag === undefined)
            return { skip: 'there is no digest key beside the repository to write the digest into' };
        plan.notes.push('no digest key to pin the digest in: wrote the tag only');
        return { digest: curDigest };
    }
    if (curDigest === '' || !tagChanged || !site.digest)
        return { digest: curDigest };
    if (site.staleDigest === 'delete') {
        const removed = planRemoveDigest(state);
        if (removed)
            return { skip: removed };
    }
    else if (!setSlot(state, site.digest, ''))
        return { skip: UNMAPPED };
    plan.notes.push(`dropped digest ${curDigest}: it would keep deploying the old image beside the new tag`);
    return { digest: '' };
}
/** Removes a stale kustomize digest key; a skip reason when it cannot. */
function planRemoveDigest(state) {
    const { text, site, plan, curDigest } = state;
    const digest = site.digest;
    const edit = removePair(text, site.map, digest.pair);
    if (!edit)
        return `the stale digest ${curDigest} shares a line with other keys; remove it by hand or give a digest`;
    plan.edits.push(edit);
    plan.expectations.push({ path: site.path, remove: String(digest.pair.key.value) });
    return undefined;
}
/** Plans a mapping that holds the tag and digest in keys of their own. */
function planFields(text, site, bump, options, eol) {
    const curTag = site.tag ? scalarText(text, site.tag.node) : undefined;
    const curDigest = site.digest ? scalarText(text, site.digest.node) : '';
    const lineNode = site.tag?.node ?? site.nameNodes[0];
    const plan = {
        edits: [],
        expectations: [],
        from: '',
        to: '',
        notes: [],
        at: lineNode?.range?.[0] ?? 0,
    };
    const state = { text, site, bump, options, eol, plan, curTag, curDigest };
    plan.from = formatVersion(curTag, curDigest || undefined);
    if (!curTag && curDigest !== '' && bump.digest === undefined)
        return { ...plan, skip: DIGEST_ONLY };
    const newTag = planFieldTag(state);
    if (newTag === false) {
        const skip = site.tag || site.insert
            ? UNMAPPED
            : `there is no tag key beside the repository at ${site.path.join('.') || '(root)'}; add one, or name the key with FILE#KEYPATH`;
        return { ...plan, edits: [], expectations: [], skip };
    }
    const digest = planFieldDigest(state, newTag !== curTag);
    if ('skip' in digest)
        return { ...plan, edits: [], expectations: [], skip: digest.skip };
    plan.to = formatVersion(newTag, digest.digest || undefined);
    return plan;
}

;// CONCATENATED MODULE: ./src/engine/embedded.ts


/** An inner edit mapped onto the outer text; undefined when it cannot be. */
function outerEdit(text, edit, toOuter, eol, style) {
    const start = toOuter(edit.start);
    const end = toOuter(edit.end);
    // What the outer scalar's quoting would read differently is not written into it.
    if (style === 'double' && /["\\]/.test(edit.text))
        return undefined;
    if (style === 'single' && edit.text.includes("'"))
        return undefined;
    if (style === 'plain' && /[\r\n]/.test(edit.text))
        return undefined;
    if (!/[\r\n]/.test(edit.text))
        return end - start === edit.end - edit.start ? { start, end, text: edit.text } : undefined;
    // Whole lines inserted: indented like the block's first line, before an inner line start,
    // or after the last line of a block without a final line break (`|-`).
    if (edit.start !== edit.end)
        return undefined;
    const first = toOuter(0);
    const indent = text.slice(lineStart(text, first), first);
    if (indent.trim() !== '')
        return undefined;
    if (/\n$/.test(edit.text)) {
        const at = lineStart(text, start);
        if (text.slice(at, start).trim() !== '')
            return undefined;
        const lines = edit.text.replace(/\r?\n$/, '').split(/\r?\n/);
        return { start: at, end: at, text: lines.map((l) => `${indent}${l}${eol}`).join('') };
    }
    if (!/^\r?\n/.test(edit.text) || !/^\r?\n/.test(text.slice(start, start + 2)))
        return undefined;
    const lines = edit.text.replace(/^\r?\n/, '').split(/\r?\n/);
    return { start, end: start, text: lines.map((l) => `${eol}${indent}${l}`).join('') };
}
/** Edits YAML held in a literal block scalar, mapping its edits back onto the outer text. */
function editEmbedded(text, node, nested) {
    const mapped = mapScalar(text, node);
    if (!mapped)
        return undefined;
    const inner = nested(mapped.value);
    if (!inner)
        return undefined;
    const toOuter = (offset) => mapped.offsets[offset] ?? mapped.end;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const edits = [];
    for (const edit of inner.edits) {
        const outer = outerEdit(text, edit, toOuter, eol, mapped.style);
        if (!outer) {
            return {
                edits: [],
                value: mapped.value,
                occurrences: [],
                handled: inner.handled.map(toOuter),
                skipped: inner.occurrences
                    .filter((o) => o.changed)
                    .map((o) => ({
                    offset: toOuter(o.offset),
                    path: o.path,
                    image: o.image,
                    reason: 'the change inside this block scalar cannot be mapped onto its lines',
                })),
            };
        }
        edits.push(outer);
    }
    return {
        edits,
        value: inner.text,
        occurrences: inner.occurrences.map((o) => ({ ...o, offset: toOuter(o.offset) })),
        skipped: inner.skipped.map((s) => ({ ...s, offset: toOuter(s.offset) })),
        handled: inner.handled.map(toOuter),
    };
}

;// CONCATENATED MODULE: ./src/engine/lenient.ts
// A lenient reading for files that Kubernetes accepts but strict YAML 1.2 rejects: continuation
// lines of a multi-line quoted scalar or flow collection that are not indented past the line
// that opened it, or that start with a TAB (PyYAML, js-yaml and Go's YAML, which kubectl and
// Argo use, read them). Such lines get spaces in front; inside a quoted or flow scalar leading
// white space is folded away, so the data stays the same. The engine parses and edits this
// reading and maps every offset back to the original bytes, which are edited in place.
const OPENS_TOKEN = /[\s[{,:]/;
/** Scans one line, updating the quote and flow state; true when it starts a block scalar. */
function scanLine(line, state) {
    for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        const prev = i === 0 ? ' ' : line[i - 1];
        if (state.quote === '"') {
            if (ch === '\\')
                i++;
            else if (ch === '"')
                state.quote = undefined;
            continue;
        }
        if (state.quote === "'") {
            if (ch === "'" && line[i + 1] === "'")
                i++;
            else if (ch === "'")
                state.quote = undefined;
            continue;
        }
        if (ch === '#' && /\s/.test(prev))
            break;
        if ((ch === '"' || ch === "'") && OPENS_TOKEN.test(prev))
            state.quote = ch;
        else if ((ch === '[' || ch === '{') && OPENS_TOKEN.test(prev))
            state.flow++;
        else if ((ch === ']' || ch === '}') && state.flow > 0)
            state.flow--;
    }
    return (state.quote === undefined && state.flow === 0 && /(^|[\s:-])[|>][-+0-9]*\s*(#.*)?$/.test(line));
}
/** The lenient reading of `text`, or undefined when it would be the same text. */
function lenientText(text) {
    const lines = text.split('\n');
    const state = { quote: undefined, flow: 0, openIndent: 0 };
    let blockIndent;
    // [offset in the lenient text where added spaces end, total added so far]
    const shifts = [];
    let added = 0;
    let out = '';
    for (const line of lines) {
        const indent = /^ */.exec(line)[0].length;
        if (blockIndent !== undefined && (line.trim() === '' || indent > blockIndent)) {
            out += `${line}\n`;
            continue;
        }
        blockIndent = undefined;
        let written = line;
        const open = state.quote !== undefined || state.flow > 0;
        if (open && line.trim() !== '' && (indent <= state.openIndent || line[indent] === '\t')) {
            const pad = state.openIndent + 1 - Math.min(indent, state.openIndent + 1) + 1;
            written = ' '.repeat(pad) + line;
            added += pad;
            shifts.push([out.length + pad, added]);
        }
        if (!open)
            state.openIndent = indent;
        if (scanLine(line, state))
            blockIndent = indent;
        out += `${written}\n`;
    }
    out = out.slice(0, -1);
    if (shifts.length === 0)
        return undefined;
    return {
        text: out,
        toOriginal(offset) {
            let shift = 0;
            for (const [at, total] of shifts) {
                if (at > offset)
                    break;
                shift = total;
            }
            return offset - shift;
        },
    };
}

;// CONCATENATED MODULE: ./src/engine/locators/key-path.ts
// Explicit key paths (`data.backend`, `helm.parameters[name=image.tag].value`,
// `data["app.version"]`) for files that hold a version without naming the image, such as
// an `image-versions` ConfigMap.



/** Follows a key path through a document. */
function resolveKeyPath(doc, target) {
    let node = doc.contents;
    const path = [];
    let pair;
    let map;
    for (const segment of target.segments) {
        if ('key' in segment) {
            if (!(0,dist/* isMap */.jh)(node))
                return { missing: `'${formatSoFar(path)}' is not a mapping` };
            map = node;
            pair = node.items.find((item) => (0,dist/* isPair */.tO)(item) && keyText(item) === segment.key);
            if (!pair) {
                const keys = node.items.map((item) => keyText(item) ?? '?').slice(0, 20);
                return {
                    missing: `key '${segment.key}' not found under '${formatSoFar(path)}' (keys there: ${keys.join(', ') || 'none'})`,
                };
            }
            path.push(segment.key);
            node = pair.value;
        }
        else if ('index' in segment) {
            if (!(0,dist/* isSeq */.oP)(node))
                return { missing: `'${formatSoFar(path)}' is not a list` };
            const item = node.items[segment.index];
            if (item === undefined)
                return { missing: `'${formatSoFar(path)}' has no item ${segment.index}` };
            path.push(segment.index);
            pair = undefined;
            node = item;
        }
        else {
            if (!(0,dist/* isSeq */.oP)(node))
                return { missing: `'${formatSoFar(path)}' is not a list` };
            const index = node.items.findIndex((item) => (0,dist/* isMap */.jh)(item) && getString(item, segment.where.key) === segment.where.value);
            if (index < 0)
                return {
                    missing: `no item of '${formatSoFar(path)}' has ${segment.where.key}=${segment.where.value}`,
                };
            path.push(index);
            pair = undefined;
            node = node.items[index];
        }
    }
    if (!pair)
        return { missing: 'a key path must end in a key, not a list item' };
    if (node !== null && !(0,dist/* isScalar */.jn)(node))
        return { missing: `'${target.raw}' holds a ${(0,dist/* isMap */.jh)(node) ? 'mapping' : 'list'}, not a value` };
    return map ? { pair, value: node, path, map } : { pair, value: node, path };
}
function formatSoFar(path) {
    return path.length === 0
        ? '(document root)'
        : path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.');
}
/** Fills a template's placeholders; throws when one is unknown or has no value. */
function renderTemplate(template, values) {
    return template.replace(/\{\{\s*([a-z]+)\s*\}\}/g, (_match, key) => {
        const image = `${values.name}${values.tag !== undefined ? `:${values.tag}` : ''}${values.digest !== undefined ? `@${values.digest}` : ''}`;
        const value = key === 'tag'
            ? values.tag
            : key === 'digest'
                ? values.digest
                : key === 'name'
                    ? values.name
                    : key === 'image'
                        ? image
                        : undefined;
        if (key !== 'tag' && key !== 'digest' && key !== 'name' && key !== 'image') {
            throw new types/* EngineError */.N(`Unknown placeholder '{{${key}}}' in template '${template}': use {{tag}}, {{digest}}, {{name}} or {{image}}.`, 'key-path');
        }
        if (value === undefined) {
            throw new types/* EngineError */.N(`The template '${template}' uses {{${key}}}, but the image ${values.name} was given without a ${key}.`, 'key-path');
        }
        return value;
    });
}

// EXTERNAL MODULE: ./src/engine/policy.ts
var engine_policy = __webpack_require__(7542);
;// CONCATENATED MODULE: ./src/engine/verify.ts
// After the edits, the changed documents are parsed again and compared node by node with the
// originals: every edited value must read back as the intended string, keys may only appear or
// disappear where planned, and everything else must be equal. Any difference refuses the edit.



function describe(node) {
    if (node === null || node === undefined)
        return 'nothing';
    if ((0,dist/* isScalar */.jn)(node))
        return `${typeof node.value} ${JSON.stringify(node.value)}`;
    if ((0,dist/* isMap */.jh)(node))
        return 'a mapping';
    if ((0,dist/* isSeq */.oP)(node))
        return 'a list';
    if ((0,dist/* isAlias */.Vj)(node))
        return `alias *${node.source}`;
    return 'an unknown node';
}
function isNullish(node) {
    return node === null || node === undefined || ((0,dist/* isScalar */.jn)(node) && node.value === null);
}
function fail(path, what) {
    throw new types/* EngineError */.N(`Refusing to write: after the edit, ${formatPath(path) || 'the document'} ${what}. This is a bug in gitops-bump; the file was left as it was.`, 'verify');
}
/** The pairs of a mapping before and after, with the planned removals and insertions checked. */
function plannedPairs(a, b, planned, path) {
    const removed = new Set(planned.flatMap((e) => ('remove' in e ? [e.remove] : [])));
    const inserted = new Map(planned.flatMap((e) => ('insert' in e ? [[e.insert.key, e.insert.value]] : [])));
    const oldPairs = a.items.filter((p) => !removed.has(keyText(p) ?? '\0'));
    const newPairs = b.items.filter((p) => {
        const key = keyText(p) ?? '\0';
        if (!inserted.has(key))
            return true;
        if (!(0,dist/* isScalar */.jn)(p.value) || p.value.value !== inserted.get(key))
            fail([...path, key], `reads back as ${describe(p.value)} instead of ${JSON.stringify(inserted.get(key))}`);
        inserted.delete(key);
        return false;
    });
    if (inserted.size > 0)
        fail(path, `is missing the added key ${[...inserted.keys()].join(', ')}`);
    if (oldPairs.length !== newPairs.length)
        fail(path, 'gained or lost keys');
    return { oldPairs, newPairs };
}
/** Compares an original and an edited document tree against the planned expectations. */
function verifyDocument(before, after, expectations) {
    const byPath = new Map();
    for (const expectation of expectations) {
        const key = JSON.stringify(expectation.path);
        byPath.set(key, [...(byPath.get(key) ?? []), expectation]);
    }
    const path = [];
    const compare = (a, b) => {
        const planned = byPath.get(JSON.stringify(path)) ?? [];
        const set = planned.find((e) => 'set' in e);
        if (set) {
            if (!(0,dist/* isScalar */.jn)(b) || b.value !== set.set)
                fail(path, `reads back as ${describe(b)} instead of the string ${JSON.stringify(set.set)}`);
            return;
        }
        if (isNullish(a) || isNullish(b)) {
            if (!isNullish(a) || !isNullish(b))
                fail(path, `changed from ${describe(a)} to ${describe(b)}`);
            return;
        }
        if ((0,dist/* isAlias */.Vj)(a) || (0,dist/* isAlias */.Vj)(b)) {
            if (!(0,dist/* isAlias */.Vj)(a) || !(0,dist/* isAlias */.Vj)(b) || a.source !== b.source)
                fail(path, `changed from ${describe(a)} to ${describe(b)}`);
            return;
        }
        if (a.anchor !== b.anchor)
            fail(path, 'lost or changed its anchor');
        if ((0,dist/* isScalar */.jn)(a)) {
            if (!(0,dist/* isScalar */.jn)(b) || !Object.is(a.value, b.value) || a.type !== b.type)
                fail(path, `changed from ${describe(a)} to ${describe(b)}`);
            return;
        }
        if ((0,dist/* isSeq */.oP)(a)) {
            if (!(0,dist/* isSeq */.oP)(b) || a.items.length !== b.items.length)
                fail(path, `changed from ${describe(a)} to ${describe(b)}`);
            a.items.forEach((item, index) => {
                path.push(index);
                compare(item, b.items[index]);
                path.pop();
            });
            return;
        }
        if ((0,dist/* isMap */.jh)(a)) {
            if (!(0,dist/* isMap */.jh)(b))
                fail(path, `changed from ${describe(a)} to ${describe(b)}`);
            const { oldPairs, newPairs } = plannedPairs(a, b, planned, path);
            oldPairs.forEach((pair, index) => {
                const other = newPairs[index];
                if (!(0,dist/* isPair */.tO)(pair) || !(0,dist/* isPair */.tO)(other) || keyText(pair) !== keyText(other))
                    fail(path, `has key ${keyText(other)} where ${keyText(pair)} was`);
                path.push(keyText(pair) ?? '?');
                compare(pair.value, other.value);
                path.pop();
            });
            return;
        }
        fail(path, 'holds a node of an unknown kind');
    };
    compare(before, after);
}

;// CONCATENATED MODULE: ./src/engine/segment.ts
// Edits one segment of a YAML stream (one or more whole documents) in three named steps:
// parse it (strictly, or leniently for what Kubernetes accepts and strict YAML 1.2 rejects),
// plan every matched site or key path into byte edits, then apply the edits, parse again and
// verify that only the planned values changed. Each occurrence gets its own result: a place
// that cannot be bumped is recorded as skipped with its reason and never stops the others.












/** Block scalars holding YAML (a ConfigMap's `config.yaml: |`) are searched this deep. */
const MAX_EMBEDDING = 1;
function parseStream(text) {
    try {
        const composer = new dist/* Composer */.Dk({ keepSourceTokens: true, uniqueKeys: false });
        return [...composer.compose(new dist/* Parser */.iX().parse(text))];
    }
    catch (error) {
        if (error instanceof RangeError)
            throw new types/* EngineError */.N('the document is nested too deeply to parse', 'unsupported');
        throw error;
    }
}
function parseError(file, text, at, doc) {
    const error = doc.errors[0];
    const offset = at + (error.pos?.[0] ?? 0);
    const lines = new LineIndex(text);
    const message = error.message.split('\n')[0];
    return new types/* EngineError */.N(`${file}:${lines.line(offset)}:${lines.column(offset)}: the YAML does not parse: ${message}. Fix the file; nothing was written.`, 'parse');
}
/**
 * The edits in the order they are made: sorted by start (the order given among equal starts),
 * an edit planned twice (two images sharing one global tag slot) once. Overlapping edits are
 * refused.
 */
function orderEdits(edits) {
    const sorted = edits
        .map((edit, order) => ({ edit, order }))
        .sort((a, b) => a.edit.start - b.edit.start || a.order - b.order);
    const ordered = [];
    let at = 0;
    for (const { edit } of sorted) {
        const last = ordered[ordered.length - 1];
        if (last && edit.start === last.start && edit.end === last.end && edit.text === last.text)
            continue;
        if (edit.start < at)
            throw new types/* EngineError */.N('two edits overlap in one value; give each image once', 'unsupported');
        ordered.push(edit);
        at = edit.end;
    }
    return ordered;
}
/** Makes the edits (ordered by orderEdits) in the text. */
function spliceEdits(text, ordered) {
    let out = '';
    let at = 0;
    for (const edit of ordered) {
        out += text.slice(at, edit.start) + edit.text;
        at = edit.end;
    }
    return out + text.slice(at);
}
/**
 * True when the edits (ordered by orderEdits) change the text. Only the span from the first
 * edit to the end of the last is compared: comparing two whole texts of the same length would
 * first copy the edited one (a rope of slices) into one piece, a second copy of a large file.
 */
function changesText(text, ordered) {
    const first = ordered[0];
    const last = ordered[ordered.length - 1];
    if (!first || !last)
        return false;
    const span = text.slice(first.start, last.end);
    const local = ordered.map((e) => ({
        ...e,
        start: e.start - first.start,
        end: e.end - first.start,
    }));
    return spliceEdits(span, local) !== span;
}
function applyEdits(text, edits) {
    return spliceEdits(text, orderEdits(edits));
}
/** Refuses a document whose aliases expand exponentially (the yaml library's own guard). */
function refuseAliasBomb(file, doc) {
    try {
        doc.toJS({ maxAliasCount: 100 });
    }
    catch (error) {
        if (error instanceof ReferenceError && /alias/i.test(error.message)) {
            throw new types/* EngineError */.N(`${file}: refusing a document whose aliases expand exponentially (an alias bomb: ${error.message}); remove the nested aliases.`, 'unsupported');
        }
    }
}
/** The segment parsed: strictly, or in the lenient reading when only that one parses. */
function parseSegment(file, text, segment) {
    const segText = text.slice(segment.start, segment.end);
    const docs = parseStream(segText);
    const failed = docs.find((doc) => doc.errors.length > 0);
    if (!failed)
        return { text: segText, docs };
    const lenient = lenientText(segText);
    const lenientDocs = lenient ? parseStream(lenient.text) : [];
    if (!lenient || lenientDocs.some((doc) => doc.errors.length > 0))
        throw parseError(file, text, segment.start, failed);
    return { text: lenient.text, docs: lenientDocs, lenient };
}
/**
 * The version the policy judges: the value itself, except for a key path written from a template
 * such as `{{image}}`, whose tag (and digest) is taken from the reference it holds.
 */
function judgedValue(kind, value) {
    if (kind !== 'key-path' || !/[/:@]/.test(value))
        return value;
    const ref = (0,image_ref/* tryParseReference */.WF)(value);
    if (!ref || (ref.tag === undefined && ref.digest === undefined))
        return value;
    return `${ref.tag ?? ''}${ref.digest ? `@${ref.digest}` : ''}`;
}
/** The plans of one segment: edits, what each document must then hold, and the report. */
class SegmentWork {
    options;
    edits = [];
    expectations;
    occurrences = [];
    skipped = [];
    handled = [];
    constructor(docs, options) {
        this.options = options;
        this.expectations = Array.from({ length: docs }, () => []);
    }
    record(docIndex, plan, image, path, kind) {
        const offset = plan.at;
        if (plan.skip) {
            this.skipped.push({ offset, path, image, reason: plan.skip });
            return;
        }
        const policy = this.options.policy;
        const verdict = policy
            ? (0,engine_policy/* judge */.S4)(judgedValue(kind, plan.from), judgedValue(kind, plan.to), policy)
            : undefined;
        const refused = verdict?.decision === 'skipped';
        if (!refused) {
            this.edits.push(...plan.edits);
            this.expectations[docIndex].push(...plan.expectations);
        }
        this.occurrences.push({
            offset,
            path,
            kind,
            image,
            from: plan.from,
            to: plan.to,
            // Refused by the version policy: reported, never written.
            changed: !refused && plan.from !== plan.to,
            notes: plan.notes,
            ...(verdict && { verdict }),
        });
    }
}
/** Plans the explicit key paths of a document (FILE#KEYPATH). */
function planKeyPaths(ctx, text, doc, docIndex, work) {
    for (const target of ctx.keyPaths ?? []) {
        const resolved = resolveKeyPath(doc, target);
        if ('missing' in resolved) {
            ctx.keyPathMisses.push(`${target.raw}: ${resolved.missing}`);
            continue;
        }
        ctx.keyPathHits.add(target.raw);
        const current = resolved.value ? scalarText(text, resolved.value) : '';
        const bump = pickBump(ctx, current, target.raw);
        const to = renderTemplate(target.template, {
            name: bump.image.name,
            ...(bump.tag !== undefined && { tag: bump.tag }),
            ...(bump.digest !== undefined && { digest: bump.digest }),
        });
        const at = resolved.value?.range?.[0] ?? 0;
        const plan = { edits: [], expectations: [], from: current, to, notes: [], at };
        if (current !== to) {
            const node = resolved.value ?? resolved.pair.value;
            const edit = node && (0,dist/* isScalar */.jn)(node) ? setScalar(text, node, to, plan.notes) : undefined;
            if (!edit)
                plan.skip = `the value at ${target.raw} cannot be edited in place`;
            else {
                plan.edits.push(edit);
                plan.expectations.push({ path: resolved.path, set: to });
                planSiblingDigest(text, resolved, bump, plan);
            }
        }
        if (resolved.value)
            work.handled.push(resolved.value.range?.[0] ?? 0);
        work.record(docIndex, plan, bump.image.name, formatPath(resolved.path), 'key-path');
    }
}
/**
 * A key path that ends in a tag key beside a `digest:` key: the old digest would keep the old
 * image deploying, so it gets the bump's digest, or is emptied (with a note).
 */
function planSiblingDigest(text, resolved, bump, plan) {
    const last = resolved.path[resolved.path.length - 1];
    if (!resolved.map || last === 'digest' || last === 'sha')
        return;
    for (const key of ['digest', 'sha']) {
        const pair = resolved.map.items.find((p) => (0,dist/* isScalar */.jn)(p.key) && p.key.value === key);
        const node = pair && (0,dist/* isScalar */.jn)(pair.value) ? pair.value : undefined;
        if (!node?.value)
            continue;
        const current = scalarText(text, node);
        const want = bump.digest
            ? key === 'sha'
                ? bump.digest.replace(/^sha256:/, '')
                : bump.digest
            : '';
        if (want === current)
            return;
        const edit = setScalar(text, node, want, plan.notes);
        if (!edit) {
            plan.edits.length = 0;
            plan.skip = `the ${key} beside ${formatPath(resolved.path)} cannot be edited in place; it would keep the old image deploying`;
            return;
        }
        plan.edits.push(edit);
        plan.expectations.push({ path: [...resolved.path.slice(0, -1), key], set: want });
        plan.notes.push(want
            ? `set ${key} to the new digest`
            : `emptied ${key} ${current}: it would keep deploying the old image beside the new tag`);
        return;
    }
}
/** The bump a key path belongs to: the one its current value names, or the only one. */
function pickBump(ctx, current, raw) {
    const { bumps, canonical, file } = ctx;
    const named = canonical.indexOf((0,image_ref/* normalizeName */.Pc)(current.split(/[:@]/)[0] ?? ''));
    if (named >= 0)
        return bumps[named];
    if (bumps.length === 1)
        return bumps[0];
    throw new types/* EngineError */.N(`${file}#${raw}: the key does not name an image, and ${bumps.length} images are being bumped; list this file once per image, each with its own image, so it is clear which tag goes here.`, 'ambiguous');
}
/** Plans every site of a document that matches a bump. */
function planSites(ctx, text, doc, docIndex, work) {
    const sites = collectSites(text, doc, (node, path) => {
        if (ctx.depth >= MAX_EMBEDDING || typeof node.value !== 'string' || !node.value.includes(':'))
            return;
        const inner = editEmbedded(text, node, ctx.nested);
        if (!inner)
            return;
        work.occurrences.push(...inner.occurrences);
        work.skipped.push(...inner.skipped);
        work.handled.push(...inner.handled);
        if (inner.edits.length > 0) {
            work.edits.push(...inner.edits);
            work.expectations[docIndex].push({ path, set: inner.value });
        }
    });
    for (const site of sites) {
        ctx.bumps.forEach((bump, index) => {
            if (!siteMatches(site, ctx.canonical[index]))
                return;
            for (const node of siteNodes(site))
                work.handled.push(node.range?.[0] ?? 0);
            // A value below its key (`args: >-`, a quoted value continued on the next line): the
            // lines its characters sit on are handled too, not only the line the scalar starts on.
            if (site.type === 'reference' && site.mapped.value.length > 0) {
                const { offsets, value } = site.mapped;
                work.handled.push(offsets[0], offsets[value.length - 1]);
            }
            planSite(ctx, text, site, bump, docIndex, work);
        });
    }
}
function planSite(ctx, text, site, bump, docIndex, work) {
    const path = formatPath(site.path);
    const wanted = ctx.options.container;
    const merged = site.type === 'reference' && site.mergedInto?.includes(wanted ?? '');
    if (wanted !== undefined && site.container !== wanted && !merged) {
        const node = site.type === 'reference' ? site.node : site.nameNodes[0];
        work.skipped.push({
            offset: node?.range?.[0] ?? 0,
            path,
            image: bump.image.name,
            reason: site.container === undefined
                ? `not in a container named '${wanted}'`
                : `container '${site.container}' is not '${wanted}'`,
            filtered: true,
        });
        return;
    }
    const plan = site.type === 'reference'
        ? planReference(text, site, bump, ctx.options)
        : planFields(text, site, bump, ctx.options, ctx.eol);
    work.record(docIndex, plan, bump.image.name, path, site.kind);
}
/** Applies the edits to the segment, parses it again and verifies every document. */
function verifySegment(ctx, original, parsed, edits, work) {
    const edited = applyEdits(original, edits);
    const reading = parsed.lenient ? (lenientText(edited)?.text ?? edited) : edited;
    const reparsed = parseStream(reading);
    if (reparsed.length !== parsed.docs.length || reparsed.some((doc) => doc.errors.length > 0)) {
        throw new types/* EngineError */.N(`Refusing to write ${ctx.file}: the edited document no longer parses. This is a bug in gitops-bump; the file was left as it was.`, 'verify');
    }
    parsed.docs.forEach((doc, index) => {
        verifyDocument(doc.contents, reparsed[index].contents, work.expectations[index]);
    });
}
/** Edits one segment; the result's offsets are into the whole text. */
function editSegment(ctx, text, segment) {
    const parsed = parseSegment(ctx.file, text, segment);
    const work = new SegmentWork(parsed.docs.length, ctx.options);
    parsed.docs.forEach((doc, docIndex) => {
        // Aliases need anchors: only documents with both can expand.
        if (parsed.text.includes('&') && parsed.text.includes('*'))
            refuseAliasBomb(ctx.file, doc);
        if (ctx.keyPaths?.length)
            planKeyPaths(ctx, parsed.text, doc, docIndex, work);
        else
            planSites(ctx, parsed.text, doc, docIndex, work);
    });
    // Offsets in the parsed reading back to the segment's own bytes, then to the whole text.
    const back = (offset) => segment.start + (parsed.lenient ? parsed.lenient.toOriginal(offset) : offset);
    const original = text.slice(segment.start, segment.end);
    const local = work.edits.map((e) => ({
        start: back(e.start) - segment.start,
        end: back(e.end) - segment.start,
        text: e.text,
    }));
    if (local.length > 0)
        verifySegment(ctx, original, parsed, local, work);
    return {
        text,
        edits: local.map((e) => ({ ...e, start: e.start + segment.start, end: e.end + segment.start })),
        occurrences: work.occurrences.map((o) => ({ ...o, offset: back(o.offset) })),
        skipped: work.skipped.map((s) => ({ ...s, offset: back(s.offset) })),
        handled: work.handled.map(back),
    };
}

;// CONCATENATED MODULE: ./src/engine/edit-file.ts







/** Where every bump's last path component stands as one in the text (see findNames). */
function needleHits(text, bumps) {
    return findNames(text, bumps.map((b) => (0,image_ref/* shortName */.EU)(b.image)));
}
/**
 * True when the segment holds every path component of one of the images. A site's name is made
 * only of its own document's text (a registry, hub or prefix key and a repository at most), so
 * a document without `org` cannot name `ghcr.io/org/app` even where `- name: app` is there.
 * Docker Hub's `library/` may be left out of a name, so it is not looked for.
 */
function mayHold(text, segment, bumps) {
    const segText = text.slice(segment.start, segment.end);
    return bumps.some((bump) => {
        const parts = bump.image.path.split('/');
        if (parts[0] === 'library')
            parts.shift();
        return parts.every((part) => segText.includes(part));
    });
}
/** The segments of the text to parse and edit. */
function segmentsToEdit(text, bumps, keyPaths, scope) {
    if (keyPaths?.length || scope.everything)
        return allSegments(text);
    const named = segmentsAt(text, scope.hits ?? needleHits(text, bumps)).filter((s) => mayHold(text, s, bumps));
    // A name written with escapes is not in the text as written: such documents are read too.
    const escaped = segmentsAt(text, hidingEscapes(text));
    return escaped.length === 0 ? named : mergeSegments(named, escaped);
}
/** Two sorted lists of segments as one, each once (segmentsAt cuts a text the same way). */
function mergeSegments(a, b) {
    const byStart = new Map();
    for (const segment of [...a, ...b])
        byStart.set(segment.start, segment);
    return [...byStart.values()].sort((x, y) => x.start - y.start);
}
/** Edits a YAML stream; offsets in the result are relative to `text`. */
function editStream(file, text, bumps, options, depth, scope) {
    const keyPaths = depth === 0 ? options.keyPaths : undefined;
    const segments = segmentsToEdit(text, bumps, keyPaths, scope);
    const ctx = {
        file,
        bumps,
        canonical: bumps.map((bump) => (0,image_ref/* normalizeName */.Pc)(bump.image.name)),
        options,
        depth,
        eol: lineEnding(text),
        keyPaths,
        keyPathMisses: [],
        keyPathHits: new Set(),
        nested: (value) => editNested(file, value, bumps, options, depth, scope.everything),
    };
    const result = { text, edits: [], occurrences: [], skipped: [], handled: [] };
    for (const segment of segments) {
        const part = editSegment(ctx, text, segment);
        result.edits.push(...part.edits);
        result.occurrences.push(...part.occurrences);
        result.skipped.push(...part.skipped);
        result.handled.push(...part.handled);
    }
    if (keyPaths?.length)
        checkKeyPaths(ctx, keyPaths);
    if (result.edits.length > 0) {
        result.edits = orderEdits(result.edits);
        result.text = spliceEdits(text, result.edits);
    }
    return result;
}
/** A key path that resolved in no document is an error naming what is there instead. */
function checkKeyPaths(ctx, keyPaths) {
    const unresolved = keyPaths.filter((target) => !ctx.keyPathHits.has(target.raw));
    if (unresolved.length === 0)
        return;
    const why = ctx.keyPathMisses.filter((miss) => unresolved.some((target) => miss.startsWith(`${target.raw}:`)));
    throw new types/* EngineError */.N(`${ctx.file}: key path not found: ${why.join('; ')}. Check the path after '#'.`, 'key-path');
}
/** YAML in a block scalar, one level deeper; undefined when the block is not YAML. */
function editNested(file, value, bumps, options, depth, everything) {
    try {
        return editStream(file, value, bumps, { ...options, keyPaths: [] }, depth + 1, {
            everything,
        });
    }
    catch (error) {
        // A block scalar that is not YAML (a shell script, a template) simply holds no image.
        if (error instanceof types/* EngineError */.N && error.code === 'parse')
            return undefined;
        throw error;
    }
}
/** Refuses what is not a YAML or JSON file, and an image given twice. */
function checkInput(file, text, bumps) {
    if (text.includes('\0'))
        throw new types/* EngineError */.N(`${file} is a binary file, not YAML or JSON; remove it from files.`, 'unsupported');
    const seen = new Map();
    for (const bump of bumps) {
        const canonical = (0,image_ref/* normalizeName */.Pc)(bump.image.name);
        const earlier = seen.get(canonical);
        if (earlier !== undefined) {
            throw new types/* EngineError */.N(`The image ${bump.image.name} is given twice (also as ${earlier}); give each image once.`, 'ambiguous');
        }
        seen.set(canonical, bump.image.name);
    }
}
/** Offsets of every line start: the lines the missed-place scan reads when it reads all. */
function everyLine(text) {
    const starts = [0];
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1))
        starts.push(at + 1);
    return starts;
}
/**
 * Bumps images in one file's text. Throws EngineError when the file cannot be edited safely.
 * Only the documents and lines that can name a bumped image are parsed and read; with
 * `everything`, every one is (slower; the reference that this is tested against).
 */
function editText(input, everything = false) {
    const { file, text, bumps } = input;
    const options = input.options ?? {};
    checkInput(file, text, bumps);
    // One scan of the text for the images' last path components serves both the documents to
    // parse and the lines to look at for missed places (with key paths, neither is needed).
    const hits = options.keyPaths?.length
        ? []
        : everything
            ? everyLine(text)
            : needleHits(text, bumps);
    let result;
    try {
        result = editStream(file, text, bumps, options, 0, { everything, hits });
    }
    catch (error) {
        if (error instanceof types/* EngineError */.N && error.message.startsWith('the document is nested')) {
            throw new types/* EngineError */.N(`${file}: ${error.message}; refusing it (bounded time and memory). Flatten the document.`, error.code);
        }
        throw error;
    }
    const lines = new LineIndex(text);
    const skipped = result.skipped.map(({ offset, ...rest }) => ({
        line: lines.line(offset),
        ...rest,
    }));
    const handled = new Set(result.handled.map((offset) => lines.line(offset)));
    for (const s of skipped)
        handled.add(s.line);
    // A place left out by the container filter is not a miss, nor are the lines of its map.
    // With explicit key paths the user named the place; other lines are not looked at.
    const missed = options.keyPaths?.length ? [] : findMissed(text, bumps, handled, { hits, lines });
    return {
        text: result.text,
        edits: result.edits,
        occurrences: result.occurrences.map(({ offset, ...rest }) => ({
            line: lines.line(offset),
            ...rest,
        })),
        skipped,
        missed,
    };
}
/** True for a found reference that is an image, not `user: "unit:root"` or a bare digest. */
function isImageLike(name, key) {
    if (/^(sha256|sha512|sha384)$/i.test(name))
        return false;
    if (typeof key === 'string' && /image|repository|newname|package/i.test(key))
        return true;
    return name.includes('/');
}
/** Every image reference in a file, for telling the user what was there when nothing matched. */
function listImages(text) {
    const found = [];
    const lines = new LineIndex(text);
    for (const segment of allSegments(text)) {
        const segText = text.slice(segment.start, segment.end);
        let docs;
        try {
            docs = parseStream(segText);
        }
        catch {
            continue;
        }
        for (const doc of docs) {
            if (doc.errors.length > 0)
                continue;
            for (const site of collectSites(segText, doc, () => undefined)) {
                const node = site.type === 'reference' ? site.node : site.nameNodes[0];
                const line = lines.line(segment.start + (node?.range?.[0] ?? 0));
                if (site.type === 'reference') {
                    // With interpolation the positions are in the resolved reading: show the value as written.
                    const value = site.resolved
                        ? site.mapped.value
                        : site.mapped.value.slice(site.refStart, site.refEnd);
                    const key = site.path[site.path.length - 1];
                    const imagePlace = site.kind !== 'reference';
                    if (imagePlace || isImageLike(site.ref.name, key))
                        found.push({ line, name: site.ref.name, value });
                }
                else {
                    const name = site.names[site.names.length - 1];
                    const tag = site.tag ? scalarText(segText, site.tag.node) : '';
                    found.push({ line, name, value: tag ? `${name}:${tag}` : name });
                }
            }
        }
    }
    return found;
}

;// CONCATENATED MODULE: ./src/engine/bump-files.ts
// The core both doors share (the action and the CLI): runs the engine over every target file,
// checks that every image was found somewhere, and gathers the missed places (on-missed). Pure: files come in as text, results go out.



/** The version policy refused a bump and on-policy-violation is `fail`; nothing is written. */
class PolicyViolationError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PolicyViolationError';
    }
}
/** A file names a bumped image where it was not bumped, and on-missed is `fail`. */
class MissedPlacesError extends Error {
    places;
    constructor(message, 
    /** Every missed place, so that a door can point at each line. */
    places = []) {
        super(message);
        this.places = places;
        this.name = 'MissedPlacesError';
    }
}
/** The occurrences the version policy refused. */
function refusedOccurrences(report) {
    return report.occurrences.filter((o) => o.verdict?.decision === 'skipped');
}
/**
 * Why a report changes nothing, for logs and summaries: "refused by policy against main (what is
 * deployed): file:line image from → to: reason; …", or "main already holds the requested version".
 */
function noChangeReason(report, branch) {
    const refused = refusedOccurrences(report);
    if (refused.length === 0)
        return `${branch} already holds the requested version`;
    const lines = refused.map((o) => `${o.file}:${o.line} ${o.image} ${o.from || '(none)'} → ${o.to}: ${o.verdict?.reason ?? 'refused'}`);
    return `refused by policy against ${branch} (what is deployed): ${lines.join('; ')}`;
}
/** An image that matched nothing, or a file the engine refused; the message says what to do. */
class BumpError extends Error {
    constructor(message) {
        super(message);
        this.name = 'BumpError';
    }
}
/** Bumps every image in every file; throws BumpError when an image is found nowhere. */
function bumpFiles(files, targets, bumps, options = {}) {
    const { onViolation = 'skip', onMissed = 'warn', ...editOptions } = options;
    const keyPathsOf = new Map(targets.map((t) => [t.path, t.keyPaths]));
    const outcomes = [];
    const occurrences = [];
    const skipped = [];
    const missed = [];
    for (const file of files) {
        const keyPaths = keyPathsOf.get(file.path) ?? [];
        const result = editText({
            file: file.path,
            text: file.text,
            bumps,
            options: { ...editOptions, keyPaths },
        });
        outcomes.push({
            path: file.path,
            before: file.text,
            after: result.text,
            edits: result.edits,
            changed: changesText(file.text, result.edits),
        });
        occurrences.push(...result.occurrences.map((o) => ({ file: file.path, ...o })));
        skipped.push(...result.skipped.map((s) => ({ file: file.path, ...s })));
        const places = [
            ...result.skipped
                .filter((s) => !s.filtered)
                .map(({ line, image, reason }) => ({ line, image, reason })),
            ...result.missed,
        ].sort((a, b) => a.line - b.line);
        missed.push(...places.map((m) => ({ file: file.path, ...m })));
    }
    checkFound(bumps, occurrences, [...missed, ...skipped.filter((s) => s.filtered)], files);
    const report = {
        files: outcomes,
        occurrences,
        skipped,
        missed,
        changed: outcomes.some((o) => o.changed),
    };
    if (onMissed === 'fail')
        failOnMissed(missed);
    const refused = refusedOccurrences(report);
    if (onViolation === 'fail' && refused.length > 0) {
        const lines = refused
            .slice(0, 20)
            .map((o) => `${o.file}:${o.line} ${o.image} ${o.from || '(none)'} → ${o.to}: ${o.verdict?.reason}`);
        throw new PolicyViolationError(`The version policy refused ${refused.length === 1 ? 'a bump' : `${refused.length} bumps`}, so nothing was written (on-policy-violation: fail):\n  ${lines.join('\n  ')}`);
    }
    return report;
}
/** Throws BumpError for an image found nowhere, or found only where it could not be bumped. */
function checkFound(bumps, occurrences, places, files) {
    for (const bump of bumps) {
        if (occurrences.some((o) => o.image === bump.image.name))
            continue;
        const mine = places.filter((m) => m.image === bump.image.name);
        if (mine.length > 0) {
            const reasons = mine.slice(0, 10).map((m) => `${m.file}:${m.line}: ${m.reason}`);
            throw new BumpError(`The image ${bump.image.name} was found but not bumped:\n  ${reasons.join('\n  ')}`);
        }
        throw new BumpError(notFoundMessage(bump, files));
    }
}
/** on-missed fail: any missed place stops the bump before anything is written. */
function failOnMissed(missed) {
    if (missed.length === 0)
        return;
    const one = missed.length === 1;
    const lines = missed.slice(0, 20).map((m) => `${m.file}:${m.line} ${m.image}: ${m.reason}`);
    throw new MissedPlacesError(`${one ? 'A place names' : `${missed.length} places name`} the image but ${one ? 'was' : 'were'} not bumped, so nothing was written (on-missed: fail):\n  ${lines.join('\n  ')}`, missed);
}
function notFoundMessage(bump, files) {
    const seen = [];
    for (const file of files) {
        for (const found of listImages(file.text)) {
            if (seen.length >= 20)
                break;
            seen.push(`${found.value} (${file.path}:${found.line})`);
        }
    }
    const where = files.map((f) => f.path).join(', ');
    const list = seen.length > 0
        ? `Images found there:\n  ${[...new Set(seen)].join('\n  ')}`
        : 'No image references were found there at all.';
    return `The image ${(0,image_ref/* formatReference */.FH)({ name: bump.image.name })} was found in none of the files (${where}). ${list}\nCheck the image name (registry and path must match), or the files.`;
}


/***/ }),

/***/ 7210:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* reexport */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 9 modules
var core = __webpack_require__(9584);
// EXTERNAL MODULE: ./src/engine/bump-files.ts + 17 modules
var bump_files = __webpack_require__(88);
// EXTERNAL MODULE: ./src/run/pull-lifecycle.ts
var pull_lifecycle = __webpack_require__(7487);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/stores/git/url.ts
var url = __webpack_require__(4788);
// EXTERNAL MODULE: ./src/run/messages.ts + 1 modules
var messages = __webpack_require__(492);
// EXTERNAL MODULE: ./src/registry/needs.ts
var needs = __webpack_require__(4746);
;// CONCATENATED MODULE: ./src/run/registry.ts
// Asks the container registry what the run needs (newest tags, existence, digests) before
// anything is read from or written to the GitOps repository, and logs what it answered.
// The registry client is loaded (its own chunk in the bundles) only by a run that asks a
// registry: most runs name the tag, and their start-up should not pay for it.

/** Resolves the bumps through the registry; undefined when the run needs no registry. */
async function askRegistry(settings, context) {
    const options = {
        verify: settings.registry.verify,
        resolveDigest: settings.registry.resolveDigest,
        insecure: settings.registry.insecure,
        policy: settings.policy,
    };
    if (!(0,needs/* needsRegistry */.d)(settings.bumps, options))
        return undefined;
    context.log.phase?.('Ask the container registry');
    // One after the other: jest's ES-module loader fails ("request for 'node:crypto' is not in
    // cache") when two imports in flight load the same node module.
    const { RegistryClient } = await __webpack_require__.e(/* import() */ 440).then(__webpack_require__.bind(__webpack_require__, 2440));
    const { dockerConfigCredentials, withInputCredential } = await __webpack_require__.e(/* import() */ 653).then(__webpack_require__.bind(__webpack_require__, 3653));
    const { resolveBumps } = await __webpack_require__.e(/* import() */ 91).then(__webpack_require__.bind(__webpack_require__, 2091));
    const fromConfig = dockerConfigCredentials(context.env ?? process.env);
    const input = settings.registry.credential;
    const client = new RegistryClient({
        credentials: input
            ? withInputCredential({ ...input, source: 'registry-username/registry-password' }, fromConfig)
            : fromConfig,
        insecure: settings.registry.insecure,
        ...(context.mask && { mask: context.mask }),
        ...(context.loginHint && { loginHint: context.loginHint }),
        ...(context.fetch && { fetch: context.fetch }),
        ...(context.sleep && { sleep: context.sleep }),
    });
    const resolved = await resolveBumps(settings.bumps, options, client);
    for (const r of resolved.resolutions)
        context.log.info(`${r.image}: ${r.tag === undefined ? 'left alone' : `${r.tag}${r.digest ? `@${r.digest}` : ''}`} (${r.action || 'newest'}): ${r.reason}`);
    for (const request of client.requests)
        context.log.debug(`registry: ${request.method} ${request.url} ${request.status}`);
    context.log.info(`registry: ${resolved.requests} request${resolved.requests === 1 ? '' : 's'}`);
    return resolved;
}

// EXTERNAL MODULE: ./src/run/store-bump.ts
var store_bump = __webpack_require__(8525);
;// CONCATENATED MODULE: ./src/run/run.ts
// The one bump both doors run: settings in, report and what was written out. Chooses where
// the files live: on disk (workspace), in a GitHub repository (the API), or on any git host.
// Each store is imported when a run needs it (the GitHub client only for GitHub, git only for
// git remotes): the bundles load them as separate chunks, so a start pays only for its own store.







/** Who commits to a plain git remote. */
const GIT_AUTHOR = { name: 'gitops-bump[bot]', email: 'gitops-bump[bot]@users.noreply.github.com' };
/**
 * The one word for what a run did, the same in the action's `operation` output and the CLI's
 * --json: the remote write's operation; in workspace mode `written` (files written), `refused`
 * (the policy refused every change still to make) or `none`.
 */
function operationOf(result, dryRun) {
    if (result.outcome)
        return result.outcome.operation;
    if (result.report.changed)
        return dryRun ? 'none' : 'written';
    return (0,store_bump.noChangeOperation)(result.report);
}
/**
 * Whether this run wrote the change (a dry run: would write it), the same in the action's
 * `changed` output and the CLI's --json: a rerun whose open PR already holds the change, or a
 * lost answer not proved to be this run's, wrote nothing.
 */
function changedOf(result, dryRun) {
    const { report, outcome } = result;
    if (dryRun || !outcome)
        return report.changed;
    return outcome.operation !== 'none' && outcome.commit !== undefined;
}
/** The engine options of a run. */
function bumpOptions(settings) {
    return {
        ...(settings.container !== undefined && { container: settings.container }),
        pinDigest: settings.pinDigest,
        policy: settings.policy,
        onViolation: settings.onViolation,
        onMissed: settings.onMissed,
    };
}
/** Runs the bump the settings describe: the registry first, then the files. */
async function runBump(asked, context) {
    const resolved = await askRegistry(asked, {
        log: context.log,
        ...(context.mask && { mask: context.mask }),
        ...(context.env && { env: context.env }),
        ...(context.registryLoginHint && { loginHint: context.registryLoginHint }),
    });
    const settings = resolved ? { ...asked, bumps: resolved.bumps } : asked;
    const extra = {
        bumps: settings.bumps,
        ...(resolved && { resolutions: resolved.resolutions }),
    };
    if (settings.bumps.length === 0) {
        context.log.info('No image has a tag to deploy: nothing to change.');
        return {
            report: { files: [], occurrences: [], skipped: [], missed: [], changed: false },
            ...extra,
        };
    }
    return { ...(await writeBump(settings, context)), ...extra };
}
/** Edits and writes the files where the settings say. */
async function writeBump(settings, context) {
    const remote = settings.remote;
    if (!remote)
        return writeWorkspace(settings, context);
    if (remote.kind === 'git')
        return writeGitRemote(settings, remote, context);
    return writeGitHub(settings, remote, context);
}
/** Files on disk, through the workspace store: read, bump, write all or none. */
async function writeWorkspace(settings, context) {
    const root = (0,external_node_path_.resolve)(context.root, settings.workingDirectory);
    const [{ WorkspaceFolder }, { changes, readAndBump }] = await Promise.all([
        __webpack_require__.e(/* import() */ 767).then(__webpack_require__.bind(__webpack_require__, 7767)),
        Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 8525)),
    ]);
    context.log.phase?.('Read and edit the files');
    const folder = new WorkspaceFolder(root);
    const { read, report } = await readAndBump(folder, settings.files, settings.bumps, bumpOptions(settings));
    context.log.phase?.(settings.dryRun ? 'Write (dry run: nothing written)' : 'Write');
    if (!settings.dryRun && report.changed)
        await folder.write(read.head, changes(report), { headline: '', body: '' });
    return { report };
}
/** Any git remote: clone, bump, commit and push (./git.ts). */
async function writeGitRemote(settings, remote, context) {
    const { bumpGitRepository } = await __webpack_require__.e(/* import() */ 560).then(__webpack_require__.bind(__webpack_require__, 9560));
    const workDir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(context.tempDir ?? (0,external_node_os_.tmpdir)(), 'gitops-bump-clone-'));
    try {
        context.log.phase?.(`Clone, edit, commit and push: ${(0,url/* safeUrl */.Pl)(remote.url)}`);
        const git = await bumpGitRepository({
            url: remote.url,
            ...(remote.branch !== undefined && { branch: remote.branch }),
            files: settings.files,
            bumps: settings.bumps,
            options: bumpOptions(settings),
            commitMessage: (report) => (0,messages/* commitMessage */.df)(remote.commitMessage, report, settings.bumps),
            author: GIT_AUTHOR,
            maxAttempts: remote.maxAttempts,
            dryRun: settings.dryRun,
            ...(remote.token !== undefined && { token: remote.token }),
            ...(remote.tokenUser !== undefined && { tokenUser: remote.tokenUser }),
            workDir,
            log: context.log,
            ...(context.sleep && { sleep: context.sleep }),
        });
        return {
            report: git.report,
            outcome: {
                report: git.report,
                operation: git.operation,
                branch: git.branch,
                base: git.branch,
                ...(git.commit && { commit: git.commit }),
                attempts: git.attempts,
            },
        };
    }
    finally {
        (0,external_node_fs_.rmSync)(workDir, { recursive: true, force: true });
    }
}
/** A GitHub repository through the API: a commit or a pull request (./remote.ts). */
async function writeGitHub(settings, remote, context) {
    await (await __webpack_require__.e(/* import() */ 917).then(__webpack_require__.bind(__webpack_require__, 917))).loadProxyFetch();
    const [{ connectGitHub }, { bumpRemote }] = await Promise.all([
        Promise.all(/* import() */[__webpack_require__.e(730), __webpack_require__.e(214), __webpack_require__.e(602)]).then(__webpack_require__.bind(__webpack_require__, 2602)),
        __webpack_require__.e(/* import() */ 784).then(__webpack_require__.bind(__webpack_require__, 8784)),
    ]);
    const github = connectGitHub({
        token: remote.token,
        endpoints: context.endpoints,
        timeoutMs: remote.timeoutMs,
        ...(context.workflowRepository && { workflowRepository: context.workflowRepository }),
        log: context.log,
        ...(context.early && { early: context.early }),
    });
    const { kind: _kind, token: _token, timeoutMs: _timeout, ...where } = remote;
    const outcome = await bumpRemote(github, {
        ...where,
        files: settings.files,
        bumps: settings.bumps,
        options: bumpOptions(settings),
        dryRun: settings.dryRun,
        ...(context.runUrl && { runUrl: context.runUrl }),
    }, context.log, context.sleep, context.now);
    return { report: outcome.report, outcome };
}

// EXTERNAL MODULE: ./src/stores/github/endpoints.ts
var endpoints = __webpack_require__(8282);
// EXTERNAL MODULE: ./src/action/inputs.ts + 2 modules
var inputs = __webpack_require__(9045);
;// CONCATENATED MODULE: ./src/action/outputs.ts
// The action's outputs and job summary, gathered in one place and set once at the end.



/** The action's output names, as action.yml declares them. */
var Outputs;
(function (Outputs) {
    Outputs["Changed"] = "changed";
    Outputs["Operation"] = "operation";
    Outputs["CommitSha"] = "commit-sha";
    Outputs["CommitUrl"] = "commit-url";
    Outputs["PrNumber"] = "pr-number";
    Outputs["PrUrl"] = "pr-url";
    Outputs["Branch"] = "branch";
    Outputs["Files"] = "files";
    Outputs["Changes"] = "changes";
    Outputs["Results"] = "results";
    Outputs["Image"] = "image";
    Outputs["Tag"] = "tag";
    Outputs["PreviousTag"] = "previous-tag";
    Outputs["Merged"] = "merged";
    Outputs["MergeCommitSha"] = "merge-commit-sha";
    Outputs["Superseded"] = "superseded";
    Outputs["Resolved"] = "resolved";
})(Outputs || (Outputs = {}));
/** Computes every output from the report and, for a GitHub write, from what was written. */
function outputsOf(report, bumps, outcome, dryRun = false, resolutions = []) {
    const changes = report.occurrences.filter((o) => o.changed);
    // The first image that was bumped (action.yml), else the first image asked for.
    const first = bumps.find((b) => changes.some((o) => o.image === b.image.name)) ?? bumps[0];
    const previous = changes.find((o) => o.image === first.image.name) ??
        report.occurrences.find((o) => o.image === first.image.name);
    const outputs = new Map();
    // `changed`: this run changed the files (a dry run: would change them). A rerun that finds its
    // pull request already holding the change wrote nothing, so it reports false.
    const changed = changedOf({ report, ...(outcome && { outcome }) }, dryRun);
    outputs.set(Outputs.Changed, String(changed));
    outputs.set(Outputs.Operation, operationOf({ report, ...(outcome && { outcome }) }, dryRun));
    outputs.set(Outputs.CommitSha, outcome?.commit?.oid ?? '');
    outputs.set(Outputs.CommitUrl, outcome?.commit?.url ?? '');
    outputs.set(Outputs.PrNumber, outcome?.pull ? String(outcome.pull.number) : '');
    outputs.set(Outputs.PrUrl, outcome?.pull?.url ?? '');
    outputs.set(Outputs.Branch, outcome?.branch ?? '');
    outputs.set(Outputs.Files, JSON.stringify(report.files.filter((f) => f.changed).map((f) => f.path)));
    outputs.set(Outputs.Changes, JSON.stringify(changes.map((o) => ({ file: o.file, line: o.line, image: o.image, from: o.from, to: o.to }))));
    outputs.set(Outputs.Results, JSON.stringify(resultsOf(report)));
    outputs.set(Outputs.Image, first.image.name);
    // Nothing written: tag and previous-tag both say what is deployed, not the refused request.
    const deployed = changed ? undefined : (previous?.from ?? '');
    outputs.set(Outputs.Tag, deployed ?? first.tag ?? first.digest ?? '');
    outputs.set(Outputs.PreviousTag, previous?.from ?? '');
    outputs.set(Outputs.Merged, outcome?.merged === undefined ? '' : String(outcome.merged));
    outputs.set(Outputs.MergeCommitSha, outcome?.mergeCommit?.oid ?? '');
    outputs.set(Outputs.Superseded, JSON.stringify(outcome?.superseded ?? []));
    outputs.set(Outputs.Resolved, JSON.stringify(resolutions));
    return outputs;
}
/** One entry per occurrence: what was decided and why. */
function resultsOf(report) {
    const results = report.occurrences.map((o) => ({
        file: o.file,
        line: o.line,
        image: o.image,
        from: o.from,
        to: o.to,
        decision: o.verdict?.decision ?? (o.changed ? 'bumped' : 'unchanged'),
        reason: o.verdict?.reason ?? (o.changed ? 'bumped' : 'already there'),
    }));
    // Missed places: named the image, not bumped (decision `missed`, with why).
    for (const m of report.missed)
        results.push({
            file: m.file,
            line: m.line,
            image: m.image,
            decision: 'missed',
            reason: m.reason,
        });
    return results;
}
/** Logs and sets every output. */
function setOutputs(outputs) {
    for (const [name, value] of outputs) {
        core/* info */.pq(`${name} = ${value}`);
        core/* setOutput */.uH(name, value);
    }
}
function cell(text) {
    return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
const TITLES = {
    committed: 'committed',
    'pr-created': 'pull request opened',
    'pr-updated': 'pull request updated',
    'pr-merged': 'pull request merged',
    'auto-merge-enabled': 'pull request opened, auto-merge enabled',
    'pr-closed': 'pull request closed',
    refused: 'refused by policy',
    written: 'files written',
    none: 'nothing to change',
};
/** The open pull request that already held the change (nothing written), if that is the case. */
function heldBy(outcome, dryRun) {
    if (dryRun || !outcome?.pull || outcome.operation !== 'none')
        return undefined;
    return outcome.report.changed && !outcome.commit ? outcome.pull.number : undefined;
}
/** The result column of one place; `held`: the open PR that already holds the change. */
function placeResult(o, dryRun, held) {
    if (o.verdict?.decision === 'skipped')
        return `refused by policy: ${cell(o.verdict.reason)}`;
    if (o.changed && held !== undefined)
        return `in pull request #${held}`;
    if (o.changed)
        return dryRun ? 'would change' : 'changed';
    return 'already there';
}
function summaryTitle(report, dryRun, outcome, where) {
    const refused = (0,bump_files/* refusedOccurrences */.F7)(report).length > 0;
    if (dryRun) {
        if (report.changed)
            return `dry run: changes to make${where}`;
        return refused ? `dry run: refused by policy${where}` : `nothing to change${where}`;
    }
    const operation = operationOf({ report, ...(outcome && { outcome }) }, dryRun);
    const held = heldBy(outcome, dryRun);
    if (held !== undefined)
        return `pull request #${held} already holds the change${where}`;
    if (operation === 'pr-closed' && refused)
        return `refused by policy, pull request closed${where}`;
    if (operation === 'pr-closed')
        return `already deployed, pull request closed${where}`;
    return `${TITLES[operation]}${where}`;
}
function summaryLinks(outcome) {
    const links = [];
    if (outcome?.pull)
        links.push(`Pull request: [#${outcome.pull.number}](${outcome.pull.url})`);
    if (outcome?.commit?.url)
        links.push(`Commit: [${outcome.commit.oid.slice(0, 7)}](${outcome.commit.url})`);
    if (outcome?.mergeCommit?.url && outcome.mergeCommit.oid !== outcome.commit?.oid)
        links.push(`Merge commit: [${outcome.mergeCommit.oid.slice(0, 7)}](${outcome.mergeCommit.url})`);
    if (outcome?.superseded?.length)
        links.push(`Superseded: ${outcome.superseded.map((n) => `#${n}`).join(', ')}`);
    return links;
}
/** The table of places: every column has a header. */
function placesTable(report, dryRun, outcome) {
    const held = heldBy(outcome, dryRun);
    return [
        '| place | image | from → to | result |',
        '| --- | --- | --- | --- |',
        ...report.occurrences.map((o) => `| ${cell(`${o.file}:${o.line}`)} | ${cell(o.image)} | ${cell(o.from || '(none)')} → ${cell(o.to)} | ${placeResult(o, dryRun, held)} |`),
        ...report.missed.map((m) => `| ${cell(`${m.file}:${m.line}`)} | ${cell(m.image)} | | missed: ${cell(m.reason)} |`),
    ];
}
/** Writes the job summary: what was done, with links, and a table of file, image, old → new. */
async function writeSummary(report, dryRun, outcome, repository, resolutions = []) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    const where = repository ? ` in ${repository}${outcome ? `@${outcome.base}` : ''}` : '';
    const links = summaryLinks(outcome);
    const refused = (0,bump_files/* refusedOccurrences */.F7)(report);
    // Loaded only for a dry run's diff, as the log's diff is (start-up stays small).
    const diff = dryRun && report.changed ? (await __webpack_require__.e(/* import() */ 254).then(__webpack_require__.bind(__webpack_require__, 2254))).unifiedDiff(report) : '';
    const text = [
        `### gitops-bump: ${summaryTitle(report, dryRun, outcome, where)}`,
        '',
        ...(links.length ? [links.join(' · '), ''] : []),
        ...placesTable(report, dryRun, outcome),
        '',
        ...(refused.length
            ? [
                `The version policy refused ${refused.length === 1 ? 'one place' : `${refused.length} places`}, judged against what the branch holds; ${refused.length === 1 ? 'it was' : 'they were'} not written.`,
                '',
            ]
            : []),
        ...(dryRun && report.changed
            ? [
                '<details><summary>Diff (dry run: nothing written)</summary>',
                '',
                '```diff',
                diff.trimEnd(),
                '```',
                '',
                '</details>',
                '',
            ]
            : []),
        ...registryRows(resolutions),
    ].join('\n');
    await core/* summary */.z.addRaw(text, true).write();
}
/**
 * The job summary of a failed run: what failed, the fix (the message says it), and what was
 * and was not written.
 */
async function writeFailureSummary(message, outcome) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    const links = summaryLinks(outcome);
    const written = outcome?.pull
        ? outcome.operation === 'pr-closed'
            ? `Closed before the failure: pull request #${outcome.pull.number}; nothing was merged.`
            : `Written before the failure: pull request #${outcome.pull.number}${outcome.commit ? ` (commit ${outcome.commit.oid.slice(0, 7)})` : ''}.`
        : outcome?.commit
            ? `Written before the failure: commit ${outcome.commit.oid.slice(0, 7)}.`
            : 'Nothing was written.';
    const text = [
        '### gitops-bump: failed',
        '',
        ...(links.length ? [links.join(' · '), ''] : []),
        '```text',
        message.replace(/```/g, "'''"),
        '```',
        '',
        written,
        '',
    ].join('\n');
    await core/* summary */.z.addRaw(text, true).write();
}
/** The registry's answers, per image: the tag chosen or checked, and why the others were not. */
function registryRows(resolutions) {
    if (resolutions.length === 0)
        return [];
    return [
        '| image | from the registry | why | not chosen |',
        '| --- | --- | --- | --- |',
        ...resolutions.map((r) => `| ${cell(r.image)} | ${cell(r.tag === undefined ? 'left alone' : `${r.tag}${r.digest ? `@${r.digest}` : ''}`)} | ${cell(r.reason)} | ${cell(r.rejected.map((g) => `${g.reason}: ${g.count}`).join('; '))} |`),
        '',
    ];
}

;// CONCATENATED MODULE: ./src/action/main.ts
// The action door: inputs → settings → run the bump (core) → outputs and job summary.








/** Opens one log group per phase, closing the previous one. */
function groupedLog() {
    let open = false;
    const close = () => {
        if (open)
            core/* endGroup */.N4();
        open = false;
    };
    return {
        info: (m) => core/* info */.pq(m),
        warning: (m) => core/* warning */.$e(m),
        debug: (m) => core/* debug */.Yz(m),
        phase: (title) => {
            close();
            core/* startGroup */.Oh(title);
            open = true;
        },
        close,
    };
}
function logReport(report) {
    for (const o of report.occurrences) {
        const what = o.verdict?.decision === 'skipped'
            ? `${o.from || '(none)'} -> ${o.to} refused`
            : o.changed
                ? `${o.from || '(none)'} -> ${o.to}`
                : `${o.to} (already)`;
        core/* info */.pq(`${o.file}:${o.line} ${o.image} ${what}`);
    }
    for (const s of report.skipped)
        if (s.filtered)
            core/* info */.pq(`${s.file}:${s.line} ${s.image} skipped: ${s.reason}`);
    annotateMissed(report.missed);
    for (const o of report.occurrences) {
        if (o.verdict?.decision === 'skipped')
            core/* warning */.$e(`${o.file}:${o.line} ${o.image} not bumped: ${o.verdict.reason}`);
        else if (o.verdict?.warning)
            core/* warning */.$e(`${o.file}:${o.line} ${o.image}: ${o.verdict.warning}`);
    }
}
/** Every missed place (skipped matches included) as a warning annotation on its line. */
function annotateMissed(missed) {
    for (const m of missed)
        core/* warning */.$e(`${m.image} not bumped here: ${m.reason}`, {
            title: 'gitops-bump: missed place',
            file: m.file,
            startLine: m.line,
        });
}
function describe(settings) {
    const remote = settings.remote;
    if (!remote)
        return `workspace mode in ${settings.workingDirectory}`;
    if (remote.kind === 'git')
        return `commit and push to ${(0,url/* safeUrl */.Pl)(remote.url)}@${remote.branch ?? '(default branch)'}`;
    return `${remote.mode} in ${remote.repo.owner}/${remote.repo.name}@${remote.branch ?? '(default branch)'}${remote.mode === 'pull-request' ? ` through ${remote.prBranch}, merge ${remote.merge} (${remote.mergeMethod})` : ''}`;
}
function repositoryOf(settings) {
    const remote = settings.remote;
    if (!remote)
        return undefined;
    return remote.kind === 'git' ? (0,url/* safeUrl */.Pl)(remote.url) : `${remote.repo.owner}/${remote.repo.name}`;
}
/** Runs the action; the one place that turns a thrown error into a failed step. */
async function run(started = {}) {
    const log = groupedLog();
    let settings;
    try {
        log.phase('Inputs');
        if (started.error)
            throw started.error;
        settings = started.settings ?? (0,inputs/* readSettings */.s)();
        for (const bump of settings.bumps)
            core/* info */.pq(`image ${bump.image.name} -> ${bump.tag ?? (bump.digest ? '' : '(the newest tag in the registry)')}${bump.digest ? `@${bump.digest}` : ''}`);
        core/* info */.pq(describe(settings));
        const env = process.env;
        const runUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
            ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
            : undefined;
        const { report, outcome, bumps, resolutions } = await runBump(settings, {
            root: env.GITHUB_WORKSPACE ?? process.cwd(),
            endpoints: (0,endpoints/* endpointsFromEnv */.k)(env),
            ...(env.GITHUB_REPOSITORY && { workflowRepository: env.GITHUB_REPOSITORY }),
            ...(runUrl && { runUrl }),
            ...(env.RUNNER_TEMP && { tempDir: env.RUNNER_TEMP }),
            log,
            mask: (secret) => core/* setSecret */.Pq(secret),
            ...(started.early && { early: started.early }),
        });
        log.phase('Outputs');
        logReport(report);
        if (settings.dryRun && report.changed)
            core/* info */.pq((await __webpack_require__.e(/* import() */ 254).then(__webpack_require__.bind(__webpack_require__, 2254))).unifiedDiff(report));
        setOutputs(outputsOf(report, bumps.length ? bumps : settings.bumps, outcome, settings.dryRun, resolutions));
        log.close();
        await writeSummary(report, settings.dryRun, outcome, repositoryOf(settings), resolutions);
    }
    catch (error) {
        log.close();
        const message = error instanceof Error ? error.message : `gitops-bump failed: ${String(error)}`;
        // Something was written before the failure (a PR opened, then a merge refused): say what.
        const outcome = error instanceof pull_lifecycle/* WrittenError */.uv ? error.outcome : undefined;
        if (outcome && settings)
            setOutputs(outputsOf(outcome.report, settings.bumps, outcome));
        // Nothing written: `changed` says false (action.yml), for steps that run after a failure.
        else
            core/* setOutput */.uH('changed', 'false');
        // on-missed: fail names each place in the message; each also gets its annotation.
        if (error instanceof bump_files/* MissedPlacesError */.i$)
            annotateMissed(error.places);
        core/* setFailed */.C1(message);
        await writeFailureSummary(message, outcome).catch(() => undefined);
    }
}

;// CONCATENATED MODULE: ./src/main.ts
// The action's logic entry point: exports run(), as GitHub's local runner (@github/local-action)
// expects of `src/main.ts`; src/index.ts (bundled into dist/index.js) only calls it.



/***/ }),

/***/ 7487:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ey: () => (/* binding */ closeUnneededPull),
/* harmony export */   Lp: () => (/* binding */ pullDrift),
/* harmony export */   QA: () => (/* binding */ closeOnPolicyFailure),
/* harmony export */   hZ: () => (/* binding */ nothingToDeployMessage),
/* harmony export */   hh: () => (/* binding */ supersede),
/* harmony export */   nJ: () => (/* binding */ waitForMerge),
/* harmony export */   uv: () => (/* binding */ WrittenError)
/* harmony export */ });
/* harmony import */ var _engine_bump_files_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(88);
/* harmony import */ var _stores_github_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2437);
/* harmony import */ var _messages_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(492);
// The pull request's life around the write: judging an open PR against what the base branch
// holds, closing one whose change is refused or already deployed, superseding this action's
// older PRs for the same images, and waiting for the merge. Speaks only GitHubPort.



/** A failure after something was written: the outcome says what was, for outputs and summary. */
class WrittenError extends _stores_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GitHubError */ .y_ {
    outcome;
    constructor(message, outcome) {
        super(message);
        this.outcome = outcome;
    }
}
/**
 * The files an open pull request must change so that it holds exactly the base branch plus this
 * bump: each place is judged against the base (what is deployed), never against the PR's head.
 * Empty when the PR already holds that.
 */
function pullDrift(report, snapshot) {
    const head = snapshot.head;
    return report.files
        .filter((f) => head?.files.get(f.path)?.text !== f.after)
        .map((f) => ({ path: f.path, text: f.after }));
}
/** Says why nothing is deployed: refused by policy (with the reasons), or already there. */
const nothingToDeployMessage = _engine_bump_files_js__WEBPACK_IMPORTED_MODULE_0__/* .noChangeReason */ .cI;
/**
 * Nothing to deploy against the base, yet a pull request of this image set is open: its change is
 * refused by the policy now, or the base already holds it. It is closed with a comment that says
 * why (and its branch deleted), so it is neither merged nor left to auto-merge.
 */
async function closeUnneededPull(ctx, snapshot, report, outcome) {
    const pull = snapshot.pull;
    const base = snapshot.base.name;
    const why = nothingToDeployMessage(report, base);
    const info = { number: pull.number, url: pull.url };
    const refused = (0,_engine_bump_files_js__WEBPACK_IMPORTED_MODULE_0__/* .refusedOccurrences */ .F7)(report).length > 0;
    if (ctx.request.dryRun) {
        ctx.log.info(`Dry run: pull request #${pull.number} would be closed: ${why}.`);
        return { ...outcome, operation: refused ? 'refused' : 'none', pull: info };
    }
    ctx.log.phase?.(`Write: close pull request #${pull.number}`);
    const comment = refused
        ? `gitops-bump closed this pull request: its change is ${why}. Nothing was merged. To roll back on purpose, run again with allow-downgrade: true.`
        : `gitops-bump closed this pull request: ${why}, so it is no longer needed.`;
    const result = await ctx.github.closePulls({
        repo: ctx.request.repo,
        pulls: [
            {
                id: pull.id,
                number: pull.number,
                comment,
                ...(snapshot.head && { headRefId: snapshot.head.refId }),
            },
        ],
    });
    for (const problem of result.problems)
        ctx.log.warning(problem);
    if (!result.closed.includes(pull.number)) {
        throw new WrittenError(`Pull request #${pull.number} (${pull.url}) must not be merged (${why}), but closing it failed: ${result.problems.join('; ')}. Close it by hand.`, { ...outcome, operation: 'none', pull: info });
    }
    ctx.log.info(`Closed pull request #${pull.number}: ${why}.`);
    return { ...outcome, operation: 'pr-closed', pull: info, merged: false };
}
/**
 * on-policy-violation: fail refused the change while a pull request for it is open: the step
 * fails as asked, and the pull request (which would roll the base back if merged, perhaps by
 * auto-merge) is closed with the policy's message. Returns the error to throw.
 */
async function closeOnPolicyFailure(ctx, snapshot, error) {
    const pull = snapshot.pull;
    if (!pull || ctx.request.dryRun)
        return error;
    const result = await ctx.github.closePulls({
        repo: ctx.request.repo,
        pulls: [
            {
                id: pull.id,
                number: pull.number,
                comment: `gitops-bump closed this pull request: against ${snapshot.base.name} (what is deployed), ${error.message.replace(/^The version policy/, 'the version policy')} Nothing was merged.`,
                ...(snapshot.head && { headRefId: snapshot.head.refId }),
            },
        ],
    });
    for (const problem of result.problems)
        ctx.log.warning(problem);
    if (!result.closed.includes(pull.number))
        return new _stores_github_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .GitHubError */ .y_(`${error.message}\nPull request #${pull.number} (${pull.url}) carries that change and could not be closed: close it by hand.`);
    const report = { files: [], occurrences: [], skipped: [], missed: [], changed: false };
    return new WrittenError(`${error.message}\nPull request #${pull.number} (${pull.url}), which carried that change, was closed.`, {
        report,
        operation: 'pr-closed',
        branch: ctx.request.prBranch,
        base: snapshot.base.name,
        attempts: 1,
        pull: { number: pull.number, url: pull.url },
        merged: false,
    });
}
/**
 * Closes this action's other open pull requests on the same base whose images are this run's
 * images or a subset of them: one request for all of them (none when there are none).
 */
async function supersede(ctx, snapshot, current, bumps) {
    if (!ctx.request.closeSuperseded || !snapshot.bumpPulls)
        return [];
    const mine = new Set(bumps.map((b) => b.image.name));
    const older = snapshot.bumpPulls.filter((p) => {
        if (p.number === current.number || p.baseRefName !== snapshot.base.name)
            return false;
        const images = (0,_messages_js__WEBPACK_IMPORTED_MODULE_2__/* .markedImages */ .rY)(p.body);
        return images !== undefined && images.length > 0 && images.every((i) => mine.has(i));
    });
    if (older.length === 0)
        return [];
    const result = await ctx.github.closePulls({
        repo: ctx.request.repo,
        pulls: older.map((p) => ({
            id: p.id,
            number: p.number,
            comment: `Superseded by #${current.number} (${current.url}), which gitops-bump now keeps up to date for these images. Closed by gitops-bump.`,
            ...(p.headRefId && { headRefId: p.headRefId }),
        })),
    });
    for (const problem of result.problems)
        ctx.log.warning(`Superseding: ${problem}`);
    for (const n of result.closed) {
        const kept = result.branchesDeleted.includes(n) ? 'its branch deleted' : 'its branch kept';
        ctx.log.info(`Closed pull request #${n}, superseded by #${current.number} (${kept}).`);
    }
    return result.closed;
}
/** The first wait between polls, the longest, and how each wait grows. */
const FIRST_POLL_MS = 2000;
const MAX_POLL_MS = 30_000;
/**
 * Waits until GitHub merges the pull request (auto-merge is on), polling one small query with
 * backoff from 2 s to 30 s. Closed without a merge, or time up: a WrittenError that says which.
 */
async function waitForMerge(ctx, pull, outcome) {
    const limit = ctx.request.waitForMergeMs;
    ctx.log.phase?.(`Wait for pull request #${pull.number} to merge (up to ${showMs(limit)})`);
    const deadline = ctx.now() + limit;
    let delay = FIRST_POLL_MS;
    for (let polls = 1;; polls++) {
        let status;
        try {
            status = await ctx.github.pullStatus(ctx.request.repo, pull.id);
        }
        catch (error) {
            throw new WrittenError(`Waiting for pull request #${pull.number} (${pull.url}) to merge failed: ${error instanceof Error ? error.message : String(error)}`, { ...outcome, merged: false });
        }
        if (status.state === 'MERGED' && status.mergeCommit) {
            ctx.log.info(`Pull request #${pull.number} was merged: ${status.mergeCommit.oid} (${polls} ${polls === 1 ? 'check' : 'checks'}).`);
            return status.mergeCommit;
        }
        if (status.state === 'CLOSED') {
            throw new WrittenError(`Pull request #${pull.number} (${pull.url}) was closed without being merged while this step waited for it; nothing was deployed.`, { ...outcome, merged: false });
        }
        const left = deadline - ctx.now();
        if (left <= 0) {
            throw new WrittenError(`Pull request #${pull.number} (${pull.url}) was not merged within wait-for-merge (${showMs(limit)}); it stays open with auto-merge enabled. Check its required checks, or raise wait-for-merge.`, { ...outcome, merged: false });
        }
        await ctx.sleep(Math.min(delay, left));
        delay = Math.min(MAX_POLL_MS, delay * 2);
    }
}
function showMs(ms) {
    if (ms % 3_600_000 === 0)
        return `${ms / 3_600_000}h`;
    if (ms % 60_000 === 0)
        return `${ms / 60_000}m`;
    return `${ms / 1000}s`;
}


/***/ }),

/***/ 8525:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   changes: () => (/* binding */ changes),
/* harmony export */   noChangeOperation: () => (/* binding */ noChangeOperation),
/* harmony export */   readAndBump: () => (/* binding */ readAndBump)
/* harmony export */ });
/* harmony import */ var _engine_bump_files_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(88);
/* harmony import */ var _engine_file_specs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(283);
/* harmony import */ var _first_read_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7596);
// The read-and-edit step every store shares: expand the file specs over the store's listing (or,
// with no glob, read the named files directly), read those files at the head, and bump them with
// the engine (nothing written here).



/** What the specs name, as read at one head, and the bump applied to it. */
async function readAndBump(store, specs, bumps, options) {
    const { targets, read } = (await readNamed(store, specs)) ?? (await readListed(store, specs));
    const files = targets.map((t) => ({ path: t.path, text: read.files.get(t.path) ?? '' }));
    return { read, report: (0,_engine_bump_files_js__WEBPACK_IMPORTED_MODULE_0__/* .bumpFiles */ .OS)(files, targets, bumps, options) };
}
/** The specs expanded over the whole listing of the store, then those files read. */
async function readListed(store, specs) {
    const targets = (0,_engine_file_specs_js__WEBPACK_IMPORTED_MODULE_1__/* .expandFileSpecs */ .Ze)(specs, await store.list(), store.describe?.bind(store));
    return { targets, read: await store.read(targets.map((t) => t.path)) };
}
/**
 * Without a glob, the named files are read directly: no walk of the whole tree (thousands of
 * files in a GitOps checkout). Undefined when a named path is missing or not a regular file: the
 * listing then makes the error, with the names nearby.
 */
async function readNamed(store, specs) {
    const describe = store.describe?.bind(store);
    if (!describe || !store.describesUnlisted || specs.some((s) => s.isGlob))
        return undefined;
    const paths = (0,_first_read_js__WEBPACK_IMPORTED_MODULE_2__/* .namedPaths */ .SR)(specs);
    if (paths.some((path) => describe(path) !== undefined))
        return undefined;
    try {
        const read = await store.read(paths);
        const present = paths.filter((path) => read.files.get(path) !== undefined);
        return { targets: (0,_engine_file_specs_js__WEBPACK_IMPORTED_MODULE_1__/* .expandFileSpecs */ .Ze)(specs, present, describe), read };
    }
    catch {
        return undefined; // a folder the store could not tell apart, a missing file: see the listing
    }
}
/**
 * The files a bump changed, as a store writes them (with the edits, for a store that keeps the
 * bytes read).
 */
function changes(report) {
    return report.files
        .filter((f) => f.changed)
        .map((f) => ({ path: f.path, text: f.after, edits: f.edits }));
}
/**
 * What a run that changes nothing did, in the `operation` output's words: `refused` when the
 * version policy refused a change still to make, `none` when everything already holds it.
 */
function noChangeOperation(report) {
    return (0,_engine_bump_files_js__WEBPACK_IMPORTED_MODULE_0__/* .refusedOccurrences */ .F7)(report).length > 0 ? 'refused' : 'none';
}


/***/ }),

/***/ 2437:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WE: () => (/* binding */ explain),
/* harmony export */   c2: () => (/* binding */ statusOf),
/* harmony export */   c8: () => (/* binding */ graphqlIssues),
/* harmony export */   cp: () => (/* binding */ isUncertain),
/* harmony export */   oi: () => (/* binding */ graphqlData),
/* harmony export */   qh: () => (/* reexport safe */ _store_js__WEBPACK_IMPORTED_MODULE_0__.q),
/* harmony export */   y_: () => (/* binding */ GitHubError),
/* harmony export */   ze: () => (/* reexport safe */ _store_js__WEBPACK_IMPORTED_MODULE_0__.z)
/* harmony export */ });
/* harmony import */ var _store_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4703);
// GitHub's failures, sorted into what the bump flows act on, with messages that say the fix.
// The store-wide outcomes of a guarded write, under the names the GitHub flows have used.


/** A failure the user must fix (token, permissions, names, settings); the message says how. */
class GitHubError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.name = 'GitHubError';
        this.status = status;
    }
}
/** The GraphQL issues of an error thrown by `octokit.graphql`, or undefined. */
function graphqlIssues(error) {
    const e = error;
    return e?.name === 'GraphqlResponseError' && Array.isArray(e.errors) ? e.errors : undefined;
}
/** The partial data of a GraphQL answer that carried errors. */
function graphqlData(error) {
    return graphqlIssues(error) ? error.data : undefined;
}
/** The HTTP status of an Octokit error. */
function statusOf(error) {
    const status = error?.status;
    return typeof status === 'number' ? status : undefined;
}
/** True for failures after which a write may or may not have been applied. */
function isUncertain(error) {
    if (graphqlIssues(error))
        return false;
    const status = statusOf(error);
    if (status === undefined)
        return error instanceof Error && !(error instanceof GitHubError);
    return status >= 500;
}
function tokenScopeHint(doing) {
    if (doing.workflowRepository && doing.workflowRepository !== doing.repository) {
        return ` The default GITHUB_TOKEN can only write ${doing.workflowRepository}, the repository the workflow runs in; to write ${doing.repository} pass a GitHub App token (actions/create-github-app-token) or a fine-grained token with access to it.`;
    }
    return '';
}
function permissionFix(doing) {
    const perm = doing.needs === 'pull-requests'
        ? '"Contents: write" and "Pull requests: write"'
        : doing.needs === 'contents'
            ? '"Contents: write"'
            : '"Contents: read"';
    const workflow = doing.needs === 'pull-requests'
        ? 'permissions: { contents: write, pull-requests: write }'
        : doing.needs === 'contents'
            ? 'permissions: { contents: write }'
            : 'permissions: { contents: read }';
    return `The token needs ${perm} on ${doing.repository} (for GITHUB_TOKEN, set \`${workflow}\` in the workflow).${tokenScopeHint(doing)}`;
}
function rateLimitReset(error) {
    const headers = error?.response?.headers;
    if (headers?.['x-ratelimit-remaining'] !== '0')
        return undefined;
    const reset = Number(headers['x-ratelimit-reset']);
    return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString() : 'unknown';
}
/** Turns an error from a GitHub call into one that says what to do. */
function explain(error, doing) {
    if (error instanceof GitHubError ||
        error instanceof _store_js__WEBPACK_IMPORTED_MODULE_0__/* .StaleHeadError */ .q ||
        error instanceof _store_js__WEBPACK_IMPORTED_MODULE_0__/* .UncertainWriteError */ .z)
        return error;
    const failure = {
        error,
        status: statusOf(error),
        said: error?.message ?? String(error),
        issues: graphqlIssues(error),
    };
    return (badTokenOrLimit(failure, doing) ??
        accessDenied(failure, doing) ??
        protectedBranch(failure, doing) ??
        otherFailure(failure, doing));
}
/** A token GitHub rejects, or a rate limit used up. */
function badTokenOrLimit({ error, status, said }, doing) {
    if (status === 401) {
        return new GitHubError(`GitHub rejected the token while ${doing.what} (401 Bad credentials): it is expired, revoked, or not a token at all. Check the secret passed in token (an empty or mistyped secret name gives an empty value; a GitHub App token expires after one hour).`, 401);
    }
    const reset = rateLimitReset(error);
    if (reset !== undefined) {
        return new GitHubError(`GitHub's rate limit for this token is used up (while ${doing.what}); it resets at ${reset}. Run again after that, or use a GitHub App token, which has its own, higher limit.`, status);
    }
    if ((status === 403 || status === 429) && /secondary rate limit/i.test(said)) {
        const wait = error?.response?.headers?.['retry-after'];
        return new GitHubError(`GitHub's secondary rate limit stopped ${doing.what}${wait ? ` and asked to wait ${wait} s, longer than this action waits (60 s)` : ''}. Too many writes at once from this token: run again later, or bump several images in one job with images:.`, status);
    }
    return undefined;
}
/** A token without the permission (403), or a repository it cannot see (404). */
function accessDenied({ status, said, issues }, doing) {
    const forbidden = status === 403 ||
        issues?.some((i) => i.type === 'FORBIDDEN' || /not accessible by (integration|personal)/i.test(i.message));
    if (forbidden) {
        return new GitHubError(`GitHub refused ${doing.what} (403: ${firstLine(issues?.[0]?.message ?? said)}). ${permissionFix(doing)}`, 403);
    }
    const notFound = status === 404 || issues?.some((i) => i.type === 'NOT_FOUND' && /Repository/i.test(i.message));
    if (notFound) {
        return new GitHubError(`The repository ${doing.repository} is not visible to this token (404 while ${doing.what}). Check the repository name (owner/name), and that the token can read it: a fine-grained token or App installation must include ${doing.repository}.${tokenScopeHint(doing)}`, 404);
    }
    return undefined;
}
/** A direct write refused by branch protection or rulesets, with the rules GitHub named. */
function protectedBranch({ said, issues }, doing) {
    const text = issues?.map((i) => i.message).join('\n') ?? said;
    const match = text.match(/Repository rule violations|protected branch|must be made through a pull request|Required status check/i);
    if (!match || doing.needs !== 'contents')
        return undefined;
    const rules = text
        .split('\n')
        .map((l) => l.replace(/^-\s*/, '').trim())
        .filter((l) => l && !/^Repository rule violations found$/i.test(l));
    return new GitHubError(`The branch is protected, so GitHub refused ${doing.what} (${rules.join(' ')}). Use mode: pull-request (with merge: auto, GitHub merges once the rules are met), or let this token bypass the rules.`);
}
/** Anything else: GraphQL errors, server errors after retries, other statuses, no answer. */
function otherFailure({ status, said, issues }, doing) {
    if (issues) {
        return new GitHubError(`GitHub answered an error while ${doing.what}: ${issues.map((i) => firstLine(i.message)).join('; ')}`);
    }
    if (status !== undefined && status >= 500) {
        return new GitHubError(`GitHub failed while ${doing.what} (${status}: ${firstLine(said)}), and kept failing after retries. Try again later; check https://www.githubstatus.com.`, status);
    }
    if (status !== undefined) {
        return new GitHubError(`GitHub answered ${status} while ${doing.what}: ${firstLine(said)}`, status);
    }
    return new GitHubError(`Could not reach GitHub while ${doing.what}: ${firstLine(said)}`);
}
function firstLine(text) {
    return text.split('\n')[0]?.trim() ?? '';
}


/***/ }),

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


/***/ })

};
