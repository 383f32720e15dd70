import { describe, expect, it } from 'vitest';
import { Client, createTestContext, makeUser } from '../../../test/harness';
import { createSessionLoader } from './index';

const ctx = await createTestContext();

describe('sign-in', () => {
  it('signs in with mobile number and password; the session cookie is httpOnly and SameSite=Lax', async () => {
    const user = await makeUser(ctx);
    const client = new Client(ctx.app);
    const res = await client.signIn(user.mobile, user.password);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'linli_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(res.json().user.mobileMasked).toBe(`${user.mobile.slice(0, 3)}****${user.mobile.slice(7)}`);
    const { rows } = await ctx.db.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.signIn' AND entity_id = $1",
      [user.id],
    );
    expect(rows[0].n).toBe(1);
  });

  it('accepts full-width digits in the mobile number', async () => {
    const user = await makeUser(ctx);
    const fullWidth = user.mobile.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect((await new Client(ctx.app).signIn(fullWidth, user.password)).statusCode).toBe(200);
  });

  it('answers a malformed mobile number with a field-level Chinese error', async () => {
    const res = await new Client(ctx.app).signIn('12345', 'whatever');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'mobile', message: '请输入11位中国大陆手机号' }],
    });
  });

  it('locks the account for 15 minutes after 5 wrong passwords, even for the right password', async () => {
    const user = await makeUser(ctx);
    const client = new Client(ctx.app, '10.0.0.5');
    for (let i = 0; i < 4; i++) {
      expect((await client.signIn(user.mobile, 'Wrong#Pass1')).json().code).toBe('AUTH_INVALID_CREDENTIALS');
    }
    const fifth = await client.signIn(user.mobile, 'Wrong#Pass1');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('AUTH_ACCOUNT_LOCKED');
    expect((await client.signIn(user.mobile, user.password)).json().code).toBe('AUTH_ACCOUNT_LOCKED');
    const { rows } = await ctx.db.query(
      "SELECT locked_until > now() + interval '14 minutes' AS fifteen FROM users WHERE id = $1",
      [user.id],
    );
    expect(rows[0].fifteen).toBe(true);
    const audit = await ctx.db.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.locked' AND entity_id = $1",
      [user.id],
    );
    expect(audit.rows[0].n).toBe(1);
    // when the lock has passed, the right password works again
    await ctx.db.query("UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1", [user.id]);
    expect((await client.signIn(user.mobile, user.password)).statusCode).toBe(200);
  });

  it('does not tell an unknown number from a wrong password', async () => {
    const res = await new Client(ctx.app, '10.0.0.6').signIn('13311112222', 'Wrong#Pass1');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_INVALID_CREDENTIALS');
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const user = await makeUser(ctx);
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { mobile: user.mobile, password: user.password },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF_INVALID');
  });
});

describe('sessions', () => {
  it('ends a session idle for more than 30 minutes', async () => {
    const user = await makeUser(ctx);
    const client = await new Client(ctx.app).signInReady(user.mobile, user.password);
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
    await ctx.db.query("UPDATE sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1", [
      user.id,
    ]);
    const res = await client.get('/api/auth/session');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_REQUIRED');
    expect((await ctx.db.query('SELECT 1 FROM sessions WHERE user_id = $1', [user.id])).rowCount).toBe(0);
  });

  it('reads sessions requested together in one batch, each token to its own user', async () => {
    const users = await Promise.all(['林一', '林二', '林三'].map((name) => makeUser(ctx, { name })));
    for (const u of users) {
      await new Client(ctx.app).signInReady(u.mobile, u.password);
    }
    const { rows } = await ctx.db.query<{ user_id: string; token_hash: Buffer }>(
      'SELECT user_id, token_hash FROM sessions WHERE user_id = ANY($1::uuid[])',
      [users.map((u) => u.id)],
    );
    const hashOf = (id: string) => rows.find((r) => r.user_id === id)!.token_hash;
    const load = createSessionLoader(ctx.db);
    // the first goes alone; the rest wait for it and go together, an unknown token among them
    const order = [users[0]!.id, users[2]!.id, 'unknown', users[1]!.id, users[0]!.id];
    const found = await Promise.all(order.map((id) => load(id === 'unknown' ? Buffer.alloc(32, 7) : hashOf(id))));
    expect(found.map((r) => r?.user_id ?? 'unknown')).toEqual(order);
    expect(found.map((r) => r?.name ?? '-')).toEqual(['林一', '林三', '-', '林二', '林一']);
  });

  it('marks a session as seen after a request, in a batch shortly after', async () => {
    const user = await makeUser(ctx);
    const client = await new Client(ctx.app).signInReady(user.mobile, user.password);
    await ctx.db.query("UPDATE sessions SET last_seen_at = now() - interval '20 minutes' WHERE user_id = $1", [
      user.id,
    ]);
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
    const seenAgo = async () =>
      (
        await ctx.db.query<{ s: number }>(
          'SELECT extract(epoch FROM now() - last_seen_at)::float AS s FROM sessions WHERE user_id = $1',
          [user.id],
        )
      ).rows[0]!.s;
    const until = Date.now() + 5000;
    while ((await seenAgo()) > 60 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await seenAgo()).toBeLessThan(60);
    // and so 20 more minutes later the session is still alive (idle for 20, not 40)
    await ctx.db.query("UPDATE sessions SET last_seen_at = last_seen_at - interval '20 minutes' WHERE user_id = $1", [
      user.id,
    ]);
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('keeps an active session alive but ends it 12 hours after sign-in', async () => {
    const user = await makeUser(ctx);
    const client = await new Client(ctx.app).signInReady(user.mobile, user.password);
    await ctx.db.query("UPDATE sessions SET last_seen_at = now() - interval '29 minutes' WHERE user_id = $1", [
      user.id,
    ]);
    expect((await client.get('/api/auth/session')).statusCode).toBe(200);
    await ctx.db.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = $1", [user.id]);
    expect((await client.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('sign out everywhere ends the sessions on every device', async () => {
    const user = await makeUser(ctx);
    const phone = await new Client(ctx.app).signInReady(user.mobile, user.password);
    const laptop = new Client(ctx.app);
    expect((await laptop.signIn(user.mobile, `${user.password}x`)).statusCode).toBe(200);
    expect((await laptop.post('/api/auth/sign-out-everywhere')).statusCode).toBe(200);
    expect((await phone.get('/api/auth/session')).statusCode).toBe(401);
    expect((await laptop.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('sign out ends only this session', async () => {
    const user = await makeUser(ctx);
    const a = await new Client(ctx.app).signInReady(user.mobile, user.password);
    const b = new Client(ctx.app);
    await b.signIn(user.mobile, `${user.password}x`);
    expect((await a.post('/api/auth/sign-out')).statusCode).toBe(200);
    expect((await a.get('/api/auth/session')).statusCode).toBe(401);
    expect((await b.get('/api/auth/session')).statusCode).toBe(200);
  });
});

describe('first sign-in', () => {
  it('an account created by someone else must change its password before anything else', async () => {
    const user = await makeUser(ctx);
    const client = new Client(ctx.app);
    const signedIn = await client.signIn(user.mobile, user.password);
    expect(signedIn.json().user.mustChangePassword).toBe(true);
    const blocked = await client.get('/api/users');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('PASSWORD_CHANGE_REQUIRED');

    const weak = await client.post('/api/auth/password', { currentPassword: user.password, newPassword: 'abc12345' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ code: 'PASSWORD_TOO_WEAK', fields: [{ path: 'newPassword' }] });
    const wrong = await client.post('/api/auth/password', {
      currentPassword: 'Nope#12345',
      newPassword: 'Gz#Neighbour9',
    });
    expect(wrong.json().fields[0].path).toBe('currentPassword');

    const ok = await client.post('/api/auth/password', {
      currentPassword: user.password,
      newPassword: 'Gz#Neighbour9',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.mustChangePassword).toBe(false);
    expect((await client.get('/api/users')).statusCode).toBe(200);
  });
});

describe('personal data', () => {
  it('stores the mobile number encrypted and reveals it only with the permission, audited', async () => {
    const officer = await makeUser(ctx);
    const resident = await makeUser(ctx, {
      grant: { role: 'resident', areaCode: '440104003104', areaLevel: 'community' },
    });
    const { rows } = await ctx.db.query('SELECT mobile_enc FROM users WHERE id = $1', [resident.id]);
    expect(rows[0].mobile_enc.includes(Buffer.from(resident.mobile))).toBe(false);

    const client = await new Client(ctx.app).signInReady(officer.mobile, officer.password);
    const shown = await client.get(`/api/users/${resident.id}`);
    expect(shown.json().mobileMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(shown.body).not.toContain(resident.mobile);
    const revealed = await client.post(`/api/users/${resident.id}/reveal-mobile`);
    expect(revealed.json().mobile).toBe(resident.mobile);
    const audit = await ctx.db.query(
      "SELECT actor_id FROM audit_log WHERE action = 'personalData.reveal' AND entity_id = $1",
      [resident.id],
    );
    expect(audit.rows).toEqual([{ actor_id: officer.id }]);

    const committee = await makeUser(ctx, {
      grant: { role: 'committee', areaCode: '440104003104', areaLevel: 'community' },
    });
    const member = await new Client(ctx.app).signInReady(committee.mobile, committee.password);
    expect((await member.post(`/api/users/${resident.id}/reveal-mobile`)).statusCode).toBe(403);
  });
});
