import type { ReflectionStatus as Status } from '@linli/contract/volunteers';
import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

const colors = { submitted: 'warning', published: 'success', rejected: 'danger' } as const;

export function ReflectionStatus({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Tag color={colors[status]} fill="outline">
      {t(`volunteerMobile.reflectionStatus.${status}`)}
    </Tag>
  );
}
