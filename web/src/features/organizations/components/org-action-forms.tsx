import { ModalForm } from '@ant-design/pro-components';
import { normalizeCreditCode } from '@linli/contract/credit-code';
import type { Organization, OrgStatus } from '@linli/contract/organizations';
import { App, Descriptions, Form, Typography } from 'antd';
import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../../app/form-errors';
import { ErrorAlert } from '../../../components/error-alert';
import { fileDissolution, fileUpgrade, setOrganizationStatus } from '../api';
import { ChoiceGroup } from './choice-group';
import { CreditCodeField, ReasonField } from './org-fields';
import { statusMoves, upgradeTarget } from './org-options';
import { OrgStatusTag } from './status-tags';

type ActionFormProps = { org: Organization; trigger: ReactElement; onSaved: (org: Organization) => void };

/** Runs a call from a modal form: field errors onto the fields, the rest above them. */
function useModalCall<V>(onSaved: (org: Organization) => void, success: string) {
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<unknown>(null);
  const run = async (call: () => Promise<Organization>): Promise<boolean> => {
    setError(null);
    try {
      const next = await call();
      void message.success(success);
      onSaved(next);
      return true;
    } catch (caught) {
      applyFieldErrors(form, caught);
      setError(caught);
      return false;
    }
  };
  return { form, error, setError, run };
}

/** 注销备案: asks to dissolve the organization, with the reason. */
export function DissolveForm({ org, trigger, onSaved }: ActionFormProps) {
  const { t } = useTranslation();
  const { form, error, setError, run } = useModalCall<{ reason: string }>(
    onSaved,
    t('organizations.detail.dissolveSubmitted'),
  );
  return (
    <ModalForm<{ reason: string }>
      name="org-dissolve"
      title={t('organizations.detail.dissolveTitle', { name: org.name })}
      form={form}
      layout="vertical"
      trigger={trigger}
      onOpenChange={(open) => (open ? undefined : setError(null))}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      submitter={{
        searchConfig: { submitText: t('organizations.detail.dissolveSubmit'), resetText: t('common.cancel') },
        submitButtonProps: { danger: true },
      }}
      onFinish={(values) => run(() => fileDissolution(org.id, values.reason.trim()))}
    >
      <ErrorAlert error={error} />
      <ReasonField
        name="reason"
        label={t('organizations.detail.dissolveReason')}
        isRequired
        requiredMessage={t('organizations.detail.dissolveReasonRequired')}
      />
    </ModalForm>
  );
}

/** 升级: guided → filed, or filed → registered with the credit code. */
export function UpgradeForm({ org, trigger, onSaved }: ActionFormProps) {
  const { t } = useTranslation();
  const { form, error, setError, run } = useModalCall<{ creditCode?: string }>(
    onSaved,
    t('organizations.detail.upgradeSubmitted'),
  );
  const target = upgradeTarget(org.tier);
  if (!target) {
    return null;
  }
  return (
    <ModalForm<{ creditCode?: string }>
      name="org-upgrade"
      title={t('organizations.detail.upgradeTitle', { name: org.name })}
      form={form}
      layout="vertical"
      trigger={trigger}
      onOpenChange={(open) => (open ? undefined : setError(null))}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      submitter={{
        searchConfig: { submitText: t('organizations.detail.upgradeSubmit'), resetText: t('common.cancel') },
      }}
      onFinish={(values) =>
        run(() =>
          fileUpgrade(
            org.id,
            target === 'registered' && values.creditCode ? normalizeCreditCode(values.creditCode) : undefined,
          ),
        )
      }
    >
      <ErrorAlert error={error} />
      <Typography.Paragraph strong>
        {t('organizations.detail.upgradeTo', { from: t(`org.tier.${org.tier}`), to: t(`org.tier.${target}`) })}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t(`org.tierHelp.${target}`)}</Typography.Paragraph>
      {target === 'registered' ? <CreditCodeField /> : null}
    </ModalForm>
  );
}

type StatusValues = { status?: OrgStatus; reason: string };

/** 监管状态: suspend, mark abnormal, restore, or let an abnormal organization exit; the reason is kept. */
export function StatusForm({ org, trigger, onSaved }: ActionFormProps) {
  const { t } = useTranslation();
  const { form, error, setError, run } = useModalCall<StatusValues>(onSaved, t('organizations.detail.statusChanged'));
  const moves = statusMoves[org.status];
  if (moves.length === 0) {
    return null;
  }
  const newStatusLabel = t('organizations.detail.newStatus');
  return (
    <ModalForm<StatusValues>
      name="org-status"
      title={t('organizations.detail.superviseTitle', { name: org.name })}
      form={form}
      layout="vertical"
      trigger={trigger}
      onOpenChange={(open) => (open ? undefined : setError(null))}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
      onFinish={(values) => {
        const { status } = values;
        return status
          ? run(() => setOrganizationStatus(org.id, { status, reason: values.reason.trim() }))
          : Promise.resolve(false);
      }}
    >
      <ErrorAlert error={error} />
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('organizations.detail.currentStatus')}>
          <OrgStatusTag status={org.status} />
          {org.statusReason ? <Typography.Text type="secondary">{org.statusReason}</Typography.Text> : null}
        </Descriptions.Item>
      </Descriptions>
      <Form.Item
        name="status"
        label={newStatusLabel}
        rules={[{ required: true, message: t('organizations.detail.newStatusRequired') }]}
      >
        <ChoiceGroup<OrgStatus>
          label={newStatusLabel}
          name="org-status-choice"
          options={moves.map((status) => ({ value: status, label: t(`organizations.detail.statusMove.${status}`) }))}
        />
      </Form.Item>
      <ReasonField
        name="reason"
        label={t('organizations.detail.statusReason')}
        isRequired
        requiredMessage={t('organizations.detail.statusReasonRequired')}
      />
    </ModalForm>
  );
}
