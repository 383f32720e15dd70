import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../app/request';
import { LoadingPage, NotFoundPage } from '../../../app/status-pages';
import { ErrorAlert } from '../../../components/error-alert';
import { Page } from '../../../components/page';
import { getReportTask } from '../api';
import { TaskForm } from '../components/task-form';
import { useLoaded } from '../components/use-loaded';

/** A new draft report task. */
export function ReportTaskNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Page
      title={t('reportTasks.form.newTitle')}
      back={
        <Link to="/report-tasks">
          <ArrowLeftOutlined aria-hidden /> {t('reportTasks.list.title')}
        </Link>
      }
    >
      <TaskForm onSaved={(task) => navigate(`/report-tasks/${task.id}`)} />
    </Page>
  );
}

/** Edits a draft (a sent task's form is fixed: the server answers 409). */
export function ReportTaskEditPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const task = useLoaded((signal) => getReportTask(id, signal), id);
  if (task.error instanceof ApiError && (task.error.status === 404 || task.error.status === 400)) {
    return <NotFoundPage />;
  }
  const back = (
    <Link to={`/report-tasks/${id}`}>
      <ArrowLeftOutlined aria-hidden /> {t('reportTasks.detail.back')}
    </Link>
  );
  if (task.error) {
    return (
      <Page title={t('reportTasks.form.editTitle')} back={back}>
        <ErrorAlert error={task.error} />
      </Page>
    );
  }
  if (!task.data) {
    return <LoadingPage />;
  }
  return (
    <Page title={t('reportTasks.form.editTitle')} back={back}>
      <TaskForm task={task.data} onSaved={(saved) => navigate(`/report-tasks/${saved.id}`)} />
    </Page>
  );
}
