import type { AreaLevel } from '@linli/contract/areas';
import type {
  AddresseeChoices,
  AddresseeList,
  Inbox,
  ReminderNotices,
  ReportTask,
  ReportTaskList,
  SendingAreas,
  Submission,
} from '@linli/contract/report-tasks';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness';
import * as svc from './service';
import { AREAS, addresseesOf, fileForm, goodAnswers, makeOfficer, PDF, sendTaskVia, taskBody } from './test-factories';

/**
 * Tasks addressed to a deeper level (0018): 广州市 straight to every 街道/乡镇 or community of the
 * city; the districts in between read their own part; the status table pages and filters.
 */
const ctx = await createTestContext();
const deps = (now?: Date) => ({ db: ctx.db, cipher: ctx.cipher, ...(now ? { now: () => now } : {}) });

const city = await makeOfficer(ctx, 'civilAffairs', AREAS.guangzhou, 'city', '陈建国');
const yuexiu = await makeOfficer(ctx, 'civilAffairs', AREAS.yuexiu, 'county', '欧阳晓明');
const haizhu = await makeOfficer(ctx, 'civilAffairs', AREAS.haizhu, 'county', '张伟');
const beijingRoad = await makeOfficer(ctx, 'township', AREAS.beijingRoad, 'township', '周敏');
const liurong = await makeOfficer(ctx, 'township', AREAS.liurong, 'township', '吴刚');
const liushuijing = await makeOfficer(ctx, 'committee', AREAS.liushuijing, 'community', '郑丽');
const longcang = await makeOfficer(ctx, 'committee', AREAS.longcang, 'community', '孙强');

const submissionUrl = (id: string, area: string) => `/api/report-submissions/${id}/${area}`;
const levelNo: Record<AreaLevel, number> = { country: 0, province: 1, city: 2, county: 3, township: 4, community: 5 };

/** The areas of `level` under a node, found by walking the parent links (not by code ranges as the module does). */
async function areasBelow(code: string, level: AreaLevel, target: AreaLevel): Promise<string[]> {
  const { rows } = await ctx.db.query<{ code: string }>(
    `WITH RECURSIVE sub AS (
       SELECT code, level FROM areas WHERE code = $1 AND level = $2
       UNION ALL
       SELECT a.code, a.level FROM areas a JOIN sub ON a.parent_code = sub.code AND a.parent_level = sub.level
     )
     SELECT code FROM sub WHERE level = $3 ORDER BY code`,
    [code, levelNo[level], levelNo[target]],
  );
  return rows.map((r) => r.code);
}

describe('addressee level: every area of the chosen level in the jurisdiction', () => {
  const cases: [string, { client: typeof city.client }, string, AreaLevel, AreaLevel][] = [
    ['广州市 → its districts (the default)', city, AREAS.guangzhou, 'city', 'county'],
    ['广州市 → every township of the city', city, AREAS.guangzhou, 'city', 'township'],
    ['广州市 → every community of the city', city, AREAS.guangzhou, 'city', 'community'],
    ['越秀区 → every community of the district', yuexiu, AREAS.yuexiu, 'county', 'community'],
  ];
  for (const [name, officer, code, level, target] of cases) {
    it(name, async () => {
      const expected = await areasBelow(code, level, target);
      expect(expected.length).toBeGreaterThan(5);
      const body = taskBody({ title: `层级 ${target}`, ...(target === 'county' ? {} : { addresseeLevel: target }) });
      const created = await officer.client.post('/api/report-tasks', body);
      expect(created.statusCode, created.body).toBe(200);
      const draft = created.json() as ReportTask;
      expect(draft).toMatchObject({ addresseeLevel: target, allChildren: true, isPartialView: false });
      expect(draft.counts.addressees).toBe(expected.length);
      const sent = await officer.client.post(`/api/report-tasks/${draft.id}/send`);
      expect(sent.statusCode, sent.body).toBe(200);
      expect((sent.json() as ReportTask).counts).toMatchObject({
        addressees: expected.length,
        notStarted: expected.length,
        outstanding: expected.length,
      });
      const stored = await ctx.db.query<{ area_code: string; area_level: number }>(
        'SELECT area_code, area_level FROM report_task_areas WHERE task_id = $1 ORDER BY area_code',
        [draft.id],
      );
      expect(stored.rows.map((r) => r.area_code)).toEqual(expected);
      expect(new Set(stored.rows.map((r) => r.area_level))).toEqual(new Set([levelNo[target]]));
    });
  }

  it('the sending areas offer the deeper levels with how many areas each holds', async () => {
    const res = await city.client.get('/api/report-tasks/sending-areas');
    const item = (res.json() as SendingAreas).items[0]!;
    expect(item.levels.map((l) => l.level)).toEqual(['county', 'township', 'community']);
    expect(item.levels.find((l) => l.level === 'township')?.count).toBe(
      (await areasBelow(AREAS.guangzhou, 'city', 'township')).length,
    );
    const township = (await beijingRoad.client.get('/api/report-tasks/sending-areas')).json() as SendingAreas;
    expect(township.items[0]!.levels.map((l) => l.level)).toEqual(['community']);
  });

  it('the area picker offers areas of the level in the jurisdiction, by name and within a district', async () => {
    const pick = async (query: string) => {
      const res = await city.client.get(`/api/report-tasks/addressee-choices?areaCode=${AREAS.guangzhou}&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as AddresseeChoices).items;
    };
    const beijing = await pick('level=township&q=北京街道');
    expect(beijing).toEqual([{ code: AREAS.beijingRoad, name: '北京街道', parentName: '越秀区' }]);
    const yuexiuTownships = await pick(`level=township&within=${AREAS.yuexiu}&limit=100`);
    expect(yuexiuTownships.map((a) => a.code)).toEqual(await areasBelow(AREAS.yuexiu, 'county', 'township'));
    const communities = await pick(`level=community&within=${AREAS.beijingRoad}&limit=100`);
    expect(communities.find((c) => c.code === AREAS.longcang)?.parentName).toBe('越秀区 / 北京街道');
    // the name of an area in between finds its areas too
    const byTownship = await pick('level=community&q=北京街道&limit=100');
    expect(byTownship.map((c) => c.code)).toEqual(await areasBelow(AREAS.beijingRoad, 'township', 'community'));
    // a level not below the sender, and a "within" outside the city, are field errors
    const wrongLevel = await city.client.get(
      `/api/report-tasks/addressee-choices?areaCode=${AREAS.guangzhou}&level=city`,
    );
    expect(wrongLevel.statusCode).toBe(400);
    expect(wrongLevel.json().fields[0].code).toBe('reportTask.addresseeLevel.invalid');
    const outside = await city.client.get(
      `/api/report-tasks/addressee-choices?areaCode=${AREAS.guangzhou}&level=township&within=440304000000`,
    );
    expect(outside.statusCode).toBe(400);
    expect(outside.json().fields[0].code).toBe('reportTask.within.invalid');
    // a district cannot pick from the city
    const notMine = await yuexiu.client.get(
      `/api/report-tasks/addressee-choices?areaCode=${AREAS.guangzhou}&level=township`,
    );
    expect(notMine.statusCode).toBe(400);
    expect(notMine.json().fields[0].code).toBe('reportTask.area.notYours');
  });

  it('chosen townships of the city: only they are addressed, and the level can change while a draft', async () => {
    const created = await city.client.post(
      '/api/report-tasks',
      taskBody({ addresseeLevel: 'township', allChildren: false, addresseeCodes: [AREAS.liurong, AREAS.beijingRoad] }),
    );
    expect(created.statusCode, created.body).toBe(200);
    const id = (created.json() as ReportTask).id;
    const rows = await addresseesOf(city.client, id);
    expect(rows.map((r) => [r.areaCode, r.parentName])).toEqual([
      [AREAS.beijingRoad, '越秀区'],
      [AREAS.liurong, '越秀区'],
    ]);
    const edited = await city.client.request(
      'PUT',
      `/api/report-tasks/${id}`,
      taskBody({ addresseeLevel: 'community', allChildren: false, addresseeCodes: [AREAS.longcang] }),
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await addresseesOf(city.client, id)).map((r) => [r.areaCode, r.parentName])).toEqual([
      [AREAS.longcang, '越秀区 / 北京街道'],
    ]);
    const audit = await ctx.db.query<{ after: { addresseeLevel: string; addressees: unknown } }>(
      `SELECT after FROM audit_log WHERE entity_id = $1 AND action = 'reportTask.update'`,
      [id],
    );
    expect(audit.rows[0]?.after).toMatchObject({ addresseeLevel: 'community', addressees: [AREAS.longcang] });
  });
});

describe('a city task to every township: the township submits, the district in between reads its part', () => {
  it('addressee, reader in between, other district, and the sender', async () => {
    const townships = await areasBelow(AREAS.guangzhou, 'city', 'township');
    const yuexiuTownships = await areasBelow(AREAS.yuexiu, 'county', 'township');
    const created = await city.client.post(
      '/api/report-tasks',
      taskBody({ title: '街道社区社会组织培育情况', addresseeLevel: 'township' }),
    );
    const id = (created.json() as ReportTask).id;

    // a draft is the city's own business, also for the districts in between
    expect((await yuexiu.client.get(`/api/report-tasks/${id}`)).statusCode).toBe(404);
    expect(
      ((await yuexiu.client.get('/api/report-tasks')).json() as ReportTaskList).items.map((t) => t.id),
    ).not.toContain(id);
    await city.client.post(`/api/report-tasks/${id}/send`);

    // the township officer finds it in the inbox and submits with an attachment
    const inbox = (await beijingRoad.client.get('/api/report-submissions')).json() as Inbox;
    expect(inbox.items.find((i) => i.taskId === id)).toMatchObject({
      areaCode: AREAS.beijingRoad,
      senderAreaName: '广州市',
      status: 'notStarted',
    });
    const upload = await beijingRoad.client.upload(
      `${submissionUrl(id, AREAS.beijingRoad)}/files?fieldId=attach`,
      fileForm('北京街道总结.pdf', PDF),
    );
    expect(upload.statusCode, upload.body).toBe(200);
    const fileId = upload.json().id as string;
    const submitted = await beijingRoad.client.post(`${submissionUrl(id, AREAS.beijingRoad)}/submit`, {
      answers: { ...goodAnswers, attach: fileId },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    // the district and the community cannot fill it in for the township
    expect(
      (await yuexiu.client.post(`${submissionUrl(id, AREAS.liurong)}/submit`, { answers: goodAnswers })).statusCode,
    ).toBe(404);
    expect((await liushuijing.client.get(submissionUrl(id, AREAS.beijingRoad))).statusCode).toBe(404);
    // the township does not read the city's task as a sender (it is the addressee, not in between)
    expect((await beijingRoad.client.get(`/api/report-tasks/${id}`)).statusCode).toBe(404);

    // 越秀区 in between: the task, its own townships only, their answers and files; no sender actions
    const listed = ((await yuexiu.client.get('/api/report-tasks')).json() as ReportTaskList).items.find(
      (t) => t.id === id,
    );
    expect(listed?.counts).toMatchObject({ addressees: yuexiuTownships.length, submitted: 1 });
    const view = (await yuexiu.client.get(`/api/report-tasks/${id}`)).json() as ReportTask;
    expect(view).toMatchObject({ isPartialView: true, subareas: [] });
    expect(view.counts).toMatchObject({ addressees: yuexiuTownships.length, submitted: 1 });
    expect(Object.values(view.abilities).every((a) => a === false)).toBe(true);
    expect((await addresseesOf(yuexiu.client, id)).map((a) => a.areaCode)).toEqual(yuexiuTownships);
    const answers = await yuexiu.client.get(`/api/report-tasks/${id}/submissions/${AREAS.beijingRoad}`);
    expect(answers.statusCode, answers.body).toBe(200);
    expect((answers.json() as Submission).abilities.returnSubmission).toBe(false);
    expect((await yuexiu.client.get(`/api/report-task-files/${fileId}`)).statusCode).toBe(200);
    expect((await yuexiu.client.post(`/api/report-tasks/${id}/withdraw`, { reason: '区里撤回' })).statusCode).toBe(403);
    expect(
      (
        await yuexiu.client.post(`/api/report-tasks/${id}/submissions/${AREAS.beijingRoad}/return`, {
          reason: '区里退回',
        })
      ).statusCode,
    ).toBe(403);
    const haizhuTownship = townships.find((c) => c.startsWith('440105'))!;
    expect((await yuexiu.client.get(`/api/report-tasks/${id}/submissions/${haizhuTownship}`)).statusCode).toBe(404);
    const exported = await yuexiu.client.get(`/api/report-tasks/${id}/export`);
    expect(exported.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(3).value).toBe('所属区划');
    expect(sheet.rowCount).toBe(1 + yuexiuTownships.length);
    const codes = sheet.getColumn(1).values.slice(2);
    expect(codes.every((c) => String(c).startsWith('440104'))).toBe(true);

    // 海珠区 reads only its own townships: not 北京街道's answers or file
    const haizhuView = (await haizhu.client.get(`/api/report-tasks/${id}`)).json() as ReportTask;
    expect(haizhuView.counts).toMatchObject({ submitted: 0 });
    expect((await haizhu.client.get(`/api/report-tasks/${id}/submissions/${AREAS.beijingRoad}`)).statusCode).toBe(404);
    expect((await haizhu.client.get(`/api/report-task-files/${fileId}`)).statusCode).toBe(404);

    // the city reads everything, with the districts to filter by, and acts
    const cityView = (await city.client.get(`/api/report-tasks/${id}`)).json() as ReportTask;
    expect(cityView).toMatchObject({ isPartialView: false, counts: { addressees: townships.length, submitted: 1 } });
    expect(cityView.subareas.map((s) => s.code)).toContain(AREAS.yuexiu);
    expect(cityView.abilities.withdraw).toBe(true);
    const returned = await city.client.post(`/api/report-tasks/${id}/submissions/${AREAS.beijingRoad}/return`, {
      reason: '请补充附件',
    });
    expect(returned.statusCode, returned.body).toBe(200);
  });

  it('a city task to communities: the township in between reads its communities, the committee submits', async () => {
    const id = await sendTaskVia(city.client, taskBody({ title: '社区摸底', addresseeLevel: 'community' }));
    const own = await areasBelow(AREAS.beijingRoad, 'township', 'community');
    expect((await addresseesOf(beijingRoad.client, id)).map((a) => a.areaCode)).toEqual(own);
    const res = await longcang.client.post(`${submissionUrl(id, AREAS.longcang)}/submit`, { answers: goodAnswers });
    expect(res.statusCode, res.body).toBe(200);
    const view = (await beijingRoad.client.get(`/api/report-tasks/${id}`)).json() as ReportTask;
    expect(view.counts).toMatchObject({ addressees: own.length, submitted: 1 });
    expect((await liurong.client.get(`/api/report-tasks/${id}/submissions/${AREAS.longcang}`)).statusCode).toBe(404);
    // the township cannot act as a sender either
    expect((await beijingRoad.client.post(`/api/report-tasks/${id}/withdraw`, { reason: '撤回' })).statusCode).toBe(
      403,
    );
  });
});

describe('the status table pages by area code and filters by status and area in between', () => {
  it('keyset pages, status filters and counts agree with the rows', async () => {
    const at = (iso: string) => deps(new Date(iso));
    const task = await svc.createTask(
      at('2034-05-01T09:00:00+08:00'),
      city.actor,
      taskBody({ title: '分页测试', deadline: '2034-05-10', addresseeLevel: 'township' }),
    );
    await svc.sendTask(at('2034-05-01T09:00:00+08:00'), city.actor, task.id);
    const townships = await areasBelow(AREAS.guangzhou, 'city', 'township');
    const [first, second, third, fourth] = await areasBelow(AREAS.yuexiu, 'county', 'township');
    const officers = await Promise.all(
      [first!, second!, third!, fourth!].map((code, i) =>
        makeOfficer(ctx, 'township', code, 'township', `街道${'甲乙丙丁'[i]}`),
      ),
    );
    await svc.submit(at('2034-05-05T10:00:00+08:00'), officers[0]!.actor, task.id, first!, goodAnswers);
    await svc.submit(at('2034-05-11T10:00:00+08:00'), officers[1]!.actor, task.id, second!, goodAnswers);
    await svc.saveDraft(at('2034-05-06T10:00:00+08:00'), officers[2]!.actor, task.id, third!, { summary: '初稿' });
    await svc.submit(at('2034-05-06T10:00:00+08:00'), officers[3]!.actor, task.id, fourth!, goodAnswers);
    await svc.returnSubmission(at('2034-05-07T10:00:00+08:00'), city.actor, task.id, fourth!, { reason: '请核对' });

    // pages of 50 in code order, no area twice, all of them
    const seen: string[] = [];
    let after: string | null = null;
    let pagesRead = 0;
    do {
      const res = await city.client.get(
        `/api/report-tasks/${task.id}/addressees?limit=50${after ? `&after=${after}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as AddresseeList;
      expect(page.items.length).toBeLessThanOrEqual(50);
      seen.push(...page.items.map((i) => i.areaCode));
      after = page.next;
      pagesRead += 1;
    } while (after);
    expect(seen).toEqual(townships);
    expect(pagesRead).toBe(Math.ceil(townships.length / 50));

    const filtered = async (query: string) => {
      const res = await city.client.get(`/api/report-tasks/${task.id}/addressees?limit=200&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as AddresseeList;
    };
    const all = await filtered('');
    expect(all.counts).toEqual({
      addressees: townships.length,
      notStarted: townships.length - 4,
      draft: 1,
      submitted: 2,
      late: 1,
      outstanding: townships.length - 2,
      returned: 1,
    });
    expect((await filtered('status=submitted')).items.map((i) => i.areaCode)).toEqual([first]);
    expect((await filtered('status=late')).items.map((i) => [i.areaCode, i.status])).toEqual([[second, 'late']]);
    expect((await filtered('status=draft')).items.map((i) => i.areaCode)).toEqual([third]);
    expect((await filtered('status=returned')).items.map((i) => i.areaCode)).toEqual([fourth]);
    const notStarted = await filtered('status=notStarted');
    expect(notStarted.items.every((i) => i.status === 'notStarted')).toBe(true);
    expect(notStarted.items).toHaveLength(Math.min(200, townships.length - 4));

    // by district: only its townships, with its own counts
    const inYuexiu = await filtered(`within=${AREAS.yuexiu}`);
    const yuexiuTownships = await areasBelow(AREAS.yuexiu, 'county', 'township');
    expect(inYuexiu.items.map((i) => i.areaCode)).toEqual(yuexiuTownships);
    expect(inYuexiu.counts).toMatchObject({ addressees: yuexiuTownships.length, submitted: 2, draft: 1, returned: 1 });
    const outstandingInYuexiu = await filtered(`within=${AREAS.yuexiu}&status=outstanding`);
    expect(outstandingInYuexiu.items).toHaveLength(yuexiuTownships.length - 2);
    const inHaizhu = await filtered(`within=${AREAS.haizhu}&status=submitted`);
    expect(inHaizhu.items).toEqual([]);
    // "within" must lie between the sender and the addressees
    const wrong = await city.client.get(`/api/report-tasks/${task.id}/addressees?within=${AREAS.beijingRoad}`);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields[0]).toMatchObject({ path: 'within', code: 'reportTask.within.invalid' });

    // the list's figures come from the same aggregate rule
    const listed = ((await city.client.get('/api/report-tasks')).json() as ReportTaskList).items.find(
      (t) => t.id === task.id,
    );
    expect(listed?.counts).toEqual(all.counts);
  });
});

describe('reminders for a task to every township', () => {
  it('every township that has not submitted gets its notice; its officer sees it', async () => {
    const day = (d: string, time = '09:00:00') => deps(new Date(`${d}T${time}+08:00`));
    const task = await svc.createTask(
      day('2035-03-01'),
      city.actor,
      taskBody({ title: '街道提醒测试', deadline: '2035-03-20', remindDaysBefore: 3, addresseeLevel: 'township' }),
    );
    await svc.sendTask(day('2035-03-01'), city.actor, task.id);
    const townships = await areasBelow(AREAS.guangzhou, 'city', 'township');
    await svc.submit(day('2035-03-02'), beijingRoad.actor, task.id, AREAS.beijingRoad, goodAnswers);

    expect(await svc.sweepReminders(day('2035-03-16'))).toBe(0);
    expect(await svc.sweepReminders(day('2035-03-17'))).toBe(townships.length - 1);
    expect(await svc.sweepReminders(day('2035-03-17', '20:00:00'))).toBe(0);
    const stored = await ctx.db.query<{ area_code: string }>(
      'SELECT area_code FROM report_task_reminders WHERE task_id = $1 ORDER BY area_code',
      [task.id],
    );
    expect(stored.rows.map((r) => r.area_code)).toEqual(townships.filter((c) => c !== AREAS.beijingRoad));

    const notices = (await liurong.client.get('/api/report-submissions/reminders')).json() as ReminderNotices;
    expect(notices.items.filter((n) => n.taskId === task.id)).toEqual([
      expect.objectContaining({ areaCode: AREAS.liurong, milestone: 'beforeDeadline', deadline: '2035-03-20' }),
    ]);
    const none = (await beijingRoad.client.get('/api/report-submissions/reminders')).json() as ReminderNotices;
    expect(none.items.filter((n) => n.taskId === task.id)).toEqual([]);
    // the district in between is not an addressee: no notices for it
    expect((await yuexiu.client.get('/api/report-submissions/reminders')).json().items).toEqual([]);
    expect(await svc.sweepReminders(day('2035-03-20'))).toBe(townships.length - 1);
  });
});
