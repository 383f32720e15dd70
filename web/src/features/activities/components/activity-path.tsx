import type { Activity, PathStep } from '@linli/contract/activities';
import { Steps, Tag, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { chinaDateTime } from './activity-options';

type StepKey = 'plan' | PathStep | 'publish' | 'complete';

/** Which step of the path an activity is at (index into `plan, …path, publish, complete`). */
function currentIndex(activity: Activity, keys: StepKey[]): { index: number; status: 'process' | 'error' | 'finish' } {
  switch (activity.status) {
    case 'draft':
      return { index: 0, status: 'process' };
    case 'awaitingApproval':
      return { index: keys.indexOf('approval'), status: 'process' };
    case 'awaitingAcknowledgement':
      return { index: keys.indexOf('report'), status: 'process' };
    case 'rejected': {
      const last = [...activity.steps].reverse().find((step) => step.step === 'approval' || step.step === 'report');
      return { index: last ? keys.indexOf(last.step as PathStep) : 0, status: 'error' };
    }
    case 'ready':
      return { index: keys.indexOf('publish'), status: 'process' };
    case 'published':
      return { index: keys.indexOf('complete'), status: 'process' };
    case 'completed':
      return { index: keys.length - 1, status: 'finish' };
    case 'cancelled':
      return { index: 0, status: 'error' };
  }
}

/**
 * 办理路径: plan → (approval) → (report) → publish → outcome, the steps this activity needs as
 * the server computed them, with the deadline for sending the request.
 */
export function ActivityPathSteps({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const keys: StepKey[] = ['plan', ...activity.pathSteps, 'publish', 'complete'];
  const { index, status } = currentIndex(activity, keys);
  const stepTitle: Record<StepKey, string> = {
    plan: t('activityPages.path.plan'),
    approval: t('activities.pathStep.approval'),
    report: t('activities.pathStep.report'),
    publish: t('activityPages.path.publish'),
    complete: t('activityPages.path.complete'),
  };
  return (
    <Steps
      size="small"
      current={index}
      status={status}
      responsive
      items={keys.map((key) => ({
        title: stepTitle[key],
        description:
          (key === 'approval' || key === 'report') && activity.submitBy
            ? t('activityPages.path.dueBy', { at: chinaDateTime(activity.submitBy) })
            : undefined,
      }))}
    />
  );
}

const stepColor: Record<Activity['steps'][number]['step'], string> = {
  submit: 'blue',
  approval: 'blue',
  report: 'blue',
  publish: 'green',
  cancel: 'gray',
  record: 'purple',
};

function stepText(t: TFunction, step: Activity['steps'][number]): string {
  if (step.step === 'approval' || step.step === 'report') {
    const decision = step.decision ?? 'approve';
    return t(`activityPages.timeline.${step.step}.${decision}`);
  }
  return t(`activityPages.timeline.${step.step}`);
}

/** 办理记录: every step taken, oldest first, with who took it and the comment. */
export function ActivityTimeline({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  if (activity.steps.length === 0) {
    return <Typography.Paragraph type="secondary">{t('activityPages.timeline.empty')}</Typography.Paragraph>;
  }
  return (
    <Timeline
      items={activity.steps.map((step) => ({
        color: step.decision === 'reject' ? 'red' : stepColor[step.step],
        children: (
          <div>
            <Typography.Text strong>{stepText(t, step)}</Typography.Text>{' '}
            {step.decision === 'reject' ? <Tag color="red">{t('activityPages.timeline.returned')}</Tag> : null}
            <div>
              <Typography.Text type="secondary">
                {chinaDateTime(step.at)}
                {step.actorName ? ` · ${step.actorName}` : ''}
              </Typography.Text>
            </div>
            {step.comment ? (
              <Typography.Paragraph style={{ margin: '4px 0 0' }}>
                {t('activityPages.timeline.comment')}：{step.comment}
              </Typography.Paragraph>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
