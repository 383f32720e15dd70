import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seedActiveOrganization } from '../needs/seed';
import { launchBrowser, newPage, screenshot, seedUser } from '../support/browser';

/**
 * Issue 5, the organizer's side in the console: an organization's administrator posts a volunteer
 * project (a role with places, a shift), publishes it, and opens the shift's check-in screen,
 * whose QR code and six-digit code rotate with the server's 30-second window.
 */
const browser = await launchBrowser();
const COMMUNITY = '440104003104'; // 越秀区北京街道流水井社区
const founder = { name: '流水井志愿队长', mobile: '13911110001', password: 'Org#Vol2026' };
const committee = { name: '流水井两委委员志', mobile: '13911110002', password: 'Com#Vol2026' };
for (const [who, role] of [
  [founder, 'resident'],
  [committee, 'committee'],
] as const) {
  await seedUser({ ...who, areaCode: COMMUNITY, grant: { role, areaCode: COMMUNITY, areaLevel: 'community' } });
}
const orgName = '流水井邻里志愿服务队';
await seedActiveOrganization({
  founder,
  committee,
  body: {
    name: orgName,
    tier: 'guided',
    category: 'charity',
    hubKind: 'none',
    areaCode: COMMUNITY,
    foundedOn: '2023-03-05',
    serviceTargets: ['elderly'],
    venue: '流水井社区党群服务站',
    memberCount: 25,
    socialWorkerCount: 0,
    certifiedSocialWorkerCount: 0,
    partyOrg: 'instructor',
    charterPartyClause: true,
    leaders: [{ name: founder.name, role: 'leader', mobile: founder.mobile }],
  },
});
const projectTitle = '长者饭堂助餐志愿服务';

async function signIn(page: Page, who: { mobile: string; password: string }) {
  await page.goto('/sign-in');
  await page.getByLabel('手机号').fill(who.mobile);
  // the seed's first sign-in already changed the password
  await page.getByLabel('密码', { exact: true }).fill(`${who.password}!x`);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

const visible = (page: Page, text: string | RegExp) =>
  expect.poll(() => page.getByText(text).first().isVisible(), { timeout: 15_000 }).toBe(true);

describe('volunteer console journey', () => {
  it('an organization administrator posts and publishes a project, then opens the check-in screen', async () => {
    const page = await newPage(browser);
    await signIn(page, founder);

    await page.getByRole('link', { name: '志愿服务项目' }).first().click();
    await page.waitForURL(/\/volunteer-projects$/);
    await page.getByRole('button', { name: '发布志愿服务项目' }).click();
    await page.waitForURL(/\/volunteer-projects\/new$/);
    // the administrator of one organization finds it chosen already
    await visible(page, orgName);

    await page.getByLabel('项目名称').fill(projectTitle);
    await page.getByLabel('项目介绍').fill('每周六在社区长者饭堂协助老人取餐、引导就座、清洁餐桌。');
    await page.getByLabel('服务内容').fill('长者饭堂助餐服务');
    await page.getByLabel('服务领域').click({ force: true });
    await page.locator('.ant-select-dropdown:visible').getByText('提供便民服务', { exact: true }).click();
    await page.getByLabel('服务地点').fill('流水井社区长者饭堂');
    await page.getByLabel('岗位', { exact: true }).fill('助餐引导');
    await page.getByLabel('名额').fill('2');
    // the shift starts filled in: a week ahead, 09:00–12:00 China time
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/volunteer-projects\/[0-9a-f-]{36}$/);
    await visible(page, '草稿');

    await page.getByRole('button', { name: '发布招募' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
    await visible(page, '项目已发布，开始招募');
    await visible(page, '招募中');
    await expect.poll(() => page.getByRole('button', { name: '发布招募' }).count()).toBe(0);
    await screenshot(page, 'volunteers-project-published');

    await page.getByRole('link', { name: '签到屏' }).first().click();
    await page.waitForURL(/\/shifts\/[0-9a-f-]{36}\/check-in$/);
    const code = page.locator('output.linli-checkin-code');
    await expect
      .poll(async () => (await code.textContent())?.replace(/\s/g, '') ?? '', { timeout: 15_000 })
      .toMatch(/^\d{6}$/);
    const qr = page.getByRole('img', { name: '签到二维码' }).locator('canvas');
    expect(await qr.count()).toBe(1);
    const box = await qr.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThanOrEqual(300);
    await screenshot(page, 'volunteers-check-in-screen');

    // the screen fetches the next code when the 30-second window ends, without a reload
    const first = (await code.textContent())?.replace(/\s/g, '');
    await expect
      .poll(async () => (await code.textContent())?.replace(/\s/g, ''), { timeout: 40_000, interval: 1000 })
      .not.toBe(first);
  });
});
