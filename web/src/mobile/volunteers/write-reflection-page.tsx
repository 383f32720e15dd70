import { REFLECTION_PHOTOS_MAX } from '@linli/contract/volunteers';
import { Button, Form, ImageUploader, type ImageUploadItem, Input, Selector, TextArea, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { errorText } from '../../app/error-text';
import { applyFieldErrors } from '../../app/form-errors';
import { addReflectionPhoto, listMyRecords, writeReflection } from './volunteer-api';
import { SignedInVolunteer, VolunteerShell } from './volunteer-shell';

type Values = { projectId: string[]; title: string; text: string; photos: ImageUploadItem[] };
type Served = { id: string; title: string; orgName: string };

/**
 * 写心得体会 (`/m/volunteer/reflections/new`): about a project I served in (a record I checked
 * out of), a title, the text, up to nine photos. The organization reviews it before it reaches
 * the showcase.
 */
export function WriteReflectionPage() {
  const { t } = useTranslation();
  return (
    <VolunteerShell title={t('volunteerMobile.writeReflection')}>
      <h1>{t('volunteerMobile.writeReflection')}</h1>
      <SignedInVolunteer>{() => <WriteForm />}</SignedInVolunteer>
    </VolunteerShell>
  );
}

function WriteForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [served, setServed] = useState<Served[] | null>(null);
  const [isSending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    listMyRecords(controller.signal).then(
      (records) => {
        const byProject = new Map<string, Served>();
        for (const r of records.items) {
          if (r.projectId && r.status !== 'open' && !byProject.has(r.projectId)) {
            byProject.set(r.projectId, { id: r.projectId, title: r.projectTitle, orgName: r.orgName });
          }
        }
        setServed([...byProject.values()]);
      },
      (caught: unknown) => {
        if (!controller.signal.aborted) {
          setError(errorText(caught));
          setServed([]);
        }
      },
    );
    return () => controller.abort();
  }, []);

  const submit = async (values: Values) => {
    setSending(true);
    setError(null);
    try {
      const reflection = await writeReflection({
        projectId: values.projectId[0] ?? '',
        title: values.title.trim(),
        text: values.text.trim(),
      });
      for (const photo of values.photos ?? []) {
        await addReflectionPhoto(reflection.id, photo.extra as File);
      }
      Toast.show({ icon: 'success', content: t('volunteerMobile.reflectionSent') });
      navigate('/m/volunteer/reflections', { replace: true });
    } catch (caught) {
      if (!applyFieldErrors(form, caught)) {
        setError(errorText(caught));
      }
    } finally {
      setSending(false);
    }
  };

  if (!served) {
    return <p aria-live="polite">{t('app.loading')}</p>;
  }
  if (served.length === 0) {
    return <p className="linli-m-section">{error ?? t('volunteerMobile.nothingServed')}</p>;
  }
  return (
    <>
      <p className="linli-m-muted">{t('volunteerMobile.reflectionIntro')}</p>
      {error ? (
        <p role="alert" className="linli-m-section linli-m-error">
          {error}
        </p>
      ) : null}
      <Form
        name="reflection"
        form={form}
        layout="vertical"
        mode="card"
        initialValues={{ projectId: served.length === 1 ? [served[0]!.id] : [], photos: [] }}
        onFinish={(values) => void submit(values)}
        footer={
          <Button block type="submit" color="primary" size="large" loading={isSending}>
            {t('volunteerMobile.sendReflection')}
          </Button>
        }
      >
        <Form.Item
          name="projectId"
          label={t('volunteerMobile.whichProject')}
          rules={[{ required: true, type: 'array', min: 1, message: t('volunteerMobile.whichProject') }]}
        >
          <Selector columns={1} options={served.map((p) => ({ value: p.id, label: `${p.title}（${p.orgName}）` }))} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('volunteerMobile.reflectionTitle')}
          rules={[{ required: true, min: 2, whitespace: true, message: t('fieldErrors.reflection.title.tooShort') }]}
        >
          <Input maxLength={60} clearable placeholder={t('volunteerMobile.reflectionTitlePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('volunteerMobile.reflectionText')}
          rules={[{ required: true, min: 10, whitespace: true, message: t('fieldErrors.reflection.text.tooShort') }]}
        >
          <TextArea rows={6} maxLength={5000} showCount placeholder={t('volunteerMobile.reflectionTextPlaceholder')} />
        </Form.Item>
        <Form.Item name="photos" label={t('volunteerMobile.photos')} description={t('volunteerMobile.photosHelp')}>
          <ImageUploader
            accept="image/jpeg,image/png,image/webp"
            maxCount={REFLECTION_PHOTOS_MAX}
            multiple
            upload={async (file: File) => ({ url: URL.createObjectURL(file), extra: file })}
          />
        </Form.Item>
      </Form>
    </>
  );
}
