import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, seedUser } from '../support/browser';

/**
 * C11 report tasks (001 三.四 总结报告): 广州市's civil affairs officer builds a report task with a
 * small form and sends it to the city's districts; 越秀区's officer finds it in the area's inbox,
 * fills it in (a required field left out first, named by the server) and submits; the city sees
 * 越秀区 submitted, by a masked name, and exports all answers to one workbook.
 */
const browser = await launchBrowser();
const CITY = '440100000000';
const DISTRICT = '440104000000';
const cityOfficer = { name: '陈市民政', mobile: '13900001001', password: 'City#Task2026' };
const districtOfficer = { name: '欧阳区民政', mobile: '13900001002', password: 'Dist#Task2026' };
await seedUser({ ...cityOfficer, areaCode: CITY, grant: { role: 'civilAffairs', areaCode: CITY, areaLevel: 'city' } });
await seedUser({
  ...districtOfficer,
  areaCode: DISTRICT,
  grant: { role: 'civilAffairs', areaCode: DISTRICT, areaLevel: 'county' },
});

const TITLE = `社区社会组织培育发展工作总结（旅程 ${Date.now().toString(36)}）`;
const deadline = new Date(Date.now() + 8 * 3_600_000 + 10 * 86_400_000).toISOString().slice(0, 10);
let taskPath = '';

async function signIn(page: Page, who: { mobile: string; password: string }) {
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

const visible = (page: Page, text: string | RegExp) =>
  expect.poll(() => page.getByText(text).first().isVisible(), { timeout: 15_000 }).toBe(true);

describe('report task journey', () => {
  const city = newPage(browser);
  const district = newPage(browser);

  it('the city officer builds the form and sends the task to every district', async () => {
    const page = await city;
    await signIn(page, cityOfficer);
    await page.getByRole('link', { name: '填报任务' }).first().click();
    await page.waitForURL(/\/report-tasks$/);
    await page.getByRole('button', { name: '新建填报任务' }).click();
    await page.waitForURL(/\/report-tasks\/new$/);
    // the only sending area is chosen already
    await visible(page, '将下发给全部 11 个下级区划');
    await page.getByLabel('任务名称').fill(TITLE);
    await page.getByLabel('填报说明').fill('请各区总结专项行动开展情况并报送。');
    await page.getByLabel('截止日期').fill(deadline);
    await page.getByLabel('截止日期').press('Tab');

    await page.getByRole('button', { name: '多行文字', exact: true }).click();
    await page.getByLabel('名称', { exact: true }).nth(0).fill('工作总结');
    await page.getByRole('switch', { name: '必填', exact: true }).nth(0).click();
    await page.getByRole('button', { name: '数字', exact: true }).click();
    await page.getByLabel('名称', { exact: true }).nth(1).fill('社区社会组织总数');
    await page.getByLabel('单位', { exact: true }).fill('个');
    await page.getByRole('switch', { name: '必填', exact: true }).nth(1).click();
    await page.getByRole('button', { name: '单选', exact: true }).click();
    await page.getByLabel('名称', { exact: true }).nth(2).fill('每个街道至少1个枢纽型组织');
    await page.getByLabel('选项', { exact: true }).fill('已完成\n未完成');
    await screenshot(page, 'report-task-form');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/report-tasks\/[0-9a-f-]{36}$/);
    taskPath = new URL(page.url()).pathname;
    await visible(page, '草稿');

    await page.getByRole('button', { name: '下发', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: '下发', exact: true }).click();
    await visible(page, '已下发');
    await expect.poll(() => page.getByRole('row', { name: /越秀区/ }).isVisible()).toBe(true);
    await screenshot(page, 'report-task-sent');
  });

  it('the district officer fills it in and submits; a missing required answer is named first', async () => {
    const page = await district;
    await signIn(page, districtOfficer);
    await page
      .getByRole('link', { name: /本区划填报/ })
      .first()
      .click();
    await page.waitForURL(/\/report-inbox$/);
    await page.getByRole('link', { name: TITLE }).click();
    await page.waitForURL(/\/report-inbox\/[0-9a-f-]{36}\/440104000000$/);
    await page
      .getByLabel('工作总结', { exact: true })
      .fill('越秀区依托街道社区社会组织联合会开展孵化培育，全年新培育社区社会组织56家。');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await visible(page, '请填写“社区社会组织总数”');
    await page.getByLabel('社区社会组织总数', { exact: true }).fill('412');
    await page.getByRole('button', { name: '暂存' }).click();
    await visible(page, '已暂存');
    await page.getByText('已完成', { exact: true }).click();
    await screenshot(page, 'report-task-fill');
    await page.getByRole('button', { name: '提交', exact: true }).click();
    await visible(page, '已提交');
    await page.goto('/report-inbox');
    await expect
      .poll(
        () =>
          page
            .getByRole('row', { name: new RegExp(TITLE) })
            .getByText('已提交')
            .isVisible(),
        { timeout: 15_000 },
      )
      .toBe(true);
  });

  it('the city sees 越秀区 submitted and exports the answers', async () => {
    const page = await city;
    await page.goto(taskPath);
    const row = page.getByRole('row', { name: /越秀区/ });
    await expect.poll(() => row.getByText('已提交').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => row.getByText('欧****').isVisible()).toBe(true);
    await row.getByRole('button', { name: '查看越秀区的填报' }).click();
    await visible(page, '412 个');
    await screenshot(page, 'report-task-answers');
    await page.keyboard.press('Escape');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '导出汇总' }).click(),
    ]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(12);
    const yuexiu = sheet.getRows(2, 11)!.find((r) => r.getCell(1).value === DISTRICT)!;
    expect(yuexiu.getCell(3).value).toBe('已提交');
    expect(yuexiu.getCell(7).value).toBe(412);
    expect(yuexiu.getCell(8).value).toBe('已完成');
  });
});
