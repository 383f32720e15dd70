import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiSession, seedActiveOrganization } from '../needs/seed';
import { launchBrowser, newPage, screenshot, seedUser } from '../support/browser';

/**
 * C5's journey on a phone (issue 5, "What it must show"): a volunteer registers under their real
 * name, signs up for a shift, checks in and out with the six-digit code from the organizer's
 * screen, the organization confirms the hours, and the volunteer sees them (with stars and per
 * organization). Then the volunteer writes a reflection, the organization publishes it, and the
 * public showcase shows it under a masked name — the organization reviews it in the console's
 * queue, and sends a second one back with a reason the volunteer reads. Last, the volunteer asks for a service certificate for the period, downloads the PDF
 * and opens its verification page (a tampered code shows "not valid"), and the organization
 * issues one of its own in the console.
 *
 * The shift starts in 15 minutes, so that sign-up is still open and check-in already is (from 30
 * minutes before). Checked in and out a few seconds apart, the record holds 0 minutes; the
 * organization corrects it from its paper sign-in sheet (a reason in the trail) before
 * confirming, so that the hours shown are real figures.
 */
const browser = await launchBrowser();
const PHONE = { width: 375, height: 812 };
const COMMUNITY = '440104003104'; // 越秀区北京街道流水井社区
const volunteer = { name: '欧阳志愿', mobile: '13922220001', password: 'Vol#Serve2026' };
const founder = { name: '流水井助老队长', mobile: '13922220002', password: 'Org#Serve2026' };
const committee = { name: '流水井两委委员欧', mobile: '13922220003', password: 'Com#Serve2026' };
const ID_NUMBER = '11010519491231002X'; // GB 11643's own example: a valid check character
const WRONG_ID = '110105194912310021';
for (const [who, role] of [
  [volunteer, 'volunteer'],
  [founder, 'resident'],
  [committee, 'committee'],
] as const) {
  await seedUser({ ...who, areaCode: COMMUNITY, grant: { role, areaCode: COMMUNITY, areaLevel: 'community' } });
}
const orgName = '流水井助老志愿服务队';
const orgId = await seedActiveOrganization({
  founder,
  committee,
  body: {
    name: orgName,
    tier: 'guided',
    category: 'charity',
    hubKind: 'none',
    areaCode: COMMUNITY,
    foundedOn: '2021-03-01',
    serviceTargets: ['elderly'],
    venue: '社区党群服务站',
    memberCount: 25,
    socialWorkerCount: 0,
    certifiedSocialWorkerCount: 0,
    partyOrg: 'instructor',
    charterPartyClause: true,
    leaders: [{ name: founder.name, role: 'leader', mobile: founder.mobile }],
  },
});

/** A China date and time `minutes` from now. */
function chinaClock(minutes: number) {
  const iso = new Date(Date.now() + minutes * 60_000 + 8 * 3_600_000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}
const start = chinaClock(15);
const end = chinaClock(15 + 180);
// seedActiveOrganization signed the founder in first (the password is now `${password}!x`)
const organizer = await ApiSession.signIn({ ...founder, password: `${founder.password}!x` });
afterAll(() => organizer.close());
const projectTitle = '独居长者探访（周末班）';
const project = await organizer.post<{ id: string; shifts: { id: string }[] }>('/api/volunteer-projects', {
  orgId,
  title: projectTitle,
  description: '两人一组入户探访社区独居长者，陪伴聊天、测量血压、检查家中用电安全。',
  serviceContent: '独居长者探访、陪伴与健康监测',
  field: 'services',
  address: '流水井社区党群服务站',
  roles: [{ name: '探访员', description: '入户探访', places: 4 }],
  shifts: [{ date: start.date, startTime: start.time, endTime: end.time }],
});
await organizer.post(`/api/volunteer-projects/${project.id}/publication`, {});
const shiftId = project.shifts[0]!.id;
const reflectionTitle = '陪伴是最长情的告白';
// a small real PNG (64×48), as a phone would upload
const photo = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAfUlEQVRoge2SAQkAURSDlsWgF9ccF2M8/sAAOhY/TpO6gQugvqK7EHdJ3cAFUF/RXYi7pG7gAqiv6C7EXVI3cAHUV3QX4i6pG7gA6iu6C3GX1A1cAPUV3YW4S+oGLoD6iu5C3CV1AxdAfUV3Ie6SuoELoL6iuxB3Sd3AxwN+d31JDwNqdCQAAAAASUVORK5CYII=',
  'base64',
);

/** Signs the organization's founder in at the console (seedActiveOrganization already changed the password). */
async function signInConsole(page: Page, who: { mobile: string; password: string }) {
  await page.goto('/sign-in');
  await page.getByLabel('手机号').fill(who.mobile);
  await page.getByLabel('密码', { exact: true }).fill(`${who.password}!x`);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !/\/(sign-in|change-password)/.test(url.pathname));
}

const visible = (page: Page, text: string | RegExp) =>
  expect.poll(() => page.getByText(text).first().isVisible(), { timeout: 15_000 }).toBe(true);

let phone: Page;
/** the organization's administrator at a desktop browser */
let office: Page;

describe('volunteer journey on a phone', () => {
  it('a volunteer signs in and registers under their real name; a wrong check digit is caught as typed', async () => {
    phone = await newPage(browser, PHONE);
    await phone.goto('/m');
    await phone.getByRole('link', { name: /^志愿服务：/ }).click();
    await phone.waitForURL(/\/m\/volunteer$/);
    await visible(phone, '找志愿项目');
    await screenshot(phone, 'volunteer-phone-home-signed-out');
    await phone.getByRole('link', { name: '我的时长' }).click();
    await phone.waitForURL(/\/sign-in\?next=/);
    await phone.getByLabel('手机号').fill(volunteer.mobile);
    await phone.getByLabel('密码', { exact: true }).fill(volunteer.password);
    await phone.getByRole('button', { name: '登录' }).click();
    await phone.waitForURL(/\/change-password/);
    await phone.getByLabel('当前密码').fill(volunteer.password);
    await phone.getByLabel('新密码', { exact: true }).fill(`${volunteer.password}!x`);
    await phone.getByLabel('确认新密码').fill(`${volunteer.password}!x`);
    await phone.getByRole('button', { name: '保存' }).click();
    await phone.waitForURL(/\/m\/volunteer\/hours$/);
    // not registered yet: the page offers the registration and comes back after it
    await visible(phone, '请先完成志愿者实名注册');
    await phone.getByRole('button', { name: '马上注册' }).click();
    await phone.waitForURL(/\/m\/volunteer\/register\?next=/);

    await expect.poll(() => phone.getByLabel('真实姓名').inputValue()).toBe(volunteer.name);
    await phone.getByLabel('身份证号码').fill(WRONG_ID);
    await phone.getByLabel('手机号').click();
    await visible(phone, '身份证号码最后一位（校验位）不对，请核对');
    await screenshot(phone, 'volunteer-phone-register-check-digit');
    await phone.getByLabel('身份证号码').fill(ID_NUMBER);
    await phone.getByLabel('手机号').fill(volunteer.mobile);
    await visible(phone, '流水井社区');
    await phone.getByText('急救', { exact: true }).click();
    await phone.getByText('助老服务', { exact: true }).click();
    await phone.getByText('周六上午', { exact: true }).click();
    await screenshot(phone, 'volunteer-phone-register');
    await phone.getByRole('button', { name: '提交注册' }).click();
    await phone.waitForURL(/\/m\/volunteer\/hours$/, { timeout: 15_000 });
    await visible(phone, '0 小时');
    expect(await phone.locator('body').textContent()).not.toContain(ID_NUMBER);
  });

  it('finds the project in the community and signs up for the shift', async () => {
    await phone.goto('/m/volunteer/projects');
    await visible(phone, projectTitle);
    // the field filter: another field shows nothing, the project's own field shows it again
    await phone.getByText('传播科学理论', { exact: true }).click();
    await visible(phone, '没有正在招募的项目，换个日期或领域试试。');
    await phone.getByText('提供便民服务', { exact: true }).click();
    await visible(phone, projectTitle);
    await screenshot(phone, 'volunteer-phone-projects');
    await phone.getByRole('link', { name: new RegExp(projectTitle.replace(/[（）]/g, '.')) }).click();
    await phone.waitForURL(/\/m\/volunteer\/projects\/[0-9a-f-]{36}$/);
    await visible(phone, '还剩 4 个名额（共 4 个）');
    await screenshot(phone, 'volunteer-phone-project');
    await phone.getByRole('button', { name: /^报名 探访员/ }).click();
    const dialog = phone.getByRole('dialog');
    await dialog.getByRole('button', { name: '报名' }).click();
    await visible(phone, '报名成功，您已被录用');
    await phone.waitForTimeout(600); // the dialog fades in
    await screenshot(phone, 'volunteer-phone-signed-up');
    await phone.getByRole('button', { name: '确定' }).click();
    await visible(phone, '您已报名：探访员');
    await visible(phone, '还剩 3 个名额（共 4 个）');

    await phone.goto('/m/volunteer/signups');
    await visible(phone, '已录用');
    await screenshot(phone, 'volunteer-phone-signups');
  });

  it('checks in and out with the six-digit code from the organizer’s screen', async () => {
    await phone.getByRole('button', { name: '扫码签到' }).click();
    await phone.waitForURL(/\/m\/volunteer\/scan\?shift=/);
    await visible(phone, projectTitle);
    // no camera in this browser: the page says so and points to the code
    await phone.getByRole('button', { name: '打开相机扫码' }).click();
    await visible(phone, /6位签到码。$/);
    const codeBox = phone.getByRole('textbox', { name: '或输入二维码下方的6位签到码' });

    let code = await organizer.get<{ code: string }>(`/api/volunteer-shifts/${shiftId}/check-in-code`);
    await codeBox.fill(code.code);
    await screenshot(phone, 'volunteer-phone-scan');
    await phone.getByRole('button', { name: '签到', exact: true }).click();
    await visible(phone, '签到成功');
    await screenshot(phone, 'volunteer-phone-checked-in');

    await phone.waitForTimeout(1_500);
    code = await organizer.get<{ code: string }>(`/api/volunteer-shifts/${shiftId}/check-in-code`);
    await codeBox.fill(code.code);
    await phone.getByRole('button', { name: '签退', exact: true }).click();
    await visible(phone, '签退成功');
    await visible(phone, /本次服务 0 分钟，等待组织确认/);
    await screenshot(phone, 'volunteer-phone-checked-out');
  });

  it('the organization corrects the record from its sign-in sheet and confirms the hours', async () => {
    const { items } = await organizer.get<{ items: { id: string; status: string; endedAt: string }[] }>(
      `/api/service-records?orgId=${orgId}&status=pending`,
    );
    expect(items).toHaveLength(1);
    const record = items[0]!;
    const endedAt = new Date(record.endedAt);
    await organizer.post(`/api/service-records/${record.id}/correction`, {
      startedAt: new Date(endedAt.getTime() - 150 * 60_000).toISOString(),
      reason: '按纸质签到表更正：志愿者提前到场，手机签到晚了',
    });
    const confirmed = await organizer.post<{ confirmed: number; minutes: number }>(
      '/api/service-records/confirmation',
      { recordIds: [record.id] },
    );
    expect(confirmed).toEqual({ confirmed: 1, minutes: 150 });
  });

  it('the volunteer sees the confirmed hours, per organization and with the next star', async () => {
    await phone.goto('/m/volunteer/hours');
    await visible(phone, '2.5 小时');
    await visible(phone, '已确认');
    await visible(phone, orgName);
    await visible(phone, '再服务 97.5 小时升一星');
    await screenshot(phone, 'volunteer-phone-hours');
    await phone.goto('/m/volunteer');
    await visible(phone, '累计服务 2.5 小时');
    await screenshot(phone, 'volunteer-phone-home');
    await phone.goto('/m/volunteer/hours');
    await phone.getByRole('button', { name: new RegExp(`申请更正 ${projectTitle.replace(/[（）]/g, '.')}`) }).click();
    await visible(phone, '提交更正申请');
    await phone.waitForTimeout(600); // the sheet slides up
    await screenshot(phone, 'volunteer-phone-ask-to-correct');
    await phone.locator('.linli-m-popup').getByRole('button', { name: '取消', exact: true }).click();
  });

  it('writes a reflection with a photo; the organization publishes it; the showcase shows a masked name', async () => {
    await phone.goto('/m/volunteer/reflections/new');
    await phone.getByLabel('标题').fill(reflectionTitle);
    await phone
      .getByLabel('心得体会')
      .fill('第一次去探访独居的陈奶奶，她拉着我的手讲了很多年轻时候的故事，临走时一直把我们送到楼下。');
    await phone.locator('input[type=file]').setInputFiles({ name: 'visit.png', mimeType: 'image/png', buffer: photo });
    await expect.poll(() => phone.locator('.adm-image-uploader-cell img').count(), { timeout: 10_000 }).toBe(1);
    await screenshot(phone, 'volunteer-phone-write-reflection');
    await phone.getByRole('button', { name: '提交审核' }).click();
    await phone.waitForURL(/\/m\/volunteer\/reflections$/, { timeout: 15_000 });
    await visible(phone, '待组织审核');
    await screenshot(phone, 'volunteer-phone-reflections');

    // the organization's review queue in the console: the reflection with its photo; publishing it asks first
    office = await newPage(browser);
    await signInConsole(office, founder);
    await office.getByRole('link', { name: '心得体会审核' }).first().click();
    await office.waitForURL(/\/reflections$/);
    const card = office.getByRole('article', { name: reflectionTitle });
    await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
    await expect
      .poll(() => card.getByRole('img', { name: `《${reflectionTitle}》的第 1 张照片` }).isVisible())
      .toBe(true);
    await visible(office, volunteer.name);
    await screenshot(office, 'volunteer-console-reflection-queue');
    await card.getByRole('button', { name: `发布《${reflectionTitle}》` }).click();
    await office.getByRole('tooltip').getByRole('button', { name: '发布' }).click();
    await visible(office, `已发布《${reflectionTitle}》`);
    await visible(office, '暂无心得体会');
    await office.getByRole('tab', { name: '已发布' }).click();
    await expect.poll(() => office.getByRole('article', { name: reflectionTitle }).isVisible()).toBe(true);
    await screenshot(office, 'volunteer-console-reflection-published');

    const visitor = await newPage(browser, PHONE);
    await visitor.goto('/m/volunteer/showcase');
    await visitor.evaluate((community) => localStorage.setItem('linli.mobile.community', JSON.stringify(community)), {
      code: COMMUNITY,
      name: '流水井社区',
      fullName: '广东省广州市越秀区北京街道流水井社区',
    });
    await visitor.reload();
    await visible(visitor, reflectionTitle);
    await visible(visitor, /欧\*\*\*/);
    await expect.poll(() => visitor.locator('.linli-m-photos img').count()).toBe(1);
    const text = (await visitor.locator('body').textContent()) ?? '';
    expect(text).not.toContain(volunteer.name);
    expect(text).not.toContain(volunteer.mobile);
    await screenshot(visitor, 'volunteer-phone-showcase');
  });

  it('a second reflection is sent back in the console with a reason (required) that the volunteer reads', async () => {
    const title = '第二次探访';
    const reason = '请补充探访时的具体做法，并去掉长者的真实姓名';
    await phone.goto('/m/volunteer/reflections/new');
    await phone.getByLabel('标题').fill(title);
    await phone.getByLabel('心得体会').fill('这次探访李奶奶，帮她检查了家里的电线插座，又陪她聊了一下午。');
    await phone.getByRole('button', { name: '提交审核' }).click();
    await phone.waitForURL(/\/m\/volunteer\/reflections$/, { timeout: 15_000 });

    await office.goto('/reflections');
    const card = office.getByRole('article', { name: title });
    await expect.poll(() => card.isVisible(), { timeout: 15_000 }).toBe(true);
    await visible(office, '没有照片');
    await card.getByRole('button', { name: `退回《${title}》` }).click();
    const dialog = office.getByRole('dialog', { name: `退回《${title}》` });
    await dialog.getByRole('button', { name: '退回' }).click();
    await visible(office, '请填写退回原因，至少2个字');
    await screenshot(office, 'volunteer-console-reflection-reason-required');
    await dialog.getByLabel('退回原因').fill(reason);
    await dialog.getByRole('button', { name: '退回' }).click();
    await visible(office, `已退回《${title}》`);
    await office.getByRole('tab', { name: '已退回' }).click();
    const returned = office.getByRole('article', { name: title });
    await expect.poll(() => returned.textContent(), { timeout: 15_000 }).toContain(`退回原因：${reason}`);

    await phone.reload();
    await visible(phone, `未通过原因：${reason}`);
    await screenshot(phone, 'volunteer-phone-reflection-sent-back');
  });

  it('asks for the certificate of the period, downloads the PDF and opens its verification page', async () => {
    await phone.goto('/m/volunteer/hours');
    await phone.getByRole('link', { name: '开具志愿服务证明' }).click();
    await phone.waitForURL(/\/m\/volunteer\/certificates$/);
    await visible(phone, '还没有开具过证明。');
    const today = chinaClock(0).date;
    // the period: from the 1st of January to today (China days), every recording organization
    await expect.poll(() => phone.getByRole('button', { name: `结束日期 ${today}` }).isVisible()).toBe(true);
    await expect
      .poll(() => phone.getByRole('button', { name: `开始日期 ${today.slice(0, 4)}-01-01` }).isVisible())
      .toBe(true);
    await visible(phone, '所有记录组织');
    await visible(phone, orgName);
    await screenshot(phone, 'volunteer-phone-certificate-request');
    // an end before the start: the server's field error stands under the end date, nothing is issued
    const pickYear = async (field: string, step: '上一项' | '下一项') => {
      await phone.getByRole('button', { name: new RegExp(`^${field} \\d{4}-`) }).click();
      const picker = phone.locator('.adm-popup-body:visible .adm-picker').filter({ hasText: field });
      await phone.waitForTimeout(500); // the sheet slides up
      await picker
        .getByRole('button', { name: new RegExp(`^选择${step}：\\d{4}`) })
        .first()
        .dispatchEvent('click');
      await phone.waitForTimeout(500); // the wheel settles
      await picker.getByText('确定', { exact: true }).click();
      await phone.waitForTimeout(500); // the sheet slides down
    };
    await pickYear('结束日期', '上一项');
    await phone.getByRole('button', { name: '出具证明' }).click();
    const toItem = phone.locator('.adm-form-item').filter({ hasText: '结束日期' });
    await expect.poll(() => toItem.textContent(), { timeout: 15_000 }).toContain('结束日期不能早于开始日期');
    await screenshot(phone, 'volunteer-phone-certificate-field-error');
    await pickYear('结束日期', '下一项');
    await expect.poll(() => phone.getByRole('button', { name: `结束日期 ${today}` }).isVisible()).toBe(true);
    await phone.getByRole('button', { name: '出具证明' }).click();
    await visible(phone, '证明已出具');
    const card = phone.getByRole('listitem', { name: /^证明编号 ZM-/ });
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    const number = ((await card.getAttribute('aria-label')) ?? '').replace('证明编号 ', '');
    expect(number).toMatch(/^ZM-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expect.poll(() => card.textContent()).toContain('2.5 小时');
    await expect.poll(() => card.textContent()).toContain(`${today.slice(0, 4)}-01-01 – ${today}`);
    await phone.waitForTimeout(2_500); // the toast fades
    await screenshot(phone, 'volunteer-phone-certificates');

    const [download] = await Promise.all([
      phone.waitForEvent('download'),
      card.getByRole('link', { name: `下载证明 ${number}（PDF）` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`志愿服务证明-${number}.pdf`);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-8).toString()).toContain('%%EOF');
    // the Chinese font is subset: tens of kilobytes, never the 10 MB font
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(pdf.length).toBeLessThan(400_000);

    await card.getByRole('link', { name: `打开证明 ${number} 的核验页` }).click();
    await phone.waitForURL(new RegExp(`/verify/certificates/${number}\\?sig=`));
    await visible(phone, '证明有效');
    await visible(phone, '2.5 小时');
    await visible(phone, '欧***');
    await visible(phone, orgName);
    const page = (await phone.locator('body').textContent()) ?? '';
    expect(page).not.toContain(volunteer.name);
    expect(page).not.toContain(ID_NUMBER.slice(0, 6));
    await screenshot(phone, 'volunteer-phone-certificate-verified');

    // a code changed by one character does not verify
    const url = new URL(phone.url());
    const sig = url.searchParams.get('sig') ?? '';
    url.searchParams.set('sig', `${sig.slice(0, 10)}${sig[10] === 'A' ? 'B' : 'A'}${sig.slice(11)}`);
    await phone.goto(`${url.pathname}${url.search}`);
    await visible(phone, '证明未通过验证');
    expect((await phone.locator('body').textContent()) ?? '').not.toContain('2.5 小时');
    await screenshot(phone, 'volunteer-phone-certificate-not-valid');
  });

  it('the organization issues a certificate of its own records in the console and lists it', async () => {
    await office.getByRole('link', { name: '志愿服务证明' }).first().click();
    await office.waitForURL(/\/service-certificates$/);
    // the volunteer's certificate covers all organizations: not this organization's own
    await visible(office, '暂无志愿服务证明');
    await office.getByRole('button', { name: '为志愿者出具证明' }).click();
    const dialog = office.getByRole('dialog');
    await dialog.getByLabel('志愿者').click();
    await office.locator('.ant-select-dropdown:visible').getByText(volunteer.name, { exact: true }).click();
    await screenshot(office, 'volunteer-console-certificate-issue');
    await dialog.getByRole('button', { name: '出具证明' }).click();
    await visible(office, /^已出具证明 ZM-/);
    const row = office.getByRole('row', { name: new RegExp(volunteer.name) });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => row.textContent()).toContain('2.5');
    await expect.poll(() => row.textContent()).toContain('组织出具');
    await expect.poll(() => row.textContent()).toContain('110105********002X');
    await office.getByRole('searchbox', { name: '编号或姓名' }).fill('没有这个人');
    await office.getByRole('button', { name: '搜索' }).click();
    await visible(office, '暂无志愿服务证明');
    await office.getByRole('searchbox', { name: '编号或姓名' }).fill('欧阳');
    await office.getByRole('button', { name: '搜索' }).click();
    await expect.poll(() => row.count()).toBe(1);
    const [download] = await Promise.all([
      office.waitForEvent('download'),
      office.getByRole('link', { name: '导出' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`志愿服务证明-${orgName}.xlsx`);
    expect(
      readFileSync(await download.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    await screenshot(office, 'volunteer-console-certificates');
  });
});
