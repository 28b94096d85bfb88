/**
 * The fault corpus (test/fixtures/inbound/faults/*): each case is a base roster (`_base/<name>`) overlaid with
 * the case's files. `case.json` lists the findings the case must produce (code, severity, file, line…), the
 * catastrophic code if any, and the records that must still be read around the defect.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { EntityName, Finding } from '../../src/inbound/model.js';
import { copyBase, read, show, tempDir } from './support/roster.js';
import { FAULTS_DIR } from './support/shared-data.js';

interface ExpectedFinding extends Partial<Finding> {
  messageIncludes?: string;
}

interface FaultCase {
  base: string | null;
  description: string;
  remove: string[];
  catastrophic: string | null;
  expect: ExpectedFinding[];
  /** No findings beyond `expect`. */
  onlyExpected: boolean;
  accepted?: Partial<Record<EntityName, number>>;
  /** Per entity, partial records that must be among the records read (`null` = the key is undefined). */
  records?: Partial<Record<EntityName, Record<string, unknown>[]>>;
}

const cases = readdirSync(FAULTS_DIR).filter((n) => !n.startsWith('_') && !n.endsWith('.md'));

function matches(f: Finding, e: ExpectedFinding): boolean {
  return Object.entries(e).every(([k, v]) =>
    k === 'messageIncludes' ? f.message.includes(v as string) : f[k as keyof Finding] === v,
  );
}

function sameValue(actual: unknown, expected: unknown): boolean {
  if (expected === null) return actual === undefined || actual === null;
  return JSON.stringify(actual) === JSON.stringify(expected);
}

describe('fault corpus', () => {
  it('has at least 30 cases', () => assert.ok(cases.length >= 30, `${cases.length} cases`));

  for (const name of cases) {
    const spec = JSON.parse(readFileSync(join(FAULTS_DIR, name, 'case.json'), 'utf8')) as FaultCase;
    it(`${name}: ${spec.description}`, async () => {
      const { dir, cleanup } = await tempDir();
      try {
        if (spec.base !== null) await copyBase(spec.base, dir, spec.remove);
        for (const file of await readdir(join(FAULTS_DIR, name))) {
          if (file !== 'case.json') await cp(join(FAULTS_DIR, name, file), join(dir, file));
        }
        const res = await read(dir);
        const listing = show(res.findings);
        assert.equal(res.catastrophic?.code ?? null, spec.catastrophic, listing);
        for (const e of spec.expect) {
          assert.ok(
            res.findings.some((f) => matches(f, e)),
            `missing ${JSON.stringify(e)} in:\n${listing}`,
          );
        }
        if (spec.onlyExpected) assert.equal(res.findings.length, spec.expect.length, listing);
        for (const [entity, n] of Object.entries(spec.accepted ?? {})) {
          assert.equal(res.counts.accepted[entity as EntityName], n, `${entity} accepted\n${listing}`);
        }
        for (const [entity, wanted] of Object.entries(spec.records ?? {})) {
          const got = (res.records?.[entity as EntityName] ?? []) as unknown as Record<string, unknown>[];
          for (const w of wanted) {
            const hit = got.some((rec) => Object.entries(w).every(([k, v]) => sameValue(rec[k], v)));
            assert.ok(hit, `no ${entity} record like ${JSON.stringify(w)} in ${JSON.stringify(got)}`);
          }
        }
      } finally {
        await cleanup();
      }
    });
  }
});
