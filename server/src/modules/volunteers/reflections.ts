import { subtreeRange } from '@linli/contract/areas';
import type { PermissionKey } from '@linli/contract/permissions';
import type {
  Reflection,
  ReflectionBody,
  ReflectionListQuery,
  ShowcaseProject,
  ShowcaseQuery,
} from '@linli/contract/volunteers';
import { REFLECTION_PHOTOS_MAX } from '@linli/contract/volunteers';
import { type Actor, auditContextOf } from '../../platform/access';
import { appendAudit } from '../../platform/audit';
import { type Tx, withTransaction } from '../../platform/db';
import { platformErrors } from '../../platform/errors';
import { maskName } from '../../platform/personal-data';
import { photoErrors, preparePhoto } from '../activities/index';
import { reflectionErrors, volunteerErrors } from './errors';
import { accessFor, mayReadReflection, mayReviewReflection, reflectionAbilities } from './policy';
import * as q from './queries';
import { levelOfCode, type VolunteerDeps } from './service';
import type { ReflectionPhotoRow, ReflectionRow } from './tables';

/**
 * 心得体会 and 志愿服务展示 (issue 5 item 6): a volunteer who served in a project writes about it,
 * with photos; the project's organization publishes it or sends it back with a reason; the public
 * showcase lists projects with their published reflections and photos, the authors' names masked.
 * Kept beside service.ts (which holds the rest of the module's commands) because it is a whole
 * sub-capability with its own table; it uses the same queries.ts, policy.ts and errors.ts.
 */

async function audit(
  tx: Tx,
  deps: VolunteerDeps,
  actor: Actor,
  permission: PermissionKey,
  x: { id: string; area_code: string },
  action: string,
  before: unknown,
  after: unknown,
) {
  await appendAudit(tx, deps.cipher.auditKey, auditContextOf(actor, permission, x.area_code), {
    action,
    entity: 'reflection',
    entityId: x.id,
    areaCode: x.area_code,
    before,
    after,
  });
}

const photoUrls = (isPublic: boolean, reflectionId: string, p: ReflectionPhotoRow) => {
  const url = `/api/${isPublic ? 'public/' : ''}reflections/${reflectionId}/photos/${p.id}`;
  return { id: p.id, width: p.width, height: p.height, url, thumbUrl: `${url}?size=thumb` };
};

function photosBy(rows: ReflectionPhotoRow[]): Map<string, ReflectionPhotoRow[]> {
  const by = new Map<string, ReflectionPhotoRow[]>();
  for (const p of rows) {
    by.set(p.reflection_id, [...(by.get(p.reflection_id) ?? []), p]);
  }
  return by;
}

function present(actor: Actor, x: ReflectionRow, photos: ReflectionPhotoRow[]): Reflection {
  return {
    id: x.id,
    projectId: x.project_id,
    projectTitle: x.project_title,
    orgId: x.org_id,
    orgName: x.org_name,
    volunteerId: x.volunteer_id,
    authorName: x.volunteer_name,
    title: x.title,
    text: x.body,
    status: x.status,
    reviewReason: x.review_reason,
    reviewedAt: x.reviewed_at?.toISOString() ?? null,
    publishedAt: x.published_at?.toISOString() ?? null,
    createdAt: x.created_at.toISOString(),
    photos: photos.map((p) => photoUrls(false, x.id, p)),
    abilities: reflectionAbilities(actor, x),
  };
}

async function presentAll(deps: VolunteerDeps, actor: Actor, rows: ReflectionRow[]): Promise<Reflection[]> {
  const photos = photosBy(
    await q.findReflectionPhotos(
      deps.db,
      rows.map((x) => x.id),
    ),
  );
  return rows.map((x) => present(actor, x, photos.get(x.id) ?? []));
}

/** The reflection when the actor may read it; 404 otherwise (missing and not yours look the same). */
async function readable(deps: VolunteerDeps, actor: Actor, id: string): Promise<ReflectionRow> {
  const x = await q.findReflection(deps.db, id);
  if (!x || !mayReadReflection(actor, x)) {
    throw platformErrors.NOT_FOUND();
  }
  return x;
}

export async function getReflection(deps: VolunteerDeps, actor: Actor, id: string): Promise<Reflection> {
  const [presented] = await presentAll(deps, actor, [await readable(deps, actor, id)]);
  return presented!;
}

/**
 * writeReflection — a volunteer writes about a project they served in: a finished record of it
 * (checked out, pending or confirmed) is required. Waits for the organization's review.
 * Audits `reflection.write`.
 */
export async function writeReflection(deps: VolunteerDeps, actor: Actor, body: ReflectionBody): Promise<string> {
  const v = await q.findVolunteerByUser(deps.db, actor.userId);
  if (!v) {
    throw volunteerErrors.VOLUNTEER_NOT_REGISTERED();
  }
  const project = await q.findProject(deps.db, body.projectId);
  if (!project || !(await q.hasServedIn(deps.db, v.id, project.id))) {
    throw reflectionErrors.REFLECTION_NOT_SERVED([
      {
        path: 'projectId',
        code: 'REFLECTION_NOT_SERVED',
        message: '只有在该项目服务过（已签退）的志愿者才能写心得体会',
      },
    ]);
  }
  return withTransaction(deps.db, async (tx) => {
    const id = await q.insertReflection(tx, {
      volunteerId: v.id,
      projectId: project.id,
      orgId: project.org_id,
      areaCode: project.area_code,
      title: body.title,
      body: body.text,
      createdBy: actor.userId,
    });
    await audit(tx, deps, actor, 'volunteers.self', { id, area_code: project.area_code }, 'reflection.write', null, {
      projectId: project.id,
      title: body.title,
    });
    return id;
  });
}

/**
 * addReflectionPhoto — the author adds a photo while the reflection waits for review: checked by
 * its bytes, resized, stored without metadata (activities/photos.ts). Audits `reflection.photo`.
 */
export async function addReflectionPhoto(deps: VolunteerDeps, actor: Actor, id: string, bytes: Buffer) {
  const photo = await preparePhoto(bytes);
  return withTransaction(deps.db, async (tx) => {
    const x = await q.findReflection(tx, id, true);
    if (!x || x.volunteer_user_id !== actor.userId) {
      throw platformErrors.NOT_FOUND();
    }
    if (x.status !== 'submitted') {
      throw reflectionErrors.REFLECTION_PHOTOS_LOCKED();
    }
    if ((await q.countReflectionPhotos(tx, id)) >= REFLECTION_PHOTOS_MAX) {
      throw reflectionErrors.REFLECTION_PHOTO_TOO_MANY();
    }
    const photoId = await q.insertReflectionPhoto(tx, { reflectionId: id, ...photo, uploadedBy: actor.userId });
    if (!photoId) {
      throw photoErrors.PHOTO_DUPLICATE();
    }
    await audit(tx, deps, actor, 'volunteers.self', x, 'reflection.photo', null, {
      photoId,
      sha256: photo.sha256.toString('hex'),
    });
    return photoId;
  });
}

/** A photo: the public one only of a published reflection; otherwise for whoever may read the reflection. */
export async function readReflectionPhoto(
  deps: VolunteerDeps,
  actor: Actor | null,
  id: string,
  photoId: string,
  size: 'display' | 'thumb',
): Promise<Buffer> {
  if (actor) {
    await readable(deps, actor, id);
  }
  const bytes = await q.readReflectionPhoto(deps.db, id, photoId, size, actor === null);
  if (!bytes) {
    throw platformErrors.NOT_FOUND();
  }
  return bytes;
}

/**
 * reviewReflection — the project's organization publishes a submitted reflection (it goes onto
 * the showcase) or sends it back with a reason the volunteer sees. Audits `reflection.publish`
 * or `reflection.reject`.
 */
export async function reviewReflection(
  deps: VolunteerDeps,
  actor: Actor,
  id: string,
  decision: { to: 'published' } | { to: 'rejected'; reason: string },
): Promise<string> {
  return withTransaction(deps.db, async (tx) => {
    const x = await q.findReflection(tx, id, true);
    if (!x || !mayReadReflection(actor, x)) {
      throw platformErrors.NOT_FOUND();
    }
    if (!mayReviewReflection(actor, x)) {
      throw platformErrors.FORBIDDEN();
    }
    if (x.status !== 'submitted') {
      throw reflectionErrors.REFLECTION_ALREADY_REVIEWED();
    }
    const reason = decision.to === 'rejected' ? decision.reason : null;
    await q.setReflectionReview(tx, id, { status: decision.to, reason, by: actor.userId });
    await audit(
      tx,
      deps,
      actor,
      'volunteerProjects.manage',
      x,
      decision.to === 'published' ? 'reflection.publish' : 'reflection.reject',
      { status: x.status },
      { status: decision.to, reason },
    );
    return id;
  });
}

export async function listMyReflections(deps: VolunteerDeps, actor: Actor) {
  const v = await q.findVolunteerByUser(deps.db, actor.userId);
  if (!v) {
    throw volunteerErrors.VOLUNTEER_NOT_REGISTERED();
  }
  return { items: await presentAll(deps, actor, await q.listReflectionsOfVolunteer(deps.db, v.id)), nextCursor: null };
}

/** Reflections of the organization's projects (to review) or of the officers' jurisdiction, newest first. */
export async function listReflections(deps: VolunteerDeps, actor: Actor, query: ReflectionListQuery) {
  let after: { createdAt: Date; id: string } | undefined;
  if (query.cursor) {
    const [t, id] = query.cursor.split('_');
    if (!t || !id || Number.isNaN(Date.parse(t)) || !/^[0-9a-f-]{36}$/.test(id)) {
      throw platformErrors.VALIDATION_FAILED([{ path: 'cursor', code: 'invalid_format', message: '分页游标无效' }]);
    }
    after = { createdAt: new Date(t), id };
  }
  const rows = await q.listReflections(deps.db, {
    access: accessFor(actor, 'volunteerProjects.read'),
    orgId: query.orgId,
    projectId: query.projectId,
    status: query.status,
    after,
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await presentAll(deps, actor, page),
    nextCursor: rows.length > query.limit && last ? `${last.created_at.toISOString()}_${last.id}` : null,
  };
}

const SHOWCASE_REFLECTIONS = 10;
const SHOWCASE_PHOTOS = 9;

/**
 * The public showcase of an area's subtree: published or closed projects with at least one
 * published reflection, each with its reflections and their photos. Nothing about a volunteer
 * but the masked name.
 */
export async function listShowcase(deps: VolunteerDeps, query: ShowcaseQuery) {
  const projects = await q.listShowcaseProjects(deps.db, {
    within: subtreeRange(query.areaCode, levelOfCode(query.areaCode)),
    field: query.field,
    after: query.cursor,
    limit: query.limit + 1,
  });
  const page = projects.slice(0, query.limit);
  const reflections = await q.listPublishedReflections(
    deps.db,
    page.map((p) => p.id),
    SHOWCASE_REFLECTIONS,
  );
  const photos = photosBy(
    await q.findReflectionPhotos(
      deps.db,
      reflections.map((x) => x.id),
    ),
  );
  const items: ShowcaseProject[] = page.map((p) => {
    const own = reflections.filter((x) => x.project_id === p.id);
    const shown = own.map((x) => ({
      id: x.id,
      title: x.title,
      text: x.body,
      authorMaskedName: maskName(x.volunteer_name),
      publishedAt: x.published_at!.toISOString(),
      photos: (photos.get(x.id) ?? []).map((ph) => photoUrls(true, x.id, ph)),
    }));
    return {
      id: p.id,
      orgName: p.org_name,
      areaFullName: p.area_full_name ?? p.area_code,
      title: p.title,
      field: p.field,
      firstShiftAt: p.first_shift_at?.toISOString() ?? null,
      lastShiftAt: p.last_shift_at?.toISOString() ?? null,
      description: p.description,
      photos: shown.flatMap((x) => x.photos).slice(0, SHOWCASE_PHOTOS),
      reflectionCount: own[0]?.project_count ?? 0,
      reflections: shown,
    };
  });
  return { items, nextCursor: projects.length > query.limit ? page.at(-1)!.id : null };
}
