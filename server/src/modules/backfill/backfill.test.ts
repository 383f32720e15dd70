import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Client, createTestContext, nextMobile } from '../../../test/harness';
import { makeCommunity } from '../activities/test-factories';
import { idNumber, makeVolunteer } from '../volunteers/test-factories';

const ctx = await createTestContext();
const beijing = await makeCommunity(ctx);
const neighbour = await makeCommunity(ctx, undefined, { name: '流水井邻居合唱团' });

const day = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
/** What Excel stores for a date-time typed as China wall time: a Date whose UTC fields are that time. */
const wall = (d: string, t: string) => new Date(`${d}T${t}:00Z`);

const byId = idNumber('19800202');
const byMobile = nextMobile();
const a = await makeVolunteer(ctx, { idNumber: byId, name: '甲志愿' });
const b = await makeVolunteer(ctx, { mobile: byMobile, name: '乙志愿' });
const outsider = idNumber('19810303');
await makeVolunteer(ctx, { idNumber: outsider });
for (const v of [a, b]) {
  await v.client.post('/api/volunteers/me/teams', { orgId: beijing.orgId });
}

async function messySheet(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('服务记录');
  ws.addRow(['流水井社区志愿服务记录补录']); // row 1: a title above the header
  ws.addRow(['身份证号码', '手机号', '服务项目', '服务内容', '服务地点', '开始时间', '结束时间', '时长（分钟）']); // 2
  const d = day(-3);
  const wrongCheck = `${byId.slice(0, 17)}${byId[17] === '0' ? '1' : '0'}`;
  ws.addRow([byId, '', '敬老探访', '为独居长者送餐', '流水井社区', wall(d, '09:00'), wall(d, '11:30')]); // 3: good (150)
  ws.addRow([
    '',
    byMobile,
    '夜间巡逻',
    '社区平安巡逻',
    '流水井社区',
    `${d.replaceAll('-', '/')} 22:00`,
    `${day(-2)} 01:00`,
  ]); // 4: good across midnight (180)
  ws.addRow([wrongCheck, '', '敬老探访', '送餐', '流水井社区', wall(d, '13:00'), wall(d, '14:00')]); // 5: bad check digit
  ws.addRow([idNumber('19900909'), '', '敬老探访', '送餐', '流水井社区', wall(d, '13:00'), wall(d, '14:00')]); // 6: not registered
  ws.addRow([byId, '', '敬老探访', '送餐', '流水井社区', wall(d, '16:00'), wall(d, '15:00')]); // 7: end before start
  ws.addRow([byId, '', '', '送餐', '流水井社区', wall(d, '17:00'), wall(d, '18:00')]); // 8: no project
  ws.addRow([]); // 9: blank
  ws.addRow([outsider, '', '敬老探访', '送餐', '流水井社区', wall(d, '09:00'), wall(d, '10:00')]); // 10: not in the team
  ws.addRow([byId, '', '敬老探访', '送餐', '流水井社区', '明天上午', wall(d, '20:00')]); // 11: bad time
  ws.addRow([byId, '', '敬老探访', '重复一行', '流水井社区', wall(d, '09:00'), wall(d, '11:30')]); // 12: same as row 3
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function runImport(client: Client, orgId: string, file: Buffer, mode: string) {
  const form = new FormData();
  form.set('mode', mode);
  form.set('file', new Blob([file]), '补录.xlsx');
  const started = await client.upload(`/api/organizations/${orgId}/service-record-imports`, form);
  if (started.statusCode !== 200) {
    return { started, jobId: '', job: null };
  }
  const { jobId } = started.json();
  for (let i = 0; i < 400; i++) {
    const job = (await client.get(`/api/jobs/${jobId}`)).json();
    if (job.state === 'succeeded' || job.state === 'failed') {
      return { started, jobId, job };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import job did not finish');
}

const records = async () =>
  (
    await ctx.db.query<{ project_title: string; minutes: number; status: string; source: string }>(
      `SELECT project_title, minutes, status, source FROM service_records WHERE org_id = $1 ORDER BY started_at`,
      [beijing.orgId],
    )
  ).rows;

const EXPECTED_ERRORS = [
  [5, '身份证号码', 'backfill.idNumber'],
  [6, '身份证号码', 'backfill.volunteer.notFound'],
  [7, '结束时间', 'backfill.record'],
  [8, '服务项目', 'backfill.required'],
  [10, '身份证号码', 'backfill.record'],
  [11, '开始时间', 'backfill.datetime'],
  [12, '', 'backfill.duplicateRow'],
];

describe('back-fill from a spreadsheet', () => {
  it('the template carries the columns, notes and checks', async () => {
    const res = await beijing.orgAdmin.client.get('/api/service-records/import-template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('服务记录')!;
    expect((ws.getRow(1).values as unknown[]).slice(1, 8)).toEqual([
      '身份证号码',
      '手机号',
      '服务项目',
      '服务内容',
      '服务地点',
      '开始时间',
      '结束时间',
    ]);
    expect(ws.getCell('A2').dataValidation).toMatchObject({ type: 'textLength' });
    expect(ws.getCell('F2').dataValidation).toMatchObject({ type: 'date' });
  });

  it('all or nothing: a messy file writes nothing and explains every error by row and column', async () => {
    const { jobId, job } = await runImport(beijing.orgAdmin.client, beijing.orgId, await messySheet(), 'allOrNothing');
    expect(job.state).toBe('succeeded');
    expect(job.result).toMatchObject({ created: 0, skipped: 0, errors: EXPECTED_ERRORS.length, rows: 9 });
    expect(await records()).toEqual([]);
    const sheet = await beijing.orgAdmin.client.get(`/api/jobs/${jobId}/result-file`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues()
      .slice(2)
      .map((r) => (r as unknown[]).slice(1, 4));
    expect(rows.map((r) => [r[0], r[1] ?? ''])).toEqual(EXPECTED_ERRORS.map(([n, c]) => [n, c]));
    expect(rows[0]![2]).toContain('身份证号码不正确');
    expect(rows[4]![2]).toContain('请先将其加入本组织的志愿服务队');
    expect(rows[6]![2]).toBe('与第 3 行是同一志愿者同一时间的记录');
  });

  it('valid rows: exactly the good rows, pending confirmation; the same file again adds nothing', async () => {
    const file = await messySheet();
    const first = await runImport(beijing.orgAdmin.client, beijing.orgId, file, 'validRows');
    expect(first.job.result).toMatchObject({ created: 2, skipped: 0, errors: EXPECTED_ERRORS.length });
    const expected = [
      { project_title: '敬老探访', minutes: 150, status: 'pending', source: 'backfill' },
      { project_title: '夜间巡逻', minutes: 180, status: 'pending', source: 'backfill' },
    ];
    expect(await records()).toEqual(expected);
    const second = await runImport(beijing.orgAdmin.client, beijing.orgId, file, 'validRows');
    expect(second.job.result).toMatchObject({ created: 0, skipped: 2, errors: EXPECTED_ERRORS.length });
    expect(await records()).toEqual(expected);
    const audit = await ctx.db.query(
      `SELECT after FROM audit_log WHERE action = 'serviceRecord.import' ORDER BY seq DESC LIMIT 1`,
    );
    expect(audit.rows[0].after).toMatchObject({ created: 0, skipped: 2, orgId: beijing.orgId });
  });

  it('only for the organization one acts for; bad uploads get field errors', async () => {
    const file = await messySheet();
    expect((await runImport(neighbour.orgAdmin.client, beijing.orgId, file, 'validRows')).started.statusCode).toBe(404);
    expect((await runImport(a.client, beijing.orgId, file, 'validRows')).started.statusCode).toBe(403);
    const badMode = await runImport(beijing.orgAdmin.client, beijing.orgId, file, 'some');
    expect(badMode.started.json().fields).toEqual([expect.objectContaining({ path: 'mode', code: 'invalid_value' })]);
    const form = new FormData();
    form.set('file', new Blob([Buffer.from('a,b')]), '补录.csv');
    const csv = await beijing.orgAdmin.client.upload(
      `/api/organizations/${beijing.orgId}/service-record-imports`,
      form,
    );
    expect(csv.json().fields).toEqual([{ path: 'file', code: 'backfill.fileType', message: '请上传 .xlsx 文件' }]);
  });
});
