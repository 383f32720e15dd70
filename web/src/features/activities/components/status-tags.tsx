import type { ActivityStatus, BookingStatus, PathStep } from '@linli/contract/activities';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { bookingColors, statusColors } from './activity-options';

/** Where an activity stands (草稿, 待两委确认报告, 已发布 …). */
export function ActivityStatusTag({ status }: { status: ActivityStatus }) {
  const { t } = useTranslation();
  return <Tag color={statusColors[status]}>{t(`activities.status.${status}`)}</Tag>;
}

export function BookingStatusTag({ status }: { status: BookingStatus }) {
  const { t } = useTranslation();
  return <Tag color={bookingColors[status]}>{t(`activities.bookingStatus.${status}`)}</Tag>;
}

/** The path an activity takes before it may be published, in words: “直接发布” or the steps joined by →. */
export function PathText({ steps }: { steps: readonly PathStep[] }) {
  const { t } = useTranslation();
  if (steps.length === 0) {
    return <>{t('activityPages.path.none')}</>;
  }
  return <>{steps.map((step) => t(`activities.pathStep.${step}`)).join(' → ')}</>;
}
