import type { CertificateIssuer } from '@linli/contract/certificates';

/**
 * The signed statement of a 志愿服务证明: every field the certificate states, signed as
 * canonical JSON (signature.ts). Stored as is in `service_certificates.statement`.
 */
export type CertificateStatement = {
  v: 1;
  number: string;
  volunteer: { id: string; name: string; idNumberMasked: string };
  period: { from: string; to: string };
  organizations: {
    orgId: string;
    name: string;
    minutes: number;
    records: number;
    projects: string[];
    content: string;
  }[];
  totalMinutes: number;
  issuedBy: { kind: CertificateIssuer; orgId: string | null; orgName: string | null };
  issuedAt: string;
};

/** A row of `service_certificates` (server/migrations/0015_service_certificates.sql). */
export type CertificateRow = {
  id: string;
  number: string;
  volunteer_id: string;
  org_id: string | null;
  issued_by_kind: CertificateIssuer;
  period_from: string;
  period_to: string;
  statement: CertificateStatement;
  signature: string;
  total_minutes: number;
  area_code: string;
  issued_by: string;
  issued_at: Date;
};
