/**
 * FortiOS-style CLI text → statements (a verb and its words, with the line each starts on).
 *
 * The rules (`fortimail-config.md` §1.2–1.4): words are separated by spaces or tabs; a value may
 * be in double or single quotes, and a quoted value may span lines (backups hold certificates
 * that way); inside double quotes `\"` is `"` and `\\` is `\`; outside quotes `\␠` is a space and
 * a `\` at the end of a line joins the next one; other backslashes are kept. A line whose first
 * non-blank character is `#` (outside quotes) is a comment, so `#config-version=…` headers are
 * skipped; a `#` later on a line is data. CRLF, CR, a UTF-8 byte-order mark, tabs and trailing
 * spaces are accepted.
 *
 * @module
 */
import { ConfigImportError } from "./notes.js";

/** One CLI statement: `set hb-lost-threshold 20` → words `["set", "hb-lost-threshold", "20"]`. */
export interface Statement {
  /** 1-based line of its first word. */
  readonly line: number;
  /** The verb first, then its arguments, quotes removed. Never empty. */
  readonly words: readonly string[];
}

/** The largest configuration read, in characters (a FortiMail `fml.cfg` is far smaller). */
export const MAX_CONFIG_CHARS = 20 * 1024 * 1024;

/**
 * Splits a configuration into statements.
 *
 * @param file - the file name, for messages.
 * @throws ConfigImportError for a file over {@link MAX_CONFIG_CHARS}, binary data, or a quoted
 *   string that is never closed.
 */
export function tokenize(source: string, file: string): Statement[] {
  if (source.length > MAX_CONFIG_CHARS) {
    const mb = (source.length / (1024 * 1024)).toFixed(1);
    throw new ConfigImportError(
      file,
      undefined,
      `expected a FortiMail configuration of at most ${MAX_CONFIG_CHARS / (1024 * 1024)} MB, got ${mb} MB`,
    );
  }
  const text = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  checkText(text, file);
  return new Scanner(text, file).run();
}

/** Refuses binary data: a NUL, or more than 1% control or undecodable characters. */
function checkText(text: string, file: string): void {
  const sample = text.slice(0, 65536);
  let odd = 0;
  let first = -1;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    const control = (c < 32 && c !== 9 && c !== 10 && c !== 11 && c !== 12) || c === 127;
    if (!control && c !== 0xfffd) continue;
    odd++;
    if (first < 0 || c === 0) first = i;
    if (c === 0) break;
  }
  const nul = first >= 0 && sample.charCodeAt(first) === 0;
  if (nul || odd * 100 > sample.length) {
    const line = text.slice(0, first).split("\n").length;
    throw new ConfigImportError(
      file,
      line,
      "expected a FortiMail configuration (text of 'show system ha' or a backup), got binary data",
    );
  }
}

/** The state machine; one pass over the text. */
class Scanner {
  private i = 0;
  private line = 1;
  private words: string[] = [];
  private word = "";
  private inWord = false;
  private stmtLine = 1;
  private readonly out: Statement[] = [];

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  run(): Statement[] {
    const t = this.text;
    while (this.i < t.length) {
      const c = t[this.i]!;
      if (c === "\n") {
        this.endStatement();
        this.line++;
        this.i++;
      } else if (c === " " || c === "\t") {
        this.endWord();
        this.i++;
      } else if (c === "#" && this.words.length === 0 && !this.inWord) {
        const eol = t.indexOf("\n", this.i);
        this.i = eol < 0 ? t.length : eol;
      } else if (c === '"' || c === "'") {
        this.quoted(c);
      } else if (c === "\\") {
        this.backslash();
      } else {
        this.append(c);
        this.i++;
      }
    }
    this.endStatement();
    return this.out;
  }

  private append(s: string): void {
    if (!this.inWord && this.words.length === 0) this.stmtLine = this.line;
    this.inWord = true;
    this.word += s;
  }

  private endWord(): void {
    if (this.inWord) this.words.push(this.word);
    this.word = "";
    this.inWord = false;
  }

  private endStatement(): void {
    this.endWord();
    if (this.words.length > 0) this.out.push({ line: this.stmtLine, words: this.words });
    this.words = [];
  }

  /** Outside quotes: `\` + newline continues the line, `\␠` is a space, others are kept. */
  private backslash(): void {
    const next = this.text[this.i + 1];
    if (next === "\n") {
      this.line++;
      this.i += 2;
    } else if (next === " ") {
      this.append(" ");
      this.i += 2;
    } else {
      this.append("\\");
      this.i++;
    }
  }

  /** A quoted string, possibly over several lines; `\"` and `\\` are escapes in double quotes. */
  private quoted(q: string): void {
    const t = this.text;
    const openLine = this.line;
    this.append("");
    this.i++;
    while (this.i < t.length) {
      const c = t[this.i]!;
      if (c === q) {
        this.i++;
        return;
      }
      if (c === "\\" && q === '"' && (t[this.i + 1] === '"' || t[this.i + 1] === "\\")) {
        this.word += t[this.i + 1]!;
        this.i += 2;
        continue;
      }
      if (c === "\n") this.line++;
      this.word += c;
      this.i++;
    }
    throw new ConfigImportError(
      this.file,
      openLine,
      `expected a closing ${q === '"' ? "double" : "single"} quote, got the end of the file (the quoted value opened on this line is never closed)`,
    );
  }
}
