import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 4006:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const pico = __nccwpck_require__(8016);
const utils = __nccwpck_require__(4059);

function picomatch(glob, options, returnState = false) {
  // default to os.platform()
  if (options && (options.windows === null || options.windows === undefined)) {
    // don't mutate the original options object
    options = { ...options, windows: utils.isWindows() };
  }

  return pico(glob, options, returnState);
}

Object.assign(picomatch, pico);
module.exports = picomatch;


/***/ }),

/***/ 5595:
/***/ ((module) => {



const WIN_SLASH = '\\\\/';
const WIN_NO_SLASH = `[^${WIN_SLASH}]`;

const DEFAULT_MAX_EXTGLOB_RECURSION = 0;

/**
 * Posix glob regex
 */

const DOT_LITERAL = '\\.';
const PLUS_LITERAL = '\\+';
const QMARK_LITERAL = '\\?';
const SLASH_LITERAL = '\\/';
const ONE_CHAR = '(?=.)';
const QMARK = '[^/]';
const END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
const START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
const DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
const NO_DOT = `(?!${DOT_LITERAL})`;
const NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
const NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
const NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
const QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
const STAR = `${QMARK}*?`;
const SEP = '/';

const POSIX_CHARS = {
  DOT_LITERAL,
  PLUS_LITERAL,
  QMARK_LITERAL,
  SLASH_LITERAL,
  ONE_CHAR,
  QMARK,
  END_ANCHOR,
  DOTS_SLASH,
  NO_DOT,
  NO_DOTS,
  NO_DOT_SLASH,
  NO_DOTS_SLASH,
  QMARK_NO_DOT,
  STAR,
  START_ANCHOR,
  SEP
};

/**
 * Windows glob regex
 */

const WINDOWS_CHARS = {
  ...POSIX_CHARS,

  SLASH_LITERAL: `[${WIN_SLASH}]`,
  QMARK: WIN_NO_SLASH,
  STAR: `${WIN_NO_SLASH}*?`,
  DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
  NO_DOT: `(?!${DOT_LITERAL})`,
  NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
  NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
  NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
  QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
  START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
  END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
  SEP: '\\'
};

/**
 * POSIX Bracket Regex
 */

const POSIX_REGEX_SOURCE = {
  __proto__: null,
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  ascii: '\\x00-\\x7F',
  blank: ' \\t',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '\\x21-\\x7E',
  lower: 'a-z',
  print: '\\x20-\\x7E ',
  punct: '\\-!"#$%&\'()\\*+,./:;<=>?@[\\]^_`{|}~',
  space: ' \\t\\r\\n\\v\\f',
  upper: 'A-Z',
  word: 'A-Za-z0-9_',
  xdigit: 'A-Fa-f0-9'
};

module.exports = {
  DEFAULT_MAX_EXTGLOB_RECURSION,
  MAX_LENGTH: 1024 * 64,
  POSIX_REGEX_SOURCE,

  // regular expressions
  REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
  REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
  REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
  REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
  REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
  REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,

  // Replace globs with equivalent patterns to reduce parsing time.
  REPLACEMENTS: {
    __proto__: null,
    '***': '*',
    '**/**': '**',
    '**/**/**': '**'
  },

  // Digits
  CHAR_0: 48, /* 0 */
  CHAR_9: 57, /* 9 */

  // Alphabet chars.
  CHAR_UPPERCASE_A: 65, /* A */
  CHAR_LOWERCASE_A: 97, /* a */
  CHAR_UPPERCASE_Z: 90, /* Z */
  CHAR_LOWERCASE_Z: 122, /* z */

  CHAR_LEFT_PARENTHESES: 40, /* ( */
  CHAR_RIGHT_PARENTHESES: 41, /* ) */

  CHAR_ASTERISK: 42, /* * */

  // Non-alphabetic chars.
  CHAR_AMPERSAND: 38, /* & */
  CHAR_AT: 64, /* @ */
  CHAR_BACKWARD_SLASH: 92, /* \ */
  CHAR_CARRIAGE_RETURN: 13, /* \r */
  CHAR_CIRCUMFLEX_ACCENT: 94, /* ^ */
  CHAR_COLON: 58, /* : */
  CHAR_COMMA: 44, /* , */
  CHAR_DOT: 46, /* . */
  CHAR_DOUBLE_QUOTE: 34, /* " */
  CHAR_EQUAL: 61, /* = */
  CHAR_EXCLAMATION_MARK: 33, /* ! */
  CHAR_FORM_FEED: 12, /* \f */
  CHAR_FORWARD_SLASH: 47, /* / */
  CHAR_GRAVE_ACCENT: 96, /* ` */
  CHAR_HASH: 35, /* # */
  CHAR_HYPHEN_MINUS: 45, /* - */
  CHAR_LEFT_ANGLE_BRACKET: 60, /* < */
  CHAR_LEFT_CURLY_BRACE: 123, /* { */
  CHAR_LEFT_SQUARE_BRACKET: 91, /* [ */
  CHAR_LINE_FEED: 10, /* \n */
  CHAR_NO_BREAK_SPACE: 160, /* \u00A0 */
  CHAR_PERCENT: 37, /* % */
  CHAR_PLUS: 43, /* + */
  CHAR_QUESTION_MARK: 63, /* ? */
  CHAR_RIGHT_ANGLE_BRACKET: 62, /* > */
  CHAR_RIGHT_CURLY_BRACE: 125, /* } */
  CHAR_RIGHT_SQUARE_BRACKET: 93, /* ] */
  CHAR_SEMICOLON: 59, /* ; */
  CHAR_SINGLE_QUOTE: 39, /* ' */
  CHAR_SPACE: 32, /*   */
  CHAR_TAB: 9, /* \t */
  CHAR_UNDERSCORE: 95, /* _ */
  CHAR_VERTICAL_LINE: 124, /* | */
  CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279, /* \uFEFF */

  /**
   * Create EXTGLOB_CHARS
   */

  extglobChars(chars) {
    return {
      '!': { type: 'negate', open: '(?:(?!(?:', close: `))${chars.STAR})` },
      '?': { type: 'qmark', open: '(?:', close: ')?' },
      '+': { type: 'plus', open: '(?:', close: ')+' },
      '*': { type: 'star', open: '(?:', close: ')*' },
      '@': { type: 'at', open: '(?:', close: ')' }
    };
  },

  /**
   * Create GLOB_CHARS
   */

  globChars(win32) {
    return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
  }
};


/***/ }),

/***/ 8265:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const constants = __nccwpck_require__(5595);
const utils = __nccwpck_require__(4059);

/**
 * Constants
 */

const {
  MAX_LENGTH,
  POSIX_REGEX_SOURCE,
  REGEX_NON_SPECIAL_CHARS,
  REGEX_SPECIAL_CHARS_BACKREF,
  REPLACEMENTS
} = constants;

/**
 * Helpers
 */

const expandRange = (args, options) => {
  if (typeof options.expandRange === 'function') {
    return options.expandRange(...args, options);
  }

  args.sort();
  const value = `[${args.join('-')}]`;

  try {
    /* eslint-disable-next-line no-new */
    new RegExp(value);
  } catch (ex) {
    return args.map(v => utils.escapeRegex(v)).join('..');
  }

  return value;
};

/**
 * Create the message for a syntax error
 */

const syntaxError = (type, char) => {
  return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
};

const splitTopLevel = input => {
  const parts = [];
  let bracket = 0;
  let paren = 0;
  let quote = 0;
  let value = '';
  let escaped = false;

  for (const ch of input) {
    if (escaped === true) {
      value += ch;
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      value += ch;
      escaped = true;
      continue;
    }

    if (ch === '"') {
      quote = quote === 1 ? 0 : 1;
      value += ch;
      continue;
    }

    if (quote === 0) {
      if (ch === '[') {
        bracket++;
      } else if (ch === ']' && bracket > 0) {
        bracket--;
      } else if (bracket === 0) {
        if (ch === '(') {
          paren++;
        } else if (ch === ')' && paren > 0) {
          paren--;
        } else if (ch === '|' && paren === 0) {
          parts.push(value);
          value = '';
          continue;
        }
      }
    }

    value += ch;
  }

  parts.push(value);
  return parts;
};

const isPlainBranch = branch => {
  let escaped = false;

  for (const ch of branch) {
    if (escaped === true) {
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      escaped = true;
      continue;
    }

    if (/[?*+@!()[\]{}]/.test(ch)) {
      return false;
    }
  }

  return true;
};

const normalizeSimpleBranch = branch => {
  let value = branch.trim();
  let changed = true;

  while (changed === true) {
    changed = false;

    if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
      value = value.slice(2, -1);
      changed = true;
    }
  }

  if (!isPlainBranch(value)) {
    return;
  }

  return value.replace(/\\(.)/g, '$1');
};

const hasRepeatedCharPrefixOverlap = branches => {
  const values = branches.map(normalizeSimpleBranch).filter(Boolean);

  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      const a = values[i];
      const b = values[j];
      const char = a[0];

      if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
        continue;
      }

      if (a === b || a.startsWith(b) || b.startsWith(a)) {
        return true;
      }
    }
  }

  return false;
};

const parseRepeatedExtglob = (pattern, requireEnd = true) => {
  if ((pattern[0] !== '+' && pattern[0] !== '*') || pattern[1] !== '(') {
    return;
  }

  let bracket = 0;
  let paren = 0;
  let quote = 0;
  let escaped = false;

  for (let i = 1; i < pattern.length; i++) {
    const ch = pattern[i];

    if (escaped === true) {
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      escaped = true;
      continue;
    }

    if (ch === '"') {
      quote = quote === 1 ? 0 : 1;
      continue;
    }

    if (quote === 1) {
      continue;
    }

    if (ch === '[') {
      bracket++;
      continue;
    }

    if (ch === ']' && bracket > 0) {
      bracket--;
      continue;
    }

    if (bracket > 0) {
      continue;
    }

    if (ch === '(') {
      paren++;
      continue;
    }

    if (ch === ')') {
      paren--;

      if (paren === 0) {
        if (requireEnd === true && i !== pattern.length - 1) {
          return;
        }

        return {
          type: pattern[0],
          body: pattern.slice(2, i),
          end: i
        };
      }
    }
  }
};

const buildCharClassStar = chars => {
  const source = chars.length === 1
    ? utils.escapeRegex(chars[0])
    : `[${chars.map(ch => utils.escapeRegex(ch)).join('')}]`;

  return `${source}*`;
};

const getStarExtglobSequenceChars = pattern => {
  let index = 0;
  const chars = [];

  while (index < pattern.length) {
    const match = parseRepeatedExtglob(pattern.slice(index), false);

    if (!match || match.type !== '*') {
      return;
    }

    const branches = splitTopLevel(match.body).map(branch => branch.trim());
    if (branches.length !== 1) {
      return;
    }

    const branch = normalizeSimpleBranch(branches[0]);
    if (!branch || branch.length !== 1) {
      return;
    }

    chars.push(branch);
    index += match.end + 1;
  }

  if (chars.length < 1) {
    return;
  }

  return chars;
};

const repeatedExtglobRecursion = pattern => {
  let depth = 0;
  let value = pattern.trim();
  let match = parseRepeatedExtglob(value);

  while (match) {
    depth++;
    value = match.body.trim();
    match = parseRepeatedExtglob(value);
  }

  return depth;
};

const analyzeRepeatedExtglob = (body, options) => {
  if (options.maxExtglobRecursion === false) {
    return { risky: false };
  }

  const max =
    typeof options.maxExtglobRecursion === 'number'
      ? options.maxExtglobRecursion
      : constants.DEFAULT_MAX_EXTGLOB_RECURSION;

  const branches = splitTopLevel(body).map(branch => branch.trim());

  if (branches.length > 1) {
    if (
      branches.some(branch => branch === '') ||
      branches.some(branch => /^[*?]+$/.test(branch)) ||
      hasRepeatedCharPrefixOverlap(branches)
    ) {
      return { risky: true };
    }
  }

  // A repeated extglob is "risky" (prone to catastrophic backtracking) when a
  // branch is itself a `*(...)` sequence, since that nests an unbounded quantifier
  // inside the outer `+(...)`/`*(...)`. When *every* branch reduces to single
  // characters we can emit one flat, ReDoS-safe character class that preserves the
  // meaning of ALL branches (e.g. `+(*(a)|*(b))` -> `[ab]*`), rather than dropping
  // every branch but the first.
  const safeChars = [];
  let sawStarSequence = false;
  let combinable = true;

  for (const branch of branches) {
    const chars = getStarExtglobSequenceChars(branch);
    if (chars) {
      sawStarSequence = true;
      safeChars.push(...chars);
      continue;
    }

    const literal = normalizeSimpleBranch(branch);
    if (literal && literal.length === 1) {
      safeChars.push(literal);
      continue;
    }

    combinable = false;

    if (repeatedExtglobRecursion(branch) > max) {
      return { risky: true };
    }
  }

  if (sawStarSequence) {
    return combinable
      ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) }
      : { risky: true };
  }

  return { risky: false };
};

/**
 * Parse the given input string.
 * @param {String} input
 * @param {Object} options
 * @return {Object}
 */

const parse = (input, options) => {
  if (typeof input !== 'string') {
    throw new TypeError('Expected a string');
  }

  input = REPLACEMENTS[input] || input;

  const opts = { ...options };
  const max = typeof opts.maxLength === 'number' ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;

  let len = input.length;
  if (len > max) {
    throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
  }

  const bos = { type: 'bos', value: '', output: opts.prepend || '' };
  const tokens = [bos];

  const capture = opts.capture ? '' : '?:';

  // create constants based on platform, for windows or posix
  const PLATFORM_CHARS = constants.globChars(opts.windows);
  const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);

  const {
    DOT_LITERAL,
    PLUS_LITERAL,
    SLASH_LITERAL,
    ONE_CHAR,
    DOTS_SLASH,
    NO_DOT,
    NO_DOT_SLASH,
    NO_DOTS_SLASH,
    QMARK,
    QMARK_NO_DOT,
    STAR,
    START_ANCHOR
  } = PLATFORM_CHARS;

  const globstar = opts => {
    return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
  };

  const nodot = opts.dot ? '' : NO_DOT;
  const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
  let star = opts.bash === true ? globstar(opts) : STAR;

  if (opts.capture) {
    star = `(${star})`;
  }

  // minimatch options support
  if (typeof opts.noext === 'boolean') {
    opts.noextglob = opts.noext;
  }

  const state = {
    input,
    index: -1,
    start: 0,
    dot: opts.dot === true,
    consumed: '',
    output: '',
    prefix: '',
    backtrack: false,
    negated: false,
    brackets: 0,
    braces: 0,
    parens: 0,
    quotes: 0,
    globstar: false,
    tokens
  };

  input = utils.removePrefix(input, state);
  len = input.length;

  const extglobs = [];
  const braces = [];
  const stack = [];
  let prev = bos;
  let value;

  /**
   * Tokenizing helpers
   */

  const eos = () => state.index === len - 1;
  const peek = state.peek = (n = 1) => input[state.index + n];
  const advance = state.advance = () => input[++state.index] || '';
  const remaining = () => input.slice(state.index + 1);
  const consume = (value = '', num = 0) => {
    state.consumed += value;
    state.index += num;
  };

  const append = token => {
    state.output += token.output != null ? token.output : token.value;
    consume(token.value);
  };

  const negate = () => {
    let count = 1;

    while (peek() === '!' && (peek(2) !== '(' || peek(3) === '?')) {
      advance();
      state.start++;
      count++;
    }

    if (count % 2 === 0) {
      return false;
    }

    state.negated = true;
    state.start++;
    return true;
  };

  const increment = type => {
    state[type]++;
    stack.push(type);
  };

  const decrement = type => {
    state[type]--;
    stack.pop();
  };

  /**
   * Push tokens onto the tokens array. This helper speeds up
   * tokenizing by 1) helping us avoid backtracking as much as possible,
   * and 2) helping us avoid creating extra tokens when consecutive
   * characters are plain text. This improves performance and simplifies
   * lookbehinds.
   */

  const push = tok => {
    if (prev.type === 'globstar') {
      const isBrace = state.braces > 0 && (tok.type === 'comma' || tok.type === 'brace');
      const isExtglob = tok.extglob === true || (extglobs.length && (tok.type === 'pipe' || tok.type === 'paren'));

      if (tok.type !== 'slash' && tok.type !== 'paren' && !isBrace && !isExtglob) {
        state.output = state.output.slice(0, -prev.output.length);
        prev.type = 'star';
        prev.value = '*';
        prev.output = star;
        state.output += prev.output;
      }
    }

    if (extglobs.length && tok.type !== 'paren') {
      extglobs[extglobs.length - 1].inner += tok.value;
    }

    if (tok.value || tok.output) append(tok);
    if (prev && prev.type === 'text' && tok.type === 'text') {
      prev.output = (prev.output || prev.value) + tok.value;
      prev.value += tok.value;
      return;
    }

    tok.prev = prev;
    tokens.push(tok);
    prev = tok;
  };

  const extglobOpen = (type, value) => {
    const token = { ...EXTGLOB_CHARS[value], conditions: 1, inner: '' };

    token.prev = prev;
    token.parens = state.parens;
    token.output = state.output;
    token.startIndex = state.index;
    token.tokensIndex = tokens.length;
    const output = (opts.capture ? '(' : '') + token.open;

    increment('parens');
    push({ type, value, output: state.output ? '' : ONE_CHAR });
    push({ type: 'paren', extglob: true, value: advance(), output });
    extglobs.push(token);
  };

  const extglobClose = token => {
    const literal = input.slice(token.startIndex, state.index + 1);
    const body = input.slice(token.startIndex + 2, state.index);
    const analysis = analyzeRepeatedExtglob(body, opts);

    if ((token.type === 'plus' || token.type === 'star') && analysis.risky) {
      const safeOutput = analysis.safeOutput
        ? (token.output ? '' : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput)
        : undefined;
      const open = tokens[token.tokensIndex];

      open.type = 'text';
      open.value = literal;
      open.output = safeOutput || utils.escapeRegex(literal);

      for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
        tokens[i].value = '';
        tokens[i].output = '';
        delete tokens[i].suffix;
      }

      state.output = token.output + open.output;
      state.backtrack = true;

      push({ type: 'paren', extglob: true, value, output: '' });
      decrement('parens');
      return;
    }

    let output = token.close + (opts.capture ? ')' : '');
    let rest;

    if (token.type === 'negate') {
      let extglobStar = star;

      if (token.inner && token.inner.length > 1 && token.inner.includes('/')) {
        extglobStar = globstar(opts);
      }

      if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
        output = token.close = `)$))${extglobStar}`;
      }

      if (token.inner.includes('*') && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
        // Any non-magical string (`.ts`) or even nested expression (`.{ts,tsx}`) can follow after the closing parenthesis.
        // In this case, we need to parse the string and use it in the output of the original pattern.
        // Suitable patterns: `/!(*.d).ts`, `/!(*.d).{ts,tsx}`, `**/!(*-dbg).@(js)`.
        //
        // Disabling the `fastpaths` option due to a problem with parsing strings as `.ts` in the pattern like `**/!(*.d).ts`.
        const expression = parse(rest, { ...options, fastpaths: false }).output;

        output = token.close = `)${expression})${extglobStar})`;
      }

      if (token.prev.type === 'bos') {
        state.negatedExtglob = true;
      }
    }

    push({ type: 'paren', extglob: true, value, output });
    decrement('parens');
  };

  /**
   * Fast paths
   */

  if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
    let backslashes = false;

    let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
      if (first === '\\') {
        backslashes = true;
        return m;
      }

      if (first === '?') {
        if (esc) {
          return esc + first + (rest ? QMARK.repeat(rest.length) : '');
        }
        if (index === 0) {
          return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : '');
        }
        return QMARK.repeat(chars.length);
      }

      if (first === '.') {
        return DOT_LITERAL.repeat(chars.length);
      }

      if (first === '*') {
        if (esc) {
          return esc + first + (rest ? star : '');
        }
        return star;
      }
      return esc ? m : `\\${m}`;
    });

    if (backslashes === true) {
      if (opts.unescape === true) {
        output = output.replace(/\\/g, '');
      } else {
        output = output.replace(/\\+/g, m => {
          return m.length % 2 === 0 ? '\\\\' : (m ? '\\' : '');
        });
      }
    }

    if (output === input && opts.contains === true) {
      state.output = input;
      return state;
    }

    state.output = utils.wrapOutput(output, state, options);
    return state;
  }

  /**
   * Tokenize input until we reach end-of-string
   */

  while (!eos()) {
    value = advance();

    if (value === '\u0000') {
      continue;
    }

    /**
     * Escaped characters
     */

    if (value === '\\') {
      const next = peek();

      if (next === '/' && opts.bash !== true) {
        continue;
      }

      if (next === '.' || next === ';') {
        continue;
      }

      if (!next) {
        value += '\\';
        push({ type: 'text', value });
        continue;
      }

      // collapse slashes to reduce potential for exploits
      const match = /^\\+/.exec(remaining());
      let slashes = 0;

      if (match && match[0].length > 2) {
        slashes = match[0].length;
        state.index += slashes;
        if (slashes % 2 !== 0) {
          value += '\\';
        }
      }

      if (opts.unescape === true) {
        value = advance();
      } else {
        value += advance();
      }

      if (state.brackets === 0) {
        push({ type: 'text', value });
        continue;
      }
    }

    /**
     * If we're inside a regex character class, continue
     * until we reach the closing bracket.
     */

    if (state.brackets > 0 && (value !== ']' || prev.value === '[' || prev.value === '[^')) {
      if (opts.posix !== false && value === ':') {
        const inner = prev.value.slice(1);
        if (inner.includes('[')) {
          prev.posix = true;

          if (inner.includes(':')) {
            const idx = prev.value.lastIndexOf('[');
            const pre = prev.value.slice(0, idx);
            const rest = prev.value.slice(idx + 2);
            const posix = POSIX_REGEX_SOURCE[rest];
            if (posix) {
              prev.value = pre + posix;
              state.backtrack = true;
              advance();

              if (!bos.output && tokens.indexOf(prev) === 1) {
                bos.output = ONE_CHAR;
              }
              continue;
            }
          }
        }
      }

      if ((value === '[' && peek() !== ':') || (value === '-' && peek() === ']')) {
        value = `\\${value}`;
      }

      if (value === ']' && (prev.value === '[' || prev.value === '[^')) {
        value = `\\${value}`;
      }

      if (opts.posix === true && value === '!' && prev.value === '[') {
        value = '^';
      }

      prev.value += value;
      append({ value });
      continue;
    }

    /**
     * If we're inside a quoted string, continue
     * until we reach the closing double quote.
     */

    if (state.quotes === 1 && value !== '"') {
      value = utils.escapeRegex(value);
      prev.value += value;
      append({ value });
      continue;
    }

    /**
     * Double quotes
     */

    if (value === '"') {
      state.quotes = state.quotes === 1 ? 0 : 1;
      if (opts.keepQuotes === true) {
        push({ type: 'text', value });
      }
      continue;
    }

    /**
     * Parentheses
     */

    if (value === '(') {
      increment('parens');
      push({ type: 'paren', value });
      continue;
    }

    if (value === ')') {
      if (state.parens === 0 && opts.strictBrackets === true) {
        throw new SyntaxError(syntaxError('opening', '('));
      }

      const extglob = extglobs[extglobs.length - 1];
      if (extglob && state.parens === extglob.parens + 1) {
        extglobClose(extglobs.pop());
        continue;
      }

      push({ type: 'paren', value, output: state.parens ? ')' : '\\)' });
      decrement('parens');
      continue;
    }

    /**
     * Square brackets
     */

    if (value === '[') {
      if (opts.nobracket === true || !remaining().includes(']')) {
        if (opts.nobracket !== true && opts.strictBrackets === true) {
          throw new SyntaxError(syntaxError('closing', ']'));
        }

        value = `\\${value}`;
      } else {
        increment('brackets');
      }

      push({ type: 'bracket', value });
      continue;
    }

    if (value === ']') {
      if (opts.nobracket === true || (prev && prev.type === 'bracket' && prev.value.length === 1)) {
        push({ type: 'text', value, output: `\\${value}` });
        continue;
      }

      if (state.brackets === 0) {
        if (opts.strictBrackets === true) {
          throw new SyntaxError(syntaxError('opening', '['));
        }

        push({ type: 'text', value, output: `\\${value}` });
        continue;
      }

      decrement('brackets');

      const prevValue = prev.value.slice(1);
      if (prev.posix !== true && prevValue[0] === '^' && !prevValue.includes('/')) {
        value = `/${value}`;
      }

      prev.value += value;
      append({ value });

      // when literal brackets are explicitly disabled
      // assume we should match with a regex character class
      if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
        continue;
      }

      const escaped = utils.escapeRegex(prev.value);
      state.output = state.output.slice(0, -prev.value.length);

      // when literal brackets are explicitly enabled
      // assume we should escape the brackets to match literal characters
      if (opts.literalBrackets === true) {
        state.output += escaped;
        prev.value = escaped;
        continue;
      }

      // when the user specifies nothing, try to match both
      prev.value = `(${capture}${escaped}|${prev.value})`;
      state.output += prev.value;
      continue;
    }

    /**
     * Braces
     */

    if (value === '{' && opts.nobrace !== true) {
      increment('braces');

      const open = {
        type: 'brace',
        value,
        output: '(',
        outputIndex: state.output.length,
        tokensIndex: state.tokens.length
      };

      braces.push(open);
      push(open);
      continue;
    }

    if (value === '}') {
      const brace = braces[braces.length - 1];

      if (opts.nobrace === true || !brace) {
        push({ type: 'text', value, output: value });
        continue;
      }

      let output = ')';

      if (brace.dots === true) {
        const arr = tokens.slice();
        const range = [];

        for (let i = arr.length - 1; i >= 0; i--) {
          tokens.pop();
          if (arr[i].type === 'brace') {
            break;
          }
          if (arr[i].type !== 'dots') {
            range.unshift(arr[i].value);
          }
        }

        output = expandRange(range, opts);
        state.backtrack = true;
      }

      if (brace.comma !== true && brace.dots !== true) {
        const out = state.output.slice(0, brace.outputIndex);
        const toks = state.tokens.slice(brace.tokensIndex);
        brace.value = brace.output = '\\{';
        value = output = '\\}';
        state.output = out;
        for (const t of toks) {
          state.output += (t.output || t.value);
        }
      }

      push({ type: 'brace', value, output });
      decrement('braces');
      braces.pop();
      continue;
    }

    /**
     * Pipes
     */

    if (value === '|') {
      if (extglobs.length > 0) {
        extglobs[extglobs.length - 1].conditions++;
      }
      push({ type: 'text', value });
      continue;
    }

    /**
     * Commas
     */

    if (value === ',') {
      let output = value;

      const brace = braces[braces.length - 1];
      if (brace && stack[stack.length - 1] === 'braces') {
        brace.comma = true;
        output = '|';
      }

      push({ type: 'comma', value, output });
      continue;
    }

    /**
     * Slashes
     */

    if (value === '/') {
      // if the beginning of the glob is "./", advance the start
      // to the current index, and don't add the "./" characters
      // to the state. This greatly simplifies lookbehinds when
      // checking for BOS characters like "!" and "." (not "./")
      if (prev.type === 'dot' && state.index === state.start + 1) {
        state.start = state.index + 1;
        state.consumed = '';
        state.output = '';
        tokens.pop();
        prev = bos; // reset "prev" to the first token
        continue;
      }

      push({ type: 'slash', value, output: SLASH_LITERAL });
      continue;
    }

    /**
     * Dots
     */

    if (value === '.') {
      if (state.braces > 0 && prev.type === 'dot') {
        if (prev.value === '.') prev.output = DOT_LITERAL;
        const brace = braces[braces.length - 1];
        prev.type = 'dots';
        prev.output += value;
        prev.value += value;
        brace.dots = true;
        continue;
      }

      if ((state.braces + state.parens) === 0 && prev.type !== 'bos' && prev.type !== 'slash') {
        push({ type: 'text', value, output: DOT_LITERAL });
        continue;
      }

      push({ type: 'dot', value, output: DOT_LITERAL });
      continue;
    }

    /**
     * Question marks
     */

    if (value === '?') {
      const isGroup = prev && prev.value === '(';
      if (!isGroup && opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        extglobOpen('qmark', value);
        continue;
      }

      if (prev && prev.type === 'paren') {
        const next = peek();
        let output = value;

        if ((prev.value === '(' && !/[!=<:]/.test(next)) || (next === '<' && !/<([!=]|\w+>)/.test(remaining()))) {
          output = `\\${value}`;
        }

        push({ type: 'text', value, output });
        continue;
      }

      if (opts.dot !== true && (prev.type === 'slash' || prev.type === 'bos')) {
        push({ type: 'qmark', value, output: QMARK_NO_DOT });
        continue;
      }

      push({ type: 'qmark', value, output: QMARK });
      continue;
    }

    /**
     * Exclamation
     */

    if (value === '!') {
      if (opts.noextglob !== true && peek() === '(') {
        if (peek(2) !== '?' || !/[!=<:]/.test(peek(3))) {
          extglobOpen('negate', value);
          continue;
        }
      }

      if (opts.nonegate !== true && state.index === 0) {
        negate();
        continue;
      }
    }

    /**
     * Plus
     */

    if (value === '+') {
      if (opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        extglobOpen('plus', value);
        continue;
      }

      if ((prev && prev.value === '(') || opts.regex === false) {
        push({ type: 'plus', value, output: PLUS_LITERAL });
        continue;
      }

      if ((prev && (prev.type === 'bracket' || prev.type === 'paren' || prev.type === 'brace')) || state.parens > 0) {
        push({ type: 'plus', value });
        continue;
      }

      push({ type: 'plus', value: PLUS_LITERAL });
      continue;
    }

    /**
     * Plain text
     */

    if (value === '@') {
      if (opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        push({ type: 'at', extglob: true, value, output: '' });
        continue;
      }

      push({ type: 'text', value });
      continue;
    }

    /**
     * Plain text
     */

    if (value !== '*') {
      if (value === '$' || value === '^') {
        value = `\\${value}`;
      }

      const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
      if (match) {
        value += match[0];
        state.index += match[0].length;
      }

      push({ type: 'text', value });
      continue;
    }

    /**
     * Stars
     */

    if (prev && (prev.type === 'globstar' || prev.star === true)) {
      prev.type = 'star';
      prev.star = true;
      prev.value += value;
      prev.output = star;
      state.backtrack = true;
      state.globstar = true;
      consume(value);
      continue;
    }

    let rest = remaining();
    if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
      extglobOpen('star', value);
      continue;
    }

    if (prev.type === 'star') {
      if (opts.noglobstar === true) {
        consume(value);
        continue;
      }

      const prior = prev.prev;
      const before = prior.prev;
      const isStart = prior.type === 'slash' || prior.type === 'bos';
      const afterStar = before && (before.type === 'star' || before.type === 'globstar');

      if (opts.bash === true && (!isStart || (rest[0] && rest[0] !== '/'))) {
        push({ type: 'star', value, output: '' });
        continue;
      }

      const isBrace = state.braces > 0 && (prior.type === 'comma' || prior.type === 'brace');
      const isExtglob = extglobs.length && (prior.type === 'pipe' || prior.type === 'paren');
      if (!isStart && prior.type !== 'paren' && !isBrace && !isExtglob) {
        push({ type: 'star', value, output: '' });
        continue;
      }

      // strip consecutive `/**/`
      while (rest.slice(0, 3) === '/**') {
        const after = input[state.index + 4];
        if (after && after !== '/') {
          break;
        }
        rest = rest.slice(3);
        consume('/**', 3);
      }

      // A globstar followed only by balanced closing parens is at the logical end of patterns like
      // `test(/utils/**)` and `test?(/utils/**)`. Treat it as EOS so the trailing `/**` can match its
      // parent path, except in negated extglobs where that would change the exclusion semantics.
      const isEnd = eos() || (
        state.parens > 0
        && rest === ')'.repeat(state.parens)
        && !extglobs.some(extglob => extglob.type === 'negate')
      );

      if (prior.type === 'bos' && eos()) {
        prev.type = 'globstar';
        prev.value += value;
        prev.output = globstar(opts);
        state.output = prev.output;
        state.globstar = true;
        consume(value);
        continue;
      }

      if (prior.type === 'slash' && prior.prev.type !== 'bos' && !afterStar && isEnd) {
        state.output = state.output.slice(0, -(prior.output + prev.output).length);
        prior.output = `(?:${prior.output}`;

        prev.type = 'globstar';
        prev.output = globstar(opts) + (opts.strictSlashes ? ')' : '|$)');
        prev.value += value;
        state.globstar = true;
        state.output += prior.output + prev.output;
        consume(value);
        continue;
      }

      if (prior.type === 'slash' && prior.prev.type !== 'bos' && rest[0] === '/') {
        const end = rest[1] !== void 0 ? '|$' : '';

        state.output = state.output.slice(0, -(prior.output + prev.output).length);
        prior.output = `(?:${prior.output}`;

        prev.type = 'globstar';
        prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
        prev.value += value;

        state.output += prior.output + prev.output;
        state.globstar = true;

        consume(value + advance());

        push({ type: 'slash', value: '/', output: '' });
        continue;
      }

      if (prior.type === 'bos' && rest[0] === '/') {
        prev.type = 'globstar';
        prev.value += value;
        prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
        state.output = prev.output;
        state.globstar = true;
        consume(value + advance());
        push({ type: 'slash', value: '/', output: '' });
        continue;
      }

      // remove single star from output
      state.output = state.output.slice(0, -prev.output.length);

      // reset previous token to globstar
      prev.type = 'globstar';
      prev.output = globstar(opts);
      prev.value += value;

      // reset output with globstar
      state.output += prev.output;
      state.globstar = true;
      consume(value);
      continue;
    }

    const token = { type: 'star', value, output: star };

    if (opts.bash === true) {
      token.output = '.*?';
      if (prev.type === 'bos' || prev.type === 'slash') {
        token.output = nodot + token.output;
      }
      push(token);
      continue;
    }

    if (prev && (prev.type === 'bracket' || prev.type === 'paren') && opts.regex === true) {
      token.output = value;
      push(token);
      continue;
    }

    if (state.index === state.start || prev.type === 'slash' || prev.type === 'dot') {
      if (prev.type === 'dot') {
        state.output += NO_DOT_SLASH;
        prev.output += NO_DOT_SLASH;

      } else if (opts.dot === true) {
        state.output += NO_DOTS_SLASH;
        prev.output += NO_DOTS_SLASH;

      } else {
        state.output += nodot;
        prev.output += nodot;
      }

      if (peek() !== '*') {
        state.output += ONE_CHAR;
        prev.output += ONE_CHAR;
      }
    }

    push(token);
  }

  while (state.brackets > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', ']'));
    state.output = utils.escapeLast(state.output, '[');
    decrement('brackets');
  }

  while (state.parens > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', ')'));
    state.output = utils.escapeLast(state.output, '(');
    decrement('parens');
  }

  while (state.braces > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', '}'));
    state.output = utils.escapeLast(state.output, '{');
    decrement('braces');
  }

  if (opts.strictSlashes !== true && (prev.type === 'star' || prev.type === 'bracket')) {
    push({ type: 'maybe_slash', value: '', output: `${SLASH_LITERAL}?` });
  }

  // rebuild the output if we had to backtrack at any point
  if (state.backtrack === true) {
    state.output = '';

    for (const token of state.tokens) {
      state.output += token.output != null ? token.output : token.value;

      if (token.suffix) {
        state.output += token.suffix;
      }
    }
  }

  return state;
};

/**
 * Fast paths for creating regular expressions for common glob patterns.
 * This can significantly speed up processing and has very little downside
 * impact when none of the fast paths match.
 */

parse.fastpaths = (input, options) => {
  const opts = { ...options };
  const max = typeof opts.maxLength === 'number' ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
  const len = input.length;
  if (len > max) {
    throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
  }

  input = REPLACEMENTS[input] || input;

  // create constants based on platform, for windows or posix
  const {
    DOT_LITERAL,
    SLASH_LITERAL,
    ONE_CHAR,
    DOTS_SLASH,
    NO_DOT,
    NO_DOTS,
    NO_DOTS_SLASH,
    STAR,
    START_ANCHOR
  } = constants.globChars(opts.windows);

  const nodot = opts.dot ? NO_DOTS : NO_DOT;
  const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
  const capture = opts.capture ? '' : '?:';
  const state = { negated: false, prefix: '' };
  let star = opts.bash === true ? '.*?' : STAR;

  if (opts.capture) {
    star = `(${star})`;
  }

  const globstar = opts => {
    if (opts.noglobstar === true) return star;
    return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
  };

  const create = str => {
    switch (str) {
      case '*':
        return `${nodot}${ONE_CHAR}${star}`;

      case '.*':
        return `${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '*.*':
        return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '*/*':
        return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;

      case '**':
        return nodot + globstar(opts);

      case '**/*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;

      case '**/*.*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '**/.*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;

      default: {
        const match = /^(.*?)\.(\w+)$/.exec(str);
        if (!match) return;

        const source = create(match[1]);
        if (!source) return;

        return source + DOT_LITERAL + match[2];
      }
    }
  };

  const output = utils.removePrefix(input, state);
  let source = create(output);

  if (source && opts.strictSlashes !== true) {
    source += `${SLASH_LITERAL}?`;
  }

  return source;
};

module.exports = parse;


/***/ }),

/***/ 8016:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const scan = __nccwpck_require__(1781);
const parse = __nccwpck_require__(8265);
const utils = __nccwpck_require__(4059);
const constants = __nccwpck_require__(5595);
const isObject = val => val && typeof val === 'object' && !Array.isArray(val);

/**
 * Creates a matcher function from one or more glob patterns. The
 * returned function takes a string to match as its first argument,
 * and returns true if the string is a match. The returned matcher
 * function also takes a boolean as the second argument that, when true,
 * returns an object with additional information.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch(glob[, options]);
 *
 * const isMatch = picomatch('*.!(*a)');
 * console.log(isMatch('a.a')); //=> false
 * console.log(isMatch('a.b')); //=> true
 *
 * // For environments without `node.js`, `picomatch/posix` provides you a dependency-free matcher, without automatic OS detection.
 * const picomatch = require('picomatch/posix');
 * // the same API, defaulting to posix paths
 * const isMatch = picomatch('a/*');
 * console.log(isMatch('a\\b')); //=> false
 * console.log(isMatch('a/b')); //=> true
 *
 * // you can still configure the matcher function to accept windows paths
 * const isMatch = picomatch('a/*', { options: windows });
 * console.log(isMatch('a\\b')); //=> true
 * console.log(isMatch('a/b')); //=> true
 * ```
 * @name picomatch
 * @param {String|Array} `globs` One or more glob patterns.
 * @param {Object=} `options`
 * @return {Function=} Returns a matcher function.
 * @api public
 */

const picomatch = (glob, options, returnState = false) => {
  if (Array.isArray(glob)) {
    const fns = glob.map(input => picomatch(input, options, returnState));
    const arrayMatcher = str => {
      for (const isMatch of fns) {
        const state = isMatch(str);
        if (state) return state;
      }
      return false;
    };
    return arrayMatcher;
  }

  const isState = isObject(glob) && glob.tokens && glob.input;

  if (glob === '' || (typeof glob !== 'string' && !isState)) {
    throw new TypeError('Expected pattern to be a non-empty string');
  }

  const opts = options || {};
  const posix = opts.windows;
  const regex = isState
    ? picomatch.compileRe(glob, options)
    : picomatch.makeRe(glob, options, false, true);

  const state = regex.state;
  delete regex.state;

  let isIgnored = () => false;
  if (opts.ignore) {
    const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
    isIgnored = picomatch(opts.ignore, ignoreOpts, returnState);
  }

  const matcher = (input, returnObject = false) => {
    const { isMatch, match, output } = picomatch.test(input, regex, options, { glob, posix });
    const result = { glob, state, regex, posix, input, output, match, isMatch };

    if (typeof opts.onResult === 'function') {
      opts.onResult(result);
    }

    if (isMatch === false) {
      result.isMatch = false;
      return returnObject ? result : false;
    }

    if (isIgnored(input)) {
      if (typeof opts.onIgnore === 'function') {
        opts.onIgnore(result);
      }
      result.isMatch = false;
      return returnObject ? result : false;
    }

    if (typeof opts.onMatch === 'function') {
      opts.onMatch(result);
    }
    return returnObject ? result : true;
  };

  if (returnState) {
    matcher.state = state;
  }

  return matcher;
};

/**
 * Test `input` with the given `regex`. This is used by the main
 * `picomatch()` function to test the input string.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.test(input, regex[, options]);
 *
 * console.log(picomatch.test('foo/bar', /^(?:([^/]*?)\/([^/]*?))$/));
 * // { isMatch: true, match: [ 'foo/', 'foo', 'bar' ], output: 'foo/bar' }
 * ```
 * @param {String} `input` String to test.
 * @param {RegExp} `regex`
 * @return {Object} Returns an object with matching info.
 * @api public
 */

picomatch.test = (input, regex, options, { glob, posix } = {}) => {
  if (typeof input !== 'string') {
    throw new TypeError('Expected input to be a string');
  }

  if (input === '') {
    return { isMatch: false, output: '' };
  }

  const opts = options || {};
  const format = opts.format || (posix ? utils.toPosixSlashes : null);
  let match = input === glob;
  let output = (match && format) ? format(input) : input;

  if (match === false) {
    output = format ? format(input) : input;
    match = output === glob;
  }

  if (match === false || opts.capture === true) {
    if (opts.matchBase === true || opts.basename === true) {
      match = picomatch.matchBase(input, regex, options, posix);
    } else {
      match = regex.exec(output);
    }
  }

  return { isMatch: Boolean(match), match, output };
};

/**
 * Match the basename of a filepath.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.matchBase(input, glob[, options]);
 * console.log(picomatch.matchBase('foo/bar.js', '*.js'); // true
 * ```
 * @param {String} `input` String to test.
 * @param {RegExp|String} `glob` Glob pattern or regex created by [.makeRe](#makeRe).
 * @return {Boolean}
 * @api public
 */

picomatch.matchBase = (input, glob, options, posix = options && options.windows) => {
  const regex = glob instanceof RegExp ? glob : picomatch.makeRe(glob, options);
  return regex.test(utils.basename(input, { windows: posix }));
};

/**
 * Returns true if **any** of the given glob `patterns` match the specified `string`.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.isMatch(string, patterns[, options]);
 *
 * console.log(picomatch.isMatch('a.a', ['b.*', '*.a'])); //=> true
 * console.log(picomatch.isMatch('a.a', 'b.*')); //=> false
 * ```
 * @param {String|Array} str The string to test.
 * @param {String|Array} patterns One or more glob patterns to use for matching.
 * @param {Object} [options] See available [options](#options).
 * @return {Boolean} Returns true if any patterns match `str`
 * @api public
 */

picomatch.isMatch = (str, patterns, options) => picomatch(patterns, options)(str);

/**
 * Parse a glob pattern to create the source string for a regular
 * expression.
 *
 * ```js
 * const picomatch = require('picomatch');
 * const result = picomatch.parse(pattern[, options]);
 * ```
 * @param {String} `pattern`
 * @param {Object} `options`
 * @return {Object} Returns an object with useful properties and output to be used as a regex source string.
 * @api public
 */

picomatch.parse = (pattern, options) => {
  if (Array.isArray(pattern)) return pattern.map(p => picomatch.parse(p, options));
  return parse(pattern, { ...options, fastpaths: false });
};

/**
 * Scan a glob pattern to separate the pattern into segments.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.scan(input[, options]);
 *
 * const result = picomatch.scan('!./foo/*.js');
 * console.log(result);
 * { prefix: '!./',
 *   input: '!./foo/*.js',
 *   start: 3,
 *   base: 'foo',
 *   glob: '*.js',
 *   isBrace: false,
 *   isBracket: false,
 *   isGlob: true,
 *   isExtglob: false,
 *   isGlobstar: false,
 *   negated: true }
 * ```
 * @param {String} `input` Glob pattern to scan.
 * @param {Object} `options`
 * @return {Object} Returns an object with
 * @api public
 */

picomatch.scan = (input, options) => scan(input, options);

/**
 * Compile a regular expression from the `state` object returned by the
 * [parse()](#parse) method.
 *
 * ```js
 * const picomatch = require('picomatch');
 * const state = picomatch.parse('*.js');
 * // picomatch.compileRe(state[, options]);
 *
 * console.log(picomatch.compileRe(state));
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {Object} `state`
 * @param {Object} `options`
 * @param {Boolean} `returnOutput` Intended for implementors, this argument allows you to return the raw output from the parser.
 * @param {Boolean} `returnState` Adds the state to a `state` property on the returned regex. Useful for implementors and debugging.
 * @return {RegExp}
 * @api public
 */

picomatch.compileRe = (state, options, returnOutput = false, returnState = false) => {
  if (returnOutput === true) {
    return state.output;
  }

  const opts = options || {};
  const prepend = opts.contains ? '' : '^';
  const append = opts.contains ? '' : '$';

  let source = `${prepend}(?:${state.output})${append}`;
  if (state && state.negated === true) {
    source = `^(?!${source}).*$`;
  }

  const regex = picomatch.toRegex(source, options);
  if (returnState === true) {
    regex.state = state;
  }

  return regex;
};

/**
 * Create a regular expression from a parsed glob pattern.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.makeRe(state[, options]);
 *
 * const result = picomatch.makeRe('*.js');
 * console.log(result);
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {String} `state` The object returned from the `.parse` method.
 * @param {Object} `options`
 * @param {Boolean} `returnOutput` Implementors may use this argument to return the compiled output, instead of a regular expression. This is not exposed on the options to prevent end-users from mutating the result.
 * @param {Boolean} `returnState` Implementors may use this argument to return the state from the parsed glob with the returned regular expression.
 * @return {RegExp} Returns a regex created from the given pattern.
 * @api public
 */

picomatch.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
  if (!input || typeof input !== 'string') {
    throw new TypeError('Expected a non-empty string');
  }

  let parsed = { negated: false, fastpaths: true };

  if (options.fastpaths !== false && (input[0] === '.' || input[0] === '*')) {
    parsed.output = parse.fastpaths(input, options);
  }

  if (!parsed.output) {
    parsed = parse(input, options);
  }

  return picomatch.compileRe(parsed, options, returnOutput, returnState);
};

/**
 * Create a regular expression from the given regex source string.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.toRegex(source[, options]);
 *
 * const { output } = picomatch.parse('*.js');
 * console.log(picomatch.toRegex(output));
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {String} `source` Regular expression source string.
 * @param {Object} `options`
 * @return {RegExp}
 * @api public
 */

picomatch.toRegex = (source, options) => {
  try {
    const opts = options || {};
    return new RegExp(source, opts.flags || (opts.nocase ? 'i' : ''));
  } catch (err) {
    if (options && options.debug === true) throw err;
    return /$^/;
  }
};

/**
 * Picomatch constants.
 * @return {Object}
 */

picomatch.constants = constants;

/**
 * Expose "picomatch"
 */

module.exports = picomatch;


/***/ }),

/***/ 1781:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const utils = __nccwpck_require__(4059);
const {
  CHAR_ASTERISK,             /* * */
  CHAR_AT,                   /* @ */
  CHAR_BACKWARD_SLASH,       /* \ */
  CHAR_COMMA,                /* , */
  CHAR_DOT,                  /* . */
  CHAR_EXCLAMATION_MARK,     /* ! */
  CHAR_FORWARD_SLASH,        /* / */
  CHAR_LEFT_CURLY_BRACE,     /* { */
  CHAR_LEFT_PARENTHESES,     /* ( */
  CHAR_LEFT_SQUARE_BRACKET,  /* [ */
  CHAR_PLUS,                 /* + */
  CHAR_QUESTION_MARK,        /* ? */
  CHAR_RIGHT_CURLY_BRACE,    /* } */
  CHAR_RIGHT_PARENTHESES,    /* ) */
  CHAR_RIGHT_SQUARE_BRACKET  /* ] */
} = __nccwpck_require__(5595);

const isPathSeparator = code => {
  return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
};

const depth = token => {
  if (token.isPrefix !== true) {
    token.depth = token.isGlobstar ? Infinity : 1;
  }
};

/**
 * Quickly scans a glob pattern and returns an object with a handful of
 * useful properties, like `isGlob`, `path` (the leading non-glob, if it exists),
 * `glob` (the actual pattern), `negated` (true if the path starts with `!` but not
 * with `!(`) and `negatedExtglob` (true if the path starts with `!(`).
 *
 * ```js
 * const pm = require('picomatch');
 * console.log(pm.scan('foo/bar/*.js'));
 * { isGlob: true, input: 'foo/bar/*.js', base: 'foo/bar', glob: '*.js' }
 * ```
 * @param {String} `str`
 * @param {Object} `options`
 * @return {Object} Returns an object with tokens and regex source string.
 * @api public
 */

const scan = (input, options) => {
  const opts = options || {};

  const length = input.length - 1;
  const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
  const slashes = [];
  const tokens = [];
  const parts = [];

  let str = input;
  let index = -1;
  let start = 0;
  let lastIndex = 0;
  let isBrace = false;
  let isBracket = false;
  let isGlob = false;
  let isExtglob = false;
  let isGlobstar = false;
  let braceEscaped = false;
  let backslashes = false;
  let negated = false;
  let negatedExtglob = false;
  let finished = false;
  let braces = 0;
  let prev;
  let code;
  let token = { value: '', depth: 0, isGlob: false };

  const eos = () => index >= length;
  const peek = () => str.charCodeAt(index + 1);
  const advance = () => {
    prev = code;
    return str.charCodeAt(++index);
  };

  while (index < length) {
    code = advance();
    let next;

    if (code === CHAR_BACKWARD_SLASH) {
      backslashes = token.backslashes = true;
      code = advance();

      if (code === CHAR_LEFT_CURLY_BRACE) {
        braceEscaped = true;
      }
      continue;
    }

    if (braceEscaped === true || code === CHAR_LEFT_CURLY_BRACE) {
      braces++;

      while (eos() !== true && (code = advance())) {
        if (code === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          advance();
          continue;
        }

        if (code === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          continue;
        }

        if (braceEscaped !== true && code === CHAR_DOT && (code = advance()) === CHAR_DOT) {
          isBrace = token.isBrace = true;
          isGlob = token.isGlob = true;
          finished = true;

          if (scanToEnd === true) {
            continue;
          }

          break;
        }

        if (braceEscaped !== true && code === CHAR_COMMA) {
          isBrace = token.isBrace = true;
          isGlob = token.isGlob = true;
          finished = true;

          if (scanToEnd === true) {
            continue;
          }

          break;
        }

        if (code === CHAR_RIGHT_CURLY_BRACE) {
          braces--;

          if (braces === 0) {
            braceEscaped = false;
            isBrace = token.isBrace = true;
            finished = true;
            break;
          }
        }
      }

      if (scanToEnd === true) {
        continue;
      }

      break;
    }

    if (code === CHAR_FORWARD_SLASH) {
      slashes.push(index);
      tokens.push(token);
      token = { value: '', depth: 0, isGlob: false };

      if (finished === true) continue;
      if (prev === CHAR_DOT && index === (start + 1)) {
        start += 2;
        continue;
      }

      lastIndex = index + 1;
      continue;
    }

    if (opts.noext !== true) {
      const isExtglobChar = code === CHAR_PLUS
        || code === CHAR_AT
        || code === CHAR_ASTERISK
        || code === CHAR_QUESTION_MARK
        || code === CHAR_EXCLAMATION_MARK;

      if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
        isGlob = token.isGlob = true;
        isExtglob = token.isExtglob = true;
        finished = true;
        if (code === CHAR_EXCLAMATION_MARK && index === start) {
          negatedExtglob = true;
        }

        if (scanToEnd === true) {
          let parens = 0;

          while (eos() !== true && (code = advance())) {
            if (code === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }

            if (code === CHAR_LEFT_PARENTHESES) {
              parens++;
              continue;
            }

            if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
              finished = true;
              break;
            }
          }
          continue;
        }
        break;
      }
    }

    if (code === CHAR_ASTERISK) {
      if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
      isGlob = token.isGlob = true;
      finished = true;

      if (scanToEnd === true) {
        continue;
      }
      break;
    }

    if (code === CHAR_QUESTION_MARK) {
      isGlob = token.isGlob = true;
      finished = true;

      if (scanToEnd === true) {
        continue;
      }
      break;
    }

    if (code === CHAR_LEFT_SQUARE_BRACKET) {
      while (eos() !== true && (next = advance())) {
        if (next === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          advance();
          continue;
        }

        if (next === CHAR_RIGHT_SQUARE_BRACKET) {
          isBracket = token.isBracket = true;
          isGlob = token.isGlob = true;
          finished = true;
          break;
        }
      }

      if (scanToEnd === true) {
        continue;
      }

      break;
    }

    if (opts.nonegate !== true && code === CHAR_EXCLAMATION_MARK && index === start) {
      negated = token.negated = true;
      start++;
      continue;
    }

    if (opts.noparen !== true && code === CHAR_LEFT_PARENTHESES) {
      isGlob = token.isGlob = true;

      if (scanToEnd === true) {
        let parens = 1;

        while (eos() !== true && (code = advance())) {
          if (code === CHAR_BACKWARD_SLASH) {
            backslashes = token.backslashes = true;
            advance();
            continue;
          }

          if (code === CHAR_LEFT_PARENTHESES) {
            parens++;
            continue;
          }

          if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
            finished = true;
            break;
          }
        }
        continue;
      }
      break;
    }

    if (isGlob === true) {
      finished = true;

      if (scanToEnd === true) {
        continue;
      }

      break;
    }
  }

  if (opts.noext === true) {
    isExtglob = false;
    isGlob = false;
  }

  let base = str;
  let prefix = '';
  let glob = '';

  if (start > 0) {
    prefix = str.slice(0, start);
    str = str.slice(start);
    lastIndex -= start;
  }

  if (base && isGlob === true && lastIndex > 0) {
    base = str.slice(0, lastIndex);
    glob = str.slice(lastIndex);
  } else if (isGlob === true) {
    base = '';
    glob = str;
  } else {
    base = str;
  }

  if (base && base !== '' && base !== '/' && base !== str) {
    if (isPathSeparator(base.charCodeAt(base.length - 1))) {
      base = base.slice(0, -1);
    }
  }

  if (opts.unescape === true) {
    if (glob) glob = utils.removeBackslashes(glob);

    if (base && backslashes === true) {
      base = utils.removeBackslashes(base);
    }
  }

  const state = {
    prefix,
    input,
    start,
    base,
    glob,
    isBrace,
    isBracket,
    isGlob,
    isExtglob,
    isGlobstar,
    negated,
    negatedExtglob
  };

  if (opts.tokens === true) {
    state.maxDepth = 0;
    if (!isPathSeparator(code)) {
      tokens.push(token);
    }
    state.tokens = tokens;
  }

  if (opts.parts === true || opts.tokens === true) {
    let prevIndex;

    for (let idx = 0; idx < slashes.length; idx++) {
      const n = prevIndex !== undefined ? prevIndex + 1 : start;
      const i = slashes[idx];
      const value = input.slice(n, i);
      if (opts.tokens) {
        if (idx === 0 && start !== 0) {
          tokens[idx].isPrefix = true;
          tokens[idx].value = prefix;
        } else {
          tokens[idx].value = value;
        }
        depth(tokens[idx]);
        state.maxDepth += tokens[idx].depth;
      }
      if (i >= start) {
        parts.push(value);
        prevIndex = i;
      }
    }

    const n = prevIndex !== undefined ? prevIndex + 1 : start;
    const value = input.slice(n);
    parts.push(value);

    if (opts.tokens && prevIndex && prevIndex + 1 < input.length) {
      tokens[tokens.length - 1].value = value;
      depth(tokens[tokens.length - 1]);
      state.maxDepth += tokens[tokens.length - 1].depth;
    }

    state.slashes = slashes;
    state.parts = parts;
  }

  return state;
};

module.exports = scan;


/***/ }),

/***/ 4059:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

/*global navigator*/


const {
  REGEX_BACKSLASH,
  REGEX_REMOVE_BACKSLASH,
  REGEX_SPECIAL_CHARS,
  REGEX_SPECIAL_CHARS_GLOBAL
} = __nccwpck_require__(5595);

exports.isObject = val => val !== null && typeof val === 'object' && !Array.isArray(val);
exports.hasRegexChars = str => REGEX_SPECIAL_CHARS.test(str);
exports.isRegexChar = str => str.length === 1 && exports.hasRegexChars(str);
exports.escapeRegex = str => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, '\\$1');
exports.toPosixSlashes = str => str.replace(REGEX_BACKSLASH, '/');

exports.isWindows = () => {
  if (typeof navigator !== 'undefined' && navigator.platform) {
    const platform = navigator.platform.toLowerCase();
    return platform === 'win32' || platform === 'windows';
  }

  if (typeof process !== 'undefined' && process.platform) {
    return process.platform === 'win32';
  }

  return false;
};

exports.removeBackslashes = str => {
  return str.replace(REGEX_REMOVE_BACKSLASH, match => {
    return match === '\\' ? '' : match;
  });
};

exports.escapeLast = (input, char, lastIdx) => {
  const idx = input.lastIndexOf(char, lastIdx);
  if (idx === -1) return input;
  if (input[idx - 1] === '\\') return exports.escapeLast(input, char, idx - 1);
  return `${input.slice(0, idx)}\\${input.slice(idx)}`;
};

exports.removePrefix = (input, state = {}) => {
  let output = input;
  if (output.startsWith('./')) {
    output = output.slice(2);
    state.prefix = './';
  }
  return output;
};

exports.wrapOutput = (input, state = {}, options = {}) => {
  const prepend = options.contains ? '' : '^';
  const append = options.contains ? '' : '$';

  let output = `${prepend}(?:${input})${append}`;
  if (state.negated === true) {
    output = `(?:^(?!${output}).*$)`;
  }
  return output;
};

exports.basename = (path, { windows } = {}) => {
  const segs = path.split(windows ? /[\\/]/ : '/');
  const last = segs[segs.length - 1];

  if (last === '') {
    return segs[segs.length - 2];
  }

  return last;
};


/***/ }),

/***/ 9379:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const ANY = Symbol('SemVer ANY')
// hoisted class for cyclic dependency
class Comparator {
  static get ANY () {
    return ANY
  }

  constructor (comp, options) {
    options = parseOptions(options)

    if (comp instanceof Comparator) {
      if (comp.loose === !!options.loose) {
        return comp
      } else {
        comp = comp.value
      }
    }

    comp = comp.trim().split(/\s+/).join(' ')
    debug('comparator', comp, options)
    this.options = options
    this.loose = !!options.loose
    this.parse(comp)

    if (this.semver === ANY) {
      this.value = ''
    } else {
      this.value = this.operator + this.semver.version
    }

    debug('comp', this)
  }

  parse (comp) {
    const r = this.options.loose ? re[t.COMPARATORLOOSE] : re[t.COMPARATOR]
    const m = comp.match(r)

    if (!m) {
      throw new TypeError(`Invalid comparator: ${comp}`)
    }

    this.operator = m[1] !== undefined ? m[1] : ''
    if (this.operator === '=') {
      this.operator = ''
    }

    // if it literally is just '>' or '' then allow anything.
    if (!m[2]) {
      this.semver = ANY
    } else {
      this.semver = new SemVer(m[2], this.options.loose)
    }
  }

  toString () {
    return this.value
  }

  test (version) {
    debug('Comparator.test', version, this.options.loose)

    if (this.semver === ANY || version === ANY) {
      return true
    }

    if (typeof version === 'string') {
      try {
        version = new SemVer(version, this.options)
      } catch (er) {
        return false
      }
    }

    return cmp(version, this.operator, this.semver, this.options)
  }

  intersects (comp, options) {
    if (!(comp instanceof Comparator)) {
      throw new TypeError('a Comparator is required')
    }

    if (this.operator === '') {
      if (this.value === '') {
        return true
      }
      return new Range(comp.value, options).test(this.value)
    } else if (comp.operator === '') {
      if (comp.value === '') {
        return true
      }
      return new Range(this.value, options).test(comp.semver)
    }

    options = parseOptions(options)

    // Special cases where nothing can possibly be lower
    if (options.includePrerelease &&
      (this.value === '<0.0.0-0' || comp.value === '<0.0.0-0')) {
      return false
    }
    if (!options.includePrerelease &&
      (this.value.startsWith('<0.0.0') || comp.value.startsWith('<0.0.0'))) {
      return false
    }

    // Same direction increasing (> or >=)
    if (this.operator.startsWith('>') && comp.operator.startsWith('>')) {
      return true
    }
    // Same direction decreasing (< or <=)
    if (this.operator.startsWith('<') && comp.operator.startsWith('<')) {
      return true
    }
    // same SemVer and both sides are inclusive (<= or >=)
    if (
      (this.semver.version === comp.semver.version) &&
      this.operator.includes('=') && comp.operator.includes('=')) {
      return true
    }
    // opposite directions less than
    if (cmp(this.semver, '<', comp.semver, options) &&
      this.operator.startsWith('>') && comp.operator.startsWith('<')) {
      return true
    }
    // opposite directions greater than
    if (cmp(this.semver, '>', comp.semver, options) &&
      this.operator.startsWith('<') && comp.operator.startsWith('>')) {
      return true
    }
    return false
  }
}

module.exports = Comparator

const parseOptions = __nccwpck_require__(356)
const { safeRe: re, t } = __nccwpck_require__(5471)
const cmp = __nccwpck_require__(8646)
const debug = __nccwpck_require__(1159)
const SemVer = __nccwpck_require__(7163)
const Range = __nccwpck_require__(6782)


/***/ }),

/***/ 6782:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SPACE_CHARACTERS = /\s+/g

// hoisted class for cyclic dependency
class Range {
  constructor (range, options) {
    options = parseOptions(options)

    if (range instanceof Range) {
      if (
        range.loose === !!options.loose &&
        range.includePrerelease === !!options.includePrerelease
      ) {
        return range
      } else {
        return new Range(range.raw, options)
      }
    }

    if (range instanceof Comparator) {
      // just put it in the set and return
      this.raw = range.value
      this.set = [[range]]
      this.formatted = undefined
      return this
    }

    this.options = options
    this.loose = !!options.loose
    this.includePrerelease = !!options.includePrerelease

    // First reduce all whitespace as much as possible so we do not have to rely
    // on potentially slow regexes like \s*. This is then stored and used for
    // future error messages as well.
    this.raw = range.trim().replace(SPACE_CHARACTERS, ' ')

    // First, split on ||
    this.set = this.raw
      .split('||')
      // map the range to a 2d array of comparators
      .map(r => this.parseRange(r.trim()))
      // throw out any comparator lists that are empty
      // this generally means that it was not a valid range, which is allowed
      // in loose mode, but will still throw if the WHOLE range is invalid.
      .filter(c => c.length)

    if (!this.set.length) {
      throw new TypeError(`Invalid SemVer Range: ${this.raw}`)
    }

    // if we have any that are not the null set, throw out null sets.
    if (this.set.length > 1) {
      // keep the first one, in case they're all null sets
      const first = this.set[0]
      this.set = this.set.filter(c => !isNullSet(c[0]))
      if (this.set.length === 0) {
        this.set = [first]
      } else if (this.set.length > 1) {
        // if we have any that are *, then the range is just *
        for (const c of this.set) {
          if (c.length === 1 && isAny(c[0])) {
            this.set = [c]
            break
          }
        }
      }
    }

    this.formatted = undefined
  }

  get range () {
    if (this.formatted === undefined) {
      this.formatted = ''
      for (let i = 0; i < this.set.length; i++) {
        if (i > 0) {
          this.formatted += '||'
        }
        const comps = this.set[i]
        for (let k = 0; k < comps.length; k++) {
          if (k > 0) {
            this.formatted += ' '
          }
          this.formatted += comps[k].toString().trim()
        }
      }
    }
    return this.formatted
  }

  format () {
    return this.range
  }

  toString () {
    return this.range
  }

  parseRange (range) {
    // strip build metadata so it can't bleed into the version
    range = range.replace(BUILDSTRIPRE, '')

    // memoize range parsing for performance.
    // this is a very hot path, and fully deterministic.
    const memoOpts =
      (this.options.includePrerelease && FLAG_INCLUDE_PRERELEASE) |
      (this.options.loose && FLAG_LOOSE)
    const memoKey = memoOpts + ':' + range
    const cached = cache.get(memoKey)
    if (cached) {
      return cached
    }

    const loose = this.options.loose
    // `1.2.3 - 1.2.4` => `>=1.2.3 <=1.2.4`
    const hr = loose ? re[t.HYPHENRANGELOOSE] : re[t.HYPHENRANGE]
    range = range.replace(hr, hyphenReplace(this.options.includePrerelease))
    debug('hyphen replace', range)

    // `> 1.2.3 < 1.2.5` => `>1.2.3 <1.2.5`
    range = trimComparatorWhitespace(range)
    debug('comparator trim', range)

    // `~ 1.2.3` => `~1.2.3`
    range = range.replace(re[t.TILDETRIM], tildeTrimReplace)
    debug('tilde trim', range)

    // `^ 1.2.3` => `^1.2.3`
    range = range.replace(re[t.CARETTRIM], caretTrimReplace)
    debug('caret trim', range)

    // At this point, the range is completely trimmed and
    // ready to be split into comparators.

    let rangeList = range
      .split(' ')
      .map(comp => parseComparator(comp, this.options))
      .join(' ')
      .split(/\s+/)
      // >=0.0.0 is equivalent to *
      .map(comp => replaceGTE0(comp, this.options))

    if (loose) {
      // in loose mode, throw out any that are not valid comparators
      rangeList = rangeList.filter(comp => {
        debug('loose invalid filter', comp, this.options)
        return !!comp.match(re[t.COMPARATORLOOSE])
      })
    }
    debug('range list', rangeList)

    // if any comparators are the null set, then replace with JUST null set
    // if more than one comparator, remove any * comparators
    // also, don't include the same comparator more than once
    const rangeMap = new Map()
    const comparators = rangeList.map(comp => new Comparator(comp, this.options))
    for (const comp of comparators) {
      if (isNullSet(comp)) {
        return [comp]
      }
      rangeMap.set(comp.value, comp)
    }
    if (rangeMap.size > 1 && rangeMap.has('')) {
      rangeMap.delete('')
    }

    const result = [...rangeMap.values()]
    cache.set(memoKey, result)
    return result
  }

  intersects (range, options) {
    if (!(range instanceof Range)) {
      throw new TypeError('a Range is required')
    }

    return this.set.some((thisComparators) => {
      return (
        isSatisfiable(thisComparators, options) &&
        range.set.some((rangeComparators) => {
          return (
            isSatisfiable(rangeComparators, options) &&
            thisComparators.every((thisComparator) => {
              return rangeComparators.every((rangeComparator) => {
                return thisComparator.intersects(rangeComparator, options)
              })
            })
          )
        })
      )
    })
  }

  // if ANY of the sets match ALL of its comparators, then pass
  test (version) {
    if (!version) {
      return false
    }

    if (typeof version === 'string') {
      try {
        version = new SemVer(version, this.options)
      } catch (er) {
        return false
      }
    }

    for (let i = 0; i < this.set.length; i++) {
      if (testSet(this.set[i], version, this.options)) {
        return true
      }
    }
    return false
  }
}

module.exports = Range

const LRU = __nccwpck_require__(1383)
const cache = new LRU()

const parseOptions = __nccwpck_require__(356)
const Comparator = __nccwpck_require__(9379)
const debug = __nccwpck_require__(1159)
const SemVer = __nccwpck_require__(7163)
const trimComparatorWhitespace = __nccwpck_require__(9737)
const {
  safeRe: re,
  src,
  t,
  tildeTrimReplace,
  caretTrimReplace,
} = __nccwpck_require__(5471)
const { FLAG_INCLUDE_PRERELEASE, FLAG_LOOSE } = __nccwpck_require__(5101)

// unbounded global build-metadata stripper used by parseRange
const BUILDSTRIPRE = new RegExp(src[t.BUILD], 'g')

const isNullSet = c => c.value === '<0.0.0-0'
const isAny = c => c.value === ''

// take a set of comparators and determine whether there
// exists a version which can satisfy it
const isSatisfiable = (comparators, options) => {
  let result = true
  const remainingComparators = comparators.slice()
  let testComparator = remainingComparators.pop()

  while (result && remainingComparators.length) {
    result = remainingComparators.every((otherComparator) => {
      return testComparator.intersects(otherComparator, options)
    })

    testComparator = remainingComparators.pop()
  }

  return result
}

// comprised of xranges, tildes, stars, and gtlt's at this point.
// already replaced the hyphen ranges
// turn into a set of JUST comparators.
const parseComparator = (comp, options) => {
  comp = comp.replace(re[t.BUILD], '')
  debug('comp', comp, options)
  comp = replaceCarets(comp, options)
  debug('caret', comp)
  comp = replaceTildes(comp, options)
  debug('tildes', comp)
  comp = replaceXRanges(comp, options)
  debug('xrange', comp)
  comp = replaceStars(comp, options)
  debug('stars', comp)
  return comp
}

const isX = id => !id || id.toLowerCase() === 'x' || id === '*'

const invalidXRangeOrder = (M, m, p) => (
  (isX(M) && !isX(m)) ||
  (isX(m) && p && !isX(p))
)

// ~, ~> --> * (any, kinda silly)
// ~2, ~2.x, ~2.x.x, ~>2, ~>2.x ~>2.x.x --> >=2.0.0 <3.0.0-0
// ~2.0, ~2.0.x, ~>2.0, ~>2.0.x --> >=2.0.0 <2.1.0-0
// ~1.2, ~1.2.x, ~>1.2, ~>1.2.x --> >=1.2.0 <1.3.0-0
// ~1.2.3, ~>1.2.3 --> >=1.2.3 <1.3.0-0
// ~1.2.0, ~>1.2.0 --> >=1.2.0 <1.3.0-0
// ~0.0.1 --> >=0.0.1 <0.1.0-0
const replaceTildes = (comp, options) => {
  return comp
    .trim()
    .split(/\s+/)
    .map((c) => replaceTilde(c, options))
    .join(' ')
}

const replaceTilde = (comp, options) => {
  const r = options.loose ? re[t.TILDELOOSE] : re[t.TILDE]
  // if we're including prereleases in the match, then the lower bound is
  // -0, the lowest possible prerelease value, just like x-ranges and carets.
  // this keeps `~1.2` equivalent to the `1.2.x` x-range it's documented as.
  const z = options.includePrerelease ? '-0' : ''
  return comp.replace(r, (_, M, m, p, pr) => {
    debug('tilde', comp, _, M, m, p, pr)
    let ret

    if (isX(M)) {
      ret = ''
    } else if (isX(m)) {
      ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`
    } else if (isX(p)) {
      // ~1.2 == >=1.2.0 <1.3.0-0
      ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`
    } else if (pr) {
      debug('replaceTilde pr', pr)
      ret = `>=${M}.${m}.${p}-${pr
      } <${M}.${+m + 1}.0-0`
    } else {
      // ~1.2.3 == >=1.2.3 <1.3.0-0
      ret = `>=${M}.${m}.${p
      } <${M}.${+m + 1}.0-0`
    }

    debug('tilde return', ret)
    return ret
  })
}

// ^ --> * (any, kinda silly)
// ^2, ^2.x, ^2.x.x --> >=2.0.0 <3.0.0-0
// ^2.0, ^2.0.x --> >=2.0.0 <3.0.0-0
// ^1.2, ^1.2.x --> >=1.2.0 <2.0.0-0
// ^1.2.3 --> >=1.2.3 <2.0.0-0
// ^1.2.0 --> >=1.2.0 <2.0.0-0
// ^0.0.1 --> >=0.0.1 <0.0.2-0
// ^0.1.0 --> >=0.1.0 <0.2.0-0
const replaceCarets = (comp, options) => {
  return comp
    .trim()
    .split(/\s+/)
    .map((c) => replaceCaret(c, options))
    .join(' ')
}

const replaceCaret = (comp, options) => {
  debug('caret', comp, options)
  const r = options.loose ? re[t.CARETLOOSE] : re[t.CARET]
  const z = options.includePrerelease ? '-0' : ''
  return comp.replace(r, (_, M, m, p, pr) => {
    debug('caret', comp, _, M, m, p, pr)
    let ret

    if (isX(M)) {
      ret = ''
    } else if (isX(m)) {
      ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`
    } else if (isX(p)) {
      if (M === '0') {
        ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`
      } else {
        ret = `>=${M}.${m}.0${z} <${+M + 1}.0.0-0`
      }
    } else if (pr) {
      debug('replaceCaret pr', pr)
      if (M === '0') {
        if (m === '0') {
          ret = `>=${M}.${m}.${p}-${pr
          } <${M}.${m}.${+p + 1}-0`
        } else {
          ret = `>=${M}.${m}.${p}-${pr
          } <${M}.${+m + 1}.0-0`
        }
      } else {
        ret = `>=${M}.${m}.${p}-${pr
        } <${+M + 1}.0.0-0`
      }
    } else {
      debug('no pr')
      if (M === '0') {
        if (m === '0') {
          ret = `>=${M}.${m}.${p
          } <${M}.${m}.${+p + 1}-0`
        } else {
          ret = `>=${M}.${m}.${p
          } <${M}.${+m + 1}.0-0`
        }
      } else {
        ret = `>=${M}.${m}.${p
        } <${+M + 1}.0.0-0`
      }
    }

    debug('caret return', ret)
    return ret
  })
}

const replaceXRanges = (comp, options) => {
  debug('replaceXRanges', comp, options)
  return comp
    .split(/\s+/)
    .map((c) => replaceXRange(c, options))
    .join(' ')
}

const replaceXRange = (comp, options) => {
  comp = comp.trim()
  const r = options.loose ? re[t.XRANGELOOSE] : re[t.XRANGE]
  return comp.replace(r, (ret, gtlt, M, m, p, pr) => {
    debug('xRange', comp, ret, gtlt, M, m, p, pr)
    if (invalidXRangeOrder(M, m, p)) {
      return comp
    }

    const xM = isX(M)
    const xm = xM || isX(m)
    const xp = xm || isX(p)
    const anyX = xp

    if (gtlt === '=' && anyX) {
      gtlt = ''
    }

    // if we're including prereleases in the match, then we need
    // to fix this to -0, the lowest possible prerelease value
    pr = options.includePrerelease ? '-0' : ''

    if (xM) {
      if (gtlt === '>' || gtlt === '<') {
        // nothing is allowed
        ret = '<0.0.0-0'
      } else {
        // nothing is forbidden
        ret = '*'
      }
    } else if (gtlt && anyX) {
      // we know patch is an x, because we have any x at all.
      // replace X with 0
      if (xm) {
        m = 0
      }
      p = 0

      if (gtlt === '>') {
        // >1 => >=2.0.0
        // >1.2 => >=1.3.0
        gtlt = '>='
        if (xm) {
          M = +M + 1
          m = 0
          p = 0
        } else {
          m = +m + 1
          p = 0
        }
      } else if (gtlt === '<=') {
        // <=0.7.x is actually <0.8.0, since any 0.7.x should
        // pass.  Similarly, <=7.x is actually <8.0.0, etc.
        gtlt = '<'
        if (xm) {
          M = +M + 1
        } else {
          m = +m + 1
        }
      }

      if (gtlt === '<') {
        pr = '-0'
      }

      ret = `${gtlt + M}.${m}.${p}${pr}`
    } else if (xm) {
      ret = `>=${M}.0.0${pr} <${+M + 1}.0.0-0`
    } else if (xp) {
      ret = `>=${M}.${m}.0${pr
      } <${M}.${+m + 1}.0-0`
    }

    debug('xRange return', ret)

    return ret
  })
}

// Because * is AND-ed with everything else in the comparator,
// and '' means "any version", just remove the *s entirely.
const replaceStars = (comp, options) => {
  debug('replaceStars', comp, options)
  // Looseness is ignored here.  star is always as loose as it gets!
  return comp
    .trim()
    .replace(re[t.STAR], '')
}

const replaceGTE0 = (comp, options) => {
  debug('replaceGTE0', comp, options)
  return comp
    .trim()
    .replace(re[options.includePrerelease ? t.GTE0PRE : t.GTE0], '')
}

// This function is passed to string.replace(re[t.HYPHENRANGE])
// M, m, patch, prerelease, build
// 1.2 - 3.4.5 => >=1.2.0 <=3.4.5
// 1.2.3 - 3.4 => >=1.2.0 <3.5.0-0 Any 3.4.x will do
// 1.2 - 3.4 => >=1.2.0 <3.5.0-0
// TODO build?
const hyphenReplace = incPr => ($0,
  from, fM, fm, fp, fpr, fb,
  to, tM, tm, tp, tpr) => {
  if (isX(fM)) {
    from = ''
  } else if (isX(fm)) {
    from = `>=${fM}.0.0${incPr ? '-0' : ''}`
  } else if (isX(fp)) {
    from = `>=${fM}.${fm}.0${incPr ? '-0' : ''}`
  } else if (fpr) {
    from = `>=${from}`
  } else {
    from = `>=${from}${incPr ? '-0' : ''}`
  }

  if (isX(tM)) {
    to = ''
  } else if (isX(tm)) {
    to = `<${+tM + 1}.0.0-0`
  } else if (isX(tp)) {
    to = `<${tM}.${+tm + 1}.0-0`
  } else if (tpr) {
    to = `<=${tM}.${tm}.${tp}-${tpr}`
  } else if (incPr) {
    to = `<${tM}.${tm}.${+tp + 1}-0`
  } else {
    to = `<=${to}`
  }

  return `${from} ${to}`.trim()
}

const testSet = (set, version, options) => {
  for (let i = 0; i < set.length; i++) {
    if (!set[i].test(version)) {
      return false
    }
  }

  if (version.prerelease.length && !options.includePrerelease) {
    // Find the set of versions that are allowed to have prereleases
    // For example, ^1.2.3-pr.1 desugars to >=1.2.3-pr.1 <2.0.0
    // That should allow `1.2.3-pr.2` to pass.
    // However, `1.2.4-alpha.notready` should NOT be allowed,
    // even though it's within the range set by the comparators.
    for (let i = 0; i < set.length; i++) {
      debug(set[i].semver)
      if (set[i].semver === Comparator.ANY) {
        continue
      }

      if (set[i].semver.prerelease.length > 0) {
        const allowed = set[i].semver
        if (allowed.major === version.major &&
            allowed.minor === version.minor &&
            allowed.patch === version.patch) {
          return true
        }
      }
    }

    // Version has a -pre, but it's not one of the ones we like.
    return false
  }

  return true
}


/***/ }),

/***/ 7163:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const debug = __nccwpck_require__(1159)
const { MAX_LENGTH, MAX_SAFE_INTEGER } = __nccwpck_require__(5101)
const { safeRe: re, t } = __nccwpck_require__(5471)

const parseOptions = __nccwpck_require__(356)
const { compareIdentifiers } = __nccwpck_require__(3348)

const isPrereleaseIdentifier = (prerelease, identifier) => {
  const identifiers = identifier.split('.')
  if (identifiers.length > prerelease.length) {
    return false
  }

  for (let i = 0; i < identifiers.length; i++) {
    if (compareIdentifiers(prerelease[i], identifiers[i]) !== 0) {
      return false
    }
  }

  return true
}

class SemVer {
  constructor (version, options) {
    options = parseOptions(options)

    if (version instanceof SemVer) {
      if (version.loose === !!options.loose &&
        version.includePrerelease === !!options.includePrerelease) {
        return version
      } else {
        version = version.version
      }
    } else if (typeof version !== 'string') {
      throw new TypeError(`Invalid version. Must be a string. Got type "${typeof version}".`)
    }

    if (version.length > MAX_LENGTH) {
      throw new TypeError(
        `version is longer than ${MAX_LENGTH} characters`
      )
    }

    debug('SemVer', version, options)
    this.options = options
    this.loose = !!options.loose
    // this isn't actually relevant for versions, but keep it so that we
    // don't run into trouble passing this.options around.
    this.includePrerelease = !!options.includePrerelease

    const m = version.trim().match(options.loose ? re[t.LOOSE] : re[t.FULL])

    if (!m) {
      throw new TypeError(`Invalid Version: ${version}`)
    }

    this.raw = version

    // these are actually numbers
    this.major = +m[1]
    this.minor = +m[2]
    this.patch = +m[3]

    if (this.major > MAX_SAFE_INTEGER || this.major < 0) {
      throw new TypeError('Invalid major version')
    }

    if (this.minor > MAX_SAFE_INTEGER || this.minor < 0) {
      throw new TypeError('Invalid minor version')
    }

    if (this.patch > MAX_SAFE_INTEGER || this.patch < 0) {
      throw new TypeError('Invalid patch version')
    }

    // numberify any prerelease numeric ids
    if (!m[4]) {
      this.prerelease = []
    } else {
      this.prerelease = m[4].split('.').map((id) => {
        if (/^[0-9]+$/.test(id)) {
          const num = +id
          if (num >= 0 && num < MAX_SAFE_INTEGER) {
            return num
          }
        }
        return id
      })
    }

    this.build = m[5] ? m[5].split('.') : []
    this.format()
  }

  format () {
    this.version = `${this.major}.${this.minor}.${this.patch}`
    if (this.prerelease.length) {
      this.version += `-${this.prerelease.join('.')}`
    }
    return this.version
  }

  toString () {
    return this.version
  }

  compare (other) {
    debug('SemVer.compare', this.version, this.options, other)
    if (!(other instanceof SemVer)) {
      if (typeof other === 'string' && other === this.version) {
        return 0
      }
      other = new SemVer(other, this.options)
    }

    if (other.version === this.version) {
      return 0
    }

    return this.compareMain(other) || this.comparePre(other)
  }

  compareMain (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    if (this.major < other.major) {
      return -1
    }
    if (this.major > other.major) {
      return 1
    }
    if (this.minor < other.minor) {
      return -1
    }
    if (this.minor > other.minor) {
      return 1
    }
    if (this.patch < other.patch) {
      return -1
    }
    if (this.patch > other.patch) {
      return 1
    }
    return 0
  }

  comparePre (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    // NOT having a prerelease is > having one
    if (this.prerelease.length && !other.prerelease.length) {
      return -1
    } else if (!this.prerelease.length && other.prerelease.length) {
      return 1
    } else if (!this.prerelease.length && !other.prerelease.length) {
      return 0
    }

    let i = 0
    do {
      const a = this.prerelease[i]
      const b = other.prerelease[i]
      debug('prerelease compare', i, a, b)
      if (a === undefined && b === undefined) {
        return 0
      } else if (b === undefined) {
        return 1
      } else if (a === undefined) {
        return -1
      } else if (a === b) {
        continue
      } else {
        return compareIdentifiers(a, b)
      }
    } while (++i)
  }

  compareBuild (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    let i = 0
    do {
      const a = this.build[i]
      const b = other.build[i]
      debug('build compare', i, a, b)
      if (a === undefined && b === undefined) {
        return 0
      } else if (b === undefined) {
        return 1
      } else if (a === undefined) {
        return -1
      } else if (a === b) {
        continue
      } else {
        return compareIdentifiers(a, b)
      }
    } while (++i)
  }

  // preminor will bump the version up to the next minor release, and immediately
  // down to pre-release. premajor and prepatch work the same way.
  inc (release, identifier, identifierBase) {
    if (release.startsWith('pre')) {
      if (!identifier && identifierBase === false) {
        throw new Error('invalid increment argument: identifier is empty')
      }
      // Avoid an invalid semver results
      if (identifier) {
        const match = `-${identifier}`.match(this.options.loose ? re[t.PRERELEASELOOSE] : re[t.PRERELEASE])
        if (!match || match[1] !== identifier) {
          throw new Error(`invalid identifier: ${identifier}`)
        }
      }
    }

    switch (release) {
      case 'premajor':
        this.prerelease.length = 0
        this.patch = 0
        this.minor = 0
        this.major++
        this.inc('pre', identifier, identifierBase)
        break
      case 'preminor':
        this.prerelease.length = 0
        this.patch = 0
        this.minor++
        this.inc('pre', identifier, identifierBase)
        break
      case 'prepatch':
        // If this is already a prerelease, it will bump to the next version
        // drop any prereleases that might already exist, since they are not
        // relevant at this point.
        this.prerelease.length = 0
        this.inc('patch', identifier, identifierBase)
        this.inc('pre', identifier, identifierBase)
        break
      // If the input is a non-prerelease version, this acts the same as
      // prepatch.
      case 'prerelease':
        if (this.prerelease.length === 0) {
          this.inc('patch', identifier, identifierBase)
        }
        this.inc('pre', identifier, identifierBase)
        break
      case 'release':
        if (this.prerelease.length === 0) {
          throw new Error(`version ${this.raw} is not a prerelease`)
        }
        this.prerelease.length = 0
        break

      case 'major':
        // If this is a pre-major version, bump up to the same major version.
        // Otherwise increment major.
        // 1.0.0-5 bumps to 1.0.0
        // 1.1.0 bumps to 2.0.0
        if (
          this.minor !== 0 ||
          this.patch !== 0 ||
          this.prerelease.length === 0
        ) {
          this.major++
        }
        this.minor = 0
        this.patch = 0
        this.prerelease = []
        break
      case 'minor':
        // If this is a pre-minor version, bump up to the same minor version.
        // Otherwise increment minor.
        // 1.2.0-5 bumps to 1.2.0
        // 1.2.1 bumps to 1.3.0
        if (this.patch !== 0 || this.prerelease.length === 0) {
          this.minor++
        }
        this.patch = 0
        this.prerelease = []
        break
      case 'patch':
        // If this is not a pre-release version, it will increment the patch.
        // If it is a pre-release it will bump up to the same patch version.
        // 1.2.0-5 patches to 1.2.0
        // 1.2.0 patches to 1.2.1
        if (this.prerelease.length === 0) {
          this.patch++
        }
        this.prerelease = []
        break
      // This probably shouldn't be used publicly.
      // 1.0.0 'pre' would become 1.0.0-0 which is the wrong direction.
      case 'pre': {
        const base = Number(identifierBase) ? 1 : 0

        if (this.prerelease.length === 0) {
          this.prerelease = [base]
        } else {
          let i = this.prerelease.length
          while (--i >= 0) {
            if (typeof this.prerelease[i] === 'number') {
              this.prerelease[i]++
              i = -2
            }
          }
          if (i === -1) {
            // didn't increment anything
            if (identifier === this.prerelease.join('.') && identifierBase === false) {
              throw new Error('invalid increment argument: identifier already exists')
            }
            this.prerelease.push(base)
          }
        }
        if (identifier) {
          // 1.2.0-beta.1 bumps to 1.2.0-beta.2,
          // 1.2.0-beta.fooblz or 1.2.0-beta bumps to 1.2.0-beta.0
          let prerelease = [identifier, base]
          if (identifierBase === false) {
            prerelease = [identifier]
          }
          if (isPrereleaseIdentifier(this.prerelease, identifier)) {
            const prereleaseBase = this.prerelease[identifier.split('.').length]
            if (isNaN(prereleaseBase)) {
              this.prerelease = prerelease
            }
          } else {
            this.prerelease = prerelease
          }
        }
        break
      }
      default:
        throw new Error(`invalid increment argument: ${release}`)
    }
    this.raw = this.format()
    if (this.build.length) {
      this.raw += `+${this.build.join('.')}`
    }
    return this
  }
}

module.exports = SemVer


/***/ }),

/***/ 8646:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const eq = __nccwpck_require__(5082)
const neq = __nccwpck_require__(4974)
const gt = __nccwpck_require__(6599)
const gte = __nccwpck_require__(1236)
const lt = __nccwpck_require__(3872)
const lte = __nccwpck_require__(6717)

const cmp = (a, op, b, loose) => {
  switch (op) {
    case '===':
      if (typeof a === 'object') {
        a = a.version
      }
      if (typeof b === 'object') {
        b = b.version
      }
      return a === b

    case '!==':
      if (typeof a === 'object') {
        a = a.version
      }
      if (typeof b === 'object') {
        b = b.version
      }
      return a !== b

    case '':
    case '=':
    case '==':
      return eq(a, b, loose)

    case '!=':
      return neq(a, b, loose)

    case '>':
      return gt(a, b, loose)

    case '>=':
      return gte(a, b, loose)

    case '<':
      return lt(a, b, loose)

    case '<=':
      return lte(a, b, loose)

    default:
      throw new TypeError(`Invalid operator: ${op}`)
  }
}
module.exports = cmp


/***/ }),

/***/ 8469:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const compare = (a, b, loose) =>
  new SemVer(a, loose).compare(new SemVer(b, loose))

module.exports = compare


/***/ }),

/***/ 5082:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const eq = (a, b, loose) => compare(a, b, loose) === 0
module.exports = eq


/***/ }),

/***/ 6599:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const gt = (a, b, loose) => compare(a, b, loose) > 0
module.exports = gt


/***/ }),

/***/ 1236:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const gte = (a, b, loose) => compare(a, b, loose) >= 0
module.exports = gte


/***/ }),

/***/ 3872:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const lt = (a, b, loose) => compare(a, b, loose) < 0
module.exports = lt


/***/ }),

/***/ 6717:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const lte = (a, b, loose) => compare(a, b, loose) <= 0
module.exports = lte


/***/ }),

/***/ 4974:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const neq = (a, b, loose) => compare(a, b, loose) !== 0
module.exports = neq


/***/ }),

/***/ 6353:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const parse = (version, options, throwErrors = false) => {
  if (version instanceof SemVer) {
    return version
  }
  try {
    return new SemVer(version, options)
  } catch (er) {
    if (!throwErrors) {
      return null
    }
    throw er
  }
}

module.exports = parse


/***/ }),

/***/ 8011:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)
const satisfies = (version, range, options) => {
  try {
    range = new Range(range, options)
  } catch (er) {
    return false
  }
  return range.test(version)
}
module.exports = satisfies


/***/ }),

/***/ 5101:
/***/ ((module) => {



// Note: this is the semver.org version of the spec that it implements
// Not necessarily the package version of this code.
const SEMVER_SPEC_VERSION = '2.0.0'

const MAX_LENGTH = 256
const MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER ||
/* istanbul ignore next */ 9007199254740991

// Max safe segment length for coercion.
const MAX_SAFE_COMPONENT_LENGTH = 16

// Max safe length for a build identifier. The max length minus 6 characters for
// the shortest version with a build 0.0.0+BUILD.
const MAX_SAFE_BUILD_LENGTH = MAX_LENGTH - 6

// ECMAScript whitespace and line terminators matched by \s.
const WHITESPACE_CHARACTERS = [
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  ' ',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u2001',
  '\u2002',
  '\u2003',
  '\u2004',
  '\u2005',
  '\u2006',
  '\u2007',
  '\u2008',
  '\u2009',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
]

const RELEASE_TYPES = [
  'major',
  'premajor',
  'minor',
  'preminor',
  'patch',
  'prepatch',
  'prerelease',
]

module.exports = {
  MAX_LENGTH,
  MAX_SAFE_COMPONENT_LENGTH,
  MAX_SAFE_BUILD_LENGTH,
  MAX_SAFE_INTEGER,
  WHITESPACE_CHARACTERS,
  RELEASE_TYPES,
  SEMVER_SPEC_VERSION,
  FLAG_INCLUDE_PRERELEASE: 0b001,
  FLAG_LOOSE: 0b010,
}


/***/ }),

/***/ 1159:
/***/ ((module) => {



const debug = (
  typeof process === 'object' &&
  process.env &&
  process.env.NODE_DEBUG &&
  /\bsemver\b/i.test(process.env.NODE_DEBUG)
) ? (...args) => console.error('SEMVER', ...args)
  : () => {}

module.exports = debug


/***/ }),

/***/ 3348:
/***/ ((module) => {



const numeric = /^[0-9]+$/
const compareIdentifiers = (a, b) => {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b ? 0 : a < b ? -1 : 1
  }

  const anum = numeric.test(a)
  const bnum = numeric.test(b)

  if (anum && bnum) {
    a = +a
    b = +b
  }

  return a === b ? 0
    : (anum && !bnum) ? -1
    : (bnum && !anum) ? 1
    : a < b ? -1
    : 1
}

const rcompareIdentifiers = (a, b) => compareIdentifiers(b, a)

module.exports = {
  compareIdentifiers,
  rcompareIdentifiers,
}


/***/ }),

/***/ 1383:
/***/ ((module) => {



class LRUCache {
  constructor () {
    this.max = 1000
    this.map = new Map()
  }

  get (key) {
    const value = this.map.get(key)
    if (value === undefined) {
      return undefined
    } else {
      // Remove the key from the map and add it to the end
      this.map.delete(key)
      this.map.set(key, value)
      return value
    }
  }

  delete (key) {
    return this.map.delete(key)
  }

  set (key, value) {
    const deleted = this.delete(key)

    if (!deleted && value !== undefined) {
      // If cache is full, delete the least recently used item
      if (this.map.size >= this.max) {
        const firstKey = this.map.keys().next().value
        this.delete(firstKey)
      }

      this.map.set(key, value)
    }

    return this
  }
}

module.exports = LRUCache


/***/ }),

/***/ 356:
/***/ ((module) => {



// parse out just the options we care about
const looseOption = Object.freeze({ loose: true })
const emptyOpts = Object.freeze({ })
const parseOptions = options => {
  if (!options) {
    return emptyOpts
  }

  if (typeof options !== 'object') {
    return looseOption
  }

  return options
}
module.exports = parseOptions


/***/ }),

/***/ 5471:
/***/ ((module, exports, __nccwpck_require__) => {



const {
  MAX_SAFE_COMPONENT_LENGTH,
  MAX_SAFE_BUILD_LENGTH,
  MAX_LENGTH,
} = __nccwpck_require__(5101)
const debug = __nccwpck_require__(1159)
exports = module.exports = {}

// The actual regexps go on exports.re
const re = exports.re = []
const safeRe = exports.safeRe = []
const src = exports.src = []
const safeSrc = exports.safeSrc = []
const t = exports.t = {}
let R = 0

const LETTERDASHNUMBER = '[a-zA-Z0-9-]'

// Replace some greedy regex tokens to prevent regex dos issues. These regex are
// used internally via the safeRe object since all inputs in this library get
// normalized first to trim and collapse all extra whitespace. The original
// regexes are exported for userland consumption and lower level usage. A
// future breaking change could export the safer regex only with a note that
// all input should have extra whitespace removed.
const safeRegexReplacements = [
  ['\\s', 1],
  ['\\d', MAX_LENGTH],
  [LETTERDASHNUMBER, MAX_SAFE_BUILD_LENGTH],
]

const makeSafeRegex = (value) => {
  for (const [token, max] of safeRegexReplacements) {
    value = value
      .split(`${token}*`).join(`${token}{0,${max}}`)
      .split(`${token}+`).join(`${token}{1,${max}}`)
  }
  return value
}

const createToken = (name, value, isGlobal) => {
  const safe = makeSafeRegex(value)
  const index = R++
  debug(name, index, value)
  t[name] = index
  src[index] = value
  safeSrc[index] = safe
  re[index] = new RegExp(value, isGlobal ? 'g' : undefined)
  safeRe[index] = new RegExp(safe, isGlobal ? 'g' : undefined)
}

// The following Regular Expressions can be used for tokenizing,
// validating, and parsing SemVer version strings.

// ## Numeric Identifier
// A single `0`, or a non-zero digit followed by zero or more digits.

createToken('NUMERICIDENTIFIER', '0|[1-9]\\d*')
createToken('NUMERICIDENTIFIERLOOSE', '\\d+')

// ## Non-numeric Identifier
// Zero or more digits, followed by a letter or hyphen, and then zero or
// more letters, digits, or hyphens.

createToken('NONNUMERICIDENTIFIER', `\\d*[a-zA-Z-]${LETTERDASHNUMBER}*`)

// ## Main Version
// Three dot-separated numeric identifiers.

createToken('MAINVERSION', `(${src[t.NUMERICIDENTIFIER]})\\.` +
                   `(${src[t.NUMERICIDENTIFIER]})\\.` +
                   `(${src[t.NUMERICIDENTIFIER]})`)

createToken('MAINVERSIONLOOSE', `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.` +
                        `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.` +
                        `(${src[t.NUMERICIDENTIFIERLOOSE]})`)

// ## Pre-release Version Identifier
// A numeric identifier, or a non-numeric identifier.
// Non-numeric identifiers include numeric identifiers but can be longer.
// Therefore non-numeric identifiers must go first.

createToken('PRERELEASEIDENTIFIER', `(?:${src[t.NONNUMERICIDENTIFIER]
}|${src[t.NUMERICIDENTIFIER]})`)

createToken('PRERELEASEIDENTIFIERLOOSE', `(?:${src[t.NONNUMERICIDENTIFIER]
}|${src[t.NUMERICIDENTIFIERLOOSE]})`)

// ## Pre-release Version
// Hyphen, followed by one or more dot-separated pre-release version
// identifiers.

createToken('PRERELEASE', `(?:-(${src[t.PRERELEASEIDENTIFIER]
}(?:\\.${src[t.PRERELEASEIDENTIFIER]})*))`)

createToken('PRERELEASELOOSE', `(?:-?(${src[t.PRERELEASEIDENTIFIERLOOSE]
}(?:\\.${src[t.PRERELEASEIDENTIFIERLOOSE]})*))`)

// ## Build Metadata Identifier
// Any combination of digits, letters, or hyphens.

createToken('BUILDIDENTIFIER', `${LETTERDASHNUMBER}+`)

// ## Build Metadata
// Plus sign, followed by one or more period-separated build metadata
// identifiers.

createToken('BUILD', `(?:\\+(${src[t.BUILDIDENTIFIER]
}(?:\\.${src[t.BUILDIDENTIFIER]})*))`)

// ## Full Version String
// A main version, followed optionally by a pre-release version and
// build metadata.

// Note that the only major, minor, patch, and pre-release sections of
// the version string are capturing groups.  The build metadata is not a
// capturing group, because it should not ever be used in version
// comparison.

createToken('FULLPLAIN', `v?${src[t.MAINVERSION]
}${src[t.PRERELEASE]}?${
  src[t.BUILD]}?`)

createToken('FULL', `^${src[t.FULLPLAIN]}$`)

// like full, but allows v1.2.3 and =1.2.3, which people do sometimes.
// also, 1.0.0alpha1 (prerelease without the hyphen) which is pretty
// common in the npm registry.
createToken('LOOSEPLAIN', `[v=\\s]*${src[t.MAINVERSIONLOOSE]
}${src[t.PRERELEASELOOSE]}?${
  src[t.BUILD]}?`)

createToken('LOOSE', `^${src[t.LOOSEPLAIN]}$`)

createToken('GTLT', '((?:<|>)?=?)')

// Something like "2.*" or "1.2.x".
// Note that "x.x" is a valid xRange identifier, meaning "any version"
// Only the first item is strictly required.
createToken('XRANGEIDENTIFIERLOOSE', `${src[t.NUMERICIDENTIFIERLOOSE]}|x|X|\\*`)
createToken('XRANGEIDENTIFIER', `${src[t.NUMERICIDENTIFIER]}|x|X|\\*`)

createToken('XRANGEPLAIN', `[v=\\s]*(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:\\.(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:\\.(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:${src[t.PRERELEASE]})?${
                     src[t.BUILD]}?` +
                   `)?)?`)

createToken('XRANGEPLAINLOOSE', `[v=\\s]*(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:${src[t.PRERELEASELOOSE]})?${
                          src[t.BUILD]}?` +
                        `)?)?`)

createToken('XRANGE', `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAIN]}$`)
createToken('XRANGELOOSE', `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAINLOOSE]}$`)

// Coercion.
// Extract anything that could conceivably be a part of a valid semver
createToken('COERCEPLAIN', `${'(^|[^\\d])' +
              '(\\d{1,'}${MAX_SAFE_COMPONENT_LENGTH}})` +
              `(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?` +
              `(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?`)
createToken('COERCE', `${src[t.COERCEPLAIN]}(?:$|[^\\d])`)
createToken('COERCEFULL', src[t.COERCEPLAIN] +
              `(?:${src[t.PRERELEASE]})?` +
              `(?:${src[t.BUILD]})?` +
              `(?:$|[^\\d])`)
createToken('COERCERTL', src[t.COERCE], true)
createToken('COERCERTLFULL', src[t.COERCEFULL], true)

// Tilde ranges.
// Meaning is "reasonably at or greater than"
createToken('LONETILDE', '(?:~>?)')

createToken('TILDETRIM', `(\\s*)${src[t.LONETILDE]}\\s+`, true)
exports.tildeTrimReplace = '$1~'

createToken('TILDE', `^${src[t.LONETILDE]}${src[t.XRANGEPLAIN]}$`)
createToken('TILDELOOSE', `^${src[t.LONETILDE]}${src[t.XRANGEPLAINLOOSE]}$`)

// Caret ranges.
// Meaning is "at least and backwards compatible with"
createToken('LONECARET', '(?:\\^)')

createToken('CARETTRIM', `(\\s*)${src[t.LONECARET]}\\s+`, true)
exports.caretTrimReplace = '$1^'

createToken('CARET', `^${src[t.LONECARET]}${src[t.XRANGEPLAIN]}$`)
createToken('CARETLOOSE', `^${src[t.LONECARET]}${src[t.XRANGEPLAINLOOSE]}$`)

// A simple gt/lt/eq thing, or just "" to indicate "any version"
createToken('COMPARATORLOOSE', `^${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]})$|^$`)
createToken('COMPARATOR', `^${src[t.GTLT]}\\s*(${src[t.FULLPLAIN]})$|^$`)

// An expression to strip any whitespace between the gtlt and the thing
// it modifies, so that `> 1.2.3` ==> `>1.2.3`
createToken('COMPARATORTRIM', `(\\s*)${src[t.GTLT]
}\\s*(${src[t.LOOSEPLAIN]}|${src[t.XRANGEPLAIN]})`, true)
exports.comparatorTrimReplace = '$1$2$3'

// Something like `1.2.3 - 1.2.4`
// Note that these all use the loose form, because they'll be
// checked against either the strict or loose comparator form
// later.
createToken('HYPHENRANGE', `^\\s*(${src[t.XRANGEPLAIN]})` +
                   `\\s+-\\s+` +
                   `(${src[t.XRANGEPLAIN]})` +
                   `\\s*$`)

createToken('HYPHENRANGELOOSE', `^\\s*(${src[t.XRANGEPLAINLOOSE]})` +
                        `\\s+-\\s+` +
                        `(${src[t.XRANGEPLAINLOOSE]})` +
                        `\\s*$`)

// Star ranges basically just allow anything at all.
createToken('STAR', '(<|>)?=?\\s*\\*')
// >=0.0.0 is like a star
createToken('GTE0', '^\\s*>=\\s*0\\.0\\.0\\s*$')
createToken('GTE0PRE', '^\\s*>=\\s*0\\.0\\.0-0\\s*$')


/***/ }),

/***/ 9737:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

// @ts-check


// Reproduce safeRe[COMPARATORTRIM] replacement boundaries, not version
// validation. Each end-index finder returns an exclusive end, or its start
// on no match.
// Positions count from zero. An end of 3 means characters 0, 1, and 2 were read;
// range.slice(start, end) gives the matched text, not a converted number.
const {
  MAX_LENGTH,
  MAX_SAFE_BUILD_LENGTH,
  WHITESPACE_CHARACTERS,
} = __nccwpck_require__(5101)

/**
 * Remembers the last two rows of digits so their characters need not be reread.
 * Positions start at -1 until a row has been found.
 *
 * @typedef {object} DigitRunCache
 * @property {number} start The first character of the most recently found row.
 * @property {number} end The position after that row's last character.
 * @property {number} previousStart The first character of the previous row.
 * @property {number} previousEnd The position after the previous row.
 */

// One entry per UTF-16 code unit keeps membership checks constant-time.
const whitespace = new Uint8Array(0x10000)
for (const char of WHITESPACE_CHARACTERS) {
  whitespace[char.charCodeAt(0)] = 1
}

/**
 * Checks whether a character is whitespace, like a space, tab, or newline.
 * Looking past the end of the string returns false.
 *
 * @param {string|undefined} char One character, or undefined past the string's end.
 * @returns {boolean} Whether the character is whitespace.
 * @example isWhitespace(' ') // true
 * @example isWhitespace('1') // false
 */
const isWhitespace = char =>
  char !== undefined && whitespace[char.charCodeAt(0)] === 1

/**
 * Checks for v, =, or whitespace before the version number.
 * These are historical version prefixes, not range operators:
 * < and > are handled separately, as are tilde and caret ranges.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character can belong to a version prefix.
 * @example isVersionPrefix('=') // true
 * @example isVersionPrefix('>') // false
 */
const isVersionPrefix = char =>
  char === 'v' ||
  char === '=' ||
  isWhitespace(char)

/**
 * Checks whether a character is one of the digits 0 through 9.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character is an ASCII digit.
 * @example isDigit('7') // true
 * @example isDigit('.') // false
 */
const isDigit = char => char !== undefined && char >= '0' && char <= '9'

/**
 * Checks whether a character is an English letter, uppercase or lowercase.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character is an ASCII letter.
 * @example isLetter('b') // true
 * @example isLetter('7') // false
 */
const isLetter = char =>
  char !== undefined && (
    (char >= 'a' && char <= 'z') ||
    (char >= 'A' && char <= 'Z')
  )

/**
 * Checks for a letter, digit, or hyphen: the characters allowed inside
 * prerelease and build names such as beta-1.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character can be part of an identifier.
 * @example isIdentifierCharacter('-') // true
 * @example isIdentifierCharacter('.') // false; dots separate identifiers
 */
const isIdentifierCharacter = char => isDigit(char) || isLetter(char) || char === '-'

/**
 * Checks whether a version component can begin here: with a digit or
 * a wildcard such as x, X, or *.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether a number or wildcard can start with this character.
 * @example isVersionStart('x') // true
 * @example isVersionStart('v') // false; v belongs to the prefix
 */
const isVersionStart = char =>
  isDigit(char) ||
  char === 'x' ||
  char === 'X' ||
  char === '*'

/**
 * Finds the end of a row of digits, but returns no more than limit digits.
 * Remembers the last two rows so looking at them again does not reread them.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of the first character to check.
 * @param {number} limit The most digit characters the returned match can include.
 * @param {DigitRunCache} digitRuns Shared cache of digit-run positions, updated in place.
 * @returns {number} The position after the matched digits, or start if none match.
 * @example findDigitsEndIndex('123abc', 0, 10, digitRuns) // 3, pointing at a
 * @example findDigitsEndIndex('123abc', 0, 2, digitRuns) // 2, pointing at the unread 3
 */
const findDigitsEndIndex = (range, start, limit, digitRuns) => {
  if (!isDigit(range[start])) {
    return start
  }
  if (start >= digitRuns.start && start < digitRuns.end) {
    return Math.min(start + limit, digitRuns.end)
  }
  if (start >= digitRuns.previousStart && start < digitRuns.previousEnd) {
    return Math.min(start + limit, digitRuns.previousEnd)
  }
  let end = start + 1
  while (isDigit(range[end])) {
    end++
  }
  // A failed full version can rewind from its second run to its first.
  digitRuns.previousStart = digitRuns.start
  digitRuns.previousEnd = digitRuns.end
  digitRuns.start = start
  digitRuns.end = end
  return Math.min(start + limit, end)
}

/**
 * Reads a number using the old regex's length and leading-zero rules.
 * Strict mode reads just the first zero in 012; loose mode can read all three.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the number should begin.
 * @param {boolean} loose Whether to allow leading zeros.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the matched digits, not their numeric value.
 * @example findVersionNumberEndIndex('012', 0, false, digitRuns) // 1
 * @example findVersionNumberEndIndex('012', 0, true, digitRuns) // 3
 */
const findVersionNumberEndIndex = (range, start, loose, digitRuns) => {
  if (!loose && range[start] === '0') {
    return start + 1
  }
  // Strict syntax allows an initial nonzero digit plus MAX_LENGTH digits.
  return findDigitsEndIndex(range, start, loose ? MAX_LENGTH : MAX_LENGTH + 1, digitRuns)
}

/**
 * Reads one piece of a prerelease name, such as beta or 1 in beta.1.
 * Tries the letter-or-hyphen form first, then the number-only form.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the identifier should begin.
 * @param {boolean} loose Whether numeric identifiers may have leading zeros.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the identifier, or start if none matches.
 * @example findPrereleaseIdentifierEndIndex('beta.1', 0, false, digitRuns) // 4, at the dot
 * @example findPrereleaseIdentifierEndIndex('001beta', 0, false, digitRuns) // 7
 */
const findPrereleaseIdentifierEndIndex = (range, start, loose, digitRuns) => {
  const digitsEnd = findDigitsEndIndex(range, start, MAX_LENGTH, digitRuns)
  // The legacy regex tries a nonnumeric identifier before a numeric one.
  if (isLetter(range[digitsEnd]) || range[digitsEnd] === '-') {
    let end = digitsEnd + 1
    const limit = end + MAX_SAFE_BUILD_LENGTH
    while (end < limit && isIdentifierCharacter(range[end])) {
      end++
    }
    return end
  }
  return findVersionNumberEndIndex(range, start, loose, digitRuns)
}

/**
 * Reads a prerelease suffix such as -beta.1, one dot-separated piece at a time.
 * Loose mode also allows the name without its opening hyphen.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the suffix should begin, including -.
 * @param {boolean} loose Whether the opening hyphen is optional and zeros allowed.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the matched suffix, or start if absent.
 * @example findPrereleaseEndIndex('-beta.1+sha', 0, false, digitRuns) // 7, at the plus
 * @example findPrereleaseEndIndex('beta', 0, false, digitRuns) // 0; no opening hyphen
 */
const findPrereleaseEndIndex = (range, start, loose, digitRuns) => {
  const hyphen = range[start] === '-'
  if (!loose && !hyphen) {
    return start
  }
  const identifierStart = start + (hyphen ? 1 : 0)
  let end = findPrereleaseIdentifierEndIndex(range, identifierStart, loose, digitRuns)
  if (end === identifierStart) {
    if (!loose || !hyphen) {
      return start
    }
    // In loose syntax, a lone hyphen can itself be the identifier.
    end = findPrereleaseIdentifierEndIndex(range, start, loose, digitRuns)
  }
  while (range[end] === '.') {
    const next = findPrereleaseIdentifierEndIndex(range, end + 1, loose, digitRuns)
    if (next === end + 1) {
      break
    }
    end = next
  }
  return end
}

/**
 * Reads one build-name piece, such as sha or 123 in +sha.123.
 * Stops at a disallowed character or the old regex's length limit.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the identifier should begin.
 * @returns {number} The position after the identifier, or start if none matches.
 * @example findBuildIdentifierEndIndex('sha.123', 0) // 3, at the dot
 * @example findBuildIdentifierEndIndex('001', 0) // 3; leading zeros are allowed
 */
const findBuildIdentifierEndIndex = (range, start) => {
  let end = start
  while (end - start < MAX_SAFE_BUILD_LENGTH && isIdentifierCharacter(range[end])) {
    end++
  }
  return end
}

/**
 * Reads optional build metadata such as +sha.123.
 * Leaves the position unchanged if there is no plus sign followed by a name.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the opening + should be.
 * @returns {number} The position after the matched metadata, or start if absent.
 * @example findBuildEndIndex('+sha.123 <2', 0) // 8, at the space
 * @example findBuildEndIndex('+', 0) // 0; a plus sign alone is not a match
 */
const findBuildEndIndex = (range, start) => {
  if (range[start] !== '+') {
    return start
  }
  let end = findBuildIdentifierEndIndex(range, start + 1)
  if (end === start + 1) {
    return start
  }
  while (range[end] === '.') {
    const next = findBuildIdentifierEndIndex(range, end + 1)
    if (next === end + 1) {
      break
    }
    end = next
  }
  return end
}

/**
 * Reads three numbers separated by dots, then any prerelease and build suffixes.
 * Uses loose rules, so forms such as 01.02.03beta can match here.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of the first number, after any prefix.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the version match, or start if none matches.
 * @example findLooseFullVersionEndIndex('1.2.3-beta+sha <2', 0, digitRuns) // 14
 * @example findLooseFullVersionEndIndex('1.2', 0, digitRuns) // 0; needs three numbers
 */
const findLooseFullVersionEndIndex = (range, start, digitRuns) => {
  let end = start
  for (let component = 0; component < 3; component++) {
    const next = findVersionNumberEndIndex(range, end, true, digitRuns)
    if (next === end) {
      return start
    }
    end = next
    if (component < 2) {
      if (range[end] !== '.') {
        return start
      }
      end++
    }
  }
  const prereleaseEnd = findPrereleaseEndIndex(range, end, true, digitRuns)
  return findBuildEndIndex(range, prereleaseEnd)
}

/**
 * Reads one component of a partial or wildcard version, such as 2 or x in 2.x.
 * Numbers use strict leading-zero rules; wildcards take up one character.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the component should begin.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the component, or start if none matches.
 * @example findPartialVersionComponentEndIndex('2.x', 0, digitRuns) // 1, at the dot
 * @example findPartialVersionComponentEndIndex('2.x', 2, digitRuns) // 3, after x
 */
const findPartialVersionComponentEndIndex = (range, start, digitRuns) => {
  if (isDigit(range[start])) {
    return findVersionNumberEndIndex(range, start, false, digitRuns)
  }
  return isVersionStart(range[start]) ? start + 1 : start
}

/**
 * Reads up to three components, allowing forms such as 1, 1.2, or 1.x.
 * After the third component, also reads any strict prerelease and build suffixes.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of a number or wildcard, after any prefix.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the matched version text.
 * @example findPartialVersionEndIndex('1.x <2', 0, digitRuns) // 3, at the space
 * @example findPartialVersionEndIndex('1.', 0, digitRuns) // 1; the trailing dot is unread
 */
const findPartialVersionEndIndex = (range, start, digitRuns) => {
  let end = findPartialVersionComponentEndIndex(range, start, digitRuns)
  for (let component = 0; component < 2; component++) {
    if (range[end] !== '.') {
      return end
    }
    const next = findPartialVersionComponentEndIndex(range, end + 1, digitRuns)
    if (next === end + 1) {
      return end
    }
    end = next
  }
  const prereleaseEnd = findPrereleaseEndIndex(range, end, false, digitRuns)
  return findBuildEndIndex(range, prereleaseEnd)
}

/**
 * Finds where a version match ends, without deciding whether the range is valid.
 * Tries a loose full version first, then a partial or wildcard version, just
 * like the old regex's LOOSEPLAIN and XRANGEPLAIN alternatives.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of a number or wildcard, after any prefix.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position where scanning the next candidate can resume.
 * @example findVersionEndIndex('1.2.3 <2', 0, digitRuns) // 5, at the space
 * @example findVersionEndIndex('1.x <2', 0, digitRuns) // 3, at the space
 */
const findVersionEndIndex = (range, start, digitRuns) => {
  const fullVersionEnd = findLooseFullVersionEndIndex(range, start, digitRuns)
  return fullVersionEnd !== start
    ? fullVersionEnd
    : findPartialVersionEndIndex(range, start, digitRuns)
}

/**
 * Finds the one whitespace character the old replacement would remove.
 * Keeps leading whitespace, skips an optional operator, and checks immediately
 * after it. Returns -1 if there is nothing to remove.
 *
 * @param {string} range The text containing a candidate already found by the caller.
 * @param {number} matchStart The candidate's position, including leading whitespace.
 * @returns {number} The position of the removable whitespace, or -1 if absent.
 * @example findRemovableWhitespaceIndex(' > 1', 0) // 2; keep the space at position 0
 * @example findRemovableWhitespaceIndex('>1', 0) // -1
 */
const findRemovableWhitespaceIndex = (range, matchStart) => {
  let position = matchStart
  if (isWhitespace(range[position])) {
    position++
  }
  if (range[position] === '<' || range[position] === '>') {
    position++
  }
  if (range[position] === '=') {
    position++
  }
  return isWhitespace(range[position]) ? position : -1
}

/**
 * Joins an operator to its version, turning > 1.2.3 into >1.2.3.
 * Copies everything else according to the old regex's matching rules.
 * Moves forward through prefixes and whole versions to avoid repeatedly
 * searching the same characters on long inputs.
 *
 * @param {string} range The range text to process; the original string is unchanged.
 * @returns {string} The range with matched operator whitespace removed.
 * @example trimComparatorWhitespace('> 1.2.3 < 2') // '>1.2.3 <2'
 * @example trimComparatorWhitespace('> invalid') // '> invalid'
 */
const trimComparatorWhitespace = range => {
  let result = ''
  let copyFrom = 0
  let cursor = 0
  const digitRuns = { start: -1, end: -1, previousStart: -1, previousEnd: -1 }

  while (cursor < range.length) {
    const matchStart = cursor
    if (range[cursor] === '<' || range[cursor] === '>') {
      cursor++
    } else if (!isVersionPrefix(range[cursor]) && !isVersionStart(range[cursor])) {
      cursor++
      continue
    }

    // Consume a v/=/whitespace run once, even when no version follows it.
    while (cursor < range.length && isVersionPrefix(range[cursor])) {
      cursor++
    }
    if (!isVersionStart(range[cursor])) {
      continue
    }

    const whitespacePosition = findRemovableWhitespaceIndex(range, matchStart)
    if (whitespacePosition !== -1) {
      result += range.slice(copyFrom, whitespacePosition)
      copyFrom = whitespacePosition + 1
    }

    // Skip the entire match, so a prerelease's trailing v cannot be
    // reconsidered as the prefix of another version.
    cursor = findVersionEndIndex(range, cursor, digitRuns)
  }

  return result + range.slice(copyFrom)
}

module.exports = trimComparatorWhitespace


/***/ }),

/***/ 4737:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)
const validRange = (range, options) => {
  try {
    // Return '*' instead of '' so that truthiness works.
    // This will throw if it's invalid anyway
    return new Range(range, options).range || '*'
  } catch (er) {
    return null
  }
}
module.exports = validRange


/***/ }),

/***/ 5581:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cli_main_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(788);
/* harmony import */ var _run_exit_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(517);
// The CLI's entry point, bundled to dist/cli.js.


process.exitCode = await (0,_cli_main_js__WEBPACK_IMPORTED_MODULE_0__/* .runCli */ .ak)(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
});
await (0,_run_exit_js__WEBPACK_IMPORTED_MODULE_1__/* .exitWhenFlushed */ .K)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 788:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  ak: () => (/* binding */ runCli)
});

// UNUSED EXPORTS: USAGE, jsonReport

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(7975);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: ./src/stores/git/url.ts
var url = __nccwpck_require__(4788);
// EXTERNAL MODULE: ./src/run/messages.ts + 1 modules
var messages = __nccwpck_require__(492);
;// CONCATENATED MODULE: ./src/registry/needs.ts
/** Whether the run needs the registry: verify-image, resolve-digest, or an image with no tag. */
function needsRegistry(bumps, options) {
    return (options.verify ||
        options.resolveDigest ||
        bumps.some((b) => b.tag === undefined && b.digest === undefined));
}

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
    if (!needsRegistry(settings.bumps, options))
        return undefined;
    context.log.phase?.('Ask the container registry');
    // One after the other: jest's ES-module loader fails ("request for 'node:crypto' is not in
    // cache") when two imports in flight load the same node module.
    const { RegistryClient } = await __nccwpck_require__.e(/* import() */ 440).then(__nccwpck_require__.bind(__nccwpck_require__, 2440));
    const { dockerConfigCredentials, withInputCredential } = await __nccwpck_require__.e(/* import() */ 653).then(__nccwpck_require__.bind(__nccwpck_require__, 3653));
    const { resolveBumps } = await __nccwpck_require__.e(/* import() */ 91).then(__nccwpck_require__.bind(__nccwpck_require__, 2091));
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
var store_bump = __nccwpck_require__(8525);
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
        __nccwpck_require__.e(/* import() */ 767).then(__nccwpck_require__.bind(__nccwpck_require__, 7767)),
        Promise.resolve(/* import() */).then(__nccwpck_require__.bind(__nccwpck_require__, 8525)),
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
    const { bumpGitRepository } = await __nccwpck_require__.e(/* import() */ 560).then(__nccwpck_require__.bind(__nccwpck_require__, 9560));
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
    await (await __nccwpck_require__.e(/* import() */ 81).then(__nccwpck_require__.bind(__nccwpck_require__, 8081))).loadProxyFetch();
    const [{ connectGitHub }, { bumpRemote }] = await Promise.all([
        Promise.all(/* import() */[__nccwpck_require__.e(730), __nccwpck_require__.e(214), __nccwpck_require__.e(167)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6167)),
        __nccwpck_require__.e(/* import() */ 10).then(__nccwpck_require__.bind(__nccwpck_require__, 7010)),
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

// EXTERNAL MODULE: ./src/engine/bumps.ts
var engine_bumps = __nccwpck_require__(8299);
// EXTERNAL MODULE: ./src/engine/file-specs.ts + 1 modules
var file_specs = __nccwpck_require__(283);
// EXTERNAL MODULE: ./src/engine/policy.ts
var engine_policy = __nccwpck_require__(7542);
// EXTERNAL MODULE: ./src/registry/location.ts
var registry_location = __nccwpck_require__(5384);
;// CONCATENATED MODULE: ./src/run/remote-inputs.ts
// Checks of the inputs that say where to write, shared by the action and the CLI.

const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;
/** Parses `owner/name`. */
function parseRepository(value, input) {
    const trimmed = value.trim();
    if (trimmed === '') {
        throw new engine_bumps/* InputError */.d(`${input}: no repository given; set it to owner/name (outside GitHub Actions there is no GITHUB_REPOSITORY to fall back on).`);
    }
    const url = /^https?:\/\/[^/]+\/([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(trimmed);
    const [owner, name, ...rest] = url ? [url[1], url[2]] : trimmed.split('/');
    if (owner === undefined ||
        name === undefined ||
        rest.length > 0 ||
        !OWNER.test(owner) ||
        !NAME.test(name) ||
        name === '.' ||
        name === '..') {
        throw new engine_bumps/* InputError */.d(`${input}: '${trimmed}' is not a repository; write it as owner/name, e.g. acme/gitops.`);
    }
    return { owner, name: name.replace(/\.git$/, '') };
}
/**
 * Checks that a token looks like one before any call is made. The message describes the value
 * (its length, what is wrong) without ever quoting it.
 */
function parseToken(value, input) {
    const token = value.trim();
    if (token === '') {
        throw new engine_bumps/* InputError */.d(`${input}: the token is empty. Pass one, e.g. token: \${{ secrets.GITOPS_TOKEN }}; an unset or misspelt secret name gives an empty value.`);
    }
    if (/^-+$/.test(token) || token === 'null' || token === 'undefined') {
        throw new engine_bumps/* InputError */.d(`${input}: the token is a placeholder (${token.length} character${token.length === 1 ? '' : 's'}, no letters), not a token. Set the secret to a real token (a GitHub App token, a fine-grained token or GITHUB_TOKEN).`);
    }
    if (/\s/.test(token)) {
        throw new engine_bumps/* InputError */.d(`${input}: the token (${token.length} characters) contains whitespace, which no GitHub token does. Copy the secret again without spaces or line breaks${/^(bearer|token)\s/i.test(token) ? ', and without the "Bearer"/"token" prefix' : ''}.`);
    }
    if (token.length < 20) {
        throw new engine_bumps/* InputError */.d(`${input}: the token is ${token.length} characters long, too short for a GitHub token (they are 40 or more). Check the secret's value.`);
    }
    return token;
}

;// CONCATENATED MODULE: ./src/run/settings.ts
// The one place that turns what the user asked for into typed settings, for both doors: the
// action reads its inputs, the CLI its flags, through an InputSource. Every message names the
// input as the user wrote it (`mode` or `--mode`), quotes the bad value (never a token) and
// says what is expected.







/** Reads and checks inputs, one kind each. */
class Reader {
    source;
    constructor(source) {
        this.source = source;
    }
    text(name) {
        return this.source.get(name).trim();
    }
    label(name) {
        return this.source.label(name);
    }
    boolean(name) {
        const value = this.text(name);
        if (value === '')
            return false;
        if (['true', 'True', 'TRUE'].includes(value))
            return true;
        if (['false', 'False', 'FALSE'].includes(value))
            return false;
        throw new engine_bumps/* InputError */.d(`${this.label(name)}: '${value}' is not a boolean; use true or false.`);
    }
    choice(name, choices, fallback) {
        const value = this.text(name);
        if (value === '')
            return fallback;
        if (choices.includes(value))
            return value;
        const near = choices.find((c) => c.toLowerCase() === value.toLowerCase());
        throw new engine_bumps/* InputError */.d(`${this.label(name)}: '${value}' is not one of ${choices.join(', ')}${near ? ` (did you mean '${near}'?)` : ''}.`);
    }
    number(name, fallback, min, max) {
        const value = this.text(name);
        if (value === '')
            return fallback;
        const n = Number(value);
        if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(n) || n < min || n > max) {
            throw new engine_bumps/* InputError */.d(`${this.label(name)}: '${value}' is not a number from ${min} to ${max}.`);
        }
        return n;
    }
    /** A duration such as 10m, 90s or 1h (0: none), in ms. */
    duration(name, maxMs) {
        const value = this.text(name);
        if (value === '' || value === '0')
            return 0;
        const match = /^(\d+)(s|m|h)$/.exec(value);
        const ms = match
            ? Number(match[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[match[2]]
            : NaN;
        if (!match || ms > maxMs)
            throw new engine_bumps/* InputError */.d(`${this.label(name)}: '${value}' is not a duration up to ${maxMs / 3_600_000}h; use a number with s, m or h, e.g. 10m (0: do not wait).`);
        return ms;
    }
    /** A list written one per line or comma-separated. */
    list(name) {
        return this.source
            .lines(name)
            .flatMap((line) => line.split(','))
            .map((s) => s.trim())
            .filter((s) => s !== '');
    }
}
function readPolicy(read) {
    const policy = { allowDowngrade: read.boolean('allow-downgrade') };
    const filter = read.text('version-filter');
    if (filter)
        policy.filter = filter;
    const pattern = read.text('tag-pattern');
    if (pattern)
        policy.tagPattern = pattern;
    (0,engine_policy/* checkPolicy */.hM)(policy, {
        filter: read.label('version-filter'),
        tagPattern: read.label('tag-pattern'),
    });
    return policy;
}
function checkBranchName(read, name, value) {
    if (!/^[A-Za-z0-9._/-]+$/.test(value) ||
        value.includes('..') ||
        /^[/.-]|[/.]$|\/\/|\.lock$/.test(value))
        throw new engine_bumps/* InputError */.d(`${read.label(name)}: '${value}' is not a usable branch name; use letters, digits, '.', '_', '-' and '/', e.g. gitops-bump/web.`);
}
/** Reads and checks everything. */
function readSettings(source, env = {}) {
    const read = new Reader(source);
    const settings = readBumpSettings(read, source);
    if (settings.mode === 'workspace')
        return settings;
    const target = readTarget(read, source, settings.mode, env);
    if ((0,url/* isGitUrl */.m8)(target.repository) && !onGitHub(target.repository, env.serverUrl)) {
        settings.remote = readGitRemote(read, source, target);
    }
    else {
        settings.remote = readGitHubRemote(read, source, settings, target);
    }
    return settings;
}
/** The image references: one in `image`, or several in `images`, never both. */
function readReferences(read, source) {
    const image = read.text('image');
    const images = source.lines('images');
    if (image && images.length > 0)
        throw new engine_bumps/* InputError */.d(`${read.label('image')} and ${read.label('images')} are both set; give one image in ${read.label('image')}, or several in ${read.label('images')}.`);
    const references = image ? [image] : images;
    if (references.length === 0)
        throw new engine_bumps/* InputError */.d(`${read.label('image')}: no image given. Set ${read.label('image')} (e.g. ghcr.io/org/app:1.4.2) or ${read.label('images')}.`);
    return { references, one: image !== '' };
}
/** What to bump, where in the files, under which policy: everything but where to write. */
function readBumpSettings(read, source) {
    const { references, one } = readReferences(read, source);
    const container = read.text('container');
    const settings = {
        bumps: (0,engine_bumps/* parseBumps */.B)(references, {
            image: read.label(one ? 'image' : 'images'),
            tag: read.label('tag'),
            digest: read.label('digest'),
            filter: read.label('version-filter'),
        }, read.text('tag') || undefined, read.text('digest') || undefined, read.text('version-filter') !== ''),
        files: (0,file_specs/* parseFileSpecs */.af)(source.lines('files')),
        pinDigest: read.boolean('pin-digest'),
        policy: readPolicy(read),
        onViolation: read.choice('on-policy-violation', ['skip', 'fail'], 'skip'),
        onMissed: read.choice('on-missed', ['warn', 'fail'], 'warn'),
        workingDirectory: read.text('working-directory') || '.',
        dryRun: read.boolean('dry-run'),
        mode: read.choice('mode', ['commit', 'pull-request', 'workspace'], 'commit'),
        registry: { verify: false, resolveDigest: false, insecure: [] },
    };
    settings.registry = readRegistry(read, source, settings.bumps);
    if (container)
        settings.container = container;
    return settings;
}
function readTarget(read, source, mode, env) {
    const repository = read.text('repository') || env.repository?.trim() || '';
    const branch = read.text('branch');
    if (branch)
        checkBranchName(read, 'branch', branch);
    const commitMessage = source.get('commit-message') || messages/* DEFAULT_COMMIT_MESSAGE */.Kb;
    (0,messages/* checkTemplate */.BU)(read.label('commit-message'), commitMessage);
    const maxAttempts = read.number('max-attempts', 10, 1, 100);
    // Checked before the kind of repository: a plain git remote takes commits only.
    const waitForMergeMs = read.duration('wait-for-merge', 6 * 3_600_000);
    return { mode, repository, branch, commitMessage, maxAttempts, waitForMergeMs };
}
/** A plain git remote: direct commits only, with its own token. */
function readGitRemote(read, source, target) {
    const { mode, repository, branch } = target;
    if (target.waitForMergeMs > 0)
        throw waitNeedsPull(read, mode, 'none');
    if (mode === 'pull-request') {
        throw new engine_bumps/* InputError */.d(`${read.label('mode')}: 'pull-request' needs a GitHub repository; '${repository}' is a plain git remote, which gets direct commits (mode: commit).`);
    }
    // The `token` input (by default the workflow's GITHUB_TOKEN) is never sent to another host:
    // a git remote takes its own token in `git-token`.
    const gitToken = source.get('git-token');
    const tokenUser = read.text('git-token-user');
    return {
        kind: 'git',
        url: repository,
        ...(branch && { branch }),
        ...(gitToken.trim() && { token: parseToken(gitToken, read.label('git-token')) }),
        ...(tokenUser && { tokenUser }),
        commitMessage: target.commitMessage,
        maxAttempts: target.maxAttempts,
    };
}
/** A GitHub repository: commit or pull request through the API. */
function readGitHubRemote(read, source, settings, target) {
    const { branch } = target;
    const repo = parseRepository(target.repository, read.label('repository'));
    const token = parseToken(source.get('token'), read.label('token'));
    return {
        kind: 'github',
        repo,
        ...(branch && { branch }),
        token,
        mode: target.mode,
        commitApi: read.choice('commit-api', ['graphql', 'contents'], 'graphql'),
        ...readPullSettings(read, source, settings, branch, target.waitForMergeMs),
        commitMessage: target.commitMessage,
        maxAttempts: target.maxAttempts,
        timeoutMs: read.number('request-timeout', 30, 1, 600) * 1000,
    };
}
/** The pull-request settings (read in commit mode too: their defaults are checked alike). */
function readPullSettings(read, source, settings, branch, waitForMergeMs) {
    const prTitle = read.text('pr-title') || messages/* DEFAULT_PR_TITLE */.SK;
    (0,messages/* checkTemplate */.BU)(read.label('pr-title'), prTitle);
    const prBody = source.get('pr-body');
    (0,messages/* checkTemplate */.BU)(read.label('pr-body'), prBody);
    const prBranch = read.text('pr-branch') ||
        (0,messages/* defaultPullBranch */.Ve)(settings.bumps, {
            ...(branch && { branch }),
            files: settings.files.map((f) => f.raw),
            ...(settings.container && { container: settings.container }),
        });
    checkBranchName(read, 'pr-branch', prBranch);
    const merge = read.choice('merge', ['auto', 'now', 'none'], 'auto');
    if (waitForMergeMs > 0 && (settings.mode !== 'pull-request' || merge === 'none'))
        throw waitNeedsPull(read, settings.mode, merge);
    return {
        merge,
        mergeMethod: read.choice('merge-method', ['squash', 'merge', 'rebase'], 'squash'),
        prBranch,
        prTitle,
        prBody,
        prLabels: read.list('pr-labels'),
        prReviewers: read.list('pr-reviewers').map((r) => r.replace(/^@/, '')),
        closeSuperseded: read.text('close-superseded') === '' || read.boolean('close-superseded'),
        waitForMergeMs,
    };
}
function waitNeedsPull(read, mode, merge) {
    return new engine_bumps/* InputError */.d(`${read.label('wait-for-merge')}: waits for a pull request to merge, so it needs ${read.label('mode')} pull-request with ${read.label('merge')} auto or now on a GitHub repository (now: ${read.label('mode')} ${mode}, ${read.label('merge')} ${merge}).`);
}
/** The registry inputs; the credential inputs belong to the one registry the images live in. */
function readRegistry(read, source, bumps) {
    const registry = {
        verify: read.boolean('verify-image'),
        resolveDigest: read.boolean('resolve-digest'),
        insecure: read.list('insecure-registries'),
    };
    for (const host of registry.insecure)
        if (!/^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::\d+)?$/.test(host))
            throw new engine_bumps/* InputError */.d(`${read.label('insecure-registries')}: '${host}' is not a registry host; give host or host:port, e.g. registry.internal:5000.`);
    const username = read.text('registry-username');
    const password = source.get('registry-password').trim();
    if (!username && !password)
        return registry;
    if (!username || !password)
        throw new engine_bumps/* InputError */.d(`${read.label(username ? 'registry-password' : 'registry-username')} is empty while ${read.label(username ? 'registry-username' : 'registry-password')} is set; give both, or neither (then the Docker config of docker/login-action is used).`);
    const hosts = [...new Set(bumps.map((b) => (0,registry_location/* locate */.x5)(b.image).host))];
    if (hosts.length > 1)
        throw new engine_bumps/* InputError */.d(`${read.label('registry-username')}: the images live in ${hosts.length} registries (${hosts.join(', ')}), and the credential is sent to one registry only. Log in to each with docker/login-action instead.`);
    registry.credential = { host: hosts[0], username, password };
    return registry;
}
/** True for an https URL on the GitHub server the run belongs to (github.com by default). */
function onGitHub(url, serverUrl) {
    const host = /^https?:\/\/(?:[^@/]*@)?([^/:]+)/i.exec(url)?.[1]?.toLowerCase();
    const server = /^https?:\/\/([^/:]+)/i.exec(serverUrl ?? '')?.[1]?.toLowerCase() ?? 'github.com';
    return host !== undefined && host === server;
}

;// CONCATENATED MODULE: ./src/stores/github/endpoints.ts
// Where GitHub's REST and GraphQL APIs are. Apart from the client (octokit.ts), so that the doors
// can read the endpoints without loading the GitHub client: a run loads it only for GitHub.
/** The endpoints from the runner's environment: GITHUB_API_URL and GITHUB_GRAPHQL_URL. */
function endpointsFromEnv(env = process.env) {
    const apiUrl = (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/+$/, '');
    const graphqlUrl = env.GITHUB_GRAPHQL_URL?.trim() || graphqlUrlFor(apiUrl);
    return { apiUrl, graphqlUrl };
}
/** GitHub.com answers GraphQL at /graphql; Enterprise Server at /api/graphql beside /api/v3. */
function graphqlUrlFor(apiUrl) {
    const base = apiUrl.replace(/\/+$/, '');
    if (/\/api\/v3$/.test(base))
        return base.replace(/\/api\/v3$/, '/api/graphql');
    return `${base}/graphql`;
}

;// CONCATENATED MODULE: ./src/cli/options.ts
/** Every flag the CLI takes. */
const OPTIONS = {
    image: { type: 'string', multiple: true },
    files: { type: 'string', multiple: true },
    container: { type: 'string' },
    cwd: { type: 'string' },
    tag: { type: 'string' },
    digest: { type: 'string' },
    'pin-digest': { type: 'boolean' },
    'version-filter': { type: 'string' },
    'allow-downgrade': { type: 'boolean' },
    'on-policy-violation': { type: 'string' },
    'on-missed': { type: 'string' },
    'tag-pattern': { type: 'string' },
    'verify-image': { type: 'boolean' },
    'resolve-digest': { type: 'boolean' },
    'registry-username': { type: 'string' },
    'registry-password': { type: 'string' },
    'insecure-registries': { type: 'string', multiple: true },
    repository: { type: 'string' },
    branch: { type: 'string' },
    token: { type: 'string' },
    'git-token': { type: 'string' },
    'git-token-user': { type: 'string' },
    'api-url': { type: 'string' },
    'graphql-url': { type: 'string' },
    mode: { type: 'string' },
    merge: { type: 'string' },
    'merge-method': { type: 'string' },
    'pr-branch': { type: 'string' },
    'pr-title': { type: 'string' },
    'pr-body': { type: 'string' },
    'pr-labels': { type: 'string', multiple: true },
    'pr-reviewers': { type: 'string', multiple: true },
    'commit-message': { type: 'string' },
    'commit-api': { type: 'string' },
    'max-attempts': { type: 'string' },
    'request-timeout': { type: 'string' },
    'close-superseded': { type: 'string' },
    'wait-for-merge': { type: 'string' },
    'dry-run': { type: 'boolean' },
    check: { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'V' },
};
/** Flags of the CLI alone: no action input has these names. */
const CLI_ONLY = new Set(['cwd', 'check', 'json', 'help', 'version']);

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __nccwpck_require__(3136);
;// CONCATENATED MODULE: ./src/cli/version.ts
// The CLI's version: from the package.json of gitops-bump next to the running file (dist/cli.js
// or src/cli/main.ts), so that it is the version that was installed.



/** The version in gitops-bump's package.json; 'unknown' when it cannot be found. */
function cliVersion(from = (0,external_node_url_.fileURLToPath)(import.meta.url)) {
    let dir = (0,external_node_path_.dirname)(from);
    for (let up = 0; up < 4; up++) {
        const file = (0,external_node_path_.join)(dir, 'package.json');
        if ((0,external_node_fs_.existsSync)(file)) {
            const pkg = JSON.parse((0,external_node_fs_.readFileSync)(file, 'utf8'));
            if (pkg.name === 'gitops-bump' && pkg.version)
                return pkg.version;
        }
        dir = (0,external_node_path_.dirname)(dir);
    }
    return 'unknown';
}

;// CONCATENATED MODULE: ./src/cli/words.ts
// The CLI's own words: messages from the shared layers name the action's inputs (`files:`,
// `allow-downgrade: true`, `token: ${{ secrets.… }}`); the CLI says the same with its flags
// (`--files`, `--allow-downgrade`, GITHUB_TOKEN). One ordered table, applied to every message
// the CLI prints.

/**
 * The action inputs the CLI takes as flags: every flag but the CLI's own, and the two inputs
 * whose flags have other names (images → --image, working-directory → --cwd). Longest first.
 */
const FLAGS = [
    ...Object.keys(OPTIONS).filter((name) => !CLI_ONLY.has(name)),
    'images',
    'working-directory',
].sort((a, b) => b.length - a.length);
const NAMES = FLAGS.join('|');
/** The values of the choice inputs, as messages quote them after the input's name. */
const VALUES = [
    'true',
    'false',
    'auto',
    'now',
    'none',
    'squash',
    'merge',
    'rebase',
    'commit',
    'pull-request',
    'workspace',
    'skip',
    'fail',
    'graphql',
    'contents',
].join('|');
function flagOf(name) {
    if (name === 'working-directory')
        return '--cwd';
    if (name === 'images')
        return '--image';
    return `--${name}`;
}
/** [pattern, replacement] in order; the first rules are the specific sentences. */
const RULES = [
    [
        /Pass one, e\.g\. token: \$\{\{ secrets\.[A-Z_]+ \}\}; an unset or misspelt secret name gives an empty value\./g,
        'Pass --token, or set GITHUB_TOKEN (or GH_TOKEN) in the environment.',
    ],
    [
        /Check the secret passed in token \(an empty or mistyped secret name gives an empty value; /g,
        'Check --token or GITHUB_TOKEN (',
    ],
    [/Set the secret to a real token/g, 'Pass a real token in --token or GITHUB_TOKEN'],
    [/Copy the secret again/g, 'Copy the token again'],
    [/Check the secret's value\./g, 'Check the value of --token or GITHUB_TOKEN.'],
    [/\$\{\{ secrets\.([A-Z_]+) \}\}/g, '$$$1'],
    [
        /bump these images together with images: in one job/g,
        'bump these images together with several --image flags in one run',
    ],
    [/leave branch empty for the default branch/g, 'leave out --branch for the default branch'],
    [/remove it from files\b/g, 'remove it from --files'],
    [/\bset allow-downgrade: true\b/g, 'pass --allow-downgrade'],
    [/\ballow-downgrade: true\b/g, '--allow-downgrade'],
    [/\bpin-digest: true\b/g, '--pin-digest'],
    [/\bdry-run: true\b/g, '--dry-run'],
    // `files: 'x' does not exist`: an input that starts a message.
    [new RegExp(`(^|\\n|: )(${NAMES}): `, 'g'), (_m, pre, name) => `${pre}${flagOf(name)}: `],
    // `merge: auto`, `mode: pull-request`: an input and one of its values.
    [
        new RegExp(`(^|[\\s(])(${NAMES}): (${VALUES})(?=[\\s).,;]|$)`, 'gm'),
        (_m, pre, name, value) => `${pre}${flagOf(name)} ${value}`,
    ],
    // `Raise max-attempts (now 3)`, `use commit-api graphql`: an input named in a sentence.
    [
        new RegExp(`\\b(Raise|raise) (${NAMES})\\b`, 'g'),
        (_m, verb, name) => `${verb} ${flagOf(name)}`,
    ],
];
/** The message in the CLI's words. */
function cliWords(message) {
    let out = message;
    for (const [pattern, replacement] of RULES)
        out = out.replace(pattern, replacement);
    return out;
}

;// CONCATENATED MODULE: ./src/cli/main.ts
// The CLI door: `gitops-bump --image REF --files GLOB[#KEYPATH] ...` on files on disk, in a
// GitHub repository (--repository owner/name) or on any git host (--repository URL). The same
// settings parser and the same run as the action; exit 0 whether or not anything changed,
// non-zero with a message for anything the user has to fix.









const USAGE = `Usage: gitops-bump --image REF [--image REF ...] --files GLOB[#KEYPATH] [--files ...] [options]

Bumps the tag (or digest) of each image wherever the files reference it, changing only the
bytes of the tag or digest: in files on disk (default), in a GitHub repository through the API
(--repository owner/name), or in any git repository (--repository URL or path).

What to bump
  --image REF            the image to deploy: registry/name:tag, name@sha256:..., name:tag@sha256:...
                         (repeat for several images, bumped together)
  --tag TAG, --digest D  the tag or digest for a bare --image name
  --files GLOB[#KEYPATH] a file or glob relative to the repository root (repeatable); #KEYPATH
                         (e.g. image-versions.yaml#data.backend) writes a key that does not name the image
  --container NAME       only containers (and compose services) with this name
  --pin-digest           give references that carry only a tag the digest too
Version policy
  --version-filter RANGE a semver range the new tag must satisfy (e.g. ^1.0.0)
  --allow-downgrade      allow a lower version than the one in the file (a rollback)
  --on-policy-violation skip|fail
                         a refused bump leaves that place as it is (skip, default) or fails
                         the whole run, writing nothing (fail)
  --on-missed warn|fail  a line that names the image but was not bumped is reported (warn,
                         default; the rest is written) or fails the run, writing nothing (fail)
  --tag-pattern REGEX    a regular expression with a named group 'version' for other tag forms
Container registry (asked before anything is written)
  --image NAME --version-filter RANGE
                         an image without a tag: deploy the newest tag the registry has in RANGE
  --verify-image         fail unless every tag (and digest) exists in the registry
  --resolve-digest       look up each tag's digest (a multi-arch image: the index digest) and
                         write tag@digest where the file pins digests (everywhere with --pin-digest)
  --registry-username U, --registry-password P
                         the login for the images' registry (default: $REGISTRY_USERNAME,
                         $REGISTRY_PASSWORD; then the Docker config of docker login; then anonymous)
  --insecure-registries HOST[:PORT]
                         a registry spoken to over plain HTTP (loopback hosts always are)
Where
  --cwd DIR              files on disk: the repository root (default: the current directory)
  --repository REPO      owner/name on GitHub, or a git URL or path on any host
  --branch NAME          the branch (default: the repository's default branch)
  --token TOKEN          GitHub token (default: $GITHUB_TOKEN, then $GH_TOKEN)
  --git-token TOKEN      token for a git https remote on another host (default: $GIT_TOKEN)
  --git-token-user USER  the user name sent with it (GitLab: oauth2; default x-access-token)
  --api-url URL          GitHub API (default: $GITHUB_API_URL or https://api.github.com)
  --graphql-url URL      GitHub GraphQL API (default: $GITHUB_GRAPHQL_URL, or derived)
How (GitHub)
  --mode commit|pull-request          default commit
  --merge auto|now|none               pull-request mode: default auto
  --merge-method squash|merge|rebase  default squash
  --pr-branch, --pr-title, --pr-body, --pr-labels, --pr-reviewers (pull-request mode)
  --close-superseded true|false       close older PRs of this tool for the same images (default true)
  --wait-for-merge DURATION           wait for the PR to merge, e.g. 10m (default 0: do not wait)
  --commit-message TEMPLATE, --commit-api graphql|contents, --max-attempts N,
  --request-timeout SECONDS
Output
  --dry-run              print a unified diff, write nothing
  --check                write nothing; exit 3 when a change is needed (pre-commit, CI drift checks)
  --json                 print the report as JSON (errors too)
  --version, --help      the version, this text

Exit status: 0 done (changed or not); 1 something must be fixed; 2 usage error (a flag or its
value); 3 --check found a change to make.`;
function describeReport(report) {
    const lines = [];
    for (const o of report.occurrences) {
        const arrow = o.verdict?.decision === 'skipped'
            ? `${o.from || '(none)'} -> ${o.to} not bumped: ${o.verdict.reason}`
            : o.changed
                ? `${o.from || '(none)'} -> ${o.to}`
                : `${o.to} (already)`;
        lines.push(`${o.file}:${o.line}  ${o.image}  ${arrow}${o.notes.length ? `  [${o.notes.join('; ')}]` : ''}`);
    }
    for (const s of report.skipped)
        if (s.filtered)
            lines.push(`${s.file}:${s.line}  ${s.image}  skipped: ${s.reason}`);
    for (const m of report.missed)
        lines.push(`${m.file}:${m.line}  ${m.image}  missed: ${m.reason}`);
    const changedFiles = report.files.filter((f) => f.changed).length;
    const changes = report.occurrences.filter((o) => o.changed).length;
    const refused = report.occurrences.filter((o) => o.verdict?.decision === 'skipped').length;
    const missedNote = report.missed.length
        ? `; ${report.missed.length} missed place${report.missed.length === 1 ? '' : 's'} (see above)`
        : '';
    const refusedNote = `${refused ? `; ${refused} refused by the version policy` : ''}${missedNote}`;
    lines.push(report.changed
        ? `${changes} change${changes === 1 ? '' : 's'} in ${changedFiles} file${changedFiles === 1 ? '' : 's'}${refusedNote}`
        : refused
            ? `no change: ${refused} refused by the version policy`
            : report.missed.length
                ? `no change${missedNote}`
                : 'no change: every file already holds the requested version');
    return `${lines.join('\n')}\n`;
}
/** The JSON change report of --json. */
function jsonReport(report, dryRun) {
    return {
        changed: report.changed,
        dryRun,
        files: report.files.filter((f) => f.changed).map((f) => f.path),
        changes: report.occurrences
            .filter((o) => o.changed)
            .map((o) => ({
            file: o.file,
            line: o.line,
            image: o.image,
            from: o.from,
            to: o.to,
            kind: o.kind,
            path: o.path,
            notes: o.notes,
        })),
        unchanged: report.occurrences
            .filter((o) => !o.changed && o.verdict?.decision !== 'skipped')
            .map((o) => ({ file: o.file, line: o.line, image: o.image, value: o.to })),
        refused: report.occurrences
            .filter((o) => o.verdict?.decision === 'skipped')
            .map((o) => ({
            file: o.file,
            line: o.line,
            image: o.image,
            from: o.from,
            to: o.to,
            reason: o.verdict?.reason,
        })),
        skipped: report.skipped.map((s) => ({
            file: s.file,
            line: s.line,
            image: s.image,
            path: s.path,
            reason: s.reason,
        })),
        missed: report.missed.map((m) => ({
            file: m.file,
            line: m.line,
            image: m.image,
            reason: m.reason,
        })),
    };
}
/** The flags, as the action's input names (the InputSource of the shared settings parser). */
function cliInputs(values, env) {
    const images = values.image ?? [];
    const flags = values;
    const get = (name) => {
        switch (name) {
            case 'image':
                return images.length === 1 ? (images[0] ?? '') : '';
            case 'working-directory':
                return values.cwd ?? '';
            case 'token':
                return values.token ?? env.GITHUB_TOKEN ?? env.GH_TOKEN ?? '';
            case 'git-token':
                return values['git-token'] ?? env.GIT_TOKEN ?? '';
            case 'registry-username':
                return values['registry-username'] ?? env.REGISTRY_USERNAME ?? '';
            case 'registry-password':
                return values['registry-password'] ?? env.REGISTRY_PASSWORD ?? '';
            case 'mode':
                return values.mode ?? (values.repository ? 'commit' : 'workspace');
            case 'dry-run':
                return values['dry-run'] || values.check ? 'true' : 'false';
        }
        const value = flags[name];
        if (typeof value === 'boolean')
            return value ? 'true' : 'false';
        if (Array.isArray(value))
            return value.join('\n');
        return value ?? '';
    };
    return {
        get,
        lines: (name) => {
            if (name === 'images')
                return images.length > 1 ? images : [];
            if (name === 'files')
                return values.files ?? [];
            return get(name)
                .split('\n')
                .map((l) => l.trim())
                .filter(Boolean);
        },
        label: (name) => name === 'working-directory' ? '--cwd' : name === 'images' ? '--image' : `--${name}`,
    };
}
/**
 * Says an error the way the CLI's output asks for: a line on stderr, or a JSON object. `written`:
 * what was written before the failure (a pull request opened, then its merge refused).
 */
function reportError(io, json, code, message, written) {
    const text = cliWords(message);
    const before = written && { operation: written.operation, ...remoteJson(written) };
    if (json)
        io.stdout(`${JSON.stringify({ error: { message: text, exitCode: code }, ...(before && { written: before }) }, null, 2)}\n`);
    else
        io.stderr(`gitops-bump: ${text}\n${code === 2 ? "Try 'gitops-bump --help' for the flags.\n" : ''}${written ? writtenLine(written) : ''}`);
    return code;
}
/** What was written before a failure, as the action's failure summary says it. */
function writtenLine(outcome) {
    const what = outcome.pull
        ? `pull request #${outcome.pull.number} (${outcome.pull.url})`
        : outcome.commit
            ? `commit ${outcome.commit.oid}`
            : undefined;
    return what ? `Written before the failure: ${what}, operation ${outcome.operation}.\n` : '';
}
function messageOf(error) {
    const message = error?.message;
    return typeof message === 'string' ? message : String(error);
}
/** Runs the CLI with the given arguments; resolves to the exit status. */
async function runCli(argv, io, env = process.env) {
    const json = argv.includes('--json');
    let args;
    try {
        args = parse(argv);
    }
    catch (error) {
        return reportError(io, json, 2, messageOf(error).split('. ')[0].replace(/\.$/, ''));
    }
    const { values } = args;
    if (values.help) {
        io.stdout(`${USAGE}\n`);
        return 0;
    }
    if (values.version) {
        io.stdout(`gitops-bump ${cliVersion()}\n`);
        return 0;
    }
    const usage = usageProblem(values, io.cwd);
    if (usage)
        return reportError(io, json, 2, usage);
    let settings;
    try {
        settings = readSettings(cliInputs(values, env), {
            ...(env.GITHUB_SERVER_URL && { serverUrl: env.GITHUB_SERVER_URL }),
        });
    }
    catch (error) {
        // readSettings does no I/O: whatever it refuses is a bad flag or flag value.
        return reportError(io, json, 2, messageOf(error));
    }
    try {
        return await runAndReport(settings, values, io, env);
    }
    catch (error) {
        // A WrittenError carries what was written (checked by shape: the CLI's start-up does not
        // load the pull-request module for it).
        const written = error?.outcome;
        return reportError(io, json, 1, messageOf(error), written);
    }
}
/** Runs the bump and prints what it did; 3 with --check when a change is needed. */
async function runAndReport(settings, values, io, env) {
    const quiet = values.json === true;
    const endpoints = endpointsFromEnv({
        ...env,
        ...(values['api-url'] && { GITHUB_API_URL: values['api-url'] }),
        ...(values['graphql-url'] && { GITHUB_GRAPHQL_URL: values['graphql-url'] }),
    });
    const result = await runBump(settings, {
        root: io.cwd,
        endpoints,
        env,
        registryLoginHint: 'run docker login first, or pass --registry-username and --registry-password (or set REGISTRY_USERNAME and REGISTRY_PASSWORD)',
        log: {
            info: (m) => {
                if (!quiet)
                    io.stderr(`${cliWords(m)}\n`);
            },
            warning: (m) => io.stderr(`warning: ${cliWords(m)}\n`),
            debug: () => { },
        },
    });
    const { report, outcome, resolutions } = result;
    for (const o of report.occurrences)
        if (o.verdict?.warning)
            io.stderr(`warning: ${o.file}:${o.line} ${o.image}: ${cliWords(o.verdict.warning)}\n`);
    if (values.json) {
        const body = {
            ...jsonReport(report, settings.dryRun),
            changed: changedOf(result, settings.dryRun),
            operation: operationOf(result, settings.dryRun),
            ...remoteJson(outcome),
            ...(resolutions && { resolved: resolutions }),
        };
        io.stdout(`${cliWords(JSON.stringify(body, null, 2))}\n`);
    }
    else {
        if (settings.dryRun && !values.check)
            io.stdout((await __nccwpck_require__.e(/* import() */ 254).then(__nccwpck_require__.bind(__nccwpck_require__, 2254))).unifiedDiff(report));
        io.stdout(cliWords(describeReport(report)));
        if (outcome)
            io.stdout(describeOutcome(outcome, settings.dryRun));
    }
    if (values.check && report.changed) {
        if (!values.json)
            io.stderr('gitops-bump: --check: a change is needed; run without --check to make it.\n');
        return 3;
    }
    return 0;
}
/** The flags that need a GitHub repository, and those that only pull-request mode uses. */
const REMOTE_FLAGS = [
    'branch',
    'token',
    'git-token',
    'git-token-user',
    'api-url',
    'graphql-url',
    'commit-message',
    'commit-api',
    'max-attempts',
    'request-timeout',
];
const PULL_FLAGS = [
    'merge',
    'merge-method',
    'pr-branch',
    'pr-title',
    'pr-body',
    'pr-labels',
    'pr-reviewers',
    'close-superseded',
    'wait-for-merge',
];
/** A flag that does not apply to the chosen mode, a missing flag, or a --cwd that is no folder. */
function usageProblem(values, cwd) {
    if (!values.image?.length)
        return '--image is required (e.g. --image ghcr.io/org/app:1.4.2).';
    if (!values.files?.length)
        return '--files is required (a path or glob, e.g. --files apps/web/*.yaml).';
    const mode = values.mode ?? (values.repository ? 'commit' : 'workspace');
    const given = (names) => names.filter((n) => values[n] !== undefined).map((n) => `--${n}`);
    if (mode === 'workspace') {
        if (values.repository)
            return `--repository does not apply to --mode workspace (files on disk); leave out --mode, or --repository.`;
        const remote = given([...REMOTE_FLAGS, ...PULL_FLAGS]);
        if (remote.length)
            return `${remote.join(', ')} ${remote.length === 1 ? 'applies' : 'apply'} to a repository (--repository), not to files on disk; add --repository owner/name, or leave ${remote.length === 1 ? 'it' : 'them'} out.`;
        if (values.cwd !== undefined) {
            const dir = (0,external_node_path_.resolve)(cwd, values.cwd);
            if (!(0,external_node_fs_.existsSync)(dir))
                return `--cwd: '${values.cwd}' does not exist (${dir}).`;
            if (!(0,external_node_fs_.statSync)(dir).isDirectory())
                return `--cwd: '${values.cwd}' is a file, not a folder.`;
        }
        return undefined;
    }
    if (values.cwd !== undefined)
        return `--cwd applies to files on disk, not to --repository ${values.repository ?? ''}; leave out one of them.`.replace(' ;', ';');
    if (mode !== 'pull-request') {
        const pull = given(PULL_FLAGS);
        if (pull.length)
            return `${pull.join(', ')} ${pull.length === 1 ? 'applies' : 'apply'} to --mode pull-request only (the mode is ${mode}).`;
    }
    return undefined;
}
/** What was written, for --json. */
function remoteJson(outcome) {
    if (!outcome)
        return {};
    return {
        branch: outcome.branch,
        ...(outcome.commit && { commit: outcome.commit }),
        ...(outcome.pull && { pullRequest: outcome.pull }),
        ...(outcome.merged !== undefined && { merged: outcome.merged }),
        ...(outcome.mergeCommit && { mergeCommit: outcome.mergeCommit }),
        ...(outcome.superseded?.length && { superseded: outcome.superseded }),
    };
}
/** What was written, as a line or two. */
function describeOutcome(outcome, dryRun) {
    // An open PR that already holds the change: say so (the report above lists it as a change).
    const held = !dryRun && outcome.operation === 'none' && outcome.pull && outcome.report.changed;
    const lines = [
        `operation: ${outcome.operation} (${held ? `pull request #${outcome.pull?.number} already holds the change` : outcome.branch})`,
    ];
    if (outcome.pull)
        lines.push(`pull request #${outcome.pull.number}: ${outcome.pull.url}`);
    if (outcome.commit)
        lines.push(`commit ${outcome.commit.oid}${outcome.commit.url ? `: ${outcome.commit.url}` : ''}`);
    return `${lines.join('\n')}\n`;
}
function parse(argv) {
    return (0,external_node_util_.parseArgs)({
        args: [...argv],
        strict: true,
        allowPositionals: false,
        options: OPTIONS,
    });
}


/***/ }),

/***/ 88:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  u2: () => (/* binding */ PolicyViolationError),
  OS: () => (/* binding */ bumpFiles),
  cI: () => (/* binding */ noChangeReason),
  F7: () => (/* binding */ refusedOccurrences)
});

// UNUSED EXPORTS: BumpError, MissedPlacesError

// EXTERNAL MODULE: ./src/engine/image-ref.ts
var image_ref = __nccwpck_require__(9323);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __nccwpck_require__(8815);
// EXTERNAL MODULE: ./src/engine/types.ts
var types = __nccwpck_require__(3171);
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
var engine_policy = __nccwpck_require__(7542);
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

/***/ 8299:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ parseBumps),
/* harmony export */   d: () => (/* binding */ InputError)
/* harmony export */ });
/* harmony import */ var _image_ref_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9323);
// Turns what the user wrote (`image`, `images`, `tag`, `digest`) into bumps, with messages
// that name the input, quote the value and say the fix.

/** Thrown for an unusable image, tag or digest; the message names the input. */
class InputError extends Error {
    constructor(message) {
        super(message);
        this.name = 'InputError';
    }
}
/**
 * Parses the references to deploy; `tag`/`digest` fill in a bare name (one image only). With
 * `bareAllowed` (a version filter is set) a name without tag or digest is kept as it is: the
 * run asks the registry for the newest tag the filter allows.
 */
function parseBumps(references, names, tag, digest, bareAllowed = false) {
    const refs = references.map((r) => r.trim()).filter((r) => r !== '' && !r.startsWith('#'));
    if (refs.length === 0)
        throw new InputError(`${names.image}: no image given. Give the reference to deploy, e.g. ghcr.io/org/app:1.4.2.`);
    if ((tag || digest) && refs.length > 1) {
        throw new InputError(`${names.tag}/${names.digest} apply to a single image, but ${refs.length} were given; write each image with its tag instead (name:tag).`);
    }
    return refs.map((value) => {
        let ref;
        try {
            ref = (0,_image_ref_js__WEBPACK_IMPORTED_MODULE_0__/* .parseReference */ .F2)(value);
        }
        catch (error) {
            if (error instanceof _image_ref_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidReferenceError */ .x_) {
                throw new InputError(`${names.image}: ${error.message} Expected a reference such as ghcr.io/org/app:1.4.2, app@sha256:<64 hex digits> or app:1.4.2@sha256:<64 hex digits>.`);
            }
            throw error;
        }
        const bump = { image: ref };
        try {
            if (tag) {
                if (ref.tag !== undefined && ref.tag !== tag)
                    throw new InputError(`${names.image} '${value}' already carries the tag '${ref.tag}', and ${names.tag} says '${tag}'; give the tag once.`);
                bump.tag = (0,_image_ref_js__WEBPACK_IMPORTED_MODULE_0__/* .validateTag */ .z7)(tag);
            }
            else if (ref.tag !== undefined)
                bump.tag = ref.tag;
            if (digest) {
                if (ref.digest !== undefined && ref.digest !== digest)
                    throw new InputError(`${names.image} '${value}' already carries a digest, and ${names.digest} gives another; give the digest once.`);
                bump.digest = (0,_image_ref_js__WEBPACK_IMPORTED_MODULE_0__/* .validateDigest */ .n2)(digest);
            }
            else if (ref.digest !== undefined)
                bump.digest = ref.digest;
        }
        catch (error) {
            if (error instanceof _image_ref_js__WEBPACK_IMPORTED_MODULE_0__/* .InvalidReferenceError */ .x_)
                throw new InputError(`${error.what === 'tag' ? names.tag : names.digest}: ${error.message}`);
            throw error;
        }
        if (bump.tag === undefined && bump.digest === undefined && !bareAllowed) {
            throw new InputError(`${names.image} '${value}' has no tag or digest to deploy. Write it as ${value}:<tag> or ${value}@sha256:<digest>, or give ${names.tag}${names.filter ? `, or set ${names.filter} (e.g. ^1.0.0) to deploy the newest tag the registry has in that range` : ''}.`);
        }
        return bump;
    });
}


/***/ }),

/***/ 283:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  "if": () => (/* binding */ FileSpecError),
  SB: () => (/* binding */ describeKind),
  Ze: () => (/* binding */ expandFileSpecs),
  af: () => (/* binding */ parseFileSpecs)
});

// UNUSED EXPORTS: checkRepositoryPath, missingPath

// EXTERNAL MODULE: ./node_modules/picomatch/index.js
var picomatch = __nccwpck_require__(4006);
var picomatch_default = /*#__PURE__*/__nccwpck_require__.n(picomatch);
// EXTERNAL MODULE: ./src/engine/types.ts
var types = __nccwpck_require__(3171);
;// CONCATENATED MODULE: ./src/engine/locators/key-path-syntax.ts

/** Default template: the new tag alone. */
const DEFAULT_TEMPLATE = '{{tag}}';
/** Parses a key path; throws with the position of what is wrong. */
function parseKeyPath(raw, template = DEFAULT_TEMPLATE) {
    const segments = [];
    let at = 0;
    const fail = (why) => {
        throw new types/* EngineError */.N(`Invalid key path '${raw}': ${why} at character ${at + 1}. Write keys separated by dots, e.g. data.backend, spec.values.image.tag, helm.parameters[name=image.tag].value or data["app.version"].`, 'key-path');
    };
    if (raw.trim() === '')
        fail('it is empty');
    while (at < raw.length) {
        const ch = raw[at];
        if (ch === '[') {
            const close = raw.indexOf(']', at);
            if (close < 0)
                fail("a '[' is not closed");
            const inner = raw.slice(at + 1, close).trim();
            if (/^[0-9]+$/.test(inner))
                segments.push({ index: Number(inner) });
            else if (/^(["']).*\1$/.test(inner))
                segments.push({ key: inner.slice(1, -1) });
            else {
                const eq = inner.indexOf('=');
                if (eq <= 0)
                    fail(`'[${inner}]' is neither an index, a quoted key nor key=value`);
                segments.push({
                    where: {
                        key: inner.slice(0, eq).trim(),
                        value: inner
                            .slice(eq + 1)
                            .trim()
                            .replace(/^(["'])(.*)\1$/, '$2'),
                    },
                });
            }
            at = close + 1;
            if (raw[at] === '.')
                at++;
            continue;
        }
        if (ch === '"' || ch === "'") {
            const close = raw.indexOf(ch, at + 1);
            if (close < 0)
                fail('a quote is not closed');
            segments.push({ key: raw.slice(at + 1, close) });
            at = close + 1;
            if (raw[at] === '.')
                at++;
            continue;
        }
        let end = at;
        while (end < raw.length && raw[end] !== '.' && raw[end] !== '[')
            end++;
        const key = raw.slice(at, end);
        if (key === '')
            fail('a key is empty');
        segments.push({ key });
        at = end;
        if (raw[at] === '.') {
            at++;
            if (at === raw.length)
                fail('it ends with a dot');
        }
    }
    return { raw, segments, template };
}

;// CONCATENATED MODULE: ./src/engine/file-specs.ts
// `files` entries: a path or glob in the target repository, optionally followed by
// `#KEYPATH` for a key that does not name the image (`image-versions.yaml#data.backend`).


/** Thrown for a `files` entry that cannot be used; the message names the entry and the fix. */
class FileSpecError extends Error {
    constructor(message) {
        super(message);
        this.name = 'FileSpecError';
    }
}
/** Checks that a repository path stays inside the repository. */
function checkRepositoryPath(path, raw) {
    const fail = (why) => {
        throw new FileSpecError(`files: '${raw}' ${why}. Give a path relative to the repository root, such as apps/web/deployment.yaml.`);
    };
    if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path))
        fail('is an absolute path');
    if (path.includes('\\'))
        fail("uses '\\'; separate folders with '/'");
    const parts = path.split('/');
    if (parts.includes('..'))
        fail("leaves the repository with '..'");
    if (parts.some((part) => part === '.git'))
        fail("points into '.git'");
    if (path.trim() === '' || path.endsWith('/'))
        fail('does not name a file');
}
/** Parses the lines of `files` (blank lines and `# comments` skipped). */
function parseFileSpecs(lines) {
    const specs = [];
    for (const line of lines) {
        const raw = line.trim();
        if (raw === '' || raw.startsWith('#'))
            continue;
        if (raw.startsWith('!')) {
            specs.push(excludeSpec(raw));
            continue;
        }
        const hash = raw.lastIndexOf('#');
        const pattern = hash > 0 ? raw.slice(0, hash) : raw;
        const spec = { raw, pattern, literal: raw, isGlob: picomatch_default().scan(pattern).isGlob };
        if (hash > 0)
            spec.keyPath = parseKeyPath(raw.slice(hash + 1));
        checkRepositoryPath(pattern, raw);
        specs.push(spec);
    }
    if (specs.length === 0)
        throw new FileSpecError('files: no file given. List at least one path or glob, one per line.');
    if (specs.every((s) => s.exclude))
        throw new FileSpecError(`files: only exclusions given (${specs.map((s) => `'${s.raw}'`).join(', ')}); a line starting with '!' removes files from what the other lines name, so list the files to edit too.`);
    return specs;
}
function excludeSpec(raw) {
    const pattern = raw.slice(1).trim();
    if (pattern.includes('#'))
        throw new FileSpecError(`files: '${raw}' excludes with a #key; an exclusion names files only, e.g. !apps/prod/**.`);
    checkRepositoryPath(pattern, raw);
    return { raw, pattern, literal: pattern, isGlob: picomatch_default().scan(pattern).isGlob, exclude: true };
}
/** Expands the specs against the repository's file list; every spec must match a file. */
function expandFileSpecs(specs, paths, describe) {
    const includes = specs.filter((s) => !s.exclude);
    const excludes = specs.filter((s) => s.exclude);
    const targets = includedTargets(includes, paths, describe);
    if (excludes.length === 0)
        return targets;
    const matchers = excludes.map((s) => ({ spec: s, isMatch: picomatch_default()(s.pattern, { dot: true }) }));
    const excludedBy = (path) => matchers.find((m) => m.isMatch(path))?.spec;
    for (const spec of includes) {
        const mine = targets.filter((t) => matchesSpec(spec, t.path));
        const by = mine.map((t) => excludedBy(t.path));
        if (mine.length > 0 && by.every(Boolean)) {
            const lines = [...new Set(by.map((s) => `'${s.raw}'`))].join(', ');
            throw new FileSpecError(`files: every file '${spec.raw}' names is excluded by ${lines} (${mine
                .map((t) => t.path)
                .slice(0, 5)
                .join(', ')}); remove the exclusion or that line.`);
        }
    }
    return targets.filter((t) => !excludedBy(t.path));
}
function matchesSpec(spec, path) {
    if (!spec.isGlob)
        return path === spec.pattern || path === spec.literal;
    return picomatch_default()(spec.pattern, { dot: true })(path);
}
function includedTargets(specs, paths, describe) {
    const known = new Set(paths);
    const targets = new Map();
    const add = (path, spec, keyPath) => {
        const target = targets.get(path) ?? { path, keyPaths: [] };
        if (keyPath) {
            if (target.keyPaths.some((k) => k.raw === keyPath.raw)) {
                throw new FileSpecError(`files: '${spec.raw}' is listed twice; list each file#key once.`);
            }
            target.keyPaths.push(keyPath);
        }
        else if (targets.has(path) && target.keyPaths.length === 0 && !spec.isGlob) {
            throw new FileSpecError(`files: '${spec.raw}' is listed twice; list each file once.`);
        }
        targets.set(path, target);
    };
    for (const spec of specs) {
        if (!spec.isGlob) {
            if (known.has(spec.pattern))
                add(spec.pattern, spec, spec.keyPath);
            else if (spec.keyPath && known.has(spec.literal))
                add(spec.literal, spec, undefined);
            else
                throw missingPath(spec, paths, describe);
            continue;
        }
        const isMatch = picomatch_default()(spec.pattern, { dot: true });
        const matched = paths.filter((path) => isMatch(path));
        if (matched.length === 0) {
            throw new FileSpecError(`files: the glob '${spec.pattern}' matches no file${nearby(spec.pattern, paths)}.`);
        }
        for (const path of matched)
            add(path, spec, spec.keyPath);
    }
    // A file named both plainly and with a key path: the key path says where to write.
    return [...targets.values()].sort((a, b) => a.path.localeCompare(b.path));
}
/** A named path that is not a file to edit: says what it is, or that it does not exist. */
function missingPath(spec, paths, describe) {
    const what = describe?.(spec.pattern);
    if (what)
        return new FileSpecError(`files: '${spec.pattern}' ${what}`);
    return new FileSpecError(`files: '${spec.pattern}' does not exist${nearby(spec.pattern, paths)}. Check the path (it is relative to the repository root).`);
}
function nearby(pattern, paths) {
    const last = pattern.split('/').pop() ?? '';
    if (picomatch_default().scan(last).isGlob) {
        // `*.yaml`: point at the files of that extension, nearest folder names first.
        const ext = /\.[A-Za-z0-9]+$/.exec(last)?.[0];
        const similar = ext ? paths.filter((path) => path.endsWith(ext)).slice(0, 5) : [];
        return similar.length ? ` (files ending in ${ext}: ${similar.join(', ')})` : '';
    }
    const similar = paths
        .filter((path) => (last && path.endsWith(`/${last}`)) || path === last)
        .slice(0, 5);
    return similar.length ? ` (files with that name: ${similar.join(', ')})` : '';
}
/** The message part for a path that is a directory, a symbolic link or a submodule. */
function describeKind(path, kind, target) {
    if (kind === 'directory')
        return `is a directory, not a file; name its files, e.g. ${path}/*.yaml`;
    if (kind === 'symlink')
        return `is a symbolic link${target ? ` to '${target}'` : ''}, not a regular file; name the file it points to, so that the link itself is not rewritten`;
    return 'is a git submodule (another repository), not a file; bump the files in that repository instead';
}


/***/ }),

/***/ 9323:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   EU: () => (/* binding */ shortName),
/* harmony export */   Ew: () => (/* binding */ canonicalName),
/* harmony export */   F2: () => (/* binding */ parseReference),
/* harmony export */   FH: () => (/* binding */ formatReference),
/* harmony export */   Pc: () => (/* binding */ normalizeName),
/* harmony export */   WF: () => (/* binding */ tryParseReference),
/* harmony export */   n2: () => (/* binding */ validateDigest),
/* harmony export */   x_: () => (/* binding */ InvalidReferenceError),
/* harmony export */   z7: () => (/* binding */ validateTag)
/* harmony export */ });
// Image references by the distribution reference grammar (github.com/distribution/reference):
//   reference := name [ ":" tag ] [ "@" digest ]
//   name      := [ domain "/" ] path-component [ "/" path-component ]*
// Docker Hub names are normalised so that `nginx`, `library/nginx`, `docker.io/library/nginx`
// and `index.docker.io/library/nginx` compare equal.
/** Thrown for a value that is not a valid image reference, tag or digest. */
class InvalidReferenceError extends Error {
    value;
    reason;
    what;
    constructor(value, reason, what = 'image reference') {
        super(`Invalid ${what} '${value}': ${reason}.`);
        this.value = value;
        this.reason = reason;
        this.what = what;
        this.name = 'InvalidReferenceError';
    }
}
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;
const IPV6_HOST = /^\[[0-9a-fA-F:.]+\]$/;
const PORT = /^[0-9]+$/;
const TAG = /^[\w][\w.-]{0,127}$/;
// The algorithm is lower case (Kubernetes refuses `SHA256:`).
const DIGEST = /^[a-z][a-z0-9]*(?:[-_+.][a-z][a-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;
// Files hold fake or shortened digests (`sha256:25a0d4` in kustomize's own examples);
// what is read from a file is matched leniently, what the user asks for strictly.
const LENIENT_DIGEST = /^[a-z][a-z0-9]*(?:[-_+.][a-z][a-z0-9]*)*:[0-9a-fA-F]+$/;
const NAME_MAX = 255;
const DOCKER_HUB = 'docker.io';
/** Parses a reference, or returns a reason why it is not one. */
function parse(value, options) {
    if (value.length === 0)
        return 'it is empty';
    if (/\s/.test(value))
        return 'it contains white space';
    let rest = value;
    let digest;
    const at = rest.indexOf('@');
    if (at >= 0) {
        digest = rest.slice(at + 1);
        rest = rest.slice(0, at);
        const ok = options.lenientDigest ? LENIENT_DIGEST.test(digest) : DIGEST.test(digest);
        if (!ok)
            return `the digest '${digest}' is not of the form sha256:<64 hex digits>`;
        if (!options.lenientDigest && digest.startsWith('sha256:') && !SHA256_DIGEST.test(digest)) {
            return `the digest '${digest}' is not of the form sha256:<64 lower-case hex digits>`;
        }
    }
    let tag;
    const lastSlash = rest.lastIndexOf('/');
    const colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
        tag = rest.slice(colon + 1);
        rest = rest.slice(0, colon);
        const tagProblem = tagError(tag);
        if (tagProblem)
            return tagProblem;
    }
    if (rest.length === 0)
        return 'the repository name is empty';
    if (rest.length > NAME_MAX)
        return `the repository name is longer than ${NAME_MAX} characters`;
    let domain;
    let path = rest;
    const slash = rest.indexOf('/');
    if (slash >= 0) {
        const first = rest.slice(0, slash);
        if (first.includes('.') ||
            first.includes(':') ||
            first === 'localhost' ||
            first !== first.toLowerCase()) {
            domain = first;
            path = rest.slice(slash + 1);
        }
    }
    if (domain !== undefined) {
        const domainProblem = domainError(domain);
        if (domainProblem)
            return domainProblem;
    }
    if (path.length === 0)
        return 'the repository path is empty';
    for (const component of path.split('/')) {
        if (!PATH_COMPONENT.test(component)) {
            if (component !== component.toLowerCase()) {
                return `the repository name '${path}' must be lower-case`;
            }
            return `the path component '${component}' must be lower-case letters and digits, separated by '.', '_', '__' or '-'`;
        }
    }
    const ref = { path, name: domain === undefined ? path : `${domain}/${path}` };
    if (domain !== undefined)
        ref.domain = domain;
    if (tag !== undefined)
        ref.tag = tag;
    if (digest !== undefined)
        ref.digest = digest;
    return ref;
}
function domainError(domain) {
    let host = domain;
    const portAt = domain.startsWith('[') ? domain.indexOf(']:') + 1 : domain.lastIndexOf(':');
    if (portAt > 0) {
        const port = domain.slice(portAt + 1);
        if (!PORT.test(port))
            return `the registry port '${port}' is not a number`;
        host = domain.slice(0, portAt);
    }
    if (IPV6_HOST.test(host))
        return undefined;
    for (const part of host.split('.')) {
        if (!DOMAIN_COMPONENT.test(part))
            return `the registry host '${host}' is not a valid host name`;
    }
    return undefined;
}
function tagError(tag) {
    if (tag.length === 0)
        return 'the tag after ":" is empty';
    if (tag.length > 128)
        return `the tag is ${tag.length} characters long; at most 128 are allowed`;
    if (!TAG.test(tag)) {
        return `the tag '${tag}' may contain only letters, digits, '_', '.' and '-', and must not start with '.' or '-'`;
    }
    return undefined;
}
/** Parses a reference given by a user; throws InvalidReferenceError that quotes the value. */
function parseReference(value) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
        throw new InvalidReferenceError(value, `it is a URL; write the reference without the scheme, e.g. ${value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')}`);
    }
    const result = parse(value, {});
    if (typeof result === 'string')
        throw new InvalidReferenceError(value, result);
    return result;
}
/** Parses a reference read from a file; undefined when the value is not a reference. */
function tryParseReference(value) {
    const result = parse(value, { lenientDigest: true });
    return typeof result === 'string' ? undefined : result;
}
/** Checks a tag given by a user; throws InvalidReferenceError that says what is wrong. */
function validateTag(tag) {
    const problem = tagError(tag);
    if (problem)
        throw new InvalidReferenceError(tag, problem, 'tag');
    return tag;
}
/** Checks a digest given by a user (`sha256:` and 64 hex digits). */
function validateDigest(digest) {
    if (!DIGEST.test(digest) || (digest.startsWith('sha256:') && !SHA256_DIGEST.test(digest))) {
        throw new InvalidReferenceError(digest, 'expected sha256: followed by 64 lower-case hex digits', 'digest');
    }
    return digest;
}
/** The canonical repository name: Docker Hub names get `docker.io/` and `library/`. */
function normalizeName(name) {
    const ref = tryParseReference(name);
    if (!ref)
        return name;
    return canonicalName(ref);
}
/** The canonical name of a parsed reference (see normalizeName). */
function canonicalName(ref) {
    // Registry hosts compare case-insensitively (`GHCR.io` is `ghcr.io`); paths exactly.
    let domain = ref.domain?.toLowerCase() ?? DOCKER_HUB;
    if (domain === 'index.docker.io' || domain === 'registry-1.docker.io')
        domain = DOCKER_HUB;
    let path = ref.path;
    if (domain === DOCKER_HUB && !path.includes('/'))
        path = `library/${path}`;
    return `${domain}/${path}`;
}
/** The last path component, which every spelling of the image contains (used to skip text fast). */
function shortName(ref) {
    const parts = ref.path.split('/');
    return parts[parts.length - 1] ?? ref.path;
}
/** Writes a reference back as text. */
function formatReference(ref) {
    return `${ref.name}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}


/***/ }),

/***/ 7542:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   RQ: () => (/* binding */ tagVersion),
/* harmony export */   S4: () => (/* binding */ judge),
/* harmony export */   hM: () => (/* binding */ checkPolicy)
/* harmony export */ });
/* unused harmony export PolicyError */
/* harmony import */ var semver_functions_compare_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8469);
/* harmony import */ var semver_functions_compare_js__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(semver_functions_compare_js__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6353);
/* harmony import */ var semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var semver_functions_satisfies_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8011);
/* harmony import */ var semver_functions_satisfies_js__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(semver_functions_satisfies_js__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var semver_ranges_valid_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(4737);
/* harmony import */ var semver_ranges_valid_js__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(semver_ranges_valid_js__WEBPACK_IMPORTED_MODULE_3__);




/** An invalid policy: the message names the input, quotes the value and says the fix. */
class PolicyError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PolicyError';
    }
}
const MUTABLE_TAGS = new Set(['latest', 'stable', 'main', 'master', 'edge', 'nightly', 'dev']);
const PREFIX = /^[vV]\.?/;
const PATTERN_EXAMPLE = '^release-(?<version>\\d+\\.\\d+\\.\\d+)$';
const compiled = new Map();
/** Whether a RegExp source has a named group `version` (outside character classes and escapes). */
function hasVersionGroup(source) {
    let inClass = false;
    for (let i = 0; i < source.length; i++) {
        const c = source[i];
        if (c === '\\') {
            i++;
        }
        else if (inClass) {
            if (c === ']')
                inClass = false;
        }
        else if (c === '[') {
            inClass = true;
        }
        else if (source.startsWith('(?<version>', i)) {
            return true;
        }
    }
    return false;
}
/** Compiles (once) and anchors a tag pattern; throws PolicyError when it is unusable. */
function compilePattern(source, input = 'tag-pattern') {
    const cached = compiled.get(source);
    if (cached)
        return cached;
    try {
        new RegExp(source);
    }
    catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new PolicyError(`${input}: '${source}' is not a valid regular expression (${detail}). ` +
            `Fix the pattern, e.g. '${PATTERN_EXAMPLE}'.`);
    }
    if (!hasVersionGroup(source)) {
        throw new PolicyError(`${input}: '${source}' has no named group 'version'. ` +
            `Capture the version with (?<version>...), e.g. '${PATTERN_EXAMPLE}'.`);
    }
    const anchored = new RegExp(`^(?:${source})$`);
    compiled.set(source, anchored);
    return anchored;
}
/** Parses one version text: optional v/V/v./V. prefix, then a strict full semantic version. */
function parseVersion(text) {
    const rest = text.replace(PREFIX, '');
    if (!/^\d/.test(rest) || /\s/.test(rest))
        return undefined;
    return semver_functions_parse_js__WEBPACK_IMPORTED_MODULE_1___default()(rest) ?? undefined;
}
/** Parses a tag to a semver version using the default recognised forms, or the custom pattern. Returns undefined for unordered tags. */
function tagVersion(tag, tagPattern) {
    if (tagPattern === undefined)
        return parseVersion(tag);
    const groups = compilePattern(tagPattern).exec(tag)?.groups;
    const captured = groups?.version;
    return captured === undefined ? undefined : parseVersion(captured);
}
function blank(value) {
    return value === undefined || value.trim() === '';
}
/** Validates a policy (bad range, bad regex, regex without a `version` group); throws PolicyError whose message names the input (`version-filter` / `tag-pattern`), quotes the bad value and says the fix. */
function checkPolicy(policy, inputs = {
    filter: 'version-filter',
    tagPattern: 'tag-pattern',
}) {
    const { filter, tagPattern } = policy;
    if (!blank(filter) && semver_ranges_valid_js__WEBPACK_IMPORTED_MODULE_3___default()(filter) === null) {
        throw new PolicyError(`${inputs.filter}: '${filter}' is not a valid semver range. ` +
            `Use a range such as '^1.0.0', '~1.4.0' or '>=1.0.0-rc.0 <2.0.0'.`);
    }
    if (tagPattern !== undefined)
        compilePattern(tagPattern, inputs.tagPattern);
}
function split(value) {
    const at = value.indexOf('@');
    if (at >= 0)
        return { tag: value.slice(0, at), digest: value.slice(at + 1) };
    // A tag cannot hold `:`; a value with one is a bare digest (`sha256:…`).
    if (value.includes(':'))
        return { tag: '', digest: value };
    return { tag: value };
}
/** A value as shown in reasons: digests shortened to 12 hex digits. */
function show(value) {
    if (value === '')
        return '(none)';
    return value.replace(/([a-z0-9]+:[0-9a-fA-F]{12})[0-9a-fA-F]+/g, '$1…');
}
/** Judges one occurrence: its current tag (may be '' when none) and the new tag. */
function judge(current, next, policy) {
    checkPolicy(policy);
    if (current === next)
        return { decision: 'unchanged', reason: `${show(next)}: already set` };
    const filter = blank(policy.filter) ? undefined : policy.filter;
    const cur = split(current);
    const nxt = split(next);
    const curVersion = cur.tag === '' ? undefined : tagVersion(cur.tag, policy.tagPattern);
    const nxtVersion = nxt.tag === '' ? undefined : tagVersion(nxt.tag, policy.tagPattern);
    const mutable = nxt.tag !== '' && MUTABLE_TAGS.has(nxt.tag.toLowerCase());
    const from = show(current);
    const to = show(next);
    // What the new value is when it is not a version.
    const notVersion = nxt.tag === ''
        ? `${to} is a digest, not a version (unordered)`
        : mutable
            ? `'${nxt.tag}' is a mutable tag, not a version (unordered)`
            : `${to} is not a version (unordered tag)`;
    if (filter !== undefined) {
        if (nxtVersion === undefined) {
            return {
                decision: 'skipped',
                reason: `${notVersion}; the filter ${filter} lets only versions pass`,
            };
        }
        if (!semver_functions_satisfies_js__WEBPACK_IMPORTED_MODULE_2___default()(nxtVersion, filter)) {
            return { decision: 'skipped', reason: `${to} is outside the filter ${filter}` };
        }
    }
    if (mutable && nxt.digest === undefined) {
        const sentence = `'${nxt.tag}' is a mutable tag: GitOps tools see no change when it moves`;
        return {
            decision: 'bumped',
            reason: sentence,
            warning: `${sentence}. Pin an immutable tag (a version such as 1.4.2) or a digest instead.`,
        };
    }
    if (current === '')
        return { decision: 'bumped', reason: `(none) → ${to}: first tag` };
    if (nxtVersion === undefined) {
        return { decision: 'bumped', reason: `${notVersion}: allowed` };
    }
    if (curVersion === undefined) {
        const what = cur.tag === '' ? 'is a digest, not a version' : 'is not a version';
        return {
            decision: 'bumped',
            reason: `${from} → ${to}: current ${from} ${what} (unordered), no ordering check: allowed`,
        };
    }
    const order = semver_functions_compare_js__WEBPACK_IMPORTED_MODULE_0___default()(nxtVersion, curVersion);
    if (order > 0)
        return { decision: 'bumped', reason: `${from} → ${to}: newer version` };
    if (order < 0) {
        if (policy.allowDowngrade) {
            return { decision: 'bumped', reason: `rollback from ${from} to ${to}` };
        }
        return {
            decision: 'skipped',
            reason: `${to} is lower than ${from}; set allow-downgrade: true to roll back`,
        };
    }
    const difference = cur.tag === nxt.tag
        ? 'same tag, different digest'
        : curVersion.build.join('.') !== nxtVersion.build.join('.')
            ? 'different build metadata'
            : 'different form';
    return { decision: 'bumped', reason: `${from} → ${to}: equal version, ${difference}` };
}


/***/ }),

/***/ 3171:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   N: () => (/* binding */ EngineError)
/* harmony export */ });
/** Refusals of the engine: the file does not parse, or an edit could not be made safely. */
class EngineError extends Error {
    code;
    constructor(message, code) {
        super(message);
        this.code = code;
        this.name = 'EngineError';
    }
}


/***/ }),

/***/ 5384:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   gr: () => (/* binding */ isDockerHub),
/* harmony export */   lU: () => (/* binding */ allowsPlainHttp),
/* harmony export */   x5: () => (/* binding */ locate)
/* harmony export */ });
/* unused harmony exports DOCKER_HUB_REGISTRY, hostName, isLoopback */
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
/** The host the Docker Hub registry API is served from. */
const DOCKER_HUB_REGISTRY = 'registry-1.docker.io';
/** True for Docker Hub's host names. */
function isDockerHub(host) {
    return DOCKER_HUB_HOSTS.has(host.toLowerCase());
}
/** The host without its port: `127.0.0.1:5000` → `127.0.0.1`, `[::1]:5000` → `[::1]`. */
function hostName(host) {
    if (host.startsWith('['))
        return host.slice(0, host.indexOf(']') + 1);
    const colon = host.lastIndexOf(':');
    return colon >= 0 ? host.slice(0, colon) : host;
}
/** localhost, 127.0.0.0/8 and [::1]: the only hosts spoken to over plain HTTP by default. */
function isLoopback(host) {
    const name = hostName(host).toLowerCase();
    return (name === 'localhost' ||
        name === '[::1]' ||
        /^127\.(?:25[0-5]|2[0-4]\d|1?\d?\d)\.(?:25[0-5]|2[0-4]\d|1?\d?\d)\.(?:25[0-5]|2[0-4]\d|1?\d?\d)$/.test(name));
}
/** Whether `host` may be spoken to over plain HTTP: loopback, or named in `insecure`. */
function allowsPlainHttp(host, insecure) {
    if (isLoopback(host))
        return true;
    const lower = host.toLowerCase();
    return insecure.some((entry) => {
        const e = entry.toLowerCase();
        return e === lower || e === hostName(lower);
    });
}
/** The registry repository of an image reference. */
function locate(ref, insecure = []) {
    const domain = ref.domain;
    if (domain === undefined || isDockerHub(domain)) {
        const repository = ref.path.includes('/') ? ref.path : `library/${ref.path}`;
        return {
            host: DOCKER_HUB_REGISTRY,
            repository,
            base: `https://${DOCKER_HUB_REGISTRY}`,
            image: ref.name,
        };
    }
    const scheme = allowsPlainHttp(domain, insecure) ? 'http' : 'https';
    return { host: domain, repository: ref.path, base: `${scheme}://${domain}`, image: ref.name };
}


/***/ }),

/***/ 517:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ exitWhenFlushed)
/* harmony export */ });
// Ends the process as soon as a run is done and its output is written. Left to itself, node
// waits at exit for V8 to finish optimising fetch's WebAssembly HTTP parser in the background
// (about 90 ms after any GitHub run, for code that will never run again).
/** Resolves once everything written to `stream` so far has been handed to the OS. */
function flushed(stream) {
    return new Promise((resolve) => {
        if (stream.writableLength === 0)
            resolve();
        else
            stream.write('', () => resolve());
    });
}
/** Exits with `process.exitCode` after stdout and stderr are flushed (pipes are asynchronous on macOS). */
async function exitWhenFlushed() {
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    process.exit();
}


/***/ }),

/***/ 7596:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   SR: () => (/* binding */ namedPaths),
/* harmony export */   Vv: () => (/* binding */ readPaths)
/* harmony export */ });
/* unused harmony export firstSnapshotQuery */
/* harmony import */ var _engine_file_specs_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(283);
// The first question a GitHub commit run asks (the snapshot query of the files it names), when
// the settings alone decide it: no glob to list first, no registry to ask first. The commit flow
// (remote.ts) asks exactly this; the action's entry sends it early (src/action/start.ts), before
// the rest of the action loads, so that the network wait and the loading overlap.


/** The paths the specs name without a glob: each pattern, and the literal of a `file#key`. */
function namedPaths(specs) {
    const paths = new Set();
    for (const spec of specs.filter((s) => !s.isGlob && !s.exclude)) {
        paths.add(spec.pattern);
        if (spec.keyPath)
            paths.add(spec.literal);
    }
    return [...paths];
}
/** What a round reads: the targets, and the literal of each `file#key` (a name with a '#'). */
function readPaths(targets, specs) {
    const paths = new Set(targets.map((t) => t.path));
    for (const spec of specs)
        if (spec.keyPath && !spec.isGlob)
            paths.add(spec.literal);
    return [...paths];
}
/** The commit flow's first snapshot question, when known before any request; else undefined. */
function firstSnapshotQuery(settings) {
    const remote = settings.remote;
    if (remote?.kind !== 'github' || remote.mode !== 'commit')
        return undefined;
    const registry = {
        verify: settings.registry.verify,
        resolveDigest: settings.registry.resolveDigest,
    };
    if (needsRegistry(settings.bumps, registry))
        return undefined;
    if (settings.files.some((s) => s.isGlob && !s.exclude))
        return undefined;
    let targets;
    try {
        targets = expandFileSpecs(settings.files, namedPaths(settings.files));
    }
    catch {
        return undefined; // the flow reports it, in its own words
    }
    return {
        repo: remote.repo,
        ...(remote.branch !== undefined && { branch: remote.branch }),
        paths: readPaths(targets, settings.files),
    };
}


/***/ }),

/***/ 492:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Kb: () => (/* binding */ DEFAULT_COMMIT_MESSAGE),
  SK: () => (/* binding */ DEFAULT_PR_TITLE),
  BU: () => (/* binding */ checkTemplate),
  df: () => (/* binding */ commitMessage),
  pm: () => (/* binding */ defaultPullBody),
  Ve: () => (/* binding */ defaultPullBranch),
  rY: () => (/* binding */ markedImages),
  m_: () => (/* binding */ placeholderValues),
  Yp: () => (/* binding */ pullMarker),
  XX: () => (/* binding */ render)
});

// UNUSED EXPORTS: PLACEHOLDERS

;// CONCATENATED MODULE: external "node:module"
const external_node_module_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");
// EXTERNAL MODULE: ./src/engine/bumps.ts
var bumps = __nccwpck_require__(8299);
// EXTERNAL MODULE: ./src/engine/image-ref.ts
var image_ref = __nccwpck_require__(9323);
;// CONCATENATED MODULE: ./src/run/messages.ts
// Commit messages, pull-request titles and bodies (templates with {{placeholders}}), and the
// deterministic pull-request branch name. Pure.



/**
 * node:crypto's sha256, loaded on first use: only GitHub runs name a pull-request branch, and a
 * start that loads crypto pays for its whole module tree (streams, keys, ciphers).
 */
function sha256() {
    const crypto = (0,external_node_module_namespaceObject.createRequire)(import.meta.url)('node:crypto');
    return crypto.createHash('sha256');
}
/** The placeholders a template may use, and what each becomes. */
const PLACEHOLDERS = {
    image: 'the first image name, e.g. ghcr.io/org/app',
    name: 'its last path component, e.g. app',
    tag: 'its new tag (or digest)',
    'previous-tag': 'its tag before the bump',
    images: 'every image and its new tag: "app to 1.4.2, api to 2.0.0"',
    files: 'the changed files, comma-separated',
    changes: 'one line per change: "- file:line image old → new"',
};
/** The default commit message: a headline and a list of the changes. */
const DEFAULT_COMMIT_MESSAGE = 'Bump {{images}}\n\n{{changes}}';
/** The default pull-request title. */
const DEFAULT_PR_TITLE = 'Bump {{images}}';
/** Checks that a template uses only known placeholders. */
function checkTemplate(input, template) {
    for (const match of template.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g)) {
        const name = match[1] ?? '';
        if (!(name in PLACEHOLDERS)) {
            throw new bumps/* InputError */.d(`${input}: unknown placeholder '{{${name}}}' in '${template.split('\n')[0]}'. Use ${Object.keys(PLACEHOLDERS)
                .map((p) => `{{${p}}}`)
                .join(', ')}.`);
        }
    }
}
function newValue(bump) {
    return bump.tag ?? bump.digest ?? '';
}
/** The values of the placeholders for a report. */
function placeholderValues(report, bumps) {
    const first = bumps[0];
    const changed = report.occurrences.filter((o) => o.changed);
    const previous = first
        ? (changed.find((o) => o.image === first.image.name)?.from ??
            report.occurrences.find((o) => o.image === first.image.name)?.from ??
            '')
        : '';
    const moved = bumps.filter((b) => changed.some((o) => o.image === b.image.name));
    const listed = moved.length > 0 ? moved : bumps;
    return {
        image: first?.image.name ?? '',
        name: first ? (0,image_ref/* shortName */.EU)(first.image) : '',
        tag: first ? newValue(first) : '',
        'previous-tag': previous,
        images: listed.map((b) => `${(0,image_ref/* shortName */.EU)(b.image)} to ${newValue(b)}`).join(', '),
        files: report.files
            .filter((f) => f.changed)
            .map((f) => f.path)
            .join(', '),
        changes: changed
            .map((o) => `- ${o.file}:${o.line} ${o.image} ${o.from || '(none)'} → ${o.to}`)
            .join('\n'),
    };
}
/** Fills a template's placeholders. */
function render(template, values) {
    return template.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (whole, name) => values[name] ?? whole);
}
/** A commit message split as GitHub's createCommitOnBranch takes it. */
function commitMessage(template, report, bumps) {
    const text = render(template, placeholderValues(report, bumps)).replace(/\r\n/g, '\n');
    const [headline = '', ...rest] = text.split('\n');
    return {
        headline: headline.trim() || `Bump ${placeholderValues(report, bumps).images}`,
        body: rest.join('\n').replace(/^\n+|\s+$/g, ''),
    };
}
function cell(text) {
    return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
/** The default pull-request body: a table of the changes, and where the bump came from. */
function defaultPullBody(report, runUrl) {
    const rows = report.occurrences
        .filter((o) => o.changed)
        .map((o) => `| ${cell(`${o.file}:${o.line}`)} | ${cell(o.image)} | ${cell(o.from || '(none)')} | ${cell(o.to)} |`);
    return [
        '| file | image | from | to |',
        '| --- | --- | --- | --- |',
        ...rows,
        '',
        runUrl ? `Opened by [gitops-bump](${runUrl}).` : 'Opened by gitops-bump.',
        '',
    ].join('\n');
}
/**
 * The pull-request branch: one per image set, target branch, files and container, so that
 * reruns and newer builds of the same images update the same pull request.
 */
function defaultPullBranch(bumps, scope) {
    const names = bumps.map((b) => b.image.name).sort();
    const hash = sha256()
        .update(JSON.stringify({
        names,
        branch: scope.branch ?? '',
        files: [...scope.files].sort(),
        container: scope.container ?? '',
    }))
        .digest('hex')
        .slice(0, 8);
    const first = bumps[0] ? (0,image_ref/* shortName */.EU)(bumps[0].image) : 'images';
    const slug = first
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')
        .replace(/^[-.]+|[-.]+$/g, '')
        .slice(0, 40);
    const more = bumps.length > 1 ? `-and-${bumps.length - 1}-more` : '';
    return `gitops-bump/${slug || 'image'}${more}-${hash}`;
}
/**
 * The marker at the end of every pull-request body this action writes: the images it bumps, so
 * that a later run can tell its own older pull requests for the same images (to supersede them).
 */
function pullMarker(bumps) {
    const names = [...new Set(bumps.map((b) => b.image.name))].sort();
    return `<!-- gitops-bump images: ${names.join(' ')} -->`;
}
/** The images a body's marker names; undefined when the body has no marker (not this action's). */
function markedImages(body) {
    const match = /<!-- gitops-bump images: ([^>]*?) -->/.exec(body);
    return match ? match[1].split(' ').filter(Boolean) : undefined;
}


/***/ }),

/***/ 8525:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.r(__webpack_exports__);
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   changes: () => (/* binding */ changes),
/* harmony export */   noChangeOperation: () => (/* binding */ noChangeOperation),
/* harmony export */   readAndBump: () => (/* binding */ readAndBump)
/* harmony export */ });
/* harmony import */ var _engine_bump_files_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(88);
/* harmony import */ var _engine_file_specs_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(283);
/* harmony import */ var _first_read_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(7596);
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

/***/ 4788:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $P: () => (/* binding */ webCommitUrl),
/* harmony export */   Fn: () => (/* binding */ urlSecrets),
/* harmony export */   Pl: () => (/* binding */ safeUrl),
/* harmony export */   m8: () => (/* binding */ isGitUrl),
/* harmony export */   tf: () => (/* binding */ tokenHeader),
/* harmony export */   vH: () => (/* binding */ isInsecureRemote)
/* harmony export */ });
// Git remote addresses: telling a git URL or path from a GitHub `owner/name`, writing one into a
// message without its credentials, building a commit's web address for well-known hosts, and
// the scoped `http.<origin>/.extraHeader` that carries a token. Pure.
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
/**
 * True when `repository` names a git remote rather than a GitHub `owner/name`: any `scheme://`
 * URL (https, http, ssh, git, file, …), scp-like `user@host:path`, an absolute path, a `./` or
 * `../` relative path, or anything ending in `.git`.
 */
function isGitUrl(repository) {
    const value = repository.trim();
    if (value === '')
        return false;
    if (SCHEME.test(value))
        return true;
    if (/^[^\s/@:]+@[^\s/:]+:/.test(value))
        return true;
    if (value === '.' || value === '..')
        return true;
    if (value.startsWith('/') || value.startsWith('./') || value.startsWith('../'))
        return true;
    if (/^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\'))
        return true;
    return /\.git\/?$/i.test(value);
}
/** A URL's parts that must never be shown: the user-info and the password, raw and decoded. */
function urlSecrets(url) {
    const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/]*)@/.exec(url);
    if (!match?.[1])
        return [];
    const userinfo = match[1];
    const colon = userinfo.indexOf(':');
    const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
    const secrets = [];
    // Over http(s) a lone user name is often a token (https://TOKEN@host/…); over ssh it is `git`.
    if (colon >= 0 || scheme !== 'ssh')
        secrets.push(userinfo);
    if (colon >= 0)
        secrets.push(userinfo.slice(colon + 1));
    for (const secret of [...secrets]) {
        try {
            const decoded = decodeURIComponent(secret);
            if (decoded !== secret)
                secrets.push(decoded);
        }
        catch {
            // not percent-encoded
        }
    }
    return secrets.filter((s) => s.length > 0);
}
/**
 * The URL as it may be shown: `https://user:pass@host/x.git` → `https://host/x.git`. An ssh user
 * name (`ssh://git@host/…`) is kept; its password, if any, is not.
 */
function safeUrl(url) {
    const match = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/]*)@(.*)$/s.exec(url);
    if (!match)
        return url;
    const [, scheme = '', userinfo = '', rest = ''] = match;
    if (scheme.toLowerCase() === 'ssh://') {
        const user = userinfo.split(':')[0] ?? '';
        return user ? `${scheme}${user}@${rest}` : `${scheme}${rest}`;
    }
    return `${scheme}${rest}`;
}
/** Host and repository path of a remote on a well-known host, or undefined. */
function hostAndPath(url) {
    const value = url.trim();
    const web = /^(?:https?|ssh|git):\/\/(?:[^/]*@)?([^/:]+)(?::\d+)?\/(.+)$/i.exec(value);
    const scp = /^[^\s/@:]+@([^\s/:]+):(?!\/\/)(.+)$/.exec(value);
    const match = web ?? scp;
    if (!match?.[1] || !match[2])
        return undefined;
    const path = match[2]
        .replace(/[?#].*$/, '')
        .replace(/\/+$/, '')
        .replace(/\.git$/i, '')
        .replace(/^\/+/, '');
    if (!/^[\w.-]+(\/[\w.-]+)+$/.test(path))
        return undefined;
    return { host: match[1].toLowerCase(), path };
}
/**
 * The web address of a commit for remotes on github.com, gitlab.com and bitbucket.org; '' for
 * any other host (a self-hosted server's web address cannot be told from its git URL).
 */
function webCommitUrl(url, oid) {
    const where = hostAndPath(url);
    if (!where)
        return '';
    switch (where.host) {
        case 'github.com':
            return `https://github.com/${where.path}/commit/${oid}`;
        case 'gitlab.com':
            return `https://gitlab.com/${where.path}/-/commit/${oid}`;
        case 'bitbucket.org':
            return `https://bitbucket.org/${where.path}/commits/${oid}`;
        default:
            return '';
    }
}
/**
 * The extra header that authenticates git over http(s) with a token, as HTTP Basic with the user
 * `tokenUser` (`x-access-token` for GitHub, `oauth2` for GitLab, `x-token-auth` for Bitbucket).
 * Undefined for remotes that are not http(s) (ssh, file, paths): those use their own credentials.
 */
function tokenHeader(url, token, tokenUser) {
    if (!/^https?:\/\//i.test(url.trim()))
        return undefined;
    let scope = 'http.extraHeader';
    try {
        const parsed = new URL(url.trim());
        scope = `http.${parsed.protocol}//${parsed.host}/.extraHeader`;
    }
    catch {
        // Unparsable: send it to whatever git connects to.
    }
    const encoded = Buffer.from(`${tokenUser}:${token}`, 'utf8').toString('base64');
    return { key: scope, value: `Authorization: Basic ${encoded}`, secrets: [token, encoded] };
}
/** True for a plain-http URL to a host other than this machine (a token would travel in clear). */
function isInsecureRemote(url) {
    try {
        const parsed = new URL(url.trim());
        if (parsed.protocol !== 'http:')
            return false;
        return !['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 7349:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveBlockMap = __nccwpck_require__(7103);
var resolveBlockSeq = __nccwpck_require__(334);
var resolveFlowCollection = __nccwpck_require__(3142);

function resolveCollection(CN, ctx, token, onError, tagName, tag) {
    const coll = token.type === 'block-map'
        ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag)
        : token.type === 'block-seq'
            ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag)
            : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
    const Coll = coll.constructor;
    // If we got a tagName matching the class, or the tag name is '!',
    // then use the tagName from the node class used to create it.
    if (tagName === '!' || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
    }
    if (tagName)
        coll.tag = tagName;
    return coll;
}
function composeCollection(CN, ctx, token, props, onError) {
    const tagToken = props.tag;
    const tagName = !tagToken
        ? null
        : ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg));
    if (token.type === 'block-seq') {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken
            ? anchor.offset > tagToken.offset
                ? anchor
                : tagToken
            : (anchor ?? tagToken);
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
            const message = 'Missing newline after block sequence props';
            onError(lastProp, 'MISSING_CHAR', message);
        }
    }
    const expType = token.type === 'block-map'
        ? 'map'
        : token.type === 'block-seq'
            ? 'seq'
            : token.start.source === '{'
                ? 'map'
                : 'seq';
    // shortcut: check if it's a generic YAMLMap or YAMLSeq
    // before jumping into the custom tag logic.
    if (!tagToken ||
        !tagName ||
        tagName === '!' ||
        (tagName === YAMLMap.YAMLMap.tagName && expType === 'map') ||
        (tagName === YAMLSeq.YAMLSeq.tagName && expType === 'seq')) {
        return resolveCollection(CN, ctx, token, onError, tagName);
    }
    let tag = ctx.schema.tags.find(t => t.tag === tagName && t.collection === expType);
    if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
            ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
            tag = kt;
        }
        else {
            if (kt) {
                onError(tagToken, 'BAD_COLLECTION_TYPE', `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? 'scalar'}`, true);
            }
            else {
                onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, true);
            }
            return resolveCollection(CN, ctx, token, onError, tagName);
        }
    }
    const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
    const res = tag.resolve?.(coll, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg), ctx.options) ?? coll;
    const node = identity.isNode(res)
        ? res
        : new Scalar.Scalar(res);
    node.range = coll.range;
    node.tag = tagName;
    if (tag?.format)
        node.format = tag.format;
    return node;
}

exports.composeCollection = composeCollection;


/***/ }),

/***/ 3683:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Document = __nccwpck_require__(3021);
var composeNode = __nccwpck_require__(5937);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);

function composeDoc(options, directives, { offset, start, value, end }, onError) {
    const opts = Object.assign({ _directives: directives }, options);
    const doc = new Document.Document(undefined, opts);
    const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
    };
    const props = resolveProps.resolveProps(start, {
        indicator: 'doc-start',
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
    });
    if (props.found) {
        doc.directives.docStart = true;
        if (value &&
            (value.type === 'block-map' || value.type === 'block-seq') &&
            !props.hasNewline)
            onError(props.end, 'MISSING_CHAR', 'Block collection cannot start on same line with directives-end marker');
    }
    // @ts-expect-error If Contents is set, let's trust the user
    doc.contents = value
        ? composeNode.composeNode(ctx, value, props, onError)
        : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
    const contentEnd = doc.contents.range[2];
    const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
    if (re.comment)
        doc.comment = re.comment;
    doc.range = [offset, contentEnd, re.offset];
    return doc;
}

exports.composeDoc = composeDoc;


/***/ }),

/***/ 5937:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var composeCollection = __nccwpck_require__(7349);
var composeScalar = __nccwpck_require__(5413);
var resolveEnd = __nccwpck_require__(7788);
var utilEmptyScalarPosition = __nccwpck_require__(2599);

const CN = { composeNode, composeEmptyNode };
function composeNode(ctx, token, props, onError) {
    const atKey = ctx.atKey;
    const { spaceBefore, comment, anchor, tag } = props;
    let node;
    let isSrcToken = true;
    switch (token.type) {
        case 'alias':
            node = composeAlias(ctx, token, onError);
            if (anchor || tag)
                onError(token, 'ALIAS_PROPS', 'An alias node must not specify any properties');
            break;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'block-scalar':
            node = composeScalar.composeScalar(ctx, token, tag, onError);
            if (anchor)
                node.anchor = anchor.source.substring(1);
            break;
        case 'block-map':
        case 'block-seq':
        case 'flow-collection':
            try {
                node = composeCollection.composeCollection(CN, ctx, token, props, onError);
                if (anchor)
                    node.anchor = anchor.source.substring(1);
            }
            catch (error) {
                // Almost certainly here due to a stack overflow
                const message = error instanceof Error ? error.message : String(error);
                onError(token, 'RESOURCE_EXHAUSTION', message);
            }
            break;
        default: {
            const message = token.type === 'error'
                ? token.message
                : `Unsupported token (type: ${token.type})`;
            onError(token, 'UNEXPECTED_TOKEN', message);
            isSrcToken = false;
        }
    }
    node ?? (node = composeEmptyNode(ctx, token.offset, undefined, null, props, onError));
    if (anchor && node.anchor === '')
        onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    if (atKey &&
        ctx.options.stringKeys &&
        (!identity.isScalar(node) ||
            typeof node.value !== 'string' ||
            (node.tag && node.tag !== 'tag:yaml.org,2002:str'))) {
        const msg = 'With stringKeys, all keys must be strings';
        onError(tag ?? token, 'NON_STRING_KEY', msg);
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        if (token.type === 'scalar' && token.source === '')
            node.comment = comment;
        else
            node.commentBefore = comment;
    }
    // @ts-expect-error Type checking misses meaning of isSrcToken
    if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
    return node;
}
function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
    const token = {
        type: 'scalar',
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ''
    };
    const node = composeScalar.composeScalar(ctx, token, tag, onError);
    if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === '')
            onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        node.comment = comment;
        node.range[2] = end;
    }
    return node;
}
function composeAlias({ options }, { offset, source, end }, onError) {
    const alias = new Alias.Alias(source.substring(1));
    if (alias.source === '')
        onError(offset, 'BAD_ALIAS', 'Alias cannot be an empty string');
    if (alias.source.endsWith(':'))
        onError(offset + source.length - 1, 'BAD_ALIAS', 'Alias ending in : is ambiguous', true);
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
    alias.range = [offset, valueEnd, re.offset];
    if (re.comment)
        alias.comment = re.comment;
    return alias;
}

exports.composeEmptyNode = composeEmptyNode;
exports.composeNode = composeNode;


/***/ }),

/***/ 5413:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);

function composeScalar(ctx, token, tagToken, onError) {
    const { value, type, comment, range } = token.type === 'block-scalar'
        ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError)
        : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
    const tagName = tagToken
        ? ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg))
        : null;
    let tag;
    if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
    }
    else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
    else if (token.type === 'scalar')
        tag = findScalarTagByTest(ctx, value, token, onError);
    else
        tag = ctx.schema[identity.SCALAR];
    let scalar;
    try {
        const res = tag.resolve(value, msg => onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg);
        scalar = new Scalar.Scalar(value);
    }
    scalar.range = range;
    scalar.source = value;
    if (type)
        scalar.type = type;
    if (tagName)
        scalar.tag = tagName;
    if (tag.format)
        scalar.format = tag.format;
    if (comment)
        scalar.comment = comment;
    return scalar;
}
function findScalarTagByName(schema, value, tagName, tagToken, onError) {
    if (tagName === '!')
        return schema[identity.SCALAR]; // non-specific tag
    const matchWithTest = [];
    for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
            if (tag.default && tag.test)
                matchWithTest.push(tag);
            else
                return tag;
        }
    }
    for (const tag of matchWithTest)
        if (tag.test?.test(value))
            return tag;
    const kt = schema.knownTags[tagName];
    if (kt && !kt.collection) {
        // Ensure that the known tag is available for stringifying,
        // but does not get used by default.
        schema.tags.push(Object.assign({}, kt, { default: false, test: undefined }));
        return kt;
    }
    onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, tagName !== 'tag:yaml.org,2002:str');
    return schema[identity.SCALAR];
}
function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
    const tag = schema.tags.find(tag => (tag.default === true || (atKey && tag.default === 'key')) &&
        tag.test?.test(value)) || schema[identity.SCALAR];
    if (schema.compat) {
        const compat = schema.compat.find(tag => tag.default && tag.test?.test(value)) ??
            schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
            const ts = directives.tagString(tag.tag);
            const cs = directives.tagString(compat.tag);
            const msg = `Value may be parsed as either ${ts} or ${cs}`;
            onError(token, 'TAG_RESOLVE_FAILED', msg, true);
        }
    }
    return tag;
}

exports.composeScalar = composeScalar;


/***/ }),

/***/ 9984:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var directives = __nccwpck_require__(1342);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var identity = __nccwpck_require__(1127);
var composeDoc = __nccwpck_require__(3683);
var resolveEnd = __nccwpck_require__(7788);

function getErrorPos(src) {
    if (typeof src === 'number')
        return [src, src + 1];
    if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
    const { offset, source } = src;
    return [offset, offset + (typeof source === 'string' ? source.length : 1)];
}
function parsePrelude(prelude) {
    let comment = '';
    let atComment = false;
    let afterEmptyLine = false;
    for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
            case '#':
                comment +=
                    (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') +
                        (source.substring(1) || ' ');
                atComment = true;
                afterEmptyLine = false;
                break;
            case '%':
                if (prelude[i + 1]?.[0] !== '#')
                    i += 1;
                atComment = false;
                break;
            default:
                // This may be wrong after doc-end, but in that case it doesn't matter
                if (!atComment)
                    afterEmptyLine = true;
                atComment = false;
        }
    }
    return { comment, afterEmptyLine };
}
/**
 * Compose a stream of CST nodes into a stream of YAML Documents.
 *
 * ```ts
 * import { Composer, Parser } from 'yaml'
 *
 * const src: string = ...
 * const tokens = new Parser().parse(src)
 * const docs = new Composer().compose(tokens)
 * ```
 */
class Composer {
    constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
            const pos = getErrorPos(source);
            if (warning)
                this.warnings.push(new errors.YAMLWarning(pos, code, message));
            else
                this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        this.directives = new directives.Directives({ version: options.version || '1.2' });
        this.options = options;
    }
    decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        //console.log({ dc: doc.comment, prelude, comment })
        if (comment) {
            const dc = doc.contents;
            if (afterDoc) {
                doc.comment = doc.comment ? `${doc.comment}\n${comment}` : comment;
            }
            else if (afterEmptyLine || doc.directives.docStart || !dc) {
                doc.commentBefore = comment;
            }
            else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
                let it = dc.items[0];
                if (identity.isPair(it))
                    it = it.key;
                const cb = it.commentBefore;
                it.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
            else {
                const cb = dc.commentBefore;
                dc.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
        }
        if (afterDoc) {
            for (let i = 0; i < this.errors.length; ++i)
                doc.errors.push(this.errors[i]);
            for (let i = 0; i < this.warnings.length; ++i)
                doc.warnings.push(this.warnings[i]);
        }
        else {
            doc.errors = this.errors;
            doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
    }
    /**
     * Current stream status information.
     *
     * Mostly useful at the end of input for an empty stream.
     */
    streamInfo() {
        return {
            comment: parsePrelude(this.prelude).comment,
            directives: this.directives,
            errors: this.errors,
            warnings: this.warnings
        };
    }
    /**
     * Compose tokens into documents.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
            yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
    }
    /** Advance the composer by one CST token. */
    *next(token) {
        if (node_process.env.LOG_STREAM)
            console.dir(token, { depth: null });
        switch (token.type) {
            case 'directive':
                this.directives.add(token.source, (offset, message, warning) => {
                    const pos = getErrorPos(token);
                    pos[0] += offset;
                    this.onError(pos, 'BAD_DIRECTIVE', message, warning);
                });
                this.prelude.push(token.source);
                this.atDirectives = true;
                break;
            case 'document': {
                const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
                if (this.atDirectives && !doc.directives.docStart)
                    this.onError(token, 'MISSING_CHAR', 'Missing directives-end/doc-start indicator line');
                this.decorate(doc, false);
                if (this.doc)
                    yield this.doc;
                this.doc = doc;
                this.atDirectives = false;
                break;
            }
            case 'byte-order-mark':
            case 'space':
                break;
            case 'comment':
            case 'newline':
                this.prelude.push(token.source);
                break;
            case 'error': {
                const msg = token.source
                    ? `${token.message}: ${JSON.stringify(token.source)}`
                    : token.message;
                const error = new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg);
                if (this.atDirectives || !this.doc)
                    this.errors.push(error);
                else
                    this.doc.errors.push(error);
                break;
            }
            case 'doc-end': {
                if (!this.doc) {
                    const msg = 'Unexpected doc-end without preceding document';
                    this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg));
                    break;
                }
                this.doc.directives.docEnd = true;
                const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
                this.decorate(this.doc, true);
                if (end.comment) {
                    const dc = this.doc.comment;
                    this.doc.comment = dc ? `${dc}\n${end.comment}` : end.comment;
                }
                this.doc.range[2] = end.offset;
                break;
            }
            default:
                this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', `Unsupported token ${token.type}`));
        }
    }
    /**
     * Call at end of input to yield any remaining document.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
            this.decorate(this.doc, true);
            yield this.doc;
            this.doc = null;
        }
        else if (forceDoc) {
            const opts = Object.assign({ _directives: this.directives }, this.options);
            const doc = new Document.Document(undefined, opts);
            if (this.atDirectives)
                this.onError(endOffset, 'MISSING_CHAR', 'Missing directives-end indicator line');
            doc.range = [0, endOffset, endOffset];
            this.decorate(doc, false);
            yield doc;
        }
    }
}

exports.Composer = Composer;


/***/ }),

/***/ 7103:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilFlowIndentCheck = __nccwpck_require__(4051);
var utilMapIncludes = __nccwpck_require__(1187);

const startColMsg = 'All mapping items must start at the same column';
function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
    const map = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    let offset = bm.offset;
    let commentEnd = null;
    for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        // key properties
        const keyProps = resolveProps.resolveProps(start, {
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: bm.indent,
            startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
            if (key) {
                if (key.type === 'block-seq')
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'A block sequence may not be used as an implicit map key');
                else if ('indent' in key && key.indent !== bm.indent)
                    onError(offset, 'BAD_INDENT', startColMsg);
            }
            if (!keyProps.anchor && !keyProps.tag && !sep) {
                commentEnd = keyProps.end;
                if (keyProps.comment) {
                    if (map.comment)
                        map.comment += '\n' + keyProps.comment;
                    else
                        map.comment = keyProps.comment;
                }
                continue;
            }
            if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
                onError(key ?? start[start.length - 1], 'MULTILINE_IMPLICIT_KEY', 'Implicit keys need to be on a single line');
            }
        }
        else if (keyProps.found?.indent !== bm.indent) {
            onError(offset, 'BAD_INDENT', startColMsg);
        }
        // key value
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key
            ? composeNode(ctx, key, keyProps, onError)
            : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
            onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
        // value properties
        const valueProps = resolveProps.resolveProps(sep ?? [], {
            indicator: 'map-value-ind',
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: bm.indent,
            startOnNewline: !key || key.type === 'block-scalar'
        });
        offset = valueProps.end;
        if (valueProps.found) {
            if (implicitKey) {
                if (value?.type === 'block-map' && !valueProps.hasNewline)
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'Nested mappings are not allowed in compact mappings');
                if (ctx.options.strict &&
                    keyProps.start < valueProps.found.offset - 1024)
                    onError(keyNode.range, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit block mapping key');
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
            if (ctx.schema.compat)
                utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
            offset = valueNode.range[2];
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
        else {
            // key with no value
            if (implicitKey)
                onError(keyNode.range, 'MISSING_CHAR', 'Implicit map keys need to be followed by map values');
            if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
    }
    if (commentEnd && commentEnd < offset)
        onError(commentEnd, 'IMPOSSIBLE', 'Map comment with trailing content');
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
}

exports.resolveBlockMap = resolveBlockMap;


/***/ }),

/***/ 8913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function resolveBlockScalar(ctx, scalar, onError) {
    const start = scalar.offset;
    const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
    if (!header)
        return { value: '', type: null, comment: '', range: [start, start, start] };
    const type = header.mode === '>' ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
    const lines = scalar.source ? splitLines(scalar.source) : [];
    // determine the end of content & start of chomping
    let chompStart = lines.length;
    for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === '' || content === '\r')
            chompStart = i;
        else
            break;
    }
    // shortcut for empty contents
    if (chompStart === 0) {
        const value = header.chomp === '+' && lines.length > 0
            ? '\n'.repeat(Math.max(1, lines.length - 1))
            : '';
        let end = start + header.length;
        if (scalar.source)
            end += scalar.source.length;
        return { value, type, comment: header.comment, range: [start, end, end] };
    }
    // find the indentation level to trim from start
    let trimIndent = scalar.indent + header.indent;
    let offset = scalar.offset + header.length;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === '' || content === '\r') {
            if (header.indent === 0 && indent.length > trimIndent)
                trimIndent = indent.length;
        }
        else {
            if (indent.length < trimIndent) {
                const message = 'Block scalars with more-indented leading empty lines must use an explicit indentation indicator';
                onError(offset + indent.length, 'MISSING_CHAR', message);
            }
            if (header.indent === 0)
                trimIndent = indent.length;
            contentStart = i;
            if (trimIndent === 0 && !ctx.atRoot) {
                const message = 'Block scalar values in collections must be indented';
                onError(offset, 'BAD_INDENT', message);
            }
            break;
        }
        offset += indent.length + content.length + 1;
    }
    // include trailing more-indented empty lines in content
    for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
            chompStart = i + 1;
    }
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    // leading whitespace is kept intact
    for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + '\n';
    for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === '\r';
        if (crlf)
            content = content.slice(0, -1);
        /* istanbul ignore if already caught in lexer */
        if (content && indent.length < trimIndent) {
            const src = header.indent
                ? 'explicit indentation indicator'
                : 'first line';
            const message = `Block scalar lines must not be less indented than their ${src}`;
            onError(offset - content.length - (crlf ? 2 : 1), 'BAD_INDENT', message);
            indent = '';
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
        }
        else if (indent.length > trimIndent || content[0] === '\t') {
            // more-indented content within a folded block
            if (sep === ' ')
                sep = '\n';
            else if (!prevMoreIndented && sep === '\n')
                sep = '\n\n';
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
            prevMoreIndented = true;
        }
        else if (content === '') {
            // empty line
            if (sep === '\n')
                value += '\n';
            else
                sep = '\n';
        }
        else {
            value += sep + content;
            sep = ' ';
            prevMoreIndented = false;
        }
    }
    switch (header.chomp) {
        case '-':
            break;
        case '+':
            for (let i = chompStart; i < lines.length; ++i)
                value += '\n' + lines[i][0].slice(trimIndent);
            if (value[value.length - 1] !== '\n')
                value += '\n';
            break;
        default:
            value += '\n';
    }
    const end = start + header.length + scalar.source.length;
    return { value, type, comment: header.comment, range: [start, end, end] };
}
function parseBlockScalarHeader({ offset, props }, strict, onError) {
    /* istanbul ignore if should not happen */
    if (props[0].type !== 'block-scalar-header') {
        onError(props[0], 'IMPOSSIBLE', 'Block scalar header not found');
        return null;
    }
    const { source } = props[0];
    const mode = source[0];
    let indent = 0;
    let chomp = '';
    let error = -1;
    for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === '-' || ch === '+'))
            chomp = ch;
        else {
            const n = Number(ch);
            if (!indent && n)
                indent = n;
            else if (error === -1)
                error = offset + i;
        }
    }
    if (error !== -1)
        onError(error, 'UNEXPECTED_TOKEN', `Block scalar header includes extra characters: ${source}`);
    let hasSpace = false;
    let comment = '';
    let length = source.length;
    for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
            case 'space':
                hasSpace = true;
            // fallthrough
            case 'newline':
                length += token.source.length;
                break;
            case 'comment':
                if (strict && !hasSpace) {
                    const message = 'Comments must be separated from other tokens by white space characters';
                    onError(token, 'MISSING_CHAR', message);
                }
                length += token.source.length;
                comment = token.source.substring(1);
                break;
            case 'error':
                onError(token, 'UNEXPECTED_TOKEN', token.message);
                length += token.source.length;
                break;
            /* istanbul ignore next should not happen */
            default: {
                const message = `Unexpected token in block scalar header: ${token.type}`;
                onError(token, 'UNEXPECTED_TOKEN', message);
                const ts = token.source;
                if (ts && typeof ts === 'string')
                    length += ts.length;
            }
        }
    }
    return { mode, indent, chomp, comment, length };
}
/** @returns Array of lines split up as `[indent, content]` */
function splitLines(source) {
    const split = source.split(/\n( *)/);
    const first = split[0];
    const m = first.match(/^( *)/);
    const line0 = m?.[1]
        ? [m[1], first.slice(m[1].length)]
        : ['', first];
    const lines = [line0];
    for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
    return lines;
}

exports.resolveBlockScalar = resolveBlockScalar;


/***/ }),

/***/ 334:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var YAMLSeq = __nccwpck_require__(2223);
var resolveProps = __nccwpck_require__(4631);
var utilFlowIndentCheck = __nccwpck_require__(4051);

function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
    const seq = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = bs.offset;
    let commentEnd = null;
    for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
            indicator: 'seq-item-ind',
            next: value,
            offset,
            onError,
            parentIndent: bs.indent,
            startOnNewline: true
        });
        if (!props.found) {
            if (props.anchor || props.tag || value) {
                if (value?.type === 'block-seq')
                    onError(props.end, 'BAD_INDENT', 'All sequence items must start at the same column');
                else
                    onError(offset, 'MISSING_CHAR', 'Sequence item without - indicator');
            }
            else {
                commentEnd = props.end;
                if (props.comment)
                    seq.comment = props.comment;
                continue;
            }
        }
        const node = value
            ? composeNode(ctx, value, props, onError)
            : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
    }
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
}

exports.resolveBlockSeq = resolveBlockSeq;


/***/ }),

/***/ 7788:
/***/ ((__unused_webpack_module, exports) => {



function resolveEnd(end, offset, reqSpace, onError) {
    let comment = '';
    if (end) {
        let hasSpace = false;
        let sep = '';
        for (const token of end) {
            const { source, type } = token;
            switch (type) {
                case 'space':
                    hasSpace = true;
                    break;
                case 'comment': {
                    if (reqSpace && !hasSpace)
                        onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                    const cb = source.substring(1) || ' ';
                    if (!comment)
                        comment = cb;
                    else
                        comment += sep + cb;
                    sep = '';
                    break;
                }
                case 'newline':
                    if (comment)
                        sep += source;
                    hasSpace = true;
                    break;
                default:
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${type} at node end`);
            }
            offset += source.length;
        }
    }
    return { comment, offset };
}

exports.resolveEnd = resolveEnd;


/***/ }),

/***/ 3142:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilMapIncludes = __nccwpck_require__(1187);

const blockMsg = 'Block collections are not allowed within flow collections';
const isBlock = (token) => token && (token.type === 'block-map' || token.type === 'block-seq');
function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
    const isMap = fc.start.source === '{';
    const fcName = isMap ? 'flow map' : 'flow sequence';
    const NodeClass = (tag?.nodeClass ?? (isMap ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq));
    const coll = new NodeClass(ctx.schema);
    coll.flow = true;
    const atRoot = ctx.atRoot;
    if (atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = fc.offset + fc.start.source.length;
    for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
            flow: fcName,
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
        });
        if (!props.found) {
            if (!props.anchor && !props.tag && !sep && !value) {
                if (i === 0 && props.comma)
                    onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
                else if (i < fc.items.length - 1)
                    onError(props.start, 'UNEXPECTED_TOKEN', `Unexpected empty item in ${fcName}`);
                if (props.comment) {
                    if (coll.comment)
                        coll.comment += '\n' + props.comment;
                    else
                        coll.comment = props.comment;
                }
                offset = props.end;
                continue;
            }
            if (!isMap && ctx.options.strict && utilContainsNewline.containsNewline(key))
                onError(key, // checked by containsNewline()
                'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
        }
        if (i === 0) {
            if (props.comma)
                onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
        }
        else {
            if (!props.comma)
                onError(props.start, 'MISSING_CHAR', `Missing , between ${fcName} items`);
            if (props.comment) {
                let prevItemComment = '';
                loop: for (const st of start) {
                    switch (st.type) {
                        case 'comma':
                        case 'space':
                            break;
                        case 'comment':
                            prevItemComment = st.source.substring(1);
                            break loop;
                        default:
                            break loop;
                    }
                }
                if (prevItemComment) {
                    let prev = coll.items[coll.items.length - 1];
                    if (identity.isPair(prev))
                        prev = prev.value ?? prev.key;
                    if (prev.comment)
                        prev.comment += '\n' + prevItemComment;
                    else
                        prev.comment = prevItemComment;
                    props.comment = props.comment.substring(prevItemComment.length + 1);
                }
            }
        }
        if (!isMap && !sep && !props.found) {
            // item is a value in a seq
            // → key & sep are empty, start does not include ? or :
            const valueNode = value
                ? composeNode(ctx, value, props, onError)
                : composeEmptyNode(ctx, props.end, sep, null, props, onError);
            coll.items.push(valueNode);
            offset = valueNode.range[2];
            if (isBlock(value))
                onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
        }
        else {
            // item is a key+value pair
            // key value
            ctx.atKey = true;
            const keyStart = props.end;
            const keyNode = key
                ? composeNode(ctx, key, props, onError)
                : composeEmptyNode(ctx, keyStart, start, null, props, onError);
            if (isBlock(key))
                onError(keyNode.range, 'BLOCK_IN_FLOW', blockMsg);
            ctx.atKey = false;
            // value properties
            const valueProps = resolveProps.resolveProps(sep ?? [], {
                flow: fcName,
                indicator: 'map-value-ind',
                next: value,
                offset: keyNode.range[2],
                onError,
                parentIndent: fc.indent,
                startOnNewline: false
            });
            if (valueProps.found) {
                if (!isMap && !props.found && ctx.options.strict) {
                    if (sep)
                        for (const st of sep) {
                            if (st === valueProps.found)
                                break;
                            if (st.type === 'newline') {
                                onError(st, 'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
                                break;
                            }
                        }
                    if (props.start < valueProps.found.offset - 1024)
                        onError(valueProps.found, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key');
                }
            }
            else if (value) {
                if ('source' in value && value.source?.[0] === ':')
                    onError(value, 'MISSING_CHAR', `Missing space after : in ${fcName}`);
                else
                    onError(valueProps.start, 'MISSING_CHAR', `Missing , or : between ${fcName} items`);
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : valueProps.found
                    ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError)
                    : null;
            if (valueNode) {
                if (isBlock(value))
                    onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
            }
            else if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            if (isMap) {
                const map = coll;
                if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
                    onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
                map.items.push(pair);
            }
            else {
                const map = new YAMLMap.YAMLMap(ctx.schema);
                map.flow = true;
                map.items.push(pair);
                const endRange = (valueNode ?? keyNode).range;
                map.range = [keyNode.range[0], endRange[1], endRange[2]];
                coll.items.push(map);
            }
            offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
    }
    const expectedEnd = isMap ? '}' : ']';
    const [ce, ...ee] = fc.end;
    let cePos = offset;
    if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
    else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot
            ? `${name} must end with a ${expectedEnd}`
            : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? 'MISSING_CHAR' : 'BAD_INDENT', msg);
        if (ce && ce.source.length !== 1)
            ee.unshift(ce);
    }
    if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
            if (coll.comment)
                coll.comment += '\n' + end.comment;
            else
                coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
    }
    else {
        coll.range = [fc.offset, cePos, cePos];
    }
    return coll;
}

exports.resolveFlowCollection = resolveFlowCollection;


/***/ }),

/***/ 6842:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var resolveEnd = __nccwpck_require__(7788);

function resolveFlowScalar(scalar, strict, onError) {
    const { offset, type, source, end } = scalar;
    let _type;
    let value;
    const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
    switch (type) {
        case 'scalar':
            _type = Scalar.Scalar.PLAIN;
            value = plainValue(source, _onError);
            break;
        case 'single-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_SINGLE;
            value = singleQuotedValue(source, _onError);
            break;
        case 'double-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_DOUBLE;
            value = doubleQuotedValue(source, _onError);
            break;
        /* istanbul ignore next should not happen */
        default:
            onError(scalar, 'UNEXPECTED_TOKEN', `Expected a flow scalar value, but found: ${type}`);
            return {
                value: '',
                type: null,
                comment: '',
                range: [offset, offset + source.length, offset + source.length]
            };
    }
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
    return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
    };
}
function plainValue(source, onError) {
    let badChar = '';
    switch (source[0]) {
        /* istanbul ignore next should not happen */
        case '\t':
            badChar = 'a tab character';
            break;
        case ',':
            badChar = 'flow indicator character ,';
            break;
        case '%':
            badChar = 'directive indicator character %';
            break;
        case '|':
        case '>': {
            badChar = `block scalar indicator ${source[0]}`;
            break;
        }
        case '@':
        case '`': {
            badChar = `reserved character ${source[0]}`;
            break;
        }
    }
    if (badChar)
        onError(0, 'BAD_SCALAR_START', `Plain value cannot start with ${badChar}`);
    return unfoldLines(source);
}
function singleQuotedValue(source, onError) {
    if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, 'MISSING_CHAR', "Missing closing 'quote");
    return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}
function unfoldLines(source) {
    const line = /(.*?)\r?\n/sy;
    let match = line.exec(source);
    if (!match)
        return source;
    /**
     * The negative lookbehinds in these RegExps are to
     * prevent causing a polynomial search time in certain cases.
     *
     * The try-catch is for Safari < 16.4 and other old browsers:
     * https://caniuse.com/js-regexp-lookbehind
     */
    let trimEnd, trimBoth;
    try {
        trimEnd = new RegExp('(?<![ \t])[ \t]+$');
        trimBoth = new RegExp('^[ \t]+|(?<![ \t])[ \t]+$', 'g');
    }
    catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
    }
    let res = match[1].replace(trimEnd, '');
    let sep = ' ';
    let pos = line.lastIndex;
    while ((match = line.exec(source))) {
        const lm = match[1].replace(trimBoth, '');
        if (lm === '') {
            if (sep === '\n')
                res += sep;
            else
                sep = '\n';
        }
        else {
            res += sep + lm;
            sep = ' ';
        }
        pos = line.lastIndex;
    }
    const last = /[ \t]*(.*)/sy;
    last.lastIndex = pos;
    match = last.exec(source);
    return res + sep + (match?.[1] ?? '');
}
function doubleQuotedValue(source, onError) {
    let res = '';
    for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === '\r' && source[i + 1] === '\n')
            continue;
        if (ch === '\n') {
            const { fold, offset } = foldNewline(source, i);
            res += fold;
            i = offset;
        }
        else if (ch === '\\') {
            let next = source[++i];
            const cc = escapeCodes[next];
            if (cc)
                res += cc;
            else if (next === '\n') {
                // skip escaped newlines, but still trim the following line
                next = source[i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === '\r' && source[i + 1] === '\n') {
                // skip escaped CRLF newlines, but still trim the following line
                next = source[++i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === 'x' || next === 'u' || next === 'U') {
                const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
                res += parseCharCode(source, i + 1, length, onError);
                i += length;
            }
            else {
                const raw = source.substr(i - 1, 2);
                onError(i - 1, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
                res += raw;
            }
        }
        else if (ch === ' ' || ch === '\t') {
            // trim trailing whitespace
            const wsStart = i;
            let next = source[i + 1];
            while (next === ' ' || next === '\t')
                next = source[++i + 1];
            if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n'))
                res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        }
        else {
            res += ch;
        }
    }
    if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, 'MISSING_CHAR', 'Missing closing "quote');
    return res;
}
/**
 * Fold a single newline into a space, multiple newlines to N - 1 newlines.
 * Presumes `source[offset] === '\n'`
 */
function foldNewline(source, offset) {
    let fold = '';
    let ch = source[offset + 1];
    while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        if (ch === '\r' && source[offset + 2] !== '\n')
            break;
        if (ch === '\n')
            fold += '\n';
        offset += 1;
        ch = source[offset + 1];
    }
    if (!fold)
        fold = ' ';
    return { fold, offset };
}
const escapeCodes = {
    '0': '\0', // null character
    a: '\x07', // bell character
    b: '\b', // backspace
    e: '\x1b', // escape character
    f: '\f', // form feed
    n: '\n', // line feed
    r: '\r', // carriage return
    t: '\t', // horizontal tab
    v: '\v', // vertical tab
    N: '\u0085', // Unicode next line
    _: '\u00a0', // Unicode non-breaking space
    L: '\u2028', // Unicode line separator
    P: '\u2029', // Unicode paragraph separator
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    '\t': '\t'
};
function parseCharCode(source, offset, length, onError) {
    const cc = source.substr(offset, length);
    const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
    const code = ok ? parseInt(cc, 16) : NaN;
    try {
        return String.fromCodePoint(code);
    }
    catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
        return raw;
    }
}

exports.resolveFlowScalar = resolveFlowScalar;


/***/ }),

/***/ 4631:
/***/ ((__unused_webpack_module, exports) => {



function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
    let spaceBefore = false;
    let atNewline = startOnNewline;
    let hasSpace = startOnNewline;
    let comment = '';
    let commentSep = '';
    let hasNewline = false;
    let reqSpace = false;
    let tab = null;
    let anchor = null;
    let tag = null;
    let newlineAfterProp = null;
    let comma = null;
    let found = null;
    let start = null;
    for (const token of tokens) {
        if (reqSpace) {
            if (token.type !== 'space' &&
                token.type !== 'newline' &&
                token.type !== 'comma')
                onError(token.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
            reqSpace = false;
        }
        if (tab) {
            if (atNewline && token.type !== 'comment' && token.type !== 'newline') {
                onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
            }
            tab = null;
        }
        switch (token.type) {
            case 'space':
                // At the doc level, tabs at line start may be parsed
                // as leading white space rather than indentation.
                // In a flow collection, only the parser handles indent.
                if (!flow &&
                    (indicator !== 'doc-start' || next?.type !== 'flow-collection') &&
                    token.source.includes('\t')) {
                    tab = token;
                }
                hasSpace = true;
                break;
            case 'comment': {
                if (!hasSpace)
                    onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                const cb = token.source.substring(1) || ' ';
                if (!comment)
                    comment = cb;
                else
                    comment += commentSep + cb;
                commentSep = '';
                atNewline = false;
                break;
            }
            case 'newline':
                if (atNewline) {
                    if (comment)
                        comment += token.source;
                    else if (!found || indicator !== 'seq-item-ind')
                        spaceBefore = true;
                }
                else
                    commentSep += token.source;
                atNewline = true;
                hasNewline = true;
                if (anchor || tag)
                    newlineAfterProp = token;
                hasSpace = true;
                break;
            case 'anchor':
                if (anchor)
                    onError(token, 'MULTIPLE_ANCHORS', 'A node can have at most one anchor');
                if (token.source.endsWith(':'))
                    onError(token.offset + token.source.length - 1, 'BAD_ALIAS', 'Anchor ending in : is ambiguous', true);
                anchor = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            case 'tag': {
                if (tag)
                    onError(token, 'MULTIPLE_TAGS', 'A node can have at most one tag');
                tag = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            }
            case indicator:
                // Could here handle preceding comments differently
                if (anchor || tag)
                    onError(token, 'BAD_PROP_ORDER', `Anchors and tags must be after the ${token.source} indicator`);
                if (found)
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.source} in ${flow ?? 'collection'}`);
                found = token;
                atNewline =
                    indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
                hasSpace = false;
                break;
            case 'comma':
                if (flow) {
                    if (comma)
                        onError(token, 'UNEXPECTED_TOKEN', `Unexpected , in ${flow}`);
                    comma = token;
                    atNewline = false;
                    hasSpace = false;
                    break;
                }
            // else fallthrough
            default:
                onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} token`);
                atNewline = false;
                hasSpace = false;
        }
    }
    const last = tokens[tokens.length - 1];
    const end = last ? last.offset + last.source.length : offset;
    if (reqSpace &&
        next &&
        next.type !== 'space' &&
        next.type !== 'newline' &&
        next.type !== 'comma' &&
        (next.type !== 'scalar' || next.source !== '')) {
        onError(next.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
    }
    if (tab &&
        ((atNewline && tab.indent <= parentIndent) ||
            next?.type === 'block-map' ||
            next?.type === 'block-seq'))
        onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
    return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
    };
}

exports.resolveProps = resolveProps;


/***/ }),

/***/ 9499:
/***/ ((__unused_webpack_module, exports) => {



function containsNewline(key) {
    if (!key)
        return null;
    switch (key.type) {
        case 'alias':
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            if (key.source.includes('\n'))
                return true;
            if (key.end)
                for (const st of key.end)
                    if (st.type === 'newline')
                        return true;
            return false;
        case 'flow-collection':
            for (const it of key.items) {
                for (const st of it.start)
                    if (st.type === 'newline')
                        return true;
                if (it.sep)
                    for (const st of it.sep)
                        if (st.type === 'newline')
                            return true;
                if (containsNewline(it.key) || containsNewline(it.value))
                    return true;
            }
            return false;
        default:
            return true;
    }
}

exports.containsNewline = containsNewline;


/***/ }),

/***/ 2599:
/***/ ((__unused_webpack_module, exports) => {



function emptyScalarPosition(offset, before, pos) {
    if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
            let st = before[i];
            switch (st.type) {
                case 'space':
                case 'comment':
                case 'newline':
                    offset -= st.source.length;
                    continue;
            }
            // Technically, an empty scalar is immediately after the last non-empty
            // node, but it's more useful to place it after any whitespace.
            st = before[++i];
            while (st?.type === 'space') {
                offset += st.source.length;
                st = before[++i];
            }
            break;
        }
    }
    return offset;
}

exports.emptyScalarPosition = emptyScalarPosition;


/***/ }),

/***/ 4051:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var utilContainsNewline = __nccwpck_require__(9499);

function flowIndentCheck(indent, fc, onError) {
    if (fc?.type === 'flow-collection') {
        const end = fc.end[0];
        if (end.indent === indent &&
            (end.source === ']' || end.source === '}') &&
            utilContainsNewline.containsNewline(fc)) {
            const msg = 'Flow end indicator should be more indented than parent';
            onError(end, 'BAD_INDENT', msg, true);
        }
    }
}

exports.flowIndentCheck = flowIndentCheck;


/***/ }),

/***/ 1187:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

function mapIncludes(ctx, items, search) {
    const { uniqueKeys } = ctx.options;
    if (uniqueKeys === false)
        return false;
    const isEqual = typeof uniqueKeys === 'function'
        ? uniqueKeys
        : (a, b) => a === b || (identity.isScalar(a) && identity.isScalar(b) && a.value === b.value);
    return items.some(pair => isEqual(pair.key, search));
}

exports.mapIncludes = mapIncludes;


/***/ }),

/***/ 3021:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var toJS = __nccwpck_require__(4043);
var Schema = __nccwpck_require__(5840);
var stringifyDocument = __nccwpck_require__(6829);
var anchors = __nccwpck_require__(1596);
var applyReviver = __nccwpck_require__(3661);
var createNode = __nccwpck_require__(2404);
var directives = __nccwpck_require__(1342);

class Document {
    constructor(value, replacer, options) {
        /** A comment before this Document */
        this.commentBefore = null;
        /** A comment immediately after this Document */
        this.comment = null;
        /** Errors encountered during parsing. */
        this.errors = [];
        /** Warnings encountered during parsing. */
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === 'function' || Array.isArray(replacer)) {
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const opt = Object.assign({
            intAsBigInt: false,
            keepSourceTokens: false,
            logLevel: 'warn',
            prettyErrors: true,
            strict: true,
            stringKeys: false,
            uniqueKeys: true,
            version: '1.2'
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
            this.directives = options._directives.atDocument();
            if (this.directives.yaml.explicit)
                version = this.directives.yaml.version;
        }
        else
            this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        // @ts-expect-error We can't really know that this matches Contents.
        this.contents =
            value === undefined ? null : this.createNode(value, _replacer, options);
    }
    /**
     * Create a deep copy of this Document and its contents.
     *
     * Custom Node values that inherit from `Object` still refer to their original instances.
     */
    clone() {
        const copy = Object.create(Document.prototype, {
            [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
            copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        // @ts-expect-error We can't really know that this matches Contents.
        copy.contents = identity.isNode(this.contents)
            ? this.contents.clone(copy.schema)
            : this.contents;
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** Adds a value to the document. */
    add(value) {
        if (assertCollection(this.contents))
            this.contents.add(value);
    }
    /** Adds a value to the document. */
    addIn(path, value) {
        if (assertCollection(this.contents))
            this.contents.addIn(path, value);
    }
    /**
     * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
     *
     * If `node` already has an anchor, `name` is ignored.
     * Otherwise, the `node.anchor` value will be set to `name`,
     * or if an anchor with that name is already present in the document,
     * `name` will be used as a prefix for a new unique anchor.
     * If `name` is undefined, the generated anchor will use 'a' as a prefix.
     */
    createAlias(node, name) {
        if (!node.anchor) {
            const prev = anchors.anchorNames(this);
            node.anchor =
                // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
                !name || prev.has(name) ? anchors.findNewAnchor(name || 'a', prev) : name;
        }
        return new Alias.Alias(node.anchor);
    }
    createNode(value, replacer, options) {
        let _replacer = undefined;
        if (typeof replacer === 'function') {
            value = replacer.call({ '': value }, '', value);
            _replacer = replacer;
        }
        else if (Array.isArray(replacer)) {
            const keyToStr = (v) => typeof v === 'number' || v instanceof String || v instanceof Number;
            const asStr = replacer.filter(keyToStr).map(String);
            if (asStr.length > 0)
                replacer = replacer.concat(asStr);
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(this, 
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        anchorPrefix || 'a');
        const ctx = {
            aliasDuplicateObjects: aliasDuplicateObjects ?? true,
            keepUndefined: keepUndefined ?? false,
            onAnchor,
            onTagObj,
            replacer: _replacer,
            schema: this.schema,
            sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
            node.flow = true;
        setAnchors();
        return node;
    }
    /**
     * Convert a key and a value into a `Pair` using the current schema,
     * recursively wrapping all values as `Scalar` or `Collection` nodes.
     */
    createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
            if (this.contents == null)
                return false;
            // @ts-expect-error Presumed impossible if Strict extends false
            this.contents = null;
            return true;
        }
        return assertCollection(this.contents)
            ? this.contents.deleteIn(path)
            : false;
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    get(key, keepScalar) {
        return identity.isCollection(this.contents)
            ? this.contents.get(key, keepScalar)
            : undefined;
    }
    /**
     * Returns item at `path`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
            return !keepScalar && identity.isScalar(this.contents)
                ? this.contents.value
                : this.contents;
        return identity.isCollection(this.contents)
            ? this.contents.getIn(path, keepScalar)
            : undefined;
    }
    /**
     * Checks if the document includes a value with the key `key`.
     */
    has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
    }
    /**
     * Checks if the document includes a value at `path`.
     */
    hasIn(path) {
        if (Collection.isEmptyPath(path))
            return this.contents !== undefined;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    set(key, value) {
        if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, [key], value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.set(key, value);
        }
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = value;
        }
        else if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.setIn(path, value);
        }
    }
    /**
     * Change the YAML version and schema used by the document.
     * A `null` version disables support for directives, explicit tags, anchors, and aliases.
     * It also requires the `schema` option to be given as a `Schema` instance value.
     *
     * Overrides all previously set schema options.
     */
    setSchema(version, options = {}) {
        if (typeof version === 'number')
            version = String(version);
        let opt;
        switch (version) {
            case '1.1':
                if (this.directives)
                    this.directives.yaml.version = '1.1';
                else
                    this.directives = new directives.Directives({ version: '1.1' });
                opt = { resolveKnownTags: false, schema: 'yaml-1.1' };
                break;
            case '1.2':
            case 'next':
                if (this.directives)
                    this.directives.yaml.version = version;
                else
                    this.directives = new directives.Directives({ version });
                opt = { resolveKnownTags: true, schema: 'core' };
                break;
            case null:
                if (this.directives)
                    delete this.directives;
                opt = null;
                break;
            default: {
                const sv = JSON.stringify(version);
                throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
            }
        }
        // Not using `instanceof Schema` to allow for duck typing
        if (options.schema instanceof Object)
            this.schema = options.schema;
        else if (opt)
            this.schema = new Schema.Schema(Object.assign(opt, options));
        else
            throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
    }
    // json & jsonArg are only used from toJSON()
    toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
            anchors: new Map(),
            doc: this,
            keep: !json,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
    /**
     * A JSON representation of the document `contents`.
     *
     * @param jsonArg Used by `JSON.stringify` to indicate the array index or
     *   property name.
     */
    toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
    }
    /** A YAML representation of the document. */
    toString(options = {}) {
        if (this.errors.length > 0)
            throw new Error('Document with errors cannot be stringified');
        if ('indent' in options &&
            (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
            const s = JSON.stringify(options.indent);
            throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
    }
}
function assertCollection(contents) {
    if (identity.isCollection(contents))
        return true;
    throw new Error('Expected a YAML collection as document contents');
}

exports.Document = Document;


/***/ }),

/***/ 1596:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

/**
 * Verify that the input string is a valid anchor.
 *
 * Will throw on errors.
 */
function anchorIsValid(anchor) {
    if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
    }
    return true;
}
function anchorNames(root) {
    const anchors = new Set();
    visit.visit(root, {
        Value(_key, node) {
            if (node.anchor)
                anchors.add(node.anchor);
        }
    });
    return anchors;
}
/** Find a new anchor name with the given `prefix` and a one-indexed suffix. */
function findNewAnchor(prefix, exclude) {
    for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
            return name;
    }
}
function createNodeAnchors(doc, prefix) {
    const aliasObjects = [];
    const sourceObjects = new Map();
    let prevAnchors = null;
    return {
        onAnchor: (source) => {
            aliasObjects.push(source);
            prevAnchors ?? (prevAnchors = anchorNames(doc));
            const anchor = findNewAnchor(prefix, prevAnchors);
            prevAnchors.add(anchor);
            return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
            for (const source of aliasObjects) {
                const ref = sourceObjects.get(source);
                if (typeof ref === 'object' &&
                    ref.anchor &&
                    (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
                    ref.node.anchor = ref.anchor;
                }
                else {
                    const error = new Error('Failed to resolve repeated object (this should not happen)');
                    error.source = source;
                    throw error;
                }
            }
        },
        sourceObjects
    };
}

exports.anchorIsValid = anchorIsValid;
exports.anchorNames = anchorNames;
exports.createNodeAnchors = createNodeAnchors;
exports.findNewAnchor = findNewAnchor;


/***/ }),

/***/ 3661:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Applies the JSON.parse reviver algorithm as defined in the ECMA-262 spec,
 * in section 24.5.1.1 "Runtime Semantics: InternalizeJSONProperty" of the
 * 2021 edition: https://tc39.es/ecma262/#sec-json.parse
 *
 * Includes extensions for handling Map and Set objects.
 */
function applyReviver(reviver, obj, key, val) {
    if (val && typeof val === 'object') {
        if (Array.isArray(val)) {
            for (let i = 0, len = val.length; i < len; ++i) {
                const v0 = val[i];
                const v1 = applyReviver(reviver, val, String(i), v0);
                // eslint-disable-next-line @typescript-eslint/no-array-delete
                if (v1 === undefined)
                    delete val[i];
                else if (v1 !== v0)
                    val[i] = v1;
            }
        }
        else if (val instanceof Map) {
            for (const k of Array.from(val.keys())) {
                const v0 = val.get(k);
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    val.delete(k);
                else if (v1 !== v0)
                    val.set(k, v1);
            }
        }
        else if (val instanceof Set) {
            for (const v0 of Array.from(val)) {
                const v1 = applyReviver(reviver, val, v0, v0);
                if (v1 === undefined)
                    val.delete(v0);
                else if (v1 !== v0) {
                    val.delete(v0);
                    val.add(v1);
                }
            }
        }
        else {
            for (const [k, v0] of Object.entries(val)) {
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    delete val[k];
                else if (v1 !== v0)
                    val[k] = v1;
            }
        }
    }
    return reviver.call(obj, key, val);
}

exports.applyReviver = applyReviver;


/***/ }),

/***/ 2404:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

const defaultTagPrefix = 'tag:yaml.org,2002:';
function findTagObject(value, tagName, tags) {
    if (tagName) {
        const match = tags.filter(t => t.tag === tagName);
        const tagObj = match.find(t => !t.format) ?? match[0];
        if (!tagObj)
            throw new Error(`Tag ${tagName} not found`);
        return tagObj;
    }
    return tags.find(t => t.identify?.(value) && !t.format);
}
function createNode(value, tagName, ctx) {
    if (identity.isDocument(value))
        value = value.contents;
    if (identity.isNode(value))
        return value;
    if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
    }
    if (value instanceof String ||
        value instanceof Number ||
        value instanceof Boolean ||
        (typeof BigInt !== 'undefined' && value instanceof BigInt) // not supported everywhere
    ) {
        // https://tc39.es/ecma262/#sec-serializejsonproperty
        value = value.valueOf();
    }
    const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
    // Detect duplicate references to the same object & use Alias nodes for all
    // after first. The `ref` wrapper allows for circular references to resolve.
    let ref = undefined;
    if (aliasDuplicateObjects && value && typeof value === 'object') {
        ref = sourceObjects.get(value);
        if (ref) {
            ref.anchor ?? (ref.anchor = onAnchor(value));
            return new Alias.Alias(ref.anchor);
        }
        else {
            ref = { anchor: null, node: null };
            sourceObjects.set(value, ref);
        }
    }
    if (tagName?.startsWith('!!'))
        tagName = defaultTagPrefix + tagName.slice(2);
    let tagObj = findTagObject(value, tagName, schema.tags);
    if (!tagObj) {
        if (value && typeof value.toJSON === 'function') {
            // eslint-disable-next-line @typescript-eslint/no-unsafe-call
            value = value.toJSON();
        }
        if (!value || typeof value !== 'object') {
            const node = new Scalar.Scalar(value);
            if (ref)
                ref.node = node;
            return node;
        }
        tagObj =
            value instanceof Map
                ? schema[identity.MAP]
                : Symbol.iterator in Object(value)
                    ? schema[identity.SEQ]
                    : schema[identity.MAP];
    }
    if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
    }
    const node = tagObj?.createNode
        ? tagObj.createNode(ctx.schema, value, ctx)
        : typeof tagObj?.nodeClass?.from === 'function'
            ? tagObj.nodeClass.from(ctx.schema, value, ctx)
            : new Scalar.Scalar(value);
    if (tagName)
        node.tag = tagName;
    else if (!tagObj.default)
        node.tag = tagObj.tag;
    if (ref)
        ref.node = node;
    return node;
}

exports.createNode = createNode;


/***/ }),

/***/ 1342:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

const escapeChars = {
    '!': '%21',
    ',': '%2C',
    '[': '%5B',
    ']': '%5D',
    '{': '%7B',
    '}': '%7D'
};
const escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, ch => escapeChars[ch]);
class Directives {
    constructor(yaml, tags) {
        /**
         * The directives-end/doc-start marker `---`. If `null`, a marker may still be
         * included in the document's stringified representation.
         */
        this.docStart = null;
        /** The doc-end marker `...`.  */
        this.docEnd = false;
        this.yaml = Object.assign({}, Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, Directives.defaultTags, tags);
    }
    clone() {
        const copy = new Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
    }
    /**
     * During parsing, get a Directives instance for the current document and
     * update the stream state according to the current version's spec.
     */
    atDocument() {
        const res = new Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
            case '1.1':
                this.atNextDocument = true;
                break;
            case '1.2':
                this.atNextDocument = false;
                this.yaml = {
                    explicit: Directives.defaultYaml.explicit,
                    version: '1.2'
                };
                this.tags = Object.assign({}, Directives.defaultTags);
                break;
        }
        return res;
    }
    /**
     * @param onError - May be called even if the action was successful
     * @returns `true` on success
     */
    add(line, onError) {
        if (this.atNextDocument) {
            this.yaml = { explicit: Directives.defaultYaml.explicit, version: '1.1' };
            this.tags = Object.assign({}, Directives.defaultTags);
            this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
            case '%TAG': {
                if (parts.length !== 2) {
                    onError(0, '%TAG directive should contain exactly two parts');
                    if (parts.length < 2)
                        return false;
                }
                const [handle, prefix] = parts;
                this.tags[handle] = prefix;
                return true;
            }
            case '%YAML': {
                this.yaml.explicit = true;
                if (parts.length !== 1) {
                    onError(0, '%YAML directive should contain exactly one part');
                    return false;
                }
                const [version] = parts;
                if (version === '1.1' || version === '1.2') {
                    this.yaml.version = version;
                    return true;
                }
                else {
                    const isValid = /^\d+\.\d+$/.test(version);
                    onError(6, `Unsupported YAML version ${version}`, isValid);
                    return false;
                }
            }
            default:
                onError(0, `Unknown directive ${name}`, true);
                return false;
        }
    }
    /**
     * Resolves a tag, matching handles to those defined in %TAG directives.
     *
     * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
     *   `'!local'` tag, or `null` if unresolvable.
     */
    tagName(source, onError) {
        if (source === '!')
            return '!'; // non-specific tag
        if (source[0] !== '!') {
            onError(`Not a valid tag: ${source}`);
            return null;
        }
        if (source[1] === '<') {
            const verbatim = source.slice(2, -1);
            if (verbatim === '!' || verbatim === '!!') {
                onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
                return null;
            }
            if (source[source.length - 1] !== '>')
                onError('Verbatim tags must end with a >');
            return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
            onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
            try {
                return prefix + decodeURIComponent(suffix);
            }
            catch (error) {
                onError(String(error));
                return null;
            }
        }
        if (handle === '!')
            return source; // local tag
        onError(`Could not resolve tag: ${source}`);
        return null;
    }
    /**
     * Given a fully resolved tag, returns its printable string form,
     * taking into account current tag prefixes and defaults.
     */
    tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
            if (tag.startsWith(prefix))
                return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === '!' ? tag : `!<${tag}>`;
    }
    toString(doc) {
        const lines = this.yaml.explicit
            ? [`%YAML ${this.yaml.version || '1.2'}`]
            : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
            const tags = {};
            visit.visit(doc.contents, (_key, node) => {
                if (identity.isNode(node) && node.tag)
                    tags[node.tag] = true;
            });
            tagNames = Object.keys(tags);
        }
        else
            tagNames = [];
        for (const [handle, prefix] of tagEntries) {
            if (handle === '!!' && prefix === 'tag:yaml.org,2002:')
                continue;
            if (!doc || tagNames.some(tn => tn.startsWith(prefix)))
                lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join('\n');
    }
}
Directives.defaultYaml = { explicit: false, version: '1.2' };
Directives.defaultTags = { '!!': 'tag:yaml.org,2002:' };

exports.Directives = Directives;


/***/ }),

/***/ 1464:
/***/ ((__unused_webpack_module, exports) => {



class YAMLError extends Error {
    constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
    }
}
class YAMLParseError extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLParseError', pos, code, message);
    }
}
class YAMLWarning extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLWarning', pos, code, message);
    }
}
const prettifyError = (src, lc) => (error) => {
    if (error.pos[0] === -1)
        return;
    error.linePos = error.pos.map(pos => lc.linePos(pos));
    const { line, col } = error.linePos[0];
    error.message += ` at line ${line}, column ${col}`;
    let ci = col - 1;
    let lineStr = src
        .substring(lc.lineStarts[line - 1], lc.lineStarts[line])
        .replace(/[\n\r]+$/, '');
    // Trim to max 80 chars, keeping col position near the middle
    if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = '…' + lineStr.substring(trimStart);
        ci -= trimStart - 1;
    }
    if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + '…';
    // Include previous line in context if pointing at line start
    if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        // Regexp won't match if start is trimmed
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
            prev = prev.substring(0, 79) + '…\n';
        lineStr = prev + lineStr;
    }
    if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
            count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = ' '.repeat(ci) + '^'.repeat(count);
        error.message += `:\n\n${lineStr}\n${pointer}\n`;
    }
};

exports.YAMLError = YAMLError;
exports.YAMLParseError = YAMLParseError;
exports.YAMLWarning = YAMLWarning;
exports.prettifyError = prettifyError;


/***/ }),

/***/ 8815:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;


var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var Schema = __nccwpck_require__(5840);
var errors = __nccwpck_require__(1464);
var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);
var publicApi = __nccwpck_require__(4047);
var visit = __nccwpck_require__(204);



exports.Dk = composer.Composer;
__webpack_unused_export__ = Document.Document;
__webpack_unused_export__ = Schema.Schema;
__webpack_unused_export__ = errors.YAMLError;
__webpack_unused_export__ = errors.YAMLParseError;
__webpack_unused_export__ = errors.YAMLWarning;
__webpack_unused_export__ = Alias.Alias;
exports.Vj = identity.isAlias;
__webpack_unused_export__ = identity.isCollection;
__webpack_unused_export__ = identity.isDocument;
exports.jh = identity.isMap;
__webpack_unused_export__ = identity.isNode;
exports.tO = identity.isPair;
exports.jn = identity.isScalar;
exports.oP = identity.isSeq;
__webpack_unused_export__ = Pair.Pair;
__webpack_unused_export__ = Scalar.Scalar;
__webpack_unused_export__ = YAMLMap.YAMLMap;
__webpack_unused_export__ = YAMLSeq.YAMLSeq;
__webpack_unused_export__ = cst;
__webpack_unused_export__ = lexer.Lexer;
__webpack_unused_export__ = lineCounter.LineCounter;
exports.iX = parser.Parser;
__webpack_unused_export__ = publicApi.parse;
__webpack_unused_export__ = publicApi.parseAllDocuments;
exports.Tp = publicApi.parseDocument;
__webpack_unused_export__ = publicApi.stringify;
__webpack_unused_export__ = visit.visit;
__webpack_unused_export__ = visit.visitAsync;


/***/ }),

/***/ 7249:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);

function debug(logLevel, ...messages) {
    if (logLevel === 'debug')
        console.log(...messages);
}
function warn(logLevel, warning) {
    if (logLevel === 'debug' || logLevel === 'warn') {
        if (typeof node_process.emitWarning === 'function')
            node_process.emitWarning(warning);
        else
            console.warn(warning);
    }
}

exports.debug = debug;
exports.warn = warn;


/***/ }),

/***/ 4065:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var visit = __nccwpck_require__(204);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

class Alias extends Node.NodeBase {
    constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, 'tag', {
            set() {
                throw new Error('Alias nodes cannot have tags');
            }
        });
    }
    /**
     * Resolve the value of this alias within `doc`, finding the last
     * instance of the `source` anchor before this node.
     */
    resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
            throw new ReferenceError('Alias resolution is disabled');
        let nodes;
        if (ctx?.aliasResolveCache) {
            nodes = ctx.aliasResolveCache;
        }
        else {
            nodes = [];
            visit.visit(doc, {
                Node: (_key, node) => {
                    if (identity.isAlias(node) || identity.hasAnchor(node))
                        nodes.push(node);
                }
            });
            if (ctx)
                ctx.aliasResolveCache = nodes;
        }
        let found = undefined;
        for (const node of nodes) {
            if (node === this)
                break;
            if (node.anchor === this.source)
                found = node;
        }
        if (found && ctx) {
            const { anchors, doc, maxAliasCount } = ctx;
            let data = anchors.get(found);
            if (!data) {
                // Resolve anchors for Node.prototype.toJS()
                toJS.toJS(found, null, ctx);
                data = anchors.get(found);
            }
            /* istanbul ignore if */
            if (data?.res === undefined) {
                const msg = 'This should not happen: Alias anchor was not resolved?';
                throw new ReferenceError(msg);
            }
            if (maxAliasCount >= 0) {
                data.count += 1;
                if (data.aliasCount === 0)
                    data.aliasCount = getAliasCount(doc, found, anchors);
                if (data.count * data.aliasCount > maxAliasCount) {
                    const msg = 'Excessive alias count indicates a resource exhaustion attack';
                    throw new ReferenceError(msg);
                }
            }
        }
        return found;
    }
    toJSON(_arg, ctx) {
        if (!ctx)
            return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
    }
    toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
            anchors.anchorIsValid(this.source);
            if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
                const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
                throw new Error(msg);
            }
            if (ctx.implicitKey)
                return `${src} `;
        }
        return src;
    }
}
function getAliasCount(doc, node, anchors) {
    if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors && source && anchors.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
    }
    else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
            const c = getAliasCount(doc, item, anchors);
            if (c > count)
                count = c;
        }
        return count;
    }
    else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors);
        const vc = getAliasCount(doc, node.value, anchors);
        return Math.max(kc, vc);
    }
    return 1;
}

exports.Alias = Alias;


/***/ }),

/***/ 101:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);

function collectionFromPath(schema, path, value) {
    let v = value;
    for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === 'number' && Number.isInteger(k) && k >= 0) {
            const a = [];
            a[k] = v;
            v = a;
        }
        else {
            v = new Map([[k, v]]);
        }
    }
    return createNode.createNode(v, undefined, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
            throw new Error('This should not happen, please report a bug.');
        },
        schema,
        sourceObjects: new Map()
    });
}
// Type guard is intentionally a little wrong so as to be more useful,
// as it does not cover untypable empty non-string iterables (e.g. []).
const isEmptyPath = (path) => path == null ||
    (typeof path === 'object' && !!path[Symbol.iterator]().next().done);
class Collection extends Node.NodeBase {
    constructor(type, schema) {
        super(type);
        Object.defineProperty(this, 'schema', {
            value: schema,
            configurable: true,
            enumerable: false,
            writable: true
        });
    }
    /**
     * Create a copy of this collection.
     *
     * @param schema - If defined, overwrites the original's schema
     */
    clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
            copy.schema = schema;
        copy.items = copy.items.map(it => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /**
     * Adds a value to the collection. For `!!map` and `!!omap` the value must
     * be a Pair instance or a `{ key, value }` object, which may not have a key
     * that already exists in the map.
     */
    addIn(path, value) {
        if (isEmptyPath(path))
            this.add(value);
        else {
            const [key, ...rest] = path;
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.addIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
    /**
     * Removes a value from the collection.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
            return node.deleteIn(rest);
        else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
            return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
            return identity.isCollection(node) ? node.getIn(rest, keepScalar) : undefined;
    }
    hasAllNullValues(allowScalar) {
        return this.items.every(node => {
            if (!identity.isPair(node))
                return false;
            const n = node.value;
            return (n == null ||
                (allowScalar &&
                    identity.isScalar(n) &&
                    n.value == null &&
                    !n.commentBefore &&
                    !n.comment &&
                    !n.tag));
        });
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     */
    hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
            this.set(key, value);
        }
        else {
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.setIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
}

exports.Collection = Collection;
exports.collectionFromPath = collectionFromPath;
exports.isEmptyPath = isEmptyPath;


/***/ }),

/***/ 6673:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var applyReviver = __nccwpck_require__(3661);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

class NodeBase {
    constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
    }
    /** Create a copy of this node.  */
    clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** A plain JavaScript representation of this node. */
    toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
            throw new TypeError('A document argument is required');
        const ctx = {
            anchors: new Map(),
            doc,
            keep: true,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
}

exports.NodeBase = NodeBase;


/***/ }),

/***/ 7165:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyPair = __nccwpck_require__(9748);
var addPairToJSMap = __nccwpck_require__(7104);
var identity = __nccwpck_require__(1127);

function createPair(key, value, ctx) {
    const k = createNode.createNode(key, undefined, ctx);
    const v = createNode.createNode(value, undefined, ctx);
    return new Pair(k, v);
}
class Pair {
    constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
    }
    clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
            key = key.clone(schema);
        if (identity.isNode(value))
            value = value.clone(schema);
        return new Pair(key, value);
    }
    toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
    }
    toString(ctx, onComment, onChompKeep) {
        return ctx?.doc
            ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep)
            : JSON.stringify(this);
    }
}

exports.Pair = Pair;
exports.createPair = createPair;


/***/ }),

/***/ 3301:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

const isScalarValue = (value) => !value || (typeof value !== 'function' && typeof value !== 'object');
class Scalar extends Node.NodeBase {
    constructor(value) {
        super(identity.SCALAR);
        this.value = value;
    }
    toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
    }
    toString() {
        return String(this.value);
    }
}
Scalar.BLOCK_FOLDED = 'BLOCK_FOLDED';
Scalar.BLOCK_LITERAL = 'BLOCK_LITERAL';
Scalar.PLAIN = 'PLAIN';
Scalar.QUOTE_DOUBLE = 'QUOTE_DOUBLE';
Scalar.QUOTE_SINGLE = 'QUOTE_SINGLE';

exports.Scalar = Scalar;
exports.isScalarValue = isScalarValue;


/***/ }),

/***/ 4454:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyCollection = __nccwpck_require__(1212);
var addPairToJSMap = __nccwpck_require__(7104);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);

function findPair(items, key) {
    const k = identity.isScalar(key) ? key.value : key;
    for (const it of items) {
        if (identity.isPair(it)) {
            if (it.key === key || it.key === k)
                return it;
            if (identity.isScalar(it.key) && it.key.value === k)
                return it;
        }
    }
    return undefined;
}
class YAMLMap extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:map';
    }
    constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
    }
    /**
     * A generic collection parsing method that can be extended
     * to other node classes that inherit from YAMLMap
     */
    static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
            if (typeof replacer === 'function')
                value = replacer.call(obj, key, value);
            else if (Array.isArray(replacer) && !replacer.includes(key))
                return;
            if (value !== undefined || keepUndefined)
                map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
            for (const [key, value] of obj)
                add(key, value);
        }
        else if (obj && typeof obj === 'object') {
            for (const key of Object.keys(obj))
                add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === 'function') {
            map.items.sort(schema.sortMapEntries);
        }
        return map;
    }
    /**
     * Adds a value to the collection.
     *
     * @param overwrite - If not set `true`, using a key that is already in the
     *   collection will throw. Otherwise, overwrites the previous value.
     */
    add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
            _pair = pair;
        else if (!pair || typeof pair !== 'object' || !('key' in pair)) {
            // In TypeScript, this never happens.
            _pair = new Pair.Pair(pair, pair?.value);
        }
        else
            _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
            if (!overwrite)
                throw new Error(`Key ${_pair.key} already set`);
            // For scalars, keep the old node & its comments and anchors
            if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
                prev.value.value = _pair.value;
            else
                prev.value = _pair.value;
        }
        else if (sortEntries) {
            const i = this.items.findIndex(item => sortEntries(_pair, item) < 0);
            if (i === -1)
                this.items.push(_pair);
            else
                this.items.splice(i, 0, _pair);
        }
        else {
            this.items.push(_pair);
        }
    }
    delete(key) {
        const it = findPair(this.items, key);
        if (!it)
            return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? undefined;
    }
    has(key) {
        return !!findPair(this.items, key);
    }
    set(key, value) {
        this.add(new Pair.Pair(key, value), true);
    }
    /**
     * @param ctx - Conversion context, originally set in Document#toJS()
     * @param {Class} Type - If set, forces the returned collection type
     * @returns Instance of Type, Map, or Object
     */
    toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? new Map() : {};
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const item of this.items)
            addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        for (const item of this.items) {
            if (!identity.isPair(item))
                throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
            ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '',
            flowChars: { start: '{', end: '}' },
            itemIndent: ctx.indent || '',
            onChompKeep,
            onComment
        });
    }
}

exports.YAMLMap = YAMLMap;
exports.findPair = findPair;


/***/ }),

/***/ 2223:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyCollection = __nccwpck_require__(1212);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var toJS = __nccwpck_require__(4043);

class YAMLSeq extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:seq';
    }
    constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
    }
    add(value) {
        this.items.push(value);
    }
    /**
     * Removes a value from the collection.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     *
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return undefined;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     */
    has(key) {
        const idx = asItemIndex(key);
        return typeof idx === 'number' && idx < this.items.length;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     *
     * If `key` does not contain a representation of an integer, this will throw.
     * It may be wrapped in a `Scalar`.
     */
    set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
            prev.value = value;
        else
            this.items[idx] = value;
    }
    toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
            ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
            seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '- ',
            flowChars: { start: '[', end: ']' },
            itemIndent: (ctx.indent || '') + '  ',
            onChompKeep,
            onComment
        });
    }
    static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
            let i = 0;
            for (let it of obj) {
                if (typeof replacer === 'function') {
                    const key = obj instanceof Set ? it : String(i++);
                    it = replacer.call(obj, key, it);
                }
                seq.items.push(createNode.createNode(it, undefined, ctx));
            }
        }
        return seq;
    }
}
function asItemIndex(key) {
    let idx = identity.isScalar(key) ? key.value : key;
    if (idx && typeof idx === 'string')
        idx = Number(idx);
    return typeof idx === 'number' && Number.isInteger(idx) && idx >= 0
        ? idx
        : null;
}

exports.YAMLSeq = YAMLSeq;


/***/ }),

/***/ 7104:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var log = __nccwpck_require__(7249);
var merge = __nccwpck_require__(452);
var stringify = __nccwpck_require__(2148);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

function addPairToJSMap(ctx, map, { key, value }) {
    if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
    // TODO: Should drop this special case for bare << handling
    else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
    else {
        const jsKey = toJS.toJS(key, '', ctx);
        if (map instanceof Map) {
            map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        }
        else if (map instanceof Set) {
            map.add(jsKey);
        }
        else {
            const stringKey = stringifyKey(key, jsKey, ctx);
            const jsValue = toJS.toJS(value, stringKey, ctx);
            if (stringKey in map)
                Object.defineProperty(map, stringKey, {
                    value: jsValue,
                    writable: true,
                    enumerable: true,
                    configurable: true
                });
            else
                map[stringKey] = jsValue;
        }
    }
    return map;
}
function stringifyKey(key, jsKey, ctx) {
    if (jsKey === null)
        return '';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    if (typeof jsKey !== 'object')
        return String(jsKey);
    if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = new Set();
        for (const node of ctx.anchors.keys())
            strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
            let jsonStr = JSON.stringify(strKey);
            if (jsonStr.length > 40)
                jsonStr = jsonStr.substring(0, 36) + '..."';
            log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
            ctx.mapKeyWarned = true;
        }
        return strKey;
    }
    return JSON.stringify(jsKey);
}

exports.addPairToJSMap = addPairToJSMap;


/***/ }),

/***/ 1127:
/***/ ((__unused_webpack_module, exports) => {



const ALIAS = Symbol.for('yaml.alias');
const DOC = Symbol.for('yaml.document');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');
const NODE_TYPE = Symbol.for('yaml.node.type');
const isAlias = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === ALIAS;
const isDocument = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === DOC;
const isMap = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === MAP;
const isPair = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === PAIR;
const isScalar = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SCALAR;
const isSeq = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SEQ;
function isCollection(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case MAP:
            case SEQ:
                return true;
        }
    return false;
}
function isNode(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case ALIAS:
            case MAP:
            case SCALAR:
            case SEQ:
                return true;
        }
    return false;
}
const hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;

exports.ALIAS = ALIAS;
exports.DOC = DOC;
exports.MAP = MAP;
exports.NODE_TYPE = NODE_TYPE;
exports.PAIR = PAIR;
exports.SCALAR = SCALAR;
exports.SEQ = SEQ;
exports.hasAnchor = hasAnchor;
exports.isAlias = isAlias;
exports.isCollection = isCollection;
exports.isDocument = isDocument;
exports.isMap = isMap;
exports.isNode = isNode;
exports.isPair = isPair;
exports.isScalar = isScalar;
exports.isSeq = isSeq;


/***/ }),

/***/ 4043:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

/**
 * Recursively convert any node or its contents to native JavaScript
 *
 * @param value - The input value
 * @param arg - If `value` defines a `toJSON()` method, use this
 *   as its first argument
 * @param ctx - Conversion context, originally set in Document#toJS(). If
 *   `{ keep: true }` is not set, output should be suitable for JSON
 *   stringification.
 */
function toJS(value, arg, ctx) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return
    if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
    if (value && typeof value.toJSON === 'function') {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-call
        if (!ctx || !identity.hasAnchor(value))
            return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: undefined };
        ctx.anchors.set(value, data);
        ctx.onCreate = res => {
            data.res = res;
            delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
            ctx.onCreate(res);
        return res;
    }
    if (typeof value === 'bigint' && !ctx?.keep)
        return Number(value);
    return value;
}

exports.toJS = toJS;


/***/ }),

/***/ 110:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);
var errors = __nccwpck_require__(1464);
var stringifyString = __nccwpck_require__(3069);

function resolveAsScalar(token, strict = true, onError) {
    if (token) {
        const _onError = (pos, code, message) => {
            const offset = typeof pos === 'number' ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
            if (onError)
                onError(offset, code, message);
            else
                throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
            case 'block-scalar':
                return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
    }
    return null;
}
/**
 * Create a new scalar token with `value`
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.end Comments and whitespace after the end of the value, or after the block scalar header. If undefined, a newline will be added.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.indent The indent level of the token.
 * @param context.inFlow Is this scalar within a flow collection? This may affect the resolved type of the token's value.
 * @param context.offset The offset position of the token.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function createScalarToken(value, context) {
    const { implicitKey = false, indent, inFlow = false, offset = -1, type = 'PLAIN' } = context;
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    const end = context.end ?? [
        { type: 'newline', offset: -1, indent, source: '\n' }
    ];
    switch (source[0]) {
        case '|':
        case '>': {
            const he = source.indexOf('\n');
            const head = source.substring(0, he);
            const body = source.substring(he + 1) + '\n';
            const props = [
                { type: 'block-scalar-header', offset, indent, source: head }
            ];
            if (!addEndtoBlockProps(props, end))
                props.push({ type: 'newline', offset: -1, indent, source: '\n' });
            return { type: 'block-scalar', offset, indent, props, source: body };
        }
        case '"':
            return { type: 'double-quoted-scalar', offset, indent, source, end };
        case "'":
            return { type: 'single-quoted-scalar', offset, indent, source, end };
        default:
            return { type: 'scalar', offset, indent, source, end };
    }
}
/**
 * Set the value of `token` to the given string `value`, overwriting any previous contents and type that it may have.
 *
 * Best efforts are made to retain any comments previously associated with the `token`,
 * though all contents within a collection's `items` will be overwritten.
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param token Any token. If it does not include an `indent` value, the value will be stringified as if it were an implicit key.
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.afterKey In most cases, values after a key should have an additional level of indentation.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.inFlow Being within a flow collection may affect the resolved type of the token's value.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function setScalarValue(token, value, context = {}) {
    let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
    let indent = 'indent' in token ? token.indent : null;
    if (afterKey && typeof indent === 'number')
        indent += 2;
    if (!type)
        switch (token.type) {
            case 'single-quoted-scalar':
                type = 'QUOTE_SINGLE';
                break;
            case 'double-quoted-scalar':
                type = 'QUOTE_DOUBLE';
                break;
            case 'block-scalar': {
                const header = token.props[0];
                if (header.type !== 'block-scalar-header')
                    throw new Error('Invalid block scalar header');
                type = header.source[0] === '>' ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
                break;
            }
            default:
                type = 'PLAIN';
        }
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    switch (source[0]) {
        case '|':
        case '>':
            setBlockScalarValue(token, source);
            break;
        case '"':
            setFlowScalarValue(token, source, 'double-quoted-scalar');
            break;
        case "'":
            setFlowScalarValue(token, source, 'single-quoted-scalar');
            break;
        default:
            setFlowScalarValue(token, source, 'scalar');
    }
}
function setBlockScalarValue(token, source) {
    const he = source.indexOf('\n');
    const head = source.substring(0, he);
    const body = source.substring(he + 1) + '\n';
    if (token.type === 'block-scalar') {
        const header = token.props[0];
        if (header.type !== 'block-scalar-header')
            throw new Error('Invalid block scalar header');
        header.source = head;
        token.source = body;
    }
    else {
        const { offset } = token;
        const indent = 'indent' in token ? token.indent : -1;
        const props = [
            { type: 'block-scalar-header', offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, 'end' in token ? token.end : undefined))
            props.push({ type: 'newline', offset: -1, indent, source: '\n' });
        for (const key of Object.keys(token))
            if (key !== 'type' && key !== 'offset')
                delete token[key];
        Object.assign(token, { type: 'block-scalar', indent, props, source: body });
    }
}
/** @returns `true` if last token is a newline */
function addEndtoBlockProps(props, end) {
    if (end)
        for (const st of end)
            switch (st.type) {
                case 'space':
                case 'comment':
                    props.push(st);
                    break;
                case 'newline':
                    props.push(st);
                    return true;
            }
    return false;
}
function setFlowScalarValue(token, source, type) {
    switch (token.type) {
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            token.type = type;
            token.source = source;
            break;
        case 'block-scalar': {
            const end = token.props.slice(1);
            let oa = source.length;
            if (token.props[0].type === 'block-scalar-header')
                oa -= token.props[0].source.length;
            for (const tok of end)
                tok.offset += oa;
            delete token.props;
            Object.assign(token, { type, source, end });
            break;
        }
        case 'block-map':
        case 'block-seq': {
            const offset = token.offset + source.length;
            const nl = { type: 'newline', offset, indent: token.indent, source: '\n' };
            delete token.items;
            Object.assign(token, { type, source, end: [nl] });
            break;
        }
        default: {
            const indent = 'indent' in token ? token.indent : -1;
            const end = 'end' in token && Array.isArray(token.end)
                ? token.end.filter(st => st.type === 'space' ||
                    st.type === 'comment' ||
                    st.type === 'newline')
                : [];
            for (const key of Object.keys(token))
                if (key !== 'type' && key !== 'offset')
                    delete token[key];
            Object.assign(token, { type, indent, source, end });
        }
    }
}

exports.createScalarToken = createScalarToken;
exports.resolveAsScalar = resolveAsScalar;
exports.setScalarValue = setScalarValue;


/***/ }),

/***/ 1733:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringify a CST document, token, or collection item
 *
 * Fair warning: This applies no validation whatsoever, and
 * simply concatenates the sources in their logical order.
 */
const stringify = (cst) => 'type' in cst ? stringifyToken(cst) : stringifyItem(cst);
function stringifyToken(token) {
    switch (token.type) {
        case 'block-scalar': {
            let res = '';
            for (const tok of token.props)
                res += stringifyToken(tok);
            return res + token.source;
        }
        case 'block-map':
        case 'block-seq': {
            let res = '';
            for (const item of token.items)
                res += stringifyItem(item);
            return res;
        }
        case 'flow-collection': {
            let res = token.start.source;
            for (const item of token.items)
                res += stringifyItem(item);
            for (const st of token.end)
                res += st.source;
            return res;
        }
        case 'document': {
            let res = stringifyItem(token);
            if (token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
        default: {
            let res = token.source;
            if ('end' in token && token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
    }
}
function stringifyItem({ start, key, sep, value }) {
    let res = '';
    for (const st of start)
        res += st.source;
    if (key)
        res += stringifyToken(key);
    if (sep)
        for (const st of sep)
            res += st.source;
    if (value)
        res += stringifyToken(value);
    return res;
}

exports.stringify = stringify;


/***/ }),

/***/ 7715:
/***/ ((__unused_webpack_module, exports) => {



const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove item');
/**
 * Apply a visitor to a CST document or item.
 *
 * Walks through the tree (depth-first) starting from the root, calling a
 * `visitor` function with two arguments when entering each item:
 *   - `item`: The current item, which included the following members:
 *     - `start: SourceToken[]` – Source tokens before the key or value,
 *       possibly including its anchor or tag.
 *     - `key?: Token | null` – Set for pair values. May then be `null`, if
 *       the key before the `:` separator is empty.
 *     - `sep?: SourceToken[]` – Source tokens between the key and the value,
 *       which should include the `:` map value indicator if `value` is set.
 *     - `value?: Token` – The value of a sequence item, or of a map pair.
 *   - `path`: The steps from the root to the current node, as an array of
 *     `['key' | 'value', number]` tuples.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this token, continue with
 *      next sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current item, then continue with the next one
 *   - `number`: Set the index of the next step. This is useful especially if
 *     the index of the current token has changed.
 *   - `function`: Define the next visitor for this item. After the original
 *     visitor is called on item entry, next visitors are called after handling
 *     a non-empty `key` and when exiting the item.
 */
function visit(cst, visitor) {
    if ('type' in cst && cst.type === 'document')
        cst = { start: cst.start, value: cst.value };
    _visit(Object.freeze([]), cst, visitor);
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current item */
visit.SKIP = SKIP;
/** Remove the current item */
visit.REMOVE = REMOVE;
/** Find the item at `path` from `cst` as the root */
visit.itemAtPath = (cst, path) => {
    let item = cst;
    for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && 'items' in tok) {
            item = tok.items[index];
        }
        else
            return undefined;
    }
    return item;
};
/**
 * Get the immediate parent collection of the item at `path` from `cst` as the root.
 *
 * Throws an error if the collection is not found, which should never happen if the item itself exists.
 */
visit.parentCollection = (cst, path) => {
    const parent = visit.itemAtPath(cst, path.slice(0, -1));
    const field = path[path.length - 1][0];
    const coll = parent?.[field];
    if (coll && 'items' in coll)
        return coll;
    throw new Error('Parent collection not found');
};
function _visit(path, item, visitor) {
    let ctrl = visitor(item, path);
    if (typeof ctrl === 'symbol')
        return ctrl;
    for (const field of ['key', 'value']) {
        const token = item[field];
        if (token && 'items' in token) {
            for (let i = 0; i < token.items.length; ++i) {
                const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    token.items.splice(i, 1);
                    i -= 1;
                }
            }
            if (typeof ctrl === 'function' && field === 'key')
                ctrl = ctrl(item, path);
        }
    }
    return typeof ctrl === 'function' ? ctrl(item, path) : ctrl;
}

exports.visit = visit;


/***/ }),

/***/ 3461:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cstScalar = __nccwpck_require__(110);
var cstStringify = __nccwpck_require__(1733);
var cstVisit = __nccwpck_require__(7715);

/** The byte order mark */
const BOM = '\u{FEFF}';
/** Start of doc-mode */
const DOCUMENT = '\x02'; // C0: Start of Text
/** Unexpected end of flow-mode */
const FLOW_END = '\x18'; // C0: Cancel
/** Next token is a scalar value */
const SCALAR = '\x1f'; // C0: Unit Separator
/** @returns `true` if `token` is a flow or block collection */
const isCollection = (token) => !!token && 'items' in token;
/** @returns `true` if `token` is a flow or block scalar; not an alias */
const isScalar = (token) => !!token &&
    (token.type === 'scalar' ||
        token.type === 'single-quoted-scalar' ||
        token.type === 'double-quoted-scalar' ||
        token.type === 'block-scalar');
/* istanbul ignore next */
/** Get a printable representation of a lexer token */
function prettyToken(token) {
    switch (token) {
        case BOM:
            return '<BOM>';
        case DOCUMENT:
            return '<DOC>';
        case FLOW_END:
            return '<FLOW_END>';
        case SCALAR:
            return '<SCALAR>';
        default:
            return JSON.stringify(token);
    }
}
/** Identify the type of a lexer token. May return `null` for unknown tokens. */
function tokenType(source) {
    switch (source) {
        case BOM:
            return 'byte-order-mark';
        case DOCUMENT:
            return 'doc-mode';
        case FLOW_END:
            return 'flow-error-end';
        case SCALAR:
            return 'scalar';
        case '---':
            return 'doc-start';
        case '...':
            return 'doc-end';
        case '':
        case '\n':
        case '\r\n':
            return 'newline';
        case '-':
            return 'seq-item-ind';
        case '?':
            return 'explicit-key-ind';
        case ':':
            return 'map-value-ind';
        case '{':
            return 'flow-map-start';
        case '}':
            return 'flow-map-end';
        case '[':
            return 'flow-seq-start';
        case ']':
            return 'flow-seq-end';
        case ',':
            return 'comma';
    }
    switch (source[0]) {
        case ' ':
        case '\t':
            return 'space';
        case '#':
            return 'comment';
        case '%':
            return 'directive-line';
        case '*':
            return 'alias';
        case '&':
            return 'anchor';
        case '!':
            return 'tag';
        case "'":
            return 'single-quoted-scalar';
        case '"':
            return 'double-quoted-scalar';
        case '|':
        case '>':
            return 'block-scalar-header';
    }
    return null;
}

exports.createScalarToken = cstScalar.createScalarToken;
exports.resolveAsScalar = cstScalar.resolveAsScalar;
exports.setScalarValue = cstScalar.setScalarValue;
exports.stringify = cstStringify.stringify;
exports.visit = cstVisit.visit;
exports.BOM = BOM;
exports.DOCUMENT = DOCUMENT;
exports.FLOW_END = FLOW_END;
exports.SCALAR = SCALAR;
exports.isCollection = isCollection;
exports.isScalar = isScalar;
exports.prettyToken = prettyToken;
exports.tokenType = tokenType;


/***/ }),

/***/ 361:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cst = __nccwpck_require__(3461);

/*
START -> stream

stream
  directive -> line-end -> stream
  indent + line-end -> stream
  [else] -> line-start

line-end
  comment -> line-end
  newline -> .
  input-end -> END

line-start
  doc-start -> doc
  doc-end -> stream
  [else] -> indent -> block-start

block-start
  seq-item-start -> block-start
  explicit-key-start -> block-start
  map-value-start -> block-start
  [else] -> doc

doc
  line-end -> line-start
  spaces -> doc
  anchor -> doc
  tag -> doc
  flow-start -> flow -> doc
  flow-end -> error -> doc
  seq-item-start -> error -> doc
  explicit-key-start -> error -> doc
  map-value-start -> doc
  alias -> doc
  quote-start -> quoted-scalar -> doc
  block-scalar-header -> line-end -> block-scalar(min) -> line-start
  [else] -> plain-scalar(false, min) -> doc

flow
  line-end -> flow
  spaces -> flow
  anchor -> flow
  tag -> flow
  flow-start -> flow -> flow
  flow-end -> .
  seq-item-start -> error -> flow
  explicit-key-start -> flow
  map-value-start -> flow
  alias -> flow
  quote-start -> quoted-scalar -> flow
  comma -> flow
  [else] -> plain-scalar(true, 0) -> flow

quoted-scalar
  quote-end -> .
  [else] -> quoted-scalar

block-scalar(min)
  newline + peek(indent < min) -> .
  [else] -> block-scalar(min)

plain-scalar(is-flow, min)
  scalar-end(is-flow) -> .
  peek(newline + (indent < min)) -> .
  [else] -> plain-scalar(min)
*/
function isEmpty(ch) {
    switch (ch) {
        case undefined:
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            return true;
        default:
            return false;
    }
}
const hexDigits = new Set('0123456789ABCDEFabcdef');
const tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
const flowIndicatorChars = new Set(',[]{}');
const invalidAnchorChars = new Set(' ,[]{}\n\r\t');
const isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
/**
 * Splits an input string into lexical tokens, i.e. smaller strings that are
 * easily identifiable by `tokens.tokenType()`.
 *
 * Lexing starts always in a "stream" context. Incomplete input may be buffered
 * until a complete token can be emitted.
 *
 * In addition to slices of the original input, the following control characters
 * may also be emitted:
 *
 * - `\x02` (Start of Text): A document starts with the next token
 * - `\x18` (Cancel): Unexpected end of flow-mode (indicates an error)
 * - `\x1f` (Unit Separator): Next token is a scalar value
 * - `\u{FEFF}` (Byte order mark): Emitted separately outside documents
 */
class Lexer {
    constructor() {
        /**
         * Flag indicating whether the end of the current buffer marks the end of
         * all input
         */
        this.atEnd = false;
        /**
         * Explicit indent set in block scalar header, as an offset from the current
         * minimum indent, so e.g. set to 1 from a header `|2+`. Set to -1 if not
         * explicitly set.
         */
        this.blockScalarIndent = -1;
        /**
         * Block scalars that include a + (keep) chomping indicator in their header
         * include trailing empty lines, which are otherwise excluded from the
         * scalar's contents.
         */
        this.blockScalarKeep = false;
        /** Current input */
        this.buffer = '';
        /**
         * Flag noting whether the map value indicator : can immediately follow this
         * node within a flow context.
         */
        this.flowKey = false;
        /** Count of surrounding flow collection levels. */
        this.flowLevel = 0;
        /**
         * Minimum level of indentation required for next lines to be parsed as a
         * part of the current scalar value.
         */
        this.indentNext = 0;
        /** Indentation level of the current line. */
        this.indentValue = 0;
        /** Position of the next \n character. */
        this.lineEndPos = null;
        /** Stores the state of the lexer if reaching the end of incpomplete input */
        this.next = null;
        /** A pointer to `buffer`; the current position of the lexer. */
        this.pos = 0;
    }
    /**
     * Generate YAML tokens from the `source` string. If `incomplete`,
     * a part of the last line may be left as a buffer for the next call.
     *
     * @returns A generator of lexical tokens
     */
    *lex(source, incomplete = false) {
        if (source) {
            if (typeof source !== 'string')
                throw TypeError('source is not a string');
            this.buffer = this.buffer ? this.buffer + source : source;
            this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? 'stream';
        while (next && (incomplete || this.hasChars(1)))
            next = yield* this.parseNext(next);
    }
    atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === ' ' || ch === '\t')
            ch = this.buffer[++i];
        if (!ch || ch === '#' || ch === '\n')
            return true;
        if (ch === '\r')
            return this.buffer[i + 1] === '\n';
        return false;
    }
    charAt(n) {
        return this.buffer[this.pos + n];
    }
    continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
            let indent = 0;
            while (ch === ' ')
                ch = this.buffer[++indent + offset];
            if (ch === '\r') {
                const next = this.buffer[indent + offset + 1];
                if (next === '\n' || (!next && !this.atEnd))
                    return offset + indent + 1;
            }
            return ch === '\n' || indent >= this.indentNext || (!ch && !this.atEnd)
                ? offset + indent
                : -1;
        }
        if (ch === '-' || ch === '.') {
            const dt = this.buffer.substr(offset, 3);
            if ((dt === '---' || dt === '...') && isEmpty(this.buffer[offset + 3]))
                return -1;
        }
        return offset;
    }
    getLine() {
        let end = this.lineEndPos;
        if (typeof end !== 'number' || (end !== -1 && end < this.pos)) {
            end = this.buffer.indexOf('\n', this.pos);
            this.lineEndPos = end;
        }
        if (end === -1)
            return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === '\r')
            end -= 1;
        return this.buffer.substring(this.pos, end);
    }
    hasChars(n) {
        return this.pos + n <= this.buffer.length;
    }
    setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
    }
    peek(n) {
        return this.buffer.substr(this.pos, n);
    }
    *parseNext(next) {
        switch (next) {
            case 'stream':
                return yield* this.parseStream();
            case 'line-start':
                return yield* this.parseLineStart();
            case 'block-start':
                return yield* this.parseBlockStart();
            case 'doc':
                return yield* this.parseDocument();
            case 'flow':
                return yield* this.parseFlowCollection();
            case 'quoted-scalar':
                return yield* this.parseQuotedScalar();
            case 'block-scalar':
                return yield* this.parseBlockScalar();
            case 'plain-scalar':
                return yield* this.parsePlainScalar();
        }
    }
    *parseStream() {
        let line = this.getLine();
        if (line === null)
            return this.setNext('stream');
        if (line[0] === cst.BOM) {
            yield* this.pushCount(1);
            line = line.substring(1);
        }
        if (line[0] === '%') {
            let dirEnd = line.length;
            let cs = line.indexOf('#');
            while (cs !== -1) {
                const ch = line[cs - 1];
                if (ch === ' ' || ch === '\t') {
                    dirEnd = cs - 1;
                    break;
                }
                else {
                    cs = line.indexOf('#', cs + 1);
                }
            }
            while (true) {
                const ch = line[dirEnd - 1];
                if (ch === ' ' || ch === '\t')
                    dirEnd -= 1;
                else
                    break;
            }
            const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
            yield* this.pushCount(line.length - n); // possible comment
            this.pushNewline();
            return 'stream';
        }
        if (this.atLineEnd()) {
            const sp = yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - sp);
            yield* this.pushNewline();
            return 'stream';
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
    }
    *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
            return this.setNext('line-start');
        if (ch === '-' || ch === '.') {
            if (!this.atEnd && !this.hasChars(4))
                return this.setNext('line-start');
            const s = this.peek(3);
            if ((s === '---' || s === '...') && isEmpty(this.charAt(3))) {
                yield* this.pushCount(3);
                this.indentValue = 0;
                this.indentNext = 0;
                return s === '---' ? 'doc' : 'stream';
            }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
            this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
    }
    *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
            return this.setNext('block-start');
        if ((ch0 === '-' || ch0 === '?' || ch0 === ':') && isEmpty(ch1)) {
            const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
            this.indentNext = this.indentValue + 1;
            this.indentValue += n;
            return 'block-start';
        }
        return 'doc';
    }
    *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
            return this.setNext('doc');
        let n = yield* this.pushIndicators();
        switch (line[n]) {
            case '#':
                yield* this.pushCount(line.length - n);
            // fallthrough
            case undefined:
                yield* this.pushNewline();
                return yield* this.parseLineStart();
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel = 1;
                return 'flow';
            case '}':
            case ']':
                // this is an error
                yield* this.pushCount(1);
                return 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'doc';
            case '"':
            case "'":
                return yield* this.parseQuotedScalar();
            case '|':
            case '>':
                n += yield* this.parseBlockScalarHeader();
                n += yield* this.pushSpaces(true);
                yield* this.pushCount(line.length - n);
                yield* this.pushNewline();
                return yield* this.parseBlockScalar();
            default:
                return yield* this.parsePlainScalar();
        }
    }
    *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
            nl = yield* this.pushNewline();
            if (nl > 0) {
                sp = yield* this.pushSpaces(false);
                this.indentValue = indent = sp;
            }
            else {
                sp = 0;
            }
            sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
            return this.setNext('flow');
        if ((indent !== -1 && indent < this.indentNext && line[0] !== '#') ||
            (indent === 0 &&
                (line.startsWith('---') || line.startsWith('...')) &&
                isEmpty(line[3]))) {
            // Allowing for the terminal ] or } at the same (rather than greater)
            // indent level as the initial [ or { is technically invalid, but
            // failing here would be surprising to users.
            const atFlowEndMarker = indent === this.indentNext - 1 &&
                this.flowLevel === 1 &&
                (line[0] === ']' || line[0] === '}');
            if (!atFlowEndMarker) {
                // this is an error
                this.flowLevel = 0;
                yield cst.FLOW_END;
                return yield* this.parseLineStart();
            }
        }
        let n = 0;
        while (line[n] === ',') {
            n += yield* this.pushCount(1);
            n += yield* this.pushSpaces(true);
            this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
            case undefined:
                return 'flow';
            case '#':
                yield* this.pushCount(line.length - n);
                return 'flow';
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel += 1;
                return 'flow';
            case '}':
            case ']':
                yield* this.pushCount(1);
                this.flowKey = true;
                this.flowLevel -= 1;
                return this.flowLevel ? 'flow' : 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'flow';
            case '"':
            case "'":
                this.flowKey = true;
                return yield* this.parseQuotedScalar();
            case ':': {
                const next = this.charAt(1);
                if (this.flowKey || isEmpty(next) || next === ',') {
                    this.flowKey = false;
                    yield* this.pushCount(1);
                    yield* this.pushSpaces(true);
                    return 'flow';
                }
            }
            // fallthrough
            default:
                this.flowKey = false;
                return yield* this.parsePlainScalar();
        }
    }
    *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
            while (end !== -1 && this.buffer[end + 1] === "'")
                end = this.buffer.indexOf("'", end + 2);
        }
        else {
            // double-quote
            while (end !== -1) {
                let n = 0;
                while (this.buffer[end - 1 - n] === '\\')
                    n += 1;
                if (n % 2 === 0)
                    break;
                end = this.buffer.indexOf('"', end + 1);
            }
        }
        // Only looking for newlines within the quotes
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf('\n', this.pos);
        if (nl !== -1) {
            while (nl !== -1) {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = qb.indexOf('\n', cs);
            }
            if (nl !== -1) {
                // this is an error caused by an unexpected unindent
                end = nl - (qb[nl - 1] === '\r' ? 2 : 1);
            }
        }
        if (end === -1) {
            if (!this.atEnd)
                return this.setNext('quoted-scalar');
            end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? 'flow' : 'doc';
    }
    *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
            const ch = this.buffer[++i];
            if (ch === '+')
                this.blockScalarKeep = true;
            else if (ch > '0' && ch <= '9')
                this.blockScalarIndent = Number(ch) - 1;
            else if (ch !== '-')
                break;
        }
        return yield* this.pushUntil(ch => isEmpty(ch) || ch === '#');
    }
    *parseBlockScalar() {
        let nl = this.pos - 1; // may be -1 if this.pos === 0
        let indent = 0;
        let ch;
        loop: for (let i = this.pos; (ch = this.buffer[i]); ++i) {
            switch (ch) {
                case ' ':
                    indent += 1;
                    break;
                case '\n':
                    nl = i;
                    indent = 0;
                    break;
                case '\r': {
                    const next = this.buffer[i + 1];
                    if (!next && !this.atEnd)
                        return this.setNext('block-scalar');
                    if (next === '\n')
                        break;
                } // fallthrough
                default:
                    break loop;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('block-scalar');
        if (indent >= this.indentNext) {
            if (this.blockScalarIndent === -1)
                this.indentNext = indent;
            else {
                this.indentNext =
                    this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
            }
            do {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = this.buffer.indexOf('\n', cs);
            } while (nl !== -1);
            if (nl === -1) {
                if (!this.atEnd)
                    return this.setNext('block-scalar');
                nl = this.buffer.length;
            }
        }
        // Trailing insufficiently indented tabs are invalid.
        // To catch that during parsing, we include them in the block scalar value.
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === ' ')
            ch = this.buffer[++i];
        if (ch === '\t') {
            while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n')
                ch = this.buffer[++i];
            nl = i - 1;
        }
        else if (!this.blockScalarKeep) {
            do {
                let i = nl - 1;
                let ch = this.buffer[i];
                if (ch === '\r')
                    ch = this.buffer[--i];
                const lastChar = i; // Drop the line if last char not more indented
                while (ch === ' ')
                    ch = this.buffer[--i];
                if (ch === '\n' && i >= this.pos && i + 1 + indent > lastChar)
                    nl = i;
                else
                    break;
            } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
    }
    *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while ((ch = this.buffer[++i])) {
            if (ch === ':') {
                const next = this.buffer[i + 1];
                if (isEmpty(next) || (inFlow && flowIndicatorChars.has(next)))
                    break;
                end = i;
            }
            else if (isEmpty(ch)) {
                let next = this.buffer[i + 1];
                if (ch === '\r') {
                    if (next === '\n') {
                        i += 1;
                        ch = '\n';
                        next = this.buffer[i + 1];
                    }
                    else
                        end = i;
                }
                if (next === '#' || (inFlow && flowIndicatorChars.has(next)))
                    break;
                if (ch === '\n') {
                    const cs = this.continueScalar(i + 1);
                    if (cs === -1)
                        break;
                    i = Math.max(i, cs - 2); // to advance, but still account for ' #'
                }
            }
            else {
                if (inFlow && flowIndicatorChars.has(ch))
                    break;
                end = i;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('plain-scalar');
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? 'flow' : 'doc';
    }
    *pushCount(n) {
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos += n;
            return n;
        }
        return 0;
    }
    *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
            yield s;
            this.pos += s.length;
            return s.length;
        }
        else if (allowEmpty)
            yield '';
        return 0;
    }
    *pushIndicators() {
        let n = 0;
        loop: while (true) {
            switch (this.charAt(0)) {
                case '!':
                    n += yield* this.pushTag();
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '&':
                    n += yield* this.pushUntil(isNotAnchorChar);
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '-': // this is an error
                case '?': // this is an error outside flow collections
                case ':': {
                    const inFlow = this.flowLevel > 0;
                    const ch1 = this.charAt(1);
                    if (isEmpty(ch1) || (inFlow && flowIndicatorChars.has(ch1))) {
                        if (!inFlow)
                            this.indentNext = this.indentValue + 1;
                        else if (this.flowKey)
                            this.flowKey = false;
                        n += yield* this.pushCount(1);
                        n += yield* this.pushSpaces(true);
                        continue loop;
                    }
                }
            }
            break loop;
        }
        return n;
    }
    *pushTag() {
        if (this.charAt(1) === '<') {
            let i = this.pos + 2;
            let ch = this.buffer[i];
            while (!isEmpty(ch) && ch !== '>')
                ch = this.buffer[++i];
            return yield* this.pushToIndex(ch === '>' ? i + 1 : i, false);
        }
        else {
            let i = this.pos + 1;
            let ch = this.buffer[i];
            while (ch) {
                if (tagChars.has(ch))
                    ch = this.buffer[++i];
                else if (ch === '%' &&
                    hexDigits.has(this.buffer[i + 1]) &&
                    hexDigits.has(this.buffer[i + 2])) {
                    ch = this.buffer[(i += 3)];
                }
                else
                    break;
            }
            return yield* this.pushToIndex(i, false);
        }
    }
    *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === '\n')
            return yield* this.pushCount(1);
        else if (ch === '\r' && this.charAt(1) === '\n')
            return yield* this.pushCount(2);
        else
            return 0;
    }
    *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
            ch = this.buffer[++i];
        } while (ch === ' ' || (allowTabs && ch === '\t'));
        const n = i - this.pos;
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos = i;
        }
        return n;
    }
    *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
            ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
    }
}

exports.Lexer = Lexer;


/***/ }),

/***/ 6628:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Tracks newlines during parsing in order to provide an efficient API for
 * determining the one-indexed `{ line, col }` position for any offset
 * within the input.
 */
class LineCounter {
    constructor() {
        this.lineStarts = [];
        /**
         * Should be called in ascending order. Otherwise, call
         * `lineCounter.lineStarts.sort()` before calling `linePos()`.
         */
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        /**
         * Performs a binary search and returns the 1-indexed { line, col }
         * position of `offset`. If `line === 0`, `addNewLine` has never been
         * called or `offset` is before the first known newline.
         */
        this.linePos = (offset) => {
            let low = 0;
            let high = this.lineStarts.length;
            while (low < high) {
                const mid = (low + high) >> 1; // Math.floor((low + high) / 2)
                if (this.lineStarts[mid] < offset)
                    low = mid + 1;
                else
                    high = mid;
            }
            if (this.lineStarts[low] === offset)
                return { line: low + 1, col: 1 };
            if (low === 0)
                return { line: 0, col: offset };
            const start = this.lineStarts[low - 1];
            return { line: low, col: offset - start + 1 };
        };
    }
}

exports.LineCounter = LineCounter;


/***/ }),

/***/ 3456:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);

function includesToken(list, type) {
    for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
            return true;
    return false;
}
function findNonEmptyIndex(list) {
    for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
            case 'space':
            case 'comment':
            case 'newline':
                break;
            default:
                return i;
        }
    }
    return -1;
}
function isFlowToken(token) {
    switch (token?.type) {
        case 'alias':
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'flow-collection':
            return true;
        default:
            return false;
    }
}
function getPrevProps(parent) {
    switch (parent.type) {
        case 'document':
            return parent.start;
        case 'block-map': {
            const it = parent.items[parent.items.length - 1];
            return it.sep ?? it.start;
        }
        case 'block-seq':
            return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
            return [];
    }
}
/** Note: May modify input array */
function getFirstKeyStartProps(prev) {
    if (prev.length === 0)
        return [];
    let i = prev.length;
    loop: while (--i >= 0) {
        switch (prev[i].type) {
            case 'doc-start':
            case 'explicit-key-ind':
            case 'map-value-ind':
            case 'seq-item-ind':
            case 'newline':
                break loop;
        }
    }
    while (prev[++i]?.type === 'space') {
        /* loop */
    }
    return prev.splice(i, prev.length);
}
function arrayPushArray(target, source) {
    // May exhaust call stack with large `source` array
    if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
    else
        for (let i = 0; i < source.length; ++i)
            target.push(source[i]);
}
function fixFlowSeqItems(fc) {
    if (fc.start.type === 'flow-seq-start') {
        for (const it of fc.items) {
            if (it.sep &&
                !it.value &&
                !includesToken(it.start, 'explicit-key-ind') &&
                !includesToken(it.sep, 'map-value-ind')) {
                if (it.key)
                    it.value = it.key;
                delete it.key;
                if (isFlowToken(it.value)) {
                    if (it.value.end)
                        arrayPushArray(it.value.end, it.sep);
                    else
                        it.value.end = it.sep;
                }
                else
                    arrayPushArray(it.start, it.sep);
                delete it.sep;
            }
        }
    }
}
/**
 * A YAML concrete syntax tree (CST) parser
 *
 * ```ts
 * const src: string = ...
 * for (const token of new Parser().parse(src)) {
 *   // token: Token
 * }
 * ```
 *
 * To use the parser with a user-provided lexer:
 *
 * ```ts
 * function* parse(source: string, lexer: Lexer) {
 *   const parser = new Parser()
 *   for (const lexeme of lexer.lex(source))
 *     yield* parser.next(lexeme)
 *   yield* parser.end()
 * }
 *
 * const src: string = ...
 * const lexer = new Lexer()
 * for (const token of parse(src, lexer)) {
 *   // token: Token
 * }
 * ```
 */
class Parser {
    /**
     * @param onNewLine - If defined, called separately with the start position of
     *   each new line (in `parse()`, including the start of input).
     */
    constructor(onNewLine) {
        /** If true, space and sequence indicators count as indentation */
        this.atNewLine = true;
        /** If true, next token is a scalar value */
        this.atScalar = false;
        /** Current indentation level */
        this.indent = 0;
        /** Current offset since the start of parsing */
        this.offset = 0;
        /** On the same line with a block map key */
        this.onKeyLine = false;
        /** Top indicates the node that's currently being built */
        this.stack = [];
        /** The source of the current token, set in parse() */
        this.source = '';
        /** The type of the current token, set in parse() */
        this.type = '';
        // Must be defined after `next()`
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
    }
    /**
     * Parse `source` as a YAML stream.
     * If `incomplete`, a part of the last line may be left as a buffer for the next call.
     *
     * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
     *
     * @returns A generator of tokens representing each directive, document, and other structure.
     */
    *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
            this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
            yield* this.next(lexeme);
        if (!incomplete)
            yield* this.end();
    }
    /**
     * Advance the parser by the `source` of one lexical token.
     */
    *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
            console.log('|', cst.prettyToken(source));
        if (this.atScalar) {
            this.atScalar = false;
            yield* this.step();
            this.offset += source.length;
            return;
        }
        const type = cst.tokenType(source);
        if (!type) {
            const message = `Not a YAML token: ${source}`;
            yield* this.pop({ type: 'error', offset: this.offset, message, source });
            this.offset += source.length;
        }
        else if (type === 'scalar') {
            this.atNewLine = false;
            this.atScalar = true;
            this.type = 'scalar';
        }
        else {
            this.type = type;
            yield* this.step();
            switch (type) {
                case 'newline':
                    this.atNewLine = true;
                    this.indent = 0;
                    if (this.onNewLine)
                        this.onNewLine(this.offset + source.length);
                    break;
                case 'space':
                    if (this.atNewLine && source[0] === ' ')
                        this.indent += source.length;
                    break;
                case 'explicit-key-ind':
                case 'map-value-ind':
                case 'seq-item-ind':
                    if (this.atNewLine)
                        this.indent += source.length;
                    break;
                case 'doc-mode':
                case 'flow-error-end':
                    return;
                default:
                    this.atNewLine = false;
            }
            this.offset += source.length;
        }
    }
    /** Call at end of input to push out any remaining constructions */
    *end() {
        while (this.stack.length > 0)
            yield* this.pop();
    }
    get sourceToken() {
        const st = {
            type: this.type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
        return st;
    }
    *step() {
        const top = this.peek(1);
        if (this.type === 'doc-end' && top?.type !== 'doc-end') {
            while (this.stack.length > 0)
                yield* this.pop();
            this.stack.push({
                type: 'doc-end',
                offset: this.offset,
                source: this.source
            });
            return;
        }
        if (!top)
            return yield* this.stream();
        switch (top.type) {
            case 'document':
                return yield* this.document(top);
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return yield* this.scalar(top);
            case 'block-scalar':
                return yield* this.blockScalar(top);
            case 'block-map':
                return yield* this.blockMap(top);
            case 'block-seq':
                return yield* this.blockSequence(top);
            case 'flow-collection':
                return yield* this.flowCollection(top);
            case 'doc-end':
                return yield* this.documentEnd(top);
        }
        /* istanbul ignore next should not happen */
        yield* this.pop();
    }
    peek(n) {
        return this.stack[this.stack.length - n];
    }
    *pop(error) {
        const token = error ?? this.stack.pop();
        /* istanbul ignore if should not happen */
        if (!token) {
            const message = 'Tried to pop an empty stack';
            yield { type: 'error', offset: this.offset, source: '', message };
        }
        else if (this.stack.length === 0) {
            yield token;
        }
        else {
            const top = this.peek(1);
            if (token.type === 'block-scalar') {
                // Block scalars use their parent rather than header indent
                token.indent = 'indent' in top ? top.indent : 0;
            }
            else if (token.type === 'flow-collection' && top.type === 'document') {
                // Ignore all indent for top-level flow collections
                token.indent = 0;
            }
            if (token.type === 'flow-collection')
                fixFlowSeqItems(token);
            switch (top.type) {
                case 'document':
                    top.value = token;
                    break;
                case 'block-scalar':
                    top.props.push(token); // error
                    break;
                case 'block-map': {
                    const it = top.items[top.items.length - 1];
                    if (it.value) {
                        top.items.push({ start: [], key: token, sep: [] });
                        this.onKeyLine = true;
                        return;
                    }
                    else if (it.sep) {
                        it.value = token;
                    }
                    else {
                        Object.assign(it, { key: token, sep: [] });
                        this.onKeyLine = !it.explicitKey;
                        return;
                    }
                    break;
                }
                case 'block-seq': {
                    const it = top.items[top.items.length - 1];
                    if (it.value)
                        top.items.push({ start: [], value: token });
                    else
                        it.value = token;
                    break;
                }
                case 'flow-collection': {
                    const it = top.items[top.items.length - 1];
                    if (!it || it.value)
                        top.items.push({ start: [], key: token, sep: [] });
                    else if (it.sep)
                        it.value = token;
                    else
                        Object.assign(it, { key: token, sep: [] });
                    return;
                }
                /* istanbul ignore next should not happen */
                default:
                    yield* this.pop();
                    yield* this.pop(token);
            }
            if ((top.type === 'document' ||
                top.type === 'block-map' ||
                top.type === 'block-seq') &&
                (token.type === 'block-map' || token.type === 'block-seq')) {
                const last = token.items[token.items.length - 1];
                if (last &&
                    !last.sep &&
                    !last.value &&
                    last.start.length > 0 &&
                    findNonEmptyIndex(last.start) === -1 &&
                    (token.indent === 0 ||
                        last.start.every(st => st.type !== 'comment' || st.indent < token.indent))) {
                    if (top.type === 'document')
                        top.end = last.start;
                    else
                        top.items.push({ start: last.start });
                    token.items.splice(-1, 1);
                }
            }
        }
    }
    *stream() {
        switch (this.type) {
            case 'directive-line':
                yield { type: 'directive', offset: this.offset, source: this.source };
                return;
            case 'byte-order-mark':
            case 'space':
            case 'comment':
            case 'newline':
                yield this.sourceToken;
                return;
            case 'doc-mode':
            case 'doc-start': {
                const doc = {
                    type: 'document',
                    offset: this.offset,
                    start: []
                };
                if (this.type === 'doc-start')
                    doc.start.push(this.sourceToken);
                this.stack.push(doc);
                return;
            }
        }
        yield {
            type: 'error',
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML stream`,
            source: this.source
        };
    }
    *document(doc) {
        if (doc.value)
            return yield* this.lineEnd(doc);
        switch (this.type) {
            case 'doc-start': {
                if (findNonEmptyIndex(doc.start) !== -1) {
                    yield* this.pop();
                    yield* this.step();
                }
                else
                    doc.start.push(this.sourceToken);
                return;
            }
            case 'anchor':
            case 'tag':
            case 'space':
            case 'comment':
            case 'newline':
                doc.start.push(this.sourceToken);
                return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
            this.stack.push(bv);
        else {
            yield {
                type: 'error',
                offset: this.offset,
                message: `Unexpected ${this.type} token in YAML document`,
                source: this.source
            };
        }
    }
    *scalar(scalar) {
        if (this.type === 'map-value-ind') {
            const prev = getPrevProps(this.peek(2));
            const start = getFirstKeyStartProps(prev);
            let sep;
            if (scalar.end) {
                sep = scalar.end;
                sep.push(this.sourceToken);
                delete scalar.end;
            }
            else
                sep = [this.sourceToken];
            const map = {
                type: 'block-map',
                offset: scalar.offset,
                indent: scalar.indent,
                items: [{ start, key: scalar, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
        }
        else
            yield* this.lineEnd(scalar);
    }
    *blockScalar(scalar) {
        switch (this.type) {
            case 'space':
            case 'comment':
            case 'newline':
                scalar.props.push(this.sourceToken);
                return;
            case 'scalar':
                scalar.source = this.source;
                // block-scalar source includes trailing newline
                this.atNewLine = true;
                this.indent = 0;
                if (this.onNewLine) {
                    let nl = this.source.indexOf('\n') + 1;
                    while (nl !== 0) {
                        this.onNewLine(this.offset + nl);
                        nl = this.source.indexOf('\n', nl) + 1;
                    }
                }
                yield* this.pop();
                break;
            /* istanbul ignore next should not happen */
            default:
                yield* this.pop();
                yield* this.step();
        }
    }
    *blockMap(map) {
        const it = map.items[map.items.length - 1];
        // it.sep is true-ish if pair already has key or : separator
        switch (this.type) {
            case 'newline':
                this.onKeyLine = false;
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    it.start.push(this.sourceToken);
                }
                return;
            case 'space':
            case 'comment':
                if (it.value) {
                    map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    if (this.atIndentedComment(it.start, map.indent)) {
                        const prev = map.items[map.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            map.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
        }
        if (this.indent >= map.indent) {
            const atMapIndent = !this.onKeyLine && this.indent === map.indent;
            const atNextItem = atMapIndent &&
                (it.sep || it.explicitKey) &&
                this.type !== 'seq-item-ind';
            // For empty nodes, assign newline-separated not indented empty tokens to following node
            let start = [];
            if (atNextItem && it.sep && !it.value) {
                const nl = [];
                for (let i = 0; i < it.sep.length; ++i) {
                    const st = it.sep[i];
                    switch (st.type) {
                        case 'newline':
                            nl.push(i);
                            break;
                        case 'space':
                            break;
                        case 'comment':
                            if (st.indent > map.indent)
                                nl.length = 0;
                            break;
                        default:
                            nl.length = 0;
                    }
                }
                if (nl.length >= 2)
                    start = it.sep.splice(nl[1]);
            }
            switch (this.type) {
                case 'anchor':
                case 'tag':
                    if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        it.sep.push(this.sourceToken);
                    }
                    else {
                        it.start.push(this.sourceToken);
                    }
                    return;
                case 'explicit-key-ind':
                    if (!it.sep && !it.explicitKey) {
                        it.start.push(this.sourceToken);
                        it.explicitKey = true;
                    }
                    else if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start, explicitKey: true });
                    }
                    else {
                        this.stack.push({
                            type: 'block-map',
                            offset: this.offset,
                            indent: this.indent,
                            items: [{ start: [this.sourceToken], explicitKey: true }]
                        });
                    }
                    this.onKeyLine = true;
                    return;
                case 'map-value-ind':
                    if (it.explicitKey) {
                        if (!it.sep) {
                            if (includesToken(it.start, 'newline')) {
                                Object.assign(it, { key: null, sep: [this.sourceToken] });
                            }
                            else {
                                const start = getFirstKeyStartProps(it.start);
                                this.stack.push({
                                    type: 'block-map',
                                    offset: this.offset,
                                    indent: this.indent,
                                    items: [{ start, key: null, sep: [this.sourceToken] }]
                                });
                            }
                        }
                        else if (it.value) {
                            map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else if (isFlowToken(it.key) &&
                            !includesToken(it.sep, 'newline')) {
                            const start = getFirstKeyStartProps(it.start);
                            const key = it.key;
                            const sep = it.sep;
                            sep.push(this.sourceToken);
                            // @ts-expect-error type guard is wrong here
                            delete it.key;
                            // @ts-expect-error type guard is wrong here
                            delete it.sep;
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key, sep }]
                            });
                        }
                        else if (start.length > 0) {
                            // Not actually at next item
                            it.sep = it.sep.concat(start, this.sourceToken);
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    else {
                        if (!it.sep) {
                            Object.assign(it, { key: null, sep: [this.sourceToken] });
                        }
                        else if (it.value || atNextItem) {
                            map.items.push({ start, key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start: [], key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    this.onKeyLine = true;
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (atNextItem || it.value) {
                        map.items.push({ start, key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        this.stack.push(fs);
                    }
                    else {
                        Object.assign(it, { key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    return;
                }
                default: {
                    const bv = this.startBlockValue(map);
                    if (bv) {
                        if (bv.type === 'block-seq') {
                            if (!it.explicitKey &&
                                it.sep &&
                                !includesToken(it.sep, 'newline')) {
                                yield* this.pop({
                                    type: 'error',
                                    offset: this.offset,
                                    message: 'Unexpected block-seq-ind on same line with key',
                                    source: this.source
                                });
                                return;
                            }
                        }
                        else if (atMapIndent) {
                            map.items.push({ start });
                        }
                        this.stack.push(bv);
                        return;
                    }
                }
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
            case 'newline':
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        seq.items.push({ start: [this.sourceToken] });
                }
                else
                    it.start.push(this.sourceToken);
                return;
            case 'space':
            case 'comment':
                if (it.value)
                    seq.items.push({ start: [this.sourceToken] });
                else {
                    if (this.atIndentedComment(it.start, seq.indent)) {
                        const prev = seq.items[seq.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            seq.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
            case 'anchor':
            case 'tag':
                if (it.value || this.indent <= seq.indent)
                    break;
                it.start.push(this.sourceToken);
                return;
            case 'seq-item-ind':
                if (this.indent !== seq.indent)
                    break;
                if (it.value || includesToken(it.start, 'seq-item-ind'))
                    seq.items.push({ start: [this.sourceToken] });
                else
                    it.start.push(this.sourceToken);
                return;
        }
        if (this.indent > seq.indent) {
            const bv = this.startBlockValue(seq);
            if (bv) {
                this.stack.push(bv);
                return;
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === 'flow-error-end') {
            let top;
            do {
                yield* this.pop();
                top = this.peek(1);
            } while (top?.type === 'flow-collection');
        }
        else if (fc.end.length === 0) {
            switch (this.type) {
                case 'comma':
                case 'explicit-key-ind':
                    if (!it || it.sep)
                        fc.items.push({ start: [this.sourceToken] });
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'map-value-ind':
                    if (!it || it.value)
                        fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        Object.assign(it, { key: null, sep: [this.sourceToken] });
                    return;
                case 'space':
                case 'comment':
                case 'newline':
                case 'anchor':
                case 'tag':
                    if (!it || it.value)
                        fc.items.push({ start: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (!it || it.value)
                        fc.items.push({ start: [], key: fs, sep: [] });
                    else if (it.sep)
                        this.stack.push(fs);
                    else
                        Object.assign(it, { key: fs, sep: [] });
                    return;
                }
                case 'flow-map-end':
                case 'flow-seq-end':
                    fc.end.push(this.sourceToken);
                    return;
            }
            const bv = this.startBlockValue(fc);
            /* istanbul ignore else should not happen */
            if (bv)
                this.stack.push(bv);
            else {
                yield* this.pop();
                yield* this.step();
            }
        }
        else {
            const parent = this.peek(2);
            if (parent.type === 'block-map' &&
                ((this.type === 'map-value-ind' && parent.indent === fc.indent) ||
                    (this.type === 'newline' &&
                        !parent.items[parent.items.length - 1].sep))) {
                yield* this.pop();
                yield* this.step();
            }
            else if (this.type === 'map-value-ind' &&
                parent.type !== 'flow-collection') {
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                fixFlowSeqItems(fc);
                const sep = fc.end.splice(1, fc.end.length);
                sep.push(this.sourceToken);
                const map = {
                    type: 'block-map',
                    offset: fc.offset,
                    indent: fc.indent,
                    items: [{ start, key: fc, sep }]
                };
                this.onKeyLine = true;
                this.stack[this.stack.length - 1] = map;
            }
            else {
                yield* this.lineEnd(fc);
            }
        }
    }
    flowScalar(type) {
        if (this.onNewLine) {
            let nl = this.source.indexOf('\n') + 1;
            while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf('\n', nl) + 1;
            }
        }
        return {
            type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
    }
    startBlockValue(parent) {
        switch (this.type) {
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return this.flowScalar(this.type);
            case 'block-scalar-header':
                return {
                    type: 'block-scalar',
                    offset: this.offset,
                    indent: this.indent,
                    props: [this.sourceToken],
                    source: ''
                };
            case 'flow-map-start':
            case 'flow-seq-start':
                return {
                    type: 'flow-collection',
                    offset: this.offset,
                    indent: this.indent,
                    start: this.sourceToken,
                    items: [],
                    end: []
                };
            case 'seq-item-ind':
                return {
                    type: 'block-seq',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [this.sourceToken] }]
                };
            case 'explicit-key-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                start.push(this.sourceToken);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, explicitKey: true }]
                };
            }
            case 'map-value-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                };
            }
        }
        return null;
    }
    atIndentedComment(start, indent) {
        if (this.type !== 'comment')
            return false;
        if (this.indent <= indent)
            return false;
        return start.every(st => st.type === 'newline' || st.type === 'space');
    }
    *documentEnd(docEnd) {
        if (this.type !== 'doc-mode') {
            if (docEnd.end)
                docEnd.end.push(this.sourceToken);
            else
                docEnd.end = [this.sourceToken];
            if (this.type === 'newline')
                yield* this.pop();
        }
    }
    *lineEnd(token) {
        switch (this.type) {
            case 'comma':
            case 'doc-start':
            case 'doc-end':
            case 'flow-seq-end':
            case 'flow-map-end':
            case 'map-value-ind':
                yield* this.pop();
                yield* this.step();
                break;
            case 'newline':
                this.onKeyLine = false;
            // fallthrough
            case 'space':
            case 'comment':
            default:
                // all other values are errors
                if (token.end)
                    token.end.push(this.sourceToken);
                else
                    token.end = [this.sourceToken];
                if (this.type === 'newline')
                    yield* this.pop();
        }
    }
}

exports.Parser = Parser;


/***/ }),

/***/ 4047:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var log = __nccwpck_require__(7249);
var identity = __nccwpck_require__(1127);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);

function parseOptions(options) {
    const prettyErrors = options.prettyErrors !== false;
    const lineCounter$1 = options.lineCounter || (prettyErrors && new lineCounter.LineCounter()) || null;
    return { lineCounter: lineCounter$1, prettyErrors };
}
/**
 * Parse the input as a stream of YAML documents.
 *
 * Documents should be separated from each other by `...` or `---` marker lines.
 *
 * @returns If an empty `docs` array is returned, it will be of type
 *   EmptyStream and contain additional stream information. In
 *   TypeScript, you should use `'empty' in docs` as a type guard for it.
 */
function parseAllDocuments(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    const docs = Array.from(composer$1.compose(parser$1.parse(source)));
    if (prettyErrors && lineCounter)
        for (const doc of docs) {
            doc.errors.forEach(errors.prettifyError(source, lineCounter));
            doc.warnings.forEach(errors.prettifyError(source, lineCounter));
        }
    if (docs.length > 0)
        return docs;
    return Object.assign([], { empty: true }, composer$1.streamInfo());
}
/** Parse an input string into a single YAML.Document */
function parseDocument(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    // `doc` is always set by compose.end(true) at the very latest
    let doc = null;
    for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
            doc = _doc;
        else if (doc.options.logLevel !== 'silent') {
            doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
            break;
        }
    }
    if (prettyErrors && lineCounter) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter));
    }
    return doc;
}
function parse(src, reviver, options) {
    let _reviver = undefined;
    if (typeof reviver === 'function') {
        _reviver = reviver;
    }
    else if (options === undefined && reviver && typeof reviver === 'object') {
        options = reviver;
    }
    const doc = parseDocument(src, options);
    if (!doc)
        return null;
    doc.warnings.forEach(warning => log.warn(doc.options.logLevel, warning));
    if (doc.errors.length > 0) {
        if (doc.options.logLevel !== 'silent')
            throw doc.errors[0];
        else
            doc.errors = [];
    }
    return doc.toJS(Object.assign({ reviver: _reviver }, options));
}
function stringify(value, replacer, options) {
    let _replacer = null;
    if (typeof replacer === 'function' || Array.isArray(replacer)) {
        _replacer = replacer;
    }
    else if (options === undefined && replacer) {
        options = replacer;
    }
    if (typeof options === 'string')
        options = options.length;
    if (typeof options === 'number') {
        const indent = Math.round(options);
        options = indent < 1 ? undefined : indent > 8 ? { indent: 8 } : { indent };
    }
    if (value === undefined) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
            return undefined;
    }
    if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
    return new Document.Document(value, _replacer, options).toString(options);
}

exports.parse = parse;
exports.parseAllDocuments = parseAllDocuments;
exports.parseDocument = parseDocument;
exports.stringify = stringify;


/***/ }),

/***/ 5840:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var tags = __nccwpck_require__(18);

const sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
class Schema {
    constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat)
            ? tags.getTags(compat, 'compat')
            : compat
                ? tags.getTags(null, compat)
                : null;
        this.name = (typeof schema === 'string' && schema) || 'core';
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        // Used by createMap()
        this.sortMapEntries =
            typeof sortMapEntries === 'function'
                ? sortMapEntries
                : sortMapEntries === true
                    ? sortMapEntriesByKey
                    : null;
    }
    clone() {
        const copy = Object.create(Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
    }
}

exports.Schema = Schema;


/***/ }),

/***/ 7451:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLMap = __nccwpck_require__(4454);

const map = {
    collection: 'map',
    default: true,
    nodeClass: YAMLMap.YAMLMap,
    tag: 'tag:yaml.org,2002:map',
    resolve(map, onError) {
        if (!identity.isMap(map))
            onError('Expected a mapping for this tag');
        return map;
    },
    createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
};

exports.map = map;


/***/ }),

/***/ 3632:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const nullTag = {
    identify: value => value == null,
    createNode: () => new Scalar.Scalar(null),
    default: true,
    tag: 'tag:yaml.org,2002:null',
    test: /^(?:~|[Nn]ull|NULL)?$/,
    resolve: () => new Scalar.Scalar(null),
    stringify: ({ source }, ctx) => typeof source === 'string' && nullTag.test.test(source)
        ? source
        : ctx.options.nullStr
};

exports.nullTag = nullTag;


/***/ }),

/***/ 1706:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLSeq = __nccwpck_require__(2223);

const seq = {
    collection: 'seq',
    default: true,
    nodeClass: YAMLSeq.YAMLSeq,
    tag: 'tag:yaml.org,2002:seq',
    resolve(seq, onError) {
        if (!identity.isSeq(seq))
            onError('Expected a sequence for this tag');
        return seq;
    },
    createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
};

exports.seq = seq;


/***/ }),

/***/ 6464:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyString = __nccwpck_require__(3069);

const string = {
    identify: value => typeof value === 'string',
    default: true,
    tag: 'tag:yaml.org,2002:str',
    resolve: str => str,
    stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
    }
};

exports.string = string;


/***/ }),

/***/ 3959:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const boolTag = {
    identify: value => typeof value === 'boolean',
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
    resolve: str => new Scalar.Scalar(str[0] === 't' || str[0] === 'T'),
    stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
            const sv = source[0] === 't' || source[0] === 'T';
            if (value === sv)
                return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
};

exports.boolTag = boolTag;


/***/ }),

/***/ 8405:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: str => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
    resolve: str => parseFloat(str),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf('.');
        if (dot !== -1 && str[str.length - 1] === '0')
            node.minFractionDigits = str.length - dot - 1;
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 9874:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
const intResolve = (str, offset, radix, { intAsBigInt }) => (intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix));
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
    return stringifyNumber.stringifyNumber(node);
}
const intOct = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^0o[0-7]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
    stringify: node => intStringify(node, 8, '0o')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^0x[0-9a-fA-F]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 896:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.boolTag,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float
];

exports.schema = schema;


/***/ }),

/***/ 3559:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);

function intIdentify(value) {
    return typeof value === 'bigint' || Number.isInteger(value);
}
const stringifyJSON = ({ value }) => JSON.stringify(value);
const jsonScalars = [
    {
        identify: value => typeof value === 'string',
        default: true,
        tag: 'tag:yaml.org,2002:str',
        resolve: str => str,
        stringify: stringifyJSON
    },
    {
        identify: value => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: 'tag:yaml.org,2002:null',
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
    },
    {
        identify: value => typeof value === 'boolean',
        default: true,
        tag: 'tag:yaml.org,2002:bool',
        test: /^true$|^false$/,
        resolve: str => str === 'true',
        stringify: stringifyJSON
    },
    {
        identify: intIdentify,
        default: true,
        tag: 'tag:yaml.org,2002:int',
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
    },
    {
        identify: value => typeof value === 'number',
        default: true,
        tag: 'tag:yaml.org,2002:float',
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: str => parseFloat(str),
        stringify: stringifyJSON
    }
];
const jsonError = {
    default: true,
    tag: '',
    test: /^/,
    resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
    }
};
const schema = [map.map, seq.seq].concat(jsonScalars, jsonError);

exports.schema = schema;


/***/ }),

/***/ 18:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);
var schema = __nccwpck_require__(896);
var schema$1 = __nccwpck_require__(3559);
var binary = __nccwpck_require__(6083);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var schema$2 = __nccwpck_require__(5913);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schemas = new Map([
    ['core', schema.schema],
    ['failsafe', [map.map, seq.seq, string.string]],
    ['json', schema$1.schema],
    ['yaml11', schema$2.schema],
    ['yaml-1.1', schema$2.schema]
]);
const tagsByName = {
    binary: binary.binary,
    bool: bool.boolTag,
    float: float.float,
    floatExp: float.floatExp,
    floatNaN: float.floatNaN,
    floatTime: timestamp.floatTime,
    int: int.int,
    intHex: int.intHex,
    intOct: int.intOct,
    intTime: timestamp.intTime,
    map: map.map,
    merge: merge.merge,
    null: _null.nullTag,
    omap: omap.omap,
    pairs: pairs.pairs,
    seq: seq.seq,
    set: set.set,
    timestamp: timestamp.timestamp
};
const coreKnownTags = {
    'tag:yaml.org,2002:binary': binary.binary,
    'tag:yaml.org,2002:merge': merge.merge,
    'tag:yaml.org,2002:omap': omap.omap,
    'tag:yaml.org,2002:pairs': pairs.pairs,
    'tag:yaml.org,2002:set': set.set,
    'tag:yaml.org,2002:timestamp': timestamp.timestamp
};
function getTags(customTags, schemaName, addMergeTag) {
    const schemaTags = schemas.get(schemaName);
    if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge)
            ? schemaTags.concat(merge.merge)
            : schemaTags.slice();
    }
    let tags = schemaTags;
    if (!tags) {
        if (Array.isArray(customTags))
            tags = [];
        else {
            const keys = Array.from(schemas.keys())
                .filter(key => key !== 'yaml11')
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
    }
    if (Array.isArray(customTags)) {
        for (const tag of customTags)
            tags = tags.concat(tag);
    }
    else if (typeof customTags === 'function') {
        tags = customTags(tags.slice());
    }
    if (addMergeTag)
        tags = tags.concat(merge.merge);
    return tags.reduce((tags, tag) => {
        const tagObj = typeof tag === 'string' ? tagsByName[tag] : tag;
        if (!tagObj) {
            const tagName = JSON.stringify(tag);
            const keys = Object.keys(tagsByName)
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags.includes(tagObj))
            tags.push(tagObj);
        return tags;
    }, []);
}

exports.coreKnownTags = coreKnownTags;
exports.getTags = getTags;


/***/ }),

/***/ 6083:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_buffer = __nccwpck_require__(181);
var Scalar = __nccwpck_require__(3301);
var stringifyString = __nccwpck_require__(3069);

const binary = {
    identify: value => value instanceof Uint8Array, // Buffer inherits from Uint8Array
    default: false,
    tag: 'tag:yaml.org,2002:binary',
    /**
     * Returns a Buffer in node and an Uint8Array in browsers
     *
     * To use the resulting buffer as an image, you'll want to do something like:
     *
     *   const blob = new Blob([buffer], { type: 'image/jpeg' })
     *   document.querySelector('#photo').src = URL.createObjectURL(blob)
     */
    resolve(src, onError) {
        if (typeof node_buffer.Buffer === 'function') {
            return node_buffer.Buffer.from(src, 'base64');
        }
        else if (typeof atob === 'function') {
            // On IE 11, atob() can't handle newlines
            const str = atob(src.replace(/[\n\r]/g, ''));
            const buffer = new Uint8Array(str.length);
            for (let i = 0; i < str.length; ++i)
                buffer[i] = str.charCodeAt(i);
            return buffer;
        }
        else {
            onError('This environment does not support reading binary tags; either Buffer or atob is required');
            return src;
        }
    },
    stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
            return '';
        const buf = value; // checked earlier by binary.identify()
        let str;
        if (typeof node_buffer.Buffer === 'function') {
            str =
                buf instanceof node_buffer.Buffer
                    ? buf.toString('base64')
                    : node_buffer.Buffer.from(buf.buffer).toString('base64');
        }
        else if (typeof btoa === 'function') {
            let s = '';
            for (let i = 0; i < buf.length; ++i)
                s += String.fromCharCode(buf[i]);
            str = btoa(s);
        }
        else {
            throw new Error('This environment does not support writing binary tags; either Buffer or btoa is required');
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
            const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
            const n = Math.ceil(str.length / lineWidth);
            const lines = new Array(n);
            for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
                lines[i] = str.substr(o, lineWidth);
            }
            str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? '\n' : ' ');
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
    }
};

exports.binary = binary;


/***/ }),

/***/ 8398:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function boolStringify({ value, source }, ctx) {
    const boolObj = value ? trueTag : falseTag;
    if (source && boolObj.test.test(source))
        return source;
    return value ? ctx.options.trueStr : ctx.options.falseStr;
}
const trueTag = {
    identify: value => value === true,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
    resolve: () => new Scalar.Scalar(true),
    stringify: boolStringify
};
const falseTag = {
    identify: value => value === false,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
    resolve: () => new Scalar.Scalar(false),
    stringify: boolStringify
};

exports.falseTag = falseTag;
exports.trueTag = trueTag;


/***/ }),

/***/ 5782:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (str) => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    resolve: (str) => parseFloat(str.replace(/_/g, '')),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, '')));
        const dot = str.indexOf('.');
        if (dot !== -1) {
            const f = str.substring(dot + 1).replace(/_/g, '');
            if (f[f.length - 1] === '0')
                node.minFractionDigits = f.length;
        }
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 873:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
function intResolve(str, offset, radix, { intAsBigInt }) {
    const sign = str[0];
    if (sign === '-' || sign === '+')
        offset += 1;
    str = str.substring(offset).replace(/_/g, '');
    if (intAsBigInt) {
        switch (radix) {
            case 2:
                str = `0b${str}`;
                break;
            case 8:
                str = `0o${str}`;
                break;
            case 16:
                str = `0x${str}`;
                break;
        }
        const n = BigInt(str);
        return sign === '-' ? BigInt(-1) * n : n;
    }
    const n = parseInt(str, radix);
    return sign === '-' ? -1 * n : n;
}
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? '-' + prefix + str.substr(1) : prefix + str;
    }
    return stringifyNumber.stringifyNumber(node);
}
const intBin = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'BIN',
    test: /^[-+]?0b[0-1_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
    stringify: node => intStringify(node, 2, '0b')
};
const intOct = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^[-+]?0[0-7_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
    stringify: node => intStringify(node, 8, '0')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9][0-9_]*$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^[-+]?0x[0-9a-fA-F_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intBin = intBin;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 452:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

// If the value associated with a merge key is a single mapping node, each of
// its key/value pairs is inserted into the current mapping, unless the key
// already exists in it. If the value associated with the merge key is a
// sequence, then this sequence is expected to contain mapping nodes and each
// of these nodes is merged in turn according to its order in the sequence.
// Keys in mapping nodes earlier in the sequence override keys specified in
// later mapping nodes. -- http://yaml.org/type/merge.html
const MERGE_KEY = '<<';
const merge = {
    identify: value => value === MERGE_KEY ||
        (typeof value === 'symbol' && value.description === MERGE_KEY),
    default: 'key',
    tag: 'tag:yaml.org,2002:merge',
    test: /^<<$/,
    resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
    }),
    stringify: () => MERGE_KEY
};
const isMergeKey = (ctx, key) => (merge.identify(key) ||
    (identity.isScalar(key) &&
        (!key.type || key.type === Scalar.Scalar.PLAIN) &&
        merge.identify(key.value))) &&
    ctx?.doc.schema.tags.some(tag => tag.tag === merge.tag && tag.default);
function addMergeToJSMap(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (identity.isSeq(source))
        for (const it of source.items)
            mergeValue(ctx, map, it);
    else if (Array.isArray(source))
        for (const it of source)
            mergeValue(ctx, map, it);
    else
        mergeValue(ctx, map, source);
}
function mergeValue(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (!identity.isMap(source))
        throw new Error('Merge sources must be maps or map aliases');
    const srcMap = source.toJSON(null, ctx, Map);
    for (const [key, value] of srcMap) {
        if (map instanceof Map) {
            if (!map.has(key))
                map.set(key, value);
        }
        else if (map instanceof Set) {
            map.add(key);
        }
        else if (!Object.prototype.hasOwnProperty.call(map, key)) {
            Object.defineProperty(map, key, {
                value,
                writable: true,
                enumerable: true,
                configurable: true
            });
        }
    }
    return map;
}
function resolveAliasValue(ctx, value) {
    return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
}

exports.addMergeToJSMap = addMergeToJSMap;
exports.isMergeKey = isMergeKey;
exports.merge = merge;


/***/ }),

/***/ 303:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var pairs = __nccwpck_require__(8385);

class YAMLOMap extends YAMLSeq.YAMLSeq {
    constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = YAMLOMap.tag;
    }
    /**
     * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
     * but TypeScript won't allow widening the signature of a child method.
     */
    toJSON(_, ctx) {
        if (!ctx)
            return super.toJSON(_);
        const map = new Map();
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const pair of this.items) {
            let key, value;
            if (identity.isPair(pair)) {
                key = toJS.toJS(pair.key, '', ctx);
                value = toJS.toJS(pair.value, key, ctx);
            }
            else {
                key = toJS.toJS(pair, '', ctx);
            }
            if (map.has(key))
                throw new Error('Ordered maps must not include duplicate keys');
            map.set(key, value);
        }
        return map;
    }
    static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap = new this();
        omap.items = pairs$1.items;
        return omap;
    }
}
YAMLOMap.tag = 'tag:yaml.org,2002:omap';
const omap = {
    collection: 'seq',
    identify: value => value instanceof Map,
    nodeClass: YAMLOMap,
    default: false,
    tag: 'tag:yaml.org,2002:omap',
    resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
            if (identity.isScalar(key)) {
                if (seenKeys.includes(key.value)) {
                    onError(`Ordered maps must not include duplicate keys: ${key.value}`);
                }
                else {
                    seenKeys.push(key.value);
                }
            }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
    },
    createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
};

exports.YAMLOMap = YAMLOMap;
exports.omap = omap;


/***/ }),

/***/ 8385:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLSeq = __nccwpck_require__(2223);

function resolvePairs(seq, onError) {
    if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
            let item = seq.items[i];
            if (identity.isPair(item))
                continue;
            else if (identity.isMap(item)) {
                if (item.items.length > 1)
                    onError('Each pair must have its own sequence indicator');
                const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
                if (item.commentBefore)
                    pair.key.commentBefore = pair.key.commentBefore
                        ? `${item.commentBefore}\n${pair.key.commentBefore}`
                        : item.commentBefore;
                if (item.comment) {
                    const cn = pair.value ?? pair.key;
                    cn.comment = cn.comment
                        ? `${item.comment}\n${cn.comment}`
                        : item.comment;
                }
                item = pair;
            }
            seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
    }
    else
        onError('Expected a sequence for this tag');
    return seq;
}
function createPairs(schema, iterable, ctx) {
    const { replacer } = ctx;
    const pairs = new YAMLSeq.YAMLSeq(schema);
    pairs.tag = 'tag:yaml.org,2002:pairs';
    let i = 0;
    if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
            if (typeof replacer === 'function')
                it = replacer.call(iterable, String(i++), it);
            let key, value;
            if (Array.isArray(it)) {
                if (it.length === 2) {
                    key = it[0];
                    value = it[1];
                }
                else
                    throw new TypeError(`Expected [key, value] tuple: ${it}`);
            }
            else if (it && it instanceof Object) {
                const keys = Object.keys(it);
                if (keys.length === 1) {
                    key = keys[0];
                    value = it[key];
                }
                else {
                    throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
                }
            }
            else {
                key = it;
            }
            pairs.items.push(Pair.createPair(key, value, ctx));
        }
    return pairs;
}
const pairs = {
    collection: 'seq',
    default: false,
    tag: 'tag:yaml.org,2002:pairs',
    resolve: resolvePairs,
    createNode: createPairs
};

exports.createPairs = createPairs;
exports.pairs = pairs;
exports.resolvePairs = resolvePairs;


/***/ }),

/***/ 5913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var binary = __nccwpck_require__(6083);
var bool = __nccwpck_require__(8398);
var float = __nccwpck_require__(5782);
var int = __nccwpck_require__(873);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.trueTag,
    bool.falseTag,
    int.intBin,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float,
    binary.binary,
    merge.merge,
    omap.omap,
    pairs.pairs,
    set.set,
    timestamp.intTime,
    timestamp.floatTime,
    timestamp.timestamp
];

exports.schema = schema;


/***/ }),

/***/ 1528:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);

class YAMLSet extends YAMLMap.YAMLMap {
    constructor(schema) {
        super(schema);
        this.tag = YAMLSet.tag;
    }
    add(key) {
        let pair;
        if (identity.isPair(key))
            pair = key;
        else if (key &&
            typeof key === 'object' &&
            'key' in key &&
            'value' in key &&
            key.value === null)
            pair = new Pair.Pair(key.key, null);
        else
            pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
            this.items.push(pair);
    }
    /**
     * If `keepPair` is `true`, returns the Pair matching `key`.
     * Otherwise, returns the value of that Pair's key.
     */
    get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair)
            ? identity.isScalar(pair.key)
                ? pair.key.value
                : pair.key
            : pair;
    }
    set(key, value) {
        if (typeof value !== 'boolean')
            throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
            this.items.splice(this.items.indexOf(prev), 1);
        }
        else if (!prev && value) {
            this.items.push(new Pair.Pair(key));
        }
    }
    toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        if (this.hasAllNullValues(true))
            return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
            throw new Error('Set items must all have null values');
    }
    static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
            for (let value of iterable) {
                if (typeof replacer === 'function')
                    value = replacer.call(iterable, value, value);
                set.items.push(Pair.createPair(value, null, ctx));
            }
        return set;
    }
}
YAMLSet.tag = 'tag:yaml.org,2002:set';
const set = {
    collection: 'map',
    identify: value => value instanceof Set,
    nodeClass: YAMLSet,
    default: false,
    tag: 'tag:yaml.org,2002:set',
    createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
    resolve(map, onError) {
        if (identity.isMap(map)) {
            if (map.hasAllNullValues(true))
                return Object.assign(new YAMLSet(), map);
            else
                onError('Set items must all have null values');
        }
        else
            onError('Expected a mapping for this tag');
        return map;
    }
};

exports.YAMLSet = YAMLSet;
exports.set = set;


/***/ }),

/***/ 6752:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

/** Internal types handle bigint as number, because TS can't figure it out. */
function parseSexagesimal(str, asBigInt) {
    const sign = str[0];
    const parts = sign === '-' || sign === '+' ? str.substring(1) : str;
    const num = (n) => asBigInt ? BigInt(n) : Number(n);
    const res = parts
        .replace(/_/g, '')
        .split(':')
        .reduce((res, p) => res * num(60) + num(p), num(0));
    return (sign === '-' ? num(-1) * res : res);
}
/**
 * hhhh:mm:ss.sss
 *
 * Internal types handle bigint as number, because TS can't figure it out.
 */
function stringifySexagesimal(node) {
    let { value } = node;
    let num = (n) => n;
    if (typeof value === 'bigint')
        num = n => BigInt(n);
    else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
    let sign = '';
    if (value < 0) {
        sign = '-';
        value *= num(-1);
    }
    const _60 = num(60);
    const parts = [value % _60]; // seconds, including ms
    if (value < 60) {
        parts.unshift(0); // at least one : is required
    }
    else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60); // minutes
        if (value >= 60) {
            value = (value - parts[0]) / _60;
            parts.unshift(value); // hours
        }
    }
    return (sign +
        parts
            .map(n => String(n).padStart(2, '0'))
            .join(':')
            .replace(/000000\d*$/, '') // % 60 may introduce error
    );
}
const intTime = {
    identify: value => typeof value === 'bigint' || Number.isInteger(value),
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
    resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
    stringify: stringifySexagesimal
};
const floatTime = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
    resolve: str => parseSexagesimal(str, false),
    stringify: stringifySexagesimal
};
const timestamp = {
    identify: value => value instanceof Date,
    default: true,
    tag: 'tag:yaml.org,2002:timestamp',
    // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
    // may be omitted altogether, resulting in a date format. In such a case, the time part is
    // assumed to be 00:00:00Z (start of day, UTC).
    test: RegExp('^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})' + // YYYY-Mm-Dd
        '(?:' + // time is optional
        '(?:t|T|[ \\t]+)' + // t | T | whitespace
        '([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)' + // Hh:Mm:Ss(.ss)?
        '(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?' + // Z | +5 | -03:30
        ')?$'),
    resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
            throw new Error('!!timestamp expects a date, starting with yyyy-mm-dd');
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + '00').substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== 'Z') {
            let d = parseSexagesimal(tz, false);
            if (Math.abs(d) < 30)
                d *= 60;
            date -= 60000 * d;
        }
        return new Date(date);
    },
    stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, '') ?? ''
};

exports.floatTime = floatTime;
exports.intTime = intTime;
exports.timestamp = timestamp;


/***/ }),

/***/ 4475:
/***/ ((__unused_webpack_module, exports) => {



const FOLD_FLOW = 'flow';
const FOLD_BLOCK = 'block';
const FOLD_QUOTED = 'quoted';
/**
 * Tries to keep input at up to `lineWidth` characters, splitting only on spaces
 * not followed by newlines or spaces unless `mode` is `'quoted'`. Lines are
 * terminated with `\n` and started with `indent`.
 */
function foldFlowLines(text, indent, mode = 'flow', { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
    if (!lineWidth || lineWidth < 0)
        return text;
    if (lineWidth < minContentWidth)
        minContentWidth = 0;
    const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
    if (text.length <= endStep)
        return text;
    const folds = [];
    const escapedFolds = {};
    let end = lineWidth - indent.length;
    if (typeof indentAtStart === 'number') {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
            folds.push(0);
        else
            end = lineWidth - indentAtStart;
    }
    let split = undefined;
    let prev = undefined;
    let overflow = false;
    let i = -1;
    let escStart = -1;
    let escEnd = -1;
    if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
            end = i + endStep;
    }
    for (let ch; (ch = text[(i += 1)]);) {
        if (mode === FOLD_QUOTED && ch === '\\') {
            escStart = i;
            switch (text[i + 1]) {
                case 'x':
                    i += 3;
                    break;
                case 'u':
                    i += 5;
                    break;
                case 'U':
                    i += 9;
                    break;
                default:
                    i += 1;
            }
            escEnd = i;
        }
        if (ch === '\n') {
            if (mode === FOLD_BLOCK)
                i = consumeMoreIndentedLines(text, i, indent.length);
            end = i + indent.length + endStep;
            split = undefined;
        }
        else {
            if (ch === ' ' &&
                prev &&
                prev !== ' ' &&
                prev !== '\n' &&
                prev !== '\t') {
                // space surrounded by non-space can be replaced with newline + indent
                const next = text[i + 1];
                if (next && next !== ' ' && next !== '\n' && next !== '\t')
                    split = i;
            }
            if (i >= end) {
                if (split) {
                    folds.push(split);
                    end = split + endStep;
                    split = undefined;
                }
                else if (mode === FOLD_QUOTED) {
                    // white-space collected at end may stretch past lineWidth
                    while (prev === ' ' || prev === '\t') {
                        prev = ch;
                        ch = text[(i += 1)];
                        overflow = true;
                    }
                    // Account for newline escape, but don't break preceding escape
                    const j = i > escEnd + 1 ? i - 2 : escStart - 1;
                    // Bail out if lineWidth & minContentWidth are shorter than an escape string
                    if (escapedFolds[j])
                        return text;
                    folds.push(j);
                    escapedFolds[j] = true;
                    end = j + endStep;
                    split = undefined;
                }
                else {
                    overflow = true;
                }
            }
        }
        prev = ch;
    }
    if (overflow && onOverflow)
        onOverflow();
    if (folds.length === 0)
        return text;
    if (onFold)
        onFold();
    let res = text.slice(0, folds[0]);
    for (let i = 0; i < folds.length; ++i) {
        const fold = folds[i];
        const end = folds[i + 1] || text.length;
        if (fold === 0)
            res = `\n${indent}${text.slice(0, end)}`;
        else {
            if (mode === FOLD_QUOTED && escapedFolds[fold])
                res += `${text[fold]}\\`;
            res += `\n${indent}${text.slice(fold + 1, end)}`;
        }
    }
    return res;
}
/**
 * Presumes `i + 1` is at the start of a line
 * @returns index of last newline in more-indented block
 */
function consumeMoreIndentedLines(text, i, indent) {
    let end = i;
    let start = i + 1;
    let ch = text[start];
    while (ch === ' ' || ch === '\t') {
        if (i < start + indent) {
            ch = text[++i];
        }
        else {
            do {
                ch = text[++i];
            } while (ch && ch !== '\n');
            end = i;
            start = i + 1;
            ch = text[start];
        }
    }
    return end;
}

exports.FOLD_BLOCK = FOLD_BLOCK;
exports.FOLD_FLOW = FOLD_FLOW;
exports.FOLD_QUOTED = FOLD_QUOTED;
exports.foldFlowLines = foldFlowLines;


/***/ }),

/***/ 2148:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var identity = __nccwpck_require__(1127);
var stringifyComment = __nccwpck_require__(9799);
var stringifyString = __nccwpck_require__(3069);

function createStringifyContext(doc, options) {
    const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: 'PLAIN',
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: 'false',
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: 'null',
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: 'true',
        verifyAliasOrder: true
    }, doc.schema.toStringOptions, options);
    let inFlow;
    switch (opt.collectionStyle) {
        case 'block':
            inFlow = false;
            break;
        case 'flow':
            inFlow = true;
            break;
        default:
            inFlow = null;
    }
    return {
        anchors: new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? ' ' : '',
        indent: '',
        indentStep: typeof opt.indent === 'number' ? ' '.repeat(opt.indent) : '  ',
        inFlow,
        options: opt
    };
}
function getTagObject(tags, item) {
    if (item.tag) {
        const match = tags.filter(t => t.tag === item.tag);
        if (match.length > 0)
            return match.find(t => t.format === item.format) ?? match[0];
    }
    let tagObj = undefined;
    let obj;
    if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter(t => t.identify?.(obj));
        if (match.length > 1) {
            const testMatch = match.filter(t => t.test);
            if (testMatch.length > 0)
                match = testMatch;
        }
        tagObj =
            match.find(t => t.format === item.format) ?? match.find(t => !t.format);
    }
    else {
        obj = item;
        tagObj = tags.find(t => t.nodeClass && obj instanceof t.nodeClass);
    }
    if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? 'null' : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
    }
    return tagObj;
}
// needs to be called before value stringifier to allow for circular anchor refs
function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
    if (!doc.directives)
        return '';
    const props = [];
    const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
    if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
    }
    const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
    if (tag)
        props.push(doc.directives.tagString(tag));
    return props.join(' ');
}
function stringify(item, ctx, onComment, onChompKeep) {
    if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
    if (identity.isAlias(item)) {
        if (ctx.doc.directives)
            return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
            throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        }
        else {
            if (ctx.resolvedAliases)
                ctx.resolvedAliases.add(item);
            else
                ctx.resolvedAliases = new Set([item]);
            item = item.resolve(ctx.doc);
        }
    }
    let tagObj = undefined;
    const node = identity.isNode(item)
        ? item
        : ctx.doc.createNode(item, { onTagObj: o => (tagObj = o) });
    tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
    const props = stringifyProps(node, tagObj, ctx);
    if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
    const str = typeof tagObj.stringify === 'function'
        ? tagObj.stringify(node, ctx, onComment, onChompKeep)
        : identity.isScalar(node)
            ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep)
            : node.toString(ctx, onComment, onChompKeep);
    if (!props)
        return str;
    return identity.isScalar(node) || str[0] === '{' || str[0] === '['
        ? `${props} ${str}`
        : `${props}\n${ctx.indent}${str}`;
}

exports.createStringifyContext = createStringifyContext;
exports.stringify = stringify;


/***/ }),

/***/ 1212:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyCollection(collection, ctx, options) {
    const flow = ctx.inFlow ?? collection.flow;
    const stringify = flow ? stringifyFlowCollection : stringifyBlockCollection;
    return stringify(collection, ctx, options);
}
function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
    const { indent, options: { commentString } } = ctx;
    const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
    let chompKeep = false; // flag for the preceding node's status
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (!chompKeep && item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (!chompKeep && ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
            }
        }
        chompKeep = false;
        let str = stringify.stringify(item, itemCtx, () => (comment = null), () => (chompKeep = true));
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        if (chompKeep && comment)
            chompKeep = false;
        lines.push(blockItemPrefix + str);
    }
    let str;
    if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
    }
    else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
            const line = lines[i];
            str += line ? `\n${indent}${line}` : '\n';
        }
    }
    if (comment) {
        str += '\n' + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
            onComment();
    }
    else if (chompKeep && onChompKeep)
        onChompKeep();
    return str;
}
function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
    const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
    itemIndent += indentStep;
    const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
    });
    let reqNewline = false;
    let linesAtValue = 0;
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, false);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, false);
                if (ik.comment)
                    reqNewline = true;
            }
            const iv = identity.isNode(item.value) ? item.value : null;
            if (iv) {
                if (iv.comment)
                    comment = iv.comment;
                if (iv.commentBefore)
                    reqNewline = true;
            }
            else if (item.value == null && ik?.comment) {
                comment = ik.comment;
            }
        }
        if (comment)
            reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => (comment = null));
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes('\n'));
        if (i < items.length - 1) {
            str += ',';
        }
        else if (ctx.options.trailingComma) {
            if (ctx.options.lineWidth > 0) {
                reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) +
                    (str.length + 2) >
                    ctx.options.lineWidth);
            }
            if (reqNewline) {
                str += ',';
            }
        }
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
    }
    const { start, end } = flowChars;
    if (lines.length === 0) {
        return start + end;
    }
    else {
        if (!reqNewline) {
            const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
            reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
            let str = start;
            for (const line of lines)
                str += line ? `\n${indentStep}${indent}${line}` : '\n';
            return `${str}\n${indent}${end}`;
        }
        else {
            return `${start}${fcPadding}${lines.join(' ')}${fcPadding}${end}`;
        }
    }
}
function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
    if (comment && chompKeep)
        comment = comment.replace(/^\n+/, '');
    if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart()); // Avoid double indent on first line
    }
}

exports.stringifyCollection = stringifyCollection;


/***/ }),

/***/ 9799:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringifies a comment.
 *
 * Empty comment lines are left empty,
 * lines consisting of a single space are replaced by `#`,
 * and all other lines are prefixed with a `#`.
 */
const stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, '#');
function indentComment(comment, indent) {
    if (/^\n+$/.test(comment))
        return comment.substring(1);
    return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}
const lineComment = (str, indent, comment) => str.endsWith('\n')
    ? indentComment(comment, indent)
    : comment.includes('\n')
        ? '\n' + indentComment(comment, indent)
        : (str.endsWith(' ') ? '' : ' ') + comment;

exports.indentComment = indentComment;
exports.lineComment = lineComment;
exports.stringifyComment = stringifyComment;


/***/ }),

/***/ 6829:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyDocument(doc, options) {
    const lines = [];
    let hasDirectives = options.directives === true;
    if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
            lines.push(dir);
            hasDirectives = true;
        }
        else if (doc.directives.docStart)
            hasDirectives = true;
    }
    if (hasDirectives)
        lines.push('---');
    const ctx = stringify.createStringifyContext(doc, options);
    const { commentString } = ctx.options;
    if (doc.commentBefore) {
        if (lines.length !== 1)
            lines.unshift('');
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ''));
    }
    let chompKeep = false;
    let contentComment = null;
    if (doc.contents) {
        if (identity.isNode(doc.contents)) {
            if (doc.contents.spaceBefore && hasDirectives)
                lines.push('');
            if (doc.contents.commentBefore) {
                const cs = commentString(doc.contents.commentBefore);
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            // top-level block scalars need to be indented if followed by a comment
            ctx.forceBlockIndent = !!doc.comment;
            contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? undefined : () => (chompKeep = true);
        let body = stringify.stringify(doc.contents, ctx, () => (contentComment = null), onChompKeep);
        if (contentComment)
            body += stringifyComment.lineComment(body, '', commentString(contentComment));
        if ((body[0] === '|' || body[0] === '>') &&
            lines[lines.length - 1] === '---') {
            // Top-level block scalars with a preceding doc marker ought to use the
            // same line for their header.
            lines[lines.length - 1] = `--- ${body}`;
        }
        else
            lines.push(body);
    }
    else {
        lines.push(stringify.stringify(doc.contents, ctx));
    }
    if (doc.directives?.docEnd) {
        if (doc.comment) {
            const cs = commentString(doc.comment);
            if (cs.includes('\n')) {
                lines.push('...');
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            else {
                lines.push(`... ${cs}`);
            }
        }
        else {
            lines.push('...');
        }
    }
    else {
        let dc = doc.comment;
        if (dc && chompKeep)
            dc = dc.replace(/^\n+/, '');
        if (dc) {
            if ((!chompKeep || contentComment) && lines[lines.length - 1] !== '')
                lines.push('');
            lines.push(stringifyComment.indentComment(commentString(dc), ''));
        }
    }
    return lines.join('\n') + '\n';
}

exports.stringifyDocument = stringifyDocument;


/***/ }),

/***/ 8689:
/***/ ((__unused_webpack_module, exports) => {



function stringifyNumber({ format, minFractionDigits, tag, value }) {
    if (typeof value === 'bigint')
        return String(value);
    const num = typeof value === 'number' ? value : Number(value);
    if (!isFinite(num))
        return isNaN(num) ? '.nan' : num < 0 ? '-.inf' : '.inf';
    let n = Object.is(value, -0) ? '-0' : JSON.stringify(value);
    if (!format &&
        minFractionDigits &&
        (!tag || tag === 'tag:yaml.org,2002:float') &&
        /^-?\d/.test(n) &&
        !n.includes('e')) {
        let i = n.indexOf('.');
        if (i < 0) {
            i = n.length;
            n += '.';
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
            n += '0';
    }
    return n;
}

exports.stringifyNumber = stringifyNumber;


/***/ }),

/***/ 9748:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
    const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
    let keyComment = (identity.isNode(key) && key.comment) || null;
    if (simpleKeys) {
        if (keyComment) {
            throw new Error('With simple keys, key nodes cannot have comments');
        }
        if (identity.isCollection(key) || (!identity.isNode(key) && typeof key === 'object')) {
            const msg = 'With simple keys, collection cannot be used as a key value';
            throw new Error(msg);
        }
    }
    let explicitKey = !simpleKeys &&
        (!key ||
            (keyComment && value == null && !ctx.inFlow) ||
            identity.isCollection(key) ||
            (identity.isScalar(key)
                ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL
                : typeof key === 'object'));
    ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
    });
    let keyCommentDone = false;
    let chompKeep = false;
    let str = stringify.stringify(key, ctx, () => (keyCommentDone = true), () => (chompKeep = true));
    if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
            throw new Error('With simple keys, single line scalar must not span more than 1024 characters');
        explicitKey = true;
    }
    if (ctx.inFlow) {
        if (allNullValues || value == null) {
            if (keyCommentDone && onComment)
                onComment();
            return str === '' ? '?' : explicitKey ? `? ${str}` : str;
        }
    }
    else if ((allNullValues && !simpleKeys) || (value == null && explicitKey)) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        }
        else if (chompKeep && onChompKeep)
            onChompKeep();
        return str;
    }
    if (keyCommentDone)
        keyComment = null;
    if (explicitKey) {
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}\n${indent}:`;
    }
    else {
        str = `${str}:`;
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
    }
    let vsb, vcb, valueComment;
    if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
    }
    else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === 'object')
            value = doc.createNode(value);
    }
    ctx.implicitKey = false;
    if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
    chompKeep = false;
    if (!indentSeq &&
        indentStep.length >= 2 &&
        !ctx.inFlow &&
        !explicitKey &&
        identity.isSeq(value) &&
        !value.flow &&
        !value.tag &&
        !value.anchor) {
        // If indentSeq === false, consider '- ' as part of indentation where possible
        ctx.indent = ctx.indent.substring(2);
    }
    let valueCommentDone = false;
    const valueStr = stringify.stringify(value, ctx, () => (valueCommentDone = true), () => (chompKeep = true));
    let ws = ' ';
    if (keyComment || vsb || vcb) {
        ws = vsb ? '\n' : '';
        if (vcb) {
            const cs = commentString(vcb);
            ws += `\n${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === '' && !ctx.inFlow) {
            if (ws === '\n' && valueComment)
                ws = '\n\n';
        }
        else {
            ws += `\n${ctx.indent}`;
        }
    }
    else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf('\n');
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
            let hasPropsLine = false;
            if (hasNewline && (vs0 === '&' || vs0 === '!')) {
                let sp0 = valueStr.indexOf(' ');
                if (vs0 === '&' &&
                    sp0 !== -1 &&
                    sp0 < nl0 &&
                    valueStr[sp0 + 1] === '!') {
                    sp0 = valueStr.indexOf(' ', sp0 + 1);
                }
                if (sp0 === -1 || nl0 < sp0)
                    hasPropsLine = true;
            }
            if (!hasPropsLine)
                ws = `\n${ctx.indent}`;
        }
    }
    else if (valueStr === '' || valueStr[0] === '\n') {
        ws = '';
    }
    str += ws + valueStr;
    if (ctx.inFlow) {
        if (valueCommentDone && onComment)
            onComment();
    }
    else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
    }
    else if (chompKeep && onChompKeep) {
        onChompKeep();
    }
    return str;
}

exports.stringifyPair = stringifyPair;


/***/ }),

/***/ 3069:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var foldFlowLines = __nccwpck_require__(4475);

const getFoldOptions = (ctx, isBlock) => ({
    indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
    lineWidth: ctx.options.lineWidth,
    minContentWidth: ctx.options.minContentWidth
});
// Also checks for lines starting with %, as parsing the output as YAML 1.1 will
// presume that's starting a new document.
const containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
function lineLengthOverLimit(str, lineWidth, indentLength) {
    if (!lineWidth || lineWidth < 0)
        return false;
    const limit = lineWidth - indentLength;
    const strLen = str.length;
    if (strLen <= limit)
        return false;
    for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === '\n') {
            if (i - start > limit)
                return true;
            start = i + 1;
            if (strLen - start <= limit)
                return false;
        }
    }
    return true;
}
function doubleQuotedString(value, ctx) {
    const json = JSON.stringify(value);
    if (ctx.options.doubleQuotedAsJSON)
        return json;
    const { implicitKey } = ctx;
    const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    let str = '';
    let start = 0;
    for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
            // space before newline needs to be escaped to not be folded
            str += json.slice(start, i) + '\\ ';
            i += 1;
            start = i;
            ch = '\\';
        }
        if (ch === '\\')
            switch (json[i + 1]) {
                case 'u':
                    {
                        str += json.slice(start, i);
                        const code = json.substr(i + 2, 4);
                        switch (code) {
                            case '0000':
                                str += '\\0';
                                break;
                            case '0007':
                                str += '\\a';
                                break;
                            case '000b':
                                str += '\\v';
                                break;
                            case '001b':
                                str += '\\e';
                                break;
                            case '0085':
                                str += '\\N';
                                break;
                            case '00a0':
                                str += '\\_';
                                break;
                            case '2028':
                                str += '\\L';
                                break;
                            case '2029':
                                str += '\\P';
                                break;
                            default:
                                if (code.substr(0, 2) === '00')
                                    str += '\\x' + code.substr(2);
                                else
                                    str += json.substr(i, 6);
                        }
                        i += 5;
                        start = i + 1;
                    }
                    break;
                case 'n':
                    if (implicitKey ||
                        json[i + 2] === '"' ||
                        json.length < minMultiLineLength) {
                        i += 1;
                    }
                    else {
                        // folding will eat first newline
                        str += json.slice(start, i) + '\n\n';
                        while (json[i + 2] === '\\' &&
                            json[i + 3] === 'n' &&
                            json[i + 4] !== '"') {
                            str += '\n';
                            i += 2;
                        }
                        str += indent;
                        // space after newline needs to be escaped to not be folded
                        if (json[i + 2] === ' ')
                            str += '\\';
                        i += 1;
                        start = i + 1;
                    }
                    break;
                default:
                    i += 1;
            }
    }
    str = start ? str + json.slice(start) : json;
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
}
function singleQuotedString(value, ctx) {
    if (ctx.options.singleQuote === false ||
        (ctx.implicitKey && value.includes('\n')) ||
        /[ \t]\n|\n[ \t]/.test(value) // single quoted string can't have leading or trailing whitespace around newline
    )
        return doubleQuotedString(value, ctx);
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
    return ctx.implicitKey
        ? res
        : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function quotedString(value, ctx) {
    const { singleQuote } = ctx.options;
    let qs;
    if (singleQuote === false)
        qs = doubleQuotedString;
    else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
            qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
            qs = doubleQuotedString;
        else
            qs = singleQuote ? singleQuotedString : doubleQuotedString;
    }
    return qs(value, ctx);
}
// The negative lookbehind avoids a polynomial search,
// but isn't supported yet on Safari: https://caniuse.com/js-regexp-lookbehind
let blockEndNewlines;
try {
    blockEndNewlines = new RegExp('(^|(?<!\n))\n+(?!\n|$)', 'g');
}
catch {
    blockEndNewlines = /\n+(?!\n|$)/g;
}
function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
    const { blockQuote, commentString, lineWidth } = ctx.options;
    // 1. Block can't end in whitespace unless the last line is non-empty.
    // 2. Strings consisting of only whitespace are best rendered explicitly.
    if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
    }
    const indent = ctx.indent ||
        (ctx.forceBlockIndent || containsDocumentMarker(value) ? '  ' : '');
    const literal = blockQuote === 'literal'
        ? true
        : blockQuote === 'folded' || type === Scalar.Scalar.BLOCK_FOLDED
            ? false
            : type === Scalar.Scalar.BLOCK_LITERAL
                ? true
                : !lineLengthOverLimit(value, lineWidth, indent.length);
    if (!value)
        return literal ? '|\n' : '>\n';
    // determine chomping from whitespace at value end
    let chomp;
    let endStart;
    for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== '\n' && ch !== '\t' && ch !== ' ')
            break;
    }
    let end = value.substring(endStart);
    const endNlPos = end.indexOf('\n');
    if (endNlPos === -1) {
        chomp = '-'; // strip
    }
    else if (value === end || endNlPos !== end.length - 1) {
        chomp = '+'; // keep
        if (onChompKeep)
            onChompKeep();
    }
    else {
        chomp = ''; // clip
    }
    if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === '\n')
            end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
    }
    // determine indent indicator from whitespace at value start
    let startWithSpace = false;
    let startEnd;
    let startNlPos = -1;
    for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === ' ')
            startWithSpace = true;
        else if (ch === '\n')
            startNlPos = startEnd;
        else
            break;
    }
    let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
    if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
    }
    const indentSize = indent ? '2' : '1'; // root is at -1
    // Leading | or > is added later
    let header = (startWithSpace ? indentSize : '') + chomp;
    if (comment) {
        header += ' ' + commentString(comment.replace(/ ?[\r\n]+/g, ' '));
        if (onComment)
            onComment();
    }
    if (!literal) {
        const foldedValue = value
            .replace(/\n+/g, '\n$&')
            .replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, '$1$2') // more-indented lines aren't folded
            //                ^ more-ind. ^ empty     ^ capture next empty lines only at end of indent
            .replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== 'folded' && type !== Scalar.Scalar.BLOCK_FOLDED) {
            foldOptions.onOverflow = () => {
                literalFallback = true;
            };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
            return `>${header}\n${indent}${body}`;
    }
    value = value.replace(/\n+/g, `$&${indent}`);
    return `|${header}\n${indent}${start}${value}${end}`;
}
function plainString(item, ctx, onComment, onChompKeep) {
    const { type, value } = item;
    const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
    if ((implicitKey && value.includes('\n')) ||
        (inFlow && /[[\]{},]/.test(value))) {
        return quotedString(value, ctx);
    }
    if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        // not allowed:
        // - '-' or '?'
        // - start with an indicator character (except [?:-]) or /[?-] /
        // - '\n ', ': ' or ' \n' anywhere
        // - '#' not preceded by a non-space char
        // - end with ' ' or ':'
        return implicitKey || inFlow || !value.includes('\n')
            ? quotedString(value, ctx)
            : blockString(item, ctx, onComment, onChompKeep);
    }
    if (!implicitKey &&
        !inFlow &&
        type !== Scalar.Scalar.PLAIN &&
        value.includes('\n')) {
        // Where allowed & type not set explicitly, prefer block style for multiline strings
        return blockString(item, ctx, onComment, onChompKeep);
    }
    if (containsDocumentMarker(value)) {
        if (indent === '') {
            ctx.forceBlockIndent = true;
            return blockString(item, ctx, onComment, onChompKeep);
        }
        else if (implicitKey && indent === indentStep) {
            return quotedString(value, ctx);
        }
    }
    const str = value.replace(/\n+/g, `$&\n${indent}`);
    // Verify that output will be parsed as a string, as e.g. plain numbers and
    // booleans get parsed with those types in v1.2 (e.g. '42', 'true' & '0.9e-3'),
    // and others in v1.1.
    if (actualString) {
        const test = (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
            return quotedString(value, ctx);
    }
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function stringifyString(item, ctx, onComment, onChompKeep) {
    const { implicitKey, inFlow } = ctx;
    const ss = typeof item.value === 'string'
        ? item
        : Object.assign({}, item, { value: String(item.value) });
    let { type } = item;
    if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        // force double quotes on control characters & unpaired surrogates
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
            type = Scalar.Scalar.QUOTE_DOUBLE;
    }
    const _stringify = (_type) => {
        switch (_type) {
            case Scalar.Scalar.BLOCK_FOLDED:
            case Scalar.Scalar.BLOCK_LITERAL:
                return implicitKey || inFlow
                    ? quotedString(ss.value, ctx) // blocks are not valid inside flow containers
                    : blockString(ss, ctx, onComment, onChompKeep);
            case Scalar.Scalar.QUOTE_DOUBLE:
                return doubleQuotedString(ss.value, ctx);
            case Scalar.Scalar.QUOTE_SINGLE:
                return singleQuotedString(ss.value, ctx);
            case Scalar.Scalar.PLAIN:
                return plainString(ss, ctx, onComment, onChompKeep);
            default:
                return null;
        }
    };
    let res = _stringify(type);
    if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = (implicitKey && defaultKeyType) || defaultStringType;
        res = _stringify(t);
        if (res === null)
            throw new Error(`Unsupported default string type ${t}`);
    }
    return res;
}

exports.stringifyString = stringifyString;


/***/ }),

/***/ 204:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove node');
/**
 * Apply a visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
function visit(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        visit_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current node */
visit.SKIP = SKIP;
/** Remove the current node */
visit.REMOVE = REMOVE;
function visit_(key, node, visitor, path) {
    const ctrl = callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = visit_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = visit_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = visit_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
/**
 * Apply an async visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `Promise`: Must resolve to one of the following values
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
async function visitAsync(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visitAsync.BREAK = BREAK;
/** Do not visit the children of the current node */
visitAsync.SKIP = SKIP;
/** Remove the current node */
visitAsync.REMOVE = REMOVE;
async function visitAsync_(key, node, visitor, path) {
    const ctrl = await callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = await visitAsync_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = await visitAsync_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = await visitAsync_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
function initVisitor(visitor) {
    if (typeof visitor === 'object' &&
        (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
            Alias: visitor.Node,
            Map: visitor.Node,
            Scalar: visitor.Node,
            Seq: visitor.Node
        }, visitor.Value && {
            Map: visitor.Value,
            Scalar: visitor.Value,
            Seq: visitor.Value
        }, visitor.Collection && {
            Map: visitor.Collection,
            Seq: visitor.Collection
        }, visitor);
    }
    return visitor;
}
function callVisitor(key, node, visitor, path) {
    if (typeof visitor === 'function')
        return visitor(key, node, path);
    if (identity.isMap(node))
        return visitor.Map?.(key, node, path);
    if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path);
    if (identity.isPair(node))
        return visitor.Pair?.(key, node, path);
    if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path);
    if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path);
    return undefined;
}
function replaceNode(key, path, node) {
    const parent = path[path.length - 1];
    if (identity.isCollection(parent)) {
        parent.items[key] = node;
    }
    else if (identity.isPair(parent)) {
        if (key === 'key')
            parent.key = node;
        else
            parent.value = node;
    }
    else if (identity.isDocument(parent)) {
        parent.contents = node;
    }
    else {
        const pt = identity.isAlias(parent) ? 'alias' : 'scalar';
        throw new Error(`Cannot replace node with ${pt} parent`);
    }
}

exports.visit = visit;
exports.visitAsync = visitAsync;


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(5581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
