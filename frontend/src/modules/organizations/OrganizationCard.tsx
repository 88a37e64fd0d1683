import { useState } from 'react';
import { Alert, Button, Card, Group, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { archiveOrganization, organizationKeys, organizationQuery } from './api';
import { teacherListQuery } from '../teachers/api';
import { canBrowseTeachers } from '../../auth/permissions';
import { ArchiveModal } from '../../components/ArchiveModal';
import { useMe } from '../../auth/useMe';
import { InfoGrid } from '../../components/InfoGrid';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { ErrorState, LoadingState } from '../../components/states';
import { useDictionary } from '../../components/useDictionary';
import { t } from './messages';
import { TeachersTable } from '../teachers/TeachersTable';
import { OrganizationEditModal } from './OrganizationEditModal';
import { OrganizationFlags } from './OrganizationsPage';

const o = t.organizations;
const TEACHERS_PAGE = 25;

export function OrganizationCard({ organizationId }: { organizationId: string }) {
  const me = useMe();
  const query = useQuery(organizationQuery(organizationId));
  const types = useDictionary('organizationTypes');
  const [editOpened, edit] = useDisclosure(false);
  const [archiveOpened, archive] = useDisclosure(false);
  const queryClient = useQueryClient();

  const back = (
    <RouterAnchor to="/organizations" size="sm">
      ← {o.card.backToList}
    </RouterAnchor>
  );
  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    return (
      <Stack>
        {back}
        <ErrorState error={query.error} onRetry={() => void query.refetch()} notFoundTitle={o.notFound} notFoundHint={o.notFoundHint} />
      </Stack>
    );
  }
  const { data: org } = query.data;
  // What this caller may do with this organization, as the API computed it with the rules of the writes.
  const canEdit = (org.actions ?? []).includes('update');
  const canArchive = (org.actions ?? []).includes('archive');

  return (
    <Stack>
      {back}
      <PageHeader
        title={org.short_name}
        description={org.name}
        actions={
          canEdit ? (
            <Group gap="sm">
              <Button onClick={edit.open}>{t.common.edit}</Button>
              {canArchive ? (
                <Button variant="light" color="red" onClick={archive.open}>
                  {t.common.archive}
                </Button>
              ) : null}
            </Group>
          ) : null
        }
      />
      {org.archived_at ? <Alert color="gray">{o.card.archivedReason(org.archive_reason ?? t.common.emptyValue)}</Alert> : null}
      <Card withBorder component="section">
        <Stack gap="md">
          <OrganizationFlags organization={org} />
          <InfoGrid
            items={[
              { label: o.card.type, value: types.name(org.type_code) },
              { label: o.card.inn, value: org.inn ?? t.common.emptyValue },
              { label: o.card.address, value: org.address ?? t.common.emptyValue },
              { label: o.card.teacherCount, value: org.teacher_count ?? t.common.emptyValue },
              { label: o.stateOwned, value: org.is_state_owned ? t.common.yes : t.common.no },
            ]}
          />
        </Stack>
      </Card>
      {canBrowseTeachers(me) ? <OrganizationTeachers organizationId={org.id} /> : null}
      {canEdit ? (
        <OrganizationEditModal
          opened={editOpened}
          onClose={edit.close}
          organization={org}
          onReload={() => void query.refetch()}
        />
      ) : null}
      {canArchive ? (
        <ArchiveModal
          opened={archiveOpened}
          onClose={archive.close}
          title={o.archiveTitle}
          text={o.archiveText(org.short_name)}
          onReload={() => void query.refetch()}
          onConfirm={async (reason) => {
            const saved = await archiveOrganization(org, reason);
            archive.close();
            notifications.show({ color: 'green', message: o.archived });
            await queryClient.invalidateQueries({ queryKey: organizationKeys.all });
            return saved;
          }}
        />
      ) : null}
    </Stack>
  );
}

function OrganizationTeachers({ organizationId }: { organizationId: string }) {
  const [offset, setOffset] = useState(0);
  const list = useQuery(
    teacherListQuery({ organization_id: [organizationId], limit: TEACHERS_PAGE, offset, sort: 'last_name' }),
  );
  return (
    <Card withBorder component="section" aria-labelledby="org-teachers">
      <Title order={3} size="h4" mb="sm" id="org-teachers">
        {o.card.teachersTitle}
      </Title>
      <ListView query={list} emptyTitle={t.teachers.empty} onOffsetChange={setOffset}>
        {(items) => (
          <TeachersTable items={items} showOrganization={false} />
        )}
      </ListView>
    </Card>
  );
}
