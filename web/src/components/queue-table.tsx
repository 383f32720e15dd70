import { type ProColumns, ProTable } from '@ant-design/pro-components';
import { Tag } from 'antd';

type QueueTableProps<T> = {
  columns: ProColumns<T>[];
  items: T[];
  loading: boolean;
  reload: () => void;
  /** the heading, with the number of items waiting */
  caption: string;
  /** the red tag beside the heading when some are overdue */
  overdueText: (count: number) => string;
  emptyText: string;
};

/**
 * An officer's to-do list (activity approvals and reports, needs to dispatch): everything waiting
 * for the caller on one page, the overdue rows marked and counted beside the heading.
 */
export function QueueTable<T extends { id: string; isOverdue: boolean }>(props: QueueTableProps<T>) {
  const overdue = props.items.filter((item) => item.isOverdue).length;
  return (
    <ProTable<T>
      rowKey="id"
      headerTitle={
        <h2 className="linli-card-title">
          {props.caption}
          {overdue > 0 ? (
            <Tag color="red" style={{ marginLeft: 8 }}>
              {props.overdueText(overdue)}
            </Tag>
          ) : null}
        </h2>
      }
      columns={props.columns}
      dataSource={props.items}
      loading={props.loading}
      rowClassName={(item) => (item.isOverdue ? 'linli-row-overdue' : '')}
      search={false}
      pagination={false}
      options={{ reload: props.reload, density: false, setting: false }}
      locale={{ emptyText: props.emptyText }}
      scroll={{ x: 'max-content' }}
    />
  );
}
