// The command line, read into a closed set of commands; anything else is a usage error.
import { parseArgs } from 'node:util';

/** Shown after a usage error. */
export const shortUsage = `Usage: npm run questionnaires -- check [files or folders...] [--json]
       npm run questionnaires -- schema [--check]
       npm run questionnaires -- help
`;

/** Shown by `help`. */
export const usage = `Usage: npm run questionnaires -- <command> [options]

Commands:
  check [files or folders...] [--json]
      Check questionnaire definitions. Without arguments it checks questionnaires/.
      Folders are searched for *.json files, leaving out schema/ folders.
      Each problem is printed as  file:line:column  $.json.path  message
      --json    print the problems as a JSON array of {file, line, column, path, message}
  schema [--check]
      Write questionnaires/schema/definition.schema.json from the definition schema.
      --check   write nothing; fail if the file is not what would be written
  help
      Show this text.

Exit status: 0 when all is well, 1 when there are problems (or the schema file is out of date),
2 when the command line is wrong.
`;

export type Command =
  | { name: 'check'; paths: string[]; isJson: boolean }
  | { name: 'schema'; isCheckOnly: boolean }
  | { name: 'help' };

export type ParsedCommandLine = { ok: true; command: Command } | { ok: false; message: string };

function parseOptions<T extends Record<string, { type: 'boolean' }>>(args: string[], options: T, allowPositionals: boolean) {
  return parseArgs({ args, options, allowPositionals, strict: true });
}

/** Reads `argv` (without node and the script); never throws. */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const [name, ...rest] = argv;
  try {
    switch (name) {
      case 'check': {
        const { values, positionals } = parseOptions(rest, { json: { type: 'boolean' } }, true);
        return { ok: true, command: { name, paths: positionals, isJson: values.json === true } };
      }
      case 'schema': {
        const { values } = parseOptions(rest, { check: { type: 'boolean' } }, false);
        return { ok: true, command: { name, isCheckOnly: values.check === true } };
      }
      case 'help':
      case '--help':
      case '-h':
        return { ok: true, command: { name: 'help' } };
      case undefined:
        return { ok: false, message: 'a command is missing' };
      default:
        return { ok: false, message: `unknown command "${name}"` };
    }
  } catch (error) {
    // parseArgs explains unknown options and stray arguments in its own words.
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
