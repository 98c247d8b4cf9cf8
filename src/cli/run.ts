// Runs one command: reads and writes files, prints, and answers with the exit status.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseCommandLine, shortUsage, usage } from './args.js';
import { checkSources } from './check.js';
import { collectDefinitionFiles } from './files.js';
import { formatJsonReport, formatReport } from './report.js';
import { renderDefinitionJsonSchema, schemaFile } from './schema.js';

export const ExitStatus = { ok: 0, problems: 1, usage: 2 } as const;
export type ExitStatus = (typeof ExitStatus)[keyof typeof ExitStatus];

export interface CliIo {
  /** The project root: where questionnaires/ and its schema live. */
  root: string;
  /** The folder paths on the command line are relative to, and reported relative to. */
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

function usageError(io: CliIo, message: string): ExitStatus {
  io.stderr(`${message}\n\n${shortUsage}`);
  return ExitStatus.usage;
}

function runCheck(io: CliIo, paths: string[], isJson: boolean): ExitStatus {
  const defaultFolder = relative(io.cwd, join(io.root, 'questionnaires')) || '.';
  const { files, missing } = collectDefinitionFiles(paths.length > 0 ? paths : [defaultFolder], io.cwd);
  if (missing.length > 0) return usageError(io, missing.map((path) => `no such file or folder: ${path}`).join('\n'));
  const sources = [];
  for (const file of files) {
    try {
      sources.push({ file, text: readFileSync(resolve(io.cwd, file), 'utf8') });
    } catch (error) {
      return usageError(io, `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const result = checkSources(sources);
  io.stdout(isJson ? formatJsonReport(result) : formatReport(result));
  return result.problems.length === 0 ? ExitStatus.ok : ExitStatus.problems;
}

function runSchema(io: CliIo, isCheckOnly: boolean): ExitStatus {
  const path = join(io.root, schemaFile);
  const shown = relative(io.cwd, path);
  const expected = renderDefinitionJsonSchema();
  if (!isCheckOnly) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, expected);
    io.stdout(`wrote ${shown}\n`);
    return ExitStatus.ok;
  }
  let current: string | undefined;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === expected) {
    io.stdout(`${shown} is up to date\n`);
    return ExitStatus.ok;
  }
  io.stderr(
    `${shown} ${current === undefined ? 'is missing' : 'is out of date'}: run "npm run questionnaires -- schema" and commit the file\n`,
  );
  return ExitStatus.problems;
}

export function run(argv: readonly string[], io: CliIo): ExitStatus {
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) return usageError(io, parsed.message);
  const { command } = parsed;
  switch (command.name) {
    case 'check':
      return runCheck(io, command.paths, command.isJson);
    case 'schema':
      return runSchema(io, command.isCheckOnly);
    case 'help':
      io.stdout(usage);
      return ExitStatus.ok;
  }
}
