import type { NeedStatus } from '@linli/contract/needs';
import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

const colors: Record<NeedStatus, string> = {
  posted: 'warning',
  redispatched: 'warning',
  refused: 'warning',
  dispatched: 'primary',
  accepted: 'primary',
  done: 'success',
  rated: 'success',
  declined: 'default',
  cancelled: 'default',
};

export function MobileNeedStatus({ status }: { status: NeedStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={colors[status]} fill="outline">
      {t(`needs.status.${status}`)}
    </Tag>
  );
}
