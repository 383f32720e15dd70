import { randomBytes } from 'node:crypto';
import type { FieldError } from '@linli/contract/errors';
import {
  type Answers,
  type AnswerValue,
  answerMaxLength,
  choiceFieldKinds,
  type ReportField,
  type ReportFieldInput,
} from '@linli/contract/report-tasks';

/**
 * The form of a report task: the sender's field definitions, checked and completed, and each
 * addressee's answers checked against them — pure functions, so every rule is tested alone.
 * Errors carry the path (`fields.2.options`, `answers.<fieldId>`), a stable code and a Chinese message.
 */

const err = (path: string, code: string, message: string): FieldError => ({ path, code, message });
const isChoice = (kind: ReportField['kind']) => (choiceFieldKinds as readonly string[]).includes(kind);
/** Largest magnitude of a number answer: beyond it a figure is almost surely a typing slip. */
export const NUMBER_LIMIT = 1e12;

function newFieldId(taken: Set<string>): string {
  for (;;) {
    const id = `f${randomBytes(4).toString('hex')}`;
    if (!taken.has(id)) {
      return id;
    }
  }
}

/** The sender's fields with ids assigned, options and units kept only where they mean something. */
export function normalizeFields(input: ReportFieldInput[]): { fields: ReportField[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const taken = new Set(input.map((f) => f.id).filter((id): id is string => id !== undefined));
  const seen = new Set<string>();
  const fields = input.map((f, i): ReportField => {
    let id = f.id;
    if (id !== undefined && seen.has(id)) {
      errors.push(err(`fields.${i}.id`, 'reportTask.field.duplicateId', '字段编号重复'));
    }
    id ??= newFieldId(taken);
    taken.add(id);
    seen.add(id);
    const options = isChoice(f.kind) ? (f.options ?? []) : [];
    if (isChoice(f.kind)) {
      if (options.length < 2) {
        errors.push(err(`fields.${i}.options`, 'reportTask.field.options', `“${f.label}”至少需要两个选项`));
      } else if (new Set(options).size !== options.length) {
        errors.push(err(`fields.${i}.options`, 'reportTask.field.duplicateOption', `“${f.label}”的选项有重复`));
      }
    }
    return {
      id,
      kind: f.kind,
      label: f.label,
      help: f.help ? f.help : null,
      isRequired: f.isRequired ?? false,
      options,
      unit: f.kind === 'number' && f.unit ? f.unit : null,
    };
  });
  return { fields, errors };
}

/** When a task carries only a template, the addressees answer with the filled-in file. */
export const TEMPLATE_ANSWER_FIELD: ReportField = {
  id: 'file',
  kind: 'file',
  label: '填报文件（按模板填写后上传）',
  help: null,
  isRequired: true,
  options: [],
  unit: null,
};

const isEmpty = (v: AnswerValue | undefined) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    return false;
  }
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export type AnswerCheck = {
  /** `draft`: shapes only; `submit`: required fields too */
  mode: 'draft' | 'submit';
  /** the area's uploaded files of this task: id → the field it was uploaded for */
  files: ReadonlyMap<string, string>;
};

/**
 * Checks answers against the fields: every kind's shape, options and limits; required fields when
 * submitting; unknown keys refused. Returns the cleaned answers (trimmed, empties dropped).
 */
export function checkAnswers(
  fields: readonly ReportField[],
  answers: Answers,
  check: AnswerCheck,
): { answers: Answers; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const clean: Answers = {};
  const known = new Set(fields.map((f) => f.id));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) {
      errors.push(err(`answers.${key}`, 'reportTask.answer.unknownField', '表单中没有这一项'));
    }
  }
  for (const f of fields) {
    const path = `answers.${f.id}`;
    const v = answers[f.id];
    if (isEmpty(v)) {
      if (check.mode === 'submit' && f.isRequired) {
        errors.push(err(path, 'reportTask.answer.required', `请填写“${f.label}”`));
      }
      continue;
    }
    switch (f.kind) {
      case 'text':
      case 'longText': {
        if (typeof v !== 'string') {
          errors.push(err(path, 'reportTask.answer.notText', `“${f.label}”应填写文字`));
        } else if (Array.from(v.trim()).length > answerMaxLength[f.kind]) {
          errors.push(err(path, 'reportTask.answer.tooLong', `“${f.label}”不能超过${answerMaxLength[f.kind]}个字`));
        } else {
          clean[f.id] = v.trim();
        }
        break;
      }
      case 'number': {
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          errors.push(err(path, 'reportTask.answer.notNumber', `“${f.label}”应填写数字`));
        } else if (Math.abs(v) > NUMBER_LIMIT) {
          errors.push(err(path, 'reportTask.answer.outOfRange', `“${f.label}”的数值过大`));
        } else {
          clean[f.id] = v;
        }
        break;
      }
      case 'date': {
        if (typeof v !== 'string' || !isCalendarDate(v)) {
          errors.push(err(path, 'reportTask.answer.invalidDate', `“${f.label}”应为正确的日期，如 2022-11-30`));
        } else {
          clean[f.id] = v;
        }
        break;
      }
      case 'singleChoice': {
        if (typeof v !== 'string' || !f.options.includes(v)) {
          errors.push(err(path, 'reportTask.answer.notAnOption', `“${f.label}”请从选项中选择`));
        } else {
          clean[f.id] = v;
        }
        break;
      }
      case 'multipleChoice': {
        if (!Array.isArray(v) || v.some((o) => !f.options.includes(o))) {
          errors.push(err(path, 'reportTask.answer.notAnOption', `“${f.label}”请从选项中选择`));
        } else if (new Set(v).size !== v.length) {
          errors.push(err(path, 'reportTask.answer.duplicateOption', `“${f.label}”的选项重复了`));
        } else {
          // in the order the sender listed them, so exports compare across areas
          clean[f.id] = f.options.filter((o) => v.includes(o));
        }
        break;
      }
      case 'file': {
        if (typeof v !== 'string' || check.files.get(v) !== f.id) {
          errors.push(err(path, 'reportTask.answer.fileMissing', `“${f.label}”的附件不存在，请重新上传`));
        } else {
          clean[f.id] = v;
        }
        break;
      }
    }
  }
  return { answers: clean, errors };
}
