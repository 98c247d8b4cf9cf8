// Runs one command: reads and writes files, prints, and answers with the exit status.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseDefinitionText, type ParsedDefinition } from '../core/parse-definition.js';
import { parseCommandLine, shortUsage, usage, type Command } from './args.js';
import { checkSources, type CheckProblem, type LockContext } from './check.js';
import { checkIndicatorSource, isIndicatorFile, shippedIndicatorContext } from './check-indicators.js';
import { collectDefinitionFiles } from './files.js';
import { exportQuestionnaire, exportResponses, importQuestionnaire, type FhirOutcome } from './fhir.js';
import { lockFileName, publishedOn, readLock, renderLock, withPublished, withPublishedPlan } from './published.js';
import { checkPlanSource, isPlanFile, planVersionProblems, plansFolderName } from './check-plans.js';
import { contentHash } from '../core/content-hash.js';
import { planKey } from '../core/plans/plan.js';
import { formatJsonReport, formatReport } from './report.js';
import { renderedSchemas } from './schema.js';

export const ExitStatus = { ok: 0, problems: 1, usage: 2 } as const;
export type ExitStatus = (typeof ExitStatus)[keyof typeof ExitStatus];

export interface CliIo {
  /** The project root: where questionnaires/ and its schema live. */
  root: string;
  /** The folder paths on the command line are relative to, and reported relative to. */
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The time a publish is recorded at; now by default. */
  now?: () => Date;
}

function usageError(io: CliIo, message: string): ExitStatus {
  io.stderr(`${message}\n\n${shortUsage}`);
  return ExitStatus.usage;
}

const questionnairesFolder = (io: CliIo) => join(io.root, 'questionnaires');
const shown = (io: CliIo, path: string) => relative(io.cwd, path) || '.';

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The version lock, or a problem with the lock file itself. */
function lockOf(io: CliIo, isEveryPublishedExpected: boolean): { context?: LockContext; problem?: CheckProblem } {
  const path = join(questionnairesFolder(io), lockFileName);
  const lockFile = shown(io, path);
  const lockText = readText(path);
  const read = readLock(lockText);
  if (!read.ok)
    return { problem: { file: lockFile, line: 1, column: 1, path: '$', message: `the version lock cannot be read: ${read.message}` } };
  return { context: { lock: read.lock, lockFile, lockText: lockText ?? '', isEveryPublishedExpected } };
}

function runCheck(io: CliIo, paths: string[], isJson: boolean): ExitStatus {
  const defaultFolder = shown(io, questionnairesFolder(io));
  const checked = paths.length > 0 ? paths : [defaultFolder];
  const { files, missing } = collectDefinitionFiles(checked, io.cwd);
  if (missing.length > 0) return usageError(io, missing.map((path) => `no such file or folder: ${path}`).join('\n'));
  const sources = [];
  for (const file of files) {
    const text = readText(resolve(io.cwd, file));
    if (text === undefined) return usageError(io, `cannot read ${file}`);
    sources.push({ file, text });
  }
  const isFolderChecked = checked.some((path) => resolve(io.cwd, path) === questionnairesFolder(io));
  const lock = lockOf(io, isFolderChecked);
  const shipped = shippedDefinitions(io);
  const result = checkSources(sources, lock.context, new Set(shipped.keys()));
  const indicators = sources.filter((s) => isIndicatorFile(s.file));
  if (indicators.length > 0) {
    const context = shippedIndicatorContext(questionnairesFolder(io), shipped);
    for (const source of indicators) result.problems.push(...checkIndicatorSource(source, context));
  }
  if (lock.problem) result.problems.unshift(lock.problem);
  // A reminder to publish is for the definitions the register serves, not for drafts elsewhere.
  result.unpublished = result.unpublished?.filter((d) => dirname(resolve(io.cwd, d.file)) === questionnairesFolder(io));
  io.stdout(isJson ? formatJsonReport(result) : formatReport(result));
  return result.problems.length === 0 ? ExitStatus.ok : ExitStatus.problems;
}

function runPublish(io: CliIo, file: string): ExitStatus {
  const path = resolve(io.cwd, file);
  const text = readText(path);
  if (text === undefined) return usageError(io, `no such file: ${file}`);
  if (isPlanFile(path) && dirname(path) === join(questionnairesFolder(io), plansFolderName)) return publishPlan(io, path, text);
  if (dirname(path) !== questionnairesFolder(io)) {
    io.stderr(
      `${file} is not in ${shown(io, questionnairesFolder(io))}/: the register and the app serve only the definitions there. Move it there, check it, then publish it.\n`,
    );
    return ExitStatus.problems;
  }
  const lock = lockOf(io, false);
  if (!lock.context) {
    io.stderr(`${lock.problem?.file ?? lockFileName}: ${lock.problem?.message ?? 'cannot be read'}\n`);
    return ExitStatus.problems;
  }
  const source = { file: shown(io, path), text };
  const result = checkSources([source], lock.context);
  const parsed = parseDefinitionText(text);
  if (result.problems.length > 0 || !parsed.ok) {
    io.stdout(formatReport({ ...result, unpublished: [] }));
    io.stderr(`Not published: fix the problems first.\n`);
    return ExitStatus.problems;
  }
  const existing = lock.context.lock.published.find((entry) => entry.key === parsed.key);
  if (existing) {
    io.stdout(`${parsed.key} is already published (on ${publishedOn(existing)}), with this content: nothing to do\n`);
    return ExitStatus.ok;
  }
  const publishedAt = (io.now?.() ?? new Date()).toISOString();
  const lockPath = join(questionnairesFolder(io), lockFileName);
  writeFileSync(
    lockPath,
    renderLock(withPublished(lock.context.lock, { key: parsed.key, hash: parsed.hash, file: basename(path), publishedAt })),
  );
  io.stdout(
    `published ${parsed.key} (${parsed.hash}) in ${shown(io, lockPath)}\n` +
      `From now on this version never changes: publish changes as a new "version". Commit both files.\n`,
  );
  return ExitStatus.ok;
}

/** A measurement plan published as a questionnaire is: its id@version and content hash in the lock, under "plans". */
function publishPlan(io: CliIo, path: string, text: string): ExitStatus {
  const lock = lockOf(io, false);
  if (!lock.context) {
    io.stderr(`${lock.problem?.file ?? lockFileName}: ${lock.problem?.message ?? 'cannot be read'}\n`);
    return ExitStatus.problems;
  }
  const source = { file: shown(io, path), text };
  const { problems, plan } = checkPlanSource(source, new Set(shippedDefinitions(io).keys()));
  if (plan) problems.push(...planVersionProblems(source, plan, lock.context.lock));
  if (problems.length > 0 || !plan) {
    io.stdout(formatReport({ fileCount: 1, problems }));
    io.stderr(`Not published: fix the problems first.\n`);
    return ExitStatus.problems;
  }
  const key = planKey(plan);
  const existing = lock.context.lock.plans?.find((entry) => entry.key === key);
  if (existing) {
    io.stdout(`the plan ${key} is already published (on ${publishedOn(existing)}), with this content: nothing to do\n`);
    return ExitStatus.ok;
  }
  const hash = contentHash(plan);
  const publishedAt = (io.now?.() ?? new Date()).toISOString();
  const lockPath = join(questionnairesFolder(io), lockFileName);
  const entry = { key, hash, file: `${plansFolderName}/${basename(path)}`, publishedAt };
  writeFileSync(lockPath, renderLock(withPublishedPlan(lock.context.lock, entry)));
  io.stdout(
    `published the plan ${key} (${hash}) in ${shown(io, lockPath)}\n` +
      `From now on this version never changes: enrolments follow it. Publish changes as a new "version". Commit both files.\n`,
  );
  return ExitStatus.ok;
}

/** Every valid definition in questionnaires/, by id@version. */
function shippedDefinitions(io: CliIo): Map<string, ParsedDefinition> {
  const found = new Map<string, ParsedDefinition>();
  const folder = questionnairesFolder(io);
  if (!existsSync(folder)) return found;
  for (const name of readdirSync(folder)
    .filter((n) => n.endsWith('.json') && n !== lockFileName)
    .sort()) {
    const parsed = parseDefinitionText(readFileSync(join(folder, name), 'utf8'));
    if (parsed.ok && !found.has(parsed.key)) found.set(parsed.key, parsed);
  }
  return found;
}

/** The JSON files of a folder, by name; undefined when there is no such folder. */
function valueSetFiles(folder: string): { file: string; text: string }[] | undefined {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return undefined;
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ file: join(folder, name), text: readText(join(folder, name)) ?? '' }));
}

function runFhir(io: CliIo, command: Extract<Command, { name: 'fhir' }>): ExitStatus {
  const text = readText(resolve(io.cwd, command.file));
  if (text === undefined) return usageError(io, `no such file: ${command.file}`);
  let outcome: FhirOutcome;
  switch (command.action) {
    case 'export':
      outcome = exportQuestionnaire(command.file, text, command.isPerLanguage);
      break;
    case 'import': {
      const folder = command.valueSets === undefined ? undefined : resolve(io.cwd, command.valueSets);
      const files = folder === undefined ? [] : valueSetFiles(folder);
      if (files === undefined) return usageError(io, `no such folder: ${command.valueSets ?? ''}`);
      outcome = importQuestionnaire(command.file, text, files);
      break;
    }
    case 'response':
      outcome = exportResponses(command.file, text, shippedDefinitions(io));
      break;
  }
  if (outcome.output !== undefined) {
    if (command.out === undefined) io.stdout(outcome.output);
    else {
      writeFileSync(resolve(io.cwd, command.out), outcome.output);
      io.stderr(`wrote ${command.out}\n`);
    }
  }
  if (outcome.notes.length > 0) io.stderr(outcome.notes.join('\n') + '\n');
  return outcome.isOk ? ExitStatus.ok : ExitStatus.problems;
}

function runSchema(io: CliIo, isCheckOnly: boolean): ExitStatus {
  let status: ExitStatus = ExitStatus.ok;
  for (const { file, text: expected } of renderedSchemas()) {
    const path = join(io.root, file);
    const name = relative(io.cwd, path);
    if (!isCheckOnly) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, expected);
      io.stdout(`wrote ${name}\n`);
      continue;
    }
    const current = readText(path);
    if (current === expected) io.stdout(`${name} is up to date\n`);
    else {
      io.stderr(
        `${name} ${current === undefined ? 'is missing' : 'is out of date'}: run "npm run questionnaires -- schema" and commit the file\n`,
      );
      status = ExitStatus.problems;
    }
  }
  return status;
}

async function runPreview(io: CliIo, file: string, port: number): Promise<ExitStatus> {
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) return usageError(io, `no such file: ${file}`);
  const appDir = join(io.root, 'dist');
  if (!existsSync(join(appDir, 'index.html'))) {
    io.stderr('The app is not built yet: building it (npx vite build) …\n');
    const built = spawnSync('npx', ['vite', 'build'], { cwd: io.root, stdio: 'inherit' });
    if (built.status !== 0) {
      io.stderr('The build failed: see above.\n');
      return ExitStatus.problems;
    }
  }
  // Loaded only here: the other commands need no HTTP server.
  const { startPreview } = await import('./preview.js');
  const preview = await startPreview({ file: path, appDir, port });
  io.stdout(`Previewing ${file}: open ${preview.url}\nThe page reloads the file each time it changes. Stop with Ctrl+C.\n`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await preview.close();
  return ExitStatus.ok;
}

/** Runs a command; only `preview`, which keeps serving until stopped, answers with a promise. */
export function run(argv: readonly string[], io: CliIo): ExitStatus | Promise<ExitStatus> {
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) return usageError(io, parsed.message);
  const { command } = parsed;
  switch (command.name) {
    case 'check':
      return runCheck(io, command.paths, command.isJson);
    case 'publish':
      return runPublish(io, command.file);
    case 'preview':
      return runPreview(io, command.file, command.port);
    case 'fhir':
      return runFhir(io, command);
    case 'schema':
      return runSchema(io, command.isCheckOnly);
    case 'help':
      io.stdout(usage);
      return ExitStatus.ok;
  }
}
