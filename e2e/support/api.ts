import type { Page } from 'playwright-core';

/**
 * Calls the API as the user signed in on `page` (its cookies), with the CSRF header the
 * console sends, for seeding what a journey needs but does not show. Throws on an error status.
 */
export async function callApi<T>(page: Page, method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, body?: unknown) {
  const cookies = await page.context().cookies();
  const csrf = cookies.find((cookie) => cookie.name === 'linli_csrf')?.value ?? '';
  const response = await page.request.fetch(path, {
    method,
    headers: { 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok()) {
    throw new Error(`${method} ${path}: ${response.status()} ${text}`);
  }
  return (text ? JSON.parse(text) : null) as T;
}
