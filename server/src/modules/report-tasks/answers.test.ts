import { deadlineEnd, isLateSubmission, type ReportField } from '@linli/contract/report-tasks';
import { describe, expect, it } from 'vitest';
import { checkAnswers, normalizeFields } from './answers';

const f = (kind: ReportField['kind'], extra: Partial<ReportField> = {}): ReportField => ({
  id: kind.toLowerCase(),
  kind,
  label: kind,
  help: null,
  isRequired: false,
  options: kind.endsWith('Choice') ? ['甲', '乙', '丙'] : [],
  unit: null,
  ...extra,
});
const noFiles = new Map<string, string>();
const codesOf = (r: { errors: { path: string; code: string }[] }) => r.errors.map((e) => `${e.path} ${e.code}`);

describe('answers are checked against their field', () => {
  it('text: a string up to 200 characters, trimmed', () => {
    const fields = [f('text')];
    expect(checkAnswers(fields, { text: '  好  ' }, { mode: 'submit', files: noFiles }).answers).toEqual({
      text: '好',
    });
    expect(codesOf(checkAnswers(fields, { text: '字'.repeat(201) }, { mode: 'draft', files: noFiles }))).toEqual([
      'answers.text reportTask.answer.tooLong',
    ]);
    expect(codesOf(checkAnswers(fields, { text: 5 }, { mode: 'draft', files: noFiles }))).toEqual([
      'answers.text reportTask.answer.notText',
    ]);
  });

  it('long text: up to 10,000 characters', () => {
    const fields = [f('longText')];
    expect(checkAnswers(fields, { longtext: '字'.repeat(10_000) }, { mode: 'draft', files: noFiles }).errors).toEqual(
      [],
    );
    expect(codesOf(checkAnswers(fields, { longtext: '字'.repeat(10_001) }, { mode: 'draft', files: noFiles }))).toEqual(
      ['answers.longtext reportTask.answer.tooLong'],
    );
  });

  it('number: a finite number within bounds, not a numeric string', () => {
    const fields = [f('number', { unit: '个' })];
    expect(checkAnswers(fields, { number: 12.5 }, { mode: 'draft', files: noFiles }).answers).toEqual({ number: 12.5 });
    expect(codesOf(checkAnswers(fields, { number: '12' }, { mode: 'draft', files: noFiles }))).toEqual([
      'answers.number reportTask.answer.notNumber',
    ]);
    expect(codesOf(checkAnswers(fields, { number: 2e12 }, { mode: 'draft', files: noFiles }))).toEqual([
      'answers.number reportTask.answer.outOfRange',
    ]);
  });

  it('date: a real calendar day', () => {
    const fields = [f('date')];
    expect(checkAnswers(fields, { date: '2024-02-29' }, { mode: 'draft', files: noFiles }).errors).toEqual([]);
    for (const bad of ['2023-02-29', '2022/11/30', '20221130']) {
      expect(codesOf(checkAnswers(fields, { date: bad }, { mode: 'draft', files: noFiles }))).toEqual([
        'answers.date reportTask.answer.invalidDate',
      ]);
    }
  });

  it('single choice: one of the options', () => {
    const fields = [f('singleChoice')];
    expect(checkAnswers(fields, { singlechoice: '乙' }, { mode: 'draft', files: noFiles }).errors).toEqual([]);
    expect(codesOf(checkAnswers(fields, { singlechoice: '丁' }, { mode: 'draft', files: noFiles }))).toEqual([
      'answers.singlechoice reportTask.answer.notAnOption',
    ]);
    expect(codesOf(checkAnswers(fields, { singlechoice: ['甲'] }, { mode: 'draft', files: noFiles }))).toEqual([
      'answers.singlechoice reportTask.answer.notAnOption',
    ]);
  });

  it('multiple choice: distinct options, kept in the sender’s order', () => {
    const fields = [f('multipleChoice')];
    expect(checkAnswers(fields, { multiplechoice: ['丙', '甲'] }, { mode: 'draft', files: noFiles }).answers).toEqual({
      multiplechoice: ['甲', '丙'],
    });
    expect(codesOf(checkAnswers(fields, { multiplechoice: ['甲', '丁'] }, { mode: 'draft', files: noFiles }))).toEqual([
      'answers.multiplechoice reportTask.answer.notAnOption',
    ]);
    expect(codesOf(checkAnswers(fields, { multiplechoice: ['甲', '甲'] }, { mode: 'draft', files: noFiles }))).toEqual([
      'answers.multiplechoice reportTask.answer.duplicateOption',
    ]);
  });

  it('file: an upload of this area for this very field', () => {
    const fields = [f('file')];
    const files = new Map([
      ['a', 'file'],
      ['b', 'other'],
    ]);
    expect(checkAnswers(fields, { file: 'a' }, { mode: 'submit', files }).errors).toEqual([]);
    expect(codesOf(checkAnswers(fields, { file: 'b' }, { mode: 'submit', files }))).toEqual([
      'answers.file reportTask.answer.fileMissing',
    ]);
    expect(codesOf(checkAnswers(fields, { file: 'zzz' }, { mode: 'submit', files }))).toEqual([
      'answers.file reportTask.answer.fileMissing',
    ]);
  });

  it('required fields are needed to submit, not to save a draft', () => {
    const fields = [f('text', { isRequired: true, label: '联系人' }), f('multipleChoice', { isRequired: true })];
    const empty = { text: '  ', multiplechoice: [] };
    expect(checkAnswers(fields, empty, { mode: 'draft', files: noFiles }).errors).toEqual([]);
    const r = checkAnswers(fields, empty, { mode: 'submit', files: noFiles });
    expect(codesOf(r)).toEqual([
      'answers.text reportTask.answer.required',
      'answers.multiplechoice reportTask.answer.required',
    ]);
    expect(r.errors[0]?.message).toBe('请填写“联系人”');
  });

  it('keys that are not fields of the form are refused', () => {
    expect(codesOf(checkAnswers([f('text')], { other: 'x' }, { mode: 'draft', files: noFiles }))).toEqual([
      'answers.other reportTask.answer.unknownField',
    ]);
  });
});

describe('field definitions', () => {
  it('choices need two distinct options; ids are assigned and must be unique', () => {
    const r = normalizeFields([
      { kind: 'singleChoice', label: '一', isRequired: false, options: ['是'] },
      { kind: 'multipleChoice', label: '二', isRequired: false, options: ['是', '是'] },
      { id: 'x', kind: 'text', label: '三', isRequired: false, options: ['多余'], unit: '个' },
      { id: 'x', kind: 'number', label: '四', isRequired: true, unit: '人次' },
    ]);
    expect(codesOf(r)).toEqual([
      'fields.0.options reportTask.field.options',
      'fields.1.options reportTask.field.duplicateOption',
      'fields.3.id reportTask.field.duplicateId',
    ]);
    expect(r.fields[0]?.id).toMatch(/^f[0-9a-f]{8}$/);
    expect(r.fields[2]).toMatchObject({ options: [], unit: null });
    expect(r.fields[3]).toMatchObject({ unit: '人次', isRequired: true });
  });
});

describe('lateness: the end of the deadline day in Asia/Shanghai', () => {
  it('is 24:00 +08:00, that is 16:00 UTC of the deadline day', () => {
    expect(deadlineEnd('2022-11-30').toISOString()).toBe('2022-11-30T16:00:00.000Z');
  });

  it('a submission at 23:59:59 China time on the day is on time; at 00:00 the next day it is late', () => {
    expect(isLateSubmission(new Date('2022-11-30T23:59:59.999+08:00'), '2022-11-30')).toBe(false);
    expect(isLateSubmission(new Date('2022-12-01T00:00:00+08:00'), '2022-11-30')).toBe(true);
  });

  it('the UTC date does not matter: 2022-11-30 20:00 UTC is already 12-01 in China', () => {
    expect(isLateSubmission(new Date('2022-11-30T20:00:00Z'), '2022-11-30')).toBe(true);
    expect(isLateSubmission(new Date('2022-11-30T15:59:59Z'), '2022-11-30')).toBe(false);
  });
});
