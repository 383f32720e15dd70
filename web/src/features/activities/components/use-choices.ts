import type { Venue } from '@linli/contract/activities';
import type { TFunction } from 'i18next';
import { useEffect, useMemo, useState } from 'react';
import { useAccess } from '../../../app/access';
import { useSession } from '../../../app/session';
import { type Campaign, getOrganizationName, listCampaigns, listVenues, type OrgChoice } from '../api';

const presetKeys = ['neighborWatch', 'letsTalk', 'safeCommunity', 'civicCulture', 'ruralRevitalization'] as const;
type PresetKey = (typeof presetKeys)[number];
const isPreset = (key: string): key is PresetKey => (presetKeys as readonly string[]).includes(key);

/** A campaign's name: a preset in the reader's language, a province's own by its recorded name. */
export function campaignLabel(t: TFunction, key: string | null, campaigns: readonly Campaign[] = []): string {
  if (!key) {
    return t('activityPages.noCampaign');
  }
  if (isPreset(key)) {
    return t(`activities.campaign.${key}`);
  }
  return campaigns.find((campaign) => campaign.key === key)?.name ?? key;
}

/** The campaigns the user may choose (the presets and those of their provinces). */
export function useCampaigns(): Campaign[] {
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    listCampaigns(controller.signal).then(
      (list) => setCampaigns(list.items),
      () => undefined,
    );
    return () => controller.abort();
  }, []);
  return campaigns;
}

/** The venues the user may read (officers: the jurisdiction; organizations: their county). */
export function useVenues(reloadKey = 0): { venues: Venue[]; error: unknown; isLoading: boolean } {
  const { can } = useAccess();
  const mayRead = can('venues.read');
  const [state, setState] = useState<{ venues: Venue[]; error: unknown; isLoading: boolean }>({
    venues: [],
    error: null,
    isLoading: mayRead,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: reloadKey is the reload trigger
  useEffect(() => {
    if (!mayRead) {
      return;
    }
    const controller = new AbortController();
    setState((current) => ({ ...current, isLoading: true, error: null }));
    listVenues(controller.signal).then(
      (list) => setState({ venues: list.items, error: null, isLoading: false }),
      (error: unknown) => {
        if (!controller.signal.aborted) {
          setState({ venues: [], error, isLoading: false });
        }
      },
    );
    return () => controller.abort();
  }, [mayRead, reloadKey]);
  return state;
}

/** The organizations the user administers (their orgAdmin grants), with names. */
export function useOwnOrganizations(): OrgChoice[] {
  const session = useSession();
  const ids = useMemo(
    () => [
      ...new Set(
        session.grants.flatMap((grant) => (grant.role === 'orgAdmin' && grant.orgId !== null ? [grant.orgId] : [])),
      ),
    ],
    [session.grants],
  );
  const [orgs, setOrgs] = useState<OrgChoice[]>([]);
  const idsKey = ids.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: idsKey stands for ids
  useEffect(() => {
    const controller = new AbortController();
    Promise.all(
      ids.map((id) =>
        getOrganizationName(id, controller.signal).then(
          (org) => ({ id: org.id, name: org.name }),
          () => null,
        ),
      ),
    ).then(
      (found) => setOrgs(found.filter((org): org is OrgChoice => org !== null)),
      () => undefined,
    );
    return () => controller.abort();
  }, [idsKey]);
  return orgs;
}
