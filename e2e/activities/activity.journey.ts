import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { callApi } from '../support/api';
import { launchBrowser, newPage, screenshot, seedUser } from '../support/browser';

/**
 * C4's journey: an organization's administrator plans a performance (文化演出), which must be
 * reported to the community committee; the committee acknowledges the report from its queue; the
 * organization publishes; a resident finds it on the phone page of the community (375×812); once
 * it has started, the organization records the outcome and uploads a photo (a wrong file first,
 * to see the server's answer on the page).
 */
const browser = await launchBrowser();
const COMMUNITY = '440104003104'; // 越秀区北京街道流水井社区
const TOWNSHIP = '440104003000';
const admin = { name: '黎淑芬', mobile: '13955550001', password: 'Org#Start2026' };
const committee = { name: '流水井两委主任', mobile: '13955550002', password: 'Com#Start2026' };
const township = { name: '北京街道文明实践干部', mobile: '13955550003', password: 'Twp#Start2026' };
const leaderMobile = '13955559999';
await seedUser({
  ...admin,
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

const orgName = '流水井粤韵曲艺社';
const title = '流水井重阳粤剧专场演出';
const CHINA_MS = 8 * 3_600_000;
/** “YYYY-MM-DD HH:mm” in China time, as the form takes it. */
const chinaText = (time: number) => new Date(time + CHINA_MS).toISOString().slice(0, 16).replace('T', ' ');
// The performance starts in a minute and a half to two and a half, so the journey can record its outcome today.
const startsAt = Math.ceil((Date.now() + 90_000) / 60_000) * 60_000;

let activityId = '';
let adminPage: Page;
let townshipPage: Page;
let orgId = '';

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

/** Opens an antd select by its label (again, should a busy machine swallow the click) and picks an option. */
async function pickOption(page: Page, label: string, option: string) {
  const dropdown = page.locator('.ant-select-dropdown:visible');
  const choice = dropdown.getByText(option, { exact: true }).first();
  const box = page.getByLabel(label, { exact: true });
  const selector = page.locator('.ant-form-item', { has: box }).locator('.ant-select-selector').first();
  for (let attempt = 0; attempt < 4; attempt++) {
    // to the middle of the screen, away from the fixed header, then a real click (or the keyboard)
    await box.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    if (attempt % 2 === 0) {
      await selector.click();
    } else {
      await box.focus();
      await box.press('ArrowDown');
    }
    const isOpen = await choice.waitFor({ state: 'visible', timeout: 3_000 }).then(
      () => true,
      () => false,
    );
    if (isOpen) {
      await choice.click();
      await expect.poll(() => dropdown.count()).toBe(0);
      return;
    }
    await page.keyboard.press('Escape');
  }
  await screenshot(page, `failed-pick-${label}`);
  throw new Error(`no option ${option} in ${label}`);
}

async function fillDateTime(page: Page, label: string, value: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(value);
}

async function expectVisible(page: Page, text: string | RegExp, timeout = 10_000) {
  await expect.poll(() => page.getByText(text).first().isVisible(), { timeout }).toBe(true);
}

/** A real 96×64 PNG (a gradient), built by hand: signature, IHDR, one IDAT, IEND. */
function makePng(): Buffer {
  const width = 96;
  const height = 64;
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) {
      c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    }
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      rows.set([183, Math.round((x / width) * 200), Math.round((y / height) * 220)], row + 1 + x * 3);
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('civilization practice activity journey', () => {
  it('an organization administrator plans a performance and is told it goes to the committee', async () => {
    // seeded through the API: the organization (filed by the administrator, recorded by the committee)
    adminPage = await newPage(browser);
    await signInReady(adminPage, admin);
    const filed = await callApi<{ orgId: string; filingId: string }>(adminPage, 'POST', '/api/organizations', {
      name: orgName,
      tier: 'guided',
      category: 'cultureSports',
      hubKind: 'none',
      areaCode: COMMUNITY,
      foundedOn: '2019-09-01',
      serviceTargets: ['elderly'],
      venue: '流水井社区党群服务站',
      memberCount: 22,
      socialWorkerCount: 0,
      certifiedSocialWorkerCount: 0,
      partyOrg: 'instructor',
      charterPartyClause: true,
      leaders: [{ name: admin.name, role: 'leader', mobile: leaderMobile }],
    });
    orgId = filed.orgId;
    const committeePage = await newPage(browser);
    await signInReady(committeePage, committee);
    await callApi(committeePage, 'POST', `/api/filings/${filed.filingId}/committee-opinion`, { decision: 'approve' });
    // the report is normally due 3 days ahead; this community lets it come up to the start,
    // so that the journey can record the outcome of a performance starting in minutes
    townshipPage = await newPage(browser);
    await signInReady(townshipPage, township);
    await callApi(townshipPage, 'PUT', `/api/activity-rules/${COMMUNITY}`, { reportLeadDays: 0 });

    const page = adminPage;
    await page.goto('/activities');
    await page.getByRole('button', { name: '策划活动' }).click();
    await page.waitForURL(/\/activities\/new$/);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: '策划活动' }).isVisible()).toBe(true);
    await pickOption(page, '主办组织', orgName);
    await page.getByLabel('活动名称').fill(title);
    await page.getByLabel('活动内容').fill('粤剧票友登台演唱《帝女花》选段，为长者送上重阳祝福，演出后开展健康义诊。');
    await pickOption(page, '内容领域', '组织文化体育');
    await pickOption(page, '主题活动', '文化铸魂');
    await pickOption(page, '活动类型', '文化演出');
    // before saving, the form says which path the kind requires
    await expectVisible(page, /按活动类型，本活动须：向社区两委报告/);
    await fillDateTime(page, '开始时间', chinaText(startsAt));
    await fillDateTime(page, '结束时间', chinaText(startsAt + 2 * 3_600_000));
    await page.getByLabel('活动地址').fill('流水井社区文化广场');
    await page.getByLabel('服务对象').click();
    await page.locator('.ant-select-dropdown:visible').getByText('老年人', { exact: true }).click();
    await page.getByLabel('服务对象').press('Escape');
    await page.getByLabel('预计参与人数').fill('80');
    await page.getByRole('heading', { level: 1 }).click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await screenshot(page, 'activity-plan-form');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    activityId = page.url().split('/').at(-1)!;
    await expect.poll(() => page.getByRole('heading', { level: 1, name: title }).isVisible()).toBe(true);
    // the server's path, with the deadline, before anything is sent
    await expectVisible(page, '本活动须经：');
    await expectVisible(page, /请在 .+ 前点击“提交报告”/);
    await screenshot(page, 'activity-draft-path');

    await page.getByRole('button', { name: '提交报告' }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '确定' }).click();
    await expectVisible(page, '已向社区两委报告，等待确认。');
    expect(await page.getByRole('button', { name: '发布活动' }).count()).toBe(0);
  });

  it('the committee acknowledges the report from its queue', async () => {
    const page = await newPage(browser);
    await page.goto('/sign-in');
    await page.getByLabel('手机号').fill(committee.mobile);
    await page.getByLabel('密码', { exact: true }).fill(`${committee.password}!x`);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.getByRole('link', { name: '活动待办' }).first().click();
    await page.waitForURL(/\/activities\/queue$/);
    const row = page.getByRole('row', { name: new RegExp(title) });
    await expect.poll(() => row.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await row.textContent()).toContain('向社区两委报告');
    await screenshot(page, 'activity-committee-queue');
    await row.getByRole('button', { name: '确认报告' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('意见').fill('已知悉，请做好安全预案和人员疏导');
    await dialog.getByRole('button', { name: '确认报告' }).click();
    await expectVisible(page, '已确认报告');
    await expect.poll(() => page.getByRole('row', { name: new RegExp(title) }).count()).toBe(0);
  });

  it('the committee sees the community’s activities as a list, a calendar and counts, and exports them', async () => {
    const page = await newPage(browser);
    await page.goto('/sign-in');
    await page.getByLabel('手机号').fill(committee.mobile);
    await page.getByLabel('密码', { exact: true }).fill(`${committee.password}!x`);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.goto('/activities');
    await expect
      .poll(() => page.getByRole('link', { name: title }).first().isVisible(), { timeout: 10_000 })
      .toBe(true);
    await screenshot(page, 'activity-list');
    const exported = await page.request.get((await page.getByRole('link', { name: /导出/ }).getAttribute('href'))!);
    expect(exported.status()).toBe(200);
    expect(exported.headers()['content-type']).toContain('spreadsheetml');

    await page.getByRole('tab', { name: /日历/ }).click();
    const calendar = page.locator('table.linli-calendar-grid');
    await expect.poll(() => calendar.getByRole('link', { name: new RegExp(title) }).isVisible()).toBe(true);
    await screenshot(page, 'activity-calendar-month');
    await page.getByText('周', { exact: true }).click();
    await expect.poll(() => calendar.getByRole('link', { name: new RegExp(title) }).isVisible()).toBe(true);
    await screenshot(page, 'activity-calendar-week');

    await page.getByRole('tab', { name: '统计' }).click();
    const byField = page.getByRole('table', { name: '按内容领域' });
    await expect.poll(() => byField.getByRole('row', { name: /组织文化体育/ }).isVisible()).toBe(true);
    await screenshot(page, 'activity-counts');
  });

  it('the organization publishes it', async () => {
    const page = adminPage;
    await page.goto(`/activities/${activityId}`);
    await expectVisible(page, '报告或审批已完成，可以发布活动。');
    await page.getByRole('button', { name: '发布活动' }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: '确定' }).click();
    await expect.poll(() => page.locator('.ant-tag').getByText('已发布', { exact: true }).isVisible()).toBe(true);
    await page.getByRole('tab', { name: '办理记录' }).click();
    await expectVisible(page, '社区两委确认报告');
    await expectVisible(page, /已知悉，请做好安全预案/);
    await screenshot(page, 'activity-published');
  });

  it('a resident finds it on the phone page of the community, without signing in', async () => {
    const page = await newPage(browser, { width: 375, height: 812 });
    await page.goto('/m');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: '社区活动' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: '选择社区' }).click();
    await page.getByRole('dialog').getByRole('searchbox').fill('流水井');
    await page.locator('.adm-list-item').filter({ hasText: '越秀区北京街道流水井社区' }).first().click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const link = page.getByRole('link', { name: new RegExp(title) });
    await expect.poll(() => link.isVisible(), { timeout: 10_000 }).toBe(true);
    const fontSize = await page.evaluate(() =>
      Number.parseFloat(getComputedStyle(document.querySelector('.linli-m-card') ?? document.body).fontSize),
    );
    expect(fontSize).toBeGreaterThanOrEqual(16);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await screenshot(page, 'activity-mobile-list');

    await link.click();
    await page.waitForURL(new RegExp(`/m/activities/${activityId}$`));
    await expect.poll(() => page.getByRole('heading', { level: 1, name: title }).isVisible()).toBe(true);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain('流水井社区文化广场');
    expect(text).toContain(orgName);
    expect(text).not.toContain(leaderMobile);
    expect(text).not.toContain(admin.name);
    const share = page.getByRole('button', { name: '分享给邻居' });
    const box = await share.boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await screenshot(page, 'activity-mobile-page');

    // the community is remembered on the device
    await page.goto('/m');
    await expect.poll(() => page.getByRole('link', { name: new RegExp(title) }).isVisible()).toBe(true);
  });

  it('the township confirms one of two overlapping room bookings and is told why not the other', async () => {
    // seeded through the API: a practice station with a hall, and two requests for overlapping slots
    const venue = await callApi<{ id: string; rooms: { id: string }[] }>(townshipPage, 'POST', '/api/venues', {
      name: '流水井社区新时代文明实践站',
      kind: 'practiceCenter',
      level: 'station',
      areaCode: COMMUNITY,
      address: '越秀区北京街道流水井社区12号',
      openingHours: '周二至周日 9:00–21:00',
      managerName: '黄站长',
      managerMobile: '13955558888',
      rooms: [{ name: '多功能厅', capacity: 120 }],
    });
    const day = Date.now() + 10 * 86_400_000;
    const slot = (hours: number) => new Date(Math.floor(day / 3_600_000) * 3_600_000 + hours * 3_600_000).toISOString();
    for (const [from, to, purpose] of [
      [0, 2, '粤剧排练'],
      [1, 3, '长者合唱排练'],
    ] as const) {
      await callApi(adminPage, 'POST', `/api/venue-rooms/${venue.rooms[0]!.id}/bookings`, {
        orgId,
        startsAt: slot(from),
        endsAt: slot(to),
        purpose,
      });
    }
    const page = townshipPage;
    await page.goto('/venues');
    await expect.poll(() => page.getByText('流水井社区新时代文明实践站').first().isVisible()).toBe(true);
    await screenshot(page, 'activity-venues');
    await page.getByRole('tab', { name: '活动室预约' }).click();
    const rehearsal = page.getByRole('row', { name: /粤剧排练/ });
    const choir = page.getByRole('row', { name: /长者合唱排练/ });
    await expect.poll(() => choir.isVisible(), { timeout: 10_000 }).toBe(true);
    await rehearsal.getByRole('button', { name: '确认' }).click();
    await expectVisible(page, '已确认预约');
    await choir.getByRole('button', { name: '确认' }).click();
    const alert = page.getByRole('alert').filter({ hasText: '该时段已被其他预约占用' });
    await expect.poll(() => alert.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await alert.textContent()).toContain('多功能厅');
    await screenshot(page, 'activity-booking-conflict');
  });

  it('once it has started, the organization records the outcome and a photo', { timeout: 300_000 }, async () => {
    const page = adminPage;
    const wait = startsAt + 2_000 - Date.now();
    if (wait > 0) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    await page.goto(`/activities/${activityId}`);
    await page.getByRole('tab', { name: '活动成效与照片' }).click();
    await page.getByLabel('实际参与人数').fill('96');
    await page.getByLabel('受益人数').fill('120');
    await page.getByLabel('活动总结').fill('演出持续两小时，12位票友登台，义诊为38位长者测量血压，居民反响热烈。');
    await page.getByRole('button', { name: '保存活动成效' }).click();
    await expectVisible(page, '活动成效已保存');
    await expect.poll(() => page.locator('.ant-tag').getByText('已完成', { exact: true }).isVisible()).toBe(true);

    const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-photo-'));
    const fake = path.join(dir, '不是照片.jpg');
    writeFileSync(fake, '这不是一张图片');
    const photo = path.join(dir, '演出现场.png');
    writeFileSync(photo, makePng());
    const input = page.locator('input[type=file]');
    await input.setInputFiles(fake);
    await expectVisible(page, /JPEG、PNG 或 WebP/);
    await screenshot(page, 'activity-photo-refused');
    await input.setInputFiles(photo);
    await expectVisible(page, '照片已上传');
    const thumb = page.getByRole('img', { name: `${title} 活动照片 1` });
    await expect.poll(() => thumb.isVisible(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await screenshot(page, 'activity-outcome');

    const resident = await newPage(browser, { width: 375, height: 812 });
    await resident.goto(`/m/activities/${activityId}`);
    await expectVisible(resident, '实际参与 96 人，受益 120 人。');
    await expect.poll(() => resident.getByRole('img', { name: `${title} 活动照片 1` }).isVisible()).toBe(true);
    await screenshot(resident, 'activity-mobile-completed');
  });
});
