import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { isValidIdNumber } from '../../platform/personal-data';
import { openXlsx, type XlsxCell } from '../../platform/xlsx-reader';

/**
 * The back-fill spreadsheet (补录志愿服务记录, 谁组织谁记录): the template an organization fills in,
 * the parser that turns a returned .xlsx into rows, and the error sheet. Pure apart from the
 * streams it is given: whether a volunteer exists and the row's times fit is checked by the job.
 */

export const BACKFILL_SHEET_NAME = '服务记录';
export const BACKFILL_TEMPLATE_ROWS = 500;
export const BACKFILL_MAX_ROWS = 5000;

export type BackfillKey = 'idNumber' | 'mobile' | 'projectTitle' | 'content' | 'address' | 'startedAt' | 'endedAt';
type Column = { key: BackfillKey | 'minutes'; header: string; aliases: string[]; hint: string; width: number };

export const BACKFILL_COLUMNS: readonly Column[] = [
  {
    key: 'idNumber',
    header: '身份证号码',
    aliases: ['身份证号', '证件号码'],
    hint: '志愿者的18位身份证号码；与手机号二选一',
    width: 22,
  },
  {
    key: 'mobile',
    header: '手机号',
    aliases: ['注册手机号', '手机号码', '联系电话'],
    hint: '志愿者注册时的手机号；未填身份证号码时必填',
    width: 15,
  },
  { key: 'projectTitle', header: '服务项目', aliases: ['项目名称', '志愿项目'], hint: '必填，2–100 个字', width: 24 },
  { key: 'content', header: '服务内容', aliases: ['内容'], hint: '必填，2–500 个字', width: 36 },
  { key: 'address', header: '服务地点', aliases: ['地点', '服务地址'], hint: '必填，2–200 个字', width: 28 },
  { key: 'startedAt', header: '开始时间', aliases: ['开始'], hint: '必填，如 2026-03-05 09:00', width: 18 },
  {
    key: 'endedAt',
    header: '结束时间',
    aliases: ['结束'],
    hint: '必填，如 2026-03-05 11:30；可跨午夜，不超过24小时',
    width: 18,
  },
  {
    key: 'minutes',
    header: '时长（分钟）',
    aliases: ['时长', '服务时长'],
    hint: '由开始、结束时间自动计算，无需填写',
    width: 12,
  },
];

export const backfillErrorCodes = [
  'backfill.fileType',
  'backfill.unreadable',
  'backfill.headerNotFound',
  'backfill.tooManyRows',
  'backfill.required',
  'backfill.text',
  'backfill.idNumber',
  'backfill.mobile',
  'backfill.datetime',
  'backfill.duplicateRow',
  'backfill.volunteer.notFound',
  'backfill.volunteer.ambiguous',
  'backfill.record',
] as const;
export type BackfillErrorCode = (typeof backfillErrorCodes)[number];

/** `rowNumber`: the sheet's 1-based row (0: the whole file); `column`: the Chinese header ('' for a row or file). */
export type BackfillError = { rowNumber: number; column: string; code: BackfillErrorCode; message: string };
export type BackfillValues = {
  idNumber: string | null;
  mobile: string | null;
  projectTitle: string;
  content: string;
  address: string;
  startedAt: Date;
  endedAt: Date;
};
export type BackfillRow = { rowNumber: number; values: BackfillValues };

export const headerOf = (key: BackfillKey) => BACKFILL_COLUMNS.find((c) => c.key === key)!.header;

// ─── template ──────────────────────────────────────────────────────────────────

/** The template: header notes, text format for ID and mobile, date-time format and checks, a minutes formula. */
export async function writeBackfillTemplate(stream: NodeJS.WritableStream): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '邻里';
  const sheet = workbook.addWorksheet(BACKFILL_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = BACKFILL_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  BACKFILL_COLUMNS.forEach((c, i) => {
    header.getCell(i + 1).note = c.hint;
  });
  sheet.getColumn(1).numFmt = '@';
  sheet.getColumn(2).numFmt = '@';
  sheet.getColumn(6).numFmt = 'yyyy-mm-dd hh:mm';
  sheet.getColumn(7).numFmt = 'yyyy-mm-dd hh:mm';
  const last = BACKFILL_TEMPLATE_ROWS + 1;
  const validations = (sheet as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
  validations.add(`A2:A${last}`, {
    type: 'textLength',
    operator: 'equal',
    allowBlank: true,
    formulae: [18],
    showErrorMessage: true,
    errorTitle: '身份证号码',
    error: '身份证号码应为18位',
  });
  validations.add(`B2:B${last}`, {
    type: 'textLength',
    operator: 'equal',
    allowBlank: true,
    formulae: [11],
    showErrorMessage: true,
    errorTitle: '手机号',
    error: '手机号应为11位',
  });
  for (const col of ['F', 'G']) {
    validations.add(`${col}2:${col}${last}`, {
      type: 'date',
      operator: 'greaterThan',
      allowBlank: true,
      formulae: [new Date('2000-01-01T00:00:00Z')],
      showErrorMessage: true,
      errorTitle: '时间',
      error: '请填写日期时间，如 2026-03-05 09:00',
    });
  }
  for (let r = 2; r <= last; r++) {
    sheet.getCell(`H${r}`).value = { formula: `IF(AND(F${r}<>"",G${r}<>""),INT(ROUND((G${r}-F${r})*1440,6)),"")` };
  }
  const out = new PassThrough();
  out.pipe(stream);
  await workbook.xlsx.write(out);
  out.end();
}

/** The errors as an .xlsx (行号 / 列 / 错误说明), in memory (one upload's errors are few). */
export async function errorSheetOf(errors: readonly BackfillError[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('错误清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '行号', key: 'rowNumber', width: 8 },
    { header: '列', key: 'column', width: 14 },
    { header: '错误说明', key: 'message', width: 80 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const e of errors) {
    sheet.addRow({ rowNumber: e.rowNumber === 0 ? '全表' : e.rowNumber, column: e.column, message: e.message });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ─── parsing ─────────────────────────────────────────────────────────────────

const clean = (text: string) =>
  text
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/gu, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u200B\uFEFF]+/gu, ' ')
    .trim();

const headerKey = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[\s*:：]/gu, '')
    .replace(/\(.*\)$/u, '')
    .toLowerCase();

const LOOKUP = new Map(
  BACKFILL_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [headerKey(h), c] as const)),
);

/** A wall-clock time in China (no zone in a spreadsheet) as an instant. */
const china = (y: number, mo: number, d: number, h: number, mi: number) => {
  const t = new Date(Date.UTC(y, mo - 1, d, h - 8, mi));
  const wall = new Date(t.getTime() + 8 * 3_600_000);
  return wall.getUTCFullYear() === y && wall.getUTCMonth() === mo - 1 && wall.getUTCDate() === d && h < 24 && mi < 60
    ? t
    : null;
};

/** A date-time cell: a date cell or Excel serial (its wall time read as China time) or text like 2026-03-05 09:00. */
export function dateTimeOf(cell: XlsxCell): Date | null {
  if (cell instanceof Date) {
    // exceljs builds dates from the serial in UTC: its UTC fields are the wall time typed
    return china(
      cell.getUTCFullYear(),
      cell.getUTCMonth() + 1,
      cell.getUTCDate(),
      cell.getUTCHours(),
      cell.getUTCMinutes(),
    );
  }
  if (typeof cell === 'number' && cell > 20_000 && cell < 80_000) {
    return dateTimeOf(new Date(Math.round((cell - 25_569) * 86_400) * 1000));
  }
  if (typeof cell !== 'string') {
    return null;
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?[T ]*(\d{1,2})[:：时](\d{2})(?::\d{2})?分?$/u.exec(clean(cell));
  return m ? china(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])) : null;
}

const textOf = (cell: XlsxCell) =>
  cell === null || cell === undefined ? '' : cell instanceof Date ? cell.toISOString() : clean(String(cell));

/** Reads a returned back-fill sheet: the header row is found by its headers; blank rows are skipped. */
export async function parseBackfillFile(
  buffer: Buffer,
  filename: string,
): Promise<{ rows: BackfillRow[]; errors: BackfillError[] }> {
  const fileError = (code: BackfillErrorCode, message: string) => ({
    rows: [],
    errors: [{ rowNumber: 0, column: '', code, message }],
  });
  const isZip = buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (!/\.xlsx$/i.test(filename) || !isZip) {
    return fileError('backfill.fileType', '请上传 .xlsx 文件（旧版 .xls 或 WPS 格式请先另存为 .xlsx）');
  }
  let sheets: Awaited<ReturnType<typeof openXlsx>>;
  try {
    sheets = await openXlsx(buffer);
  } catch {
    return fileError('backfill.unreadable', '无法读取该文件，请确认是 Excel（.xlsx）文件且未加密、未损坏');
  }
  for (const sheet of sheets) {
    let columns: Map<number, Column> | null = null;
    const rows: BackfillRow[] = [];
    const errors: BackfillError[] = [];
    let count = 0;
    try {
      for await (const batch of sheet.rows()) {
        for (const { rowNumber, cells } of batch) {
          if (!columns) {
            const found = new Map<number, Column>();
            cells.forEach((cell, i) => {
              const c = typeof cell === 'string' ? LOOKUP.get(headerKey(cell)) : undefined;
              if (c && ![...found.values()].includes(c)) {
                found.set(i, c);
              }
            });
            columns = found.size >= 4 ? found : null;
            continue;
          }
          const raw = new Map<string, XlsxCell>();
          for (const [i, c] of columns) {
            const cell = cells[i] ?? null;
            if (c.key !== 'minutes' && textOf(cell) !== '') {
              raw.set(c.key, cell);
            }
          }
          if (raw.size === 0) {
            continue;
          }
          if (++count > BACKFILL_MAX_ROWS) {
            return fileError('backfill.tooManyRows', `数据超过 ${BACKFILL_MAX_ROWS} 行，请拆分为多个文件上传`);
          }
          const parsed = parseRow(rowNumber, raw);
          errors.push(...parsed.errors);
          if (parsed.values) {
            rows.push({ rowNumber, values: parsed.values });
          }
        }
      }
    } catch {
      return fileError('backfill.unreadable', '无法读取该文件，请确认是 Excel（.xlsx）文件且未加密、未损坏');
    }
    if (columns) {
      return { rows, errors };
    }
  }
  return fileError(
    'backfill.headerNotFound',
    '未找到表头行：请使用补录模板，表头需包含“身份证号码”“服务项目”“开始时间”“结束时间”等列',
  );
}

function parseRow(rowNumber: number, raw: Map<string, XlsxCell>): { values?: BackfillValues; errors: BackfillError[] } {
  const errors: BackfillError[] = [];
  const err = (key: BackfillKey | '', code: BackfillErrorCode, message: string) =>
    errors.push({ rowNumber, column: key ? headerOf(key) : '', code, message });
  const idNumber = raw.has('idNumber') ? textOf(raw.get('idNumber')!).replace(/\s/g, '').toUpperCase() : null;
  const mobile = raw.has('mobile') ? textOf(raw.get('mobile')!).replace(/[\s-]/g, '') : null;
  if (!idNumber && !mobile) {
    err('idNumber', 'backfill.required', '请填写志愿者的身份证号码或注册手机号');
  }
  if (idNumber && !isValidIdNumber(idNumber)) {
    err('idNumber', 'backfill.idNumber', '身份证号码不正确（应为18位，出生日期和校验位有效）');
  }
  if (mobile && !/^1[3-9]\d{9}$/.test(mobile)) {
    err('mobile', 'backfill.mobile', '手机号应为11位中国大陆手机号');
  }
  const text = (key: 'projectTitle' | 'content' | 'address', max: number) => {
    const value = raw.has(key) ? textOf(raw.get(key)!) : '';
    if (value === '') {
      err(key, 'backfill.required', `${headerOf(key)}为必填项`);
    } else if ([...value].length < 2 || [...value].length > max) {
      err(key, 'backfill.text', `${headerOf(key)}应为 2–${max} 个字`);
    }
    return value;
  };
  const projectTitle = text('projectTitle', 100);
  const content = text('content', 500);
  const address = text('address', 200);
  const time = (key: 'startedAt' | 'endedAt') => {
    const cell = raw.get(key);
    if (cell === undefined) {
      err(key, 'backfill.required', `${headerOf(key)}为必填项`);
      return null;
    }
    const at = dateTimeOf(cell);
    if (!at) {
      err(key, 'backfill.datetime', `${headerOf(key)}格式不正确，请填写如 2026-03-05 09:00 的日期和时间`);
    }
    return at;
  };
  const startedAt = time('startedAt');
  const endedAt = time('endedAt');
  if (errors.length > 0 || !startedAt || !endedAt) {
    return { errors };
  }
  return {
    values: { idNumber, mobile: idNumber ? null : mobile, projectTitle, content, address, startedAt, endedAt },
    errors,
  };
}
