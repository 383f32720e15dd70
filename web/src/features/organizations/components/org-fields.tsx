import {
  ProFormDatePicker,
  ProFormDigit,
  ProFormSelect,
  ProFormText,
  ProFormTextArea,
} from '@ant-design/pro-components';
import { type CreditCodeProblem, validateCreditCode } from '@linli/contract/credit-code';
import type { HubKind, OrgCategory, PartyOrgForm, ServiceTarget } from '@linli/contract/organizations';
import { Checkbox, Form, type FormInstance, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ChoiceGroup } from './choice-group';
import { categoryChoices, hubKindChoices, partyOrgChoices, serviceTargetChoices } from './org-options';

/** The values of the fields a filing sets, as the forms hold them (the date as `YYYY-MM-DD`). */
export type OrgFieldValues = {
  name: string;
  category: OrgCategory;
  hubKind: HubKind;
  foundedOn: string;
  serviceTargets: ServiceTarget[];
  venue?: string;
  memberCount: number;
  socialWorkerCount?: number;
  certifiedSocialWorkerCount?: number;
  partyOrg: PartyOrgForm;
  charterPartyClause: boolean;
};

/** Today as `YYYY-MM-DD` in the reader's time zone. */
function today(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function NameField() {
  const { t } = useTranslation();
  return (
    <ProFormText
      name="name"
      label={t('organizations.fields.name')}
      extra={t('organizations.form.nameHint')}
      fieldProps={{ maxLength: 80, autoComplete: 'off', size: 'large' }}
      rules={[
        { required: true, whitespace: true, message: t('organizations.form.nameRequired') },
        { min: 2, message: t('organizations.form.nameTooShort') },
        { max: 80, message: t('organizations.form.nameTooLong') },
      ]}
    />
  );
}

/** The category, with the definition of the chosen one (004 box 2) as the help text. */
export function CategoryField() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const category = Form.useWatch<OrgCategory | undefined>('category', form);
  return (
    <ProFormSelect<OrgCategory>
      name="category"
      label={t('organizations.fields.category')}
      extra={category ? t(`org.categoryDefinition.${category}`) : t('organizations.form.categoryHint')}
      placeholder={t('organizations.form.categoryPlaceholder')}
      rules={[{ required: true, message: t('organizations.form.categoryRequired') }]}
      options={categoryChoices.map((value) => ({ value, label: t(`org.category.${value}`) }))}
      fieldProps={{
        size: 'large',
        optionRender: (option) => (
          <div className="linli-option-with-help">
            <div>{option.label}</div>
            <Typography.Text type="secondary" className="linli-option-help">
              {t(`org.categoryDefinition.${option.value as OrgCategory}`)}
            </Typography.Text>
          </div>
        ),
      }}
    />
  );
}

export function HubKindField() {
  const { t } = useTranslation();
  const label = t('organizations.fields.hubKind');
  return (
    <Form.Item name="hubKind" label={label}>
      <ChoiceGroup<HubKind>
        label={label}
        name="hubKind"
        options={hubKindChoices.map((value) => ({ value, label: t(`org.hubKind.${value}`) }))}
      />
    </Form.Item>
  );
}

export function FoundedOnField() {
  const { t } = useTranslation();
  return (
    <ProFormDatePicker
      name="foundedOn"
      label={t('organizations.fields.foundedOn')}
      extra={t('organizations.form.foundedOnHint')}
      width="md"
      fieldProps={{
        format: 'YYYY-MM-DD',
        size: 'large',
        disabledDate: (current: { format: (pattern: string) => string } | null) =>
          current !== null && current.format('YYYY-MM-DD') > today(),
      }}
      rules={[
        { required: true, message: t('organizations.form.foundedOnRequired') },
        {
          // the picker holds a dayjs value, an initial value may still be the API's string
          validator: (_rule: unknown, value: string | { format: (pattern: string) => string } | undefined) => {
            const date = typeof value === 'string' ? value : value?.format('YYYY-MM-DD');
            return date && date > today()
              ? Promise.reject(new Error(t('organizations.form.foundedOnInFuture')))
              : Promise.resolve();
          },
        },
      ]}
    />
  );
}

/** 统一社会信用代码, checked as the server does (a civil affairs code: 51, 52, 53 or 59). */
export function CreditCodeField() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="creditCode"
      label={t('organizations.fields.creditCode')}
      extra={t('organizations.form.creditCodeHint')}
      normalize={(value: string | undefined) => value?.toUpperCase()}
      validateTrigger="onBlur"
      rules={[
        { required: true, whitespace: true, message: t('organizations.form.creditCodeRequired') },
        {
          validator: (_rule: unknown, value: string | undefined) => {
            if (!value?.trim()) {
              return Promise.resolve();
            }
            const check = validateCreditCode(value, { civilAffairs: true });
            const reason: CreditCodeProblem | null = check.ok ? null : check.reason;
            return reason ? Promise.reject(new Error(t(`fieldErrors.creditCode.${reason}`))) : Promise.resolve();
          },
        },
      ]}
    >
      <Input size="large" autoComplete="off" maxLength={24} style={{ maxWidth: 360 }} />
    </Form.Item>
  );
}

/** Service targets, venue and head counts. */
export function ServiceFields() {
  const { t } = useTranslation();
  return (
    <>
      <ProFormSelect<ServiceTarget[]>
        name="serviceTargets"
        label={t('organizations.fields.serviceTargets')}
        mode="multiple"
        placeholder={t('organizations.form.serviceTargetsPlaceholder')}
        options={serviceTargetChoices.map((value) => ({ value, label: t(`org.serviceTarget.${value}`) }))}
        fieldProps={{ size: 'large', allowClear: true }}
      />
      <ProFormText
        name="venue"
        label={t('organizations.fields.venue')}
        placeholder={t('organizations.form.venuePlaceholder')}
        fieldProps={{ maxLength: 200, size: 'large' }}
      />
      <Space wrap size="large" align="start">
        <ProFormDigit
          name="memberCount"
          label={t('organizations.fields.memberCount')}
          min={0}
          max={1_000_000}
          fieldProps={{ precision: 0, size: 'large' }}
          rules={[{ required: true, message: t('organizations.form.memberCountRequired') }]}
        />
        <ProFormDigit
          name="socialWorkerCount"
          label={t('organizations.fields.socialWorkerCount')}
          min={0}
          max={10_000}
          fieldProps={{ precision: 0, size: 'large' }}
        />
        <ProFormDigit
          name="certifiedSocialWorkerCount"
          label={t('organizations.fields.certifiedSocialWorkerCount')}
          min={0}
          max={10_000}
          fieldProps={{ precision: 0, size: 'large' }}
          dependencies={['socialWorkerCount']}
          rules={[
            ({ getFieldValue }: Pick<FormInstance, 'getFieldValue'>) => ({
              validator: (_rule: unknown, value: number | undefined) =>
                (value ?? 0) > ((getFieldValue('socialWorkerCount') as number | undefined) ?? 0)
                  ? Promise.reject(new Error(t('organizations.form.certifiedTooMany')))
                  : Promise.resolve(),
            }),
          ]}
        />
      </Space>
    </>
  );
}

/** The Party organization form and whether the charter has the Party-building clause. */
export function PartyFields() {
  const { t } = useTranslation();
  return (
    <>
      <ProFormSelect<PartyOrgForm>
        name="partyOrg"
        label={t('organizations.fields.partyOrg')}
        options={partyOrgChoices.map((value) => ({ value, label: t(`org.partyOrg.${value}`) }))}
        fieldProps={{ size: 'large', allowClear: false }}
      />
      <Form.Item name="charterPartyClause" valuePropName="checked">
        <Checkbox>{t('organizations.form.charterPartyClauseText')}</Checkbox>
      </Form.Item>
    </>
  );
}

/** A multi-line reason (dissolution, supervision, review comment), at least two characters when required. */
export function ReasonField({
  name,
  label,
  isRequired,
  requiredMessage,
  extra,
  maxLength = 500,
}: {
  name: string;
  label: string;
  isRequired: boolean;
  requiredMessage: string;
  extra?: string;
  maxLength?: number;
}) {
  return (
    <ProFormTextArea
      name={name}
      label={label}
      extra={extra}
      fieldProps={{ maxLength, showCount: true, autoSize: { minRows: 3, maxRows: 8 } }}
      rules={
        isRequired
          ? [
              { required: true, whitespace: true, message: requiredMessage },
              {
                validator: (_rule: unknown, value: string | undefined) =>
                  value && value.trim().length < 2 ? Promise.reject(new Error(requiredMessage)) : Promise.resolve(),
              },
            ]
          : []
      }
    />
  );
}
