import type { EstablishBody } from '@linli/contract/organizations';
import { type APIRequestContext, request } from 'playwright-core';
import { inject } from 'vitest';

/**
 * A signed-in API session for seeding through the real endpoints (what a person would do in the
 * console), with the CSRF token the server gave at sign-in. A first sign-in changes the password
 * to `${password}!x`, as the browser journeys do.
 */
export class ApiSession {
  private constructor(private readonly api: APIRequestContext) {}

  static async signIn(who: { mobile: string; password: string }): Promise<ApiSession> {
    const api = await request.newContext({ baseURL: inject('baseUrl') });
    await api.get('/api/auth/session'); // sets the double-submit CSRF cookie
    const self = new ApiSession(api);
    const session = await self.post<{ user: { mustChangePassword: boolean } }>('/api/auth/sign-in', {
      mobile: who.mobile,
      password: who.password,
    });
    if (session.user.mustChangePassword) {
      await self.post('/api/auth/password', { currentPassword: who.password, newPassword: `${who.password}!x` });
    }
    return self;
  }

  /** The `linli_csrf` cookie, sent back in the header on every unsafe request. */
  private async csrf(): Promise<string> {
    const { cookies } = await this.api.storageState();
    return cookies.find((cookie) => cookie.name === 'linli_csrf')?.value ?? '';
  }

  async get<T>(path: string): Promise<T> {
    const res = await this.api.get(path);
    if (!res.ok()) {
      throw new Error(`GET ${path}: ${res.status()} ${await res.text()}`);
    }
    return (await res.json()) as T;
  }

  async post<T>(path: string, data: unknown): Promise<T> {
    const res = await this.api.post(path, { data, headers: { 'x-csrf-token': await this.csrf() } });
    if (!res.ok()) {
      throw new Error(`POST ${path}: ${res.status()} ${await res.text()}`);
    }
    return (await res.json()) as T;
  }

  close(): Promise<void> {
    return this.api.dispose();
  }
}

/**
 * An active organization of `community`: its founder (a resident) files it as a guided
 * organization and the community's committee records it; the founder becomes its administrator.
 */
export async function seedActiveOrganization(input: {
  founder: { mobile: string; password: string };
  committee: { mobile: string; password: string };
  body: EstablishBody;
}): Promise<string> {
  const founder = await ApiSession.signIn(input.founder);
  const committee = await ApiSession.signIn(input.committee);
  try {
    const { orgId, filingId } = await founder.post<{ orgId: string; filingId: string }>(
      '/api/organizations',
      input.body,
    );
    await committee.post(`/api/filings/${filingId}/committee-opinion`, { decision: 'approve' });
    return orgId;
  } finally {
    await founder.close();
    await committee.close();
  }
}

/** A community of the township other than `except` (the public division tree). */
export async function siblingCommunity(township: string, except: string): Promise<string> {
  const api = await request.newContext({ baseURL: inject('baseUrl') });
  try {
    const res = await api.get(`/api/areas/${township}/children?level=township`);
    const { items } = (await res.json()) as { items: { code: string; level: string }[] };
    const other = items.find((area) => area.level === 'community' && area.code !== except);
    if (!other) {
      throw new Error(`no other community under ${township}`);
    }
    return other.code;
  } finally {
    await api.dispose();
  }
}
