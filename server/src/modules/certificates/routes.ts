import {
  Certificate,
  CertificateIdParams,
  CertificateList,
  CertificateNumberParams,
  CertificateRequestBody,
  OrgCertificateBody,
  OrgCertificateFilterQuery,
  OrgCertificateList,
  OrgCertificateListQuery,
  OrgParams,
  PublicCertificate,
  VerifyQuery,
} from '@linli/contract/certificates';
import { ErrorBody } from '@linli/contract/errors';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db';
import type { PersonalDataCipher } from '../../platform/personal-data';
import { exportOrgCertificates } from './export';
import * as svc from './service';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

/**
 * 志愿服务证明: requested by the volunteer, issued by an organization for its own records,
 * downloaded as a PDF, and verified by anyone from the QR code.
 */
export const certificateRoutes: FastifyPluginAsyncZod<{
  db: Db;
  cipher: PersonalDataCipher;
  /** LINLI_PUBLIC_URL: the prefix of the QR code's verification address; else the request's own origin */
  publicUrl?: string | undefined;
}> = async (app, deps) => {
  const tags = ['certificates'];
  app.post(
    '/api/volunteers/me/certificates',
    {
      schema: {
        summary: 'Request my service certificate for a period (all recording organizations, or one)',
        tags,
        body: CertificateRequestBody,
        response: { 200: Certificate, ...errors },
      },
      config: { access: 'volunteers.self' },
    },
    async (request) => svc.requestCertificate(deps, request.actor!, request.body),
  );
  app.get(
    '/api/volunteers/me/certificates',
    {
      schema: { summary: 'My service certificates, newest first', tags, response: { 200: CertificateList, ...errors } },
      config: { access: 'volunteers.self' },
    },
    async (request) => svc.listMyCertificates(deps, request.actor!),
  );
  app.post(
    '/api/organizations/:orgId/service-certificates',
    {
      schema: {
        summary: 'Certify the organization’s confirmed records of one of its volunteers (谁记录谁证明)',
        tags,
        params: OrgParams,
        body: OrgCertificateBody,
        response: { 200: Certificate, ...errors },
      },
      config: { access: 'serviceRecords.manage' },
    },
    async (request) => svc.issueForVolunteer(deps, request.actor!, request.params.orgId, request.body),
  );
  app.get(
    '/api/organizations/:orgId/service-certificates',
    {
      schema: {
        summary: 'Certificates covering the organization’s records, newest first, filtered, by pages',
        tags,
        params: OrgParams,
        querystring: OrgCertificateListQuery,
        response: { 200: OrgCertificateList, ...errors },
      },
      config: { access: 'serviceRecords.read' },
    },
    async (request) => svc.listOrgCertificates(deps, request.actor!, request.params.orgId, request.query),
  );
  app.get(
    '/api/organizations/:orgId/service-certificates/export',
    {
      schema: {
        summary: 'The organization’s certificates with the list’s filters as .xlsx (streamed; ID numbers masked)',
        tags,
        params: OrgParams,
        querystring: OrgCertificateFilterQuery,
      },
      config: { access: 'serviceRecords.read' },
    },
    async (request, reply) => exportOrgCertificates(deps, request.actor!, request.params.orgId, request.query, reply),
  );
  app.get(
    '/api/service-certificates/:id',
    {
      schema: {
        summary: 'One certificate (its volunteer, or the organization it covers)',
        tags,
        params: CertificateIdParams,
        response: { 200: Certificate, ...errors },
      },
      config: { access: 'authenticated' },
    },
    async (request) => svc.getCertificate(deps, request.actor!, request.params.id),
  );
  app.get(
    '/api/service-certificates/:id/pdf',
    {
      schema: { summary: 'The certificate as a PDF with the verification QR code', tags, params: CertificateIdParams },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const origin = deps.publicUrl ?? `${request.protocol}://${request.host}`;
      const { number, pdf } = await svc.certificatePdf(deps, request.actor!, request.params.id, origin);
      reply.header('content-type', 'application/pdf');
      reply.header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(`志愿服务证明-${number}.pdf`)}`,
      );
      return reply.send(pdf);
    },
  );
  app.get(
    '/api/public/service-certificates/:number',
    {
      schema: {
        summary: 'Verify a certificate from its QR code (no sign-in): totals and masked name if the signature holds',
        tags,
        params: CertificateNumberParams,
        querystring: VerifyQuery,
        response: { 200: PublicCertificate, 404: ErrorBody },
      },
      config: { access: 'public' },
    },
    async (request) => svc.verifyPublic(deps, request.params.number, request.query.sig),
  );
};
