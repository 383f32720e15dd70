import { PassThrough } from 'node:stream';
import { categoryDefinitions, orgLabels } from '@linli/contract/organizations';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { unzipEntries } from '../../../test/zip';
import {
  type ParsedSurvey,
  parseSurveyFile,
  SURVEY_COLUMNS,
  SURVEY_MAX_ROWS,
  type SurveyError,
  writeErrorSheet,
  writeSurveyTemplate,
} from './survey-sheet';

const TODAY = '2024-06-30';

/** Runs a writer against a PassThrough, reading it as it is written, and returns the bytes. */
async function written(write: (stream: NodeJS.WritableStream) => Promise<void>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise((resolve) => stream.on('end', resolve));
  await write(stream);
  await ended;
  return Buffer.concat(chunks);
}

/** exceljs's `load` is typed for an ArrayBuffer; hand it exactly the bytes of the Buffer. */
async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer,
  );
  return workbook;
}

async function xlsxOf(build: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet('Sheet1'), workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** [rowNumber, column, code] of each error: what the tests compare exactly. */
function problems(parsed: ParsedSurvey): [number, string, string][] {
  return parsed.errors.map((e) => [e.rowNumber, e.column, e.code]);
}

/**
 * GB18030 bytes of a text, from a reverse table built with the platform's own decoder (no
 * encoder ships with Node): ASCII is one byte, the characters used here are two-byte GBK codes.
 */
function gb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail !== 0x7f) {
        const char = decoder.decode(Uint8Array.of(lead, trail));
        if (!table.has(char)) {
          table.set(char, [lead, trail]);
        }
      }
    }
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) {
      bytes.push(code);
    } else {
      const pair = table.get(char);
      if (!pair) {
        throw new Error(`no two-byte GB18030 code for ${char}`);
      }
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes);
}

/** A CSV of the required columns plus `extra`, one line per record (CRLF). */
function csvOf(lines: string[]): Buffer {
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

const REQUIRED_HEADER = '组织名称,类型,类别,所在区划代码,成立日期,成员人数,负责人姓名,负责人手机号';

describe('SURVEY_COLUMNS', () => {
  it('lists the template columns in order with their Chinese headers', () => {
    expect(SURVEY_COLUMNS.map((c) => [c.key, c.header, c.required])).toEqual([
      ['name', '组织名称', true],
      ['tier', '类型', true],
      ['category', '类别', true],
      ['hubKind', '是否枢纽型', false],
      ['areaCode', '所在区划代码', true],
      ['foundedOn', '成立日期', true],
      ['serviceTargets', '服务对象', false],
      ['venue', '活动场所', false],
      ['memberCount', '成员人数', true],
      ['socialWorkerCount', '社工人数', false],
      ['certifiedSocialWorkerCount', '持证社工人数', false],
      ['partyOrg', '党组织形式', false],
      ['charterPartyClause', '章程含党建条款', false],
      ['creditCode', '统一社会信用代码', false],
      ['leaderName', '负责人姓名', true],
      ['leaderMobile', '负责人手机号', true],
    ]);
  });

  it('offers the labels of orgLabels on the enum columns', () => {
    const options = Object.fromEntries(SURVEY_COLUMNS.map((c) => [c.key, c.options]));
    expect(options.tier).toEqual(['依法登记', '街道(乡镇)备案', '社区指导']);
    expect(options.category).toEqual(['公益慈善类', '生活服务类', '社区事务类', '文体活动类']);
    expect(options.hubKind).toEqual(['否', '枢纽型组织', '联合会']);
    expect(options.partyOrg).toEqual(Object.values(orgLabels.partyOrg));
    expect(options.charterPartyClause).toEqual(['是', '否']);
  });
});

describe('writeSurveyTemplate', () => {
  it('writes 摸底表 with a bold header, widths, text-format code columns and dropdowns on rows 2–5001', async () => {
    const workbook = await loadWorkbook(await written(writeSurveyTemplate));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['摸底表', '填表说明']);
    const sheet = workbook.getWorksheet('摸底表')!;
    const header = sheet.getRow(1);
    expect(SURVEY_COLUMNS.map((_, i) => header.getCell(i + 1).value)).toEqual(SURVEY_COLUMNS.map((c) => c.header));
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(SURVEY_COLUMNS.map((_, i) => sheet.getColumn(i + 1).width)).toEqual(SURVEY_COLUMNS.map((c) => c.width));
    expect(sheet.actualRowCount).toBe(1);

    const validations = SURVEY_COLUMNS.map((column, i) => [
      column.header,
      sheet.getCell(2, i + 1).dataValidation?.type,
      sheet.getCell(5001, i + 1).dataValidation?.formulae?.[0],
      sheet.getCell(5002, i + 1).dataValidation,
    ]);
    expect(validations.filter(([, type]) => type === 'list')).toEqual([
      ['类型', 'list', '"依法登记,街道(乡镇)备案,社区指导"', undefined],
      ['类别', 'list', '"公益慈善类,生活服务类,社区事务类,文体活动类"', undefined],
      ['是否枢纽型', 'list', '"否,枢纽型组织,联合会"', undefined],
      ['党组织形式', 'list', '"单独组建党组织,联合组建党组织,选派党建指导员,暂无"', undefined],
      ['章程含党建条款', 'list', '"是,否"', undefined],
    ]);
    expect(validations.filter(([, type]) => type === 'whole').map(([h]) => h)).toEqual([
      '成员人数',
      '社工人数',
      '持证社工人数',
    ]);
    expect(sheet.getCell('E2').numFmt).toBe('@'); // 所在区划代码 stays text
    expect(sheet.getCell('P2').numFmt).toBe('@'); // 负责人手机号
  });

  it('explains every column and the four category definitions on 填表说明', async () => {
    const workbook = await loadWorkbook(await written(writeSurveyTemplate));
    const texts: string[] = [];
    workbook.getWorksheet('填表说明')!.eachRow((row) => {
      row.eachCell((cell) => {
        texts.push(String(cell.value));
      });
    });
    for (const column of SURVEY_COLUMNS) {
      expect(texts).toContain(column.header);
    }
    for (const definition of Object.values(categoryDefinitions)) {
      expect(texts).toContain(definition);
    }
  });

  it('reads back as an empty survey, and a filled-in copy parses into rows', async () => {
    const template = await written(writeSurveyTemplate);
    expect(await parseSurveyFile(template, '摸底表.xlsx', { today: TODAY })).toEqual({ rows: [], errors: [] });

    const workbook = await loadWorkbook(template);
    const sheet = workbook.getWorksheet('摸底表')!;
    sheet.getRow(2).values = [
      '阳光互助会',
      '街道(乡镇)备案',
      '生活服务类',
      '联合会',
      '510106001001',
      new Date(Date.UTC(2020, 4, 1)),
      '老年人、困难家庭',
      '社区服务中心',
      30,
      2,
      1,
      '联合组建党组织',
      '是',
      '',
      '刘一',
      '13800000001',
    ];
    const parsed = await parseSurveyFile(Buffer.from(await workbook.xlsx.writeBuffer()), '摸底表.xlsx', {
      today: TODAY,
    });
    expect(parsed).toEqual({
      rows: [
        {
          rowNumber: 2,
          values: {
            name: '阳光互助会',
            tier: 'filed',
            category: 'livingServices',
            hubKind: 'federation',
            areaCode: '510106001001',
            foundedOn: '2020-05-01',
            serviceTargets: ['elderly', 'familiesInDifficulty'],
            venue: '社区服务中心',
            memberCount: 30,
            socialWorkerCount: 2,
            certifiedSocialWorkerCount: 1,
            partyOrg: 'joint',
            charterPartyClause: true,
            leaderName: '刘一',
            leaderMobile: '13800000001',
          },
        },
      ],
      errors: [],
    });
  });
});

describe('parseSurveyFile: a messy .xlsx', () => {
  /**
   * Row 1 holds only spaces, row 2 is a merged title, row 3 the header (shuffled, an extra 序号
   * column, trailing spaces, full-width brackets, a required-marker), then the data.
   */
  async function messyWorkbook(): Promise<Buffer> {
    return xlsxOf((sheet) => {
      sheet.getCell('C1').value = '   ';
      sheet.mergeCells('A2:Q2');
      sheet.getCell('A2').value = '金牛区荷花池街道社区社会组织摸底表（2024年）';
      sheet.getRow(3).values = [
        '序号',
        '组织名称 ',
        '类别',
        '类型',
        '所在区划代码（12位）',
        '成立日期',
        '成员人数（人）',
        '*负责人姓名',
        '负责人手机号 ',
        '统一社会信用代码',
        '服务对象',
        '是否枢纽型',
        '党组织形式',
        '章程含党建条款',
        '社工人数',
        '持证社工人数',
        '活动场所',
      ];
      // biome-ignore format: one spreadsheet row per line
      const data: Record<number, ExcelJS.CellValue[]> = {
        // Excel serial 43831 = 2020-01-01; full-width member count, mobile and venue digit; trailing spaces.
        4: [1, '阳光舞蹈队 ', '文体活动类', '社区指导', '510106001001', 43831, '２０', '张三 ', '１３８００１３８０００', null, '老年人、儿童，妇女', '否', '暂无', '否', null, null, ' 第２活动室 '],
        // A Date cell, numbers as numbers, a lower-case 民政 credit code (51510106MJ000000X → N, computed as in credit-code.test.ts).
        5: [2, '荷花池社区老年协会', '社区事务类', '依法登记', 510106001002, new Date(Date.UTC(2019, 5, 15)), 35, '李四', 13900001111, '51510106mj000000xn', '老年人', '枢纽型组织', '单独组建党组织', '√', 3, 1, '荷花池社区'],
        // A text date with 年月日, but a category that does not exist.
        6: [3, '金牛区篮球队', '体育类', '社区指导', '510106001001', '2020年5月1日', '15', '王五', '13700137000'],
        // Registered, with a wrong check character.
        7: [4, '荷花池慈善会', '公益慈善类', '依法登记', '510106001003', '2018-09-09', '50', '赵六', '13600136000', '51510106MJ000000XP'],
        // Only spaces (an ideographic one too): a blank row.
        8: [null, '  ', null, '\u3000'],
        // Only the unmapped 序号 column: a blank data row.
        9: [9],
        // Three names that normalize alike: rows 10 and 11 share township 510106001, row 12 is in 510106002.
        10: [null, 'ＨＡＰＰＹ 邻里 Club', '生活服务类', '社区指导', '510106001001', '2021-3-5', '12', '钱七', '15800158000'],
        11: [null, 'happy邻里club', '生活服务类', '社区指导', '510106001002', '2021/03/05', '12', '钱八', '15800158001'],
        12: [null, 'Happy 邻里 Club', '生活服务类', '社区指导', '510106002001', '20210305', '12', '钱九', '15800158002'],
        // Full-width brackets in a label, a thousands separator, a mobile with +86, spaces and hyphens.
        13: [null, '荷花池志愿服务队', '公益慈善类', '街道（乡镇）备案', '510106001001', '2022年12月31日', '1,200', '孙八', '+86 139-0000-2222', null, '全体居民', '联合会', '选派党建指导员', 'Y', '5', '5', ''],
        // No name, an 11-digit area code, a date after today, a negative count, a 10-digit mobile.
        14: [null, null, '文体活动类', '社区指导', '51010600100', '2024-07-01', '-3', '周九', '1380013800'],
        // Registered without a credit code; registered with a code issued by 工商 (91…).
        15: [null, '邻里调解会', '社区事务类', '依法登记', '510106001001', '2019-01-01', '10', '吴十', '13500135000'],
        16: [null, '邻里商会', '社区事务类', '依法登记', '510106001001', '2019-01-01', '10', '郑一', '13500135001', '91350100M000100Y43'],
        // A day that does not exist, an unknown service target, ambiguous or unknown labels, more certified social workers than social workers.
        17: [null, '邻里读书会', '文体活动类', '社区指导', '510106001001', '2019-02-30', '10', '王二', '13500135002', null, '老人、外星人', '是', '无党组织', '也许', '3', '5'],
      };
      for (const [row, values] of Object.entries(data)) {
        sheet.getRow(Number(row)).values = values;
      }
    });
  }

  it('reports exactly the expected problems, by spreadsheet row and Chinese column', async () => {
    const parsed = await parseSurveyFile(await messyWorkbook(), '荷花池摸底.xlsx', { today: TODAY });
    expect(problems(parsed)).toEqual([
      [6, '类别', 'survey.enum'],
      [7, '统一社会信用代码', 'survey.creditCode.checkChar'],
      [11, '组织名称', 'survey.duplicateName'],
      [14, '组织名称', 'survey.required'],
      [14, '所在区划代码', 'survey.areaCode'],
      [14, '成立日期', 'survey.dateInFuture'],
      [14, '成员人数', 'survey.number'],
      [14, '负责人手机号', 'survey.mobile'],
      [15, '统一社会信用代码', 'survey.required'],
      [16, '统一社会信用代码', 'survey.creditCode.notCivilAffairs'],
      [17, '是否枢纽型', 'survey.enum'],
      [17, '成立日期', 'survey.date'],
      [17, '服务对象', 'survey.enum'],
      [17, '持证社工人数', 'survey.inconsistent'],
      [17, '党组织形式', 'survey.enum'],
      [17, '章程含党建条款', 'survey.enum'],
    ]);
    expect(parsed.rows.map((r) => r.rowNumber)).toEqual([4, 5, 10, 12, 13]);
  });

  it('explains each problem in Chinese', async () => {
    const parsed = await parseSurveyFile(await messyWorkbook(), '荷花池摸底.xlsx', { today: TODAY });
    const message = (row: number, column: string) =>
      parsed.errors.find((e) => e.rowNumber === row && e.column === column)?.message;
    expect(message(6, '类别')).toBe('类别“体育类”不在可选范围内，可选：公益慈善类、生活服务类、社区事务类、文体活动类');
    expect(message(11, '组织名称')).toBe('与第 10 行的组织重名（同一乡镇（街道）内名称不得重复）');
    expect(message(14, '组织名称')).toBe('组织名称为必填项');
    expect(message(14, '成立日期')).toBe('成立日期 2024-07-01 晚于今天');
    expect(message(15, '统一社会信用代码')).toBe('依法登记的组织须填写统一社会信用代码');
    expect(message(17, '服务对象')).toContain('外星人');
    expect(message(17, '服务对象')).not.toContain('老人”');
  });

  it('normalizes the cells of the accepted rows', async () => {
    const parsed = await parseSurveyFile(await messyWorkbook(), '荷花池摸底.xlsx', { today: TODAY });
    const values = Object.fromEntries(parsed.rows.map((r) => [r.rowNumber, r.values]));
    expect(values[4]).toEqual({
      name: '阳光舞蹈队',
      tier: 'guided',
      category: 'cultureSports',
      hubKind: 'none',
      areaCode: '510106001001',
      foundedOn: '2020-01-01',
      serviceTargets: ['elderly', 'children', 'women'],
      venue: '第2活动室',
      memberCount: 20,
      socialWorkerCount: 0,
      certifiedSocialWorkerCount: 0,
      partyOrg: 'none',
      charterPartyClause: false,
      leaderName: '张三',
      leaderMobile: '13800138000',
    });
    expect(values[5]).toEqual({
      name: '荷花池社区老年协会',
      tier: 'registered',
      category: 'communityAffairs',
      hubKind: 'hub',
      areaCode: '510106001002',
      foundedOn: '2019-06-15',
      serviceTargets: ['elderly'],
      venue: '荷花池社区',
      memberCount: 35,
      socialWorkerCount: 3,
      certifiedSocialWorkerCount: 1,
      partyOrg: 'standalone',
      charterPartyClause: true,
      creditCode: '51510106MJ000000XN',
      leaderName: '李四',
      leaderMobile: '13900001111',
    });
    expect(values[10]).toMatchObject({ name: 'HAPPY 邻里 Club', foundedOn: '2021-03-05', leaderMobile: '15800158000' });
    expect(values[12]).toMatchObject({ name: 'Happy 邻里 Club', areaCode: '510106002001', foundedOn: '2021-03-05' });
    expect(values[13]).toMatchObject({
      tier: 'filed',
      hubKind: 'federation',
      foundedOn: '2022-12-31',
      memberCount: 1200,
      socialWorkerCount: 5,
      certifiedSocialWorkerCount: 5,
      partyOrg: 'instructor',
      charterPartyClause: true,
      serviceTargets: ['allResidents'],
      venue: '',
      leaderMobile: '13900002222',
    });
    expect(values[13]?.creditCode).toBeUndefined();
  });

  it('uses the first sheet that has a header row', async () => {
    const buffer = await xlsxOf((notes, workbook) => {
      notes.getCell('A1').value = '说明：请在第二个工作表填写';
      const data = workbook.addWorksheet('数据');
      data.addRow(REQUIRED_HEADER.split(','));
      data.addRow(['邻里互助会', '社区指导', '文体活动类', '510106001001', '2020-01-01', 8, '陈一', '13800000000']);
    });
    const parsed = await parseSurveyFile(buffer, 'a.xlsx', { today: TODAY });
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => [r.rowNumber, r.values.name])).toEqual([[2, '邻里互助会']]);
  });
});

describe('parseSurveyFile: Chinese text across chunk boundaries', () => {
  /**
   * The registry bench found U+FFFD at row 1,403 when exceljs's streaming reader decoded each
   * inflated chunk on its own. Here the XML is inflated 64 bytes at a time (the smallest zlib
   * chunk), so hundreds of 3-byte characters straddle a boundary, in a file written as the bench
   * and exports write (exceljs's streaming writer: inline strings, or shared strings placed
   * after the sheet in the archive).
   */
  async function longNamesWorkbook(rows: number, useSharedStrings: boolean): Promise<Buffer> {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings });
    const sheet = workbook.addWorksheet('摸底表');
    sheet.addRow(REQUIRED_HEADER.split(',')).commit();
    for (let i = 1; i <= rows; i++) {
      sheet
        .addRow([
          `锦江区春熙路街道第${i}社区阳光舞蹈队暨夕阳红老年艺术团`,
          '社区指导',
          '文体活动类',
          '510104020001',
          '2020年1月1日',
          12,
          `欧阳${i % 2 === 0 ? '春花' : '晓东'}`,
          `139${String(i).padStart(8, '0')}`,
        ])
        .commit();
    }
    sheet.commit();
    await workbook.commit();
    return Buffer.concat(chunks);
  }

  for (const useSharedStrings of [false, true]) {
    it(`reads every row intact (${useSharedStrings ? 'shared strings after the sheet' : 'inline strings'})`, async () => {
      const rows = 2000;
      const buffer = await longNamesWorkbook(rows, useSharedStrings);
      const entries = (await unzipEntries(buffer)).map((e) => e.name);
      const part = useSharedStrings ? 'xl/sharedStrings.xml' : 'xl/worksheets/sheet1.xml';
      if (useSharedStrings) {
        expect(entries.indexOf('xl/sharedStrings.xml')).toBeGreaterThan(entries.indexOf('xl/worksheets/sheet1.xml'));
      }
      // the 64-byte chunks of the part that holds the names: many end inside a character
      const xml = (await unzipEntries(buffer)).find((e) => e.name === part)!.data;
      let straddling = 0;
      for (let end = 64; end < xml.length; end += 64) {
        straddling += (xml[end]! & 0xc0) === 0x80 ? 1 : 0;
      }
      expect(straddling).toBeGreaterThan(500);

      const parsed = await parseSurveyFile(buffer, 'big.xlsx', { today: TODAY, chunkSize: 64 });
      expect(parsed.errors).toEqual([]);
      expect(parsed.rows).toHaveLength(rows);
      expect(parsed.rows.filter((r) => JSON.stringify(r.values).includes('\uFFFD'))).toEqual([]);
      parsed.rows.forEach((row, index) => {
        expect(row.rowNumber).toBe(index + 2);
        expect(row.values.name).toBe(`锦江区春熙路街道第${index + 1}社区阳光舞蹈队暨夕阳红老年艺术团`);
        expect(row.values.leaderName).toBe(`欧阳${(index + 1) % 2 === 0 ? '春花' : '晓东'}`);
      });
    });
  }
});

describe('parseSurveyFile: CSV', () => {
  it('reads GB18030 (as Excel on Chinese Windows saves it), with a title line, an alias header and quoted fields', async () => {
    const text = [
      '社区社会组织摸底表,,,,,,,,,',
      '名称,类型,类别,所在区划代码,成立日期,成员人数,负责人姓名,负责人手机号,服务对象,活动场所',
      '邻里守望队,社区指导,社区事务类,110105001001,2015-8-1,８,陈一,13812345678,"老年人,留守人员","社区""阳光""',
      '活动室"',
      ',,,,,,,,,',
      '邻里守望队 ,社区指导,社区事务类,110105001002,2016/1/1,9,陈二,13812345679,,',
      '书画社,社区指导,文体活动类,110105001001,2016年13月1日,9,陈三,1381234567X,,',
    ].join('\r\n');
    const buffer = gb18030(text);
    expect(new TextDecoder().decode(buffer)).toContain('\uFFFD'); // not UTF-8
    const parsed = await parseSurveyFile(buffer, '摸底.csv', { today: TODAY });
    // Records, not lines: the quoted line break keeps record 3 in one row.
    expect(problems(parsed)).toEqual([
      [5, '组织名称', 'survey.duplicateName'],
      [6, '成立日期', 'survey.date'],
      [6, '负责人手机号', 'survey.mobile'],
    ]);
    expect(parsed.rows).toEqual([
      {
        rowNumber: 3,
        values: expect.objectContaining({
          name: '邻里守望队',
          areaCode: '110105001001',
          foundedOn: '2015-08-01',
          memberCount: 8,
          serviceTargets: ['elderly', 'leftBehind'],
          venue: '社区"阳光" 活动室',
          leaderName: '陈一',
        }),
      },
    ]);
  });

  it('reads UTF-8 with a byte order mark', async () => {
    const buffer = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      csvOf([
        `${REQUIRED_HEADER},是否枢纽型,章程含党建条款`,
        '社区乐队,社区指导,文体活动类,330106001001,2021/03/05,12,林一,13911112222,否,Y',
        '社区乐队二队,社区指导,文体活动类,330106001001,44260,12,林二,13911112223,,N',
        '社区乐队三队,社区指导,文体活动类,330106001001,2021-03-05 00:00:00,12.0,林三,13911112224,,',
      ]),
    ]);
    const parsed = await parseSurveyFile(buffer, 'survey.CSV', { today: TODAY });
    expect(parsed.errors).toEqual([]);
    expect(
      parsed.rows.map((r) => [r.rowNumber, r.values.name, r.values.foundedOn, r.values.charterPartyClause]),
    ).toEqual([
      [2, '社区乐队', '2021-03-05', true],
      [3, '社区乐队二队', '2021-03-05', false],
      [4, '社区乐队三队', '2021-03-05', false],
    ]);
  });

  it('accepts the usual ways of writing a date and refuses the rest', async () => {
    const inputs: [string, string | null][] = [
      ['2021-3-5', '2021-03-05'],
      ['2021/03/05', '2021-03-05'],
      ['2021.3.5', '2021-03-05'],
      ['2021年3月5日', '2021-03-05'],
      ['2021 年 3 月 5 日', '2021-03-05'],
      ['２０２１－０３－０５', '2021-03-05'],
      ['20210305', '2021-03-05'],
      ['2021-03-05T10:30', '2021-03-05'],
      ['44260', '2021-03-05'], // an Excel serial that arrived as text
      ['2024-02-29', '2024-02-29'],
      ['2023-02-29', null],
      ['2021-13-01', null],
      ['2021', null],
      ['2021年3月', null],
      ['21-3-5', null],
      ['1899-12-31', null],
      ['下个月', null],
    ];
    const lines = [REQUIRED_HEADER];
    inputs.forEach(([date], i) => {
      lines.push(`组织${i},社区指导,文体活动类,330106001001,${date},1,林${i},139111122${String(i).padStart(2, '0')}`);
    });
    const parsed = await parseSurveyFile(csvOf(lines), 'dates.csv', { today: TODAY });
    const dates = new Map(parsed.rows.map((r) => [r.rowNumber, r.values.foundedOn]));
    const bad = new Set(parsed.errors.filter((e) => e.code === 'survey.date').map((e) => e.rowNumber));
    expect(parsed.errors.every((e) => e.code === 'survey.date' && e.column === '成立日期')).toBe(true);
    const outcome = inputs.map(([input], i) => [input, bad.has(i + 2) ? null : (dates.get(i + 2) ?? 'missing')]);
    expect(outcome).toEqual(inputs);
  });

  it('reads 是/否, Y/N, √/× and TRUE/FALSE as booleans', async () => {
    const words = ['是', '否', 'Y', 'n', '√', '×', 'TRUE', 'false', '1', '0'];
    const lines = [`${REQUIRED_HEADER},章程含党建条款`];
    words.forEach((word, i) => {
      lines.push(`组织${i},社区指导,文体活动类,330106001001,2020-01-01,1,林${i},1391111220${i},${word}`);
    });
    const parsed = await parseSurveyFile(csvOf(lines), 'bool.csv', { today: TODAY });
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => r.values.charterPartyClause)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
  });

  it(`stops after ${SURVEY_MAX_ROWS} data rows with an error on the first row beyond`, async () => {
    const lines = [REQUIRED_HEADER];
    for (let i = 0; i <= SURVEY_MAX_ROWS; i++) {
      lines.push(`组织${i},社区指导,文体活动类,330106001001,2020-01-01,1,林,13911112222`);
    }
    const parsed = await parseSurveyFile(csvOf(lines), 'big.csv', { today: TODAY });
    expect(problems(parsed)).toEqual([[SURVEY_MAX_ROWS + 2, '', 'survey.tooManyRows']]);
    expect(parsed.rows).toHaveLength(SURVEY_MAX_ROWS);
  });
});

describe('parseSurveyFile: files it cannot use', () => {
  it('names a missing required column at the header row', async () => {
    const parsed = await parseSurveyFile(
      csvOf(['组织名称,类型,类别,成立日期,成员人数,负责人姓名', '邻里互助会,社区指导,文体活动类,2020-01-01,5,陈一']),
      'a.csv',
      { today: TODAY },
    );
    expect(problems(parsed)).toEqual([
      [1, '所在区划代码', 'survey.columnMissing'],
      [1, '负责人手机号', 'survey.columnMissing'],
    ]);
    expect(parsed.rows).toEqual([]);
  });

  it('reports a file without a header row, an old .xls, another format, an empty file and a damaged workbook', async () => {
    const codes = async (buffer: Buffer, name: string) => problems(await parseSurveyFile(buffer, name));
    expect(await codes(csvOf(['甲,乙,丙', '1,2,3']), 'a.csv')).toEqual([[0, '', 'survey.headerNotFound']]);
    expect(await codes(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), 'a.xls')).toEqual([[0, '', 'survey.fileType']]);
    // A password-protected .xlsx is an OLE compound file too.
    expect(await codes(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), 'a.xlsx')).toEqual([
      [0, '', 'survey.fileType'],
    ]);
    expect(await codes(csvOf(['组织名称']), 'a.pdf')).toEqual([[0, '', 'survey.fileType']]);
    expect(await codes(Buffer.alloc(0), 'a.xlsx')).toEqual([[0, '', 'survey.unreadable']]);
    expect(await codes(Buffer.from('PK\x03\x04 not really a zip'), 'a.xlsx')).toEqual([[0, '', 'survey.unreadable']]);
    const template = await written(writeSurveyTemplate);
    expect(await codes(template.subarray(0, template.length - 40), 'a.xlsx')).toEqual([[0, '', 'survey.unreadable']]);
  });
});

describe('writeErrorSheet', () => {
  it('lists 行号 / 列 / 错误说明', async () => {
    const errors: SurveyError[] = [
      { rowNumber: 0, column: '', code: 'survey.headerNotFound', message: '未找到表头行' },
      { rowNumber: 6, column: '类别', code: 'survey.enum', message: '类别“体育类”不在可选范围内' },
    ];
    const workbook = await loadWorkbook(await written((stream) => writeErrorSheet(errors, stream)));
    const sheet = workbook.worksheets[0]!;
    const rows: unknown[] = [];
    sheet.eachRow((row) => {
      rows.push([1, 2, 3].map((i) => row.getCell(i).value));
    });
    expect(rows).toEqual([
      ['行号', '列', '错误说明'],
      ['全表', null, '未找到表头行'],
      [6, '类别', '类别“体育类”不在可选范围内'],
    ]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
  });
});
