import { Badge, Button, Card, Collapse, Group, MultiSelect, Select, SimpleGrid, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { exportTeachers, teacherListQuery } from './api';
import { organizationOptionsQuery } from '../../api/queries';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ExportMenu } from '../../components/ExportMenu';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterButton } from '../../components/RouterLinks';
import { SearchInput } from '../../components/SearchInput';
import { useDictionary } from '../../components/useDictionary';
import { useSearchText } from '../../lib/searchText';
import { t } from './messages';
import { CATEGORY_STATUSES, TEACHER_SORTS, toTeacherQuery, type TeacherSearch } from './search';
import { TeachersTable } from './TeachersTable';

type Props = { search: TeacherSearch; onSearch: (next: TeacherSearch) => void };

export function TeachersPage({ search, onSearch }: Props) {
  const me = useMe();
  const [q, setQ] = useSearchText('teachers');
  const query = toTeacherQuery(search, q);
  const list = useQuery(teacherListQuery(query));
  const organizations = useQuery(organizationOptionsQuery);
  const positions = useDictionary('positions');
  const subjects = useDictionary('subjects');
  const categories = useDictionary('categories');

  /** Any filter change starts from the first page. */
  const update = (patch: Partial<TeacherSearch>) => onSearch({ ...search, ...patch, offset: undefined });
  const hasFilters = Boolean(q) || Object.keys(search).some((k) => k !== 'sort' && k !== 'limit' && k !== 'offset');
  const activeFilters = Object.keys(search).filter((k) => k !== 'sort' && k !== 'limit' && k !== 'offset').length;
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false }) ?? false;
  const [filtersOpen, setFiltersOpen] = useState(false);

  // One set of filter fields, laid out as a grid on wide screens and folded into «Фильтры» on a phone.
  const searchInput = (
    <SearchInput
      label={t.teachers.searchLabel}
      placeholder={t.teachers.searchPlaceholder}
      value={q}
      onChange={(text) => {
        setQ(text);
        if (search.offset) onSearch({ ...search, offset: undefined });
      }}
    />
  );
  const filterFields = (
    <>
      <MultiSelect
        label={t.teachers.organizationLabel}
        placeholder={search.organization_id?.length ? undefined : t.teachers.organizationPlaceholder}
        data={(organizations.data ?? []).map((o) => ({ value: o.id, label: o.short_name }))}
        value={search.organization_id ?? []}
        onChange={(v) => update({ organization_id: v.length ? v : undefined })}
        searchable
        clearable
      />
      <MultiSelect
        label={t.teachers.positionLabel}
        placeholder={search.position?.length ? undefined : t.teachers.positionPlaceholder}
        data={positions.options}
        value={search.position ?? []}
        onChange={(v) => update({ position: v.length ? v : undefined })}
        searchable
        clearable
      />
      <MultiSelect
        label={t.teachers.subjectLabel}
        placeholder={search.subject?.length ? undefined : t.teachers.subjectPlaceholder}
        data={subjects.options}
        value={search.subject ?? []}
        onChange={(v) => update({ subject: v.length ? v : undefined })}
        searchable
        clearable
      />
      <MultiSelect
        label={t.teachers.categoryLabel}
        placeholder={search.category?.length ? undefined : t.teachers.categoryPlaceholder}
        data={[...categories.options, { value: 'none', label: t.teachers.noCategory }]}
        value={search.category ?? []}
        onChange={(v) => update({ category: v.length ? v : undefined })}
        clearable
      />
      <Select
        label={t.teachers.categoryStatusLabel}
        data={[
          { value: 'any', label: t.teachers.categoryStatuses.any ?? '' },
          ...CATEGORY_STATUSES.map((s) => ({ value: s, label: t.teachers.categoryStatuses[s] ?? s })),
        ]}
        value={search.category_status ?? 'any'}
        onChange={(v) => update({ category_status: v && v !== 'any' ? (v as TeacherSearch['category_status']) : undefined })}
        allowDeselect={false}
      />
      <Select
        label={t.teachers.youngLabel}
        data={[
          { value: 'any', label: t.teachers.youngOptions.any },
          { value: 'yes', label: t.teachers.youngOptions.yes },
          { value: 'no', label: t.teachers.youngOptions.no },
        ]}
        value={search.young ?? 'any'}
        onChange={(v) => update({ young: v === 'yes' || v === 'no' ? v : undefined })}
        allowDeselect={false}
      />
      <Select
        label={t.common.sort}
        data={TEACHER_SORTS.map((s) => ({ value: s, label: t.teachers.sorts[s] ?? s }))}
        value={search.sort ?? 'last_name'}
        onChange={(v) => update({ sort: (v as TeacherSearch['sort']) ?? undefined })}
        allowDeselect={false}
      />
    </>
  );

  return (
    <Stack>
      <PageHeader
        title={t.teachers.title}
        actions={
          <Group gap="sm">
            <ExportMenu onExport={(format) => exportTeachers(query, format)} />
            {can(me, 'teachers:write') ? <RouterButton to="/teachers/new">{t.teachers.create}</RouterButton> : null}
          </Group>
        }
      />
      <Card withBorder padding="md" component="section" aria-label={t.common.filters}>
        {phone ? (
          // Phone: the search and a «Фильтры» button; the other filters fold away so the results come first.
          <Stack gap="sm">
            {searchInput}
            <Button
              variant="light"
              onClick={() => setFiltersOpen((o) => !o)}
              aria-expanded={filtersOpen}
              aria-controls="teacher-filters"
              rightSection={activeFilters ? <Badge size="sm" circle>{activeFilters}</Badge> : null}
            >
              {t.teachers.filtersToggle}
            </Button>
            <Collapse expanded={filtersOpen} id="teacher-filters">
              <Stack gap="sm">{filterFields}</Stack>
            </Collapse>
          </Stack>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            {searchInput}
            {filterFields}
          </SimpleGrid>
        )}
        {hasFilters ? (
          <Group mt="sm">
            <Button
              variant="subtle"
              size="xs"
              onClick={() => {
                setQ(undefined);
                onSearch({ sort: search.sort, limit: search.limit });
              }}
            >
              {t.common.reset}
            </Button>
          </Group>
        ) : null}
      </Card>

      <ListView
        query={list}
        filtered={hasFilters}
        emptyTitle={t.teachers.empty}
        onOffsetChange={(offset) => onSearch({ ...search, offset: offset || undefined })}
      >
        {(items) => (
          <TeachersTable items={items} />
        )}
      </ListView>
    </Stack>
  );
}
