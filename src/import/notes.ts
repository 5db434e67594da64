/**
 * What an import says about its input: a refusal (one line, the import stops) or notes that go
 * with the scenario (warnings the user should read, and info lines about choices made).
 *
 * Messages quote the key or value that caused them but never the value of a password field.
 *
 * @module
 */

/** Where a statement came from: the file as the user named it, and a 1-based line number. */
export interface Source {
  readonly file: string;
  readonly line: number;
}

/**
 * A configuration hasim cannot or will not simulate, or text that is not a configuration.
 * {@link ConfigImportError.format} is one line `FILE:LINE: why` (`FILE: why` when the problem is
 * the whole file, e.g. its size). The CLI prints it and exits 2, writing nothing.
 */
export class ConfigImportError extends Error {
  override readonly name = "ConfigImportError";

  /**
   * @param file - the configuration file as the user named it.
   * @param line - the 1-based line of the statement at fault, or undefined for the whole file.
   * @param why - the reason, starting in lower case.
   */
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly why: string,
  ) {
    super();
    this.message = this.format();
  }

  /** `FILE:LINE: why` on one line. */
  format(): string {
    const where = this.line === undefined ? this.file : `${this.file}:${this.line}`;
    return `${where}: ${this.why}`.replace(/\s*[\r\n]+\s*/g, " ");
  }
}

/** Throws a refusal at a statement. */
export function refuse(at: Source, why: string): never {
  throw new ConfigImportError(at.file, at.line, why);
}

/** A warning (the user should check the scenario) or an info line (a choice the import made). */
export interface Note {
  readonly level: "warning" | "info";
  /** The statement it is about; undefined for a note about the whole import. */
  readonly at?: Source | undefined;
  readonly message: string;
}

/** `warning: fml.cfg:12: …` or `info: …`, as printed on stderr and written in the description. */
export function formatNote(n: Note): string {
  const where = n.at === undefined ? "" : `${n.at.file}:${n.at.line}: `;
  return `${n.level}: ${where}${n.message}`;
}

/** Collects notes in the order they are found. */
export class Notes {
  readonly list: Note[] = [];

  warn(at: Source | undefined, message: string): void {
    this.list.push({ level: "warning", at, message });
  }

  info(at: Source | undefined, message: string): void {
    this.list.push({ level: "info", at, message });
  }
}
