import { useEffect, useState } from 'react';
import { useOutlet, useParams } from 'react-router-dom';
import type { Entity } from '@backstage/catalog-model';
import { Content, Header, HeaderLabel, HeaderTabs, Page, Progress, WarningPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, EntityProvider } from '@backstage/plugin-catalog-react';
import { isSwitchyardAvailable } from '../src';

/**
 * Dev only: what a Backstage app's catalog entity page does for our tab — loads the entity named in
 * the URL (`/catalog/:namespace/:kind/:name`) and renders the tab inside an EntityProvider.
 */
export function DevEntityPage() {
  const { namespace = 'default', kind = 'resource', name = '' } = useParams();
  const catalogApi = useApi(catalogApiRef);
  const outlet = useOutlet();
  const [state, setState] = useState<{ entity?: Entity; error?: string }>({});

  useEffect(() => {
    setState({});
    catalogApi.getEntityByRef({ kind, namespace, name }).then(
      (entity) => setState(entity ? { entity } : { error: `No ${kind} ${namespace}/${name} in the catalog` }),
      (e: Error) => setState({ error: e.message }),
    );
  }, [catalogApi, kind, namespace, name]);

  const { entity, error } = state;
  return (
    <Page themeId="service">
      <Header title={entity?.metadata.title ?? name} subtitle={entity?.metadata.description ?? `${kind} ${namespace}/${name}`}>
        {entity && <HeaderLabel label="Owner" value={String(entity.spec?.owner ?? '')} />}
        {entity && <HeaderLabel label="Type" value={String(entity.spec?.type ?? '')} />}
      </Header>
      {/* The tab an app's EntityLayout shows for EntitySwitchyardContent. */}
      <HeaderTabs tabs={[{ id: 'database', label: 'Database' }]} selectedIndex={0} />
      <Content>
        {error && <WarningPanel severity="error" title="Could not load the entity" message={error} defaultExpanded />}
        {!entity && !error && <Progress />}
        {entity && !isSwitchyardAvailable(entity) && (
          <WarningPanel
            title="No Database tab for this entity"
            message="It needs kind Resource, spec.type database and the aws.amazon.com/rds-cluster-arn annotation."
          />
        )}
        {entity && isSwitchyardAvailable(entity) && <EntityProvider entity={entity}>{outlet}</EntityProvider>}
      </Content>
    </Page>
  );
}
