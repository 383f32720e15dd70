import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { Client, createTestContext, makeUser } from '../../test/harness';
import { SESSION_CHANNEL } from './session-cache';

// A long TTL: whatever the tests see change before a minute is over was invalidated, not expired.
const ctx = await createTestContext({ sessionCacheMs: 60_000 });

async function eventually(check: () => Promise<boolean>, ms = 3000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

async function officer() {
  const user = await makeUser(ctx);
  const client = await new Client(ctx.app).signInReady(user.mobile, user.password);
  expect((await client.get('/api/organizations')).statusCode).toBe(200);
  return { user, client };
}

/** A change that fires no trigger: what the cache cannot know about, so a request still served from it shows. */
async function silently(sql: string, values: unknown[]) {
  const conn = await ctx.db.connect();
  try {
    await conn.query('BEGIN');
    await conn.query('SET LOCAL session_replication_role = replica');
    await conn.query(sql, values);
    await conn.query('COMMIT');
  } finally {
    conn.release();
  }
}

describe('session cache', () => {
  it('serves a signed-in request from memory while nothing notifies a change', async () => {
    const { user, client } = await officer();
    await silently("UPDATE users SET status = 'disabled' WHERE id = $1", [user.id]);
    expect((await client.get('/api/organizations')).statusCode).toBe(200);
  });

  it('drops the session when another process revokes the role, by the notification', async () => {
    const { user, client } = await officer();
    await ctx.db.query('DELETE FROM role_grants WHERE user_id = $1', [user.id]);
    expect(await eventually(async () => (await client.get('/api/organizations')).statusCode === 403)).toBe(true);
  });

  it('drops the session when another process disables the account', async () => {
    const { user, client } = await officer();
    await ctx.db.query("UPDATE users SET status = 'disabled' WHERE id = $1", [user.id]);
    expect(await eventually(async () => (await client.get('/api/organizations')).statusCode === 401)).toBe(true);
  });

  it('refuses a signed-out session at once on the next request', async () => {
    const { client } = await officer();
    const replay = client.fork();
    expect((await client.post('/api/auth/sign-out', {})).statusCode).toBe(200);
    expect((await replay.get('/api/organizations')).statusCode).toBe(401);
  });

  it('sees its own switch of the current area on the very next request', async () => {
    const { client } = await officer();
    const { rows } = await ctx.db.query<{ code: string }>(
      "SELECT code FROM areas WHERE parent_code = '440104003000' AND level = 5 ORDER BY code LIMIT 1",
    );
    const code = rows[0]!.code;
    expect((await client.request('PUT', '/api/auth/current-area', { code, level: 'community' })).statusCode).toBe(200);
    expect((await client.get('/api/auth/session')).json().currentArea.code).toBe(code);
  });

  it('notifies a real change of a session, but not the last-seen touch (0019)', async () => {
    const { user } = await officer();
    const listener = new pg.Client({ connectionString: ctx.db.options.connectionString });
    await listener.connect();
    try {
      const heard: string[] = [];
      listener.on('notification', (m) => heard.push(m.payload ?? ''));
      await listener.query(`LISTEN ${SESSION_CHANNEL}`);
      // notifications arrive in commit order: the marker after the touch comes first if the touch is quiet
      await ctx.db.query("UPDATE sessions SET last_seen_at = now() - interval '1 minute' WHERE user_id = $1", [
        user.id,
      ]);
      await ctx.db.query(`SELECT pg_notify('${SESSION_CHANNEL}', 'marker-1')`);
      await ctx.db.query(
        "UPDATE sessions SET current_area_code = '440104003000', current_area_level = 4 WHERE user_id = $1",
        [user.id],
      );
      await ctx.db.query(`SELECT pg_notify('${SESSION_CHANNEL}', 'marker-2')`);
      expect(await eventually(async () => heard.includes('marker-2'))).toBe(true);
      expect(heard).toEqual(['marker-1', user.id, 'marker-2']);
    } finally {
      await listener.end();
    }
  });

  it('caches nothing while its listener is gone, and listens again', async () => {
    const { user, client } = await officer();
    await ctx.db.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'linli-sessions' AND datname = current_database()",
    );
    // while reconnecting, a silent change is seen: nothing is served from memory
    await silently("UPDATE users SET status = 'disabled' WHERE id = $1", [user.id]);
    expect(await eventually(async () => (await client.get('/api/organizations')).statusCode === 401)).toBe(true);
    // listening again: the connection shows in pg_stat_activity a moment before its LISTEN has answered,
    // so what proves it is a fresh session served from memory across a silent change
    const cachingAgain = await eventually(async () => {
      const again = await officer();
      await again.client.get('/api/organizations');
      await silently("UPDATE users SET status = 'disabled' WHERE id = $1", [again.user.id]);
      return (await again.client.get('/api/organizations')).statusCode === 200;
    }, 5000);
    expect(cachingAgain).toBe(true);
  });
});
