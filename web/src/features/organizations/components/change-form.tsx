import { ModalForm } from '@ant-design/pro-components';
import type { ChangeBody, Filing, Organization } from '@linli/contract/organizations';
import { Alert, App, Checkbox, Form, Typography } from 'antd';
import { type ReactElement, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors } from '../../../app/form-errors';
import { ErrorAlert } from '../../../components/error-alert';
import { fileChange, resubmitFiling } from '../api';
import { firstLeader, LeaderListField, type LeaderValues, leaderErrorNames, toLeaderInputs } from './leader-list';
import {
  CategoryField,
  FoundedOnField,
  HubKindField,
  NameField,
  type OrgFieldValues,
  PartyFields,
  ServiceFields,
} from './org-fields';

type ChangeValues = OrgFieldValues & { changeLeaders?: boolean; leaders?: LeaderValues[] };
type FieldKey = keyof OrgFieldValues;

const fieldKeys: readonly FieldKey[] = [
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
];

function valuesOf(org: Organization): OrgFieldValues {
  return {
    name: org.name,
    category: org.category,
    hubKind: org.hubKind,
    foundedOn: org.foundedOn,
    serviceTargets: org.serviceTargets,
    venue: org.venue,
    memberCount: org.memberCount,
    socialWorkerCount: org.socialWorkerCount,
    certifiedSocialWorkerCount: org.certifiedSocialWorkerCount,
    partyOrg: org.partyOrg,
    charterPartyClause: org.charterPartyClause,
  };
}

/** A field's value as the API takes it, for comparing and sending. */
function canonical(key: FieldKey, values: Partial<OrgFieldValues>): unknown {
  const value = values[key];
  switch (key) {
    case 'name':
    case 'venue':
      return typeof value === 'string' ? value.trim() : '';
    case 'serviceTargets':
      return [...((value as string[] | undefined) ?? [])].sort();
    case 'socialWorkerCount':
    case 'certifiedSocialWorkerCount':
      return value ?? 0;
    case 'charterPartyClause':
      return Boolean(value);
    default:
      return value;
  }
}

/** The fields whose value differs from `base`. */
function changedFields(values: Partial<OrgFieldValues>, base: Partial<OrgFieldValues>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of fieldKeys) {
    const next = canonical(key, values);
    if (JSON.stringify(next) !== JSON.stringify(canonical(key, base))) {
      body[key] = next;
    }
  }
  return body;
}

/**
 * The fields the contract gives a default (`ChangeBody` is a partial of schemas with
 * `.default()`, so an absent one arrives at the server as its default and would overwrite the
 * record): always sent with their real value.
 */
const defaultedKeys: readonly FieldKey[] = [
  'hubKind',
  'serviceTargets',
  'venue',
  'socialWorkerCount',
  'certifiedSocialWorkerCount',
  'partyOrg',
  'charterPartyClause',
];

function pickFields(values: Partial<OrgFieldValues>, keys: readonly FieldKey[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, canonical(key, values)]));
}

type ChangeFormProps = {
  org: Organization;
  /** absent: a new change filing; a returned filing: its correction and resubmission */
  filing?: Filing;
  trigger: ReactElement;
  onSaved: (org: Organization) => void;
};

/**
 * 变更备案 (a new change filing with the fields that differ from the record) and 修改后重新提交
 * (a returned filing corrected and sent back to the start of its path). Leaders are replaced
 * only when “同时变更负责人” is ticked, since the full mobiles are never sent to the console.
 */
export function ChangeForm({ org, filing, trigger, onSaved }: ChangeFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangeValues>();
  const [error, setError] = useState<unknown>(null);
  const [isUnchanged, setUnchanged] = useState(false);
  const changeLeaders = Form.useWatch('changeLeaders', form);
  const isResubmission = filing !== undefined;

  // a returned change filing starts from what it proposed; everything else from the record
  const initialValues = useMemo<ChangeValues>(() => {
    const base = valuesOf(org);
    const proposed = filing?.act === 'change' ? filing.proposed : {};
    const merged: Record<string, unknown> = { ...base };
    for (const key of fieldKeys) {
      if (key in proposed) {
        merged[key] = proposed[key];
      }
    }
    return { ...(merged as OrgFieldValues), changeLeaders: false, leaders: [firstLeader] };
  }, [org, filing]);

  const submit = async (values: ChangeValues): Promise<boolean> => {
    setError(null);
    setUnchanged(false);
    const leaders = values.changeLeaders ? { leaders: toLeaderInputs(values.leaders) } : {};
    const changes = changedFields(values, valuesOf(org));
    if (!isResubmission && Object.keys(changes).length === 0 && !values.changeLeaders) {
      setUnchanged(true);
      return false;
    }
    // a new change proposes what differs; a resubmission restates the whole corrected record
    const body = {
      ...pickFields(values, isResubmission ? fieldKeys : defaultedKeys),
      ...changes,
      ...leaders,
    } as ChangeBody;
    try {
      const next = filing ? await resubmitFiling(filing.id, body) : await fileChange(org.id, body);
      void message.success(
        isResubmission ? t('organizations.detail.resubmitted') : t('organizations.detail.changeSubmitted'),
      );
      onSaved(next);
      return true;
    } catch (caught) {
      applyFieldErrors(form, caught, leaderErrorNames(values.leaders?.length ?? 0));
      setError(caught);
      return false;
    }
  };

  return (
    <ModalForm<ChangeValues>
      name={isResubmission ? 'org-resubmit' : 'org-change'}
      title={t(isResubmission ? 'organizations.detail.resubmitTitle' : 'organizations.detail.changeTitle', {
        name: org.name,
      })}
      form={form}
      layout="vertical"
      width={760}
      initialValues={initialValues}
      trigger={trigger}
      onOpenChange={(open) => {
        if (!open) {
          setError(null);
          setUnchanged(false);
        }
      }}
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      submitter={{
        searchConfig: {
          submitText: isResubmission
            ? t('organizations.detail.submitResubmit')
            : t('organizations.detail.submitChange'),
          resetText: t('common.cancel'),
        },
      }}
      onFinish={submit}
    >
      <Typography.Paragraph type="secondary">
        {isResubmission ? t('organizations.detail.resubmitHint') : t('organizations.detail.changeHint')}
      </Typography.Paragraph>
      <ErrorAlert error={error} />
      {isUnchanged ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          className="linli-error-alert"
          message={t('organizations.detail.noChanges')}
        />
      ) : null}
      <NameField />
      <CategoryField />
      <HubKindField />
      <FoundedOnField />
      <ServiceFields />
      <PartyFields />
      <Form.Item name="changeLeaders" valuePropName="checked" extra={t('organizations.detail.changeLeadersHint')}>
        <Checkbox>{t('organizations.detail.changeLeaders')}</Checkbox>
      </Form.Item>
      {changeLeaders ? <LeaderListField /> : null}
    </ModalForm>
  );
}
