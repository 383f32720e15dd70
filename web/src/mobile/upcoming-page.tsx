import { Button, DotLoading, ErrorBlock, Tag } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../app/error-text';
import { type Community, useRememberedCommunity } from './community';
import { CommunityPicker } from './community-picker';
import { chinaDay, whenText } from './format';
import { listPublicActivities, type PublicActivityItem } from './mobile-api';
import { MobileShell } from './mobile-shell';

/**
 * 社区活动 (`/m`): the published activities of the resident's community from today on, soonest
 * first. The community is chosen once and remembered on the device; no sign-in.
 */
export function UpcomingPage() {
  const { t } = useTranslation();
  const [community, remember] = useRememberedCommunity();
  const [isPicking, setPicking] = useState(false);

  return (
    <MobileShell
      title={t('activityMobile.upcomingTitle')}
      actions={
        <Link to="/m/needs" className="linli-m-brand" style={{ fontSize: 17, fontWeight: 400 }}>
          {t('needs.mobile.myNeeds')}
        </Link>
      }
    >
      <h1>{t('activityMobile.upcomingTitle')}</h1>
      <section className="linli-m-community" aria-label={t('activityMobile.myCommunity')}>
        <div>
          <span className="linli-m-muted">{t('activityMobile.myCommunity')}</span>
          <strong>{community ? community.name : t('activityMobile.noCommunity')}</strong>
          {community ? <span className="linli-m-muted">{community.fullName}</span> : null}
        </div>
        <Button color="primary" fill={community ? 'outline' : 'solid'} onClick={() => setPicking(true)}>
          {community ? t('activityMobile.change') : t('activityMobile.choose')}
        </Button>
      </section>
      <Link to="/m/volunteer" className="linli-m-card">
        {t('volunteerMobile.entry')}
      </Link>
      {community ? <Upcoming community={community} /> : null}
      <CommunityPicker visible={isPicking} onClose={() => setPicking(false)} onPick={remember} />
    </MobileShell>
  );
}

function Upcoming({ community }: { community: Community }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<PublicActivityItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [isLoading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const today = chinaDay(new Date());

  const load = (from: string | undefined, signal?: AbortSignal) => {
    setLoading(true);
    setError(null);
    listPublicActivities({ communityCode: community.code, from: today, cursor: from }, signal).then(
      (page) => {
        setItems((current) => (from ? [...current, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (caught: unknown) => {
        if (!signal?.aborted) {
          setError(caught);
          setLoading(false);
        }
      },
    );
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new community starts the list again
  useEffect(() => {
    const controller = new AbortController();
    setItems([]);
    load(undefined, controller.signal);
    return () => controller.abort();
  }, [community.code]);

  if (error && items.length === 0) {
    return <ErrorBlock status="default" title={errorText(error)} description="" />;
  }
  return (
    <section aria-labelledby="linli-m-upcoming">
      <h2 id="linli-m-upcoming">{t('activityMobile.upcoming')}</h2>
      {items.length === 0 && !isLoading ? <p className="linli-m-muted">{t('activityMobile.none')}</p> : null}
      <ul className="linli-m-list">
        {items.map((item) => (
          <li key={item.id}>
            <Link to={`/m/activities/${item.id}`} className="linli-m-card">
              <div className="linli-m-card-when">{whenText(item.startsAt, item.endsAt)}</div>
              <div className="linli-m-card-title">{item.title}</div>
              <div>{item.place}</div>
              <div className="linli-m-muted">
                {item.orgName}{' '}
                <Tag color="primary" fill="outline">
                  {t(`activities.field.${item.field}`)}
                </Tag>
              </div>
            </Link>
          </li>
        ))}
      </ul>
      {isLoading ? (
        <p style={{ textAlign: 'center' }} aria-live="polite">
          {t('app.loading')}
          <DotLoading />
        </p>
      ) : cursor ? (
        <Button block size="large" onClick={() => load(cursor)}>
          {t('common.loadMore')}
        </Button>
      ) : null}
    </section>
  );
}
