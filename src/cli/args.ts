// The command line, read into a closed set of commands; anything else is a usage error.
import { parseArgs } from 'node:util';

/** Shown after a usage error. */
export const shortUsage = `Usage: npm run questionnaires -- check [files or folders...] [--json]
       npm run questionnaires -- publish <file>
       npm run questionnaires -- preview <file> [--port <port>]
       npm run questionnaires -- fhir export <file> [--per-language] [--out <file>]
       npm run questionnaires -- fhir import <file> [--valuesets <folder>] [--out <file>]
       npm run questionnaires -- fhir response <submissions.json> [--out <file>]
       npm run questionnaires -- schema [--check]
       npm run questionnaires -- help
`;

/** Shown by `help`. */
export const usage = `Usage: npm run questionnaires -- <command> [options]

Commands:
  check [files or folders...] [--json]
      Check questionnaire definitions and measurement plans (the files in a plans/ folder,
      such as questionnaires/plans/). Without arguments it checks questionnaires/ and its
      version lock, questionnaires/published.json. Folders are searched for *.json files,
      leaving out schema/ folders and published.json.
      Each problem is printed as  file:line:column  $.json.path  message (hint)
      and texts missing in a language are listed together under that language.
      --json    print the problems as a JSON array of {file, line, column, path, message, hint?, language?}
  publish <file>
      Record the definition's id@version and content hash in questionnaires/published.json.
      Refused when the file has problems, or when that id@version is published with other content.
  preview <file> [--port <port>]
      Serve the app's preview page for the file, reloading it whenever the file changes, and print
      its address. Builds the app first when dist/ is missing. Stop it with Ctrl+C.
      --port    the port on 127.0.0.1 (default: a free one)
  fhir export <file> [--per-language] [--out <file>]
      Write the definition as a FHIR R4 Questionnaire, and say what FHIR does not carry. Every
      language is in the translation extension; with --per-language, a Bundle of one Questionnaire
      per language instead (as Helsenorge publishes them).
  fhir import <file> [--valuesets <folder>] [--out <file>]
      Write a FHIR R4 Questionnaire as a definition, and say what could not be carried over. A
      Bundle of one questionnaire's language versions becomes one definition in every language.
      Fails (status 1) when a question is left out, though the definition is still written.
      --valuesets   a folder of ValueSet files (JSON) for the answerValueSets that are not contained
  fhir response <submissions.json> [--out <file>]
      Write submissions as FHIR R4 QuestionnaireResponses (a Bundle when there are several).
      Reads the register's export (GET /api/export.json) or one submission; the definitions
      are taken from questionnaires/ and must have the hash the submissions name.
  schema [--check]
      Write questionnaires/schema/definition.schema.json and plan.schema.json from the
      definition and plan schemas.
      --check   write nothing; fail if the file is not what would be written
  help
      Show this text.

Without --out, fhir writes the resource to standard output and its notes to standard error.

Exit status: 0 when all is well, 1 when there are problems (or the schema file is out of date,
or a publish or an import is refused), 2 when the command line is wrong.
`;

export type FhirCommand = 'export' | 'import' | 'response';

export type Command =
  | { name: 'check'; paths: string[]; isJson: boolean }
  | { name: 'publish'; file: string }
  | { name: 'preview'; file: string; port: number }
  | { name: 'fhir'; action: FhirCommand; file: string; out?: string; isPerLanguage: boolean; valueSets?: string }
  | { name: 'schema'; isCheckOnly: boolean }
  | { name: 'help' };

export type ParsedCommandLine = { ok: true; command: Command } | { ok: false; message: string };

type Options = Record<string, { type: 'boolean' | 'string' }>;

function parseOptions<T extends Options>(args: string[], options: T, allowPositionals: boolean) {
  return parseArgs({ args, options, allowPositionals, strict: true });
}

function onePath(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new Error(positionals.length === 0 ? `name the ${what}` : `name one ${what} only`);
  return positionals[0] ?? '';
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
      case 'publish': {
        const { positionals } = parseOptions(rest, {}, true);
        return { ok: true, command: { name, file: onePath(positionals, 'definition file to publish') } };
      }
      case 'preview': {
        const { values, positionals } = parseOptions(rest, { port: { type: 'string' } }, true);
        const port = values.port === undefined ? 0 : Number(values.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port takes a port number, not "${values.port}"`);
        return { ok: true, command: { name, file: onePath(positionals, 'definition file to preview'), port } };
      }
      case 'fhir': {
        const [action, ...args] = rest;
        if (action !== 'export' && action !== 'import' && action !== 'response')
          throw new Error(
            action === undefined
              ? 'fhir needs export, import or response'
              : `unknown fhir command "${action}": use export, import or response`,
          );
        const { values, positionals } = parseOptions(
          args,
          { out: { type: 'string' }, 'per-language': { type: 'boolean' }, valuesets: { type: 'string' } },
          true,
        );
        const file = onePath(positionals, action === 'response' ? 'submissions file' : 'file');
        const isPerLanguage = values['per-language'] === true;
        if (isPerLanguage && action !== 'export') throw new Error('--per-language goes with fhir export');
        if (values.valuesets !== undefined && action !== 'import') throw new Error('--valuesets goes with fhir import');
        return {
          ok: true,
          command: {
            name,
            action,
            file,
            isPerLanguage,
            ...(values.out !== undefined ? { out: values.out } : {}),
            ...(values.valuesets !== undefined ? { valueSets: values.valuesets } : {}),
          },
        };
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
