import { PlusOutlined } from '@ant-design/icons';
import { ModalForm, ProFormText } from '@ant-design/pro-components';
import type { User } from '@linli/contract/accounts';
import type { Role } from '@linli/contract/permissions';
import { App, Button, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../../app/access';
import { errorText } from '../../../app/error-text';
import { applyFieldErrors } from '../../../app/form-errors';
import { useJurisdictionRoots } from '../../../app/jurisdiction';
import { ApiError } from '../../../app/request';
import { AreaCascader, type AreaChoice } from '../../../components/area-cascader';
import { ErrorAlert } from '../../../components/error-alert';
import { isMobile, normalizeMobile } from '../../../components/mobile';
import { meetsPasswordPolicy } from '../../../components/password-policy';
import { createUser } from '../api';
import { GrantFields } from './grant-fields';
import { useGrantableRoles } from './use-grantable-roles';

type CreateValues = {
  name: string;
  mobile: string;
  area: AreaChoice;
  initialPassword: string;
  grant?: { role?: Role; area?: AreaChoice };
};

/** Server paths that name a different field in this form. */
const rename = {
  areaCode: ['area'],
  'grant.areaCode': ['grant', 'area'],
  'grant.areaLevel': ['grant', 'area'],
};

/** Coded errors that belong to one field even when the server sends no field detail. */
const fieldByCode: Record<string, 'mobile' | 'initialPassword' | ['grant', 'role']> = {
  USER_MOBILE_TAKEN: 'mobile',
  PASSWORD_TOO_WEAK: 'initialPassword',
  PASSWORD_TOO_COMMON: 'initialPassword',
  ROLE_NOT_GRANTABLE: ['grant', 'role'],
};

/** “新建用户”: the button and its modal form (name, mobile, home area, initial password, optional first role). */
export function UserCreateForm({ onCreated }: { onCreated: (user: User) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const roots = useJurisdictionRoots();
  const [isOpen, setOpen] = useState(false);
  // the first role is offered only to those who may grant roles at all
  const canGrant = useAccess().can('roles.grant');
  const { roles, error: rolesError } = useGrantableRoles(isOpen && canGrant);
  const [error, setError] = useState<unknown>(null);

  const submit = async (values: CreateValues): Promise<boolean> => {
    setError(null);
    const grant = values.grant?.role && values.grant.area ? values.grant : undefined;
    try {
      const user = await createUser({
        name: values.name.trim(),
        mobile: normalizeMobile(values.mobile),
        areaCode: values.area.code,
        initialPassword: values.initialPassword,
        ...(grant?.role && grant.area
          ? { grant: { role: grant.role, areaCode: grant.area.code, areaLevel: grant.area.level } }
          : {}),
      });
      void message.success(t('users.created', { name: user.name }));
      onCreated(user);
      return true;
    } catch (caught) {
      const isPlaced = applyFieldErrors(form, caught, rename);
      const field = caught instanceof ApiError ? fieldByCode[caught.code] : undefined;
      if (!isPlaced && field) {
        form.setFields([{ name: field, errors: [errorText(caught)] }]);
      }
      setError(caught);
      return false;
    }
  };

  return (
    <ModalForm<CreateValues>
      name="user-create"
      title={t('users.createTitle')}
      form={form}
      open={isOpen}
      onOpenChange={(open) => {
        setOpen(open);
        if (!open) {
          setError(null);
        }
      }}
      trigger={
        <Button type="primary" icon={<PlusOutlined aria-hidden />}>
          {t('users.create')}
        </Button>
      }
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
      onFinish={submit}
      layout="vertical"
    >
      <ErrorAlert error={error ?? rolesError} />
      <ProFormText
        name="name"
        label={t('users.name')}
        fieldProps={{ autoComplete: 'off', maxLength: 50 }}
        rules={[
          { required: true, whitespace: true, message: t('users.nameRequired') },
          { max: 50, message: t('users.nameTooLong') },
        ]}
      />
      <ProFormText
        name="mobile"
        label={t('users.mobile')}
        fieldProps={{ inputMode: 'tel', autoComplete: 'off' }}
        rules={[
          { required: true, message: t('users.mobileRequired') },
          {
            validator: (_rule, value: string | undefined) =>
              !value || isMobile(value) ? Promise.resolve() : Promise.reject(new Error(t('users.mobileInvalid'))),
          },
        ]}
      />
      <Form.Item name="area" label={t('users.homeArea')} rules={[{ required: true, message: t('users.areaRequired') }]}>
        <AreaCascader roots={roots} />
      </Form.Item>
      <ProFormText.Password
        name="initialPassword"
        label={t('users.initialPassword')}
        extra={t('users.initialPasswordHint')}
        fieldProps={{ autoComplete: 'new-password' }}
        rules={[
          { required: true, message: t('users.passwordRequired') },
          {
            validator: (_rule, value: string | undefined) =>
              !value || meetsPasswordPolicy(value)
                ? Promise.resolve()
                : Promise.reject(new Error(t('errors.PASSWORD_TOO_WEAK'))),
          },
        ]}
      />
      {canGrant ? (
        <GrantFields
          prefix={['grant']}
          roles={roles}
          roots={roots}
          isRequired={false}
          roleLabel={t('users.firstRole')}
          areaLabel={t('users.firstRoleArea')}
        />
      ) : null}
    </ModalForm>
  );
}
