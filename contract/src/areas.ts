import { z } from 'zod';

/** The five levels of the statistical division tree, plus the national root (GLOSSARY: area level). */
export const areaLevels = ['country', 'province', 'city', 'county', 'township', 'community'] as const;
export type AreaLevel = (typeof areaLevels)[number];

/** Level-5 kind: 居委会/社区 → urban, 村委会 → rural (statistical code digits 10–12, see docs/glossary.md). */
export const areaKinds = ['urban', 'rural', 'other'] as const;
export type AreaKind = (typeof areaKinds)[number];

/** The national root: not a statistical code, the parent of the 31 provinces. */
export const ROOT_AREA_CODE = '000000000000';

/** Digits of the code that identify a node at each level (0 for the root). */
export const prefixLengthByLevel: Record<AreaLevel, number> = {
  country: 0,
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  community: 12,
};

export const AreaCode = z
  .string()
  .regex(/^\d{12}$/, { message: 'area.code.invalid' })
  .describe('12-digit statistical division code');
export type AreaCode = z.infer<typeof AreaCode>;

export const Area = z.object({
  code: AreaCode,
  parentCode: AreaCode.nullable(),
  parentLevel: z.enum(areaLevels).nullable(),
  level: z.enum(areaLevels),
  name: z.string(),
  fullName: z.string(),
  kind: z.enum(areaKinds).nullable(),
  hasChildren: z.boolean(),
});
export type Area = z.infer<typeof Area>;

export const AreaParams = z.object({ code: AreaCode });
/**
 * A few codes name two nodes: 东莞/中山/儋州 are cities whose placeholder county has the same
 * 12-digit code, and 金门 repeats its county code at township and community level. `level`
 * picks one; without it the shallowest node is meant (their subtrees hold the same rows).
 */
export const AreaNodeQuery = z.object({ level: z.enum(areaLevels).optional() });
export type AreaNodeQuery = z.infer<typeof AreaNodeQuery>;
export type AreaParams = z.infer<typeof AreaParams>;

export const AreaWithAncestors = z.object({ area: Area, ancestors: z.array(Area) });
export type AreaWithAncestors = z.infer<typeof AreaWithAncestors>;

export const AreaList = z.object({ items: z.array(Area) });
export type AreaList = z.infer<typeof AreaList>;

export const AreaSearchQuery = z.object({
  q: z.string().trim().min(1, { message: 'area.search.tooShort' }).max(40),
  within: AreaCode.optional().describe('search inside this subtree (defaults to the caller’s jurisdictions)'),
  level: z.enum(areaLevels).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type AreaSearchQuery = z.infer<typeof AreaSearchQuery>;

/** The inclusive code range of a node's subtree: the SQL jurisdiction filter is `code BETWEEN lo AND hi`. */
export function subtreeRange(code: string, level: AreaLevel): { lo: string; hi: string } {
  const prefix = code.slice(0, prefixLengthByLevel[level]);
  return { lo: prefix.padEnd(12, '0'), hi: prefix.padEnd(12, '9') };
}

/**
 * The level a 12-digit code names by its trailing zeros — enough for a subtree filter (the few
 * codes naming two nodes have the same subtree either way).
 */
export function levelOfAreaCode(code: string): AreaLevel {
  const levels: [number, AreaLevel][] = [
    [0, 'country'],
    [2, 'province'],
    [4, 'city'],
    [6, 'county'],
    [9, 'township'],
  ];
  for (const [digits, level] of levels) {
    if (/^0+$/.test(code.slice(digits))) {
      return level;
    }
  }
  return 'community';
}

/** Whether `code` lies in the subtree of `ancestor` (inclusive). */
export function isWithin(code: string, ancestor: string, ancestorLevel: AreaLevel): boolean {
  return code.startsWith(ancestor.slice(0, prefixLengthByLevel[ancestorLevel]));
}
