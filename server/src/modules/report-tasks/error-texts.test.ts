import { readFileSync } from 'node:fs';
import path from 'node:path';
import { en } from '@linli/contract/locales/en';
import { zhCN } from '@linli/contract/locales/zh-CN';
import { describe, expect, it } from 'vitest';

/** Every field-error code the module (and its contract) can send has a text in both languages. */
const sources = ['answers.ts', 'service.ts', 'routes.ts'].map((f) => path.join(import.meta.dirname, f));
sources.push(path.resolve(import.meta.dirname, '../../../../contract/src/report-tasks.ts'));
const codes = [
  ...new Set(
    sources.flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/'(reportTask\.[a-zA-Z]+\.[a-zA-Z.]+)'/g)].map((m) => m[1]!),
    ),
  ),
].sort();

const lookup = (messages: object, key: string) =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

describe('field-error texts of report tasks', () => {
  it('finds the codes in the sources', () => {
    expect(codes.length).toBeGreaterThan(20);
  });
  for (const code of codes) {
    it(`${code} has a Chinese and an English text`, () => {
      expect(typeof lookup(zhCN.fieldErrors, code), `zh-CN fieldErrors.${code}`).toBe('string');
      expect(typeof lookup(en.fieldErrors, code), `en fieldErrors.${code}`).toBe('string');
    });
  }
});
