import type { AnswerValue, FileInfo, ReportField } from '@linli/contract/report-tasks';
import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';

/** An answer as text: options joined, numbers with their unit, an attachment as its download link. */
export function AnswerText({
  field,
  value,
  files,
}: {
  field: ReportField;
  value: AnswerValue | undefined;
  files: FileInfo[];
}) {
  const { t } = useTranslation();
  if (value === undefined || value === null || value === '') {
    return <span>{t('reportTasks.answer.empty')}</span>;
  }
  if (field.kind === 'file') {
    const file = files.find((f) => f.id === value);
    return file ? (
      <a href={file.url} download>
        {file.fileName}
      </a>
    ) : (
      <span>{t('reportTasks.answer.empty')}</span>
    );
  }
  if (Array.isArray(value)) {
    return <span>{value.join('、')}</span>;
  }
  if (field.kind === 'number') {
    return <span>{field.unit ? `${value} ${field.unit}` : String(value)}</span>;
  }
  return <span style={{ whiteSpace: 'pre-wrap' }}>{String(value)}</span>;
}

/** All answers of a submission, read-only, in the order of the form. */
export function AnswerList({
  fields,
  answers,
  files,
}: {
  fields: ReportField[];
  answers: Record<string, AnswerValue>;
  files: FileInfo[];
}) {
  return (
    <Descriptions
      column={1}
      bordered
      size="small"
      items={fields.map((field) => ({
        key: field.id,
        label: field.label,
        children: <AnswerText field={field} value={answers[field.id]} files={files} />,
      }))}
    />
  );
}
