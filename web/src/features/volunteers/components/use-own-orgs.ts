import { useEffect, useMemo, useState } from 'react';
import { useSession } from '../../../app/session';
import { getOrganizationName, type OrgChoice } from '../api';

/** The organizations the user administers (their orgAdmin grants), with names. */
export function useOwnOrgs(): OrgChoice[] {
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
