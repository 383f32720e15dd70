import type { Inbox, ReminderNotices, ReportTask, ReportTaskList, Submission } from '@linli/contract/report-tasks';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness';
import * as svc from './service';
import {
  AREAS,
  addresseesOf,
  dayFromToday,
  fileForm,
  goodAnswers,
  makeOfficer,
  PDF,
  sendTaskVia,
  taskBody,
} from './test-factories';

const ctx = await createTestContext();
const deps = (now?: Date) => ({ db: ctx.db, cipher: ctx.cipher, ...(now ? { now: () => now } : {}) });

const city = await makeOfficer(ctx, 'civilAffairs', AREAS.guangzhou, 'city', '陈建国');
const yuexiu = await makeOfficer(ctx, 'civilAffairs', AREAS.yuexiu, 'county', '欧阳晓明');
const yuexiuOffice = await makeOfficer(ctx, 'civilizationOffice', AREAS.yuexiu, 'county', '李华');
const haizhu = await makeOfficer(ctx, 'civilAffairs', AREAS.haizhu, 'county', '张伟');
const beijingRoad = await makeOfficer(ctx, 'township', AREAS.beijingRoad, 'township', '周敏');
const liurong = await makeOfficer(ctx, 'township', AREAS.liurong, 'township', '吴刚');
const liushuijing = await makeOfficer(ctx, 'committee', AREAS.liushuijing, 'community', '郑丽');
const longcang = await makeOfficer(ctx, 'committee', AREAS.longcang, 'community', '孙强');
const liurongCommittee = await makeOfficer(ctx, 'committee', AREAS.liurongCommunity, 'community', '钱芳');

const submissionUrl = (id: string, area: string) => `/api/report-submissions/${id}/${area}`;

describe('a city sends a summary report task to its districts (001 三.四)', () => {
  it('a draft is addressed to every district and can be edited until it is sent', async () => {
    const created = await city.client.post('/api/report-tasks', taskBody({ title: '草稿任务' }));
    expect(created.statusCode, created.body).toBe(200);
    const draft = created.json() as ReportTask;
    expect(draft).toMatchObject({ status: 'draft', areaCode: AREAS.guangzhou, areaName: '广州市', allChildren: true });
    expect(draft.addresseeLevel).toBe('county');
    expect((await addresseesOf(city.client, draft.id)).map((a) => a.areaCode)).toContain(AREAS.yuexiu);
    expect(draft.counts.addressees).toBe(11);
    expect(draft.fields.map((f) => f.id)).toEqual([
      'summary',
      'contact',
      'orgcount',
      'asof',
      'hub',
      'fields',
      'attach',
    ]);

    const edited = await city.client.request(
      'PUT',
      `/api/report-tasks/${draft.id}`,
      taskBody({ title: '改过的草稿', allChildren: false, addresseeCodes: [AREAS.yuexiu, AREAS.haizhu] }),
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect((await addresseesOf(city.client, draft.id)).map((a) => a.areaCode)).toEqual([AREAS.yuexiu, AREAS.haizhu]);
    expect((edited.json() as ReportTask).counts.addressees).toBe(2);

    // drafts are the sender's own business: no addressee sees them
    const inbox = (await yuexiu.client.get('/api/report-submissions')).json() as Inbox;
    expect(inbox.items.map((i) => i.taskId)).not.toContain(draft.id);
    expect((await yuexiu.client.get(submissionUrl(draft.id, AREAS.yuexiu))).statusCode).toBe(404);

    const discarded = await city.client.request('DELETE', `/api/report-tasks/${draft.id}`);
    expect(discarded.statusCode, discarded.body).toBe(200);
    expect((await city.client.get(`/api/report-tasks/${draft.id}`)).statusCode).toBe(404);
  });

  it('the sending areas offered are the caller’s own nodes with their children', async () => {
    const res = await beijingRoad.client.get('/api/report-tasks/sending-areas');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { code: string; name: string; children: { code: string }[] }[];
    expect(items.map((a) => [a.code, a.name])).toEqual([[AREAS.beijingRoad, '北京街道']]);
    expect(items[0]!.children.map((c) => c.code)).toContain(AREAS.liushuijing);
    expect(items[0]!.children.every((c) => c.code.startsWith('440104003'))).toBe(true);
  });

  it('chosen areas must be of the addressee level and inside the jurisdiction; nothing is stored otherwise', async () => {
    const before = ((await city.client.get('/api/report-tasks')).json() as ReportTaskList).items.length;
    const res = await city.client.post(
      '/api/report-tasks',
      taskBody({ allChildren: false, addresseeCodes: [AREAS.yuexiu, AREAS.beijingRoad, '440304000000'] }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual([
      {
        path: 'addresseeCodes.1',
        code: 'reportTask.addressees.wrongLevel',
        message: '所选区划不在所选的下发层级，请重新选择',
      },
      { path: 'addresseeCodes.2', code: 'reportTask.addressees.outside', message: '只能下发给本辖区内的区划' },
    ]);
    // at the township level, the district is the wrong one and 深圳's township is outside
    const deeper = await city.client.post(
      '/api/report-tasks',
      taskBody({
        addresseeLevel: 'township',
        allChildren: false,
        addresseeCodes: [AREAS.beijingRoad, AREAS.yuexiu, '440304001000', AREAS.liushuijing],
      }),
    );
    expect(deeper.statusCode).toBe(400);
    expect(deeper.json().fields.map((f: { path: string; code: string }) => `${f.path} ${f.code}`)).toEqual([
      'addresseeCodes.1 reportTask.addressees.wrongLevel',
      'addresseeCodes.2 reportTask.addressees.outside',
      'addresseeCodes.3 reportTask.addressees.wrongLevel',
    ]);
    // the level must lie below the sending area
    for (const addresseeLevel of ['city', 'province'] as const) {
      const wrong = await city.client.post('/api/report-tasks', taskBody({ addresseeLevel }));
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().fields).toEqual([
        expect.objectContaining({ path: 'addresseeLevel', code: 'reportTask.addresseeLevel.invalid' }),
      ]);
    }
    expect(((await city.client.get('/api/report-tasks')).json() as ReportTaskList).items).toHaveLength(before);
  });

  it('bad field definitions and a past deadline are refused field by field, and nothing is stored', async () => {
    const before = ((await city.client.get('/api/report-tasks')).json() as ReportTaskList).items.length;
    const res = await city.client.post(
      '/api/report-tasks',
      taskBody({
        deadline: dayFromToday(-1),
        fields: [{ kind: 'singleChoice', label: '是否', isRequired: true, options: ['是'] }],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { path: string; code: string }) => `${f.path} ${f.code}`)).toEqual([
      'fields.0.options reportTask.field.options',
      'deadline reportTask.deadline.past',
    ]);
    expect(((await city.client.get('/api/report-tasks')).json() as ReportTaskList).items).toHaveLength(before);
  });

  it('the whole round: send, fill in, validate, submit, return, resubmit, export', async () => {
    const id = await sendTaskVia(
      city.client,
      taskBody({ allChildren: false, addresseeCodes: [AREAS.yuexiu, AREAS.haizhu] }),
    );

    // the form is fixed once sent
    const edit = await city.client.request('PUT', `/api/report-tasks/${id}`, taskBody({ title: '改标题' }));
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('REPORT_TASK_NOT_EDITABLE');

    // 越秀区 sees it (civil affairs and the civilization office of the district alike)
    for (const officer of [yuexiu, yuexiuOffice]) {
      const inbox = (await officer.client.get('/api/report-submissions')).json() as Inbox;
      expect(inbox.items.find((i) => i.taskId === id)).toMatchObject({
        areaCode: AREAS.yuexiu,
        areaName: '越秀区',
        senderAreaName: '广州市',
        status: 'notStarted',
        isOverdue: false,
      });
    }

    // a draft keeps incomplete answers; the shapes are still checked
    const draft = await yuexiu.client.request('PUT', submissionUrl(id, AREAS.yuexiu), {
      answers: { summary: '初稿', orgcount: '很多' },
    });
    expect(draft.statusCode).toBe(400);
    expect(draft.json().fields).toEqual([
      { path: 'answers.orgcount', code: 'reportTask.answer.notNumber', message: '“社区社会组织数量”应填写数字' },
    ]);
    const saved = await yuexiu.client.request('PUT', submissionUrl(id, AREAS.yuexiu), { answers: { summary: '初稿' } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ state: 'draft', status: 'draft', answers: { summary: '初稿' } });

    // the sender does not see a draft's answers, only its status
    const senderView = (
      await city.client.get(`/api/report-tasks/${id}/submissions/${AREAS.yuexiu}`)
    ).json() as Submission;
    expect(senderView.answers).toEqual({});
    expect(senderView.status).toBe('draft');

    // submitting checks every required field
    const incomplete = await yuexiu.client.post(`${submissionUrl(id, AREAS.yuexiu)}/submit`, {
      answers: { summary: '初稿' },
    });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().fields.map((f: { path: string; code: string }) => `${f.path} ${f.code}`)).toEqual([
      'answers.orgcount reportTask.answer.required',
      'answers.hub reportTask.answer.required',
    ]);

    // an attachment for the file field
    const upload = await yuexiu.client.upload(
      `${submissionUrl(id, AREAS.yuexiu)}/files?fieldId=attach`,
      fileForm('越秀区总结.pdf', PDF),
    );
    expect(upload.statusCode, upload.body).toBe(200);
    const fileId = upload.json().id as string;
    const notAFileField = await yuexiu.client.upload(
      `${submissionUrl(id, AREAS.yuexiu)}/files?fieldId=summary`,
      fileForm('x.pdf', PDF),
    );
    expect(notAFileField.statusCode).toBe(400);
    const notAllowed = await yuexiu.client.upload(
      `${submissionUrl(id, AREAS.yuexiu)}/files?fieldId=attach`,
      fileForm('x.exe', Buffer.from('MZ this is not a document at all'), 'application/octet-stream'),
    );
    expect(notAllowed.statusCode).toBe(400);
    expect(notAllowed.json().code).toBe('REPORT_FILE_NOT_ALLOWED');

    const submitted = await yuexiu.client.post(`${submissionUrl(id, AREAS.yuexiu)}/submit`, {
      answers: { ...goodAnswers, attach: fileId },
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ state: 'submitted', status: 'submitted', isLate: false });
    const twice = await yuexiu.client.post(`${submissionUrl(id, AREAS.yuexiu)}/submit`, { answers: goodAnswers });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('REPORT_SUBMISSION_ILLEGAL_TRANSITION');

    // the sender's view: status per area, the submitter's name masked, the counts
    const task = (await city.client.get(`/api/report-tasks/${id}`)).json() as ReportTask;
    expect((await addresseesOf(city.client, id)).find((a) => a.areaCode === AREAS.yuexiu)).toMatchObject({
      status: 'submitted',
      submittedByName: '欧***',
      isLate: false,
      parentName: null,
    });
    expect(task.counts).toEqual({
      addressees: 2,
      notStarted: 1,
      draft: 0,
      submitted: 1,
      late: 0,
      outstanding: 1,
      returned: 0,
    });
    const listed = ((await city.client.get('/api/report-tasks')).json() as ReportTaskList).items.find(
      (t) => t.id === id,
    );
    expect(listed?.counts).toEqual(task.counts);
    const answers = (await city.client.get(`/api/report-tasks/${id}/submissions/${AREAS.yuexiu}`)).json() as Submission;
    expect(answers.answers).toMatchObject({ orgcount: 120, hub: '是', attach: fileId });
    expect(answers.files.map((f) => f.fileName)).toEqual(['越秀区总结.pdf']);
    const download = await city.client.get(`/api/report-task-files/${fileId}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    // another district cannot read 越秀's attachment
    expect((await haizhu.client.get(`/api/report-task-files/${fileId}`)).statusCode).toBe(404);

    // returned for changes, with a reason the area sees; then resubmitted
    const returned = await city.client.post(`/api/report-tasks/${id}/submissions/${AREAS.yuexiu}/return`, {
      reason: '请补充枢纽型组织的名单',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    const mine = (await yuexiu.client.get(submissionUrl(id, AREAS.yuexiu))).json() as Submission;
    expect(mine).toMatchObject({ state: 'returned', returnReason: '请补充枢纽型组织的名单' });
    expect(mine.answers).toMatchObject({ orgcount: 120 });
    expect(mine.abilities).toEqual({ save: true, submit: true, returnSubmission: false });
    const returnedAgain = await city.client.post(`/api/report-tasks/${id}/submissions/${AREAS.yuexiu}/return`, {
      reason: '再退一次',
    });
    expect(returnedAgain.statusCode).toBe(409);
    const resubmitted = await yuexiu.client.post(`${submissionUrl(id, AREAS.yuexiu)}/submit`, {
      answers: { ...goodAnswers, orgcount: 125, attach: fileId },
    });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);

    // the export: a row per area, a column per field, the attachment as a link
    const exported = await city.client.get(`/api/report-tasks/${id}/export`);
    expect(exported.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '区划代码',
      '区划名称',
      '状态',
      '提交时间',
      '是否逾期',
      '工作总结',
      '联系人',
      '社区社会组织数量（个）',
      '统计截止日期',
      '是否建立枢纽型组织',
      '重点服务领域',
      '总结报告附件',
    ]);
    expect(sheet.rowCount).toBe(3);
    const yuexiuRow = sheet.getRow(2);
    expect(yuexiuRow.getCell(1).value).toBe(AREAS.yuexiu);
    expect(yuexiuRow.getCell(2).value).toBe('越秀区');
    expect(yuexiuRow.getCell(3).value).toBe('已提交');
    expect(yuexiuRow.getCell(8).value).toBe(125);
    expect(yuexiuRow.getCell(11).value).toBe('养老、文体');
    expect(yuexiuRow.getCell(12).value).toMatchObject({
      text: '越秀区总结.pdf',
      hyperlink: expect.stringMatching(new RegExp(`/api/report-task-files/${fileId}$`)),
    });
    const haizhuRow = sheet.getRow(3);
    expect(haizhuRow.getCell(2).value).toBe('海珠区');
    expect(haizhuRow.getCell(3).value).toBe('未开始');
    const audit = await ctx.db.query(
      `SELECT action FROM audit_log WHERE entity = 'reportTask' AND entity_id = $1 ORDER BY seq`,
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'reportTask.create',
      'reportTask.send',
      'reportSubmission.save',
      'reportSubmission.fileUpload',
      'reportSubmission.submit',
      'reportSubmission.return',
      'reportSubmission.submit',
      'reportTask.export',
    ]);
  });

  it('extending the deadline and withdrawing, with a reason; a withdrawn task takes no more answers', async () => {
    const id = await sendTaskVia(city.client, taskBody({ deadline: dayFromToday(5) }));
    const shorter = await city.client.post(`/api/report-tasks/${id}/extend`, { deadline: dayFromToday(4) });
    expect(shorter.statusCode).toBe(400);
    expect(shorter.json().fields[0].code).toBe('reportTask.deadline.notLater');
    const extended = await city.client.post(`/api/report-tasks/${id}/extend`, {
      deadline: dayFromToday(20),
      reason: '国庆假期顺延',
    });
    expect(extended.statusCode, extended.body).toBe(200);
    expect((extended.json() as ReportTask).deadline).toBe(dayFromToday(20));

    // the districts cannot extend or withdraw the city's task
    expect((await yuexiu.client.post(`/api/report-tasks/${id}/withdraw`, { reason: '不想填' })).statusCode).toBe(404);

    const noReason = await city.client.post(`/api/report-tasks/${id}/withdraw`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const withdrawn = await city.client.post(`/api/report-tasks/${id}/withdraw`, { reason: '任务重复下发' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', withdrawReason: '任务重复下发' });

    const late = await yuexiu.client.post(`${submissionUrl(id, AREAS.yuexiu)}/submit`, { answers: goodAnswers });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('REPORT_TASK_NOT_OPEN');
    expect((await city.client.post(`/api/report-tasks/${id}/withdraw`, { reason: '再撤一次' })).statusCode).toBe(409);
    const item = ((await yuexiu.client.get('/api/report-submissions')).json() as Inbox).items.find(
      (i) => i.taskId === id,
    );
    expect(item?.taskStatus).toBe('withdrawn');
  });

  it('a task with only a template is answered with the filled-in file', async () => {
    const created = await city.client.post(
      '/api/report-tasks',
      taskBody({ fields: [], allChildren: false, addresseeCodes: [AREAS.yuexiu] }),
    );
    const id = (created.json() as ReportTask).id;
    const noForm = await city.client.post(`/api/report-tasks/${id}/send`);
    expect(noForm.statusCode).toBe(400);
    expect(noForm.json().fields[0].code).toBe('reportTask.fields.empty');
    const template = await city.client.upload(`/api/report-tasks/${id}/template`, fileForm('总结模板.pdf', PDF), 'PUT');
    expect(template.statusCode, template.body).toBe(200);
    const sent = await city.client.post(`/api/report-tasks/${id}/send`);
    expect(sent.statusCode, sent.body).toBe(200);
    const task = sent.json() as ReportTask;
    expect(task.fields).toEqual([expect.objectContaining({ id: 'file', kind: 'file', isRequired: true })]);

    const mine = (await yuexiu.client.get(submissionUrl(id, AREAS.yuexiu))).json() as Submission;
    expect(mine.task.template?.fileName).toBe('总结模板.pdf');
    expect((await yuexiu.client.get(mine.task.template!.url)).statusCode).toBe(200);
    // a district the task was not sent to cannot fetch the template
    expect((await haizhu.client.get(mine.task.template!.url)).statusCode).toBe(404);
    const missing = await yuexiu.client.post(`${submissionUrl(id, AREAS.yuexiu)}/submit`, { answers: {} });
    expect(missing.json().fields[0].code).toBe('reportTask.answer.required');
  });
});

describe('files and races', () => {
  it('a draft’s template is the sender’s own until the task is sent', async () => {
    const created = await city.client.post(
      '/api/report-tasks',
      taskBody({ allChildren: false, addresseeCodes: [AREAS.yuexiu], title: '模板草稿' }),
    );
    const id = (created.json() as ReportTask).id;
    const template = await city.client.upload(`/api/report-tasks/${id}/template`, fileForm('模板.pdf', PDF), 'PUT');
    const url = (template.json() as ReportTask).template!.url;
    expect((await city.client.get(url)).statusCode).toBe(200);
    expect((await yuexiu.client.get(url)).statusCode).toBe(404);
    await city.client.post(`/api/report-tasks/${id}/send`);
    expect((await yuexiu.client.get(url)).statusCode).toBe(200);
    // sent: the template cannot change any more
    const replace = await city.client.upload(`/api/report-tasks/${id}/template`, fileForm('新模板.pdf', PDF), 'PUT');
    expect(replace.statusCode).toBe(409);
  });

  it('two submissions of one area at once: one is taken, the other is told it is already in', async () => {
    const id = await sendTaskVia(city.client, taskBody({ allChildren: false, addresseeCodes: [AREAS.yuexiu] }));
    const url = `${submissionUrl(id, AREAS.yuexiu)}/submit`;
    const results = await Promise.all([
      yuexiu.client.post(url, { answers: goodAnswers }),
      yuexiuOffice.client.post(url, { answers: goodAnswers }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const count = await ctx.db.query('SELECT submission_count FROM report_task_areas WHERE task_id = $1', [id]);
    expect(count.rows[0].submission_count).toBe(1);
  });

  it('no uploads to a withdrawn task', async () => {
    const id = await sendTaskVia(city.client, taskBody({ allChildren: false, addresseeCodes: [AREAS.yuexiu] }));
    await city.client.post(`/api/report-tasks/${id}/withdraw`, { reason: '下发有误' });
    const upload = await yuexiu.client.upload(
      `${submissionUrl(id, AREAS.yuexiu)}/files?fieldId=attach`,
      fileForm('x.pdf', PDF),
    );
    expect(upload.statusCode).toBe(409);
    expect(upload.json().code).toBe('REPORT_TASK_NOT_OPEN');
  });
});

describe('scope: a township’s tasks and answers stay in the township', () => {
  it('a township sends to its communities; the other township sees neither the task nor the answers', async () => {
    const id = await sendTaskVia(beijingRoad.client, taskBody({ title: '北京街道社区组织摸底' }));
    const addressees = await addresseesOf(beijingRoad.client, id);
    expect(addressees.map((a) => a.areaCode)).toContain(AREAS.liushuijing);
    expect(addressees.every((a) => a.areaCode.startsWith('440104003'))).toBe(true);

    await liushuijing.client.post(`${submissionUrl(id, AREAS.liushuijing)}/submit`, { answers: goodAnswers });

    // the other township: not in its list, 404 on the task, the answers and the export
    const list = (await liurong.client.get('/api/report-tasks')).json() as ReportTaskList;
    expect(list.items.map((t) => t.id)).not.toContain(id);
    expect((await liurong.client.get(`/api/report-tasks/${id}`)).statusCode).toBe(404);
    expect((await liurong.client.get(`/api/report-tasks/${id}/submissions/${AREAS.liushuijing}`)).statusCode).toBe(404);
    expect((await liurong.client.get(`/api/report-tasks/${id}/export`)).statusCode).toBe(404);
    // its community is not an addressee
    const inbox = (await liurongCommittee.client.get('/api/report-submissions')).json() as Inbox;
    expect(inbox.items.map((i) => i.taskId)).not.toContain(id);
    expect((await liurongCommittee.client.get(submissionUrl(id, AREAS.liurongCommunity))).statusCode).toBe(404);

    // the city and the district above read it as senders do, but only its own office acts on it
    const cityList = (await city.client.get('/api/report-tasks')).json() as ReportTaskList;
    expect(cityList.items.map((t) => t.id)).toContain(id);
    const cityView = (await city.client.get(`/api/report-tasks/${id}`)).json() as ReportTask;
    expect(cityView.abilities.withdraw).toBe(false);
    expect((await city.client.post(`/api/report-tasks/${id}/withdraw`, { reason: '越级撤回' })).statusCode).toBe(403);
    // a district elsewhere does not see it
    expect(
      ((await haizhu.client.get('/api/report-tasks')).json() as ReportTaskList).items.map((t) => t.id),
    ).not.toContain(id);
  });

  it('an addressee cannot read or submit for another area of the same task', async () => {
    const id = await sendTaskVia(beijingRoad.client, taskBody({ title: '只填本社区' }));
    const other = submissionUrl(id, AREAS.longcang);
    expect((await liushuijing.client.get(other)).statusCode).toBe(404);
    expect((await liushuijing.client.request('PUT', other, { answers: goodAnswers })).statusCode).toBe(404);
    expect((await liushuijing.client.post(`${other}/submit`, { answers: goodAnswers })).statusCode).toBe(404);
    // the township office is not the community: it reads, it does not fill in for it
    expect((await beijingRoad.client.post(`${other}/submit`, { answers: goodAnswers })).statusCode).toBe(404);
    const own = await longcang.client.post(`${other}/submit`, { answers: goodAnswers });
    expect(own.statusCode, own.body).toBe(200);
  });

  it('a committee cannot send tasks, and a township cannot send from an area that is not its own', async () => {
    expect((await liushuijing.client.post('/api/report-tasks', taskBody())).statusCode).toBe(403);
    const res = await beijingRoad.client.post('/api/report-tasks', taskBody({ areaCode: AREAS.liurong }));
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].code).toBe('reportTask.area.notYours');
  });
});

describe('lateness: after the end of the deadline day, Asia/Shanghai', () => {
  const at = (iso: string) => new Date(iso);

  it('a submission at 23:59:59 China time is on time; one at 00:00:00 the next day is accepted and late', async () => {
    const deadline = '2031-03-10';
    const sentAt = at('2031-03-01T09:00:00+08:00');
    const task = await svc.createTask(deps(sentAt), beijingRoad.actor, taskBody({ deadline, title: '午夜边界' }));
    await svc.sendTask(deps(sentAt), beijingRoad.actor, task.id);

    const onTime = await svc.submit(
      deps(at('2031-03-10T23:59:59+08:00')),
      liushuijing.actor,
      task.id,
      AREAS.liushuijing,
      goodAnswers,
    );
    expect(onTime).toMatchObject({ status: 'submitted', isLate: false });
    // 16:00 UTC on the 10th is already midnight in China
    const late = await svc.submit(
      deps(at('2031-03-10T16:00:00Z')),
      longcang.actor,
      task.id,
      AREAS.longcang,
      goodAnswers,
    );
    expect(late).toMatchObject({ status: 'late', isLate: true });

    const view = (await beijingRoad.client.get(`/api/report-tasks/${task.id}`)).json() as ReportTask;
    expect(view.counts).toMatchObject({ submitted: 2, late: 1 });
    // the list counts in SQL with the same rule
    const listed = ((await beijingRoad.client.get('/api/report-tasks')).json() as ReportTaskList).items.find(
      (t) => t.id === task.id,
    );
    expect(listed?.counts).toEqual(view.counts);

    // a return does not make an on-time area late: the first submission decides
    await svc.returnSubmission(deps(at('2031-03-12T10:00:00+08:00')), beijingRoad.actor, task.id, AREAS.liushuijing, {
      reason: '数字需要核对',
    });
    const again = await svc.submit(
      deps(at('2031-03-13T10:00:00+08:00')),
      liushuijing.actor,
      task.id,
      AREAS.liushuijing,
      goodAnswers,
    );
    expect(again).toMatchObject({ status: 'submitted', isLate: false });

    // the overdue flag of the inbox follows the same instant
    const inbox = await svc.listInbox(deps(at('2031-03-11T00:00:00+08:00')), beijingRoad.actor);
    expect(inbox.items).toEqual([]);
    const communityInbox = await svc.listInbox(deps(at('2031-03-11T00:00:00+08:00')), longcang.actor);
    expect(communityInbox.items.find((i) => i.taskId === task.id)?.isOverdue).toBe(false);
  });

  it('an extended deadline moves the line: a submission late before the extension is on time after it', async () => {
    const sentAt = at('2031-04-01T09:00:00+08:00');
    const task = await svc.createTask(deps(sentAt), beijingRoad.actor, taskBody({ deadline: '2031-04-05' }));
    await svc.sendTask(deps(sentAt), beijingRoad.actor, task.id);
    const s = await svc.submit(
      deps(at('2031-04-06T08:00:00+08:00')),
      liushuijing.actor,
      task.id,
      AREAS.liushuijing,
      goodAnswers,
    );
    expect(s.isLate).toBe(true);
    await svc.extendDeadline(deps(at('2031-04-06T09:00:00+08:00')), beijingRoad.actor, task.id, {
      deadline: '2031-04-08',
    });
    const after = await svc.getMySubmission(deps(), liushuijing.actor, task.id, AREAS.liushuijing);
    expect(after.isLate).toBe(false);
    const pending = await svc.listInbox(deps(at('2031-04-09T00:00:00+08:00')), longcang.actor);
    expect(pending.items.find((i) => i.taskId === task.id)?.isOverdue).toBe(true);
  });
});

describe('reminders before the deadline', () => {
  it('N days before and on the day, once per area and milestone, skipping areas that submitted', async () => {
    const day = (d: string, time = '09:00:00') => deps(new Date(`${d}T${time}+08:00`));
    // isolate from other tests' tasks: a far-future deadline nobody else uses
    const task = await svc.createTask(
      day('2032-06-01'),
      liurong.actor,
      taskBody({ deadline: '2032-06-20', remindDaysBefore: 5, title: '提醒测试' }),
    );
    await svc.sendTask(day('2032-06-01'), liurong.actor, task.id);
    const addressees = (await svc.getTask(deps(), liurong.actor, task.id)).counts.addressees;
    expect(addressees).toBeGreaterThan(1);
    const reminders = async () =>
      (
        await ctx.db.query<{ area_code: string; milestone: string }>(
          'SELECT area_code, milestone FROM report_task_reminders WHERE task_id = $1 ORDER BY milestone, area_code',
          [task.id],
        )
      ).rows;

    await svc.submit(day('2032-06-02'), liurongCommittee.actor, task.id, AREAS.liurongCommunity, goodAnswers);

    expect(await svc.sweepReminders(day('2032-06-14'))).toBe(0);
    expect(await reminders()).toEqual([]);

    const first = await svc.sweepReminders(day('2032-06-15', '00:00:01'));
    expect(first).toBe(addressees - 1);
    expect((await reminders()).every((r) => r.milestone === 'beforeDeadline')).toBe(true);
    expect((await reminders()).map((r) => r.area_code)).not.toContain(AREAS.liurongCommunity);
    // again the same day, and the next days before the deadline: nothing new
    expect(await svc.sweepReminders(day('2032-06-15', '18:00:00'))).toBe(0);
    expect(await svc.sweepReminders(day('2032-06-16'))).toBe(0);
    // two servers sweeping at once still create each notice once
    const [a, b] = await Promise.all([svc.sweepReminders(day('2032-06-20')), svc.sweepReminders(day('2032-06-20'))]);
    expect(a + b).toBe(addressees - 1);
    expect(await svc.sweepReminders(day('2032-06-20', '23:00:00'))).toBe(0);
    expect(await reminders()).toHaveLength(2 * (addressees - 1));
    // after the deadline: none
    expect(await svc.sweepReminders(day('2032-06-21'))).toBe(0);

    // the audit has one row per sweep that created notices
    const audited = await ctx.db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'reportTask.remind' AND entity_id = $1`,
      [task.id],
    );
    expect(audited.rows[0].n).toBe(2);
  });

  it('the addressee’s notices show the open reminders; submitting clears them', async () => {
    const day = (d: string) => deps(new Date(`${d}T09:00:00+08:00`));
    const task = await svc.createTask(day('2033-01-01'), beijingRoad.actor, taskBody({ deadline: '2033-01-10' }));
    await svc.sendTask(day('2033-01-01'), beijingRoad.actor, task.id);
    await svc.sweepReminders(day('2033-01-07'));
    const notices = (await liushuijing.client.get('/api/report-submissions/reminders')).json() as ReminderNotices;
    expect(notices.items.filter((n) => n.taskId === task.id)).toEqual([
      expect.objectContaining({ areaCode: AREAS.liushuijing, milestone: 'beforeDeadline', deadline: '2033-01-10' }),
    ]);
    // other areas' notices are not mine
    expect(notices.items.every((n) => n.areaCode === AREAS.liushuijing)).toBe(true);
    await liushuijing.client.post(`${submissionUrl(task.id, AREAS.liushuijing)}/submit`, { answers: goodAnswers });
    const after = (await liushuijing.client.get('/api/report-submissions/reminders')).json() as ReminderNotices;
    expect(after.items.filter((n) => n.taskId === task.id)).toEqual([]);
    // a task sent after the "N days before" day gets only the deadline-day notice
    const lateTask = await svc.createTask(day('2033-01-08'), beijingRoad.actor, taskBody({ deadline: '2033-01-10' }));
    await svc.sendTask(day('2033-01-08'), beijingRoad.actor, lateTask.id);
    await svc.sweepReminders(day('2033-01-09'));
    const none = await ctx.db.query('SELECT 1 FROM report_task_reminders WHERE task_id = $1', [lateTask.id]);
    expect(none.rowCount).toBe(0);
    await svc.sweepReminders(day('2033-01-10'));
    const dayOf = await ctx.db.query<{ milestone: string }>(
      'SELECT DISTINCT milestone FROM report_task_reminders WHERE task_id = $1',
      [lateTask.id],
    );
    expect(dayOf.rows.map((r) => r.milestone)).toEqual(['deadlineDay']);
  });
});
