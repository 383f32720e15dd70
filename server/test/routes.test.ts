import { permissionKeys } from '@linli/contract/permissions';
import { describe, expect, it } from 'vitest';
import { createTestContext } from './harness';

const ctx = await createTestContext();
const allowed = new Set<unknown>([...permissionKeys, 'public', 'authenticated']);

describe('every API route declares its permission', () => {
  const apiRoutes = ctx.routes.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));

  it('covers the routes of every module', () => {
    expect(apiRoutes.length).toBeGreaterThan(20);
  });

  for (const route of apiRoutes) {
    it(`${String(route.method)} ${route.url}`, () => {
      expect(
        allowed.has(route.access),
        `${String(route.method)} ${route.url} declares no permission from the registry`,
      ).toBe(true);
    });
  }

  it('a route registered without a declaration is refused at run time too', async () => {
    const { buildApp } = await import('../src/app');
    const app = await buildApp({ db: ctx.db, cipher: ctx.cipher });
    app.get('/api/undeclared', async () => ({ secret: true }));
    const res = await app.inject({ method: 'GET', url: '/api/undeclared' });
    expect(res.statusCode).toBe(403);
    await app.close();
  });
});
