import type { DrillDown, MetricKey } from '@linli/contract/statistics';
import type { Sums, UnitSums } from './queries';

/**
 * How each dashboard metric follows from the rollup sums of an area (or of one child area), and
 * which list holds the rows it counts. The list filters are the query of the list API and of the
 * console page, so a count figure always equals the length of its drill-down list.
 */
export type Bag = {
  orgs: Sums;
  activities: Sums;
  volunteers: Sums;
  service: Sums;
  units: UnitSums;
  townshipsWithHub: number;
  newThisYear: number;
  campaigns: Map<string, number>;
};

export type Measured = { value: number | null; numerator?: number; denominator?: number };

const n = (s: Sums, column: string) => s[column] ?? 0;
const count = (value: number): Measured => ({ value });
const rate = (numerator: number, denominator: number, scale: number, digits: number): Measured => ({
  value: denominator > 0 ? round((numerator / denominator) * scale, digits) : null,
  numerator,
  denominator,
});
function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
/** Hours shown are minutes / 60 to one decimal (volunteers/hours.ts). */
export const hoursOf = (minutes: number) => round(minutes / 60, 1);

type Definition = {
  measure: (b: Bag) => Measured;
  drillDown: (areaCode: string, year: number) => DrillDown | null;
};

const orgList = (query: Record<string, string>) => (areaCode: string) => ({
  path: '/organizations',
  query: { areaCode, established: 'true', ...query },
});
const activityList = (query: Record<string, string>) => (areaCode: string) => ({
  path: '/activities',
  query: { areaCode, ...query },
});

const orgCount = (column: string, query: Record<string, string>): Definition => ({
  measure: (b) => count(n(b.orgs, column)),
  drillDown: orgList(query),
});
const statusCount = (column: string, status: string): Definition => ({
  measure: (b) => count(n(b.orgs, column)),
  drillDown: (areaCode) => ({ path: '/organizations', query: { areaCode, status } }),
});
const heldCount = (column: string, query: Record<string, string>): Definition => ({
  measure: (b) => count(n(b.activities, column)),
  drillDown: activityList({ held: 'true', ...query }),
});
const starCount = (star: number): Definition => ({
  measure: (b) => count(n(b.volunteers, `star_${star}`)),
  // the volunteers list has no star filter yet (its service belongs to the volunteers module): it
  // opens the area's volunteers, whose star column shows the level
  drillDown: (areaCode) => ({ path: '/volunteers', query: { areaCode } }),
});

export const definitions: Record<MetricKey, Definition> = {
  'orgs.established': orgCount('established', {}),
  'orgs.tier.registered': orgCount('tier_registered', { tier: 'registered' }),
  'orgs.tier.filed': orgCount('tier_filed', { tier: 'filed' }),
  'orgs.tier.guided': orgCount('tier_guided', { tier: 'guided' }),
  'orgs.category.charity': orgCount('category_charity', { category: 'charity' }),
  'orgs.category.livingServices': orgCount('category_living_services', { category: 'livingServices' }),
  'orgs.category.communityAffairs': orgCount('category_community_affairs', { category: 'communityAffairs' }),
  'orgs.category.cultureSports': orgCount('category_culture_sports', { category: 'cultureSports' }),
  'orgs.status.pending': statusCount('status_pending', 'pending'),
  'orgs.status.notEstablished': statusCount('status_not_established', 'notEstablished'),
  'orgs.status.active': statusCount('status_active', 'active'),
  'orgs.status.suspended': statusCount('status_suspended', 'suspended'),
  'orgs.status.abnormal': statusCount('status_abnormal', 'abnormal'),
  'orgs.status.dissolved': statusCount('status_dissolved', 'dissolved'),
  'orgs.hubKind.hub': orgCount('hub_hub', { hubKind: 'hub' }),
  'orgs.hubKind.federation': orgCount('hub_federation', { hubKind: 'federation' }),
  'orgs.newThisYear': {
    measure: (b) => count(b.newThisYear),
    drillDown: (areaCode, year) => orgList({ foundedYear: String(year) })(areaCode),
  },
  // 004 专栏1: organizations in urban (居委会) / rural (村委会) communities per such community
  'orgs.perUrbanCommunity': {
    measure: (b) => rate(n(b.orgs, 'in_urban_community'), b.units.urban_communities, 1, 2),
    drillDown: orgList({ communityKind: 'urban' }),
  },
  'orgs.perRuralCommunity': {
    measure: (b) => rate(n(b.orgs, 'in_rural_community'), b.units.rural_communities, 1, 2),
    drillDown: orgList({ communityKind: 'rural' }),
  },
  // 003: townships (街道/乡镇) with at least one hub or federation, of all townships
  'townships.withHubShare': {
    measure: (b) => rate(b.townshipsWithHub, b.units.townships, 100, 1),
    drillDown: orgList({ isHub: 'true' }),
  },
  'orgs.partyCoverage': {
    measure: (b) =>
      rate(
        n(b.orgs, 'party_standalone') + n(b.orgs, 'party_joint') + n(b.orgs, 'party_instructor'),
        n(b.orgs, 'established'),
        100,
        1,
      ),
    drillDown: orgList({ hasPartyOrg: 'true' }),
  },
  'orgs.partyOrg.standalone': orgCount('party_standalone', { partyOrg: 'standalone' }),
  'orgs.partyOrg.joint': orgCount('party_joint', { partyOrg: 'joint' }),
  'orgs.partyOrg.instructor': orgCount('party_instructor', { partyOrg: 'instructor' }),
  'orgs.charterPartyClause': orgCount('charter_party_clause', { charterPartyClause: 'true' }),
  'orgs.brandOrg': orgCount('brand_org', { recognition: 'brandOrg' }),
  'orgs.modelOrg': orgCount('model_org', { recognition: 'modelOrg' }),
  'orgs.demonstrationSite': orgCount('demonstration_site', { recognition: 'demonstrationSite' }),
  'activities.held': heldCount('held', {}),
  'activities.field.theory': heldCount('field_theory', { field: 'theory' }),
  'activities.field.customs': heldCount('field_customs', { field: 'customs' }),
  'activities.field.cultureSports': heldCount('field_culture_sports', { field: 'cultureSports' }),
  'activities.field.services': heldCount('field_services', { field: 'services' }),
  'activities.field.mediation': heldCount('field_mediation', { field: 'mediation' }),
  'activities.completed': {
    measure: (b) => count(n(b.activities, 'status_completed')),
    drillDown: activityList({ status: 'completed' }),
  },
  'activities.participants': {
    measure: (b) => count(n(b.activities, 'participants')),
    drillDown: activityList({ status: 'completed' }),
  },
  'volunteers.total': {
    measure: (b) => count(n(b.volunteers, 'volunteers')),
    drillDown: (areaCode) => ({ path: '/volunteers', query: { areaCode } }),
  },
  'volunteers.star.1': starCount(1),
  'volunteers.star.2': starCount(2),
  'volunteers.star.3': starCount(3),
  'volunteers.star.4': starCount(4),
  'volunteers.star.5': starCount(5),
  'service.confirmedRecords': {
    measure: (b) => count(n(b.service, 'confirmed_records')),
    drillDown: (areaCode) => ({ path: '/service-records', query: { areaCode, status: 'confirmed' } }),
  },
  'service.confirmedHours': {
    measure: (b) => ({
      value: hoursOf(n(b.service, 'confirmed_minutes')),
      numerator: n(b.service, 'confirmed_minutes'),
    }),
    drillDown: (areaCode) => ({ path: '/service-records', query: { areaCode, status: 'confirmed' } }),
  },
  'incubation.countyCoverage': {
    measure: () => ({ value: null }),
    drillDown: () => null,
  },
};

/** A campaign's figure: held activities of that campaign. */
export const campaignDefinition = (campaign: string): Definition => ({
  measure: (b) => count(b.campaigns.get(campaign) ?? 0),
  drillDown: activityList({ held: 'true', campaign }),
});
