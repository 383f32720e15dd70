import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { RouteAccess } from '@linli/contract/permissions';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type Actor, checkRouteAccess } from './access';
import { platformErrors } from './errors';

export const SESSION_COOKIE = 'linli_session';
export const CSRF_COOKIE = 'linli_csrf';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** every route declares it; the route-coverage test fails a route without one */
    access?: RouteAccess;
    /** sign-out and the password change itself stay open to an account that must change its password */
    allowDuringPasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export type SessionResolver = (tokenHash: Buffer, sourceIp: string) => Promise<Actor | null>;

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b || a.length !== b.length) {
    return false;
  }
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export function setSessionCookies(reply: FastifyReply, token: string, csrfToken: string, secure: boolean): void {
  const base = { path: '/', sameSite: 'lax' as const, secure };
  reply.setCookie(SESSION_COOKIE, token, { ...base, httpOnly: true });
  reply.setCookie(CSRF_COOKIE, csrfToken, { ...base, httpOnly: false });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/**
 * Sessions and CSRF. The session token lives in an httpOnly SameSite=Lax cookie; the database
 * keeps only its SHA-256. CSRF is double-submit: every unsafe request carries the `linli_csrf`
 * cookie's value in the x-csrf-token header, and with a session it must also be the session's token.
 * Then each route's declared access is checked before its handler runs.
 */
export const authPlugin = fp(
  async (app: FastifyInstance, opts: { resolveSession: SessionResolver; secureCookies: boolean }) => {
    await app.register(cookie);
    app.decorateRequest('actor', null);

    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const token = request.cookies[SESSION_COOKIE];
      const actor = token ? await opts.resolveSession(hashToken(token), request.ip) : null;
      request.actor = actor;
      if (!request.cookies[CSRF_COOKIE]) {
        reply.setCookie(CSRF_COOKIE, newToken(), { path: '/', sameSite: 'lax', secure: opts.secureCookies });
      }
      if (token && !actor) {
        clearSessionCookie(reply);
      }
    });

    app.addHook('preHandler', async (request: FastifyRequest) => {
      const config = request.routeOptions.config;
      if (UNSAFE.has(request.method) && request.url.startsWith('/api/')) {
        const header = request.headers[CSRF_HEADER];
        const sent = Array.isArray(header) ? header[0] : header;
        if (!sameToken(sent, request.cookies[CSRF_COOKIE])) {
          throw platformErrors.CSRF_INVALID();
        }
        if (request.actor && !sameToken(sent, request.actor.csrfToken)) {
          throw platformErrors.CSRF_INVALID();
        }
      }
      if (config.access === undefined) {
        // only framework routes (static files, docs) lack a declaration; /api routes never do
        const url = request.routeOptions.url;
        if (url?.startsWith('/api/') && !url.startsWith('/api/docs')) {
          throw platformErrors.FORBIDDEN();
        }
        return;
      }
      checkRouteAccess(request.actor, config.access, config.allowDuringPasswordChange === true);
    });
  },
  { name: 'linli-auth' },
);
