import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseOwrs } from '../../shared/rates';
import { parseOptions } from '../lib/args';
import { type CliCommand, EXIT, UsageError } from './types';

function owrsFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      const s = statSync(path);
      if (s.isDirectory()) return owrsFiles(path);
      return name.endsWith('.owrs') ? [path] : [];
    });
}

export const owrsCheckCommand: CliCommand = {
  name: 'owrs-check',
  summary:
    'load every OWRS file under DIR; report per file what loaded and every key it could not read',
  usage: 'owrs-check DIR [--json]',
  async run(argv, io) {
    const { values: v, positionals } = parseOptions(
      argv,
      { json: { type: 'boolean' } } as const,
      true,
    );
    const [dir] = positionals;
    if (!dir) throw new UsageError('the folder is required');
    let files: string[];
    try {
      files = statSync(dir).isDirectory() ? owrsFiles(dir) : [dir];
    } catch {
      throw new UsageError(`no such folder: ${dir}`);
    }
    const results = files.map((path) => {
      const name = relative(dir, path) || path;
      let parsed: ReturnType<typeof parseOwrs>;
      try {
        parsed = parseOwrs(readFileSync(path, 'utf8'));
      } catch (err) {
        // An unreadable file, or one the reader trips on, is reported and the check goes on.
        return {
          file: name,
          loaded: false,
          classes: 0,
          problems: [{ key: '(file)', message: (err as Error).message }],
        };
      }
      const { file, problems } = parsed;
      return {
        file: name,
        loaded: file !== null,
        classes: file ? Object.keys(file.classes).length : 0,
        problems,
      };
    });
    const loaded = results.filter((r) => r.loaded).length;
    const clean = results.filter((r) => r.loaded && r.problems.length === 0).length;
    const partial = loaded - clean;
    if (v.json) {
      io.out(JSON.stringify({ files: results.length, loaded, clean, partial, results }));
    } else {
      for (const r of results) {
        io.out(
          `${r.loaded ? (r.problems.length ? 'PARTIAL' : 'OK     ') : 'FAILED '} ${r.file}${r.loaded ? ` (${r.classes} classes)` : ''}`,
        );
        for (const p of r.problems)
          io.out(`          ${'class' in p && p.class ? `${p.class}.` : ''}${p.key}: ${p.message}`);
      }
      io.out(
        `\n${results.length} files: ${loaded} loaded (${clean} read completely, ${partial} with keys it could not read), ${results.length - loaded} not loaded.`,
      );
    }
    return loaded === results.length ? EXIT.ok : EXIT.findings;
  },
};
