import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, seedUser } from '../support/browser';

/**
 * Issue 2's journey: a civil affairs admin signs in for the first time, changes the password,
 * switches jurisdiction, creates a township officer and signs out; the officer signs in and
 * sees only that township.
 */
const browser = await launchBrowser();
const admin = { name: '越秀民政管理员', mobile: '13977770001', password: 'Init#Pass2026' };
const officer = { name: '北京街道新干部', mobile: '13977770002', password: 'Start#Pass2026' };
const outsider = { name: '六榕街道居民', mobile: '13977770003', password: 'Other#Pass2026' };

await seedUser({
  ...admin,
  areaCode: '440104000000',
  grant: { role: 'civilAffairs', areaCode: '440104000000', areaLevel: 'county' },
});
await seedUser({
  ...outsider,
  areaCode: '440104004102',
  grant: { role: 'resident', areaCode: '440104004102', areaLevel: 'community' },
});

async function signIn(page: Page, mobile: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('手机号').fill(mobile);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

async function changeFirstPassword(page: Page, current: string, next: string) {
  await page.waitForURL(/\/change-password/);
  await page.getByLabel('当前密码').fill(current);
  await page.getByLabel('新密码', { exact: true }).fill(next);
  await page.getByLabel('确认新密码').fill(next);
  await page.getByRole('button', { name: '保存' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/change-password'));
}

/** Opens a cascader and walks the labels, the last one picked. */
async function pickInCascader(page: Page, opener: () => Promise<void>, path: string[]) {
  await opener();
  for (const label of path) {
    const menu = page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu').last();
    try {
      await menu.getByText(label, { exact: true }).first().click({ timeout: 8000 });
    } catch (error) {
      await screenshot(page, `failed-cascader-${label}`);
      throw error;
    }
  }
}

describe('foundation journey', () => {
  it('admin: first sign-in, password change, jurisdiction switch, create a township officer', async () => {
    const page = await newPage(browser);
    await signIn(page, admin.mobile, admin.password);
    await changeFirstPassword(page, admin.password, 'Yuexiu#Admin2026');
    await expect.poll(() => page.getByText(admin.name).first().isVisible()).toBe(true);

    // switch the jurisdiction to 北京街道
    await pickInCascader(page, () => page.getByLabel('当前辖区').click(), ['越秀区', '北京街道', '北京街道（全部）']);
    await expect.poll(() => page.getByText('已切换到').first().isVisible(), { timeout: 10_000 }).toBe(true);

    await page.goto('/users');
    await page.getByRole('button', { name: '新建用户' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('姓名').fill(officer.name);
    await dialog.getByLabel('手机号').fill(officer.mobile);
    await pickInCascader(page, () => dialog.getByLabel('所属区划').click(), ['北京街道', '北京街道（全部）']);
    await dialog.getByLabel('初始密码').fill(officer.password);
    await dialog.getByLabel('角色', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible').getByText('街道(乡镇)', { exact: true }).click();
    await pickInCascader(page, () => dialog.getByLabel('角色所在区划').click(), ['北京街道']);
    await screenshot(page, 'foundation-create-officer');
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect
      .poll(() => page.getByRole('cell', { name: officer.name }).first().isVisible(), { timeout: 10_000 })
      .toBe(true);
    await screenshot(page, 'foundation-users');

    await page.getByRole('button', { name: '退出登录' }).first().click();
    await page.waitForURL(/\/sign-in/);
  });

  it('officer: signs in, changes the password, sees only the township', async () => {
    const page = await newPage(browser);
    await signIn(page, officer.mobile, officer.password);
    await changeFirstPassword(page, officer.password, 'Beijing#Street2026');
    await page.goto('/users');
    await expect
      .poll(() => page.getByRole('cell', { name: officer.name }).first().isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(await page.getByText(admin.name, { exact: true }).count()).toBe(0);
    expect(await page.getByText(outsider.name, { exact: true }).count()).toBe(0);

    // the API behind the page agrees: nothing from 六榕街道 or the county above
    const listed = await page.evaluate(async () => {
      const res = await fetch('/api/users?limit=200');
      return (await res.json()).items.map((u: { areaCode: string }) => u.areaCode);
    });
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((code: string) => code.startsWith('440104003'))).toBe(true);

    await page.goto('/audit');
    await expect.poll(() => page.locator('tbody tr').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await screenshot(page, 'foundation-officer-audit');
  });
});
