import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { unzipEntries, zipEntries } from '../../test/zip';
import { openXlsx, type XlsxCell, type XlsxReadOptions } from './xlsx-reader';

/**
 * The streaming reader must give the survey exactly what exceljs's whole-workbook `load` gave it
 * (the survey's former reader, kept here as the reference): each test reads one workbook both
 * ways and compares, at several inflate chunk sizes.
 */

type Sheet = { name: string; rows: [number, [number, XlsxCell][]][] };

/** The survey's former reduction of an exceljs cell value. */
function cellOf(value: ExcelJS.CellValue): XlsxCell {
  if (value === null || value === undefined) {
    return null;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : null;
  }
  if (typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : value;
  }
  if ('richText' in value) {
    return value.richText.map((run) => run.text).join('');
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return value.result === undefined || (typeof value.result === 'object' && !(value.result instanceof Date))
      ? null
      : cellOf(value.result);
  }
  if ('hyperlink' in value) {
    return value.text;
  }
  return null;
}

/** Non-blank cells by 1-based column; rows without any left out (the survey skips them either way). */
function compact(rows: { rowNumber: number; cells: XlsxCell[] }[]): Sheet['rows'] {
  return rows
    .map(({ rowNumber, cells }): Sheet['rows'][number] => [
      rowNumber,
      cells.flatMap((cell, index): [number, XlsxCell][] =>
        cell === null || cell === undefined ? [] : [[index + 1, cell]],
      ),
    ])
    .filter(([, cells]) => cells.length > 0);
}

async function viaLoad(buffer: Buffer): Promise<Sheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook.worksheets.map((worksheet) => {
    const rows: { rowNumber: number; cells: XlsxCell[] }[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row) => {
      const cells: XlsxCell[] = [];
      row.eachCell((cell, column) => {
        cells[column - 1] = cellOf(cell.value);
      });
      rows.push({ rowNumber: row.number, cells });
    });
    return { name: worksheet.name, rows: compact(rows) };
  });
}

async function viaStream(buffer: Buffer, options?: XlsxReadOptions): Promise<Sheet[]> {
  const sheets: Sheet[] = [];
  for (const sheet of await openXlsx(buffer, options)) {
    const rows: { rowNumber: number; cells: XlsxCell[] }[] = [];
    for await (const batch of sheet.rows()) {
      rows.push(...batch);
    }
    sheets.push({ name: sheet.name, rows: compact(rows) });
  }
  return sheets;
}

async function expectSameAsLoad(buffer: Buffer): Promise<Sheet[]> {
  const reference = await viaLoad(buffer);
  for (const chunkSize of [64, 1000, undefined]) {
    expect(await viaStream(buffer, { chunkSize })).toEqual(reference);
  }
  return reference;
}

async function xlsxOf(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('openXlsx reads cells as exceljs load does', () => {
  it('text, numbers, dates in several formats, booleans, errors, formulas, rich text, links and merges', async () => {
    const buffer = await xlsxOf((workbook) => {
      const sheet = workbook.addWorksheet('摸底表');
      sheet.mergeCells('A1:F1');
      sheet.getCell('A1').value = '金牛区荷花池街道社区社会组织摸底表（2024年）';
      sheet.getRow(2).values = ['组织名称', '成立日期', '类别', '成员人数', '备注', '是否'];
      const dated = (address: string, value: ExcelJS.CellValue, numFmt: string) => {
        const cell = sheet.getCell(address);
        cell.value = value;
        cell.numFmt = numFmt;
      };
      sheet.getRow(3).values = ['阳光舞蹈队 ', new Date(Date.UTC(2020, 0, 1)), '文体活动类', 20, '第２活动室', true];
      sheet.getCell('B3').numFmt = 'yyyy-mm-dd';
      dated('B4', 43831.75, 'yyyy"年"m"月"d"日"');
      dated('B5', 43831, 'mm-dd-yy');
      dated('B6', 0.5, 'h:mm');
      dated('B7', 0.25, '0%');
      dated('B8', 43831, '@');
      sheet.getCell('A4').value = { richText: [{ text: '荷花池' }, { font: { bold: true }, text: '老年协会' }] };
      sheet.getCell('A5').value = { text: '邻里链接', hyperlink: 'https://example.org/组织' };
      sheet.getCell('A6').value = { formula: 'D3*2', result: 40 };
      sheet.getCell('A7').value = { formula: 'A3', result: '阳光舞蹈队' };
      sheet.getCell('A8').value = { formula: 'TRUE()', result: true };
      sheet.getCell('A9').value = { formula: '1/0', result: { error: '#DIV/0!' } };
      sheet.getCell('A10').value = { formula: 'B3+1', result: 43832 };
      sheet.getCell('A10').numFmt = 'yyyy/m/d';
      sheet.getCell('A11').value = { formula: 'D3' };
      sheet.getCell('D6').value = {
        formula: 'D3+1',
        result: 21,
        shareType: 'shared',
        ref: 'D6:D7',
      } as ExcelJS.CellValue;
      sheet.getCell('D7').value = { sharedFormula: 'D6', result: 22 };
      sheet.getCell('E3').value = { error: '#N/A' };
      sheet.getCell('E4').value = '行一\r\n行二\t_x000D_';
      sheet.getCell('E5').value = 'a &amp; b <c> "d"';
      sheet.getCell('F4').value = false;
      sheet.getCell('F5').value = Number.NaN;
      sheet.getCell('F6').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE699' } }; // styled, empty
      // a vertical merge over data rows, and one whose lower rows hold nothing else
      sheet.getCell('C8').value = '社区事务类';
      sheet.mergeCells('C8:C10');
      sheet.getCell('D12').value = '合并';
      sheet.mergeCells('D12:E14');
      const second = workbook.addWorksheet('数据');
      second.addRow(['第二张表', 1]);
    });
    const sheets = await expectSameAsLoad(buffer);
    // the comparison is not vacuous
    expect(sheets.map((s) => s.name)).toEqual(['摸底表', '数据']);
    const row = (n: number) => new Map(sheets[0]!.rows.find(([r]) => r === n)?.[1]);
    expect(row(1).get(6)).toBe('金牛区荷花池街道社区社会组织摸底表（2024年）');
    expect(row(3).get(2)).toEqual(new Date(Date.UTC(2020, 0, 1)));
    expect(row(4).get(1)).toBe('荷花池老年协会');
    expect(row(10).get(3)).toBe('社区事务类');
    expect(row(14).get(5)).toBe('合并');
  });

  it('dates of the 1904 system', async () => {
    const buffer = await xlsxOf((workbook) => {
      workbook.properties.date1904 = true;
      const sheet = workbook.addWorksheet('Sheet1');
      sheet.getCell('A1').value = new Date(Date.UTC(2021, 2, 5));
      sheet.getCell('A1').numFmt = 'yyyy-mm-dd';
      sheet.getCell('A2').value = 42000;
      sheet.getCell('A2').numFmt = 'yyyy-mm-dd';
    });
    const [sheet] = await expectSameAsLoad(buffer);
    expect(sheet!.rows[0]).toEqual([1, [[1, new Date(Date.UTC(2021, 2, 5))]]]);
  });

  it('hand-written parts: shared strings before or after the sheet, rich and phonetic text, cells without r', async () => {
    const sheetXml =
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>' +
      '<row r="2"><c r="A2" t="inlineStr"><is><t>内联文本</t></is></c><c t="n"><v>12</v></c><c r="C2"/><c><v>7</v></c>' +
      '<c r="E2" t="inlineStr"><is><r><t>富</t></r><r><rPr><b/></rPr><t>文本_x0041_</t></r></is></c></row>' +
      '<row r="4"><c r="A4" t="str"><v>a &amp;amp; b</v></c><c r="B4" t="e"><v>#REF!</v></c><c r="C4" t="b"><v>1</v></c>' +
      '<c r="D4" s="1"><v>44000</v></c><c r="E4" s="2"><v>44000</v></c><c r="F4" s="3"/></row>' +
      '</sheetData></worksheet>';
    const sharedXml =
      '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">' +
      '<si><t>组织名称</t></si><si><r><t>负责</t></r><r><rPr><i/></rPr><t>人</t></r></si>' +
      '<si><t>社区</t><rPh sb="0" eb="2"><t>しゃく</t></rPh><phoneticPr fontId="1"/></si><si><t>换行_x000D_</t></si></sst>';
    const stylesXml =
      '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy\\-mm\\-dd"/></numFmts>' +
      '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="31"/><xf numFmtId="14"/></cellXfs></styleSheet>';
    const parts = {
      types:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>',
      workbook:
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        '<sheets><sheet name="手写" sheetId="1" r:id="rId1"/></sheets></workbook>',
      rels:
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    };
    const first = [
      { name: '[Content_Types].xml', data: parts.types },
      { name: 'xl/workbook.xml', data: parts.workbook },
      { name: 'xl/_rels/workbook.xml.rels', data: parts.rels },
      { name: 'xl/styles.xml', data: stylesXml },
    ];
    const sheet = { name: 'xl/worksheets/sheet1.xml', data: sheetXml };
    const shared = { name: 'xl/sharedStrings.xml', data: sharedXml };
    const before = await expectSameAsLoad(zipEntries([...first, shared, sheet]));
    const after = await expectSameAsLoad(zipEntries([...first, sheet, shared]));
    expect(after).toEqual(before);
    expect(before[0]!.rows).toEqual([
      [
        1,
        [
          [1, '组织名称'],
          [2, '负责人'],
          [3, '社区'],
          [4, '换行\r'],
        ],
      ],
      [
        2,
        [
          [1, '内联文本'],
          [2, 12],
          [3, 7], // after an empty <c r="C2"/> the next cell without r counts from B2
          [5, '富文本A'],
        ],
      ],
      [
        4,
        [
          [1, 'a & b'],
          [3, true],
          [4, new Date(Date.UTC(2020, 5, 18))],
          [5, 44000], // built-in 31 (yyyy"年"m"月"d"日") has no format code in exceljs: a number
        ],
      ],
    ]);
  });
});

describe('openXlsx decodes characters split across chunks', () => {
  it('puts the bytes of a Chinese character back together when a chunk boundary falls inside it', async () => {
    const names = Array.from({ length: 300 }, (_, i) => `成都市金牛区荷花池街道第${i}社区阳光志愿服务队`);
    const buffer = await xlsxOf((workbook) => {
      const sheet = workbook.addWorksheet('Sheet1');
      for (const name of names) {
        sheet.addRow([name]);
      }
    });
    // with 100-byte chunks, some chunk of the shared strings ends inside a 3-byte character
    const sharedXml = (await unzipEntries(buffer)).find((e) => e.name === 'xl/sharedStrings.xml')!.data;
    const split = Array.from(
      { length: Math.floor(sharedXml.length / 100) },
      (_, i) => sharedXml[(i + 1) * 100]!,
    ).filter((byte) => (byte & 0xc0) === 0x80);
    expect(split.length).toBeGreaterThan(10);
    const [sheet] = await viaStream(buffer, { chunkSize: 100 });
    expect(sheet!.rows.map(([, cells]) => cells[0]![1])).toEqual(names);
  });
});
