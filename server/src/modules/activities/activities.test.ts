import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness';
import { countRecentActivitiesByOrganization } from './index';
import { activityBody, daysFromNow, makeCommunity, plan, venueBody } from './test-factories';

const ctx = await createTestContext();
const beijing = await makeCommunity(ctx);
// 六榕街道: another township of the same county
const liurong = await makeCommunity(
  ctx,
  { community: '440104004102', township: '440104004000', county: '440104000000' },
  { name: '六榕书画社' },
);

// a second organization in 流水井社区, with its own administrator
const neighbour = await makeCommunity(ctx, undefined, { name: '流水井邻居合唱团' });

const count = async (sql: string, params: unknown[] = []) => (await ctx.db.query(sql, params)).rows[0].n as number;
const auditRows = () => count('SELECT count(*)::int AS n FROM audit_log');

describe('the major-event path (003 二.四.2)', () => {
  it('a festival is reported to the committee; it cannot be published until the committee acknowledges', async () => {
    const id = await plan(
      beijing.orgAdmin.client,
      activityBody(beijing.orgId, { kind: 'festival', title: '中秋游园会', field: 'cultureSports' }),
    );
    const draft = (await beijing.orgAdmin.client.get(`/api/activities/${id}`)).json();
    expect(draft).toMatchObject({
      status: 'draft',
      pathSteps: ['report'],
      abilities: { publish: false, submit: true },
    });

    // publishing a draft whose path is not done: 409, nothing changes
    const before = { audit: await auditRows(), steps: await count('SELECT count(*)::int AS n FROM activity_steps') };
    const early = await beijing.orgAdmin.client.post(`/api/activities/${id}/publication`);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({
      code: 'ACTIVITY_PATH_INCOMPLETE',
      message: '该活动须先完成报告或审批，才能发布',
    });
    expect(await auditRows()).toBe(before.audit);
    expect(await count('SELECT count(*)::int AS n FROM activity_steps')).toBe(before.steps);

    const submitted = await beijing.orgAdmin.client.post(`/api/activities/${id}/submission`);
    expect(submitted.json()).toMatchObject({ status: 'awaitingAcknowledgement' });
    const stillEarly = await beijing.orgAdmin.client.post(`/api/activities/${id}/publication`);
    expect(stillEarly.json().code).toBe('ACTIVITY_PATH_INCOMPLETE');
    expect((await beijing.orgAdmin.client.get(`/api/activities/${id}`)).json().status).toBe('awaitingAcknowledgement');
    expect((await ctx.app.inject({ url: `/api/public/activities/${id}` })).statusCode).toBe(404);

    // the committee's queue has it with its deadlines; approval is not its step
    const queue = (await beijing.committee.client.get('/api/activities/queue')).json().items;
    const item = queue.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({ awaiting: 'report', isOverdue: false });
    expect(new Date(item.submitBy).getTime()).toBe(new Date(draft.startsAt).getTime() - 3 * 86_400_000);
    const wrongStep = await beijing.committee.client.post(`/api/activities/${id}/approval`, { decision: 'approve' });
    expect(wrongStep.statusCode).toBe(403);

    const ack = await beijing.committee.client.post(`/api/activities/${id}/report-acknowledgement`, {
      decision: 'approve',
      comment: '已知悉，请做好安全预案',
    });
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.json()).toMatchObject({
      status: 'ready',
      steps: [{ step: 'submit' }, { step: 'report', decision: 'approve' }],
    });
    const again = await beijing.committee.client.post(`/api/activities/${id}/report-acknowledgement`, {
      decision: 'approve',
    });
    expect(again.json().code).toBe('ACTIVITY_ILLEGAL_TRANSITION');

    // the organization's public page counts it once it is published
    const publicCount = async () =>
      (await ctx.app.inject({ url: `/api/public/organizations/${beijing.orgId}` })).json()
        .recentActivityCount as number;
    const countBefore = await publicCount();
    const published = await beijing.orgAdmin.client.post(`/api/activities/${id}/publication`);
    expect(published.json()).toMatchObject({ status: 'published' });
    expect(await publicCount()).toBe(countBefore + 1);
    const audit = await ctx.db.query(
      "SELECT action FROM audit_log WHERE entity = 'activity' AND entity_id = $1 ORDER BY seq",
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'activity.create',
      'activity.submit',
      'activity.report',
      'activity.publish',
    ]);
  });

  it('a report too close to the start is refused with the deadline on the start field', async () => {
    const id = await plan(
      beijing.orgAdmin.client,
      activityBody(beijing.orgId, { kind: 'gathering', startsAt: daysFromNow(1), endsAt: daysFromNow(1, 3) }),
    );
    const late = await beijing.orgAdmin.client.post(`/api/activities/${id}/submission`);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'ACTIVITY_SUBMIT_TOO_LATE', fields: [{ path: 'startsAt' }] });
    expect((await beijing.orgAdmin.client.get(`/api/activities/${id}`)).json().status).toBe('draft');
  });

  it('an ordinary activity needs no path and publishes at once; submitting it is refused', async () => {
    const id = await plan(beijing.orgAdmin.client, activityBody(beijing.orgId));
    expect((await beijing.orgAdmin.client.post(`/api/activities/${id}/submission`)).json().code).toBe(
      'ACTIVITY_NOTHING_TO_SUBMIT',
    );
    expect((await beijing.orgAdmin.client.post(`/api/activities/${id}/publication`)).json().status).toBe('published');
  });
});

describe('the approval path (002 会议要求三)', () => {
  it('the township approves a guided organization’s seminar; a rejection needs a reason and returns the plan', async () => {
    const id = await plan(beijing.orgAdmin.client, activityBody(beijing.orgId, { kind: 'seminar', field: 'theory' }));
    await beijing.orgAdmin.client.post(`/api/activities/${id}/submission`);
    const bare = await beijing.township.client.post(`/api/activities/${id}/approval`, { decision: 'reject' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().fields[0].path).toBe('comment');
    // another township, and the county's civil affairs (registered organizations only), cannot decide it
    expect(
      (await liurong.township.client.post(`/api/activities/${id}/approval`, { decision: 'approve' })).statusCode,
    ).toBe(404);
    expect(
      (await beijing.civilAffairs.client.post(`/api/activities/${id}/approval`, { decision: 'approve' })).statusCode,
    ).toBe(404);

    const rejected = await beijing.township.client.post(`/api/activities/${id}/approval`, {
      decision: 'reject',
      comment: '请补充嘉宾名单和研讨提纲',
    });
    expect(rejected.json()).toMatchObject({ status: 'rejected', statusReason: '请补充嘉宾名单和研讨提纲' });
    expect((await beijing.orgAdmin.client.post(`/api/activities/${id}/publication`)).json().code).toBe(
      'ACTIVITY_PATH_INCOMPLETE',
    );
    const edited = await beijing.orgAdmin.client.request('PATCH', `/api/activities/${id}`, {
      content: '附嘉宾名单与研讨提纲。',
    });
    expect(edited.json()).toMatchObject({ status: 'draft', content: '附嘉宾名单与研讨提纲。' });
    await beijing.orgAdmin.client.post(`/api/activities/${id}/submission`);
    const approved = await beijing.township.client.post(`/api/activities/${id}/approval`, { decision: 'approve' });
    expect(approved.json()).toMatchObject({ status: 'ready' });
    expect((await beijing.orgAdmin.client.post(`/api/activities/${id}/publication`)).json().status).toBe('published');
  });

  it('a large award needs approval, then the report', async () => {
    const id = await plan(
      beijing.orgAdmin.client,
      activityBody(beijing.orgId, {
        kind: 'award',
        expectedParticipants: 300,
        startsAt: daysFromNow(20),
        endsAt: daysFromNow(20, 2),
      }),
    );
    expect((await beijing.orgAdmin.client.post(`/api/activities/${id}/submission`)).json()).toMatchObject({
      status: 'awaitingApproval',
      pathSteps: ['approval', 'report'],
    });
    expect(
      (
        await beijing.committee.client.post(`/api/activities/${id}/report-acknowledgement`, { decision: 'approve' })
      ).json().code,
    ).toBe('ACTIVITY_ILLEGAL_TRANSITION');
    await beijing.township.client.post(`/api/activities/${id}/approval`, { decision: 'approve' });
    const ack = await beijing.committee.client.post(`/api/activities/${id}/report-acknowledgement`, {
      decision: 'approve',
    });
    expect(ack.json().status).toBe('ready');
  });
});

describe('path rules per jurisdiction', () => {
  it('the nearest area’s threshold wins: a county asks for reports from 100, a township from 500', async () => {
    const body = activityBody(beijing.orgId, { expectedParticipants: 300 });
    const byDefault = await plan(beijing.orgAdmin.client, body);
    expect((await beijing.orgAdmin.client.get(`/api/activities/${byDefault}`)).json().pathSteps).toEqual(['report']);

    const county = await beijing.civilAffairs.client.request('PUT', '/api/activity-rules/440104000000', {
      reportThreshold: 100,
    });
    expect(county.json()).toMatchObject({ effective: { reportThreshold: 100, reportLeadDays: 3 } });
    const township = await beijing.township.client.request('PUT', '/api/activity-rules/440104003000', {
      reportThreshold: 500,
      reportLeadDays: 5,
    });
    expect(township.json()).toMatchObject({ own: { reportThreshold: 500 }, effective: { reportThreshold: 500 } });
    const community = (await beijing.committee.client.get('/api/activity-rules/440104003104')).json();
    expect(community.effective).toMatchObject({ reportThreshold: 500, reportLeadDays: 5, approvalLeadDays: 7 });
    // another township keeps the county's rule; and may not set Beijing's
    expect(
      (await liurong.township.client.get('/api/activity-rules/440104004000')).json().effective.reportThreshold,
    ).toBe(100);
    expect(
      (await liurong.township.client.request('PUT', '/api/activity-rules/440104003000', { reportThreshold: 1 }))
        .statusCode,
    ).toBe(404);

    const underNewRules = await plan(beijing.orgAdmin.client, body);
    expect((await beijing.orgAdmin.client.get(`/api/activities/${underNewRules}`)).json().pathSteps).toEqual([]);
    // the draft planned under the old rule is judged by today's rules when it is published
    expect((await beijing.orgAdmin.client.post(`/api/activities/${byDefault}/publication`)).json().status).toBe(
      'published',
    );
    await beijing.township.client.request('PUT', '/api/activity-rules/440104003000', {
      reportThreshold: null,
      reportLeadDays: null,
    });
    await beijing.civilAffairs.client.request('PUT', '/api/activity-rules/440104000000', { reportThreshold: null });
  });
});

describe('bad input', () => {
  it('gets field-level Chinese errors and writes nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM activities');
    const bad = await beijing.orgAdmin.client.post(
      '/api/activities',
      activityBody(beijing.orgId, {
        startsAt: daysFromNow(10, 2),
        endsAt: daysFromNow(10),
        address: '',
        campaign: 'noSuchCampaign',
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
    const fields = bad.json().fields as { path: string; code: string; message: string }[];
    expect(fields.map((f) => f.path).sort()).toEqual(['address', 'campaign', 'endsAt']);
    expect(fields.every((f) => /[\u4e00-\u9fff]/.test(f.message))).toBe(true);
    const schema = await beijing.orgAdmin.client.post('/api/activities', {
      ...activityBody(beijing.orgId),
      field: 'x',
    });
    expect(schema.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'field' }] });
    expect(await count('SELECT count(*)::int AS n FROM activities')).toBe(before);
  });

  it('a room too small for the expected participants is refused', async () => {
    const venue = (await beijing.committee.client.post('/api/venues', venueBody())).json();
    const room = venue.rooms.find((r: { name: string }) => r.name === '议事室');
    const res = await beijing.orgAdmin.client.post(
      '/api/activities',
      activityBody(beijing.orgId, { venueRoomId: room.id, address: '', expectedParticipants: 50 }),
    );
    expect(res.json()).toMatchObject({ fields: [{ path: 'expectedParticipants', code: 'activity.room.tooSmall' }] });
  });
});

describe('jurisdiction', () => {
  it('officers see only their area’s activities; another township’s officer gets 404s', async () => {
    const id = await plan(beijing.orgAdmin.client, activityBody(beijing.orgId, { kind: 'festival' }));
    await beijing.orgAdmin.client.post(`/api/activities/${id}/submission`);
    expect((await liurong.township.client.get(`/api/activities/${id}`)).statusCode).toBe(404);
    expect((await liurong.committee.client.get(`/api/activities/${id}`)).statusCode).toBe(404);
    const theirs = (await liurong.township.client.get('/api/activities?limit=200')).json().items;
    expect(theirs.map((a: { id: string }) => a.id)).not.toContain(id);
    const queue = (await liurong.committee.client.get('/api/activities/queue')).json().items;
    expect(queue.map((a: { id: string }) => a.id)).not.toContain(id);
    expect(
      (await liurong.committee.client.post(`/api/activities/${id}/report-acknowledgement`, { decision: 'approve' }))
        .statusCode,
    ).toBe(404);
    // the township acknowledges only its own township-level organizations' reports, not its communities'
    expect(
      (await beijing.township.client.post(`/api/activities/${id}/report-acknowledgement`, { decision: 'approve' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await beijing.township.client.get('/api/activities/queue')).json().items.map((a: { id: string }) => a.id),
    ).not.toContain(id);
    // the administrator of another organization in the same community cannot touch it
    expect((await liurong.orgAdmin.client.get(`/api/activities/${id}`)).statusCode).toBe(404);
    expect(
      (await liurong.orgAdmin.client.post(`/api/activities/${id}/cancellation`, { reason: '测试越权' })).statusCode,
    ).toBe(404);
    // the county above sees it
    expect((await beijing.civilAffairs.client.get(`/api/activities/${id}`)).statusCode).toBe(200);
  });

  it('an organization’s administrator cannot plan for another organization of the same community', async () => {
    const res = await beijing.orgAdmin.client.post('/api/activities', activityBody(neighbour.orgId));
    expect(res.statusCode).toBe(404);
    const id = await plan(beijing.orgAdmin.client, activityBody(beijing.orgId));
    expect((await neighbour.orgAdmin.client.get(`/api/activities/${id}`)).statusCode).toBe(404);
    const mine = (await neighbour.orgAdmin.client.get('/api/activities?limit=200')).json().items;
    expect(mine.every((a: { orgId: string }) => a.orgId === neighbour.orgId)).toBe(true);
  });

  it('a township officer cannot change another township’s venue', async () => {
    const venue = (await beijing.committee.client.post('/api/venues', venueBody())).json();
    expect(venue).toMatchObject({ level: 'station', managerMobileMasked: '139****5678' });
    const patch = await liurong.township.client.request('PATCH', `/api/venues/${venue.id}`, { openingHours: '全天' });
    expect(patch.statusCode).toBe(404);
    expect((await liurong.township.client.get(`/api/venues/${venue.id}`)).statusCode).toBe(404);
    const own = await beijing.township.client.request('PATCH', `/api/venues/${venue.id}`, {
      openingHours: '周一至周日 8:30–21:30',
      addRooms: [{ name: '书画室', capacity: 30 }],
    });
    expect(own.json()).toMatchObject({ openingHours: '周一至周日 8:30–21:30' });
    expect(own.json().rooms).toHaveLength(3);
    const elsewhere = await beijing.committee.client.post('/api/venues', venueBody({ areaCode: '440104004102' }));
    expect(elsewhere.statusCode).toBe(403);
  });
});

/** A real PNG made by sharp, and a text file pretending to be a JPEG. */
const png = await sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#c0392b' } })
  .png()
  .toBuffer();

describe('photos and outcome', () => {
  it('records the outcome, takes real images only, and shows them publicly without personal data', async () => {
    const id = await plan(
      beijing.orgAdmin.client,
      activityBody(beijing.orgId, {
        title: '垃圾分类宣传',
        field: 'customs',
        campaign: 'civicCulture',
        startsAt: daysFromNow(-2),
        endsAt: daysFromNow(-2, 2),
      }),
    );
    const upload = (bytes: Buffer, name: string, type: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
      return beijing.orgAdmin.client.upload(`/api/activities/${id}/photos`, form);
    };
    expect((await upload(png, 'a.png', 'image/png')).json().code).toBe('PHOTO_NOT_ALLOWED');
    await beijing.orgAdmin.client.post(`/api/activities/${id}/publication`);

    const noFile = new FormData();
    noFile.append('note', '忘了选图片');
    const missing = await beijing.orgAdmin.client.upload(`/api/activities/${id}/photos`, noFile);
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'file', code: 'photo.fileMissing' }],
    });
    const fake = await upload(Buffer.from('这不是图片，只是改了扩展名的文本文件。'), '现场照片.jpg', 'image/jpeg');
    expect(fake.statusCode).toBe(400);
    expect(fake.json()).toMatchObject({ code: 'PHOTO_NOT_IMAGE', fields: [{ path: 'file' }] });
    // right magic bytes, broken body
    const truncated = await upload(
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64)]),
      'b.jpg',
      'image/jpeg',
    );
    expect(truncated.json().code).toBe('PHOTO_NOT_IMAGE');
    const huge = Buffer.alloc(11 * 1024 * 1024);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    const tooLarge = await upload(huge, 'big.jpg', 'image/jpeg');
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().code).toBe('PHOTO_TOO_LARGE');
    expect(await count('SELECT count(*)::int AS n FROM activity_photos WHERE activity_id = $1', [id])).toBe(0);

    const ok = await upload(png, 'photo.bin', 'application/octet-stream');
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await upload(png, 'again.png', 'image/png')).json().code).toBe('PHOTO_DUPLICATE');

    const outcome = await beijing.orgAdmin.client.post(`/api/activities/${id}/outcome`, {
      actualParticipants: 56,
      beneficiaries: 120,
      summary: '发放宣传册200份，现场指导居民分类投放。',
    });
    expect(outcome.json()).toMatchObject({ status: 'completed', actualParticipants: 56 });
    const photo = outcome.json().photos[0];
    expect(photo).toMatchObject({ width: 1600, height: 800 });
    const display = await beijing.orgAdmin.client.get(photo.url);
    expect(display.headers['content-type']).toBe('image/jpeg');
    expect((await sharp(display.rawPayload).metadata()).width).toBe(1600);
    const thumb = await beijing.orgAdmin.client.get(photo.thumbUrl);
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(400);

    const pub = await ctx.app.inject({ url: `/api/public/activities/${id}` });
    expect(pub.json()).toMatchObject({
      status: 'completed',
      summary: '发放宣传册200份，现场指导居民分类投放。',
      campaignName: '文化铸魂',
    });
    expect(pub.body).not.toMatch(/1[3-9]\d{9}|陈大姐|测试用户/);
    expect((await ctx.app.inject({ url: pub.json().photos[0].thumbUrl })).statusCode).toBe(200);
    const list = await ctx.app.inject({ url: '/api/public/activities?communityCode=440104003104&limit=100' });
    expect(list.json().items.map((a: { id: string }) => a.id)).toContain(id);

    const recent = await countRecentActivitiesByOrganization(ctx.db, [beijing.orgId]);
    expect(recent.get(beijing.orgId)).toBeGreaterThan(0);
  });

  it('an outcome cannot be recorded before the activity starts', async () => {
    const id = await plan(beijing.orgAdmin.client, activityBody(beijing.orgId));
    await beijing.orgAdmin.client.post(`/api/activities/${id}/publication`);
    const early = await beijing.orgAdmin.client.post(`/api/activities/${id}/outcome`, {
      actualParticipants: 1,
      beneficiaries: 1,
      summary: '还没开始就写总结，应当被拒绝。',
    });
    expect(early.json().code).toBe('ACTIVITY_NOT_STARTED');
  });
});

describe('lists, calendar, counts, export', () => {
  it('filters by a month and by field, pages by keyset without repeats, counts by field and campaign', async () => {
    const month = new Date(Date.now() + 60 * 86_400_000);
    const ym = `${month.getUTCFullYear()}-${String(month.getUTCMonth() + 1).padStart(2, '0')}`;
    const ids: string[] = [];
    for (let day = 3; day <= 9; day++) {
      const start = `${ym}-${String(day).padStart(2, '0')}T02:00:00.000Z`;
      const end = `${ym}-${String(day).padStart(2, '0')}T04:00:00.000Z`;
      ids.push(
        await plan(
          beijing.orgAdmin.client,
          activityBody(beijing.orgId, { startsAt: start, endsAt: end, field: day % 2 ? 'services' : 'theory' }),
        ),
      );
    }
    const lastDay = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 0)).getUTCDate();
    const range = `from=${ym}-01&to=${ym}-${lastDay}`;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await beijing.township.client.get(
        `/api/activities?${range}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const page = res.json();
      seen.push(...page.items.map((a: { id: string }) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    const services = (await beijing.township.client.get(`/api/activities?${range}&field=services`)).json().items;
    expect(services).toHaveLength(4);
    const counts = (await beijing.township.client.get(`/api/activities/counts?${range}`)).json();
    expect(counts).toEqual({
      total: 7,
      byField: expect.arrayContaining([
        { field: 'services', count: 4 },
        { field: 'theory', count: 3 },
      ]),
      byCampaign: [{ campaign: 'letsTalk', count: 7 }],
    });
    const inverted = await beijing.township.client.get(`/api/activities?from=${ym}-09&to=${ym}-01`);
    expect(inverted.json()).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'to' }] });
    expect((await liurong.township.client.get(`/api/activities/counts?${range}`)).json().total).toBe(0);

    const xlsx = await beijing.township.client.get(`/api/activities/export?${range}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('campaigns are data', () => {
  it('a province adds its own; it applies there and not elsewhere', async () => {
    const { makeUser, Client } = await import('../../../test/harness');
    const user = await makeUser(ctx, {
      grant: { role: 'civilAffairs', areaCode: '440000000000', areaLevel: 'province' },
    });
    const province = await new Client(ctx.app).signInReady(user.mobile, user.password);
    const added = await province.post('/api/activity-campaigns', {
      key: 'yueAiGuangJi',
      name: '粤爱广济',
      areaCode: '440000000000',
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().items.map((c: { key: string }) => c.key)).toContain('yueAiGuangJi');
    expect(
      (
        await province.post('/api/activity-campaigns', { key: 'yueAiGuangJi', name: '重复', areaCode: '440000000000' })
      ).json().code,
    ).toBe('CAMPAIGN_KEY_TAKEN');
    const ok = await beijing.orgAdmin.client.post(
      '/api/activities',
      activityBody(beijing.orgId, { campaign: 'yueAiGuangJi' }),
    );
    expect(ok.statusCode).toBe(200);
    const chengdu = await makeCommunity(
      ctx,
      { community: '510104017001', township: '510104017000', county: '510104000000' },
      { name: '成都测试志愿服务队' },
    );
    const refused = await chengdu.orgAdmin.client.post(
      '/api/activities',
      activityBody(chengdu.orgId, { campaign: 'yueAiGuangJi', address: '锦江区某社区' }),
    );
    expect(refused.json()).toMatchObject({ fields: [{ path: 'campaign' }] });
  });
});

describe('the API description', () => {
  it('documents every activities route in the OpenAPI document', async () => {
    const res = await ctx.app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const path of [
      '/api/activities',
      '/api/activities/{id}/publication',
      '/api/venues',
      '/api/public/activities/{id}',
    ]) {
      expect(paths).toContain(path);
    }
  });
});

describe('who may take a step (role × own/other subtree), refusals change nothing', () => {
  it('answers 403 without the permission and 404 outside the reach', async () => {
    const seminar = await plan(beijing.orgAdmin.client, activityBody(beijing.orgId, { kind: 'seminar' }));
    const festival = await plan(beijing.orgAdmin.client, activityBody(beijing.orgId, { kind: 'festival' }));
    await beijing.orgAdmin.client.post(`/api/activities/${seminar}/submission`);
    await beijing.orgAdmin.client.post(`/api/activities/${festival}/submission`);
    const matrix: [string, typeof beijing.committee.client, 'approval' | 'report-acknowledgement', string, number][] = [
      ['org administrator', beijing.orgAdmin.client, 'approval', seminar, 403],
      ['org administrator', beijing.orgAdmin.client, 'report-acknowledgement', festival, 403],
      ['resident', neighbour.resident.client, 'report-acknowledgement', festival, 403],
      ['own committee', beijing.committee.client, 'approval', seminar, 403],
      ['other committee', liurong.committee.client, 'report-acknowledgement', festival, 404],
      ['own township', beijing.township.client, 'report-acknowledgement', festival, 404],
      ['other township', liurong.township.client, 'approval', seminar, 404],
      ['county civil affairs (guided org)', beijing.civilAffairs.client, 'approval', seminar, 404],
      ['county civil affairs', beijing.civilAffairs.client, 'report-acknowledgement', festival, 403],
    ];
    for (const [who, client, step, id, status] of matrix) {
      const res = await client.post(`/api/activities/${id}/${step}`, { decision: 'approve' });
      expect(res.statusCode, `${who} → ${step}`).toBe(status);
    }
    expect((await beijing.orgAdmin.client.get(`/api/activities/${seminar}`)).json().status).toBe('awaitingApproval');
    expect((await beijing.orgAdmin.client.get(`/api/activities/${festival}`)).json().status).toBe(
      'awaitingAcknowledgement',
    );
  });
});
