import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, seedUser } from '../support/browser';

/**
 * C11 statistics: 广州市's civil affairs officer opens the dashboard, finds a district lagging on a
 * target of the Guangzhou plan, drills down to it and to its township with the lowest share of
 * hubs, opens the organization list behind the township's count and exports it (as many rows as
 * the figure says). Then report tasks (001 三.四 总结报告): the same officer builds a report task with a
 * small form and sends it straight to every 街道/乡镇 of the city (two levels down); 越秀区北京街道's
 * officer finds it in the township's inbox, fills it in (a required field left out first, named by
 * the server) and submits; the city filters its status table to 越秀区's submitted townships, sees
 * 北京街道 submitted by a masked name, and exports all answers to one workbook.
 */
const browser = await launchBrowser();
const CITY = '440100000000';
const TOWNSHIP = '440104003000';
const cityOfficer = { name: '陈市民政', mobile: '13900001001', password: 'City#Task2026' };
const townshipOfficer = { name: '周北京街', mobile: '13900001002', password: 'Town#Task2026' };
await seedUser({ ...cityOfficer, areaCode: CITY, grant: { role: 'civilAffairs', areaCode: CITY, areaLevel: 'city' } });
await seedUser({
  ...townshipOfficer,
  areaCode: TOWNSHIP,
  grant: { role: 'township', areaCode: TOWNSHIP, areaLevel: 'township' },
});

const TITLE = `社区社会组织培育发展工作总结（旅程 ${Date.now().toString(36)}）`;
const deadline = new Date(Date.now() + 8 * 3_600_000 + 10 * 86_400_000).toISOString().slice(0, 10);
let taskPath = '';
let townshipCount = 0;

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

/** Opens an antd Select (its shown value covers the input) and picks an option by its label. */
async function pick(page: Page, select: Locator, label: string | RegExp) {
  await select.click({ force: true });
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
    hasText: label,
  });
  await expect.poll(() => option.first().isVisible(), { timeout: 15_000 }).toBe(true);
  await option.first().click();
}

describe('statistics and report task journey', () => {
  const city = newPage(browser);
  const township = newPage(browser);

  it('the city officer opens the dashboard, drills down to a lagging township and exports the list behind a figure', async () => {
    const page = await city;
    await signIn(page, cityOfficer);
    await page.getByRole('link', { name: '统计分析' }).first().click();
    await page.waitForURL(/\/statistics/);
    await visible(page, /广州市（440100000000）/);
    // the plan targets: which districts lag (a district-level target of the Guangzhou preset)
    await page.getByRole('tab', { name: '规划目标' }).click();
    await page
      .getByRole('row', { name: /品牌组织/ })
      .first()
      .getByRole('button', { name: /展开/ })
      .click();
    const lagging = page.getByLabel(/品牌组织：各下级区划进展/).getByRole('row', { name: /滞后/ });
    await expect.poll(() => lagging.first().isVisible(), { timeout: 15_000 }).toBe(true);
    await screenshot(page, 'statistics-targets');
    const district = (await lagging.first().getByRole('link').first().textContent())!.trim();
    await lagging.first().getByRole('link').first().click();
    await visible(page, new RegExp(`${district}（\\d{12}）`));
    // the district's townships by their share of hubs, the lowest first: into the first of them
    await page.getByRole('tab', { name: '社区社会组织' }).click();
    await page.getByRole('button', { name: '有枢纽型组织的街道(乡镇)占比' }).click();
    const breakdown = page.getByLabel(/有枢纽型组织的街道\(乡镇\)占比：.*各下级区划/);
    await breakdown.getByRole('columnheader', { name: /有枢纽型组织的街道\(乡镇\)占比（%）/ }).click();
    const firstTownship = breakdown.getByRole('row').nth(1).getByRole('link').first();
    const townshipName = (await firstTownship.textContent())!.trim();
    await screenshot(page, 'statistics-district-hubs');
    await firstTownship.click();
    await visible(page, new RegExp(`${townshipName}（\\d{12}）`));
    await screenshot(page, 'statistics-township');
    // the list behind the township's organization count, and its export: the same number of rows
    const figure = page.getByRole('link', { name: /^打开名单：社区社会组织总数 / });
    const count = Number(
      (await figure.getAttribute('aria-label'))!.replace(/^打开名单：社区社会组织总数 /, '').replace(/,/g, ''),
    );
    await figure.click();
    await page.waitForURL(/\/organizations\?/);
    await screenshot(page, 'statistics-list');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: '导出' }).click(),
    ]);
    const chunks: Buffer[] = [];
    for await (const chunk of await download.createReadStream()) {
      chunks.push(chunk as Buffer);
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.actualRowCount - 1).toBe(count);
  });

  it('the city officer builds the form and sends the task to every township of the city', async () => {
    const page = await city;
    await page.getByRole('link', { name: '填报任务' }).first().click();
    await page.waitForURL(/\/report-tasks$/);
    await page.getByRole('button', { name: '新建填报任务' }).click();
    await page.waitForURL(/\/report-tasks\/new$/);
    // the only sending area is chosen already, one level down by default; go straight to the townships
    await visible(page, '将下发给本辖区全部 11 个区（县）');
    await pick(page, page.getByLabel('下发层级'), /^街道（乡镇）（\d+ 个）$/);
    const hint = page.getByText(/将下发给本辖区全部 \d+ 个街道（乡镇）/);
    await expect.poll(() => hint.isVisible(), { timeout: 15_000 }).toBe(true);
    townshipCount = Number((await hint.textContent())?.match(/全部 (\d+) 个/)?.[1]);
    expect(townshipCount).toBeGreaterThan(100);
    await page.getByLabel('任务名称').fill(TITLE);
    await page.getByLabel('填报说明').fill('请各街道（乡镇）总结专项行动开展情况并报送。');
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
    await visible(page, `第 1 页，共 ${townshipCount} 个区划`);
    await expect.poll(() => page.getByRole('row', { name: /沙面街道/ }).isVisible()).toBe(true);
    await screenshot(page, 'report-task-sent');
  });

  it('the township officer fills it in and submits; a missing required answer is named first', async () => {
    const page = await township;
    await signIn(page, townshipOfficer);
    await page
      .getByRole('link', { name: /本区划填报/ })
      .first()
      .click();
    await page.waitForURL(/\/report-inbox$/);
    await page.getByRole('link', { name: TITLE }).click();
    await page.waitForURL(/\/report-inbox\/[0-9a-f-]{36}\/440104003000$/);
    await page
      .getByLabel('工作总结', { exact: true })
      .fill('北京街道依托街道社区社会组织联合会开展孵化培育，全年新培育社区社会组织12家。');
    await page.locator('form button[type="submit"]').click();
    await visible(page, '请填写“社区社会组织总数”');
    await page.getByLabel('社区社会组织总数', { exact: true }).fill('412');
    await page.getByRole('button', { name: /^暂存$/ }).click();
    await visible(page, '已暂存');
    await page.getByText('已完成', { exact: true }).click();
    await screenshot(page, 'report-task-fill');
    await page.locator('form button[type="submit"]').click();
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

  it('the city filters to 越秀区’s submitted townships, sees 北京街道 and exports the answers', async () => {
    const page = await city;
    await page.goto(taskPath);
    await visible(page, `第 1 页，共 ${townshipCount} 个区划`);
    await pick(page, page.getByRole('combobox', { name: '所在区划' }), '越秀区');
    await pick(page, page.getByRole('combobox', { name: '状态' }), '已提交（1）');
    await visible(page, '第 1 页，共 1 个区划');
    const row = page.getByRole('row', { name: /北京街道/ });
    await expect.poll(() => row.getByText('已提交').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => row.getByText('周***').isVisible()).toBe(true);
    await expect.poll(() => row.getByText('越秀区').isVisible()).toBe(true);
    await screenshot(page, 'report-task-filtered');
    await row.getByRole('button', { name: '查看北京街道的填报' }).click();
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
    expect(sheet.getRow(1).getCell(3).value).toBe('所属区划');
    expect(sheet.rowCount).toBe(1 + townshipCount);
    const beijingRoad = sheet.getRows(2, townshipCount)!.find((r) => r.getCell(1).value === TOWNSHIP)!;
    expect(beijingRoad.getCell(2).value).toBe('北京街道');
    expect(beijingRoad.getCell(3).value).toBe('越秀区');
    expect(beijingRoad.getCell(4).value).toBe('已提交');
    expect(beijingRoad.getCell(8).value).toBe(412);
    expect(beijingRoad.getCell(9).value).toBe('已完成');
  });
});
