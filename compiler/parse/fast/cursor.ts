// parse/fast/: a position in the token arrays with the small look-and-consume helpers both parsers share.
import { decline } from './decline.js';
import { T_IDENT, T_OP, type Tokens } from './lexer.js';

/** Reads tokens left to right; `i` may be saved and restored to backtrack. */
export class Cursor {
  i = 0;
  /** Nesting depth of window specifications being parsed (window functions may not appear inside one). */
  windowSpecDepth = 0;
  /** Backtracks left before the parse gives up (keeps nested ambiguous parentheses from going exponential). */
  backtrackBudget = 64;
  readonly kind: Uint8Array;
  readonly pos: Int32Array;
  readonly text: string[];
  readonly lower: string[];
  readonly kw: Uint8Array;

  constructor(tokens: Tokens) {
    this.kind = tokens.kind;
    this.pos = tokens.pos;
    this.text = tokens.text;
    this.lower = tokens.lower;
    this.kw = tokens.kw;
  }

  /** Byte offset of the current token. */
  here(): number {
    return this.pos[this.i]!;
  }

  /** True when token `i + ahead` is the unquoted word `word` (lower case). */
  isWord(word: string, ahead = 0): boolean {
    const j = this.i + ahead;
    return this.kind[j] === T_IDENT && this.lower[j] === word;
  }

  /** True when token `i + ahead` is the operator or punctuation `op`. */
  isOp(op: string, ahead = 0): boolean {
    const j = this.i + ahead;
    return this.kind[j] === T_OP && this.text[j] === op;
  }

  acceptWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.i++;
    return true;
  }

  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.i++;
    return true;
  }

  /** Consumes `word` and returns its offset, or declines. */
  expectWord(word: string): number {
    if (!this.isWord(word)) decline();
    return this.pos[this.i++]!;
  }

  /** Consumes `op` and returns its offset, or declines. */
  expectOp(op: string): number {
    if (!this.isOp(op)) decline();
    return this.pos[this.i++]!;
  }
}
