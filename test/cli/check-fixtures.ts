// Shared by the `check` tests: the fixture folder, and a fixture read as a source file.
import type { SourceFile } from '../../src/cli/check.js';
import { fixtureText } from '../core/fixtures.js';

export const folder = 'test/fixtures/definitions';
export const source = (name: string): SourceFile => ({ file: `${folder}/${name}`, text: fixtureText(name) });
