import type { Need } from '@linli/contract/needs';
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../components/date-time';

/** 办理经过: every step, who took it at which level, and its comment. */
export function NeedTimeline({ need }: { need: Need }) {
  const { t } = useTranslation();
  return (
    <Timeline
      items={need.timeline.map((step, index) => ({
        key: `${step.at}-${index}`,
        color: step.action === 'decline' || step.action === 'refuse' || step.action === 'cancel' ? 'red' : 'blue',
        children: (
          <div>
            <Typography.Text strong>{t(`needs.action.${step.action}`)}</Typography.Text>{' '}
            <Typography.Text type="secondary">
              {formatDateTime(step.at)} · {t(`needs.level.${step.level}`)}
              {step.actorRole ? ` · ${t(`roles.${step.actorRole}`, { defaultValue: step.actorRole })}` : ''}
              {step.actorName ? ` ${step.actorName}` : ''}
            </Typography.Text>
            {step.orgName ? (
              <div>
                {t('needs.fields.org')}：{step.orgName}
              </div>
            ) : null}
            {step.comment ? <div className="linli-comment">{step.comment}</div> : null}
          </div>
        ),
      }))}
    />
  );
}
