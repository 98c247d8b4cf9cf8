// The version lock, questionnaires/published.json: what is shipped is published as it is, and a
// published version cannot change under the same id@version.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/cli/check.js';
import { readLock } from '../../src/cli/published.js';
import { run, type CliIo } from '../../src/cli/run.js';
import { parsePlan } from '../../src/core/plans/parse-plan.js';
import { fixtureText, projectRoot } from '../core/fixtures.js';

function runIn(root: string, argv: string[], io: Partial<CliIo> = {}) {
  let stdout = '';
  let stderr = '';
  const status = run(argv, {
    root,
    cwd: root,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    now: () => new Date('2026-01-15T10:00:00Z'),
    ...io,
  });
  return { status, stdout, stderr };
}

describe('the shipped lock', () => {
  const text = readFileSync(join(projectRoot, 'questionnaires/published.json'), 'utf8');
  const read = readLock(text);

  it('is a valid lock', () => {
    expect(read.ok).toBe(true);
  });

  it('publishes every shipped definition, with the hash of its content as it is now', () => {
    if (!read.ok) throw new Error('unreadable lock');
    const files = readdirSync(join(projectRoot, 'questionnaires')).filter((name) => name.endsWith('.json') && name !== 'published.json');
    const shipped = files.map(
      (file) => checkSource({ file, text: readFileSync(join(projectRoot, 'questionnaires', file), 'utf8') }).checked,
    );
    expect(read.lock.published.map(({ key, hash, file }) => ({ key, hash, file })).sort((a, b) => a.file.localeCompare(b.file))).toEqual(
      shipped
        .map((checked) => ({ key: checked?.key, hash: checked?.hash, file: checked?.file ?? '' }))
        .sort((a, b) => a.file.localeCompare(b.file)),
    );
  });

  it('names its schema in every shipped definition', () => {
    for (const file of readdirSync(join(projectRoot, 'questionnaires')).filter(
      (name) => name.endsWith('.json') && name !== 'published.json',
    ))
      expect(JSON.parse(readFileSync(join(projectRoot, 'questionnaires', file), 'utf8')), file).toMatchObject({
        $schema: './schema/definition.schema.json',
      });
  });
});

describe('publish and the lock', () => {
  const root = mkdtempSync(join(tmpdir(), 'eprom-publish-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'questionnaires'));
  const file = join(root, 'questionnaires', 'small.json');
  const original = fixtureText('accepted/small-form.json');
  const lock = () => readFileSync(join(root, 'questionnaires', 'published.json'), 'utf8');

  it('records a new version in published.json', () => {
    writeFileSync(file, original);
    expect(runIn(root, ['check']).stdout).toContain(
      'is not published yet: when it is ready, npm run questionnaires -- publish questionnaires/small.json',
    );
    const published = runIn(root, ['publish', 'questionnaires/small.json']);
    expect(published.status).toBe(0);
    expect(published.stdout).toMatch(/^published small-form@1 \(sha256-[0-9a-f]{64}\) in questionnaires\/published\.json\n/);
    expect(JSON.parse(lock())).toMatchObject({
      published: [{ key: 'small-form@1', file: 'small.json', publishedAt: '2026-01-15T10:00:00.000Z' }],
    });
    expect(runIn(root, ['check'])).toMatchObject({ status: 0, stdout: '1 file checked, 0 problems\n' });
    expect(runIn(root, ['publish', 'questionnaires/small.json']).stdout).toBe(
      'small-form@1 is already published (on 2026-01-15), with this content: nothing to do\n',
    );
  });

  it('refuses a changed published version, in check and in publish', () => {
    writeFileSync(file, original.replace('"Røyker du?"', '"Røyker du fortsatt?"'));
    const checked = runIn(root, ['check']);
    expect(checked.status).toBe(1);
    expect(checked.stdout).toContain(
      'questionnaires/small.json:3:3  $.version  small-form@1 was published on 2026-01-15 and has been changed since: a published version never changes. Put the published text back, or give your changes a new "version" and publish that (npm run questionnaires -- publish questionnaires/small.json)',
    );
    const before = lock();
    const refused = runIn(root, ['publish', 'questionnaires/small.json']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe('Not published: fix the problems first.\n');
    expect(lock()).toBe(before);
  });

  it('publishes the change as a new version, and keeps the old one published', () => {
    writeFileSync(file, original.replace('"Røyker du?"', '"Røyker du fortsatt?"').replace('"version": "1"', '"version": "2"'));
    expect(runIn(root, ['publish', 'questionnaires/small.json']).status).toBe(0);
    expect((JSON.parse(lock()) as { published: { key: string }[] }).published.map((e) => e.key)).toEqual(['small-form@1', 'small-form@2']);
    // version 1's file is gone, but orders may still refer to it
    const checked = runIn(root, ['check']);
    expect(checked.status).toBe(1);
    expect(checked.stdout).toContain(
      'questionnaires/published.json:4:5  $.published[0]  small-form@1 is published, but no file defines it any more: orders may still refer to it, so put small.json back',
    );
    writeFileSync(join(root, 'questionnaires', 'small-1.json'), original);
    expect(runIn(root, ['check'])).toMatchObject({ status: 0, stdout: '2 files checked, 0 problems\n' });
  });

  it('refuses a file with problems, and a file outside questionnaires/', () => {
    writeFileSync(join(root, 'questionnaires', 'broken.json'), fixtureText('mistakes/unknown-field.json'));
    const broken = runIn(root, ['publish', 'questionnaires/broken.json']);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('questionnaires/broken.json:19:5  $.items[4]  unknown field "requird"');
    rmSync(join(root, 'questionnaires', 'broken.json'));
    writeFileSync(join(root, 'elsewhere.json'), fixtureText('accepted/minimal.json'));
    const elsewhere = runIn(root, ['publish', 'elsewhere.json']);
    expect(elsewhere.status).toBe(1);
    expect(elsewhere.stderr).toContain('elsewhere.json is not in questionnaires/');
  });

  it('reports a lock file it cannot read', () => {
    writeFileSync(join(root, 'questionnaires', 'published.json'), '{ "published": [{ "key": "x" }] }');
    const checked = runIn(root, ['check']);
    expect(checked.status).toBe(1);
    expect(checked.stdout).toMatch(/^questionnaires\/published\.json:1:1 {2}\$ {2}the version lock cannot be read: /);
  });
});

describe('measurement plans in the lock', () => {
  it('publishes every shipped plan, with the hash its enrolments follow', () => {
    const read = readLock(readFileSync(join(projectRoot, 'questionnaires/published.json'), 'utf8'));
    if (!read.ok) throw new Error('unreadable lock');
    const definitionKeys = new Set(read.lock.published.map((entry) => entry.key));
    const shipped = readdirSync(join(projectRoot, 'questionnaires/plans'))
      .filter((name) => name.endsWith('.json'))
      .map((name) => {
        const parsed = parsePlan(JSON.parse(readFileSync(join(projectRoot, 'questionnaires/plans', name), 'utf8')), { definitionKeys });
        if (!parsed.ok) throw new Error(`${name} is not a valid plan`);
        return { key: parsed.key, hash: parsed.hash, file: `plans/${name}` };
      });
    expect(read.lock.plans?.map(({ key, hash, file }) => ({ key, hash, file }))).toEqual(shipped);
  });

  it('publishes a plan, and refuses it changed under the same version, in check and in publish', () => {
    const root = mkdtempSync(join(tmpdir(), 'eprom-publish-plan-'));
    try {
      mkdirSync(join(root, 'questionnaires', 'plans'), { recursive: true });
      for (const name of readdirSync(join(projectRoot, 'questionnaires')).filter((n) => n.endsWith('.json') && n !== 'published.json'))
        writeFileSync(join(root, 'questionnaires', name), readFileSync(join(projectRoot, 'questionnaires', name)));
      const plan = readFileSync(join(projectRoot, 'questionnaires/plans/norspis.json'), 'utf8');
      writeFileSync(join(root, 'questionnaires/plans/norspis.json'), plan);
      const published = runIn(root, ['publish', 'questionnaires/plans/norspis.json']);
      expect(published.status).toBe(0);
      expect(published.stdout).toMatch(/^published the plan norspis@2 \(sha256-[0-9a-f]{64}\) in questionnaires\/published\.json\n/);
      expect(JSON.parse(readFileSync(join(root, 'questionnaires/published.json'), 'utf8'))).toMatchObject({
        plans: [{ key: 'norspis@2', file: 'plans/norspis.json', publishedAt: '2026-01-15T10:00:00.000Z' }],
      });
      expect(runIn(root, ['publish', 'questionnaires/plans/norspis.json']).stdout).toBe(
        'the plan norspis@2 is already published (on 2026-01-15), with this content: nothing to do\n',
      );
      const changed = JSON.parse(plan) as { timePoints: { window?: unknown }[] };
      writeFileSync(join(root, 'questionnaires/plans/norspis.json'), JSON.stringify({ ...changed, license: 'changed' }, null, 2));
      const checked = runIn(root, ['check', 'questionnaires/plans/norspis.json']);
      expect(checked.status).toBe(1);
      expect(checked.stdout).toContain('the plan norspis@2 was published on 2026-01-15 and has been changed since');
      const refused = runIn(root, ['publish', 'questionnaires/plans/norspis.json']);
      expect([refused.status, refused.stderr]).toEqual([1, 'Not published: fix the problems first.\n']);
      rmSync(join(root, 'questionnaires/plans/norspis.json'));
      const gone = runIn(root, ['check', 'questionnaires']);
      expect(gone.status).toBe(1);
      expect(gone.stdout).toContain(
        'the plan norspis@2 is published, but no file holds it any more: enrolments may still follow it, so keep it as plans/norspis.json',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
