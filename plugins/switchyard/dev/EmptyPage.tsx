import { Content, Header, Page } from '@backstage/core-components';

/**
 * Dev only: a Backstage page with nothing of ours on it (the app's frame, a header, no data) —
 * the floor the page benchmarks divide by (`yarn bench:entity-page`, `yarn bench:fleet-page`).
 */
export function EmptyPage() {
  return (
    <Page themeId="tool">
      <Header title="Empty page" subtitle="The benchmarks' floor: the app frame and nothing else" />
      <Content>
        <div data-testid="empty-page">Nothing here.</div>
      </Content>
    </Page>
  );
}
