/** One `npm run cli -- <name>` command. `run` returns the process exit code. */
export interface CliCommand {
  name: string;
  /** One line for `help`. */
  summary: string;
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** Exit codes: 0 done, 1 the domain said no or found discrepancies, 2 bad input. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** A bad argument: printed with the command's usage, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
