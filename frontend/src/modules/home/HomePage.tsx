import { lazy, Suspense } from 'react';
import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { teacherStatsQuery } from './api';
import { canBrowseTeachers, isPureTeacher, ownSchoolId, reachOf, type Me } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { EmptyBlock, ErrorState, LoadingState } from '../../components/states';
import { t } from './messages';
import type { TeacherSearch } from '../teachers/search';
import { TeacherCard } from '../teachers/TeacherCard';
import { ByOrganizationTable } from './ByOrganizationTable';

const StatsChart = lazy(() => import('./StatsChart'));
const h = t.home;

type Scope = { title: string; query: { municipality_id?: string; organization_id?: string }; organizationId?: string };

/** By how far the teachers' right reaches (/auth/me): one municipality, one school, or everything visible. */
export function statsScope(me: Me): Scope {
  const reach = reachOf(me, 'teachers:read');
  const nameOf = (id: string) => me.roles.find((r) => r.municipality_id === id || r.organization_id === id)?.scope_name ?? '';
  const municipalityId = me.municipality_ids.length === 1 ? me.municipality_ids[0] : undefined;
  if (reach === 'municipality' && municipalityId) {
    return { title: h.municipalityTitle(nameOf(municipalityId)), query: { municipality_id: municipalityId } };
  }
  const schoolId = ownSchoolId(me);
  if (schoolId) {
    return { title: h.schoolTitle(nameOf(schoolId)), query: { organization_id: schoolId }, organizationId: schoolId };
  }
  return { title: h.allTitle, query: {} };
}

export function HomePage() {
  const me = useMe();
  if (isPureTeacher(me)) {
    return me.teacher_id ? (
      <TeacherCard teacherId={me.teacher_id} self />
    ) : (
      <EmptyBlock title={h.myProfileTitle} description={h.noTeacherLinked} />
    );
  }
  if (!canBrowseTeachers(me)) {
    return (
      <Stack>
        <PageHeader title={h.title} description={h.welcome} />
        <Text>{h.noStats}</Text>
      </Stack>
    );
  }
  return <StatsDashboard scope={statsScope(me)} />;
}

function StatsDashboard({ scope }: { scope: Scope }) {
  const stats = useQuery(teacherStatsQuery(scope.query));
  const base: TeacherSearch = scope.organizationId ? { organization_id: [scope.organizationId] } : {};

  if (stats.isPending) return <LoadingState />;
  if (stats.isError) return <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />;
  const s = stats.data;
  const cards: { label: string; short: string; value: number; color: string; search: TeacherSearch }[] = [
    { label: h.teachers, short: h.chartBars.teachers, value: s.teachers, color: '#228be6', search: base },
    { label: h.youngTeachers, short: h.chartBars.young, value: s.young_teachers, color: '#12b886', search: { ...base, young: 'yes' } },
    {
      label: h.categoriesExpiring,
      short: h.chartBars.expiring,
      value: s.categories_expiring,
      color: '#fd7e14',
      search: { ...base, category_status: 'expiring' },
    },
    {
      label: h.categoriesExpired,
      short: h.chartBars.expired,
      value: s.categories_expired,
      color: '#fa5252',
      search: { ...base, category_status: 'expired' },
    },
  ];

  return (
    <Stack>
      <PageHeader title={h.title} description={scope.title} />
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md" data-testid="stats-cards">
        {cards.map((card) => (
          <Card key={card.label} withBorder padding="md" style={{ borderTop: `4px solid ${card.color}` }}>
            <Text size="sm" c="dimmed" mih={40}>
              {card.label}
            </Text>
            <Text fz={32} fw={700} lh={1.2}>
              {card.value}
            </Text>
            <RouterAnchor to="/teachers" search={card.search} size="sm" mt="xs" aria-label={`${h.openList}: ${card.label}`}>
              {h.openList}
            </RouterAnchor>
          </Card>
        ))}
      </SimpleGrid>
      {!scope.organizationId ? (
        <RouterAnchor to="/organizations" size="sm">
          {h.organizationsLink(s.organizations)}
        </RouterAnchor>
      ) : null}
      <Card withBorder padding="md" component="section" aria-labelledby="stats-chart-title">
        <Title order={3} size="h4" mb="sm" id="stats-chart-title">
          {h.chartTitle}
        </Title>
        <Suspense fallback={<LoadingState />}>
          <StatsChart ariaLabel={h.chartLabel} bars={cards.map(({ short, value, color }) => ({ label: short, value, color }))} />
        </Suspense>
      </Card>
      {!scope.organizationId ? <ByOrganizationTable municipalityId={scope.query.municipality_id} /> : null}
    </Stack>
  );
}
