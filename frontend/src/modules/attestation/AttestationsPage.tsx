import { useState } from 'react';
import { Alert, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Attestation } from '../../api/types';
import { can, canBrowseTeachers } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ArchiveModal } from '../../components/ArchiveModal';
import { ExportMenu } from '../../components/ExportMenu';
import { FiltersCard } from '../../components/FiltersCard';
import { ArchivedFilter, CodesFilter, OrganizationFilter, PeriodFilter, SortFilter } from '../../components/ListFilters';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { formatDate } from '../../lib/format';
import { activeFilterCount } from '../../lib/search';
import { TeacherPicker } from '../teachers/TeacherPicker';
import { useTeacherName } from '../teachers/useTeacherName';
import { archiveAttestation, attestationListQuery, exportAttestations, invalidateAttestations } from './api';
import { ApplicationModal } from './ApplicationModal';
import { AttestationSectionNav } from './AttestationSectionNav';
import { DecisionModal } from './DecisionModal';
import { t } from './messages';
import { ATTESTATION_SORTS, CATEGORIES_SOUGHT, STATUSES, toAttestationQuery, type AttestationSearch } from './search';

const a = t.attestation;

const STATUS_COLORS: Record<string, string> = { pending: 'blue', granted: 'green', refused: 'gray' };

type Props = { search: AttestationSearch; onSearch: (next: AttestationSearch) => void };

export function AttestationsPage({ search, onSearch }: Props) {
  const me = useMe();
  const queryClient = useQueryClient();
  const query = toAttestationQuery(search);
  const list = useQuery(attestationListQuery(query));
  const teacherName = useTeacherName(search.teacher_id);
  const [editing, setEditing] = useState<Attestation | 'new' | null>(null);
  const [deciding, setDeciding] = useState<Attestation | null>(null);
  const [archiving, setArchiving] = useState<Attestation | null>(null);
  const [decided, setDecided] = useState<Attestation | null>(null);
  const update = (patch: Partial<AttestationSearch>) => onSearch({ ...search, ...patch, offset: undefined });
  const active = activeFilterCount(search);
  const teacherLinks = canBrowseTeachers(me);

  return (
    <Stack>
      <PageHeader
        title={a.title}
        actions={
          <Group gap="sm">
            <ExportMenu onExport={(format) => exportAttestations(query, format)} />
            {can(me, 'attestations:write') ? <Button onClick={() => setEditing('new')}>{a.create}</Button> : null}
          </Group>
        }
      />
      <AttestationSectionNav current="list" />

      {decided ? <DecidedAlert attestation={decided} teacherLink={teacherLinks} onClose={() => setDecided(null)} /> : null}

      <FiltersCard
        id="attestation-filters"
        activeCount={active}
        onReset={() => onSearch({ sort: search.sort, limit: search.limit })}
        search={
          <TeacherPicker
            label={a.teacher}
            placeholder={a.teacherSearch}
            value={search.teacher_id ?? null}
            initialLabel={teacherName}
            onChange={(id) => update({ teacher_id: id ?? undefined })}
            required={false}
            clearable
          />
        }
      >
        <PeriodFilter label={a.period} anyLabel={a.periodAny} value={search.period} onChange={(period) => update({ period })} />
        <OrganizationFilter
          label={a.organization}
          placeholder={a.organizationAny}
          value={search.organization_id}
          onChange={(organization_id) => update({ organization_id })}
        />
        <CodesFilter
          label={a.category}
          anyLabel={a.categoryAny}
          codes={CATEGORIES_SOUGHT}
          names={a.categories}
          value={search.category}
          onChange={(category) => update({ category })}
        />
        <CodesFilter
          label={a.status}
          anyLabel={a.statusAny}
          codes={STATUSES}
          names={a.statuses}
          value={search.status}
          onChange={(status) => update({ status })}
        />
        <SortFilter sorts={ATTESTATION_SORTS} names={a.sorts} value={search.sort} fallback="-applied_on" onChange={(sort) => update({ sort })} />
        <ArchivedFilter value={search.archived} onChange={(archived) => update({ archived })} />
      </FiltersCard>

      <ListView
        query={list}
        filtered={active > 0}
        emptyTitle={a.empty}
        onOffsetChange={(offset) => onSearch({ ...search, offset: offset || undefined })}
      >
        {(items) => (
          <Table.ScrollContainer minWidth={900}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="attestations-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{a.columns.teacher}</Table.Th>
                  <Table.Th>{a.columns.category}</Table.Th>
                  <Table.Th>{a.columns.appliedOn}</Table.Th>
                  <Table.Th>{a.columns.status}</Table.Th>
                  <Table.Th>{a.columns.decision}</Table.Th>
                  <Table.Th>{t.common.actions}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((x) => {
                  const actions = x.actions ?? [];
                  const name = x.teacher_name ?? t.common.emptyValue;
                  return (
                    <Table.Tr key={x.id}>
                      <Table.Td>
                        <Stack gap={0}>
                          {teacherLinks ? (
                            <RouterAnchor to="/teachers/$teacherId" params={{ teacherId: x.teacher_id }} fw={500} size="sm">
                              {name}
                            </RouterAnchor>
                          ) : (
                            <Text size="sm" fw={500}>
                              {name}
                            </Text>
                          )}
                          <Text size="xs" c="dimmed">
                            {[x.position_name, x.organization_name].filter(Boolean).join(', ')}
                          </Text>
                        </Stack>
                      </Table.Td>
                      <Table.Td>{a.categories[x.category_sought] ?? x.category_sought_label}</Table.Td>
                      <Table.Td>{formatDate(x.applied_on)}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Badge size="sm" variant="light" miw="max-content" color={STATUS_COLORS[x.status ?? 'pending'] ?? 'gray'} tt="none">
                            {a.statuses[x.status ?? 'pending'] ?? x.status_label}
                          </Badge>
                          {x.archived_at ? (
                            <Badge size="sm" variant="light" miw="max-content" color="gray" tt="none">
                              {t.common.archived}
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        {x.decided_on ? (
                          <Stack gap={0}>
                            <Text size="sm">{a.decisionText(formatDate(x.decided_on), x.order_number)}</Text>
                            {x.status === 'granted' ? (
                              <Text size="xs" c="dimmed">
                                {x.category_expires_on ? a.expiresOn(formatDate(x.category_expires_on)) : a.noExpiry}
                              </Text>
                            ) : null}
                          </Stack>
                        ) : (
                          t.common.emptyValue
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={2} align="flex-start">
                          {actions.includes('decide') ? (
                            <Button size="compact-sm" variant="light" onClick={() => setDeciding(x)} aria-label={`${a.decide}: ${name}`}>
                              {a.decide}
                            </Button>
                          ) : null}
                          {actions.includes('update') ? (
                            <Button size="compact-sm" variant="subtle" onClick={() => setEditing(x)} aria-label={`${t.common.edit}: ${name}`}>
                              {t.common.edit}
                            </Button>
                          ) : null}
                          {actions.includes('archive') ? (
                            <Button size="compact-sm" variant="subtle" color="red" onClick={() => setArchiving(x)} aria-label={`${t.common.archive}: ${name}`}>
                              {t.common.archive}
                            </Button>
                          ) : null}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListView>

      <ApplicationModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        attestation={editing === 'new' ? null : editing}
        onReload={() => void list.refetch()}
      />
      <DecisionModal
        attestation={deciding}
        onClose={() => setDeciding(null)}
        onDecided={(x) => {
          setDecided(x);
          notifications.show({ color: 'green', message: x.status === 'granted' ? a.decision.savedGranted : a.decision.savedRefused });
        }}
        onReload={() => void list.refetch()}
      />
      <ArchiveModal
        opened={archiving !== null}
        onClose={() => setArchiving(null)}
        title={a.archiveTitle}
        text={archiving ? a.archiveText(archiving.teacher_name ?? '') : ''}
        placeholder={a.archiveReasonPlaceholder}
        onReload={() => {
          setArchiving(null);
          void list.refetch();
        }}
        onConfirm={async (reason) => {
          if (!archiving) return;
          await archiveAttestation(archiving, reason);
          const teacherId = archiving.teacher_id;
          setArchiving(null);
          notifications.show({ color: 'green', message: a.archived });
          await invalidateAttestations(queryClient, teacherId);
        }}
      />
    </Stack>
  );
}

/** What the decision did, where people look: a granted category is now in the teacher's card. */
function DecidedAlert({ attestation, teacherLink, onClose }: { attestation: Attestation; teacherLink: boolean; onClose: () => void }) {
  const granted = attestation.status === 'granted';
  const d = a.decision;
  return (
    <Alert
      color={granted ? 'green' : 'gray'}
      title={granted ? d.savedGranted : d.savedRefused}
      withCloseButton
      closeButtonLabel={t.common.close}
      onClose={onClose}
      data-testid="decision-result"
    >
      <Stack gap={4}>
        <Text size="sm">
          {[
            attestation.teacher_name,
            a.categories[attestation.category_sought] ?? attestation.category_sought_label,
            granted ? (attestation.category_expires_on ? a.expiresOn(formatDate(attestation.category_expires_on)) : a.noExpiry) : null,
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {granted && teacherLink ? (
          <RouterAnchor to="/teachers/$teacherId" params={{ teacherId: attestation.teacher_id }} size="sm">
            {d.openCard}
          </RouterAnchor>
        ) : null}
      </Stack>
    </Alert>
  );
}
