import type { AddresseeList, Inbox, ReminderNotices, ReportTask, ReportTaskList } from '@linli/contract/report-tasks';
import { describe, expect, it } from 'vitest';
import { Client, createTestContext } from '../../../test/harness';
import { DEMO_SUMMARY_TITLE, DEMO_TOWNSHIP_TITLE, seedDemoReportTasks } from './report-tasks';
import { DEMO_PASSWORD, demoAccounts, seedDemo } from './seed';

const ctx = await createTestContext();

describe('demo report tasks', () => {
  it('广州市’s summary report to its districts: answered, one late, one returned, one draft; 越秀 still to fill in', async () => {
    await seedDemo(ctx);
    const mobileOf = (title: string) => demoAccounts.find((a) => a.title === title)!.mobile;
    const accounts = { cityMobile: mobileOf('广州市民政局'), townshipMobile: mobileOf('越秀区北京街道') };
    expect(await seedDemoReportTasks(ctx, accounts)).toBe(4);

    const signIn = (title: string) => new Client(ctx.app).signInReady(mobileOf(title), DEMO_PASSWORD);
    const city = await signIn('广州市民政局');
    const list = (await city.get('/api/report-tasks')).json() as ReportTaskList;
    const summary = list.items.find((t) => t.title === DEMO_SUMMARY_TITLE)!;
    expect(summary.status).toBe('sent');
    expect(summary.counts).toEqual({
      addressees: 11,
      notStarted: 5,
      draft: 1,
      submitted: 4,
      late: 1,
      outstanding: 7,
      returned: 1,
    });
    const detail = (await city.get(`/api/report-tasks/${summary.id}/addressees`)).json() as AddresseeList;
    const statuses = Object.fromEntries(detail.items.map((a) => [a.areaName, a.status]));
    expect(statuses).toMatchObject({
      越秀区: 'notStarted',
      海珠区: 'submitted',
      番禺区: 'late',
      黄埔区: 'returned',
      白云区: 'draft',
    });

    // the demo district officer of 越秀 finds it in the inbox, overdue, and the quarterly count with a reminder
    const yuexiu = await signIn('越秀区民政局');
    const inbox = (await yuexiu.get('/api/report-submissions')).json() as Inbox;
    expect(inbox.items.find((i) => i.taskId === summary.id)).toMatchObject({ status: 'notStarted', isOverdue: true });
    const reminders = (await yuexiu.get('/api/report-submissions/reminders')).json() as ReminderNotices;
    expect(reminders.items).toEqual([
      expect.objectContaining({ title: '社区社会组织数量季度统计', milestone: 'beforeDeadline' }),
    ]);
    // the demo committee of 龙藏 has 北京街道's task open
    const committee = await signIn('越秀区北京街道龙藏社区居委会（两委）');
    const own = (await committee.get('/api/report-submissions')).json() as Inbox;
    expect(own.items.map((i) => i.title)).toEqual(['社区社会组织摸底登记']);

    // 广州市's task to every township: three answered; 北京街道's demo officer has it open;
    // 越秀区's demo officer reads the part of its own townships
    const direct = list.items.find((t) => t.title === DEMO_TOWNSHIP_TITLE)!;
    const townships = await ctx.db.query(`SELECT 1 FROM areas WHERE level = 4 AND code LIKE '4401%'`);
    expect(direct.counts).toMatchObject({ addressees: townships.rowCount, submitted: 3, late: 0 });
    const beijingRoad = await signIn('越秀区北京街道');
    const township = (await beijingRoad.get('/api/report-submissions')).json() as Inbox;
    expect(township.items.find((i) => i.taskId === direct.id)).toMatchObject({
      areaName: '北京街道',
      senderAreaName: '广州市',
      status: 'notStarted',
    });
    const part = (await yuexiu.get(`/api/report-tasks/${direct.id}`)).json() as ReportTask;
    expect(part).toMatchObject({ isPartialView: true, counts: { submitted: 1 } });
    const rows = (
      await yuexiu.get(`/api/report-tasks/${direct.id}/addressees?status=submitted`)
    ).json() as AddresseeList;
    expect(rows.items.map((r) => [r.areaName, r.parentName])).toEqual([['六榕街道', '越秀区']]);

    // a second run adds nothing
    expect(await seedDemoReportTasks(ctx, accounts)).toBe(0);
    expect((await ctx.db.query('SELECT 1 FROM report_tasks')).rowCount).toBe(4);
  }, 120_000);
});
