import { UsageError } from '../commands/types';

/**
 * A password from standard input: typed at a terminal without echo (asked twice, the two must
 * agree), or the first line of a pipe for a script (`printf '%s\n' "$PW" | npm run cli -- ...`).
 * Never from an option: the command line is visible to every user of the machine (`ps`).
 */
export async function readPassword(
  prompt: string,
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  if (!input.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of input) chunks.push(Buffer.from(chunk));
    const first = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
    if (!first) throw new UsageError('no password on standard input');
    return first;
  }
  const once = await typedHidden(`${prompt}: `, input, output);
  const again = await typedHidden('Again, to confirm: ', input, output);
  if (once !== again) throw new UsageError('the two passwords differ');
  return once;
}

/** One line typed at the terminal, nothing echoed; Ctrl-C stops, Backspace erases. */
function typedHidden(
  prompt: string,
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream,
): Promise<string> {
  output.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (err?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      output.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (data: string) => {
      for (const ch of data) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new UsageError('stopped'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    input.on('data', onData);
  });
}
