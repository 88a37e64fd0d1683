import { useState } from 'react';
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { MentoringPair } from '../../api/types';
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
import { archivePair, exportPairs, invalidateMentoring, pairListQuery } from './api';
import { FinishPairModal } from './FinishPairModal';
import { MentoringSectionNav } from './MentoringSectionNav';
import { t } from './messages';
import { PairModal } from './PairModal';
import { MENTORING_FORMS, PAIR_SORTS, PAIR_STATUSES, toPairQuery, type PairSearch } from './search';

const m = t.mentoring;
const STATUS_COLORS: Record<string, string> = { active: 'green', finished: 'blue', cancelled: 'gray' };

type Props = { search: PairSearch; onSearch: (next: PairSearch) => void };

export function MentoringPage({ search, onSearch }: Props) {
  const me = useMe();
  const queryClient = useQueryClient();
  const query = toPairQuery(search);
  const list = useQuery(pairListQuery(query));
  const teacherName = useTeacherName(search.teacher_id);
  const [editing, setEditing] = useState<MentoringPair | 'new' | null>(null);
  const [finishing, setFinishing] = useState<MentoringPair | null>(null);
  const [archiving, setArchiving] = useState<MentoringPair | null>(null);
  const update = (patch: Partial<PairSearch>) => onSearch({ ...search, ...patch, offset: undefined });
  const active = activeFilterCount(search);
  const teacherLinks = canBrowseTeachers(me);

  const person = (id: string, name: string | null | undefined, organization: string | null | undefined) => (
    <Stack gap={0}>
      {teacherLinks ? (
        <RouterAnchor to="/teachers/$teacherId" params={{ teacherId: id }} fw={500} size="sm">
          {name ?? t.common.emptyValue}
        </RouterAnchor>
      ) : (
        <Text size="sm" fw={500}>
          {name ?? t.common.emptyValue}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {organization ?? ''}
      </Text>
    </Stack>
  );

  return (
    <Stack>
      <PageHeader
        title={m.title}
        actions={
          <Group gap="sm">
            <ExportMenu onExport={(format) => exportPairs(query, format)} />
            {can(me, 'mentoring:write') ? <Button onClick={() => setEditing('new')}>{m.create}</Button> : null}
          </Group>
        }
      />
      <MentoringSectionNav current="list" />
      <FiltersCard
        id="mentoring-filters"
        activeCount={active}
        onReset={() => onSearch({ sort: search.sort, limit: search.limit })}
        search={
          <TeacherPicker
            label={m.teacher}
            placeholder={m.teacherSearch}
            value={search.teacher_id ?? null}
            initialLabel={teacherName}
            onChange={(id) => update({ teacher_id: id ?? undefined })}
            required={false}
            clearable
          />
        }
      >
        <PeriodFilter label={m.period} anyLabel={m.periodAny} value={search.period} onChange={(period) => update({ period })} />
        <OrganizationFilter
          label={m.organization}
          placeholder={m.organizationAny}
          value={search.organization_id}
          onChange={(organization_id) => update({ organization_id })}
        />
        <CodesFilter
          label={m.status}
          anyLabel={m.statusAny}
          codes={PAIR_STATUSES}
          names={m.statuses}
          value={search.status}
          onChange={(status) => update({ status })}
        />
        <CodesFilter
          label={m.form}
          anyLabel={m.formAny}
          codes={MENTORING_FORMS}
          names={m.forms}
          value={search.form}
          onChange={(form) => update({ form })}
        />
        <SortFilter sorts={PAIR_SORTS} names={m.sorts} value={search.sort} fallback="-start_date" onChange={(sort) => update({ sort })} />
        <ArchivedFilter value={search.archived} onChange={(archived) => update({ archived })} />
      </FiltersCard>

      <ListView
        query={list}
        filtered={active > 0}
        emptyTitle={m.empty}
        onOffsetChange={(offset) => onSearch({ ...search, offset: offset || undefined })}
      >
        {(items) => (
          <Table.ScrollContainer minWidth={1000}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="mentoring-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{m.columns.mentee}</Table.Th>
                  <Table.Th>{m.columns.mentor}</Table.Th>
                  <Table.Th>{m.columns.form}</Table.Th>
                  <Table.Th>{m.columns.dates}</Table.Th>
                  <Table.Th>{m.columns.status}</Table.Th>
                  <Table.Th>{m.columns.goal}</Table.Th>
                  <Table.Th>{t.common.actions}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((pair) => {
                  const actions = pair.actions ?? [];
                  const name = pair.mentee_name ?? '';
                  return (
                    <Table.Tr key={pair.id}>
                      <Table.Td>{person(pair.mentee_id, pair.mentee_name, pair.mentee_organization_name)}</Table.Td>
                      <Table.Td>{person(pair.mentor_id, pair.mentor_name, pair.mentor_organization_name)}</Table.Td>
                      <Table.Td>{m.forms[pair.form] ?? pair.form_label}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {m.dates(formatDate(pair.start_date), pair.end_date ? formatDate(pair.end_date) : null)}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          <Badge size="sm" variant="light" miw="max-content" color={STATUS_COLORS[pair.status] ?? 'gray'} tt="none">
                            {m.statuses[pair.status] ?? pair.status_label}
                          </Badge>
                          {pair.archived_at ? (
                            <Badge size="sm" variant="light" miw="max-content" color="gray" tt="none">
                              {t.common.archived}
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td maw={240}>
                        <Text size="sm" lineClamp={2}>
                          {pair.goal ?? t.common.emptyValue}
                        </Text>
                        {pair.outcome ? (
                          <Text size="xs" c="dimmed" lineClamp={2}>
                            {pair.outcome}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={2} align="flex-start">
                          {actions.includes('update') && pair.status === 'active' ? (
                            <Button size="compact-sm" variant="light" onClick={() => setFinishing(pair)} aria-label={`${m.finish}: ${name}`}>
                              {m.finish}
                            </Button>
                          ) : null}
                          {actions.includes('update') ? (
                            <Button size="compact-sm" variant="subtle" onClick={() => setEditing(pair)} aria-label={`${t.common.edit}: ${name}`}>
                              {t.common.edit}
                            </Button>
                          ) : null}
                          {actions.includes('archive') ? (
                            <Button size="compact-sm" variant="subtle" color="red" onClick={() => setArchiving(pair)} aria-label={`${t.common.archive}: ${name}`}>
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

      <PairModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        pair={editing === 'new' ? null : editing}
        onReload={() => void list.refetch()}
      />
      <FinishPairModal pair={finishing} onClose={() => setFinishing(null)} onReload={() => void list.refetch()} />
      <ArchiveModal
        opened={archiving !== null}
        onClose={() => setArchiving(null)}
        title={m.archiveTitle}
        text={archiving ? m.archiveText(archiving.mentee_name ?? '', archiving.mentor_name ?? '') : ''}
        placeholder={m.archiveReasonPlaceholder}
        onReload={() => {
          setArchiving(null);
          void list.refetch();
        }}
        onConfirm={async (reason) => {
          if (!archiving) return;
          await archivePair(archiving, reason);
          setArchiving(null);
          notifications.show({ color: 'green', message: m.archived });
          await invalidateMentoring(queryClient);
        }}
      />
    </Stack>
  );
}
