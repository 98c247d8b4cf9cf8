// loadPlans: the register reads questionnaires/plans/ at start; a file that is no valid plan is left
// out with a warning, as a definition is. No store is involved.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { contentHash } from '../../src/core/content-hash.js';
import { loadDefinitions } from '../../src/server/definitions.js';
import { loadPlans } from '../../src/server/plans.js';
import { projectRoot } from '../core/fixtures.js';

const questionnaires = join(projectRoot, 'questionnaires');

describe('loadPlans', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'eprom-load-plans-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('reads the shipped plans against the shipped questionnaires', async () => {
    const { definitions } = await loadDefinitions(questionnaires);
    const { plans, warnings } = await loadPlans(join(questionnaires, 'plans'), new Set(definitions.keys()));
    expect(warnings).toEqual([]);
    expect([...plans.keys()]).toEqual(['ect', 'kvarus', 'norspis']);
    const kvarus = plans.get('kvarus');
    expect(kvarus?.plan.timePoints.map((t) => t.id)).toEqual(['basis', 'malepunkt', 'avslutning', 'oppfolging-12m']);
    expect(kvarus?.key).toBe('kvarus@2');
    // The content hash, as for definitions: key order and $schema do not count.
    const json = JSON.parse(readFileSync(join(questionnaires, 'plans/kvarus.json'), 'utf8')) as Record<string, unknown>;
    const { $schema: _schema, ...rest } = json;
    expect(kvarus?.hash).toBe(contentHash(Object.fromEntries(Object.entries(rest).reverse())));
    expect(kvarus?.hash).toMatch(/^sha256-[0-9a-f]{64}$/);
  });

  test('keeps an older version beside the current one for the enrolments that follow it', async () => {
    const { definitions } = await loadDefinitions(questionnaires);
    const { plans, versions } = await loadPlans(join(questionnaires, 'plans'), new Set(definitions.keys()));
    expect([...versions.keys()].sort()).toEqual(['ect@1', 'ect@2', 'kvarus@1', 'kvarus@2', 'norspis@1', 'norspis@2']);
    expect(versions.get('norspis@1')?.plan.timePoints[0]?.questionnaires).toEqual(['ede-q@6.0', 'cia@3.0']);
    expect(plans.get('norspis')?.plan.timePoints[0]?.questionnaires).toEqual(['ede-q@6.0.1', 'cia@3.0.1']);
  });

  test('leaves out, with a warning, a file that is not JSON, not a valid plan, or not named after its plan', async () => {
    const folder = join(scratch, 'plans');
    mkdirSync(folder);
    const ect = readFileSync(join(questionnaires, 'plans/ect-1.json'), 'utf8');
    writeFileSync(join(folder, 'ect.json'), ect);
    writeFileSync(join(folder, 'other.json'), ect);
    writeFileSync(join(folder, 'ect-2.json'), ect);
    writeFileSync(join(folder, 'broken.json'), '{');
    writeFileSync(join(folder, 'notes.txt'), 'not a plan');
    const { plans, warnings } = await loadPlans(folder, new Set(['ect-madrs-s@1']));
    expect(plans.size).toBe(0);
    const missing =
      '($.timePoints[1].questionnaires[1] there is no questionnaire ect-oppfolging@1 in questionnaires/; $.timePoints[2].questionnaires[1] there is no questionnaire ect-oppfolging@1 in questionnaires/); see npm run questionnaires -- check';
    expect(warnings).toEqual([
      expect.stringMatching(/^broken\.json is left out: it is not a valid plan \(not valid JSON: /),
      `ect-2.json is left out: it is not a valid plan ${missing}`,
      `ect.json is left out: it is not a valid plan ${missing}`,
      expect.stringMatching(/^other\.json is left out: it is not a valid plan/),
    ]);
    const all = await loadPlans(folder, new Set(['ect-madrs-s@1', 'ect-oppfolging@1']));
    expect([...all.plans.keys()]).toEqual(['ect']);
    expect(all.warnings).toEqual([
      expect.stringMatching(/^broken\.json/),
      'ect-2.json is left out: it holds the plan ect@1, which belongs in ect.json (or ect-1.json, kept for the enrolments that follow it)',
      'other.json is left out: it holds the plan ect@1, which belongs in ect.json (or ect-1.json, kept for the enrolments that follow it)',
    ]);
  });

  test('finds no plans in a folder that does not exist', async () => {
    expect(await loadPlans(join(scratch, 'nowhere'), new Set())).toEqual({ plans: new Map(), versions: new Map(), warnings: [] });
  });
});
