import type { Queryable } from '../../platform/db';
import type { CertificateRow, CertificateStatement } from './tables';

const SELECT = `SELECT id, number, volunteer_id, org_id, issued_by_kind, to_char(period_from, 'YYYY-MM-DD') AS period_from,
  to_char(period_to, 'YYYY-MM-DD') AS period_to, statement, signature, total_minutes, area_code, issued_by, issued_at
  FROM service_certificates`;

export type CertificateWrite = {
  number: string;
  volunteerId: string;
  orgId: string | null;
  kind: CertificateRow['issued_by_kind'];
  statement: CertificateStatement;
  signature: string;
  areaCode: string;
  issuedBy: string;
  issuedAt: Date;
};

export async function insertCertificate(db: Queryable, c: CertificateWrite): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO service_certificates (number, volunteer_id, org_id, issued_by_kind, period_from, period_to, statement,
       signature, total_minutes, area_code, issued_by, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [
      c.number,
      c.volunteerId,
      c.orgId,
      c.kind,
      c.statement.period.from,
      c.statement.period.to,
      JSON.stringify(c.statement),
      c.signature,
      c.statement.totalMinutes,
      c.areaCode,
      c.issuedBy,
      c.issuedAt,
    ],
  );
  return rows[0]!.id;
}

export async function findCertificate(db: Queryable, id: string): Promise<CertificateRow | null> {
  const { rows } = await db.query<CertificateRow>(`${SELECT} WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function findCertificateByNumber(db: Queryable, number: string): Promise<CertificateRow | null> {
  const { rows } = await db.query<CertificateRow>(`${SELECT} WHERE number = $1`, [number]);
  return rows[0] ?? null;
}

/** A volunteer's certificates, newest first (their own list). */
export async function listCertificatesOfVolunteer(db: Queryable, volunteerId: string): Promise<CertificateRow[]> {
  const { rows } = await db.query<CertificateRow>(
    `${SELECT} WHERE volunteer_id = $1 ORDER BY issued_at DESC, id LIMIT 200`,
    [volunteerId],
  );
  return rows;
}

export type OrgCertificateFilter = {
  orgId: string;
  /** upper-case certificate number (exact), or part of the volunteer's name */
  q?: string | undefined;
  kind?: CertificateRow['issued_by_kind'] | undefined;
  /** issued at or after / before these instants */
  issuedFrom?: Date | undefined;
  issuedBefore?: Date | undefined;
  after?: { issuedAt: Date; id: string } | undefined;
  limit: number;
};

/**
 * The certificates covering one organization's records only, newest first, filtered, by keyset
 * (issued_at, id) on the `service_certificates_org` index.
 */
export async function listCertificatesOfOrg(db: Queryable, f: OrgCertificateFilter): Promise<CertificateRow[]> {
  const { rows } = await db.query<CertificateRow>(
    `${SELECT} WHERE org_id = $1
       AND ($2::text IS NULL OR number = upper($2) OR strpos(statement->'volunteer'->>'name', $2) > 0)
       AND ($3::text IS NULL OR issued_by_kind = $3)
       AND ($4::timestamptz IS NULL OR issued_at >= $4)
       AND ($5::timestamptz IS NULL OR issued_at < $5)
       AND ($6::timestamptz IS NULL OR (issued_at, id) < ($6, $7::uuid))
     ORDER BY issued_at DESC, id DESC LIMIT $8`,
    [
      f.orgId,
      f.q || null,
      f.kind ?? null,
      f.issuedFrom ?? null,
      f.issuedBefore ?? null,
      f.after?.issuedAt ?? null,
      f.after?.id ?? null,
      f.limit,
    ],
  );
  return rows;
}
