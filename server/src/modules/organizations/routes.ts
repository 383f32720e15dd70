import { ErrorBody } from '@linli/contract/errors';
import {
  ChangeBody,
  DecisionBody,
  DissolveBody,
  EstablishBody,
  FilingList,
  Organization,
  OrgDisclosure,
  OrgList,
  OrgListQuery,
  OrgParams,
  StatusBody,
  UpgradeBody,
} from '@linli/contract/organizations';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../platform/db';
import type { PersonalDataCipher } from '../../platform/personal-data';
import { exportOrganizations } from './export';
import * as orgs from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const FilingParams = z.object({ id: z.uuid({ message: 'id.invalid' }) });
const Created = z.object({ orgId: z.string(), filingId: z.string() });

export const organizationRoutes: FastifyPluginAsyncZod<{ db: Db; cipher: PersonalDataCipher }> = async (app, deps) => {
  const tags = ['organizations'];
  const show = (actor: Parameters<typeof orgs.getOrganization>[1], id: string) => orgs.getOrganization(deps, actor, id);

  app.get(
    '/api/organizations',
    {
      schema: {
        summary: 'Organizations in the caller’s jurisdiction',
        tags,
        querystring: OrgListQuery,
        response: { 200: OrgList, ...errors },
      },
      config: { access: 'organizations.read' },
    },
    async (request) => orgs.listOrganizations(deps, request.actor!, request.query),
  );
  app.get(
    '/api/organizations/export',
    {
      schema: {
        summary: 'The filtered list as .xlsx (streamed)',
        tags,
        querystring: OrgListQuery.omit({ cursor: true, limit: true }),
      },
      config: { access: 'organizations.read' },
    },
    async (request, reply) => exportOrganizations(deps, request.actor!, request.query, reply),
  );
  app.post(
    '/api/organizations',
    {
      schema: {
        summary: 'File a new organization (establish)',
        tags,
        body: EstablishBody,
        response: { 200: Created, ...errors },
      },
      config: { access: 'filings.submit' },
    },
    async (request) => orgs.establishOrganization(deps, request.actor!, request.body),
  );
  app.get(
    '/api/organizations/:id',
    {
      schema: {
        summary: 'One organization with leaders (masked) and its filing timeline',
        tags,
        params: OrgParams,
        response: { 200: Organization, ...errors },
      },
      config: { access: 'authenticated' },
    },
    async (request) => show(request.actor!, request.params.id),
  );
  app.post(
    '/api/organizations/:id/changes',
    {
      schema: {
        summary: 'File a change of the record',
        tags,
        params: OrgParams,
        body: ChangeBody,
        response: { 200: Organization, ...errors },
      },
      config: { access: 'filings.submit' },
    },
    async (request) => {
      await orgs.fileChange(deps, request.actor!, request.params.id, request.body);
      return show(request.actor!, request.params.id);
    },
  );
  app.post(
    '/api/organizations/:id/dissolution',
    {
      schema: {
        summary: 'File the dissolution (注销)',
        tags,
        params: OrgParams,
        body: DissolveBody,
        response: { 200: Organization, ...errors },
      },
      config: { access: 'filings.submit' },
    },
    async (request) => {
      await orgs.fileDissolve(deps, request.actor!, request.params.id, request.body.reason);
      return show(request.actor!, request.params.id);
    },
  );
  app.post(
    '/api/organizations/:id/upgrade',
    {
      schema: {
        summary: 'File an upgrade: guided → filed → registered',
        tags,
        params: OrgParams,
        body: UpgradeBody,
        response: { 200: Organization, ...errors },
      },
      config: { access: 'filings.submit' },
    },
    async (request) => {
      await orgs.fileUpgrade(deps, request.actor!, request.params.id, request.body);
      return show(request.actor!, request.params.id);
    },
  );
  app.post(
    '/api/organizations/:id/status',
    {
      schema: {
        summary: 'Suspend, mark abnormal, restore, or let an abnormal organization exit',
        tags,
        params: OrgParams,
        body: StatusBody.extend({ status: z.enum(['active', 'suspended', 'abnormal', 'dissolved']) }),
        response: { 200: Organization, ...errors },
      },
      config: { access: 'organizations.supervise' },
    },
    async (request) =>
      show(request.actor!, await orgs.setOrganizationStatus(deps, request.actor!, request.params.id, request.body)),
  );

  app.get(
    '/api/filings/queue',
    {
      schema: {
        summary: 'Filings waiting for a step the caller may take',
        tags,
        response: { 200: FilingList, ...errors },
      },
      config: { access: 'organizations.read' },
    },
    async (request) => orgs.listReviewQueue(deps, request.actor!),
  );
  app.get(
    '/api/filings/mine',
    {
      schema: { summary: 'Filings the caller submitted', tags, response: { 200: FilingList, ...errors } },
      config: { access: 'filings.submit' },
    },
    async (request) => orgs.listMyFilings(deps, request.actor!),
  );
  for (const [path, step, access] of [
    ['committee-opinion', 'committeeOpinion', 'filings.committeeReview'],
    ['township-decision', 'townshipDecision', 'filings.townshipDecide'],
    ['civil-affairs-record', 'civilAffairsRecord', 'filings.civilAffairsRecord'],
  ] as const) {
    app.post(
      `/api/filings/:id/${path}`,
      {
        schema: {
          summary: `Filing step: ${step} (approve, reject, return for changes)`,
          tags,
          params: FilingParams,
          body: DecisionBody,
          response: { 200: Organization, ...errors },
        },
        config: { access },
      },
      async (request) =>
        show(request.actor!, await orgs.decideFiling(deps, request.actor!, request.params.id, step, request.body)),
    );
  }
  app.post(
    '/api/filings/:id/resubmission',
    {
      schema: {
        summary: 'Resubmit a returned filing, with corrections',
        tags,
        params: FilingParams,
        body: ChangeBody,
        response: { 200: Organization, ...errors },
      },
      config: { access: 'filings.submit' },
    },
    async (request) =>
      show(request.actor!, await orgs.resubmitFiling(deps, request.actor!, request.params.id, request.body)),
  );

  app.get(
    '/api/public/organizations/:id',
    {
      schema: {
        summary: 'The public disclosure page of an organization (no personal data)',
        tags: ['public'],
        params: OrgParams,
        response: { 200: OrgDisclosure, 400: ErrorBody, 404: ErrorBody },
      },
      config: { access: 'public' },
    },
    async (request) => orgs.getDisclosure(deps, request.params.id),
  );
};
