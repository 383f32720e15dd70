import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';

/**
 * A streaming .xlsx reader: the rows of each worksheet, one decoded chunk at a time, with cell
 * values as exceljs's whole-workbook `load` gives them (the reference this reader was checked
 * against, see xlsx-reader.test.ts), reduced to plain values.
 *
 * Why not exceljs's own streaming `WorkbookReader`: it decodes every inflated chunk on its own
 * (`parse-sax.js` → `TextDecoder.decode(chunk)` without `stream: true`), so a Chinese character
 * split across two chunks becomes U+FFFD; it also ignores merged cells and reads the sheet before
 * the shared strings into temporary files. Here the zip's central directory (yauzl) gives random
 * access, so the shared strings, styles and workbook parts are read first whatever their order in
 * the archive, and each part streams through a `TextDecoder` in stream mode into saxes, which is
 * handed whole characters only.
 */

/** A cell as read: text (shared, inline or rich text joined), number, boolean, date (date-formatted number), or null (blank, error, formula without result). */
export type XlsxCell = string | number | boolean | Date | null;

/** One `<row>`: its 1-based number and its cells by 0-based column (holes for absent cells). */
export type XlsxRow = { rowNumber: number; cells: XlsxCell[] };

export type XlsxSheet = { name: string; rows(): AsyncGenerator<XlsxRow[]> };

export type XlsxReadOptions = {
  /** Size of the inflated chunks (zlib `chunkSize`, ≥ 64); tests make it small to split characters. */
  chunkSize?: number;
};

type Entries = Map<string, yauzl.Entry>;

/**
 * Opens a workbook held in memory and returns its worksheets in workbook order. Throws when the
 * archive or a part that is read up front (workbook, relationships, styles, shared strings) is
 * unreadable, or when there is no worksheet. Each sheet's `rows()` yields the rows of one
 * inflated chunk at a time and may be abandoned early.
 */
export async function openXlsx(buffer: Buffer, options: XlsxReadOptions = {}): Promise<XlsxSheet[]> {
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, decodeStrings: true });
  const entries: Entries = new Map();
  for await (const entry of zip.eachEntry()) {
    if (!entry.fileName.endsWith('/')) {
      entries.set(entry.fileName.replace(/^\//, ''), entry);
    }
  }
  const part = (name: string) => {
    const entry = entries.get(name);
    return entry ? textOf(zip, entry, options) : null;
  };

  const workbookXml = part('xl/workbook.xml');
  const workbook = workbookXml ? await readWorkbookPart(workbookXml) : { sheets: [], date1904: false };
  const relsXml = part('xl/_rels/workbook.xml.rels');
  const rels = relsXml ? await readRelationships(relsXml) : new Map<string, string>();
  const stylesXml = part('xl/styles.xml');
  const dateStyles = stylesXml ? await readDateStyles(stylesXml) : null;
  const sharedXml = part('xl/sharedStrings.xml');
  const sharedStrings = sharedXml ? await readSharedStrings(sharedXml) : null;

  const sheets: XlsxSheet[] = [];
  for (const sheet of workbook.sheets) {
    const target = rels.get(sheet.rId);
    if (target === undefined) {
      continue;
    }
    const path = `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`;
    const entry = entries.get(path);
    if (!entry || !/xl\/worksheets\/sheet\d+[.]xml/.test(path)) {
      continue; // a chartsheet, or a sheet the archive does not hold
    }
    const context: SheetContext = { sharedStrings, dateStyles, date1904: workbook.date1904 };
    sheets.push({
      name: sheet.name,
      rows: () =>
        sheetRows(
          () => textOf(zip, entry, options),
          () => bytesOf(zip, entry, options),
          context,
        ),
    });
  }
  if (sheets.length === 0) {
    throw new Error('no worksheet in the archive');
  }
  return sheets;
}

// ---------------------------------------------------------------------------------------------
// Zip entries as text

async function* bytesOf(zip: yauzl.ZipFile, entry: yauzl.Entry, options: XlsxReadOptions): AsyncGenerator<Buffer> {
  const raw: Readable = await zip.openReadStreamPromise(entry, { decodeFileData: false });
  if (entry.compressionMethod === 0) {
    yield* raw;
    return;
  }
  if (entry.compressionMethod !== 8) {
    raw.destroy();
    throw new Error(`unsupported compression method ${entry.compressionMethod}`);
  }
  const inflate = createInflateRaw({ chunkSize: Math.max(64, options.chunkSize ?? 64 * 1024) });
  raw.on('error', (error) => inflate.destroy(error));
  raw.pipe(inflate);
  try {
    yield* inflate;
  } finally {
    raw.destroy();
    inflate.destroy();
  }
}

/**
 * The entry's text in chunks that end on whole characters: the decoder keeps an incomplete
 * UTF-8 sequence at the end of one chunk and completes it with the next (`stream: true`).
 */
async function* textOf(zip: yauzl.ZipFile, entry: yauzl.Entry, options: XlsxReadOptions): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of bytesOf(zip, entry, options)) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) {
      yield text;
    }
  }
  const rest = decoder.decode();
  if (rest) {
    yield rest;
  }
}

type Handlers = {
  open?(tag: SaxesTagPlain): void;
  text?(text: string): void;
  close?(tag: SaxesTagPlain): void;
};

function saxParser(handlers: Handlers): SaxesParser {
  const parser = new SaxesParser();
  if (handlers.open) {
    parser.on('opentag', handlers.open);
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
  }
  if (handlers.close) {
    parser.on('closetag', handlers.close);
  }
  return parser;
}

/** Parses a whole (small) part. saxes throws on malformed XML. */
async function parseAll(text: AsyncIterable<string>, handlers: Handlers): Promise<void> {
  const parser = saxParser(handlers);
  for await (const chunk of text) {
    parser.write(chunk);
  }
  parser.close();
}

// ---------------------------------------------------------------------------------------------
// Workbook parts

type WorkbookPart = { sheets: { name: string; rId: string }[]; date1904: boolean };

async function readWorkbookPart(text: AsyncIterable<string>): Promise<WorkbookPart> {
  const part: WorkbookPart = { sheets: [], date1904: false };
  await parseAll(text, {
    open(tag) {
      if (tag.name === 'sheet') {
        part.sheets.push({ name: tag.attributes.name ?? '', rId: tag.attributes['r:id'] ?? '' });
      } else if (tag.name === 'workbookPr') {
        part.date1904 = tag.attributes.date1904 === '1';
      }
    },
  });
  return part;
}

async function readRelationships(text: AsyncIterable<string>): Promise<Map<string, string>> {
  const rels = new Map<string, string>();
  await parseAll(text, {
    open(tag) {
      if (tag.name === 'Relationship' && tag.attributes.Id !== undefined && tag.attributes.Target !== undefined) {
        rels.set(tag.attributes.Id, tag.attributes.Target);
      }
    },
  });
  return rels;
}

/** exceljs's built-in number formats (`defaultnumformats.js`) that `isDateFmt` calls dates; the locale-only ids 27–36 and 50–58 have no code there and read as numbers. */
const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** exceljs `utils.isDateFmt`. */
function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** For each cell style (`<cellXfs>` index), whether its number format is a date format. */
async function readDateStyles(text: AsyncIterable<string>): Promise<boolean[]> {
  const customFormats = new Map<number, string>();
  const styleFormats: number[] = [];
  let inCellXfs = false;
  await parseAll(text, {
    open(tag) {
      if (tag.name === 'numFmt') {
        customFormats.set(
          Number.parseInt(tag.attributes.numFmtId ?? '', 10),
          (tag.attributes.formatCode ?? '').replace(/[\\](.)/g, '$1'),
        );
      } else if (tag.name === 'cellXfs') {
        inCellXfs = true;
      } else if (tag.name === 'xf' && inCellXfs) {
        styleFormats.push(Number.parseInt(tag.attributes.numFmtId ?? '', 10));
      }
    },
    close(tag) {
      if (tag.name === 'cellXfs') {
        inCellXfs = false;
      }
    },
  });
  return styleFormats.map((id) => {
    if (!id) {
      return false; // 0 (General) or missing
    }
    const custom = customFormats.get(id);
    return custom ? isDateFormat(custom) : BUILT_IN_DATE_FORMATS.has(id);
  });
}

/** exceljs `TextXform`: `_xHHHH_` escapes in shared and rich text. */
const unescapeText = (text: string) =>
  text.replace(/_x([0-9A-F]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

/**
 * The shared strings as cell values: plain text (`<t>`), rich text runs joined, null for an
 * empty `<si/>`; phonetic runs (`<rPh>`) are left out.
 */
async function readSharedStrings(text: AsyncIterable<string>): Promise<(string | null)[]> {
  const strings: (string | null)[] = [];
  let item: string | null = null;
  let runs: string[] | null = null;
  let run: string | null = null;
  let inPhonetic = false;
  let collecting: string[] | null = null;
  await parseAll(text, {
    open(tag) {
      switch (tag.name) {
        case 'si':
          item = null;
          runs = null;
          run = null;
          inPhonetic = false;
          break;
        case 'rPh':
          inPhonetic = true;
          break;
        case 'r':
          if (!inPhonetic) {
            run = '';
          }
          break;
        case 't':
          if (!inPhonetic) {
            collecting = [];
          }
          break;
      }
    },
    text(value) {
      collecting?.push(value);
    },
    close(tag) {
      switch (tag.name) {
        case 't':
          if (collecting) {
            const value = unescapeText(collecting.join(''));
            if (run !== null) {
              run += value;
            } else {
              item = value;
            }
            collecting = null;
          }
          break;
        case 'r':
          if (run !== null) {
            runs ??= [];
            runs.push(run);
            run = null;
          }
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'si':
          strings.push(runs ? (runs as string[]).join('') : item === null ? null : detach(item));
          break;
      }
    },
  });
  return strings;
}

// ---------------------------------------------------------------------------------------------
// Worksheets

type SheetContext = { sharedStrings: (string | null)[] | null; dateStyles: boolean[] | null; date1904: boolean };

type Merge = { top: number; left: number; bottom: number; right: number };

/** exceljs `utils.xmlDecode`, which it applies (a second time) to `t="str"` values. */
function xmlDecode(text: string): string {
  return text.replace(/&([a-z]*);/g, (entity) => XML_ENTITIES[entity] ?? entity);
}
const XML_ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' };

/** exceljs `utils.excelToDate` (JavaScript coercion included). */
function excelToDate(value: unknown, date1904: boolean): Date {
  return new Date(Math.round(((value as number) - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/** Column number (1-based) of an A1 reference, NaN when it has no letters. */
function columnOf(ref: string): number {
  let column = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) {
      column = column * 26 + code - 64;
    } else if (code >= 97 && code <= 122) {
      column = column * 26 + code - 96;
    } else {
      break;
    }
  }
  return column || Number.NaN;
}

function rowOf(ref: string): number {
  return Number.parseInt(ref.replace(/^[A-Za-z$]+/, ''), 10);
}

/** `<mergeCell ref="A2:Q2"/>` ranges. They follow `<sheetData>`, so a byte scan of the whole sheet finds them before the rows are read. */
async function readMerges(bytes: AsyncIterable<Buffer>): Promise<Merge[]> {
  const marker = Buffer.from('<mergeCells');
  let tail: Buffer = Buffer.alloc(0);
  const found: Buffer[] = [];
  for await (const chunk of bytes) {
    if (found.length > 0) {
      found.push(chunk);
      continue;
    }
    const window = tail.length > 0 ? Buffer.concat([tail, chunk]) : chunk;
    const at = window.indexOf(marker);
    if (at >= 0) {
      found.push(window.subarray(at));
    } else {
      tail = window.subarray(Math.max(0, window.length - marker.length));
    }
  }
  const merges: Merge[] = [];
  const xml = Buffer.concat(found).toString('utf8');
  for (const match of xml.matchAll(/<mergeCell\s[^>]*?\bref\s*=\s*["']([^"']*)["']/g)) {
    const [from = '', to = from] = match[1]!.replace(/\$/g, '').split(':');
    const a = { row: rowOf(from), col: columnOf(from) };
    const b = { row: rowOf(to), col: columnOf(to) };
    if ([a.row, a.col, b.row, b.col].some((n) => !Number.isFinite(n))) {
      throw new Error(`bad merge range ${match[1]}`);
    }
    merges.push({
      top: Math.min(a.row, b.row),
      left: Math.min(a.col, b.col),
      bottom: Math.max(a.row, b.row),
      right: Math.max(a.col, b.col),
    });
  }
  for (let i = 0; i < merges.length; i++) {
    for (let j = 0; j < i; j++) {
      const m = merges[i]!;
      const n = merges[j]!;
      if (m.left <= n.right && n.left <= m.right && m.top <= n.bottom && n.top <= m.bottom) {
        throw new Error('Cannot merge already merged cells'); // as exceljs's load
      }
    }
  }
  return merges;
}

/** One `<c>` being read. */
type CellState = {
  column: number;
  type: string | undefined;
  styleId: number;
  value: string | undefined;
  formula: string | undefined;
  shareType: string | undefined;
  runs: string[] | null;
};

/**
 * The rows of one worksheet. A cell's value follows exceljs's `load` (CellXform.parseClose and
 * reconcile, then the survey's reduction of a cell value): shared and inline strings, rich text
 * joined, booleans, numbers, numbers in a date format as Dates (1900 or 1904 system), formulas
 * as their cached result, errors as null; a cell covered by a merged range takes the value of the
 * range's top-left cell, and rows that exist only through a merge are produced too.
 */
async function* sheetRows(
  text: () => AsyncIterable<string>,
  bytes: () => AsyncIterable<Buffer>,
  context: SheetContext,
): AsyncGenerator<XlsxRow[]> {
  const merges = await readMerges(bytes());
  /** Row number → the merges with covered (non-master) cells in that row. */
  const mergesByRow = new Map<number, Merge[]>();
  for (const merge of merges) {
    for (let row = merge.top; row <= merge.bottom; row++) {
      if (row > merge.top || merge.right > merge.left) {
        const list = mergesByRow.get(row) ?? [];
        list.push(merge);
        mergesByRow.set(row, list);
      }
    }
  }
  const mergeRows = [...mergesByRow.keys()].sort((a, b) => a - b);
  let nextMergeRow = 0;
  const masterValues = new Map<Merge, XlsxCell>();
  const masters = new Map<string, Merge>(merges.map((m) => [`${m.top}:${m.left}`, m]));

  let out: XlsxRow[] = [];
  let lastRow = 0;
  const emit = (rowNumber: number, cells: XlsxCell[]) => {
    for (; nextMergeRow < mergeRows.length && mergeRows[nextMergeRow]! < rowNumber; nextMergeRow++) {
      const only = mergeRows[nextMergeRow]!;
      if (only > lastRow) {
        out.push({ rowNumber: only, cells: applyMerges(only, []) }); // a row that exists only through merges
      }
    }
    if (mergeRows[nextMergeRow] === rowNumber) {
      nextMergeRow++;
    }
    out.push({ rowNumber, cells: applyMerges(rowNumber, cells) });
    lastRow = Math.max(lastRow, rowNumber);
  };
  const applyMerges = (rowNumber: number, cells: XlsxCell[]): XlsxCell[] => {
    for (const merge of mergesByRow.get(rowNumber) ?? []) {
      for (let column = merge.left; column <= merge.right; column++) {
        if (rowNumber > merge.top || column > merge.left) {
          cells[column - 1] = masterValues.get(merge) ?? null;
        }
      }
    }
    return cells;
  };

  const { sharedStrings, dateStyles, date1904 } = context;
  const isDate = (styleId: number) => styleId > 0 && dateStyles?.[styleId] === true;
  let inSheetData = false;
  let row: { number: number; cells: XlsxCell[]; previousColumn: number } | null = null;
  let cell: CellState | null = null;
  let target: 'value' | 'formula' | null = null;
  let run: string[] | null = null;
  let runText: string[] | null = null;

  const finishCell = (c: CellState): XlsxCell | undefined => {
    if (c.formula || c.shareType) {
      let result: unknown;
      if (c.value !== undefined) {
        result =
          c.type === 'str'
            ? xmlDecode(c.value)
            : c.type === 'b'
              ? Number.parseInt(c.value, 10) !== 0
              : c.type === 'e'
                ? null
                : Number.parseFloat(c.value);
      }
      if (result !== undefined && result !== null && isDate(c.styleId)) {
        result = excelToDate(result, date1904);
      }
      return plain(result);
    }
    if (c.runs) {
      return detach(c.runs.join(''));
    }
    if (c.value === undefined) {
      return c.styleId ? null : undefined; // a styled empty cell, or nothing at all
    }
    switch (c.type) {
      case 's': {
        const index = Number.parseInt(c.value, 10);
        if (!sharedStrings) {
          return plain(index);
        }
        const shared = sharedStrings[index];
        if (shared === undefined) {
          throw new Error(`shared string ${index} does not exist`);
        }
        return shared;
      }
      case 'str':
        return detach(xmlDecode(c.value));
      case 'inlineStr':
        return detach(c.value);
      case 'b':
        return Number.parseInt(c.value, 10) !== 0;
      case 'e':
        return null;
      default: {
        const number = Number.parseFloat(c.value);
        return plain(isDate(c.styleId) ? excelToDate(number, date1904) : number);
      }
    }
  };

  const parser = saxParser({
    open(tag) {
      if (cell) {
        switch (tag.name) {
          case 'f':
            target = 'formula';
            cell.shareType = tag.attributes.t;
            break;
          case 'v':
          case 't':
            if (run) {
              runText = [];
            } else {
              target = 'value';
            }
            break;
          case 'r':
            run = [];
            break;
        }
        return;
      }
      switch (tag.name) {
        case 'sheetData':
          inSheetData = true;
          break;
        case 'row':
          if (inSheetData) {
            const number = Number.parseInt(tag.attributes.r ?? '', 10);
            row = { number: Number.isFinite(number) ? number : lastRow + 1, cells: [], previousColumn: 0 };
          }
          break;
        case 'c':
          if (row) {
            const ref = tag.attributes.r;
            const styleId = Number.parseInt(tag.attributes.s ?? '', 10);
            cell = {
              column: ref ? columnOf(ref) : row.previousColumn + 1,
              type: tag.attributes.t,
              styleId: Number.isFinite(styleId) ? styleId : 0,
              value: undefined,
              formula: undefined,
              shareType: undefined,
              runs: null,
            };
          }
          break;
      }
    },
    text(value) {
      if (!cell) {
        return;
      }
      if (run) {
        runText?.push(value);
      } else if (target === 'value') {
        cell.value = cell.value === undefined ? value : cell.value + value;
      } else if (target === 'formula') {
        cell.formula = cell.formula === undefined ? value : cell.formula + value;
      }
    },
    close(tag) {
      if (cell) {
        switch (tag.name) {
          case 't':
            if (run && runText) {
              run.push(unescapeText(runText.join('')));
              runText = null;
            } else {
              target = null;
            }
            break;
          case 'r':
            if (run) {
              cell.runs ??= [];
              cell.runs.push(run.join(''));
              run = null;
            }
            break;
          case 'f':
          case 'v':
          case 'is':
            target = null;
            break;
          case 'c': {
            const value = finishCell(cell);
            if (value !== undefined && row && Number.isFinite(cell.column)) {
              row.cells[cell.column - 1] = value;
              row.previousColumn = cell.column;
              const master = masters.get(`${row.number}:${cell.column}`);
              if (master) {
                masterValues.set(master, value);
              }
            }
            cell = null;
            target = null;
            break;
          }
        }
        return;
      }
      if (tag.name === 'row' && row) {
        emit(row.number, row.cells);
        row = null;
      } else if (tag.name === 'sheetData') {
        inSheetData = false;
      }
    },
  });

  for await (const chunk of text()) {
    parser.write(chunk);
    if (out.length > 0) {
      const rows = out;
      out = [];
      yield rows;
    }
  }
  parser.close();
  emit(Number.POSITIVE_INFINITY, []);
  out.pop(); // the sentinel
  if (out.length > 0) {
    yield out;
  }
}

/**
 * A copy of a string that does not share the parser's chunk. V8 makes substrings of 13 or more
 * characters views into the string they were cut from, so a kept cell text would keep its whole
 * 64 KiB chunk alive: for 100,000 rows of inline strings that doubled the memory the rows hold.
 */
function detach(text: string): string {
  return text.length < 13 ? text : Buffer.from(text, 'utf16le').toString('utf16le');
}

/** A value as the survey reads it: finite numbers, valid dates, text and booleans; anything else is blank. */
function plain(value: unknown): XlsxCell {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : null;
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : value;
  }
  if (typeof value === 'string') {
    return detach(value);
  }
  if (typeof value === 'boolean') {
    return value;
  }
  return null;
}
