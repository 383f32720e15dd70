import type { NeedStatus } from '@linli/contract/needs';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<NeedStatus, string> = {
  posted: 'gold',
  redispatched: 'orange',
  refused: 'volcano',
  dispatched: 'blue',
  accepted: 'geekblue',
  done: 'cyan',
  rated: 'green',
  declined: 'default',
  cancelled: 'default',
};

export function NeedStatusTag({ status }: { status: NeedStatus }) {
  const { t } = useTranslation();
  return <Tag color={colors[status]}>{t(`needs.status.${status}`)}</Tag>;
}
