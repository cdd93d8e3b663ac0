import { commands } from './commands/index';
import { type CliIo, EXIT, UsageError } from './commands/types';

const io: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

function help(): void {
  io.out('Usage: npm run cli -- <command> [options]   (--json for machine-readable output)\n');
  for (const c of commands) io.out(`  ${c.name.padEnd(14)} ${c.summary}`);
  if (commands.length === 0) io.out('  (no commands yet)');
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    help();
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(
      `Unknown command "${name}". Commands: ${commands.map((c) => c.name).join(', ') || 'none'}.`,
    );
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\nUsage: npm run cli -- ${command.usage}`);
      return EXIT.usage;
    }
    throw err;
  }
}

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    io.err(String(err?.stack ?? err));
    process.exitCode = 1;
  },
);
