import { Flex, Typography } from 'antd';
import { type ReactNode, useId } from 'react';

type PageProps = {
  title: string;
  /** buttons beside the heading */
  extra?: ReactNode;
  /** a link back, shown above the heading */
  back?: ReactNode;
  children: ReactNode;
};

/** A page section with its one `<h1>`; every console page starts with it. */
export function Page({ title, extra, back, children }: PageProps) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="linli-page">
      {back ? <div className="linli-page-back">{back}</div> : null}
      <Flex component="header" justify="space-between" align="center" wrap gap="middle" className="linli-page-header">
        <Typography.Title level={1} id={headingId} className="linli-page-title">
          {title}
        </Typography.Title>
        {extra ? (
          <Flex gap="small" wrap>
            {extra}
          </Flex>
        ) : null}
      </Flex>
      {children}
    </section>
  );
}
