// Fixture definitions and small tools to edit a copy of one, for scenario tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { formatPath, type Definition, type JsonPath } from '../../src/core/index.js';
import { parseDefinition } from '../../src/core/parse-definition.js';

export const definitionsFolder = fileURLToPath(new URL('../fixtures/definitions/', import.meta.url));
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

export function fixtureText(name: string): string {
  return readFileSync(new URL(`../fixtures/definitions/${name}`, import.meta.url), 'utf8');
}

/** A fresh copy of a fixture's JSON, to edit. */
export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureText(name)) as unknown;
}

type Container = Record<string, unknown> | unknown[];

function parentOf(root: unknown, path: JsonPath): { parent: Container; key: string | number } {
  let node = root;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
  const key = path[path.length - 1];
  if (key === undefined || typeof node !== 'object' || node === null) throw new Error(`no parent for ${formatPath(path)}`);
  return { parent: node as Container, key };
}

/** An edit of a definition: set a value at a path, or remove what is there. */
export type Edit = { set: JsonPath; to: unknown } | { remove: JsonPath };

export function edited(root: unknown, ...edits: Edit[]): unknown {
  const copy = structuredClone(root);
  for (const edit of edits) {
    if ('set' in edit) {
      const { parent, key } = parentOf(copy, edit.set);
      (parent as Record<string | number, unknown>)[key] = structuredClone(edit.to);
    } else {
      const { parent, key } = parentOf(copy, edit.remove);
      if (Array.isArray(parent) && typeof key === 'number') parent.splice(key, 1);
      else delete (parent as Record<string | number, unknown>)[key];
    }
  }
  return copy;
}

/** The problems as an author reads them: formatted path and message. */
export function problemsOf(input: unknown): { path: string; message: string }[] {
  const result = parseDefinition(input);
  return result.ok ? [] : result.problems.map((p) => ({ path: formatPath(p.path), message: p.message }));
}

/** Parses a definition that must be valid. */
export function accepted(input: unknown): Definition {
  const result = parseDefinition(input);
  expect(result.ok ? [] : result.problems).toEqual([]);
  if (!result.ok) throw new Error('not accepted');
  return result.definition;
}

/** A row of a rejection table: edits that break a valid definition, and the problems they must give. */
export interface Rejection {
  name: string;
  edits: Edit[];
  problems: { path: string; message: string }[];
}
