import { spawnSync } from 'node:child_process';

/** Runs `npm run cli -- ...` the way a QA script does (a real process), returning its output. */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  timeout = 60_000,
): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    encoding: 'utf8',
    timeout,
    env,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
