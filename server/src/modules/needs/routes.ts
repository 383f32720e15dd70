import { ErrorBody, Ok } from '@linli/contract/errors';
import {
  AcceptBody,
  AssignedQuery,
  CompleteBody,
  DispatchBody,
  Need,
  NeedBody,
  NeedList,
  NeedListQuery,
  NeedParams,
  NeedQueueList,
  NeedStats,
  NeedStatsQuery,
  OrgIdParams,
  OrgRatingSummary,
  RatingBody,
  ReasonBody,
  RevealedContact,
} from '@linli/contract/needs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Actor } from '../../platform/access';
import type { Db } from '../../platform/db';
import type { PersonalDataCipher } from '../../platform/personal-data';
import { exportNeeds } from './export';
import * as svc from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const NeedFilterQuery = NeedListQuery.omit({ cursor: true, limit: true });
const ListQuery = NeedListQuery.pick({ cursor: true, limit: true, status: true, isOpen: true });

/**
 * C4 needs and dispatch: post (residents, committee), the dispatch queue and its steps (venue
 * officers by level), the organizations' steps, the poster's rating and cancellation; lists,
 * statistics, export; an organization's ratings for its pages.
 */
export const needRoutes: FastifyPluginAsyncZod<{ db: Db; cipher: PersonalDataCipher }> = async (app, deps) => {
  const tags = ['needs'];
  const show = (actor: Actor, id: string) => svc.getNeed(deps, actor, id);

  app.post(
    '/api/needs',
    {
      schema: {
        summary: '群众点单: post a need for a community (contact stored encrypted)',
        tags,
        body: NeedBody,
        response: { 200: Need, ...errors },
      },
      config: { access: 'needs.post' },
    },
    async (request) => show(request.actor!, await svc.postNeed(deps, request.actor!, request.body)),
  );
  app.get(
    '/api/needs',
    {
      schema: {
        summary: 'Needs in the caller’s jurisdiction, oldest first, with filters',
        tags,
        querystring: NeedListQuery,
        response: { 200: NeedList, ...errors },
      },
      config: { access: 'needs.read' },
    },
    async (request) => svc.listNeeds(deps, request.actor!, request.query),
  );
  app.get(
    '/api/needs/export',
    {
      schema: {
        summary: 'The filtered list as .xlsx (streamed; no personal data)',
        tags,
        querystring: NeedFilterQuery,
      },
      config: { access: 'needs.read' },
    },
    async (request, reply) => exportNeeds(deps, request.actor!, request.query, reply),
  );
  app.get(
    '/api/needs/stats',
    {
      schema: {
        summary: 'Response and completion times (median, p90) and counts, per child area and per organization',
        tags,
        querystring: NeedStatsQuery,
        response: { 200: NeedStats, ...errors },
      },
      config: { access: 'needs.read' },
    },
    async (request) => svc.needStatistics(deps, request.actor!, request.query),
  );
  app.get(
    '/api/needs/queue',
    {
      schema: {
        summary: 'Needs waiting for the caller to dispatch (by the level it dispatches at), oldest first',
        tags,
        response: { 200: NeedQueueList, ...errors },
      },
      config: { access: 'needs.dispatch' },
    },
    async (request) => svc.listDispatchQueue(deps, request.actor!),
  );
  app.get(
    '/api/needs/mine',
    {
      schema: {
        summary: 'Needs the caller posted, newest first',
        tags,
        querystring: ListQuery,
        response: { 200: NeedList, ...errors },
      },
      config: { access: 'needs.post' },
    },
    async (request) => svc.listMyNeeds(deps, request.actor!, request.query),
  );
  app.get(
    '/api/needs/assigned',
    {
      schema: {
        summary: 'Needs with the organizations the caller administers (dispatched, accepted, done), oldest first',
        tags,
        querystring: ListQuery.extend(AssignedQuery.shape),
        response: { 200: NeedList, ...errors },
      },
      config: { access: 'needs.accept' },
    },
    async (request) => svc.listAssigned(deps, request.actor!, request.query),
  );
  app.get(
    '/api/needs/:id',
    {
      schema: {
        summary: 'One need with its timeline; the contact is masked unless the caller posted it',
        tags,
        params: NeedParams,
        response: { 200: Need, ...errors },
      },
      config: { access: 'authenticated' },
    },
    async (request) => show(request.actor!, request.params.id),
  );
  app.post(
    '/api/needs/:id/contact',
    {
      schema: {
        summary: 'The full contact, for the handling officers and the serving organization (audited)',
        tags,
        params: NeedParams,
        response: { 200: RevealedContact, ...errors },
      },
      config: { access: 'authenticated' },
    },
    async (request) => svc.revealContact(deps, request.actor!, request.params.id),
  );

  // ─── the dispatcher's steps ───
  app.post(
    '/api/needs/:id/dispatch',
    {
      schema: {
        summary: '中心派单: dispatch to an active organization of the area the level covers',
        tags,
        params: NeedParams,
        body: DispatchBody,
        response: { 200: Need, ...errors },
      },
      config: { access: 'needs.dispatch' },
    },
    async (request) =>
      show(request.actor!, await svc.dispatchNeed(deps, request.actor!, request.params.id, request.body)),
  );
  app.post(
    '/api/needs/:id/redispatch',
    {
      schema: {
        summary: 'Send it one level up (station → institute → center) with the reason',
        tags,
        params: NeedParams,
        body: ReasonBody,
        response: { 200: Need, ...errors },
      },
      config: { access: 'needs.dispatch' },
    },
    async (request) =>
      show(request.actor!, await svc.redispatchNeed(deps, request.actor!, request.params.id, request.body.reason)),
  );
  app.post(
    '/api/needs/:id/decline',
    {
      schema: {
        summary: 'Decline it, with the reason',
        tags,
        params: NeedParams,
        body: ReasonBody,
        response: { 200: Need, ...errors },
      },
      config: { access: 'needs.dispatch' },
    },
    async (request) =>
      show(request.actor!, await svc.declineNeed(deps, request.actor!, request.params.id, request.body.reason)),
  );

  // ─── the organization's steps ───
  app.post(
    '/api/needs/:id/acceptance',
    {
      schema: {
        summary: '接单: accept as a draft activity (prefilled from the need) or as a volunteer task',
        tags,
        params: NeedParams,
        body: AcceptBody,
        response: { 200: Need, ...errors },
      },
      config: { access: 'needs.accept' },
    },
    async (request) =>
      show(request.actor!, await svc.acceptNeed(deps, request.actor!, request.params.id, request.body)),
  );
  app.post(
    '/api/needs/:id/refusal',
    {
      schema: {
        summary:
          'Refuse it with the reason: back to the queue of the level that dispatched it (and out of the organization’s sight)',
        tags,
        params: NeedParams,
        body: ReasonBody,
        response: { 200: Ok, ...errors },
      },
      config: { access: 'needs.accept' },
    },
    async (request) => {
      await svc.refuseNeed(deps, request.actor!, request.params.id, request.body.reason);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/needs/:id/completion',
    {
      schema: {
        summary: 'Report it done, with a note',
        tags,
        params: NeedParams,
        body: CompleteBody,
        response: { 200: Need, ...errors },
      },
      config: { access: 'needs.accept' },
    },
    async (request) =>
      show(request.actor!, await svc.completeNeed(deps, request.actor!, request.params.id, request.body.note)),
  );

  // ─── the poster's steps ───
  app.post(
    '/api/needs/:id/rating',
    {
      schema: {
        summary: '群众评单: rate a done need once, 1–5 stars with a comment',
        tags,
        params: NeedParams,
        body: RatingBody,
        response: { 200: Need, ...errors },
      },
      config: { access: 'needs.post' },
    },
    async (request) => show(request.actor!, await svc.rateNeed(deps, request.actor!, request.params.id, request.body)),
  );
  app.post(
    '/api/needs/:id/cancellation',
    {
      schema: {
        summary: 'Withdraw a need nobody has accepted yet, with the reason',
        tags,
        params: NeedParams,
        body: ReasonBody,
        response: { 200: Need, ...errors },
      },
      config: { access: 'needs.post' },
    },
    async (request) =>
      show(request.actor!, await svc.cancelNeed(deps, request.actor!, request.params.id, request.body.reason)),
  );

  // ─── an organization's ratings (its console detail and public pages) ───
  app.get(
    '/api/public/organizations/:id/ratings',
    {
      schema: {
        summary: 'Ratings the organization received: count, average, distribution, recent comments (no personal data)',
        tags: ['public'],
        params: OrgIdParams,
        response: { 200: OrgRatingSummary, 400: ErrorBody, 404: ErrorBody },
      },
      config: { access: 'public' },
    },
    async (request) => svc.getOrgRatings(deps, request.params.id),
  );
};
