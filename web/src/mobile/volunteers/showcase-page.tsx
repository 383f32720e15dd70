import type { ShowcaseProject } from '@linli/contract/volunteers';
import { Button, DotLoading, ErrorBlock, ImageViewer, Tag } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/error-text';
import type { Community } from '../community';
import { chinaDay } from '../format';
import { useCommunityBar } from './community-bar';
import { listShowcase } from './volunteer-api';
import { VolunteerShell } from './volunteer-shell';

/**
 * 志愿风采 (`/m/volunteer/showcase`): the projects of my community (or any area chosen) with the
 * reflections their organizations published and the photos; authors by masked name only. No
 * sign-in: a page to share.
 */
export function ShowcasePage() {
  const { t } = useTranslation();
  const [community, bar] = useCommunityBar();
  return (
    <VolunteerShell title={t('volunteerMobile.showcaseTitle')}>
      <h1>{t('volunteerMobile.showcaseTitle')}</h1>
      {bar}
      {community ? (
        <Showcase community={community} />
      ) : (
        <p className="linli-m-muted">{t('volunteerMobile.chooseCommunityFirst')}</p>
      )}
    </VolunteerShell>
  );
}

function Showcase({ community }: { community: Community }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<ShowcaseProject[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [isLoading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [viewing, setViewing] = useState<{ images: string[]; index: number } | null>(null);

  const load = (next: string | undefined, signal?: AbortSignal) => {
    setLoading(true);
    setError(null);
    listShowcase({ areaCode: community.code, cursor: next }, signal).then(
      (page) => {
        setItems((current) => (next ? [...current, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (caught: unknown) => {
        if (!signal?.aborted) {
          setError(caught);
          setLoading(false);
        }
      },
    );
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new community starts the list again
  useEffect(() => {
    const controller = new AbortController();
    setItems([]);
    load(undefined, controller.signal);
    return () => controller.abort();
  }, [community.code]);

  if (error && items.length === 0) {
    return <ErrorBlock status="default" title={errorText(error)} description="" />;
  }
  return (
    <>
      {items.length === 0 && !isLoading ? <p className="linli-m-muted">{t('volunteerMobile.showcaseNone')}</p> : null}
      <ul className="linli-m-list">
        {items.map((project) => (
          <li key={project.id} className="linli-m-card">
            <h2 className="linli-m-card-title" style={{ margin: 0 }}>
              {project.title}
            </h2>
            <div className="linli-m-muted">
              {project.orgName}{' '}
              <Tag color="primary" fill="outline">
                {t(`activities.field.${project.field}`)}
              </Tag>
            </div>
            {project.photos.length > 0 ? (
              <ul className="linli-m-photos" style={{ marginTop: 8 }}>
                {project.photos.map((photo, index) => (
                  <li key={photo.id}>
                    <button
                      type="button"
                      aria-label={t('volunteerMobile.viewPhoto', { n: index + 1 })}
                      onClick={() => setViewing({ images: project.photos.map((p) => p.url), index })}
                    >
                      <img src={photo.thumbUrl} alt="" loading="lazy" />
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
            <p className="linli-m-muted">{t('volunteerMobile.reflectionCount', { count: project.reflectionCount })}</p>
            {project.reflections.map((x) => (
              <article key={x.id} className="linli-m-reflection">
                <h3>{x.title}</h3>
                <p>{x.text}</p>
                <div className="linli-m-muted">
                  —— {x.authorMaskedName} · {chinaDay(x.publishedAt)}
                </div>
              </article>
            ))}
          </li>
        ))}
      </ul>
      {isLoading ? (
        <p style={{ textAlign: 'center' }} aria-live="polite">
          {t('app.loading')}
          <DotLoading />
        </p>
      ) : cursor ? (
        <Button block size="large" onClick={() => load(cursor)}>
          {t('common.loadMore')}
        </Button>
      ) : null}
      <ImageViewer.Multi
        images={viewing?.images ?? []}
        visible={viewing !== null}
        defaultIndex={viewing?.index ?? 0}
        onClose={() => setViewing(null)}
      />
    </>
  );
}
