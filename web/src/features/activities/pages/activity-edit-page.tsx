import { ArrowLeftOutlined } from '@ant-design/icons';
import type { Activity } from '@linli/contract/activities';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../app/request';
import { LoadingPage, NotFoundPage } from '../../../app/status-pages';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { getActivity } from '../api';
import { ActivityForm } from '../components/activity-form';
import type { SavedState } from './activity-new-page';

/** Edits a draft or a rejected plan (the server refuses any other state). */
export function ActivityEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const [activity, setActivity] = useState<Activity | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    getActivity(id, controller.signal).then(setActivity, (caught: unknown) => {
      if (!controller.signal.aborted) {
        setError(caught);
      }
    });
    return () => controller.abort();
  }, [id]);

  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return <NotFoundPage />;
  }
  const back = (
    <Link to={`/activities/${id}`}>
      <ArrowLeftOutlined aria-hidden /> {t('activityPages.backToActivity')}
    </Link>
  );
  if (error) {
    return (
      <Page title={t('activityPages.editTitle')} back={back}>
        <ErrorAlert error={error} />
      </Page>
    );
  }
  if (!activity) {
    return <LoadingPage />;
  }
  return (
    <Page title={t('activityPages.editTitle')} back={back}>
      <ActivityForm
        activity={activity}
        onSaved={(saved) => navigate(`/activities/${saved.id}`, { state: { saved: true } satisfies SavedState })}
        onCancel={() => navigate(`/activities/${id}`)}
      />
    </Page>
  );
}
