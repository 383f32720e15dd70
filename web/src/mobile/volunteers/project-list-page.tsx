import { type ActivityField, activityFields } from '@linli/contract/activities';
import type { ProjectSummary } from '@linli/contract/volunteers';
import { Button, DatePicker, DotLoading, ErrorBlock, Selector, Tag } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { errorText } from '../../app/error-text';
import type { Community } from '../community';
import { chinaDay, dayText } from '../format';
import { useCommunityBar } from './community-bar';
import { listPublicProjects } from './volunteer-api';
import { VolunteerShell } from './volunteer-shell';

const DAY = 86_400_000;

/**
 * 志愿项目 (`/m/volunteer/projects`): projects open for sign-up in the volunteer's community (or
 * any area chosen), filtered by a first day and a field; no sign-in needed to look.
 */
export function ProjectListPage() {
  const { t } = useTranslation();
  const [community, bar] = useCommunityBar();
  return (
    <VolunteerShell title={t('volunteerMobile.projectsTitle')}>
      <h1>{t('volunteerMobile.projectsTitle')}</h1>
      {bar}
      {community ? (
        <Projects community={community} />
      ) : (
        <p className="linli-m-muted">{t('volunteerMobile.chooseCommunityFirst')}</p>
      )}
    </VolunteerShell>
  );
}

function Projects({ community }: { community: Community }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(() => new Date());
  const [isPicking, setPicking] = useState(false);
  const [field, setField] = useState<ActivityField | 'all'>('all');
  const [items, setItems] = useState<ProjectSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [isLoading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const today = new Date(`${chinaDay(new Date())}T00:00:00+08:00`);

  const load = (next: string | undefined, signal?: AbortSignal) => {
    setLoading(true);
    setError(null);
    listPublicProjects(
      { areaCode: community.code, from: chinaDay(from), field: field === 'all' ? undefined : field, cursor: next },
      signal,
    ).then(
      (page) => {
        setItems((current) => (next ? [...current, ...page.items] : page.items));
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

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter starts the list again
  useEffect(() => {
    const controller = new AbortController();
    setItems([]);
    load(undefined, controller.signal);
    return () => controller.abort();
  }, [community.code, chinaDay(from), field]);

  return (
    <>
      <section className="linli-m-section" aria-label={t('volunteerMobile.filters')}>
        <div className="linli-m-filter-row">
          <span>{t('volunteerMobile.fromDay')}</span>
          <DatePicker
            visible={isPicking}
            onClose={() => setPicking(false)}
            min={today}
            max={new Date(today.getTime() + 365 * DAY)}
            value={from}
            onConfirm={(value) => setFrom(value)}
          >
            {() => (
              <Button fill="outline" onClick={() => setPicking(true)} aria-haspopup="dialog">
                {chinaDay(from)}
              </Button>
            )}
          </DatePicker>
        </div>
        <Selector
          aria-label={t('volunteerMobile.field')}
          columns={2}
          value={[field]}
          onChange={(value) => setField((value[0] as ActivityField | 'all' | undefined) ?? 'all')}
          options={[
            { value: 'all', label: t('volunteerMobile.allFields') },
            ...activityFields.map((value) => ({ value, label: t(`activities.field.${value}`) })),
          ]}
        />
      </section>
      {error && items.length === 0 ? <ErrorBlock status="default" title={errorText(error)} description="" /> : null}
      {items.length === 0 && !isLoading && !error ? (
        <p className="linli-m-muted">{t('volunteerMobile.noProjects')}</p>
      ) : null}
      <ul className="linli-m-list">
        {items.map((item) => (
          <li key={item.id}>
            <Link to={`/m/volunteer/projects/${item.id}`} className="linli-m-card">
              {item.firstShiftAt ? (
                <div className="linli-m-card-when">
                  {item.lastShiftAt && chinaDay(item.lastShiftAt) !== chinaDay(item.firstShiftAt)
                    ? t('volunteerMobile.dayRange', { from: dayText(item.firstShiftAt), to: dayText(item.lastShiftAt) })
                    : dayText(item.firstShiftAt)}
                </div>
              ) : null}
              <div className="linli-m-card-title">{item.title}</div>
              <div>{item.address}</div>
              <div className="linli-m-muted">
                {item.orgName}{' '}
                <Tag color="primary" fill="outline">
                  {t(`activities.field.${item.field}`)}
                </Tag>
              </div>
              <div>
                {t('volunteerMobile.placesLeftTotal', {
                  left: Math.max(0, item.places - item.confirmed),
                  places: item.places,
                })}
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
    </>
  );
}
