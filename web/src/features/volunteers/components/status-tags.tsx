import type { ProjectStatus, RecordStatus, SignupStatus } from '@linli/contract/volunteers';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const projectColors: Record<ProjectStatus, string> = { draft: 'default', published: 'green', closed: 'volcano' };
const recordColors: Record<RecordStatus, string> = { open: 'blue', pending: 'gold', confirmed: 'green' };
const signupColors: Record<SignupStatus, string> = { confirmed: 'green', waiting: 'gold', cancelled: 'default' };

export function ProjectStatusTag({ status }: { status: ProjectStatus }) {
  const { t } = useTranslation();
  return <Tag color={projectColors[status]}>{t(`volunteers.projectStatus.${status}`)}</Tag>;
}

export function RecordStatusTag({ status }: { status: RecordStatus }) {
  const { t } = useTranslation();
  return <Tag color={recordColors[status]}>{t(`volunteers.recordStatus.${status}`)}</Tag>;
}

export function SignupStatusTag({ status, position }: { status: SignupStatus; position?: number | null }) {
  const { t } = useTranslation();
  return (
    <Tag color={signupColors[status]}>
      {status === 'waiting' && position
        ? t('volunteerConsole.roster.waitingAt', { position })
        : t(`volunteers.signupStatus.${status}`)}
    </Tag>
  );
}

/** Stars as text (★★★☆☆) with the number for screen readers. */
export function StarText({ level }: { level: number }) {
  const { t } = useTranslation();
  return (
    <span role="img" aria-label={t('volunteerConsole.stars.label', { count: level })} style={{ color: '#b45309' }}>
      {'★'.repeat(level)}
      <span style={{ color: '#d1d5db' }}>{'★'.repeat(5 - level)}</span>
    </span>
  );
}
