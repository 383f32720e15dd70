import {
  AreaRef,
  GrantBody,
  GrantParams,
  PasswordChangeBody,
  RevealedMobile,
  Session,
  SignInBody,
  User,
  UserCreateBody,
  UserList,
  UserListQuery,
  UserParams,
  UserUpdateBody,
} from '@linli/contract/accounts';
import { ErrorBody, Ok } from '@linli/contract/errors';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { clearSessionCookie, setSessionCookies } from '../../platform/auth';
import type { Db } from '../../platform/db';
import type { PersonalDataCipher } from '../../platform/personal-data';
import { exportUsers } from './export';
import * as accounts from './service';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  423: ErrorBody,
  429: ErrorBody,
};

export const accountRoutes: FastifyPluginAsyncZod<{
  db: Db;
  cipher: PersonalDataCipher;
  secureCookies: boolean;
}> = async (app, deps) => {
  const auth = ['auth'];
  const users = ['users'];

  app.post(
    '/api/auth/sign-in',
    {
      schema: {
        summary: 'Sign in with mobile number and password',
        tags: auth,
        body: SignInBody,
        response: { 200: Session, ...errors },
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      const { token, csrfToken, actor } = await accounts.signIn(deps, {
        ...request.body,
        sourceIp: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookies(reply, token, csrfToken, deps.secureCookies);
      return accounts.presentSession(deps, actor);
    },
  );
  app.get(
    '/api/auth/session',
    {
      schema: {
        summary: 'The signed-in user, grants, permissions and CSRF token',
        tags: auth,
        response: { 200: Session, ...errors },
      },
      config: { access: 'authenticated', allowDuringPasswordChange: true },
    },
    async (request) => accounts.presentSession(deps, request.actor!),
  );
  app.post(
    '/api/auth/sign-out',
    {
      schema: { summary: 'End this session', tags: auth, response: { 200: Ok, ...errors } },
      config: { access: 'authenticated', allowDuringPasswordChange: true },
    },
    async (request, reply) => {
      await accounts.signOut(deps, request.actor!);
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/auth/sign-out-everywhere',
    {
      schema: { summary: 'End every session of this account', tags: auth, response: { 200: Ok, ...errors } },
      config: { access: 'authenticated', allowDuringPasswordChange: true },
    },
    async (request, reply) => {
      await accounts.signOutEverywhere(deps, request.actor!);
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/auth/password',
    {
      schema: {
        summary: 'Change one’s own password',
        tags: auth,
        body: PasswordChangeBody,
        response: { 200: Session, ...errors },
      },
      config: { access: 'authenticated', allowDuringPasswordChange: true },
    },
    async (request) => accounts.presentSession(deps, await accounts.changePassword(deps, request.actor!, request.body)),
  );
  app.put(
    '/api/auth/current-area',
    {
      schema: {
        summary: 'Switch the jurisdiction the console works in',
        tags: auth,
        body: AreaRef,
        response: { 200: Session, ...errors },
      },
      config: { access: 'authenticated' },
    },
    async (request) => accounts.presentSession(deps, await accounts.setCurrentArea(deps, request.actor!, request.body)),
  );

  app.get(
    '/api/users',
    {
      schema: {
        summary: 'Users in the caller’s jurisdiction',
        tags: users,
        querystring: UserListQuery,
        response: { 200: UserList, ...errors },
      },
      config: { access: 'users.read' },
    },
    async (request) => accounts.listUsers(deps, request.actor!, request.query),
  );
  app.get(
    '/api/users/export',
    {
      schema: {
        summary: 'The filtered user list as .xlsx',
        tags: users,
        querystring: UserListQuery.omit({ cursor: true, limit: true }),
      },
      config: { access: 'users.read' },
    },
    async (request, reply) => exportUsers(deps, request.actor!, request.query, reply),
  );
  app.post(
    '/api/users',
    {
      schema: {
        summary: 'Create a user in the caller’s jurisdiction',
        tags: users,
        body: UserCreateBody,
        response: { 200: User, ...errors },
      },
      config: { access: 'users.create' },
    },
    async (request) =>
      accounts.getUser(deps, request.actor!, await accounts.createUser(deps, request.actor!, request.body)),
  );
  app.get(
    '/api/users/:id',
    {
      schema: { summary: 'One user', tags: users, params: UserParams, response: { 200: User, ...errors } },
      config: { access: 'users.read' },
    },
    async (request) => accounts.getUser(deps, request.actor!, request.params.id),
  );
  app.patch(
    '/api/users/:id',
    {
      schema: {
        summary: 'Change a user’s name or home area',
        tags: users,
        params: UserParams,
        body: UserUpdateBody,
        response: { 200: User, ...errors },
      },
      config: { access: 'users.update' },
    },
    async (request) => accounts.updateUser(deps, request.actor!, request.params.id, request.body),
  );
  app.post(
    '/api/users/:id/lock',
    {
      schema: {
        summary: 'Disable an account and end its sessions',
        tags: users,
        params: UserParams,
        response: { 200: User, ...errors },
      },
      config: { access: 'users.lock' },
    },
    async (request) => accounts.setUserLocked(deps, request.actor!, request.params.id, true),
  );
  app.post(
    '/api/users/:id/unlock',
    {
      schema: {
        summary: 'Re-enable an account and clear its lockout',
        tags: users,
        params: UserParams,
        response: { 200: User, ...errors },
      },
      config: { access: 'users.lock' },
    },
    async (request) => accounts.setUserLocked(deps, request.actor!, request.params.id, false),
  );
  app.post(
    '/api/users/:id/reveal-mobile',
    {
      schema: {
        summary: 'The full mobile number (audited)',
        tags: users,
        params: UserParams,
        response: { 200: RevealedMobile, ...errors },
      },
      config: { access: 'personalData.reveal' },
    },
    async (request) => accounts.revealMobile(deps, request.actor!, request.params.id),
  );
  app.post(
    '/api/users/:id/grants',
    {
      schema: {
        summary: 'Grant a role bound to an area',
        tags: users,
        params: UserParams,
        body: GrantBody,
        response: { 200: User, ...errors },
      },
      config: { access: 'roles.grant' },
    },
    async (request) => accounts.addGrant(deps, request.actor!, request.params.id, request.body),
  );
  app.delete(
    '/api/users/:id/grants/:grantId',
    {
      schema: { summary: 'Revoke a role grant', tags: users, params: GrantParams, response: { 200: User, ...errors } },
      config: { access: 'roles.grant' },
    },
    async (request) => accounts.removeGrant(deps, request.actor!, request.params.id, request.params.grantId),
  );
};
