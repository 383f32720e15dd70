import type { FilingDecision, FilingState } from '@linli/contract/organizations';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgRecordStatus } from '../api';

const statusColors: Record<OrgRecordStatus, string> = {
  pending: 'processing',
  notEstablished: 'default',
  active: 'green',
  suspended: 'orange',
  abnormal: 'red',
  dissolved: 'default',
};

const stateColors: Record<FilingState, string> = {
  awaitingCommittee: 'processing',
  awaitingTownship: 'processing',
  awaitingCivilAffairs: 'processing',
  returned: 'orange',
  approved: 'green',
  rejected: 'red',
};

const decisionColors: Record<FilingDecision, string> = {
  approve: 'green',
  reject: 'red',
  returnForChanges: 'orange',
};

/** An organization's record status (备案中, 正常, 活动异常 …). */
export function OrgStatusTag({ status }: { status: OrgRecordStatus }) {
  const { t } = useTranslation();
  return <Tag color={statusColors[status]}>{t(`org.status.${status}`)}</Tag>;
}

/** Where a filing stands (待两委意见, 已退回修改, 已通过 …). */
export function FilingStateTag({ state }: { state: FilingState }) {
  const { t } = useTranslation();
  return <Tag color={stateColors[state]}>{t(`filing.state.${state}`)}</Tag>;
}

export function DecisionTag({ decision }: { decision: FilingDecision }) {
  const { t } = useTranslation();
  return <Tag color={decisionColors[decision]}>{t(`filing.decision.${decision}`)}</Tag>;
}
