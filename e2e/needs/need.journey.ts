import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, seedUser } from '../support/browser';
import { seedActiveOrganization, siblingCommunity } from './seed';

/**
 * C4 item 6's journey (群众点单 → 中心派单 → 接单 → 群众评单): a resident posts a need on the phone,
 * the community's station cannot serve it and sends it up, the township's institute dispatches it
 * to an organization of another community, the organization accepts it as an activity and
 * reports it done, the resident rates it; the rating shows on the organization's record.
 */
const browser = await launchBrowser();
const PHONE = { width: 375, height: 812 };
const COMMUNITY = '440104003104'; // 越秀区北京街道流水井社区
const TOWNSHIP = '440104003000';
const OTHER = await siblingCommunity(TOWNSHIP, COMMUNITY);
const resident = { name: '林阿姨', mobile: '13933330001', password: 'Res#Need2026' };
const committee = { name: '流水井两委委员林', mobile: '13933330002', password: 'Com#Need2026' };
const township = { name: '北京街道派单员', mobile: '13933330003', password: 'Twp#Need2026' };
const founder = { name: '邻社区会长', mobile: '13933330004', password: 'Org#Need2026' };
const otherCommittee = { name: '邻社区两委委员', mobile: '13933330005', password: 'Com#Need2027' };
for (const [who, area, role, level] of [
  [resident, COMMUNITY, 'resident', 'community'],
  [committee, COMMUNITY, 'committee', 'community'],
  [township, TOWNSHIP, 'township', 'township'],
  [founder, OTHER, 'resident', 'community'],
  [otherCommittee, OTHER, 'committee', 'community'],
] as const) {
  await seedUser({ ...who, areaCode: area, grant: { role, areaCode: area, areaLevel: level } });
}
const orgName = '北京街道助老志愿服务队';
const orgId = await seedActiveOrganization({
  founder,
  committee: otherCommittee,
  body: {
    name: orgName,
    tier: 'guided',
    category: 'charity',
    hubKind: 'none',
    areaCode: OTHER,
    foundedOn: '2022-04-01',
    serviceTargets: ['elderly'],
    venue: '社区党群服务站',
    memberCount: 30,
    socialWorkerCount: 1,
    certifiedSocialWorkerCount: 0,
    partyOrg: 'instructor',
    charterPartyClause: true,
    leaders: [{ name: '邻社区会长', role: 'leader', mobile: founder.mobile }],
  },
});

const needTitle = '独居老人每周送两次午餐';
const contactMobile = '13977779999';
const COMMENT = '志愿者准时上门，老人很开心';
let needUrl = '';

/** Signs in on /sign-in; a first sign-in changes the password (to `${password}!x`) on the way. */
async function signIn(page: Page, who: { mobile: string; password: string }, isFirst: boolean) {
  if (!page.url().includes('/sign-in')) {
    await page.goto('/sign-in');
  }
  await page.getByLabel('手机号').fill(who.mobile);
  await page.getByLabel('密码', { exact: true }).fill(isFirst ? who.password : `${who.password}!x`);
  await page.getByRole('button', { name: '登录' }).click();
  if (isFirst) {
    await page.waitForURL(/\/change-password/);
    await page.getByLabel('当前密码').fill(who.password);
    await page.getByLabel('新密码', { exact: true }).fill(`${who.password}!x`);
    await page.getByLabel('确认新密码').fill(`${who.password}!x`);
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/change-password'));
  } else {
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  }
}

const visible = (page: Page, text: string | RegExp) =>
  expect.poll(() => page.getByText(text).first().isVisible(), { timeout: 15_000 }).toBe(true);

async function queueRowAction(page: Page, button: string) {
  await page.goto('/needs/queue');
  const row = page.getByRole('row', { name: new RegExp(needTitle) });
  await expect.poll(() => row.isVisible(), { timeout: 15_000 }).toBe(true);
  await row.getByRole('button', { name: button, exact: true }).click();
  return page.getByRole('dialog');
}

describe('needs journey', () => {
  it('a resident signs in on the phone and posts a need', async () => {
    const phone = await newPage(browser, PHONE);
    await phone.goto('/m');
    await phone.getByRole('link', { name: '我的需求' }).click();
    // signed out: to the sign-in page and back (?next=), the first sign-in changing the password
    await phone.waitForURL(/\/sign-in\?next=/);
    await screenshot(phone, 'need-phone-sign-in');
    await signIn(phone, resident, true);
    await phone.waitForURL(/\/m\/needs$/);
    await phone.getByRole('button', { name: '我要点单' }).click();
    await phone.waitForURL(/\/m\/needs\/new$/);
    await phone.getByLabel('需要什么帮助').fill(needTitle);
    await phone.getByText('提供便民服务', { exact: true }).click();
    await phone.getByLabel('详细说明').fill('楼上独居的老人腿脚不便，希望每周二、五有人帮忙送午餐。');
    await phone.getByLabel('在哪里').fill('流水井社区8号楼3单元');
    await phone.getByLabel('为谁服务').fill('8号楼独居老人一位');
    await phone.getByText('老年人', { exact: true }).click();
    await phone.getByLabel('联系电话').fill(contactMobile);
    await screenshot(phone, 'need-phone-post-form');
    await phone.getByRole('button', { name: '提交需求' }).click();
    await phone.waitForURL(/\/m\/needs\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    needUrl = new URL(phone.url()).pathname;
    await visible(phone, '待派单');
    await visible(phone, contactMobile); // the poster sees their own contact in full
    await screenshot(phone, 'need-phone-posted');
    await phone.goto('/m/needs');
    await visible(phone, needTitle);
    await screenshot(phone, 'need-phone-mine');
  });

  it('the station cannot serve it and sends it up to the township', async () => {
    const page = await newPage(browser);
    await signIn(page, committee, true);
    const dialog = await queueRowAction(page, '上报上级');
    await dialog.getByLabel('原因').fill('本社区暂无能提供送餐服务的组织');
    await dialog.getByRole('button', { name: '上报上级' }).click();
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(false);
    await expect
      .poll(() => page.getByRole('row', { name: new RegExp(needTitle) }).count(), { timeout: 10_000 })
      .toBe(0);
    await screenshot(page, 'need-station-queue');
  });

  it('the township dispatches it to an organization of another community', async () => {
    const page = await newPage(browser);
    await signIn(page, township, true);
    const dialog = await queueRowAction(page, '派单');
    await screenshot(page, 'need-township-queue');
    await dialog.getByLabel('承接组织').click();
    await dialog.getByLabel('承接组织').fill('助老');
    await page.locator('.ant-select-dropdown:visible').getByText(new RegExp(orgName)).click();
    await dialog.getByLabel('给组织的说明（选填）').fill('请本周内联系老人');
    await screenshot(page, 'need-dispatch-dialog');
    await dialog.getByRole('button', { name: '派单' }).click();
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(false);

    // the officers' list and the detail with its timeline; the contact shows in full only on request (audited)
    await page.goto('/needs');
    await page.getByRole('link', { name: needTitle }).click();
    await page.waitForURL(/\/needs\/[0-9a-f-]{36}$/);
    await visible(page, '已派单，待接单');
    expect(await page.locator('body').textContent()).not.toContain(contactMobile);
    await page.getByRole('button', { name: '查看完整联系方式' }).click();
    await visible(page, contactMobile);
    await screenshot(page, 'need-detail-township');
  });

  it('the organization accepts it as an activity and reports it done', async () => {
    const page = await newPage(browser);
    await signIn(page, founder, false);
    await page.goto('/needs/assigned');
    const row = page.getByRole('row', { name: new RegExp(needTitle) });
    await expect.poll(() => row.isVisible(), { timeout: 15_000 }).toBe(true);
    await row.getByRole('button', { name: '接单', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByLabel('活动名称').inputValue()).toBe(needTitle);
    await screenshot(page, 'need-accept-dialog');
    await dialog.getByRole('button', { name: '接单' }).click();
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => row.getByText('已接单').isVisible(), { timeout: 10_000 }).toBe(true);

    await row.getByRole('button', { name: '办结', exact: true }).click();
    await dialog.getByLabel('办理情况').fill('志愿者已连续两周每周二、五上门送餐');
    await dialog.getByRole('button', { name: '办结' }).click();
    await expect.poll(() => dialog.isVisible(), { timeout: 10_000 }).toBe(false);
    await expect.poll(() => row.getByText('已办结').isVisible(), { timeout: 10_000 }).toBe(true);
    await screenshot(page, 'need-assigned-done');

    // the draft activity the need became is linked from the need
    await row.getByRole('link', { name: needTitle }).click();
    await expect.poll(() => page.getByRole('link', { name: '查看活动' }).isVisible(), { timeout: 10_000 }).toBe(true);
  });

  it('the resident rates it on the phone', async () => {
    const phone = await newPage(browser, PHONE);
    await phone.goto(needUrl);
    await phone.waitForURL(/\/sign-in\?next=/);
    await signIn(phone, resident, false);
    await phone.waitForURL((url) => url.pathname === needUrl);
    await visible(phone, '已办结');
    await phone.getByRole('radio', { name: '5 星' }).check({ force: true });
    await phone.getByLabel('说说您的感受（选填）').fill(COMMENT);
    await screenshot(phone, 'need-phone-rate');
    await phone.getByRole('button', { name: '评价服务' }).click();
    await visible(phone, '您的评价');
    await visible(phone, '已评价');
    await screenshot(phone, 'need-phone-rated');
  });

  it('the rating shows on the organization’s record and public page', async () => {
    const page = await newPage(browser);
    await signIn(page, township, false);
    await page.goto(`/organizations/${orgId}`);
    await page.getByRole('tab', { name: '群众评价' }).click();
    await visible(page, COMMENT);
    await visible(page, /1 条评价/);
    await screenshot(page, 'need-org-ratings');

    const stats = await newPage(browser);
    await signIn(stats, township, false);
    await stats.goto('/needs/stats');
    await expect
      .poll(
        () =>
          stats
            .getByRole('table')
            .first()
            .getByText(/流水井/)
            .first()
            .isVisible(),
        { timeout: 15_000 },
      )
      .toBe(true);
    await screenshot(stats, 'need-stats');

    const visitor = await newPage(browser);
    await visitor.goto(`/public/organizations/${orgId}`);
    await visible(visitor, COMMENT);
    const text = (await visitor.locator('body').textContent()) ?? '';
    expect(text).not.toContain(contactMobile);
    expect(text).not.toContain(resident.name);
    await screenshot(visitor, 'need-org-public');
  });
});
