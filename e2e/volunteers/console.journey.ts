import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ApiSession, seedActiveOrganization } from '../needs/seed';
import { launchBrowser, newPage, screenshot, seedUser } from '../support/browser';

/**
 * Issue 5, the organizer's side in the console: an organization's administrator posts a volunteer
 * project (a role with places, a shift), publishes it, and opens the shift's check-in screen,
 * whose QR code and six-digit code rotate with the server's 30-second window.
 */
const browser = await launchBrowser();
const COMMUNITY = '440104003104'; // 越秀区北京街道流水井社区
const TOWNSHIP = '440104003000';
const COUNTY = '440104000000';
const founder = { name: '流水井志愿队长', mobile: '13911110001', password: 'Org#Vol2026' };
const committee = { name: '流水井两委委员志', mobile: '13911110002', password: 'Com#Vol2026' };
const township = { name: '北京街道志愿服务干部', mobile: '13911110003', password: 'Twp#Vol2026' };
const county = { name: '越秀区民政局志愿科', mobile: '13911110004', password: 'Cty#Vol2026' };
for (const [who, role] of [
  [founder, 'resident'],
  [committee, 'committee'],
] as const) {
  await seedUser({ ...who, areaCode: COMMUNITY, grant: { role, areaCode: COMMUNITY, areaLevel: 'community' } });
}
await seedUser({
  ...township,
  areaCode: TOWNSHIP,
  grant: { role: 'township', areaCode: TOWNSHIP, areaLevel: 'township' },
});
await seedUser({ ...county, areaCode: COUNTY, grant: { role: 'civilAffairs', areaCode: COUNTY, areaLevel: 'county' } });
const orgName = '流水井邻里志愿服务队';
const orgId = await seedActiveOrganization({
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
/** Someone without a smartphone whom the organizer registers (a valid GB 11643 number, born 1958). */
const elder = { name: '何伯', mobile: '13911110009', idNumber: withCheckDigit('44010419580301123') };
let projectUrl = '';

function withCheckDigit(body: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * weights[index]!, 0);
  return `${body}${'10X98765432'[sum % 11]}`;
}

/** Signs in; a first sign-in changes the password (to `${password}!x`) on the way. */
async function signIn(page: Page, who: { mobile: string; password: string }, isFirst = false) {
  await page.goto('/sign-in');
  await page.getByLabel('手机号').fill(who.mobile);
  await page.getByLabel('密码', { exact: true }).fill(isFirst ? who.password : `${who.password}!x`);
  await page.getByRole('button', { name: '登录' }).click();
  if (isFirst) {
    await page.waitForURL(/\/change-password/);
    await page.getByLabel('当前密码').fill(who.password);
    await page.getByLabel('新密码', { exact: true }).fill(`${who.password}!x`);
    await page.getByLabel('确认新密码').fill(`${who.password}!x`);
    await page.getByRole('button', { name: '保存' }).click();
  }
  await page.waitForURL((url) => !/\/(sign-in|change-password)/.test(url.pathname));
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
    projectUrl = new URL(page.url()).pathname;
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

  it('the organizer registers someone without a smartphone straight onto the shift', async () => {
    const page = await newPage(browser);
    await signIn(page, founder);
    await page.goto(projectUrl);
    await page.getByRole('link', { name: '名单' }).first().click();
    await page.waitForURL(/\/shifts\/[0-9a-f-]{36}$/);
    await visible(page, '暂无录用');
    await page.getByRole('button', { name: '代为登记' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('姓名').fill(elder.name);
    await dialog.getByLabel('身份证号码').fill(elder.idNumber);
    await dialog.getByLabel('手机号').fill(elder.mobile);
    await dialog.getByLabel('居住社区').click();
    await page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item').first().click();
    await dialog.getByRole('button', { name: '登记并报名' }).click();
    await visible(page, '已录用');
    const row = page.getByRole('row', { name: new RegExp(elder.name) });
    await expect.poll(() => row.getByText('139****0009').isVisible()).toBe(true);
    await expect.poll(() => row.getByText('组织添加').isVisible()).toBe(true);
    await screenshot(page, 'volunteers-roster');
  });

  it('the organization confirms a back-filled record that is past the 10-working-day limit', async () => {
    // a record entered afterwards for the same person, a month ago (谁组织谁记录)
    const api = await ApiSession.signIn({ mobile: founder.mobile, password: `${founder.password}!x` });
    try {
      const found = await api.get<{ items: { id: string }[] }>(`/api/volunteers?idNumber=${elder.idNumber}`);
      const day = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
      await api.post('/api/service-records', {
        orgId,
        volunteerId: found.items[0]!.id,
        projectTitle: '重阳敬老探访',
        address: '流水井社区',
        startedAt: `${day}T09:00:00+08:00`,
        endedAt: `${day}T11:00:00+08:00`,
        content: '为独居长者送餐、陪伴聊天',
      });
    } finally {
      await api.close();
    }
    const page = await newPage(browser);
    await signIn(page, founder);
    await page.getByRole('link', { name: '志愿服务记录' }).first().click();
    await page.getByRole('tab', { name: '逾期未确认' }).click();
    const overdue = page.locator('tr.linli-row-overdue', { hasText: elder.name });
    await expect.poll(() => overdue.isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('tab', { name: '待确认' }).click();
    await page.getByRole('checkbox', { name: `选择 ${elder.name} 的记录` }).check();
    await page.getByRole('button', { name: '确认所选记录（1）' }).click();
    await visible(page, '已确认 1 条记录，共 2.0 小时');
    await page.getByRole('tab', { name: '全部记录' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('row', { name: new RegExp(elder.name) })
          .getByText('已确认')
          .first()
          .isVisible(),
      )
      .toBe(true);
    await screenshot(page, 'volunteers-records');
  });

  it('a township officer sees the jurisdiction’s volunteers masked, reveals one (audited), records a station', async () => {
    const page = await newPage(browser);
    await signIn(page, township, true);
    await page.getByRole('link', { name: '志愿者', exact: true }).first().click();
    await page.waitForURL(/\/volunteers$/);
    await visible(page, '志愿者概况');
    await visible(page, '各星级志愿者人数');
    // the demo seed fills the district: find the person by the exact ID number (matched by keyed hash)
    await page.getByLabel('按身份证号码精确查找').fill(elder.idNumber);
    await page.getByLabel('按身份证号码精确查找').press('Enter');
    await expect.poll(() => page.getByText('已加载 1 条').isVisible(), { timeout: 15_000 }).toBe(true);
    const row = page.getByRole('row', { name: new RegExp(elder.name) });
    try {
      await expect.poll(() => row.isVisible(), { timeout: 15_000 }).toBe(true);
    } catch (error) {
      await screenshot(page, 'failed-volunteers-list');
      throw error;
    }
    expect(await row.textContent()).not.toContain(elder.idNumber);
    await row.getByRole('button', { name: `查看 ${elder.name} 的完整身份证号码和手机号` }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
    await expect.poll(() => row.getByText(elder.idNumber, { exact: false }).isVisible()).toBe(true);
    await screenshot(page, 'volunteers-list');

    await page.getByRole('link', { name: '志愿服务站点' }).first().click();
    await page.getByRole('button', { name: '新增站点' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('站点名称').fill('流水井志愿服务站');
    await dialog.getByLabel('所在区划').click();
    for (const label of ['北京街道', '北京街道（全部）']) {
      await page
        .locator('.ant-cascader-dropdown:visible .ant-cascader-menu')
        .last()
        .getByText(label, { exact: true })
        .first()
        .click();
    }
    await dialog.getByLabel('地址', { exact: true }).fill('流水井社区党群服务站一楼');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByRole('row', { name: /流水井志愿服务站/ }).isVisible()).toBe(true);
  });

  it('a county officer sets the star thresholds and sees the five-star queue', async () => {
    const page = await newPage(browser);
    await signIn(page, county, true);
    await page.getByRole('link', { name: '星级评定' }).first().click();
    await page.waitForURL(/\/volunteers\/stars$/);
    await visible(page, /当前生效：100 \/ 300 \/ 600 \/ 1000 \/ 1500 小时/);
    await page.getByRole('radio', { name: '需要审批' }).check();
    await page.getByRole('button', { name: '保存' }).click();
    await visible(page, /五星级需要审批/);
    await visible(page, '暂无待审批的五星级志愿者');
    await screenshot(page, 'volunteers-star-levels');
  });
});
