import type { PublicActivity } from '@linli/contract/activities';
import { Button, ErrorBlock, ImageViewer, SpinLoading, Tag, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { errorText } from '../app/error-text';
import { ApiError } from '../app/request';
import { whenText } from './format';
import { getPublicActivity } from './mobile-api';
import { MobileShell } from './mobile-shell';

/**
 * One published activity (`/m/activities/:id`, and `/public/activities/:id` on the public
 * portal): the shareable page, with nothing personal — organizer, time, place, what it is, and
 * after it, the outcome and photos.
 */
export function MobileActivityPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [activity, setActivity] = useState<PublicActivity | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setActivity(null);
    setError(null);
    getPublicActivity(id, controller.signal).then(setActivity, (caught: unknown) => {
      if (!controller.signal.aborted) {
        setError(caught);
      }
    });
    return () => controller.abort();
  }, [id]);

  const isMissing = error instanceof ApiError && (error.status === 404 || error.status === 400);
  const back = (
    <Link to="/m" className="linli-m-brand" style={{ fontSize: 17, fontWeight: 400 }}>
      {t('activityMobile.more')}
    </Link>
  );

  return (
    <MobileShell title={activity?.title ?? t('activityMobile.upcomingTitle')} actions={back}>
      {isMissing ? (
        <ErrorBlock
          status="empty"
          title={<h1>{t('activityMobile.notFoundTitle')}</h1>}
          description={t('activityMobile.notFound')}
        />
      ) : error ? (
        <ErrorBlock status="default" title={errorText(error)} description="" />
      ) : activity ? (
        <ActivityView activity={activity} />
      ) : (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <SpinLoading aria-label={t('app.loading')} />
        </div>
      )}
    </MobileShell>
  );
}

function ActivityView({ activity }: { activity: PublicActivity }) {
  const { t } = useTranslation();
  const [viewing, setViewing] = useState<number | null>(null);
  const isDone = activity.status === 'completed';

  const share = async () => {
    const url = `${window.location.origin}/m/activities/${activity.id}`;
    try {
      if (navigator.share) {
        await navigator.share({ title: activity.title, url });
        return;
      }
      await navigator.clipboard.writeText(url);
      Toast.show({ content: t('activityMobile.copied') });
    } catch {
      // the reader closed the share sheet, or the clipboard is not available: show the link
      Toast.show({ content: url, duration: 4000 });
    }
  };

  return (
    <article aria-labelledby="linli-m-title">
      <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
        <Tag color={isDone ? 'default' : 'success'}>{t(`activities.status.${activity.status}`)}</Tag>
        <Tag color="primary" fill="outline">
          {t(`activities.field.${activity.field}`)}
        </Tag>
        {activity.campaignName ? <Tag fill="outline">{activity.campaignName}</Tag> : null}
      </div>
      <h1 id="linli-m-title">{activity.title}</h1>
      <dl className="linli-m-facts">
        <dt>{t('activityMobile.when')}</dt>
        <dd>{whenText(activity.startsAt, activity.endsAt)}</dd>
        <dt>{t('activityMobile.where')}</dt>
        <dd>{activity.place}</dd>
        <dt>{t('activityMobile.organizer')}</dt>
        <dd>
          {activity.orgName}
          <div className="linli-m-muted">{activity.areaFullName}</div>
        </dd>
        {activity.targetGroups.length > 0 ? (
          <>
            <dt>{t('activityMobile.forWhom')}</dt>
            <dd>{activity.targetGroups.map((target) => t(`org.serviceTarget.${target}`)).join('、')}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t('activityMobile.about')}</h2>
      <div className="linli-m-section">{activity.content}</div>
      {isDone && activity.actualParticipants !== null ? (
        <>
          <h2>{t('activityMobile.outcome')}</h2>
          <div className="linli-m-section">
            <p style={{ margin: 0 }}>
              {t('activityMobile.outcomeFigures', {
                participants: activity.actualParticipants,
                beneficiaries: activity.beneficiaries ?? 0,
              })}
            </p>
            {activity.summary ? <p style={{ marginBottom: 0 }}>{activity.summary}</p> : null}
          </div>
        </>
      ) : null}
      {activity.photos.length > 0 ? (
        <>
          <h2>{t('activities.fields.photos')}</h2>
          <ul className="linli-m-photos">
            {activity.photos.map((photo, index) => (
              <li key={photo.id}>
                <button type="button" onClick={() => setViewing(index)}>
                  <img
                    src={photo.thumbUrl}
                    alt={t('activityPages.photos.alt', { title: activity.title, n: index + 1 })}
                    loading="lazy"
                  />
                </button>
              </li>
            ))}
          </ul>
          <ImageViewer.Multi
            images={activity.photos.map((photo) => photo.url)}
            visible={viewing !== null}
            defaultIndex={viewing ?? 0}
            onClose={() => setViewing(null)}
          />
        </>
      ) : null}
      <div style={{ marginTop: 16 }}>
        <Button block size="large" color="primary" onClick={() => void share()}>
          {t('activityMobile.share')}
        </Button>
      </div>
    </article>
  );
}
