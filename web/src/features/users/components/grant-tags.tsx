import type { Grant } from '@linli/contract/accounts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

/** A user's roles as tags reading “角色 @ 区域”. */
export function GrantTags({ grants }: { grants: Grant[] }) {
  const { t } = useTranslation();
  if (grants.length === 0) {
    return <span>{t('common.empty')}</span>;
  }
  return (
    <>
      {grants.map((grant) => (
        <Tag key={grant.id} color="volcano" style={{ marginBlock: 2 }}>
          {t('home.roleAt', { role: t(`roles.${grant.role}`), area: grant.areaFullName })}
        </Tag>
      ))}
    </>
  );
}
