import { PassThrough } from 'node:stream';
import { type CreditCodeProblem, validateCreditCode } from '@linli/contract/credit-code';
import { normalizeOrgName } from '@linli/contract/org-name';
import {
  categoryDefinitions,
  type HubKind,
  hubKinds,
  type OrgCategory,
  OrgFields,
  type OrgTier,
  orgCategories,
  orgLabels,
  orgTiers,
  type PartyOrgForm,
  partyOrgForms,
  type ServiceTarget,
  serviceTargets,
} from '@linli/contract/organizations';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { openXlsx, type XlsxCell, type XlsxReadOptions } from '../../platform/xlsx-reader';

/**
 * The 摸底 (baseline survey) spreadsheet: the template a township fills in, the parser that turns a
 * returned .xlsx or .csv into organization fields, and the error sheet sent back. Pure apart from
 * the streams it is given: whether an area code exists and lies in the uploader's jurisdiction
 * is checked by the caller against the database.
 */

/** One surveyed organization: the registry fields plus its tier and its leader (OrgLeaderInput). */
export const SurveyValues = OrgFields.extend({
  tier: z.enum(orgTiers),
  leaderName: z.string().trim().min(1).max(50),
  leaderMobile: z.string().regex(/^1[3-9]\d{9}$/),
});
export type SurveyValues = z.infer<typeof SurveyValues>;
export type SurveyKey = keyof SurveyValues;

export type SurveyColumnKind =
  | 'text'
  | 'enum'
  | 'enumList'
  | 'areaCode'
  | 'date'
  | 'count'
  | 'boolean'
  | 'creditCode'
  | 'mobile';

export type SurveyColumn = {
  key: SurveyKey;
  header: string;
  required: boolean;
  kind: SurveyColumnKind;
  /** Labels offered in the template's dropdown (enum and boolean columns). */
  options?: readonly string[];
  /** Other headers accepted for this column when a sheet is read. */
  aliases: readonly string[];
  /** Shown on the 填表说明 sheet. */
  hint: string;
  width: number;
};

export type SurveyRow = { rowNumber: number; values: SurveyValues };

export const surveyErrorCodes = [
  'survey.fileType',
  'survey.unreadable',
  'survey.headerNotFound',
  'survey.columnMissing',
  'survey.tooManyRows',
  'survey.required',
  'survey.text',
  'survey.enum',
  'survey.date',
  'survey.dateInFuture',
  'survey.number',
  'survey.areaCode',
  'survey.creditCode.length',
  'survey.creditCode.charset',
  'survey.creditCode.checkChar',
  'survey.creditCode.notCivilAffairs',
  'survey.mobile',
  'survey.inconsistent',
  'survey.duplicateName',
] as const;
export type SurveyErrorCode = (typeof surveyErrorCodes)[number];

/** A problem in the file. `rowNumber` is the sheet's 1-based row (0 for the whole file); `column` the Chinese header ('' for a whole row or file). */
export type SurveyError = { rowNumber: number; column: string; code: SurveyErrorCode; message: string };

export type ParsedSurvey = { rows: SurveyRow[]; errors: SurveyError[] };

export const SURVEY_SHEET_NAME = '摸底表';
export const SURVEY_HELP_SHEET_NAME = '填表说明';
/** Rows 2–5001 of the template carry the dropdowns. */
export const SURVEY_TEMPLATE_ROWS = 5000;
export const SURVEY_MAX_ROWS = 200_000;

const YES = '是';
const NO = '否';

/** The template columns, in order. Enum labels come from `orgLabels`, so the console, exports and template agree. */
export const SURVEY_COLUMNS: readonly SurveyColumn[] = [
  {
    key: 'name',
    header: '组织名称',
    required: true,
    kind: 'text',
    aliases: ['名称', '组织全称', '社会组织名称', '社区社会组织名称'],
    hint: '组织全称，2–80 个字；同一乡镇（街道）内不得重名（忽略空格、全半角和大小写差异）',
    width: 30,
  },
  {
    key: 'tier',
    header: '类型',
    required: true,
    kind: 'enum',
    options: Object.values(orgLabels.tier),
    aliases: ['组织类型', '管理类型'],
    hint: `从下拉列表选择：${Object.values(orgLabels.tier).join('、')}`,
    width: 16,
  },
  {
    key: 'category',
    header: '类别',
    required: true,
    kind: 'enum',
    options: Object.values(orgLabels.category),
    aliases: ['组织类别', '分类'],
    hint: `从下拉列表选择：${Object.values(orgLabels.category).join('、')}（定义见下方）`,
    width: 14,
  },
  {
    key: 'hubKind',
    header: '是否枢纽型',
    required: false,
    kind: 'enum',
    options: Object.values(orgLabels.hubKind),
    aliases: ['是否枢纽型组织', '枢纽型'],
    hint: `从下拉列表选择：${Object.values(orgLabels.hubKind).join('、')}；不填视为“否”`,
    width: 12,
  },
  {
    key: 'areaCode',
    header: '所在区划代码',
    required: true,
    kind: 'areaCode',
    aliases: ['区划代码', '行政区划代码', '统计用区划代码'],
    hint: '组织所在社区（村）或乡镇（街道）的 12 位统计用区划代码，请按文本填写，如 510106001001',
    width: 16,
  },
  {
    key: 'foundedOn',
    header: '成立日期',
    required: true,
    kind: 'date',
    aliases: ['成立时间'],
    hint: '如 2021-03-05，也可写 2021/3/5、2021年3月5日 或 20210305；不能晚于今天',
    width: 12,
  },
  {
    key: 'serviceTargets',
    header: '服务对象',
    required: false,
    kind: 'enumList',
    aliases: [],
    hint: `可填多个，以顿号“、”分隔，可选：${Object.values(orgLabels.serviceTarget).join('、')}`,
    width: 24,
  },
  {
    key: 'venue',
    header: '活动场所',
    required: false,
    kind: 'text',
    aliases: ['活动地点'],
    hint: '经常开展活动的地点，不超过 200 字',
    width: 24,
  },
  {
    key: 'memberCount',
    header: '成员人数',
    required: true,
    kind: 'count',
    aliases: ['成员数', '会员人数'],
    hint: '整数',
    width: 10,
  },
  {
    key: 'socialWorkerCount',
    header: '社工人数',
    required: false,
    kind: 'count',
    aliases: [],
    hint: '整数，不填视为 0',
    width: 10,
  },
  {
    key: 'certifiedSocialWorkerCount',
    header: '持证社工人数',
    required: false,
    kind: 'count',
    aliases: [],
    hint: '取得社会工作者职业资格证书的人数，整数，不大于社工人数；不填视为 0',
    width: 12,
  },
  {
    key: 'partyOrg',
    header: '党组织形式',
    required: false,
    kind: 'enum',
    options: Object.values(orgLabels.partyOrg),
    aliases: ['党组织', '党建形式'],
    hint: `从下拉列表选择：${Object.values(orgLabels.partyOrg).join('、')}；不填视为“暂无”`,
    width: 16,
  },
  {
    key: 'charterPartyClause',
    header: '章程含党建条款',
    required: false,
    kind: 'boolean',
    options: [YES, NO],
    aliases: ['党建入章', '是否党建入章'],
    hint: '是 / 否；不填视为“否”',
    width: 14,
  },
  {
    key: 'creditCode',
    header: '统一社会信用代码',
    required: false,
    kind: 'creditCode',
    aliases: ['信用代码', '社会信用代码'],
    hint: '18 位；依法登记的组织必填（民政部门登记，以 51、52、53 或 59 开头）',
    width: 22,
  },
  {
    key: 'leaderName',
    header: '负责人姓名',
    required: true,
    kind: 'text',
    aliases: ['负责人'],
    hint: '不超过 50 字',
    width: 12,
  },
  {
    key: 'leaderMobile',
    header: '负责人手机号',
    required: true,
    kind: 'mobile',
    aliases: ['负责人手机', '负责人手机号码', '手机号', '手机号码'],
    hint: '11 位手机号，请按文本填写',
    width: 14,
  },
];

/** Largest value of each count column (OrgFields). */
const COUNT_MAX: Partial<Record<SurveyKey, number>> = {
  memberCount: 1_000_000,
  socialWorkerCount: 10_000,
  certifiedSocialWorkerCount: 10_000,
};
/** Length limits of the text columns (OrgFields, OrgLeaderInput). */
const TEXT_LENGTH: Partial<Record<SurveyKey, { min: number; max: number }>> = {
  name: { min: 2, max: 80 },
  venue: { min: 0, max: 200 },
  leaderName: { min: 1, max: 50 },
};

// ---------------------------------------------------------------------------------------------
// Template

/**
 * Writes the empty survey template (.xlsx) to `stream` and ends it: sheet 摸底表 with the header
 * row, dropdowns on the enum columns for rows 2–5001 and text format on the code columns, and
 * sheet 填表说明 with the column notes and the category definitions (004 box 2).
 */
export async function writeSurveyTemplate(stream: NodeJS.WritableStream): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '邻里';
  const sheet = workbook.addWorksheet(SURVEY_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = SURVEY_COLUMNS.map((column) => ({ header: column.header, key: column.key, width: column.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  const lastRow = SURVEY_TEMPLATE_ROWS + 1;
  SURVEY_COLUMNS.forEach((column, index) => {
    const letter = columnLetter(index + 1);
    const cell = header.getCell(index + 1);
    cell.note = `${column.required ? '必填。' : ''}${column.hint}`;
    if (column.required) {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE699' } };
    }
    if (column.kind === 'areaCode' || column.kind === 'creditCode' || column.kind === 'mobile') {
      // Text format, so Excel keeps 12-digit codes and mobile numbers as typed (no scientific notation).
      sheet.getColumn(index + 1).numFmt = '@';
    } else if (column.kind === 'date') {
      sheet.getColumn(index + 1).numFmt = 'yyyy-mm-dd';
    }
    const range = `${letter}2:${letter}${lastRow}`;
    if (column.options) {
      addValidation(sheet, range, {
        type: 'list',
        allowBlank: !column.required,
        formulae: [`"${column.options.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: column.header,
        error: `请从下拉列表中选择：${column.options.join('、')}`,
      });
    } else if (column.kind === 'count') {
      addValidation(sheet, range, {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [0, COUNT_MAX[column.key] ?? 0],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: column.header,
        error: `请填写 0 到 ${COUNT_MAX[column.key] ?? 0} 之间的整数`,
      });
    }
  });

  const help = workbook.addWorksheet(SURVEY_HELP_SHEET_NAME);
  help.columns = [{ width: 20 }, { width: 10 }, { width: 100 }];
  help.addRow(['社区社会组织摸底表填表说明']).font = { bold: true, size: 14 };
  for (const line of [
    `1. 请在“${SURVEY_SHEET_NAME}”工作表中逐行填写，每行一个组织；请勿修改表头文字，可删除本说明页。`,
    '2. 表头标黄的列为必填；依法登记的组织须填写统一社会信用代码。',
    '3. 区划代码、统一社会信用代码和手机号请按文本填写，避免被 Excel 显示为科学计数法。',
    '4. 同一乡镇（街道）内组织名称不得重复；名称比较时忽略空格、全角半角和英文大小写的差异。',
    '5. 上传后系统逐行检查，有误的行不会导入，可下载错误清单修改后重新上传。',
  ]) {
    help.addRow([line]);
  }
  help.addRow([]);
  help.addRow(['列名', '是否必填', '填写说明']).font = { bold: true };
  for (const column of SURVEY_COLUMNS) {
    help.addRow([column.header, column.required ? '必填' : '选填', column.hint]);
  }
  help.addRow([]);
  help.addRow(['类别定义']).font = { bold: true };
  for (const category of orgCategories) {
    help.addRow([orgLabels.category[category], '', categoryDefinitions[category]]);
  }
  help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };

  const out = new PassThrough();
  out.pipe(stream);
  await workbook.xlsx.write(out);
  out.end();
}

/** exceljs keeps range validations in `worksheet.dataValidations`, which its typings do not declare. */
function addValidation(sheet: ExcelJS.Worksheet, range: string, validation: ExcelJS.DataValidation) {
  const { dataValidations } = sheet as unknown as {
    dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
  };
  dataValidations.add(range, validation);
}

function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

// ---------------------------------------------------------------------------------------------
// Error sheet

/**
 * Writes the errors as an .xlsx (行号 / 列 / 错误说明) to `stream` and ends it. Streams row by row,
 * so the promise settles only as the stream is consumed: pipe it to the response before awaiting.
 */
export async function writeErrorSheet(errors: readonly SurveyError[], stream: NodeJS.WritableStream): Promise<void> {
  const out = new PassThrough();
  out.pipe(stream);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('错误清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '行号', key: 'rowNumber', width: 8 },
    { header: '列', key: 'column', width: 18 },
    { header: '错误说明', key: 'message', width: 80 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (const error of errors) {
    sheet
      .addRow({
        rowNumber: error.rowNumber === 0 ? '全表' : error.rowNumber,
        column: error.column,
        message: error.message,
      })
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** A cell as read from either format, before the column's kind interprets it. */
type Cell = XlsxCell;

type Parsed<T> = { ok: true; value: T } | { ok: false; code: SurveyErrorCode; message: string };

/**
 * Reads a returned survey (.xlsx, or .csv in UTF-8 with or without BOM, GB18030 or UTF-16).
 * The header row is found by its headers (rows above it, such as blank or merged title rows,
 * are skipped) and columns are mapped by header, not position. Rows with any problem are left
 * out of `rows` and reported in `errors`; blank rows are skipped. `today` (YYYY-MM-DD, default:
 * today in China) bounds the founding date; `chunkSize` (bytes of inflated XML handed on at a
 * time, default 64 KiB) is there for tests.
 */
export async function parseSurveyFile(
  buffer: Buffer,
  filename: string,
  options: { today?: string; chunkSize?: number } = {},
): Promise<ParsedSurvey> {
  const today = options.today ?? chinaToday();
  if (buffer.length === 0) {
    return fileError('survey.unreadable', '文件是空的'); // (exceljs never settles on an empty stream)
  }
  const extension = /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  const isZip = buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  if (extension === 'csv' || (extension === 'txt' && !isZip)) {
    const reader = createSheetReader(today);
    for (const [index, cells] of csvRecords(decodeText(buffer)).entries()) {
      reader.push(index + 1, cells);
    }
    return reader.result() ?? fileError('survey.headerNotFound', headerNotFoundMessage);
  }
  if (buffer.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    // An OLE compound file: an old .xls, a .et, or an .xlsx saved with a password.
    return fileError('survey.fileType', '该文件为旧版 .xls 格式或已加密，请另存为未加密的 .xlsx 后上传');
  }
  if (extension === 'xlsx' || extension === 'xlsm' || isZip) {
    if (!hasZipDirectory(buffer)) {
      return fileError('survey.unreadable', '文件不完整或不是 Excel（.xlsx）文件，请重新保存后上传');
    }
    try {
      return (
        (await readWorkbook(buffer, today, { chunkSize: options.chunkSize })) ??
        fileError('survey.headerNotFound', headerNotFoundMessage)
      );
    } catch {
      return fileError('survey.unreadable', '无法读取该文件，请确认是 Excel（.xlsx）文件且未加密、未损坏');
    }
  }
  return fileError('survey.fileType', '仅支持 .xlsx 或 .csv 文件；旧版 .xls 或 WPS 格式请先另存为 .xlsx');
}

const headerNotFoundMessage = `未找到表头行：请使用摸底表模板，表头需包含“${SURVEY_COLUMNS.filter((c) => c.required)
  .map((c) => c.header)
  .join('”“')}”等列`;

/**
 * Whether the archive ends with its central directory (a truncated upload does not): the zip
 * reader needs it, and this tells a truncated upload apart from other damage at no cost.
 */
function hasZipDirectory(buffer: Buffer): boolean {
  const endOfDirectory = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  return endOfDirectory >= 0 && endOfDirectory >= buffer.length - 65_557; // 22-byte record + comment of up to 65,535
}

function fileError(code: SurveyErrorCode, message: string): ParsedSurvey {
  return { rows: [], errors: [{ rowNumber: 0, column: '', code, message }] };
}

/**
 * Streams the worksheets in workbook order (platform/xlsx-reader.ts) and uses the first whose
 * header row is found; a sheet is read only until its parse is settled. Only the rows being
 * parsed are in memory besides the shared strings, not the workbook.
 */
async function readWorkbook(buffer: Buffer, today: string, options: XlsxReadOptions): Promise<ParsedSurvey | null> {
  for (const sheet of await openXlsx(buffer, options)) {
    const reader = createSheetReader(today);
    for await (const rows of sheet.rows()) {
      for (const row of rows) {
        reader.push(row.rowNumber, row.cells);
      }
      if (reader.isDone()) {
        break;
      }
    }
    const result = reader.result();
    if (result) {
      return result;
    }
  }
  return null;
}

type SheetReader = {
  push(rowNumber: number, cells: readonly Cell[]): void;
  isDone(): boolean;
  /** The parse, or null when no header row was found. */
  result(): ParsedSurvey | null;
};

/** Rows that may precede the header (titles, notes) before a sheet is given up on. */
const HEADER_SEARCH_ROWS = 30;
/** Distinct known headers a row needs to count as the header row. */
const HEADER_MIN_MATCHES = 3;

function createSheetReader(today: string): SheetReader {
  let columns: { index: number; column: SurveyColumn }[] | null = null;
  let rowsBeforeHeader = 0;
  let dataRows = 0;
  let done = false;
  const rows: SurveyRow[] = [];
  const errors: SurveyError[] = [];
  const firstRowOfName = new Map<string, number>();

  return {
    push(rowNumber, cells) {
      if (done) {
        return;
      }
      if (!columns) {
        if (cells.every(isBlank)) {
          return;
        }
        columns = headerColumns(cells);
        if (!columns) {
          rowsBeforeHeader++;
          done = rowsBeforeHeader >= HEADER_SEARCH_ROWS;
          return;
        }
        const present = new Set(columns.map((c) => c.column.key));
        for (const column of SURVEY_COLUMNS) {
          if (column.required && !present.has(column.key)) {
            errors.push({
              rowNumber,
              column: column.header,
              code: 'survey.columnMissing',
              message: `缺少必填列“${column.header}”`,
            });
            done = true;
          }
        }
        return;
      }
      const raw = new Map<SurveyKey, Cell>();
      for (const { index, column } of columns) {
        const cell = cells[index] ?? null;
        if (!isBlank(cell)) {
          raw.set(column.key, cell);
        }
      }
      if (raw.size === 0) {
        return;
      }
      dataRows++;
      if (dataRows > SURVEY_MAX_ROWS) {
        errors.push({
          rowNumber,
          column: '',
          code: 'survey.tooManyRows',
          message: `数据超过 ${SURVEY_MAX_ROWS} 行，请拆分为多个文件上传`,
        });
        done = true;
        return;
      }
      const parsed = parseRow(rowNumber, raw, today);
      errors.push(...parsed.errors);
      if (parsed.nameKey !== undefined) {
        const first = firstRowOfName.get(parsed.nameKey);
        if (first === undefined) {
          firstRowOfName.set(parsed.nameKey, rowNumber);
        } else {
          errors.push({
            rowNumber,
            column: '组织名称',
            code: 'survey.duplicateName',
            message: `与第 ${first} 行的组织重名（同一乡镇（街道）内名称不得重复）`,
          });
          return;
        }
      }
      if (parsed.values) {
        rows.push({ rowNumber, values: parsed.values });
      }
    },
    isDone: () => done,
    result() {
      if (!columns) {
        return null;
      }
      const order = new Map(SURVEY_COLUMNS.map((column, index) => [column.header, index]));
      errors.sort((a, b) => a.rowNumber - b.rowNumber || (order.get(a.column) ?? -1) - (order.get(b.column) ?? -1));
      return { rows, errors };
    },
  };
}

const HEADER_LOOKUP = new Map<string, SurveyColumn>(
  SURVEY_COLUMNS.flatMap((column) => [column.header, ...column.aliases].map((h) => [headerKey(h), column] as const)),
);

/** Headers compare without spaces, width differences, required-markers (*) or a trailing colon. */
function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s*:]/gu, '')
    .toLowerCase();
}

/** The column of a header cell; a parenthesised suffix such as （必填） or (人) is ignored. */
function matchHeader(cell: Cell): SurveyColumn | undefined {
  if (typeof cell !== 'string') {
    return undefined;
  }
  const key = headerKey(cell);
  return HEADER_LOOKUP.get(key) ?? HEADER_LOOKUP.get(key.split('(')[0] ?? '');
}

/** The mapped columns when `cells` is the header row; the first of two like columns wins. */
function headerColumns(cells: readonly Cell[]): { index: number; column: SurveyColumn }[] | null {
  const columns: { index: number; column: SurveyColumn }[] = [];
  const seen = new Set<SurveyKey>();
  cells.forEach((cell, index) => {
    const column = matchHeader(cell);
    if (column && !seen.has(column.key)) {
      seen.add(column.key);
      columns.push({ index, column });
    }
  });
  return columns.length >= HEADER_MIN_MATCHES ? columns : null;
}

function isBlank(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cleanText(cell) === '');
}

type RowParse = { values?: SurveyValues; errors: SurveyError[]; nameKey?: string };

function parseRow(rowNumber: number, raw: ReadonlyMap<SurveyKey, Cell>, today: string): RowParse {
  const errors: SurveyError[] = [];
  const values = new Map<SurveyKey, unknown>();
  for (const column of SURVEY_COLUMNS) {
    const cell = raw.get(column.key);
    // The tier column precedes the credit code, so its value is known here.
    const isRegistered = values.get('tier') === 'registered';
    if (cell === undefined) {
      if (column.required || (column.kind === 'creditCode' && isRegistered)) {
        errors.push({
          rowNumber,
          column: column.header,
          code: 'survey.required',
          message: column.required ? `${column.header}为必填项` : `依法登记的组织须填写${column.header}`,
        });
      }
      continue;
    }
    const parsed = parseCell(column, cell, { today, isRegistered });
    if (parsed.ok) {
      values.set(column.key, parsed.value);
    } else {
      errors.push({ rowNumber, column: column.header, code: parsed.code, message: parsed.message });
    }
  }

  const socialWorkers = values.get('socialWorkerCount') ?? 0;
  const certified = values.get('certifiedSocialWorkerCount') ?? 0;
  if (typeof certified === 'number' && typeof socialWorkers === 'number' && certified > socialWorkers) {
    errors.push({
      rowNumber,
      column: '持证社工人数',
      code: 'survey.inconsistent',
      message: '持证社工人数不能大于社工人数',
    });
  }

  const name = values.get('name');
  const areaCode = values.get('areaCode');
  const nameKey =
    typeof name === 'string' && typeof areaCode === 'string'
      ? `${areaCode.slice(0, 9)}:${normalizeOrgName(name)}` // the township: the code's first nine digits
      : undefined;
  if (errors.length > 0) {
    return { errors, nameKey };
  }
  // The row goes through the registry's own schema, so an imported row is exactly what a filing could set.
  const checked = SurveyValues.safeParse(Object.fromEntries(values));
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const column = SURVEY_COLUMNS.find((c) => c.key === issue.path[0]);
      errors.push({ rowNumber, column: column?.header ?? '', code: 'survey.text', message: '内容不符合要求' });
    }
    return { errors, nameKey };
  }
  return { values: checked.data, errors, nameKey };
}

const creditCodeMessages: Record<CreditCodeProblem, string> = {
  length: '统一社会信用代码应为 18 位',
  charset: '统一社会信用代码含有不允许的字符（第 3–8 位为数字，不使用字母 I、O、Z、S、V）',
  checkChar: '统一社会信用代码校验位不正确，请核对是否填错',
  notCivilAffairs: '依法登记的组织应填写民政部门登记的统一社会信用代码（以 51、52、53 或 59 开头）',
};

function parseCell(
  column: SurveyColumn,
  cell: Cell,
  context: { today: string; isRegistered: boolean },
): Parsed<unknown> {
  switch (column.kind) {
    case 'text':
      return parseText(column, cell);
    case 'enum':
      return parseEnum(column, cell);
    case 'enumList':
      return parseServiceTargets(cell);
    case 'areaCode':
      return parseAreaCode(cell);
    case 'date':
      return parseDate(cell, context.today);
    case 'count':
      return parseCount(column, cell);
    case 'boolean':
      return parseBoolean(column, cell);
    case 'creditCode':
      return parseCreditCode(cell, context.isRegistered);
    case 'mobile':
      return parseMobile(cell);
  }
}

/** Any valid code; a registered organization's must be one issued by 民政 (GB 32100-2015). */
function parseCreditCode(cell: Cell, isRegistered: boolean): Parsed<string> {
  const check = validateCreditCode(cellText(cell), { civilAffairs: isRegistered });
  if (check.ok) {
    return { ok: true, value: check.code };
  }
  return { ok: false, code: `survey.creditCode.${check.reason}`, message: creditCodeMessages[check.reason] };
}

function parseText(column: SurveyColumn, cell: Cell): Parsed<string> {
  const text = cellText(cell);
  const length = TEXT_LENGTH[column.key] ?? { min: 0, max: 200 };
  if (text.length < length.min || text.length > length.max) {
    return {
      ok: false,
      code: 'survey.text',
      message:
        length.min > 1
          ? `${column.header}应为 ${length.min}–${length.max} 个字`
          : `${column.header}不能超过 ${length.max} 个字`,
    };
  }
  return { ok: true, value: text };
}

/** Label → code for each enum column: the labels of `orgLabels`, the codes themselves, and a few short forms people write. */
const ENUM_LOOKUP: Partial<Record<SurveyKey, Map<string, string>>> = {
  tier: lookupOf<OrgTier>(orgTiers, orgLabels.tier, {
    登记: 'registered',
    已登记: 'registered',
    备案: 'filed',
    街道备案: 'filed',
    乡镇备案: 'filed',
    街道乡镇备案: 'filed',
    指导: 'guided',
  }),
  category: lookupOf<OrgCategory>(orgCategories, orgLabels.category, {
    公益慈善: 'charity',
    生活服务: 'livingServices',
    社区事务: 'communityAffairs',
    文体活动: 'cultureSports',
  }),
  hubKind: lookupOf<HubKind>(hubKinds, orgLabels.hubKind, {
    无: 'none',
    n: 'none',
    枢纽型: 'hub',
    枢纽: 'hub',
    枢纽型社区社会组织: 'hub',
    社区社会组织联合会: 'federation',
  }),
  partyOrg: lookupOf<PartyOrgForm>(partyOrgForms, orgLabels.partyOrg, {
    单独组建: 'standalone',
    联合组建: 'joint',
    党建指导员: 'instructor',
    选派党建指导员: 'instructor',
    无: 'none',
    否: 'none',
  }),
};

const SERVICE_TARGET_LOOKUP = lookupOf<ServiceTarget>(serviceTargets, orgLabels.serviceTarget, {
  老人: 'elderly',
  残障人士: 'disabled',
  留守儿童: 'leftBehind',
  留守老人: 'leftBehind',
  居民: 'allResidents',
});

function lookupOf<T extends string>(
  codes: readonly T[],
  labels: Record<T, string>,
  aliases: Record<string, T>,
): Map<string, T> {
  const lookup = new Map<string, T>();
  for (const code of codes) {
    lookup.set(enumKey(code), code);
    lookup.set(enumKey(labels[code]), code);
  }
  for (const [alias, code] of Object.entries(aliases)) {
    lookup.set(enumKey(alias), code);
  }
  return lookup;
}

/** Enum labels compare without spaces, width or bracket differences, or case. */
function enumKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s()]/gu, '')
    .toLowerCase();
}

function parseEnum(column: SurveyColumn, cell: Cell): Parsed<string> {
  const value = ENUM_LOOKUP[column.key]?.get(enumKey(cellText(cell)));
  if (value === undefined) {
    return {
      ok: false,
      code: 'survey.enum',
      message: `${column.header}“${cellText(cell)}”不在可选范围内，可选：${(column.options ?? []).join('、')}`,
    };
  }
  return { ok: true, value };
}

function parseServiceTargets(cell: Cell): Parsed<ServiceTarget[]> {
  const targets = new Set<ServiceTarget>();
  const unknown: string[] = [];
  for (const part of cellText(cell).split(/[、,，;；/／|\n]+/u)) {
    const label = part.trim();
    if (label === '') {
      continue;
    }
    const target = SERVICE_TARGET_LOOKUP.get(enumKey(label));
    if (target) {
      targets.add(target);
    } else {
      unknown.push(label);
    }
  }
  if (unknown.length > 0) {
    return {
      ok: false,
      code: 'survey.enum',
      message: `服务对象“${unknown.join('、')}”不在可选范围内，可选：${Object.values(orgLabels.serviceTarget).join('、')}`,
    };
  }
  return { ok: true, value: [...targets] };
}

/** Excel shows long numbers typed into a General cell as 1.10101E+11, and a CSV saved from it keeps only that. */
const SCIENTIFIC = /^\d(\.\d+)?e\+?\d+$/i;

function parseAreaCode(cell: Cell): Parsed<string> {
  const text = typeof cell === 'number' && Number.isInteger(cell) ? String(cell) : compactText(cell);
  if (/^\d{12}$/.test(text)) {
    return { ok: true, value: text };
  }
  return {
    ok: false,
    code: 'survey.areaCode',
    message: SCIENTIFIC.test(text)
      ? '区划代码被 Excel 显示为科学计数法，请将该列设为文本格式后重新填写 12 位代码'
      : '区划代码应为 12 位数字（统计用区划代码）',
  };
}

function parseMobile(cell: Cell): Parsed<string> {
  const text = (typeof cell === 'number' && Number.isInteger(cell) ? String(cell) : compactText(cell))
    .replace(/-/g, '')
    .replace(/^\+?86(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(text)) {
    return { ok: true, value: text };
  }
  return {
    ok: false,
    code: 'survey.mobile',
    message: SCIENTIFIC.test(text)
      ? '手机号被 Excel 显示为科学计数法，请将该列设为文本格式后重新填写'
      : '手机号应为 11 位中国大陆手机号',
  };
}

function parseCount(column: SurveyColumn, cell: Cell): Parsed<number> {
  const max = COUNT_MAX[column.key] ?? 0;
  let value = Number.NaN;
  if (typeof cell === 'number') {
    value = cell;
  } else if (typeof cell === 'string') {
    const text = compactText(cell)
      .replace(/[,，]/gu, '')
      .replace(/[人名个]$/u, '');
    value = /^\d+(\.0*)?$/.test(text) ? Number(text) : Number.NaN;
  }
  if (!Number.isInteger(value) || value < 0 || value > max) {
    return { ok: false, code: 'survey.number', message: `${column.header}应为 0 到 ${max} 之间的整数` };
  }
  return { ok: true, value };
}

const TRUE_WORDS = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '✔', '有']);
const FALSE_WORDS = new Set(['否', 'n', 'no', 'false', '0', '×', '✗', '✘', '无', '没有']);

function parseBoolean(column: SurveyColumn, cell: Cell): Parsed<boolean> {
  if (typeof cell === 'boolean') {
    return { ok: true, value: cell };
  }
  const word = compactText(cell).toLowerCase();
  if (TRUE_WORDS.has(word)) {
    return { ok: true, value: true };
  }
  if (FALSE_WORDS.has(word)) {
    return { ok: true, value: false };
  }
  return { ok: false, code: 'survey.enum', message: `${column.header}应填“是”或“否”` };
}

/** Serials below this (before 1927-05-18) are far more likely a year or a count typed into the column than a date. */
const MIN_DATE_SERIAL = 10_000;

function parseDate(cell: Cell, today: string): Parsed<string> {
  const date = dateOf(cell);
  if (date === null) {
    return { ok: false, code: 'survey.date', message: '成立日期格式不正确，请填写如 2021-03-05 的完整日期' };
  }
  if (date > today) {
    return { ok: false, code: 'survey.dateInFuture', message: `成立日期 ${date} 晚于今天` };
  }
  return { ok: true, value: date };
}

/** YYYY-MM-DD of a date cell, an Excel serial, or a text date; null when it is none of these. */
function dateOf(cell: Cell): string | null {
  if (cell instanceof Date) {
    // exceljs builds dates from the serial in UTC; a time of day is dropped.
    return isoDate(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  }
  if (typeof cell === 'number') {
    return cell >= 10_000_000 ? compactDate(String(cell)) : serialDate(cell);
  }
  if (typeof cell !== 'string') {
    return null;
  }
  const text = compactText(cellText(cell).replace(/(?<=\d)[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/u, ''));
  const parts = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/u.exec(text);
  if (parts) {
    return isoDate(Number(parts[1]), Number(parts[2]), Number(parts[3]));
  }
  if (/^\d{8}$/.test(text)) {
    return compactDate(text);
  }
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    return serialDate(Number(text)); // a serial that arrived as text
  }
  return null;
}

function compactDate(digits: string): string | null {
  const parts = /^(\d{4})(\d{2})(\d{2})$/.exec(digits);
  return parts ? isoDate(Number(parts[1]), Number(parts[2]), Number(parts[3])) : null;
}

/**
 * An Excel serial (1900 date system) to a date. Serial 1 is 1900-01-01 and Excel counts a
 * 1900-02-29 that never was, so from serial 61 on day 0 is 1899-12-30. Raw serials are read in
 * the 1900 system; date-formatted cells arrive as Dates, converted by exceljs in either system.
 */
function serialDate(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < MIN_DATE_SERIAL || serial > 2_958_465) {
    return null;
  }
  const day = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return isoDate(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
}

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1900 ||
    year > 9999 ||
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return null;
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function chinaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** A cell as text: trimmed, inner runs of whitespace collapsed, full-width digits and Latin letters half-width. */
function cellText(cell: Cell): string {
  if (cell === null) {
    return '';
  }
  if (cell instanceof Date) {
    return dateOf(cell) ?? '';
  }
  if (typeof cell === 'boolean') {
    return cell ? YES : NO;
  }
  return cleanText(String(cell));
}

function cleanText(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/gu, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u200B\uFEFF]+/gu, ' ')
    .trim();
}

/** Cell text for codes, numbers and dates: all full-width ASCII forms half-width, no whitespace at all. */
function compactText(cell: Cell): string {
  return cellText(cell)
    .replace(/[\uFF01-\uFF5E]/gu, (char) => String.fromCharCode(char.charCodeAt(0) - 0xfee0))
    .replace(/\s/gu, '');
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * Text of a CSV file: UTF-16 when it has a UTF-16 byte order mark, else UTF-8 (BOM removed);
 * when UTF-8 decoding meets invalid bytes, GB18030 (which Excel on Chinese Windows writes).
 */
function decodeText(buffer: Buffer): string {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) {
    return new TextDecoder('utf-16le').decode(buffer);
  }
  if (buffer[0] === 0xfe && buffer[1] === 0xff) {
    return new TextDecoder('utf-16be').decode(buffer);
  }
  const utf8 = new TextDecoder('utf-8').decode(buffer);
  if (!utf8.includes('\uFFFD')) {
    return utf8;
  }
  try {
    return new TextDecoder('gb18030', { fatal: true }).decode(buffer);
  } catch {
    return utf8;
  }
}

/** RFC 4180 records (quoted fields may hold separators, quotes and line breaks); tab-separated when the text has more tabs than commas. */
function csvRecords(text: string): string[][] {
  const sample = text.slice(0, 8192);
  const separator = (sample.match(/\t/g)?.length ?? 0) > (sample.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const char = text.charAt(i);
    if (quoted) {
      if (char === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
      i++;
      continue;
    }
    if (char === '"' && field === '') {
      quoted = true;
    } else if (char === separator) {
      record.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (char === '\r' && text.charAt(i + 1) === '\n') {
        i++;
      }
    } else {
      field += char;
    }
    i++;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
