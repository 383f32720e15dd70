import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, seedUser } from '../support/browser';

/**
 * Issue 3's journey: a resident files a new organization, the committee gives its opinion, the
 * township approves, the organization appears on its public page; then a township officer
 * imports a survey with errors and gets the error sheet.
 */
const browser = await launchBrowser();
const COMMUNITY = '440104003104'; // 越秀区北京街道流水井社区
const TOWNSHIP = '440104003000';
const resident = { name: '陈秀英', mobile: '13966660001', password: 'Res#Start2026' };
const committee = { name: '流水井两委委员', mobile: '13966660002', password: 'Com#Start2026' };
const township = { name: '北京街道民政干部', mobile: '13966660003', password: 'Twp#Start2026' };
await seedUser({
  ...resident,
  areaCode: COMMUNITY,
  grant: { role: 'resident', areaCode: COMMUNITY, areaLevel: 'community' },
});
await seedUser({
  ...committee,
  areaCode: COMMUNITY,
  grant: { role: 'committee', areaCode: COMMUNITY, areaLevel: 'community' },
});
await seedUser({
  ...township,
  areaCode: TOWNSHIP,
  grant: { role: 'township', areaCode: TOWNSHIP, areaLevel: 'township' },
});

const orgName = '流水井银龄互助会';
const CHARTER_NAME = '流水井银龄互助会章程.pdf';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function signInReady(page: Page, who: { mobile: string; password: string }) {
  await page.goto('/sign-in');
  await page.getByLabel('手机号').fill(who.mobile);
  await page.getByLabel('密码', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/change-password/);
  await page.getByLabel('当前密码').fill(who.password);
  await page.getByLabel('新密码', { exact: true }).fill(`${who.password}!x`);
  await page.getByLabel('确认新密码').fill(`${who.password}!x`);
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/change-password'));
}

async function pickOption(page: Page, label: string, option: string) {
  await page.getByLabel(label).click({ force: true });
  await page.locator('.ant-select-dropdown:visible').getByText(option, { exact: true }).first().click();
}

async function review(page: Page, decision: '同意', step: string) {
  await page.goto('/filings/queue');
  const row = page.getByRole('row', { name: new RegExp(orgName) });
  await row.getByRole('button', { name: decision, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('审核意见').fill(`${step}：同意备案`);
  await dialog.getByRole('button', { name: '提交' }).click();
  await expect.poll(() => page.getByText('已同意').first().isVisible(), { timeout: 10_000 }).toBe(true);
}

describe('organization filing journey', () => {
  it('a resident files a new organization (街道备案)', async () => {
    const page = await newPage(browser);
    await signInReady(page, resident);
    await page.goto('/organizations/new');
    await page.getByLabel('组织名称').fill(orgName);
    await page.getByRole('radio', { name: '街道(乡镇)备案' }).check();
    await pickOption(page, '组织类别', '社区事务类');
    await page.getByLabel('服务对象').click();
    await page.locator('.ant-select-dropdown:visible').getByText('老年人', { exact: true }).click();
    await page.getByLabel('服务对象').press('Escape');
    await page.getByLabel('成立日期').fill('2024-03-01');
    await page.getByLabel('成立日期').press('Enter');
    await page.getByLabel('活动场所').fill('流水井社区党群服务站');
    await page.getByLabel('成员人数').fill('18');
    const leader = page.getByRole('group', { name: '第1位' });
    await leader.getByLabel('姓名').fill('陈秀英');
    await leader.getByLabel('手机号').fill('13966669999');
    await page.getByRole('button', { name: '提交备案' }).click();
    await page.waitForURL(/\/organizations\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await expect
      .poll(() => page.getByRole('heading', { level: 1, name: orgName }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    // the charter (章程) goes with the filing, from the record's page
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: CHARTER_NAME, mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => page.getByRole('link', { name: CHARTER_NAME }).isVisible(), { timeout: 10_000 }).toBe(true);
    await screenshot(page, 'org-filed');
  });

  it('the committee gives its opinion, the township approves, the public page shows it', async () => {
    const committeePage = await newPage(browser);
    await signInReady(committeePage, committee);
    await review(committeePage, '同意', '两委意见');

    const townshipPage = await newPage(browser);
    await signInReady(townshipPage, township);
    await review(townshipPage, '同意', '街道审核');

    await townshipPage.goto('/organizations');
    await townshipPage.getByRole('link', { name: orgName }).first().click();
    await townshipPage.waitForURL(/\/organizations\/[0-9a-f-]{36}$/);
    const orgId = townshipPage.url().split('/').at(-1)!;
    const charter = townshipPage.getByRole('link', { name: CHARTER_NAME });
    const download = await townshipPage.request.get((await charter.getAttribute('href'))!);
    expect(download.status()).toBe(200);
    expect(Buffer.from(await download.body()).equals(PDF)).toBe(true);
    await screenshot(townshipPage, 'org-approved');

    const visitor = await newPage(browser);
    await visitor.goto(`/public/organizations/${orgId}`);
    await expect
      .poll(() => visitor.getByRole('heading', { level: 1, name: orgName }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    const text = (await visitor.locator('body').textContent()) ?? '';
    expect(text).not.toContain('13966669999');
    expect(text).not.toContain('陈秀英');
    await screenshot(visitor, 'org-public-page');
  });

  it('a survey import with errors shows the error sheet', async () => {
    const page = await newPage(browser);
    await page.goto('/sign-in');
    await page.getByLabel('手机号').fill(township.mobile);
    await page.getByLabel('密码', { exact: true }).fill(`${township.password}!x`);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('摸底表');
    ws.addRow([
      '组织名称',
      '类型',
      '类别',
      '是否枢纽型',
      '所在区划代码',
      '成立日期',
      '服务对象',
      '活动场所',
      '成员人数',
      '社工人数',
      '持证社工人数',
      '党组织形式',
      '章程含党建条款',
      '统一社会信用代码',
      '负责人姓名',
      '负责人手机号',
    ]);
    ws.addRow([
      '流水井象棋协会',
      '社区指导',
      '文体活动类',
      '否',
      COMMUNITY,
      '2019-06-01',
      '老年人',
      '活动室',
      12,
      0,
      0,
      '暂无',
      '否',
      '',
      '黄建国',
      '13966661111',
    ]);
    ws.addRow([
      '流水井错误协会',
      '社区指导',
      '不知道',
      '否',
      COMMUNITY,
      '2019-06-01',
      '老年人',
      '活动室',
      12,
      0,
      0,
      '暂无',
      '否',
      '',
      '黄建国',
      '13966661112',
    ]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    const path = await import('node:path');
    const fs = await import('node:fs');
    const os = await import('node:os');
    const upload = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'linli-survey-')), '北京街道摸底表.xlsx');
    fs.writeFileSync(upload, file);

    await page.goto('/organizations');
    await page.getByRole('button', { name: '导入', exact: true }).click();
    await page.getByRole('button', { name: '下一步：上传文件' }).click();
    await page.getByLabel('摸底表文件').setInputFiles(upload);
    await page.getByRole('radio', { name: '只导入正确的行' }).check();
    await page.getByRole('button', { name: '开始导入' }).click();
    const summary = page.getByRole('status').filter({ hasText: '共' });
    await expect.poll(() => summary.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await summary.textContent()).toContain('新增 1 个');
    const report = page.getByRole('link', { name: '下载错误报告' });
    await expect.poll(() => report.isVisible()).toBe(true);
    await screenshot(page, 'org-import-result');
    const sheet = await page.request.get((await report.getAttribute('href'))!);
    expect(sheet.status()).toBe(200);
    const errors = new ExcelJS.Workbook();
    await errors.xlsx.load((await sheet.body()) as unknown as ArrayBuffer);
    const text = JSON.stringify(errors.worksheets[0]!.getSheetValues());
    expect(text).toContain('类别');
  });
});
