import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/harness';
import { makeCommunity } from '../activities/test-factories';
import { makeVolunteer } from '../volunteers/test-factories';
import { chinaDay, chinaTime, confirmedRecord, pdfText } from './test-factories';

/** LINLI_PUBLIC_URL (platform/config.ts): the prefix of the QR code's address, whatever host the request came to. */
const ctx = await createTestContext({ publicUrl: 'https://zm.example.gov.cn/linli' });
const beijing = await makeCommunity(ctx);

describe('the QR address with LINLI_PUBLIC_URL set', () => {
  it('starts with the configured public address, not the request’s host', async () => {
    const v = await makeVolunteer(ctx, { name: '林公开' });
    await v.client.post('/api/volunteers/me/teams', { orgId: beijing.orgId });
    await confirmedRecord({ client: beijing.orgAdmin.client, orgId: beijing.orgId }, v.volunteerId, {
      startedAt: chinaTime(-2, '09:00'),
      endedAt: chinaTime(-2, '11:00'),
    });
    const c = (await v.client.post('/api/volunteers/me/certificates', { from: chinaDay(-5), to: chinaDay(0) })).json();
    const res = await v.client.request('GET', `/api/service-certificates/${c.id}/pdf`, undefined, {
      host: 'internal-node-3:3000',
    });
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload).text.replace(/\s+/g, '');
    expect(text).toContain(`https://zm.example.gov.cn/linli${c.verifyPath}`);
    expect(text).not.toContain('internal-node-3');
  });
});
