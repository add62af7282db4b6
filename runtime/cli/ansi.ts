// cli/: the few ANSI styles the CLI uses, on only for a terminal. No dependency: five SGR codes.
import type { CliIo } from './cli-io.js';

/** Text styles; each returns its input unchanged when colour is off. */
export interface Styles {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
}

const sgr = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
const plain = (s: string) => s;

/** Styles with ANSI SGR codes when `enabled`, identity functions otherwise. */
export function ansiStyles(enabled: boolean): Styles {
  return enabled
    ? { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39) }
    : { bold: plain, dim: plain, red: plain, green: plain, yellow: plain };
}

/** Whether to colour what goes to `stream`: only a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function colorFor(stream: CliIo['stdout'], env: CliIo['env']): boolean {
  return stream.isTTY === true && !env['NO_COLOR'];
}
