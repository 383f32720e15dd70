import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3142';
const mobile = process.argv[2] ?? '13800000002';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('console', (m) => { if (m.type() === 'error') console.log('console', m.text()); });
await page.goto(`${base}/sign-in`);
await page.getByLabel('手机号').fill(mobile);
await page.getByLabel('密码').fill(process.argv[3] ?? 'Linli#2026');
await page.getByRole('button', { name: /登\s*录/ }).click();
await page.waitForTimeout(1500);
if (page.url().includes('change-password')) {
  const inputs = page.locator('input[type=password]');
  await inputs.nth(0).fill('Linli#2026');
  await inputs.nth(1).fill('Linli#2026-new');
  await inputs.nth(2).fill('Linli#2026-new');
  await page.getByRole('button', { name: /修改|保存|确定/ }).first().click();
  await page.waitForTimeout(1500);
}
for (const [name, url] of [
  ['city', '/statistics'],
  ['county', '/statistics?area=440104000000'],
  ['targets', '/statistics?area=440100000000&tab=targets'],
  ['orglist', '/organizations?areaCode=440104000000&established=true&tier=guided'],
]) {
  await page.goto(`${base}${url}`);
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `/tmp/h2/shots/${name}.png`, fullPage: name === 'county' });
  console.log(name, page.url());
}
await browser.close();
