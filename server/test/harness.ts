import { randomBytes, randomUUID } from 'node:crypto';
import type { GrantBody } from '@linli/contract/accounts';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { buildApp } from '../src/app';
import { createUser } from '../src/modules/accounts/index';
import { createPool, type Db } from '../src/platform/db';
import { createPersonalDataCipher, type PersonalDataCipher } from '../src/platform/personal-data';
import { withDatabase } from './global-setup';

export type TestContext = {
  db: Db;
  cipher: PersonalDataCipher;
  app: FastifyInstance;
  databaseUrl: string;
  /** base64 master key of `cipher`, for CLI runs against the same database */
  masterKey: string;
  /** routes seen while the app was built: [method, url, declared access] */
  routes: { method: string | string[]; url: string; access: unknown }[];
};

/** A fresh database cloned from the migrated template (areas loaded), and the app on it. Closed after the file. */
export async function createTestContext(
  opts: { sessionCacheMs?: number; auditSealMs?: number; publicUrl?: string } = {},
): Promise<TestContext> {
  const adminUrl = inject('pgAdminUrl');
  const name = `linli_t_${process.ppid}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('pgTemplate')}`);
  await admin.end();
  const databaseUrl = withDatabase(adminUrl, name);
  const db = createPool(databaseUrl, 5);
  const key = randomBytes(32);
  const cipher = createPersonalDataCipher(key, 'sm4');
  const routes: TestContext['routes'] = [];
  // Tests change sessions, users and grants with plain SQL and expect the next request to see it at
  // once; the session cache would see it a notification later. Its own tests turn it on.
  const app = await buildApp({
    db,
    cipher,
    sessionCacheMs: opts.sessionCacheMs ?? 0,
    auditSealMs: opts.auditSealMs,
    publicUrl: opts.publicUrl,
    // tests run the report-task reminder sweep themselves, at the time they choose
    reminderSweepMs: 0,
    onRoute: (r) => routes.push(r),
  });
  await app.ready();
  afterAll(async () => {
    await app.close();
    await db.end();
    const cleanup = new pg.Client({ connectionString: adminUrl });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  });
  return { db, cipher, app, databaseUrl, masterKey: key.toString('base64'), routes };
}

let mobileCounter = 0;
/** A unique, valid mobile number per call. */
export function nextMobile(): string {
  mobileCounter++;
  return `139${String(process.pid % 10000).padStart(4, '0')}${String(mobileCounter).padStart(4, '0')}`;
}

export const TEST_PASSWORD = 'Test#Pass2026';

/** Factory: a user with one grant, written through the real command (as the system). */
export async function makeUser(
  ctx: TestContext,
  overrides: { name?: string; mobile?: string; areaCode?: string; grant?: GrantBody; password?: string } = {},
) {
  const mobile = overrides.mobile ?? nextMobile();
  const grant = overrides.grant ?? { role: 'township', areaCode: '440104003000', areaLevel: 'township' as const };
  const id = await createUser(ctx, null, {
    name: overrides.name ?? '测试用户',
    mobile,
    areaCode: overrides.areaCode ?? grant.areaCode,
    initialPassword: overrides.password ?? TEST_PASSWORD,
    grant,
  });
  return { id, mobile, password: overrides.password ?? TEST_PASSWORD };
}

/** A browser-like client: keeps cookies, sends the CSRF header on unsafe requests. */
export class Client {
  private cookies = new Map<string, string>();
  constructor(
    private readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
  ) {}

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    if (!this.cookies.has('linli_csrf')) {
      this.absorb(await this.app.inject({ method: 'GET', url: '/api/auth/session', remoteAddress: this.ip }));
    }
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        cookie,
        ...(method === 'GET' ? {} : { 'x-csrf-token': this.cookies.get('linli_csrf') ?? '' }),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    });
    this.absorb(res);
    return res;
  }

  private absorb(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) {
        this.cookies.delete(c.name);
      } else {
        this.cookies.set(c.name, c.value);
      }
    }
  }

  /** A multipart upload, encoded the way a browser encodes a FormData. */
  async upload(url: string, form: FormData, method: 'POST' | 'PUT' = 'POST') {
    const encoded = new Response(form);
    const body = Buffer.from(await encoded.arrayBuffer());
    if (!this.cookies.has('linli_csrf')) {
      this.absorb(await this.app.inject({ method: 'GET', url: '/api/auth/session', remoteAddress: this.ip }));
    }
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'x-csrf-token': this.cookies.get('linli_csrf') ?? '',
        'content-type': encoded.headers.get('content-type') ?? '',
      },
      payload: body,
    });
    this.absorb(res);
    return res;
  }

  /** Another client holding the same cookies now (a second tab, or a stolen cookie replayed later). */
  fork(): Client {
    const copy = new Client(this.app, this.ip);
    copy.cookies = new Map(this.cookies);
    return copy;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});

  async signIn(mobile: string, password: string) {
    return this.post('/api/auth/sign-in', { mobile, password });
  }

  /** Signs in and changes the first password, ready to work. */
  async signInReady(mobile: string, password: string) {
    const res = await this.signIn(mobile, password);
    if (res.statusCode !== 200) {
      throw new Error(`sign-in failed: ${res.body}`);
    }
    if (res.json().user.mustChangePassword) {
      const changed = await this.post('/api/auth/password', { currentPassword: password, newPassword: `${password}x` });
      if (changed.statusCode !== 200) {
        throw new Error(`password change failed: ${changed.body}`);
      }
    }
    return this;
  }
}
