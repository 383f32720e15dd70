import { type Scope, scopeSql } from '../../platform/access';
import type { Queryable } from '../../platform/db';
import { type FilingRow, type FilingStepRow, type LeaderRow, ORG_FIELD_COLUMNS, type OrgRow } from './tables';

const AREA_NAME = (column: string) =>
  `(SELECT a.full_name FROM areas a WHERE a.code = ${column} ORDER BY a.level LIMIT 1)`;

const ORG_COLUMNS = `o.id, o.name, o.tier, o.category, o.hub_kind, o.area_code, ${AREA_NAME('o.area_code')} AS area_full_name,
       to_char(o.founded_on, 'YYYY-MM-DD') AS founded_on, o.service_targets, o.venue, o.member_count,
       o.social_worker_count, o.certified_social_worker_count, o.party_org, o.charter_party_clause,
       o.credit_code, o.status, o.status_reason, o.created_at`;
const ORG_SELECT = `SELECT ${ORG_COLUMNS} FROM organizations o`;

export type OrgInsert = {
  name: string;
  nameKey: string;
  nameGrams: string[];
  tier: string;
  category: string;
  hubKind: string;
  areaCode: string;
  foundedOn: string;
  serviceTargets: string[];
  venue: string;
  memberCount: number;
  socialWorkerCount: number;
  certifiedSocialWorkerCount: number;
  partyOrg: string;
  charterPartyClause: boolean;
  creditCode: string | null;
  createdBy: string;
};

/** Inserts a pending record; null when the normalized name is taken in the township. */
export async function insertOrg(db: Queryable, o: OrgInsert): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO organizations (name, name_key, name_grams, tier, category, hub_kind, area_code, founded_on, service_targets,
       venue, member_count, social_worker_count, certified_social_worker_count, party_org, charter_party_clause,
       credit_code, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      o.name,
      o.nameKey,
      o.nameGrams,
      o.tier,
      o.category,
      o.hubKind,
      o.areaCode,
      o.foundedOn,
      o.serviceTargets,
      o.venue,
      o.memberCount,
      o.socialWorkerCount,
      o.certifiedSocialWorkerCount,
      o.partyOrg,
      o.charterPartyClause,
      o.creditCode,
      o.createdBy,
    ],
  );
  return rows[0]?.id ?? null;
}

export async function findOrgInScope(
  db: Queryable,
  id: string,
  scope: Scope,
  forUpdate = false,
): Promise<OrgRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query<OrgRow>(
    `${ORG_SELECT} WHERE o.id = $1 AND ${scopeSql('o.area_code', scope, params)}${forUpdate ? ' FOR UPDATE OF o' : ''}`,
    params,
  );
  return rows[0] ?? null;
}

export async function findOrgById(db: Queryable, id: string): Promise<OrgRow | null> {
  const { rows } = await db.query<OrgRow>(`${ORG_SELECT} WHERE o.id = $1`, [id]);
  return rows[0] ?? null;
}

/** Whether another live record in the township already uses this normalized name. */
export async function isNameTaken(db: Queryable, areaCode: string, nameKey: string, exceptId: string | null) {
  const { rowCount } = await db.query(
    `SELECT 1 FROM organizations
      WHERE substr(area_code, 1, 9) = substr($1, 1, 9) AND name_key = $2
        AND status NOT IN ('dissolved', 'notEstablished') AND ($3::uuid IS NULL OR id <> $3)`,
    [areaCode, nameKey, exceptId],
  );
  return (rowCount ?? 0) > 0;
}

export async function isCreditCodeTaken(db: Queryable, creditCode: string, exceptId: string | null) {
  const { rowCount } = await db.query(
    'SELECT 1 FROM organizations WHERE credit_code = $1 AND ($2::uuid IS NULL OR id <> $2)',
    [creditCode, exceptId],
  );
  return (rowCount ?? 0) > 0;
}

/** Applies field changes (keys of ORG_FIELD_COLUMNS, plus name_key/name_grams/tier/credit_code). */
export async function updateOrg(db: Queryable, id: string, changes: Record<string, unknown>): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [key, value] of Object.entries(changes)) {
    const column = ORG_FIELD_COLUMNS[key as keyof typeof ORG_FIELD_COLUMNS] ?? key;
    if (!/^[a-z_]+$/.test(column)) {
      throw new Error(`not a column: ${column}`);
    }
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  }
  if (sets.length > 0) {
    await db.query(`UPDATE organizations SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
  }
}

export async function setOrgStatus(db: Queryable, id: string, status: string, reason: string | null): Promise<void> {
  await db.query('UPDATE organizations SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1', [
    id,
    status,
    reason,
  ]);
}

export type OrgListFilter = {
  scope: Scope;
  grams?: string[];
  nameLike?: string;
  creditCode?: string;
  leaderMobileHash?: Buffer;
  tier?: string;
  category?: string;
  hubKind?: string;
  status?: string;
  serviceTarget?: string;
  partyOrg?: string;
  foundedYear?: number;
  within?: { lo: string; hi: string };
  established?: boolean;
  isHub?: boolean;
  hasPartyOrg?: boolean;
  charterPartyClause?: boolean;
  recognition?: string;
  communityKind?: string;
  sort: 'name' | 'founded';
  after?: { key: string; id: string };
  limit: number;
};

/**
 * Organizations in scope, filtered, keyset-paginated: by name in pinyin order (the `pinyin` ICU
 * collation, migration 0006), or by founding date, newest first.
 */
export async function listOrgsInScope(db: Queryable, f: OrgListFilter): Promise<(OrgRow & { sort_key: string })[]> {
  const params: unknown[] = [];
  const where = [scopeSql('o.area_code', f.scope, params)];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    where.push(sql(`$${params.length}`));
  };
  if (f.grams && f.grams.length > 0) {
    add((p) => `o.name_grams @> ${p}::text[]`, f.grams);
  }
  if (f.nameLike) {
    add((p) => `strpos(o.name_key, ${p}) > 0`, f.nameLike);
  }
  if (f.creditCode) {
    add((p) => `o.credit_code = ${p}`, f.creditCode);
  }
  if (f.leaderMobileHash) {
    add(
      (p) => `EXISTS (SELECT 1 FROM org_leaders l WHERE l.org_id = o.id AND l.mobile_hash = ${p})`,
      f.leaderMobileHash,
    );
  }
  for (const [column, value] of [
    ['o.tier', f.tier],
    ['o.category', f.category],
    ['o.hub_kind', f.hubKind],
    ['o.status', f.status],
    ['o.party_org', f.partyOrg],
  ] as const) {
    if (value) {
      add((p) => `${column} = ${p}`, value);
    }
  }
  if (f.serviceTarget) {
    add((p) => `${p} = ANY(o.service_targets)`, f.serviceTarget);
  }
  if (f.foundedYear) {
    add((p) => `o.founded_on >= make_date(${p}, 1, 1) AND o.founded_on < make_date(${p} + 1, 1, 1)`, f.foundedYear);
  }
  if (f.within) {
    params.push(f.within.lo, f.within.hi);
    where.push(`o.area_code BETWEEN $${params.length - 1} AND $${params.length}`);
  }
  // the statistics rollups (migration 0016) count by the same predicates
  if (f.established) {
    where.push(`o.status IN ('active', 'suspended', 'abnormal')`);
  }
  if (f.isHub) {
    where.push(`o.hub_kind IN ('hub', 'federation')`);
  }
  if (f.hasPartyOrg) {
    where.push(`o.party_org <> 'none'`);
  }
  if (f.charterPartyClause) {
    where.push('o.charter_party_clause');
  }
  if (f.recognition) {
    // the recognitions themselves, not the copy on the row the rollups count: a figure that
    // drifted from them shows as a difference from this list
    add(
      (p) =>
        `EXISTS (SELECT 1 FROM org_recognitions r WHERE r.org_id = o.id AND r.kind = ${p} AND r.revoked_at IS NULL)`,
      f.recognition,
    );
  }
  if (f.communityKind) {
    add(
      (p) => `EXISTS (SELECT 1 FROM areas a WHERE a.code = o.area_code AND a.level = 5 AND a.kind = ${p})`,
      f.communityKind,
    );
  }
  // ORDER BY the indexed expression itself (organizations_name_pinyin, organizations_founded)
  const sortKey = f.sort === 'name' ? 'o.name COLLATE pinyin' : 'o.founded_on';
  const cursorKey = f.sort === 'name' ? 'o.name' : `to_char(o.founded_on, 'YYYY-MM-DD')`;
  const keyType = f.sort === 'name' ? 'text' : 'date';
  const direction = f.sort === 'name' ? 'ASC' : 'DESC';
  const comparison = f.sort === 'name' ? '>' : '<';
  if (f.after) {
    params.push(f.after.key, f.after.id);
    where.push(`(${sortKey}, o.id) ${comparison} ($${params.length - 1}::${keyType}, $${params.length}::uuid)`);
  }
  params.push(f.limit);
  const { rows } = await db.query<OrgRow & { sort_key: string }>(
    `SELECT ${cursorKey} AS sort_key, ${ORG_COLUMNS} FROM organizations o
      WHERE ${where.join(' AND ')}
      ORDER BY ${sortKey} ${direction}, o.id ${direction}
      LIMIT $${params.length}`,
    params,
  );
  return rows;
}

export async function insertLeaders(
  db: Queryable,
  orgId: string,
  leaders: { name: string; role: string; mobileEnc: Buffer; mobileHash: Buffer }[],
): Promise<void> {
  for (const l of leaders) {
    await db.query(
      'INSERT INTO org_leaders (org_id, name, role, mobile_enc, mobile_hash) VALUES ($1, $2, $3, $4, $5)',
      [orgId, l.name, l.role, l.mobileEnc, l.mobileHash],
    );
  }
}

export async function deleteLeaders(db: Queryable, orgId: string): Promise<void> {
  await db.query('DELETE FROM org_leaders WHERE org_id = $1', [orgId]);
}

const FILING_SELECT = `SELECT f.id, f.org_id, o.name AS org_name, f.act, f.tier, f.state, f.proposed, f.reason, f.area_code,
       ${AREA_NAME('f.area_code')} AS area_full_name, f.submitted_by, f.submitted_at, f.decided_at
  FROM filings f JOIN organizations o ON o.id = f.org_id`;

export async function insertFiling(
  db: Queryable,
  f: {
    orgId: string;
    act: string;
    tier: string;
    state: string;
    proposed: unknown;
    reason: string | null;
    areaCode: string;
    submittedBy: string;
  },
): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO filings (org_id, act, tier, state, proposed, reason, area_code, submitted_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
    [f.orgId, f.act, f.tier, f.state, JSON.stringify(f.proposed), f.reason, f.areaCode, f.submittedBy],
  );
  return rows[0]?.id ?? null;
}

/** A filing in `scope`, or (when `submitter` is given) one that person submitted; locked for the step. */
export async function findFilingForUpdate(db: Queryable, id: string, access: { scope: Scope; submitter?: string }) {
  const params: unknown[] = [id, access.submitter ?? null];
  const { rows } = await db.query<FilingRow>(
    `${FILING_SELECT} WHERE f.id = $1 AND (f.submitted_by = $2 OR ${scopeSql('f.area_code', access.scope, params)})
      FOR UPDATE OF f`,
    params,
  );
  return rows[0] ?? null;
}

/** Filings waiting in `states`, inside `scope`, oldest first (the review queue). */
export async function findFilingsAwaiting(db: Queryable, parts: { states: string[]; scope: Scope }[], limit: number) {
  const params: unknown[] = [];
  const clauses = parts
    .filter((p) => p.scope.ranges.length > 0)
    .map((p) => {
      params.push(p.states);
      const states = `$${params.length}`;
      return `(f.state = ANY(${states}::text[]) AND ${scopeSql('f.area_code', p.scope, params)})`;
    });
  if (clauses.length === 0) {
    return [];
  }
  params.push(limit);
  const { rows } = await db.query<FilingRow>(
    `${FILING_SELECT} WHERE ${clauses.join(' OR ')} ORDER BY f.submitted_at LIMIT $${params.length}`,
    params,
  );
  return rows;
}

/** The actor's own filings, newest first. */
export async function findFilingsBySubmitter(db: Queryable, actorId: string, limit: number) {
  const { rows } = await db.query<FilingRow>(
    `${FILING_SELECT} WHERE f.submitted_by = $1 ORDER BY f.submitted_at DESC LIMIT $2`,
    [actorId, limit],
  );
  return rows;
}

export async function updateFiling(
  db: Queryable,
  id: string,
  changes: { state: string; proposed?: unknown; decided: boolean },
): Promise<void> {
  await db.query(
    `UPDATE filings SET state = $2, proposed = coalesce($3::jsonb, proposed),
            decided_at = CASE WHEN $4 THEN now() ELSE decided_at END
      WHERE id = $1`,
    [id, changes.state, changes.proposed === undefined ? null : JSON.stringify(changes.proposed), changes.decided],
  );
}

export async function insertStep(
  db: Queryable,
  s: {
    filingId: string;
    step: string;
    decision: string | null;
    comment: string | null;
    actorId: string;
    actorRole: string | null;
  },
): Promise<void> {
  await db.query(
    'INSERT INTO filing_steps (filing_id, step, decision, comment, actor_id, actor_role) VALUES ($1, $2, $3, $4, $5, $6)',
    [s.filingId, s.step, s.decision, s.comment, s.actorId, s.actorRole],
  );
}

export async function findSteps(db: Queryable, filingIds: string[]): Promise<FilingStepRow[]> {
  if (filingIds.length === 0) {
    return [];
  }
  const { rows } = await db.query<FilingStepRow>(
    `SELECT s.filing_id, s.step, s.decision, s.comment, u.name AS actor_name, s.actor_role, s.at
       FROM filing_steps s LEFT JOIN users u ON u.id = s.actor_id
      WHERE s.filing_id = ANY($1::uuid[]) ORDER BY s.id`,
    [filingIds],
  );
  return rows;
}

/**
 * The organization with its leaders, filings and filing steps in ONE round trip (the detail page
 * is the registry's most frequent signed-in read). Child rows come back as JSON and are turned
 * into the same row types the separate queries return.
 */
export async function findOrgDetail(
  db: Queryable,
  id: string,
): Promise<{
  org: OrgRow;
  leaders: LeaderRow[];
  filings: FilingRow[];
  steps: FilingStepRow[];
  charter: CharterJson | null;
} | null> {
  // a named (prepared) statement: PostgreSQL plans it once per connection — planning this query
  // took three times as long as running it (bench/results/registry.md)
  const { rows } = await db.query<
    OrgRow & { leaders_json: LeaderJson[]; filings_json: FilingJson[]; charter_json: CharterJson | null }
  >({
    name: 'organizations.findOrgDetail',
    text: `SELECT ${ORG_COLUMNS},
       (SELECT coalesce(json_agg(json_build_object('id', l.id, 'name', l.name, 'role', l.role,
                 'mobile_enc', encode(l.mobile_enc, 'base64')) ORDER BY l.role DESC, l.name), '[]'::json)
          FROM org_leaders l WHERE l.org_id = o.id) AS leaders_json,
       (SELECT coalesce(json_agg(json_build_object('id', f.id, 'act', f.act, 'tier', f.tier, 'state', f.state,
                 'proposed', f.proposed, 'reason', f.reason, 'area_code', f.area_code,
                 'area_full_name', ${AREA_NAME('f.area_code')}, 'submitted_by', f.submitted_by,
                 'submitted_at', f.submitted_at, 'decided_at', f.decided_at,
                 'steps', (SELECT coalesce(json_agg(json_build_object('step', s.step, 'decision', s.decision,
                              'comment', s.comment, 'actor_name', u.name, 'actor_role', s.actor_role, 'at', s.at)
                              ORDER BY s.id), '[]'::json)
                             FROM filing_steps s LEFT JOIN users u ON u.id = s.actor_id WHERE s.filing_id = f.id))
                 ORDER BY f.submitted_at DESC), '[]'::json)
          FROM filings f WHERE f.org_id = o.id) AS filings_json,
       (SELECT json_build_object('file_name', c.file_name, 'file_type', c.file_type, 'size', c.size,
                 'uploaded_at', c.uploaded_at, 'uploaded_by_name', u.name)
          FROM org_charters c LEFT JOIN users u ON u.id = c.uploaded_by WHERE c.org_id = o.id) AS charter_json
     FROM organizations o WHERE o.id = $1`,
    values: [id],
  });
  const row = rows[0];
  if (!row) {
    return null;
  }
  const { leaders_json, filings_json, charter_json, ...org } = row;
  const steps: FilingStepRow[] = [];
  const filings = filings_json.map(({ steps: own, submitted_at, decided_at, ...f }): FilingRow => {
    for (const s of own) {
      steps.push({ ...s, filing_id: f.id, at: new Date(s.at) });
    }
    return {
      ...f,
      org_id: org.id,
      org_name: org.name,
      submitted_at: new Date(submitted_at),
      decided_at: decided_at === null ? null : new Date(decided_at),
    };
  });
  const leaders = leaders_json.map((l) => ({ ...l, org_id: org.id, mobile_enc: Buffer.from(l.mobile_enc, 'base64') }));
  return { org, leaders, filings, steps, charter: charter_json };
}

export type CharterJson = {
  file_name: string;
  file_type: string;
  size: number;
  uploaded_at: string;
  uploaded_by_name: string | null;
};

/** Stores the charter file, replacing an earlier one; returns the earlier one's name and hash for the audit. */
export async function upsertCharter(
  db: Queryable,
  c: { orgId: string; fileName: string; fileType: string; content: Buffer; sha256: Buffer; uploadedBy: string },
): Promise<{ file_name: string; sha256: Buffer } | null> {
  const { rows: before } = await db.query<{ file_name: string; sha256: Buffer }>(
    'SELECT file_name, sha256 FROM org_charters WHERE org_id = $1 FOR UPDATE',
    [c.orgId],
  );
  await db.query(
    `INSERT INTO org_charters (org_id, file_name, file_type, size, sha256, content, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (org_id) DO UPDATE SET file_name = EXCLUDED.file_name, file_type = EXCLUDED.file_type,
       size = EXCLUDED.size, sha256 = EXCLUDED.sha256, content = EXCLUDED.content,
       uploaded_by = EXCLUDED.uploaded_by, uploaded_at = now()`,
    [c.orgId, c.fileName, c.fileType, c.content.length, c.sha256, c.content, c.uploadedBy],
  );
  return before[0] ?? null;
}

export async function findCharterContent(
  db: Queryable,
  orgId: string,
): Promise<{ file_name: string; file_type: string; content: Buffer } | null> {
  const { rows } = await db.query<{ file_name: string; file_type: string; content: Buffer }>(
    'SELECT file_name, file_type, content FROM org_charters WHERE org_id = $1',
    [orgId],
  );
  return rows[0] ?? null;
}

type LeaderJson = Omit<LeaderRow, 'org_id' | 'mobile_enc'> & { mobile_enc: string };
type FilingJson = Omit<FilingRow, 'org_id' | 'org_name' | 'submitted_at' | 'decided_at'> & {
  submitted_at: string;
  decided_at: string | null;
  steps: (Omit<FilingStepRow, 'filing_id' | 'at'> & { at: string })[];
};

export type ReportRow = {
  id: string;
  org_id: string;
  org_name: string;
  kind: 'workReport' | 'annualReport';
  period: string;
  content: string;
  activity_count: number;
  state: 'submitted' | 'acknowledged' | 'commented';
  review_comment: string | null;
  area_code: string;
  submitted_at: Date;
  reviewed_at: Date | null;
};

const REPORT_SELECT = `SELECT r.id, r.org_id, o.name AS org_name, r.kind, r.period, r.content, r.activity_count, r.state,
       r.review_comment, r.area_code, r.submitted_at, r.reviewed_at
  FROM work_reports r JOIN organizations o ON o.id = r.org_id`;

/** Null when a report for this organization, kind and period already exists. */
export async function insertReport(
  db: Queryable,
  r: {
    orgId: string;
    kind: string;
    period: string;
    content: string;
    activityCount: number;
    areaCode: string;
    submittedBy: string;
  },
): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO work_reports (org_id, kind, period, content, activity_count, area_code, submitted_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (org_id, kind, period) DO NOTHING RETURNING id`,
    [r.orgId, r.kind, r.period, r.content, r.activityCount, r.areaCode, r.submittedBy],
  );
  return rows[0]?.id ?? null;
}

export async function findReportsOfOrg(db: Queryable, orgId: string): Promise<ReportRow[]> {
  const { rows } = await db.query<ReportRow>(`${REPORT_SELECT} WHERE r.org_id = $1 ORDER BY r.period DESC, r.kind`, [
    orgId,
  ]);
  return rows;
}

export async function findReportInScope(db: Queryable, id: string, scope: Scope): Promise<ReportRow | null> {
  const params: unknown[] = [id];
  const { rows } = await db.query<ReportRow>(
    `${REPORT_SELECT} WHERE r.id = $1 AND ${scopeSql('r.area_code', scope, params)} FOR UPDATE OF r`,
    params,
  );
  return rows[0] ?? null;
}

export async function reviewReport(db: Queryable, id: string, state: string, comment: string | null, reviewer: string) {
  await db.query(
    'UPDATE work_reports SET state = $2, review_comment = $3, reviewed_by = $4, reviewed_at = now() WHERE id = $1',
    [id, state, comment, reviewer],
  );
}

/** Active organizations in scope without a report of `kind` for `period`, oldest last report first. */
export async function findOverdue(db: Queryable, input: { scope: Scope; kind: string; period: string; limit: number }) {
  const params: unknown[] = [input.kind, input.period];
  const where = `o.status IN ('active', 'abnormal') AND ${scopeSql('o.area_code', input.scope, params)}
    AND NOT EXISTS (SELECT 1 FROM work_reports r WHERE r.org_id = o.id AND r.kind = $1 AND r.period = $2)`;
  const total = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM organizations o WHERE ${where}`, params);
  params.push(input.limit);
  const { rows } = await db.query<{
    id: string;
    name: string;
    area_code: string;
    area_full_name: string | null;
    last_report_at: Date | null;
  }>(
    `SELECT o.id, o.name, o.area_code, ${AREA_NAME('o.area_code')} AS area_full_name,
            (SELECT max(r.submitted_at) FROM work_reports r WHERE r.org_id = o.id AND r.kind = $1) AS last_report_at
       FROM organizations o WHERE ${where}
      ORDER BY last_report_at NULLS FIRST, o.id LIMIT $${params.length}`,
    params,
  );
  return { rows, total: total.rows[0]!.n };
}

export async function findAcknowledgedAnnualReports(db: Queryable, orgId: string) {
  const { rows } = await db.query<{ period: string; activity_count: number; content: string }>(
    `SELECT period, activity_count, content FROM work_reports
      WHERE org_id = $1 AND kind = 'annualReport' AND state = 'acknowledged' ORDER BY period DESC`,
    [orgId],
  );
  return rows;
}
