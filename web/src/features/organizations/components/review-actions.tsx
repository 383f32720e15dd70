import { CheckOutlined, CloseOutlined, RollbackOutlined } from '@ant-design/icons';
import { ModalForm } from '@ant-design/pro-components';
import type { Filing, FilingDecision, Organization } from '@linli/contract/organizations';
import { App, Button, Form, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../../app/form-errors';
import { ApiError } from '../../../app/request';
import { ErrorAlert } from '../../../components/error-alert';
import { decideFiling, type ReviewStep } from '../api';
import { ReasonField } from './org-fields';
import { reviewStepOf } from './org-options';

type ReviewActionsProps = {
  filing: Filing;
  /** id of the element naming the filing (organization and act), read after each button's name */
  describedBy?: string;
  onDecided: (org: Organization) => void;
  /** the filing moved on meanwhile (409): the caller reloads */
  onStale?: () => void;
};

/**
 * 同意 / 不同意 / 退回修改 for a filing waiting for a step the caller may take (by the filing's
 * `abilities`); each opens the same dialog with the review comment, required unless approving.
 */
export function ReviewActions({ filing, describedBy, onDecided, onStale }: ReviewActionsProps) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<FilingDecision | null>(null);
  const step = reviewStepOf(filing);
  if (!step) {
    return null;
  }
  return (
    <>
      <Space wrap>
        <Button
          type="primary"
          icon={<CheckOutlined aria-hidden />}
          aria-describedby={describedBy}
          onClick={() => setDecision('approve')}
        >
          {t('filing.decision.approve')}
        </Button>
        <Button
          danger
          icon={<CloseOutlined aria-hidden />}
          aria-describedby={describedBy}
          onClick={() => setDecision('reject')}
        >
          {t('filing.decision.reject')}
        </Button>
        <Button
          icon={<RollbackOutlined aria-hidden />}
          aria-describedby={describedBy}
          onClick={() => setDecision('returnForChanges')}
        >
          {t('filing.decision.returnForChanges')}
        </Button>
      </Space>
      {decision ? (
        <DecisionDialog
          filing={filing}
          step={step}
          decision={decision}
          onClose={() => setDecision(null)}
          onDecided={onDecided}
          onStale={onStale}
        />
      ) : null}
    </>
  );
}

type DecisionDialogProps = {
  filing: Filing;
  step: ReviewStep;
  decision: FilingDecision;
  onClose: () => void;
  onDecided: (org: Organization) => void;
  onStale: (() => void) | undefined;
};

function DecisionDialog({ filing, step, decision, onClose, onDecided, onStale }: DecisionDialogProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const [error, setError] = useState<unknown>(null);
  const isCommentRequired = decision !== 'approve';

  return (
    <ModalForm<{ comment?: string }>
      name={`filing-review-${filing.id}`}
      title={t('filings.review.title', {
        decision: t(`filing.decision.${decision}`),
        name: filing.orgName,
        act: t(`filing.act.${filing.act}`),
      })}
      form={form}
      open
      layout="vertical"
      onOpenChange={(open) => {
        if (!open) {
          onClose();
        }
      }}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      submitter={{ searchConfig: { submitText: t('filings.review.submit'), resetText: t('common.cancel') } }}
      onFinish={async (values) => {
        setError(null);
        try {
          const org = await decideFiling(filing.id, step, { decision, comment: (values.comment ?? '').trim() });
          void message.success(t(`filings.review.done.${decision}`));
          onDecided(org);
          onClose();
          return true;
        } catch (caught) {
          applyFieldErrors(form, caught);
          setError(caught);
          if (caught instanceof ApiError && (caught.status === 409 || caught.status === 404)) {
            onStale?.();
          }
          return false;
        }
      }}
    >
      <ErrorAlert error={error} />
      <ReasonField
        name="comment"
        label={t('filings.review.comment')}
        isRequired={isCommentRequired}
        requiredMessage={t('filings.review.commentRequired')}
        maxLength={1000}
        extra={isCommentRequired ? t('filings.review.commentRequiredHint') : t('filings.review.commentOptionalHint')}
      />
    </ModalForm>
  );
}
