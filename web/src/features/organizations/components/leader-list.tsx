import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { EstablishBody } from '@linli/contract/organizations';
import { Button, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isMobile, normalizeMobile } from '../../../components/mobile';
import { ChoiceGroup } from './choice-group';

type LeaderRole = EstablishBody['leaders'][number]['role'];
export type LeaderValues = { name?: string; role?: LeaderRole; mobile?: string };

const maxLeaders = 10;

/** A new list starts with one leader to fill in. */
export const firstLeader: LeaderValues = { role: 'leader' };

/** Server paths `leaders.0.mobile` → the form's `['leaders', 0, 'mobile']` (for `applyFieldErrors`). */
export function leaderErrorNames(count: number): Record<string, (string | number)[]> {
  const names: Record<string, (string | number)[]> = {};
  for (let index = 0; index < count; index++) {
    for (const key of ['name', 'role', 'mobile']) {
      names[`leaders.${index}.${key}`] = ['leaders', index, key];
    }
  }
  return names;
}

/** The leaders as the API takes them: names trimmed, mobiles in plain digits. */
export function toLeaderInputs(leaders: LeaderValues[] | undefined): EstablishBody['leaders'] {
  return (leaders ?? []).map((leader) => ({
    name: (leader.name ?? '').trim(),
    role: leader.role ?? 'contact',
    mobile: normalizeMobile(leader.mobile ?? ''),
  }));
}

/**
 * The organization's leaders and contacts, one fieldset per person (“第1位” …), each with name,
 * role and mobile; at least one must be a leader (负责人).
 */
export function LeaderListField() {
  const { t } = useTranslation();
  const roleLabel = t('organizations.leaders.role');

  return (
    <Form.List
      name="leaders"
      rules={[
        {
          validator: async (_rule, leaders: LeaderValues[] | undefined) => {
            if (!leaders?.some((leader) => leader?.role === 'leader')) {
              throw new Error(t('organizations.leaders.leaderRequired'));
            }
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          <Typography.Paragraph type="secondary">{t('organizations.leaders.hint')}</Typography.Paragraph>
          {fields.map((field, index) => {
            const person = t('organizations.leaders.person', { n: index + 1 });
            return (
              <fieldset key={field.key} className="linli-fieldset">
                <legend>{person}</legend>
                <Space wrap align="start" size="middle">
                  <Form.Item
                    name={[field.name, 'name']}
                    label={t('organizations.leaders.name')}
                    rules={[
                      { required: true, whitespace: true, message: t('organizations.leaders.nameRequired') },
                      { max: 50, message: t('organizations.leaders.nameTooLong') },
                    ]}
                  >
                    <Input size="large" autoComplete="off" maxLength={50} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'role']} label={roleLabel}>
                    <ChoiceGroup<LeaderRole>
                      label={`${person} ${roleLabel}`}
                      name={`leader-role-${field.key}`}
                      options={[
                        { value: 'leader', label: t('org.leaderRole.leader') },
                        { value: 'contact', label: t('org.leaderRole.contact') },
                      ]}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'mobile']}
                    label={t('organizations.leaders.mobile')}
                    validateTrigger="onBlur"
                    rules={[
                      { required: true, message: t('organizations.leaders.mobileRequired') },
                      {
                        validator: (_rule, value: string | undefined) =>
                          !value || isMobile(value)
                            ? Promise.resolve()
                            : Promise.reject(new Error(t('organizations.leaders.mobileInvalid'))),
                      },
                    ]}
                  >
                    <Input size="large" inputMode="tel" autoComplete="off" maxLength={20} style={{ width: 180 }} />
                  </Form.Item>
                  {fields.length > 1 ? (
                    <div className="linli-fieldset-action">
                      <Button danger icon={<DeleteOutlined aria-hidden />} onClick={() => remove(field.name)}>
                        {t('organizations.leaders.remove', { n: index + 1 })}
                      </Button>
                    </div>
                  ) : null}
                </Space>
              </fieldset>
            );
          })}
          <Form.ErrorList errors={errors} />
          {fields.length < maxLeaders ? (
            <Button
              type="dashed"
              size="large"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add({ role: 'contact' })}
              style={{ marginTop: 8 }}
            >
              {t('organizations.leaders.add')}
            </Button>
          ) : null}
        </>
      )}
    </Form.List>
  );
}
