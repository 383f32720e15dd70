import type { Filing, Organization } from '@linli/contract/organizations';
import { type Role, roles } from '@linli/contract/permissions';
import { Descriptions, Empty, Space, Tag, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../components/date-time';
import {
  categoryChoices,
  hubKindChoices,
  isOpenFiling,
  partyOrgChoices,
  serviceTargetChoices,
  tierChoices,
} from './org-options';
import { DecisionTag, FilingStateTag } from './status-tags';

const stateDot: Record<Filing['state'], string> = {
  awaitingCommittee: 'blue',
  awaitingTownship: 'blue',
  awaitingCivilAffairs: 'blue',
  returned: 'orange',
  approved: 'green',
  rejected: 'red',
};

function isOneOf<T extends string>(choices: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (choices as readonly string[]).includes(value);
}

/** Who took a step: “name（role）”, the role in words when it is one of ours. */
export function actorText(t: TFunction, step: Filing['steps'][number]): string | null {
  if (!step.actorName) {
    return null;
  }
  if (!step.actorRole) {
    return step.actorName;
  }
  const role = (roles as readonly string[]).includes(step.actorRole)
    ? t(`roles.${step.actorRole as Role}`)
    : step.actorRole;
  return t('organizations.detail.actor', { name: step.actorName, role });
}

type ProposedLeader = { name?: string; role?: string; mobileMasked?: string };

/** One proposed value in words. */
function proposedValue(t: TFunction, key: string, value: unknown): string {
  switch (key) {
    case 'tier':
      return isOneOf(tierChoices, value) ? t(`org.tier.${value}`) : String(value);
    case 'category':
      return isOneOf(categoryChoices, value) ? t(`org.category.${value}`) : String(value);
    case 'hubKind':
      return isOneOf(hubKindChoices, value) ? t(`org.hubKind.${value}`) : String(value);
    case 'partyOrg':
      return isOneOf(partyOrgChoices, value) ? t(`org.partyOrg.${value}`) : String(value);
    case 'serviceTargets':
      return Array.isArray(value)
        ? value
            .map((item) => (isOneOf(serviceTargetChoices, item) ? t(`org.serviceTarget.${item}`) : String(item)))
            .join('、')
        : String(value);
    case 'charterPartyClause':
      return value ? t('common.yes') : t('common.no');
    case 'leaders':
      return Array.isArray(value)
        ? (value as ProposedLeader[])
            .map((leader) => {
              const role =
                leader.role === 'leader' || leader.role === 'contact' ? t(`org.leaderRole.${leader.role}`) : '';
              return `${leader.name ?? ''}（${[role, leader.mobileMasked].filter(Boolean).join('，')}）`;
            })
            .join('；')
        : String(value);
    default:
      return value === null || value === undefined || value === '' ? t('common.empty') : String(value);
  }
}

const proposedKeys = [
  'tier',
  'creditCode',
  'name',
  'category',
  'hubKind',
  'foundedOn',
  'serviceTargets',
  'venue',
  'memberCount',
  'socialWorkerCount',
  'certifiedSocialWorkerCount',
  'partyOrg',
  'charterPartyClause',
  'leaders',
] as const;

/** A value for comparing: lists in a stable order. */
function comparable(value: unknown): string {
  return JSON.stringify(
    Array.isArray(value) && value.every((item) => typeof item === 'string') ? [...value].sort() : value,
  );
}

/**
 * What a change or upgrade filing asks for, field by field. With `current` (the record while
 * the filing is open) only what would actually change is listed.
 */
export function ProposedChanges({ proposed, current }: { proposed: Filing['proposed']; current?: Organization }) {
  const { t } = useTranslation();
  const keys = proposedKeys.filter(
    (key) =>
      key in proposed &&
      (current === undefined || key === 'leaders' || comparable(proposed[key]) !== comparable(current[key])),
  );
  if (keys.length === 0) {
    return null;
  }
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      title={<span className="linli-subtitle">{t('organizations.detail.proposed')}</span>}
      styles={{ label: { whiteSpace: 'nowrap' } }}
      style={{ margin: '8px 0' }}
    >
      {keys.map((key) => (
        <Descriptions.Item key={key} label={t(`organizations.fields.${key}`)}>
          {proposedValue(t, key, proposed[key])}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** The steps of one filing, oldest first, with decisions, reviewers and comments. */
export function FilingSteps({ filing }: { filing: Filing }) {
  const { t } = useTranslation();
  return (
    <ol className="linli-filing-steps">
      {filing.steps.map((step, index) => {
        const actor = actorText(t, step);
        return (
          // steps have no id of their own; their order never changes
          // biome-ignore lint/suspicious/noArrayIndexKey: the list is append-only
          <li key={index}>
            <Space wrap size={[8, 4]}>
              <strong>{t(`filing.step.${step.step}`)}</strong>
              {step.decision ? <DecisionTag decision={step.decision} /> : null}
              {actor ? <span>{actor}</span> : null}
              <Typography.Text type="secondary">
                <time dateTime={step.at}>{formatDateTime(step.at)}</time>
              </Typography.Text>
            </Space>
            {step.comment ? (
              <blockquote className="linli-comment">
                <span className="linli-visually-hidden">{t('organizations.detail.comment')}：</span>
                {step.comment}
              </blockquote>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** 备案记录: every filing of the organization, newest first, with its steps; `org` is the record as it is now. */
export function FilingTimeline({ org }: { org: Organization }) {
  const { filings } = org;
  const { t } = useTranslation();
  if (filings.length === 0) {
    return <Empty description={t('organizations.detail.noFilings')} />;
  }
  return (
    <Timeline
      items={filings.map((filing) => ({
        key: filing.id,
        color: stateDot[filing.state],
        children: (
          <section aria-labelledby={`linli-filing-${filing.id}`} className="linli-filing">
            <Space wrap size={[8, 4]}>
              <h3 id={`linli-filing-${filing.id}`} className="linli-card-title">
                {t(`filing.act.${filing.act}`)}
              </h3>
              <Tag>{t(`org.tier.${filing.tier}`)}</Tag>
              <FilingStateTag state={filing.state} />
            </Space>
            <div>
              <Typography.Text type="secondary">
                {t('organizations.detail.submittedAt')} {formatDateTime(filing.submittedAt)}
                {filing.decidedAt
                  ? ` · ${t('organizations.detail.decidedAt')} ${formatDateTime(filing.decidedAt)}`
                  : ''}
              </Typography.Text>
            </div>
            {filing.reason ? (
              <Typography.Paragraph style={{ margin: '4px 0' }}>
                {t('organizations.detail.reason')}：{filing.reason}
              </Typography.Paragraph>
            ) : null}
            <ProposedChanges proposed={filing.proposed} current={isOpenFiling(filing) ? org : undefined} />
            <FilingSteps filing={filing} />
          </section>
        ),
      }))}
    />
  );
}
