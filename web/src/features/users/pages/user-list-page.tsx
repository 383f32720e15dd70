import { DownloadOutlined } from '@ant-design/icons';
import { type ProColumns, ProTable } from '@ant-design/pro-components';
import type { User } from '@linli/contract/accounts';
import { Button, Form, Input, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useAccess } from '../../../app/access';
import { useKeysetList } from '../../../app/use-keyset-list';
import { formatDateTime } from '../../../components/date-time';
import { ErrorAlert } from '../../../components/error-alert';
import { LoadMore } from '../../../components/load-more';
import { Page } from '../../../components/page';
import { listUsers, type UserFilters, type UserStatus as UserStatusValue, userExportUrl } from '../api';
import { GrantTags } from '../components/grant-tags';
import { UserCreateForm } from '../components/user-create-form';
import { UserStatus } from '../components/user-status';

/** Users in the current jurisdiction: search, keyset pages, export, and “新建用户”. */
export function UserListPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const [filters, setFilters] = useState<UserFilters>({});
  const list = useKeysetList(listUsers, filters);
  const [searchForm] = Form.useForm<{ q?: string; status?: UserStatusValue | '' }>();

  const columns = useMemo<ProColumns<User>[]>(
    () => [
      {
        title: t('users.name'),
        dataIndex: 'name',
        render: (_dom, user) => <Link to={`/users/${user.id}`}>{user.name}</Link>,
      },
      { title: t('users.mobile'), dataIndex: 'mobileMasked' },
      { title: t('users.homeArea'), dataIndex: 'areaFullName' },
      { title: t('users.roles'), dataIndex: 'grants', render: (_dom, user) => <GrantTags grants={user.grants} /> },
      { title: t('users.status'), dataIndex: 'status', render: (_dom, user) => <UserStatus user={user} /> },
      {
        title: t('users.lockedUntil'),
        dataIndex: 'lockedUntil',
        render: (_dom, user) => formatDateTime(user.lockedUntil),
      },
    ],
    [t],
  );

  const applySearch = (values: { q?: string; status?: UserStatusValue | '' }) => {
    const q = values.q?.trim();
    setFilters({ ...(q ? { q } : {}), ...(values.status ? { status: values.status } : {}) });
  };

  return (
    <Page
      title={t('users.title')}
      extra={
        <>
          <Button icon={<DownloadOutlined aria-hidden />} href={userExportUrl(filters)} download>
            {t('common.export')}
          </Button>
          {can('users.create') ? <UserCreateForm onCreated={() => list.reload()} /> : null}
        </>
      }
    >
      <Form
        name="user-search"
        form={searchForm}
        layout="inline"
        role="search"
        onFinish={applySearch}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="q" label={t('users.searchLabel')}>
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            enterButton={t('common.search')}
            onSearch={() => searchForm.submit()}
            style={{ width: 320 }}
          />
        </Form.Item>
        <Form.Item name="status" label={t('users.statusFilter')} initialValue="">
          <Select
            style={{ width: 140 }}
            onChange={() => searchForm.submit()}
            options={[
              { value: '', label: t('users.allStatuses') },
              { value: 'active', label: t('userStatus.active') },
              { value: 'disabled', label: t('userStatus.disabled') },
            ]}
          />
        </Form.Item>
      </Form>
      <ErrorAlert error={list.error} />
      <ProTable<User>
        rowKey="id"
        headerTitle={<h2 className="linli-card-title">{t('users.listCaption')}</h2>}
        columns={columns}
        dataSource={list.items}
        loading={list.isLoading && list.items.length === 0}
        search={false}
        pagination={false}
        options={{ reload: () => list.reload(), density: false, setting: false }}
        locale={{ emptyText: t('users.empty') }}
        scroll={{ x: 'max-content' }}
      />
      <LoadMore list={list} />
    </Page>
  );
}
