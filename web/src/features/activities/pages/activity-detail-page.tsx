import {
  ArrowLeftOutlined,
  CheckOutlined,
  CloseOutlined,
  EditOutlined,
  ExportOutlined,
  RollbackOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import type { Activity } from '@linli/contract/activities';
import { Alert, App, Button, Card, Descriptions, Popconfirm, Space, Tabs, Tag, Typography } from 'antd';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { errorText } from '../../../app/error-text';
import { ApiError } from '../../../app/request';
import { LoadingPage, NotFoundPage } from '../../../app/status-pages';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { getActivity, publishActivity, submitActivity } from '../api';
import { CancelDialog, type ReviewChoice, ReviewDialog, reviewLabelKey } from '../components/action-dialogs';
import { chinaDateTime } from '../components/activity-options';
import { ActivityPathSteps, ActivityTimeline } from '../components/activity-path';
import { OutcomePanel } from '../components/outcome-panel';
import { ActivityStatusTag, PathText } from '../components/status-tags';
import { campaignLabel, useCampaigns } from '../components/use-choices';
import type { SavedState } from './activity-new-page';

/** One activity: its path and where it stands, what happened, the outcome and photos, with the actions its `abilities` allow. */
export function ActivityDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [activity, setActivity] = useState<Activity | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is the reload trigger
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    getActivity(id, controller.signal).then(setActivity, (caught: unknown) => {
      if (!controller.signal.aborted) {
        setError(caught);
      }
    });
    return () => controller.abort();
  }, [id, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return <NotFoundPage />;
  }
  if (error && !activity) {
    return (
      <Page title={t('activityPages.detailTitle')} back={<BackLink />}>
        <ErrorAlert error={error} />
      </Page>
    );
  }
  if (!activity || activity.id !== id) {
    return <LoadingPage />;
  }
  return <ActivityDetail activity={activity} onChange={setActivity} onStale={reload} />;
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/activities">
      <ArrowLeftOutlined aria-hidden /> {t('activityPages.backToList')}
    </Link>
  );
}

type DetailProps = { activity: Activity; onChange: (activity: Activity) => void; onStale: () => void };

function ActivityDetail({ activity, onChange, onStale }: DetailProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const isJustSaved = (location.state as SavedState | null)?.saved === true;
  const { abilities } = activity;
  const [review, setReview] = useState<ReviewChoice | null>(null);
  const [isCancelling, setCancelling] = useState(false);
  const [busy, setBusy] = useState<'submit' | 'publish' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const isPublic = activity.status === 'published' || activity.status === 'completed';
  const submitLabel = activity.pathSteps.includes('approval')
    ? t('activityPages.actions.submitApproval')
    : t('activityPages.actions.submitReport');

  const run = (kind: 'submit' | 'publish') => {
    setBusy(kind);
    setError(null);
    (kind === 'submit' ? submitActivity(activity.id) : publishActivity(activity.id))
      .then((next) => {
        onChange(next);
        void message.success(
          kind === 'submit' ? t('activityPages.actions.submitted') : t('activityPages.actions.published'),
        );
      })
      .catch((caught: unknown) => {
        setError(caught);
        void message.error(errorText(caught));
        if (caught instanceof ApiError && caught.status === 409) {
          onStale();
        }
      })
      .finally(() => setBusy(null));
  };

  const reviewStep = abilities.approve ? 'approval' : abilities.acknowledge ? 'report' : null;

  return (
    <Page
      title={activity.title}
      back={<BackLink />}
      extra={
        <>
          {abilities.update ? (
            <Button icon={<EditOutlined aria-hidden />} onClick={() => navigate(`/activities/${activity.id}/edit`)}>
              {t('common.edit')}
            </Button>
          ) : null}
          {abilities.submit ? (
            <Popconfirm
              title={submitLabel}
              description={<PathText steps={activity.pathSteps} />}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => run('submit')}
            >
              <Button type="primary" icon={<SendOutlined aria-hidden />} loading={busy === 'submit'}>
                {submitLabel}
              </Button>
            </Popconfirm>
          ) : null}
          {abilities.publish ? (
            <Popconfirm
              title={t('activityPages.actions.publishConfirm')}
              okText={t('common.confirm')}
              cancelText={t('common.cancel')}
              onConfirm={() => run('publish')}
            >
              <Button type="primary" icon={<SendOutlined aria-hidden />} loading={busy === 'publish'}>
                {t('activityPages.actions.publish')}
              </Button>
            </Popconfirm>
          ) : null}
          {reviewStep ? (
            <>
              <Button
                type="primary"
                icon={<CheckOutlined aria-hidden />}
                onClick={() => setReview({ step: reviewStep, decision: 'approve' })}
              >
                {t(reviewLabelKey({ step: reviewStep, decision: 'approve' }))}
              </Button>
              <Button
                danger
                icon={reviewStep === 'approval' ? <CloseOutlined aria-hidden /> : <RollbackOutlined aria-hidden />}
                onClick={() => setReview({ step: reviewStep, decision: 'reject' })}
              >
                {t(reviewLabelKey({ step: reviewStep, decision: 'reject' }))}
              </Button>
            </>
          ) : null}
          {abilities.cancel ? (
            <Button danger icon={<StopOutlined aria-hidden />} onClick={() => setCancelling(true)}>
              {t('activityPages.actions.cancel')}
            </Button>
          ) : null}
        </>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <ActivityStatusTag status={activity.status} />
        <Tag>{t(`activities.kind.${activity.kind}`)}</Tag>
        <Tag>{t(`activities.field.${activity.field}`)}</Tag>
        <Typography.Text type="secondary">
          {activity.orgName} · {activity.areaFullName}
        </Typography.Text>
      </Space>
      <ErrorAlert error={error} />
      <NextStep activity={activity} isJustSaved={isJustSaved} submitLabel={submitLabel} />
      <Card
        title={<h2 className="linli-card-title">{t('activityPages.path.title')}</h2>}
        size="small"
        style={{ marginBottom: 16 }}
      >
        <ActivityPathSteps activity={activity} />
      </Card>
      <Tabs
        items={[
          { key: 'basic', label: t('activityPages.tabs.basic'), children: <BasicInfo activity={activity} /> },
          { key: 'steps', label: t('activityPages.tabs.steps'), children: <ActivityTimeline activity={activity} /> },
          {
            key: 'outcome',
            label: t('activityPages.tabs.outcome'),
            children: <OutcomePanel activity={activity} onChange={onChange} />,
          },
          ...(isPublic
            ? [
                {
                  key: 'public',
                  label: t('activityPages.tabs.public'),
                  children: (
                    <Space direction="vertical">
                      <Typography.Paragraph>{t('activityPages.publicHint')}</Typography.Paragraph>
                      <a href={`/m/activities/${activity.id}`} target="_blank" rel="noreferrer">
                        <ExportOutlined aria-hidden /> {`${window.location.origin}/m/activities/${activity.id}`}
                      </a>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {review ? (
        <ReviewDialog
          activity={activity}
          choice={review}
          onClose={() => setReview(null)}
          onDone={onChange}
          onStale={onStale}
        />
      ) : null}
      {isCancelling ? (
        <CancelDialog activity={activity} onClose={() => setCancelling(false)} onDone={onChange} />
      ) : null}
    </Page>
  );
}

/** What happens next, in one sentence: the path the server computed, its deadline, or the reason it came back. */
function NextStep({
  activity,
  isJustSaved,
  submitLabel,
}: {
  activity: Activity;
  isJustSaved: boolean;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const { abilities } = activity;
  let notice: { type: 'info' | 'warning' | 'error' | 'success'; message: ReactNode; description?: ReactNode } | null =
    null;
  if (activity.status === 'rejected') {
    notice = {
      type: 'error',
      message: t('activityPages.next.rejected'),
      description: `${t('activityPages.timeline.comment')}：${activity.statusReason ?? ''}`,
    };
  } else if (activity.status === 'draft' && activity.pathSteps.length > 0) {
    notice = {
      type: 'warning',
      message: (
        <>
          {t('activityPages.next.needsPath')}
          <strong>
            <PathText steps={activity.pathSteps} />
          </strong>
        </>
      ),
      description: abilities.submit
        ? t('activityPages.next.submitBy', { at: chinaDateTime(activity.submitBy), action: submitLabel })
        : undefined,
    };
  } else if (activity.status === 'draft') {
    notice = { type: 'info', message: t('activityPages.next.noPath') };
  } else if (activity.status === 'awaitingApproval' || activity.status === 'awaitingAcknowledgement') {
    notice = { type: 'info', message: t(`activityPages.next.${activity.status}`) };
  } else if (activity.status === 'ready') {
    notice = { type: 'success', message: t('activityPages.next.ready') };
  } else if (activity.status === 'cancelled') {
    notice = {
      type: 'info',
      message: t('activityPages.next.cancelled'),
      description: activity.statusReason ?? undefined,
    };
  }
  if (!notice) {
    return null;
  }
  return (
    <Alert
      type={notice.type}
      showIcon
      role={isJustSaved ? 'status' : undefined}
      className="linli-error-alert"
      message={
        <>
          {isJustSaved && activity.status === 'draft' ? `${t('activityPages.next.saved')} ` : ''}
          {notice.message}
        </>
      }
      description={notice.description}
    />
  );
}

function BasicInfo({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  const empty = t('common.empty');
  return (
    <Descriptions
      column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
      bordered
      size="small"
      styles={{ label: { whiteSpace: 'nowrap' } }}
    >
      <Descriptions.Item label={t('activityPages.fields.org')}>{activity.orgName}</Descriptions.Item>
      <Descriptions.Item label={t('activities.fields.field')}>
        {t(`activities.field.${activity.field}`)}
      </Descriptions.Item>
      <Descriptions.Item label={t('activities.fields.campaign')}>
        {campaignLabel(t, activity.campaign, campaigns)}
      </Descriptions.Item>
      <Descriptions.Item label={t('activities.fields.kind')}>{t(`activities.kind.${activity.kind}`)}</Descriptions.Item>
      <Descriptions.Item label={t('activities.fields.startsAt')}>{chinaDateTime(activity.startsAt)}</Descriptions.Item>
      <Descriptions.Item label={t('activities.fields.endsAt')}>{chinaDateTime(activity.endsAt)}</Descriptions.Item>
      <Descriptions.Item label={t('activityPages.fields.place')}>
        {activity.venueName ? `${activity.venueName} · ${activity.roomName ?? ''}` : activity.address || empty}
      </Descriptions.Item>
      <Descriptions.Item label={t('activities.fields.expectedParticipants')}>
        {activity.expectedParticipants}
      </Descriptions.Item>
      <Descriptions.Item label={t('activities.fields.targetGroups')}>
        {activity.targetGroups.length > 0
          ? activity.targetGroups.map((target) => t(`org.serviceTarget.${target}`)).join('、')
          : empty}
      </Descriptions.Item>
      <Descriptions.Item label={t('activities.fields.partnerOrgs')}>
        {activity.partnerOrgs.length > 0 ? activity.partnerOrgs.map((org) => org.name).join('、') : empty}
      </Descriptions.Item>
      <Descriptions.Item label={t('activityPages.path.title')}>
        <PathText steps={activity.pathSteps} />
      </Descriptions.Item>
      <Descriptions.Item label={t('activities.fields.submitBy')}>{chinaDateTime(activity.submitBy)}</Descriptions.Item>
      <Descriptions.Item label={t('activities.fields.content')} span={3}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{activity.content}</Typography.Paragraph>
      </Descriptions.Item>
    </Descriptions>
  );
}
