import { z } from 'zod';

/**
 * 志愿服务证明 (C5; 《志愿服务记录与证明出具办法》: 谁记录谁证明): a signed statement of a
 * volunteer's confirmed service for a period — per recording organization and in total — with
 * a public verification page reached from the QR code on the PDF.
 */

const Id = z.uuid({ message: 'id.invalid' });
const DateOnly = z.iso.date({ message: 'date.invalid' });

/** Who asked for it: the volunteer (all recording organizations, or one) or an organization (its own records). */
export const certificateIssuers = ['volunteer', 'organization'] as const;
export type CertificateIssuer = (typeof certificateIssuers)[number];

/** A period of China calendar days, both ends included. */
const Period = { from: DateOnly, to: DateOnly };

export const CertificateRequestBody = z.object({
  ...Period,
  orgId: Id.optional().describe('only the records of this recording organization'),
});
export type CertificateRequestBody = z.infer<typeof CertificateRequestBody>;

export const OrgCertificateBody = z.object({ volunteerId: Id, ...Period });
export type OrgCertificateBody = z.infer<typeof OrgCertificateBody>;

export const CertificateOrganization = z.object({
  orgId: z.string(),
  name: z.string(),
  minutes: z.number(),
  hours: z.number(),
  records: z.number(),
  /** distinct project titles, at most ten */
  projects: z.array(z.string()),
  /** the service content, summarised from the records */
  content: z.string(),
});
export type CertificateOrganization = z.infer<typeof CertificateOrganization>;

export const Certificate = z.object({
  id: z.string(),
  number: z.string(),
  volunteerId: z.string(),
  volunteerName: z.string(),
  idNumberMasked: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  organizations: z.array(CertificateOrganization),
  totalMinutes: z.number(),
  totalHours: z.number(),
  issuedByKind: z.enum(certificateIssuers),
  /** the issuing organization when one issued it (or the certificate covers one only) */
  issuerOrgName: z.string().nullable(),
  issuedAt: z.string(),
  signature: z.string(),
  /** the public verification page: /verify/certificates/:number?sig=… */
  verifyPath: z.string(),
});
export type Certificate = z.infer<typeof Certificate>;

export const CertificateList = z.object({ items: z.array(Certificate) });
export type CertificateList = z.infer<typeof CertificateList>;

/** An organization's certificates: filters shared by the list and its .xlsx export. */
export const OrgCertificateFilterQuery = z.object({
  q: z.string().trim().max(60).optional().describe('the certificate number, or part of the volunteer’s name'),
  issuedByKind: z.enum(certificateIssuers).optional(),
  issuedFrom: DateOnly.optional().describe('issued on or after this China day'),
  issuedTo: DateOnly.optional().describe('issued on or before this China day'),
});
export type OrgCertificateFilterQuery = z.infer<typeof OrgCertificateFilterQuery>;
export const OrgCertificateListQuery = OrgCertificateFilterQuery.extend({
  cursor: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type OrgCertificateListQuery = z.infer<typeof OrgCertificateListQuery>;
export const OrgCertificateList = z.object({ items: z.array(Certificate), nextCursor: z.string().nullable() });
export type OrgCertificateList = z.infer<typeof OrgCertificateList>;

export const CertificateIdParams = z.object({ id: Id });
export const OrgParams = z.object({ orgId: Id });
/** Any text: a malformed number answers "not valid" like a forged one, never a 400. */
export const CertificateNumberParams = z.object({ number: z.string().max(60) });
export const VerifyQuery = z.object({ sig: z.string().max(200).default('') });

/** What the public page shows when the signature verifies: no personal data beyond the masked name. */
export const PublicCertificate = z.object({
  valid: z.literal(true),
  number: z.string(),
  volunteerNameMasked: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  organizations: z.array(z.object({ name: z.string(), hours: z.number(), minutes: z.number() })),
  totalMinutes: z.number(),
  totalHours: z.number(),
  issuerOrgName: z.string().nullable(),
  issuedAt: z.string(),
});
export type PublicCertificate = z.infer<typeof PublicCertificate>;

export const certificateErrorCodes = ['CERTIFICATE_NOT_VALID', 'CERTIFICATE_NO_SERVICE'] as const;
