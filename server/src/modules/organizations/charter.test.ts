import { describe, expect, it } from 'vitest';
import { type Client, createTestContext } from '../../../test/harness';
import { makeOfficers, orgBody } from './test-factories';

const ctx = await createTestContext();
const beijing = await makeOfficers(ctx);
const liurong = await makeOfficers(ctx, {
  community: '440104004102',
  township: '440104004000',
  county: '440104000000',
});

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

function upload(client: Client, orgId: string, content: Buffer, name: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)]), name);
  return client.upload(`/api/organizations/${orgId}/charter`, form, 'PUT');
}

async function pendingOrg() {
  const res = await beijing.resident.client.post('/api/organizations', orgBody({ tier: 'filed' }));
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { orgId: string }).orgId;
}

const charterRows = async (orgId: string) =>
  (await ctx.db.query('SELECT file_name, size FROM org_charters WHERE org_id = $1', [orgId])).rows;

describe('the charter file (章程)', () => {
  it('the filer attaches it while the filing waits; the committee sees and downloads the same bytes', async () => {
    const orgId = await pendingOrg();
    const res = await upload(beijing.resident.client, orgId, PDF, '邻里守望互助会章程.pdf');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().charter).toMatchObject({ fileName: '邻里守望互助会章程.pdf', fileType: 'pdf', size: PDF.length });

    const detail = (await beijing.committee.client.get(`/api/organizations/${orgId}`)).json();
    expect(detail.charter.fileName).toBe('邻里守望互助会章程.pdf');
    const download = await beijing.committee.client.get(`/api/organizations/${orgId}/charter`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain(encodeURIComponent('邻里守望互助会章程.pdf'));
    expect(download.rawPayload.equals(PDF)).toBe(true);

    const audit = await ctx.db.query(
      "SELECT after FROM audit_log WHERE action = 'organization.charterUpload' AND entity_id = $1",
      [orgId],
    );
    expect(audit.rows).toHaveLength(1);
  });

  it('a newer upload replaces the earlier file, and the audit keeps both names', async () => {
    const orgId = await pendingOrg();
    expect((await upload(beijing.committee.client, orgId, PDF, '章程(草案).pdf')).statusCode).toBe(200);
    expect((await upload(beijing.committee.client, orgId, PNG, '章程扫描件.png')).statusCode).toBe(200);
    expect(await charterRows(orgId)).toEqual([{ file_name: '章程扫描件.png', size: PNG.length }]);
    const audit = await ctx.db.query(
      "SELECT before->>'fileName' AS before, after->>'fileName' AS after FROM audit_log WHERE action = 'organization.charterUpload' AND entity_id = $1 ORDER BY seq",
      [orgId],
    );
    expect(audit.rows).toEqual([
      { before: null, after: '章程(草案).pdf' },
      { before: '章程(草案).pdf', after: '章程扫描件.png' },
    ]);
  });

  it('refuses a file that is not what it claims, and an empty one, storing nothing', async () => {
    const orgId = await pendingOrg();
    const fake = await upload(beijing.resident.client, orgId, Buffer.from('这不是 PDF，是一段文字'), '章程.pdf');
    expect(fake.statusCode).toBe(400);
    expect(fake.json().fields).toEqual([expect.objectContaining({ path: 'file', code: 'charter.fileType' })]);
    const empty = await upload(beijing.resident.client, orgId, Buffer.alloc(0), '章程.pdf');
    expect(empty.json().fields[0].code).toBe('charter.empty');
    expect(await charterRows(orgId)).toEqual([]);
  });

  it('refuses a file over 10 MB', async () => {
    const orgId = await pendingOrg();
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload(beijing.resident.client, orgId, big, '章程.pdf');
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].code).toBe('charter.tooLarge');
    expect(await charterRows(orgId)).toEqual([]);
  });

  it('another township’s officers and other residents neither upload nor download: 404', async () => {
    const orgId = await pendingOrg();
    expect((await upload(beijing.committee.client, orgId, PDF, '章程.pdf')).statusCode).toBe(200);
    for (const client of [liurong.township.client, liurong.committee.client, liurong.resident.client]) {
      expect((await upload(client, orgId, PNG, '章程.png')).statusCode).toBe(404);
      expect((await client.get(`/api/organizations/${orgId}/charter`)).statusCode).toBe(404);
    }
    expect(await charterRows(orgId)).toEqual([{ file_name: '章程.pdf', size: PDF.length }]);
  });
});
