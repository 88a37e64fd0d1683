import { useState } from 'react';
import { Badge, Button, Group, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { organizationOptionsQuery } from '../../api/queries';
import type { Course } from '../../api/types';
import { can, canBrowseTeachers } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ArchiveModal } from '../../components/ArchiveModal';
import { ExportMenu } from '../../components/ExportMenu';
import { FiltersCard } from '../../components/FiltersCard';
import { ArchivedFilter, PeriodFilter, SortFilter } from '../../components/ListFilters';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { SearchInput } from '../../components/SearchInput';
import { formatDate } from '../../lib/format';
import { activeFilterCount } from '../../lib/search';
import { useSearchText } from '../../lib/searchText';
import { TeacherPicker } from '../teachers/TeacherPicker';
import { useTeacherName } from '../teachers/useTeacherName';
import { archiveCourse, courseListQuery, exportCourses, invalidateCourses } from './api';
import { CourseFormModal } from './CourseFormModal';
import { CoursesSectionNav } from './CoursesSectionNav';
import { t } from './messages';
import { COURSE_SORTS, PROGRAM_KINDS, toCourseQuery, type CourseSearch } from './search';

const c = t.courses;

type Props = { search: CourseSearch; onSearch: (next: CourseSearch) => void };

export function CoursesPage({ search, onSearch }: Props) {
  const me = useMe();
  const queryClient = useQueryClient();
  const [q, setQ] = useSearchText('courses');
  const query = toCourseQuery(search, q);
  const list = useQuery(courseListQuery(query));
  const teacherName = useTeacherName(search.teacher_id);
  const [editing, setEditing] = useState<Course | 'new' | null>(null);
  const [archiving, setArchiving] = useState<Course | null>(null);

  const update = (patch: Partial<CourseSearch>) => onSearch({ ...search, ...patch, offset: undefined });
  const active = activeFilterCount(search, [q]);
  const organizations = useQuery(organizationOptionsQuery);
  const orgOptions = (organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name }));
  const showTeacherLinks = canBrowseTeachers(me);

  return (
    <Stack>
      <PageHeader
        title={c.title}
        actions={
          <Group gap="sm">
            <ExportMenu onExport={(format) => exportCourses(query, format)} />
            {can(me, 'courses:write') ? <Button onClick={() => setEditing('new')}>{c.create}</Button> : null}
          </Group>
        }
      />
      <CoursesSectionNav current="list" />
      <FiltersCard
        id="course-filters"
        activeCount={active}
        onReset={() => {
          setQ(undefined);
          onSearch({ sort: search.sort, limit: search.limit });
        }}
        search={
          <SearchInput
            label={c.searchLabel}
            placeholder={c.searchPlaceholder}
            value={q}
            onChange={(text) => {
              setQ(text);
              if (search.offset) onSearch({ ...search, offset: undefined });
            }}
          />
        }
      >
        <PeriodFilter label={c.period} anyLabel={c.periodAny} value={search.period} onChange={(period) => update({ period })} />
        <Select
          label={c.organization}
          placeholder={c.organizationAny}
          data={orgOptions}
          value={search.organization_id ?? null}
          onChange={(v) => update({ organization_id: v ?? undefined })}
          searchable
          clearable
        />
        <TeacherPicker
          label={c.teacher}
          placeholder={c.teacherSearch}
          value={search.teacher_id ?? null}
          initialLabel={teacherName}
          onChange={(id) => update({ teacher_id: id ?? undefined })}
          required={false}
          clearable
        />
        <Select
          label={c.providerFilter}
          placeholder={c.providerAny}
          data={orgOptions}
          value={search.provider_organization_id ?? null}
          onChange={(v) => update({ provider_organization_id: v ?? undefined })}
          searchable
          clearable
        />
        <Select
          label={c.kind}
          data={[{ value: '', label: c.kindAny }, ...PROGRAM_KINDS.map((k) => ({ value: k, label: c.kinds[k] ?? k }))]}
          value={search.program_kind ?? ''}
          onChange={(v) => update({ program_kind: PROGRAM_KINDS.find((k) => k === v) })}
          allowDeselect={false}
        />
        <Select
          label={c.eligible}
          data={[
            { value: '', label: c.eligibleOptions.any },
            { value: 'yes', label: c.eligibleOptions.yes },
            { value: 'no', label: c.eligibleOptions.no },
          ]}
          value={search.eligible ?? ''}
          onChange={(v) => update({ eligible: v === 'yes' || v === 'no' ? v : undefined })}
          allowDeselect={false}
        />
        <SortFilter sorts={COURSE_SORTS} names={c.sorts} value={search.sort} fallback="-end_date" onChange={(sort) => update({ sort })} />
        <ArchivedFilter value={search.archived} onChange={(archived) => update({ archived })} />
      </FiltersCard>

      <ListView
        query={list}
        filtered={active > 0}
        emptyTitle={c.empty}
        onOffsetChange={(offset) => onSearch({ ...search, offset: offset || undefined })}
      >
        {(items) => (
          <Table.ScrollContainer minWidth={980}>
            <Table striped highlightOnHover verticalSpacing="xs" data-testid="courses-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{c.columns.teacher}</Table.Th>
                  <Table.Th>{c.columns.title}</Table.Th>
                  <Table.Th>{c.columns.provider}</Table.Th>
                  <Table.Th>{c.columns.hours}</Table.Th>
                  <Table.Th>{c.columns.dates}</Table.Th>
                  <Table.Th>{c.columns.document}</Table.Th>
                  <Table.Th>{t.common.actions}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((course) => (
                  <CourseRow
                    key={course.id}
                    course={course}
                    teacherLink={showTeacherLinks}
                    onEdit={() => setEditing(course)}
                    onArchive={() => setArchiving(course)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </ListView>

      <CourseFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        course={editing === 'new' ? null : editing}
        onReload={() => void list.refetch()}
      />
      <ArchiveModal
        opened={archiving !== null}
        onClose={() => setArchiving(null)}
        title={c.archiveTitle}
        text={archiving ? c.archiveText(archiving.title, archiving.teacher_name ?? '') : ''}
        placeholder={c.archiveReasonPlaceholder}
        onReload={() => {
          setArchiving(null);
          void list.refetch();
        }}
        onConfirm={async (reason) => {
          if (!archiving) return;
          await archiveCourse(archiving, reason);
          setArchiving(null);
          notifications.show({ color: 'green', message: c.archived });
          await invalidateCourses(queryClient);
        }}
      />
    </Stack>
  );
}

function CourseRow({ course, teacherLink, onEdit, onArchive }: { course: Course; teacherLink: boolean; onEdit: () => void; onArchive: () => void }) {
  const actions = course.actions ?? [];
  return (
    <Table.Tr>
      <Table.Td>
        <Stack gap={0}>
          {teacherLink ? (
            <RouterAnchor to="/teachers/$teacherId" params={{ teacherId: course.teacher_id }} fw={500} size="sm">
              {course.teacher_name ?? t.common.emptyValue}
            </RouterAnchor>
          ) : (
            <Text size="sm" fw={500}>
              {course.teacher_name ?? t.common.emptyValue}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {course.organization_name ?? ''}
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Text size="sm">{course.title}</Text>
          <Group gap={4}>
            {course.program_kind === 'retraining' ? (
              <Badge size="xs" variant="light" color="blue" tt="none">
                {c.kinds.retraining}
              </Badge>
            ) : null}
            {course.provider_eligible === false ? (
              <Tooltip label={c.notCountedHint} multiline w={260}>
                <Badge size="xs" variant="light" color="red" tt="none" tabIndex={0}>
                  {c.notCounted}
                </Badge>
              </Tooltip>
            ) : null}
            {course.archived_at ? (
              <Badge size="xs" variant="light" color="gray" tt="none">
                {t.common.archived}
              </Badge>
            ) : null}
          </Group>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{course.provider_name ?? c.providerUnknown}</Text>
      </Table.Td>
      <Table.Td>{course.hours}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.dates(formatDate(course.start_date), formatDate(course.end_date))}</Table.Td>
      <Table.Td>{course.document_number ?? t.common.emptyValue}</Table.Td>
      <Table.Td>
        <Stack gap={2} align="flex-start">
          {actions.includes('update') ? (
            <Button size="compact-sm" variant="subtle" onClick={onEdit} aria-label={`${t.common.edit}: ${course.title}`}>
              {t.common.edit}
            </Button>
          ) : null}
          {actions.includes('archive') ? (
            <Button size="compact-sm" variant="subtle" color="red" onClick={onArchive} aria-label={`${t.common.archive}: ${course.title}`}>
              {t.common.archive}
            </Button>
          ) : null}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
