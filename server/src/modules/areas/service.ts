import { type Area, type AreaLevel, ROOT_AREA_CODE, subtreeRange } from '@linli/contract/areas';
import type { Queryable } from '../../platform/db';
import { areaErrors } from './errors';
import { nameGrams } from './import';
import { findAncestors, findArea, findChildren, searchAreas } from './queries';
import { type AreaRow, levelName, levelNumber } from './tables';

export function presentArea(row: AreaRow): Area {
  return {
    code: row.code,
    parentCode: row.parent_code,
    parentLevel: row.parent_level === null ? null : levelName(row.parent_level),
    level: levelName(row.level),
    name: row.name,
    fullName: row.full_name,
    kind: row.kind,
    hasChildren: row.child_count > 0,
  };
}

/** The area a code (and optional level) names, or AREA_NOT_FOUND. */
export async function getArea(db: Queryable, code: string, level?: AreaLevel): Promise<Area> {
  const row = await findArea(db, code, level === undefined ? undefined : levelNumber(level));
  if (!row) {
    throw areaErrors.AREA_NOT_FOUND([{ path: 'code', code: 'AREA_NOT_FOUND', message: '未找到该行政区划' }]);
  }
  return presentArea(row);
}

export async function getAreaWithAncestors(db: Queryable, code: string, level?: AreaLevel) {
  const area = await getArea(db, code, level);
  const ancestors = await findAncestors(db, area.code, levelNumber(area.level));
  return { area, ancestors: ancestors.map(presentArea) };
}

export async function listChildren(db: Queryable, code: string, level?: AreaLevel) {
  const area = await getArea(db, code, level);
  const rows = await findChildren(db, area.code, levelNumber(area.level));
  return { items: rows.map(presentArea) };
}

export async function searchAreasByName(
  db: Queryable,
  input: { q: string; within?: string; level?: AreaLevel; limit: number },
) {
  const scope = input.within ? await getArea(db, input.within) : { code: ROOT_AREA_CODE, level: 'country' as const };
  const { lo, hi } = subtreeRange(scope.code, scope.level);
  const q = input.q.trim();
  const rows = await searchAreas(db, {
    q,
    grams: Array.from(q).length >= 2 ? nameGrams(q) : [],
    lo,
    hi,
    level: input.level === undefined ? null : levelNumber(input.level),
    limit: input.limit,
  });
  return { items: rows.map(presentArea) };
}
