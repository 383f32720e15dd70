import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { GrantBody } from '@linli/contract/accounts';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, inject } from 'vitest';
import { createUser } from '../../server/src/modules/accounts/index';
import { createPool } from '../../server/src/platform/db';
import { createPersonalDataCipher } from '../../server/src/platform/personal-data';

export const CHROMIUM = process.env.LINLI_CHROMIUM ?? '/usr/bin/chromium';
export const artifacts = path.resolve(import.meta.dirname, '../artifacts');

/** Debian's Chromium, headless, with the flags this closed network needs (Playwright gives it a fresh profile). Closed after the file. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  afterAll(() => browser.close());
  return browser;
}

export async function newPage(browser: Browser, viewport = { width: 1366, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), viewport, locale: 'zh-CN' });
  return context.newPage();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/** Seeds an account straight into the server's database (same master key), as the system would. */
export async function seedUser(input: {
  name: string;
  mobile: string;
  password: string;
  areaCode: string;
  grant: GrantBody;
}) {
  const db = createPool(inject('databaseUrl'), 1);
  try {
    const cipher = createPersonalDataCipher(Buffer.from(inject('masterKey'), 'base64'), 'sm4');
    return await createUser({ db, cipher }, null, {
      name: input.name,
      mobile: input.mobile,
      areaCode: input.areaCode,
      initialPassword: input.password,
      grant: input.grant,
    });
  } finally {
    await db.end();
  }
}
