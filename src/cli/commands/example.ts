/**
 * A help example on one line: the command, then `# why` (yargs' two-column layout wraps long
 * descriptions mid-command at 80 columns).
 *
 * @module
 */

/** `hasim run x.yaml  # why`, for `.example(ex(...), "")`. */
export function ex(cmd: string, why: string): string {
  return `${cmd}  # ${why}`;
}
