import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Client, createTestContext } from '../../../test/harness';
import { makeOfficers } from './test-factories';

const ctx = await createTestContext();
const beijing = await makeOfficers(ctx);
const liurong = await makeOfficers(ctx, {
  community: '440104004102',
  township: '440104004000',
  county: '440104000000',
});

const HEADERS = [
  '组织名称',
  '类型',
  '类别',
  '是否枢纽型',
  '所在区划代码',
  '成立日期',
  '服务对象',
  '活动场所',
  '成员人数',
  '社工人数',
  '持证社工人数',
  '党组织形式',
  '章程含党建条款',
  '统一社会信用代码',
  '负责人姓名',
  '负责人手机号',
];

/** A survey as people really send it: a title row, a blank row, messy cells. */
async function messySurvey(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('摸底表');
  ws.addRow(['北京街道社区社会组织摸底表']);
  ws.mergeCells('A1:P1');
  ws.addRow([]);
  ws.addRow(HEADERS.map((h, i) => (i === 0 ? `${h}  ` : h)));
  const base = [
    '社区指导',
    '文体活动类',
    '否',
    '440104003104',
    '2020-05-01',
    '老年人、妇女',
    '活动室',
    20,
    0,
    0,
    '暂无',
    '是',
    '',
    '李阿姨',
  ];
  ws.addRow(['流水井夕阳红舞蹈队 ', ...base.slice(0, 7), '３０', ...base.slice(8), '１３９１２３４００01']); // row 4: full-width digits
  ws.addRow(['流水井书画社', base[0], base[1], base[2], base[3], 43_952, ...base.slice(5), '13912340002']); // row 5: date serial
  ws.addRow(['流水井读书会', base[0], '不存在的类别', ...base.slice(2), '13912340003']); // row 6: bad category
  ws.addRow(['六榕越界合唱团', base[0], base[1], base[2], '440104004102', ...base.slice(4), '13912340004']); // row 7: other township
  ws.addRow([]);
  ws.addRow(['流水井太极拳队', base[0], base[1], base[2], base[3], '2019年3月5日', ...base.slice(5), '13912340005']); // row 9: text date
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function runImport(client: Client, file: Buffer, mode: string) {
  const form = new FormData();
  form.set('mode', mode);
  form.set('file', new Blob([file]), '摸底表.xlsx');
  const started = await client.upload('/api/organizations/imports', form);
  expect(started.statusCode, started.body).toBe(200);
  const { jobId } = started.json();
  for (let i = 0; i < 200; i++) {
    const job = (await client.get(`/api/jobs/${jobId}`)).json();
    if (job.state === 'succeeded' || job.state === 'failed') {
      return { jobId, job };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import job did not finish');
}

const names = async () =>
  (
    await ctx.db.query<{ name: string }>("SELECT name FROM organizations WHERE area_code LIKE '440104%' ORDER BY name")
  ).rows.map((r) => r.name);

describe('survey import', () => {
  it('all or nothing: a file with errors imports nothing and explains every error by row and column', async () => {
    const { jobId, job } = await runImport(beijing.township.client, await messySurvey(), 'allOrNothing');
    expect(job.result).toMatchObject({ created: 0, errors: 2, rows: 5 });
    expect(await names()).toEqual([]);
    const sheet = await beijing.township.client.get(`/api/jobs/${jobId}/result-file`);
    expect(sheet.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const cells = wb.worksheets[0]!.getSheetValues()
      .slice(2)
      .map((r) => (r as unknown[]).slice(1, 3));
    expect(cells).toEqual([
      [6, '类别'],
      [7, '所在区划代码'],
    ]);
  });

  it('valid rows: imports the good rows, normalized; a second run of the same file adds nothing', async () => {
    const first = await runImport(beijing.township.client, await messySurvey(), 'validRows');
    expect(first.job.result).toMatchObject({ created: 3, errors: 2, skipped: 0 });
    expect(await names()).toEqual(['流水井书画社', '流水井夕阳红舞蹈队', '流水井太极拳队']);
    const { rows } = await ctx.db.query(
      "SELECT name, member_count, to_char(founded_on, 'YYYY-MM-DD') AS founded, status FROM organizations WHERE area_code = '440104003104' ORDER BY name",
    );
    expect(rows).toEqual([
      { name: '流水井书画社', member_count: 20, founded: '2020-05-01', status: 'active' },
      { name: '流水井夕阳红舞蹈队', member_count: 30, founded: '2020-05-01', status: 'active' },
      { name: '流水井太极拳队', member_count: 20, founded: '2019-03-05', status: 'active' },
    ]);
    const byMobile = await beijing.township.client.get('/api/organizations?q=13912340001');
    expect(byMobile.json().items.map((o: { name: string }) => o.name)).toEqual(['流水井夕阳红舞蹈队']);

    const second = await runImport(beijing.township.client, await messySurvey(), 'validRows');
    expect(second.job.result).toMatchObject({ created: 0, skipped: 3 });
    expect(await names()).toHaveLength(3);
    const audit = await ctx.db.query(
      "SELECT after->>'created' AS created FROM audit_log WHERE action = 'organization.import' ORDER BY seq",
    );
    expect(audit.rows.map((r) => r.created)).toEqual(['0', '3', '0']);
  });

  it('never writes outside the uploader’s township, and a job is only visible to its owner', async () => {
    const { jobId } = await runImport(liurong.township.client, await messySurvey(), 'validRows');
    expect((await ctx.db.query("SELECT 1 FROM organizations WHERE name = '六榕越界合唱团'")).rowCount).toBe(1);
    expect((await beijing.township.client.get(`/api/jobs/${jobId}`)).statusCode).toBe(404);
    expect((await beijing.resident.client.get('/api/organizations/import-template')).statusCode).toBe(403);
  });

  it('offers the template with drop-down lists', async () => {
    const res = await beijing.township.client.get('/api/organizations/import-template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.getWorksheet('摸底表')!.getRow(1).values).toEqual(expect.arrayContaining(HEADERS));
  });
});

describe('survey import at size', () => {
  it('keeps every Chinese character of a 3,000-row file, and an empty 服务对象 is an empty list', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('摸底表');
    ws.addRow(HEADERS);
    for (let i = 0; i < 3000; i++) {
      ws.addRow([
        `流水井第${i}支街道(乡镇)备案互助队`,
        '街道(乡镇)备案',
        '社区事务类',
        '否',
        '440104003104',
        '2020-05-01',
        i % 2 === 0 ? '' : '老年人、妇女',
        `活动室${i}`,
        10,
        0,
        0,
        '暂无',
        '否',
        '',
        '李阿姨',
        `139${String(50000000 + i)}`,
      ]);
    }
    const { job } = await runImport(beijing.township.client, Buffer.from(await wb.xlsx.writeBuffer()), 'allOrNothing');
    expect(job.result).toMatchObject({ created: 3000, errors: 0 });
    const { rows } = await ctx.db.query(
      "SELECT count(*)::int AS n FROM organizations WHERE name LIKE '流水井第%支街道(乡镇)备案互助队' AND tier = 'filed'",
    );
    expect(rows[0].n).toBe(3000);
    const empty = await ctx.db.query(
      "SELECT service_targets FROM organizations WHERE name = '流水井第0支街道(乡镇)备案互助队'",
    );
    expect(empty.rows[0].service_targets).toEqual([]);
  });
});
