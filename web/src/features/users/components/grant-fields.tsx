import type { Role } from '@linli/contract/permissions';
import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { AreaCascader, type AreaChoice } from '../../../components/area-cascader';
import type { GrantableRole } from '../api';

type GrantFieldsProps = {
  /** where the two fields live in the form: `['grant']` gives `grant.role` and `grant.area` */
  prefix: string[];
  roles: GrantableRole[];
  roots: AreaChoice[];
  isRequired: boolean;
  roleLabel: string;
  areaLabel: string;
};

/** A role (from the grantable ones) and the area it is bound to, at one of the role's levels. */
export function GrantFields({ prefix, roles, roots, isRequired, roleLabel, areaLabel }: GrantFieldsProps) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const roleName = [...prefix, 'role'];
  const areaName = [...prefix, 'area'];
  const role = Form.useWatch<Role | undefined>(roleName, form);
  const levels = roles.find((item) => item.role === role)?.areaLevels;

  return (
    <>
      <Form.Item
        name={roleName}
        label={roleLabel}
        rules={isRequired ? [{ required: true, message: t('users.detail.roleRequired') }] : []}
        extra={isRequired ? undefined : t('users.firstRoleHint')}
      >
        <Select<Role>
          allowClear={!isRequired}
          placeholder={roleLabel}
          options={roles.map((item) => ({ value: item.role, label: t(`roles.${item.role}`) }))}
          onChange={() => form.setFieldValue(areaName, undefined)}
        />
      </Form.Item>
      {role ? (
        <Form.Item name={areaName} label={areaLabel} rules={[{ required: true, message: t('users.roleAreaRequired') }]}>
          <AreaCascader key={role} roots={roots} levels={levels} />
        </Form.Item>
      ) : null}
    </>
  );
}
