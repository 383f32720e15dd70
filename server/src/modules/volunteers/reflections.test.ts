import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { type Client, createTestContext, nextMobile } from '../../../test/harness';
import { makeCommunity } from '../activities/test-factories';
import { chinaClock, idNumber, makeVolunteer, projectBody } from './test-factories';

const ctx = await createTestContext();
const beijing = await makeCommunity(ctx);
// a second organization in 流水井社区, with its own administrator
const neighbour = await makeCommunity(ctx, undefined, { name: '流水井邻居合唱团' });
const COMMUNITY = '440104003104';

const count = async (sql: string, params: unknown[] = []) => (await ctx.db.query(sql, params)).rows[0].n as number;
const png = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#2e86c1' } })
  .png()
  .toBuffer();

async function publishedProject(client: Client, orgId: string) {
  const res = await client.post('/api/volunteer-projects', projectBody(orgId));
  expect(res.statusCode, res.body).toBe(200);
  const published = await client.post(`/api/volunteer-projects/${res.json().id}/publication`);
  expect(published.statusCode, published.body).toBe(200);
  return published.json() as { id: string; title: string };
}

/** A volunteer in beijing's team with a finished (back-filled, pending) record of the project. */
async function servedVolunteer(projectId: string, overrides: { name?: string } = {}) {
  const secrets = { idNumber: idNumber(), mobile: nextMobile() };
  const v = await makeVolunteer(ctx, { ...secrets, ...overrides });
  await v.client.post('/api/volunteers/me/teams', { orgId: beijing.orgId });
  const day = chinaClock(-2 * 1440).date;
  const rec = await beijing.orgAdmin.client.post('/api/service-records', {
    orgId: beijing.orgId,
    volunteerId: v.volunteerId,
    projectId,
    address: '流水井社区党群服务站',
    startedAt: `${day}T09:00:00+08:00`,
    endedAt: `${day}T11:00:00+08:00`,
    content: '独居长者探访',
  });
  expect(rec.statusCode, rec.body).toBe(200);
  return { ...v, ...secrets };
}

const reflection = (projectId: string, overrides: Record<string, unknown> = {}) => ({
  projectId,
  title: '陪伴是最长情的告白',
  text: '第一次去探访独居的陈奶奶，她拉着我的手讲了很多年轻时候的故事，临走时一直送到楼下。',
  ...overrides,
});

const upload = (client: Client, id: string, bytes: Buffer) => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'photo.png');
  return client.upload(`/api/reflections/${id}/photos`, form);
};

describe('writing a reflection', () => {
  it('only a volunteer who served in the project may write about it', async () => {
    const project = await publishedProject(beijing.orgAdmin.client, beijing.orgId);
    const other = await publishedProject(beijing.orgAdmin.client, beijing.orgId);
    const served = await servedVolunteer(project.id);
    const before = await count('SELECT count(*)::int AS n FROM volunteer_reflections');

    // registered but never served; served in another project; a project that does not exist
    const stranger = await makeVolunteer(ctx);
    for (const [client, projectId] of [
      [stranger.client, project.id],
      [served.client, other.id],
      [served.client, '00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const res = await client.post('/api/reflections', reflection(projectId));
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ code: 'REFLECTION_NOT_SERVED', fields: [{ path: 'projectId' }] });
    }
    // a resident without the volunteer role; the organization itself
    expect((await beijing.resident.client.get('/api/volunteers/me/reflections')).statusCode).toBe(403);
    expect((await beijing.committee.client.post('/api/reflections', reflection(project.id))).statusCode).toBe(403);
    expect(await count('SELECT count(*)::int AS n FROM volunteer_reflections')).toBe(before);

    const res = await served.client.post('/api/reflections', reflection(project.id));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      projectId: project.id,
      projectTitle: project.title,
      orgId: beijing.orgId,
      status: 'submitted',
      reviewReason: null,
      publishedAt: null,
      abilities: { addPhotos: true, publish: false, reject: false },
    });
    const mine = await served.client.get('/api/volunteers/me/reflections');
    expect(mine.json().items.map((x: { id: string }) => x.id)).toEqual([res.json().id]);
    // another volunteer cannot read it (one answer for missing and not yours)
    expect((await stranger.client.get(`/api/reflections/${res.json().id}`)).statusCode).toBe(404);
  });

  it('bad input gets field-level Chinese errors with stable codes and writes nothing', async () => {
    const project = await publishedProject(beijing.orgAdmin.client, beijing.orgId);
    const served = await servedVolunteer(project.id);
    const before = await count('SELECT count(*)::int AS n FROM volunteer_reflections');
    const bad = await served.client.post('/api/reflections', reflection(project.id, { title: ' 好', text: '很好' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(bad.json().fields).toEqual(
      expect.arrayContaining([
        { path: 'title', code: 'reflection.title.tooShort', message: '标题至少2个字' },
        { path: 'text', code: 'reflection.text.tooShort', message: '内容至少10个字' },
      ]),
    );
    const long = await served.client.post('/api/reflections', reflection(project.id, { title: '长'.repeat(61) }));
    expect(long.json().fields).toEqual([
      { path: 'title', code: 'reflection.title.tooLong', message: '标题不能超过60个字' },
    ]);
    const noProject = await served.client.post('/api/reflections', reflection('not-an-id'));
    expect(noProject.json().fields).toEqual([{ path: 'projectId', code: 'id.invalid', message: '编号格式不正确' }]);
    expect(await count('SELECT count(*)::int AS n FROM volunteer_reflections')).toBe(before);

    // a file that is not an image is refused by its bytes
    const id = (await served.client.post('/api/reflections', reflection(project.id))).json().id as string;
    const fake = await upload(served.client, id, Buffer.from('不是图片'));
    expect(fake.json().code).toBe('PHOTO_NOT_IMAGE');
  });
});

describe('review by the organization and the public showcase', () => {
  it('only the project’s organization publishes or rejects, once, a rejection with a reason', async () => {
    const project = await publishedProject(beijing.orgAdmin.client, beijing.orgId);
    const served = await servedVolunteer(project.id);
    const id = (await served.client.post('/api/reflections', reflection(project.id))).json().id as string;

    // the author, the committee (reads, does not manage projects) and another organization cannot publish
    expect((await served.client.post(`/api/reflections/${id}/publication`)).statusCode).toBe(403);
    expect((await beijing.committee.client.post(`/api/reflections/${id}/publication`)).statusCode).toBe(403);
    expect((await neighbour.orgAdmin.client.post(`/api/reflections/${id}/publication`)).statusCode).toBe(404);
    expect((await neighbour.orgAdmin.client.get(`/api/reflections/${id}`)).statusCode).toBe(404);
    // the committee of the area reads it
    expect((await beijing.committee.client.get(`/api/reflections/${id}`)).statusCode).toBe(200);

    const queue = await beijing.orgAdmin.client.get(`/api/reflections?status=submitted&projectId=${project.id}`);
    expect(queue.json().items).toEqual([
      expect.objectContaining({
        id,
        authorName: '林志愿',
        abilities: { addPhotos: false, publish: true, reject: true },
      }),
    ]);
    expect((await neighbour.orgAdmin.client.get(`/api/reflections?projectId=${project.id}`)).json().items).toEqual([]);

    const noReason = await beijing.orgAdmin.client.post(`/api/reflections/${id}/rejection`, { reason: ' ' });
    expect(noReason.json().fields).toEqual([
      { path: 'reason', code: 'reason.required', message: '请填写原因，至少2个字' },
    ]);
    const rejected = await beijing.orgAdmin.client.post(`/api/reflections/${id}/rejection`, {
      reason: '请补充服务的具体内容',
    });
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      reviewReason: '请补充服务的具体内容',
      publishedAt: null,
    });
    expect((await beijing.orgAdmin.client.post(`/api/reflections/${id}/publication`)).json().code).toBe(
      'REFLECTION_ALREADY_REVIEWED',
    );
    expect((await served.client.get('/api/volunteers/me/reflections')).json().items[0]).toMatchObject({
      status: 'rejected',
      reviewReason: '请补充服务的具体内容',
    });
    expect((await upload(served.client, id, png)).json().code).toBe('REFLECTION_PHOTOS_LOCKED');

    const second = (await served.client.post('/api/reflections', reflection(project.id))).json().id as string;
    const published = await beijing.orgAdmin.client.post(`/api/reflections/${second}/publication`);
    expect(published.json()).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    const audit = await ctx.db.query(
      `SELECT action FROM audit_log WHERE entity = 'reflection' AND entity_id = ANY($1::text[]) ORDER BY seq`,
      [[id, second]],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'reflection.write',
      'reflection.reject',
      'reflection.write',
      'reflection.publish',
    ]);
  });

  it('the showcase lists only published reflections with their photos, the author’s name masked', async () => {
    const project = await publishedProject(beijing.orgAdmin.client, beijing.orgId);
    const served = await servedVolunteer(project.id, { name: '欧阳晓明' });
    const shown = (await served.client.post('/api/reflections', reflection(project.id, { title: '公开的心得' }))).json()
      .id as string;
    const waiting = (
      await served.client.post('/api/reflections', reflection(project.id, { title: '待审核的心得' }))
    ).json().id as string;
    const photo = await upload(served.client, shown, png);
    expect(photo.statusCode, photo.body).toBe(200);
    const photoId = photo.json().photoId as string;
    const hidden = (await upload(served.client, waiting, png)).json().photoId as string;
    expect((await upload(served.client, shown, png)).json().code).toBe('PHOTO_DUPLICATE');

    const showcase = async () => {
      const res = await ctx.app.inject({
        method: 'GET',
        url: `/api/public/volunteer-showcase?areaCode=${COMMUNITY}&limit=50`,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res;
    };
    const publicPhoto = (reflectionId: string, id: string) =>
      ctx.app.inject({ method: 'GET', url: `/api/public/reflections/${reflectionId}/photos/${id}?size=thumb` });
    // nothing published yet: the project is not on the showcase, its photos are not public
    expect((await showcase()).json().items.some((p: { id: string }) => p.id === project.id)).toBe(false);
    expect((await publicPhoto(shown, photoId)).statusCode).toBe(404);
    // the author sees the photo privately
    expect((await served.client.get(`/api/reflections/${shown}/photos/${photoId}`)).statusCode).toBe(200);

    await beijing.orgAdmin.client.post(`/api/reflections/${shown}/publication`);
    const res = await showcase();
    const item = res.json().items.find((p: { id: string }) => p.id === project.id);
    expect(item).toMatchObject({
      title: project.title,
      orgName: expect.any(String),
      reflectionCount: 1,
      photos: [{ id: photoId, thumbUrl: `/api/public/reflections/${shown}/photos/${photoId}?size=thumb` }],
      reflections: [{ id: shown, title: '公开的心得', authorMaskedName: '欧***' }],
    });
    expect(res.body).not.toContain('待审核的心得');
    expect(res.body).not.toContain(hidden);
    for (const secret of ['欧阳晓明', served.mobile, served.idNumber, served.volunteerId, served.id]) {
      expect(res.body, `leaks ${secret}`).not.toContain(secret);
    }
    const thumb = await publicPhoto(shown, photoId);
    expect(thumb.statusCode).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect((await publicPhoto(waiting, hidden)).statusCode).toBe(404);
    // another township's showcase does not list it; a bad area code is a field error
    const elsewhere = await ctx.app.inject({
      method: 'GET',
      url: '/api/public/volunteer-showcase?areaCode=440104004102',
    });
    expect(elsewhere.json().items.some((p: { id: string }) => p.id === project.id)).toBe(false);
    const bad = await ctx.app.inject({ method: 'GET', url: '/api/public/volunteer-showcase?areaCode=12' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0]).toMatchObject({ path: 'areaCode' });
  });
});
