import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { Page } from '../../../components/page';
import { ActivityForm } from '../components/activity-form';

/** Where the detail page learns that the plan was just saved, to point at the next step. */
export type SavedState = { saved: true };

/** 策划活动: an organization administrator plans an activity; it is saved as a draft. */
export function ActivityNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Page
      title={t('activityPages.newTitle')}
      back={
        <Link to="/activities">
          <ArrowLeftOutlined aria-hidden /> {t('activityPages.backToList')}
        </Link>
      }
    >
      <ActivityForm
        onSaved={(activity) => navigate(`/activities/${activity.id}`, { state: { saved: true } satisfies SavedState })}
        onCancel={() => navigate('/activities')}
      />
    </Page>
  );
}
