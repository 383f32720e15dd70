import { ModalForm, ProFormTextArea } from '@ant-design/pro-components';
import type { Activity } from '@linli/contract/activities';
import { App, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../../app/form-errors';
import { ApiError } from '../../../app/request';
import { ErrorAlert } from '../../../components/error-alert';
import { cancelActivity, type ReviewStep, reviewActivity } from '../api';

export type ReviewChoice = { step: ReviewStep; decision: 'approve' | 'reject' };

/** The words of a review button: 批准 / 不批准 for an approval, 确认报告 / 退回 for a report. */
export function reviewLabelKey(choice: ReviewChoice) {
  if (choice.step === 'approval') {
    return choice.decision === 'approve' ? 'activityPages.review.approve' : 'activityPages.review.reject';
  }
  return choice.decision === 'approve' ? 'activityPages.review.acknowledge' : 'activityPages.review.return';
}

type ReviewDialogProps = {
  activity: { id: string; title: string; orgName: string };
  choice: ReviewChoice;
  onClose: () => void;
  onDone: (activity: Activity) => void;
  /** the activity moved on meanwhile (404/409): the caller reloads */
  onStale?: () => void;
};

/** Approve / reject an approval request, or acknowledge / return a major-event report; a reason is required to say no. */
export function ReviewDialog({ activity, choice, onClose, onDone, onStale }: ReviewDialogProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const [error, setError] = useState<unknown>(null);
  const isReasonRequired = choice.decision === 'reject';
  const label = t(reviewLabelKey(choice));

  return (
    <ModalForm<{ comment?: string }>
      name={`activity-review-${activity.id}`}
      title={t('activityPages.review.title', { action: label, title: activity.title, org: activity.orgName })}
      form={form}
      open
      layout="vertical"
      onOpenChange={(open) => {
        if (!open) {
          onClose();
        }
      }}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      submitter={{ searchConfig: { submitText: label, resetText: t('common.cancel') } }}
      onFinish={async (values) => {
        setError(null);
        try {
          const next = await reviewActivity(activity.id, choice.step, {
            decision: choice.decision,
            comment: (values.comment ?? '').trim(),
          });
          void message.success(t('activityPages.review.done', { action: label }));
          onDone(next);
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
      <ProFormTextArea
        name="comment"
        label={isReasonRequired ? t('activityPages.review.reason') : t('activityPages.review.comment')}
        extra={isReasonRequired ? t('activityPages.review.reasonHint') : t('activityPages.review.commentHint')}
        fieldProps={{ maxLength: 1000, showCount: true, autoSize: { minRows: 3, maxRows: 8 } }}
        rules={
          isReasonRequired
            ? [
                { required: true, whitespace: true, message: t('activityPages.review.reasonRequired') },
                { min: 2, message: t('activityPages.review.reasonRequired') },
              ]
            : []
        }
      />
    </ModalForm>
  );
}

/** 取消活动: calls the activity off with the reason (its room bookings are released). */
export function CancelDialog({
  activity,
  onClose,
  onDone,
}: {
  activity: Activity;
  onClose: () => void;
  onDone: (activity: Activity) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<unknown>(null);
  return (
    <ModalForm<{ reason: string }>
      name={`activity-cancel-${activity.id}`}
      title={t('activityPages.cancel.title', { title: activity.title })}
      form={form}
      open
      layout="vertical"
      onOpenChange={(open) => {
        if (!open) {
          onClose();
        }
      }}
      modalProps={{ destroyOnHidden: true, maskClosable: false, okButtonProps: { danger: true } }}
      submitter={{ searchConfig: { submitText: t('activityPages.cancel.submit'), resetText: t('common.back') } }}
      onFinish={async (values) => {
        setError(null);
        try {
          const next = await cancelActivity(activity.id, values.reason.trim());
          void message.success(t('activityPages.cancel.done'));
          onDone(next);
          onClose();
          return true;
        } catch (caught) {
          if (!applyFieldErrors(form, caught)) {
            setError(caught);
          }
          return false;
        }
      }}
    >
      <ErrorAlert error={error} />
      <ProFormTextArea
        name="reason"
        label={t('activityPages.cancel.reason')}
        fieldProps={{ maxLength: 500, showCount: true, autoSize: { minRows: 3, maxRows: 6 } }}
        rules={[
          { required: true, whitespace: true, message: t('activityPages.review.reasonRequired') },
          { min: 2, message: t('activityPages.review.reasonRequired') },
        ]}
      />
    </ModalForm>
  );
}
