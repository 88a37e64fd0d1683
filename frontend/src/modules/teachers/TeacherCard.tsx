import { Alert, Badge, Button, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { notifications } from '@mantine/notifications';
import { archiveTeacher, teacherKeys, teacherQuery } from './api';
import { type Teacher } from '../../api/types';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { InfoGrid } from '../../components/InfoGrid';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor, RouterButton } from '../../components/RouterLinks';
import { ErrorState, LoadingState } from '../../components/states';
import { useDictionary } from '../../components/useDictionary';
import { ArchiveModal } from '../../components/ArchiveModal';
import { t } from './messages';
import { formatDate, formatFullName } from '../../lib/format';
import { CategoryWarningBadge } from './TeachersTable';
import { TeacherParticipations } from '../events/TeacherParticipations';

type Props = { teacherId: string; /** «Мой профиль»: no registry links. */ self?: boolean };

export function TeacherCard({ teacherId, self = false }: Props) {
  const me = useMe();
  const query = useQuery(teacherQuery(teacherId));

  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    return (
      <Stack>
        {!self ? <BackLink /> : null}
        <ErrorState
          error={query.error}
          onRetry={() => void query.refetch()}
          notFoundTitle={t.teachers.notFound}
          notFoundHint={t.teachers.notFoundHint}
        />
      </Stack>
    );
  }
  return (
    <Stack>
      <TeacherCardView
        teacher={query.data.data}
        etag={query.data.etag}
        self={self}
        canWrite={(query.data.data.actions ?? []).includes('update')}
        canArchive={(query.data.data.actions ?? []).includes('archive')}
        canAudit={!self && can(me, 'audit:read')}
        onReload={() => void query.refetch()}
      />
      {/* Events and roles by academic year (the events module), for those who may read participation. */}
      {can(me, 'participations:read') ? <TeacherParticipations teacherId={teacherId} /> : null}
    </Stack>
  );
}

function BackLink() {
  return (
    <RouterAnchor to="/teachers" size="sm">
      ← {t.teachers.card.backToList}
    </RouterAnchor>
  );
}

type ViewProps = {
  teacher: Teacher;
  etag: string | null;
  self: boolean;
  /** What the API says this caller may do with this record (`actions`), never guessed from roles. */
  canWrite: boolean;
  canArchive?: boolean;
  /** Who opened or changed this card (152-ФЗ): for those who may read the audit log. */
  canAudit?: boolean;
  onReload: () => void;
};

export function TeacherCardView({ teacher, etag, self, canWrite, canArchive = false, canAudit = false, onReload }: ViewProps) {
  const [archiveOpened, archiveModal] = useDisclosure(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const subjects = useDictionary('subjects');
  const fullName = formatFullName(teacher.last_name, teacher.first_name, teacher.middle_name);
  const c = t.teachers.card;
  const personnelNumbers = personnelNumbersOf(teacher);

  return (
    <Stack>
      {!self ? <BackLink /> : null}
      <PageHeader
        documentTitle={fullName}
        title={
          <Group gap="sm" component="span">
            <span data-testid="teacher-name">{fullName}</span>
            {teacher.is_young ? (
              <Badge variant="light" color="teal">
                {t.teachers.young}
              </Badge>
            ) : null}
            {teacher.archived_at ? (
              <Badge variant="light" color="gray">
                {t.common.archived}
              </Badge>
            ) : null}
          </Group>
        }
        description={[teacher.current_position_name, teacher.current_organization_name].filter(Boolean).join(', ')}
        actions={
          canWrite || canArchive || canAudit ? (
            <>
              {canAudit ? (
                <RouterButton variant="subtle" to="/audit" search={{ entity_id: teacher.id }}>
                  {c.auditTrail}
                </RouterButton>
              ) : null}
              {canWrite ? (
                <RouterButton to="/teachers/$teacherId/edit" params={{ teacherId: teacher.id }}>
                  {t.common.edit}
                </RouterButton>
              ) : null}
              {canArchive ? (
                <Button variant="light" color="red" onClick={archiveModal.open}>
                  {t.common.archive}
                </Button>
              ) : null}
            </>
          ) : null
        }
      />

      {teacher.archived_at ? (
        <Alert color="gray">{c.archivedReason(teacher.archive_reason ?? t.common.emptyValue)}</Alert>
      ) : null}

      {teacher.warnings?.length ? (
        <Alert color="orange" title={c.warningsTitle} data-testid="teacher-warnings">
          <List size="sm">
            {teacher.warnings.map((w) => (
              <List.Item key={w}>{w}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}

      <Card withBorder component="section" aria-labelledby="teacher-personal">
        <Title order={3} size="h4" mb="sm" id="teacher-personal">
          {c.personal}
        </Title>
        <InfoGrid
          items={[
            { label: c.birthDate, value: formatDate(teacher.birth_date) },
            { label: c.age, value: teacher.age ?? t.common.emptyValue },
            { label: c.teachingSince, value: formatDate(teacher.teaching_since) },
            { label: c.experience, value: teacher.experience_years ?? t.common.emptyValue },
            { label: c.email, value: teacher.email ?? t.common.emptyValue },
            { label: c.phone, value: <span data-testid="teacher-phone">{teacher.phone ?? t.common.emptyValue}</span> },
            {
              label: c.subjects,
              value: teacher.subjects.length ? teacher.subjects.map((s) => subjects.name(s)).join(', ') : c.noSubjects,
            },
          ]}
        />
      </Card>

      <Card withBorder component="section" aria-labelledby="teacher-employments">
        <Title order={3} size="h4" mb="sm" id="teacher-employments">
          {c.employments}
        </Title>
        {teacher.employments.length === 0 ? (
          <Text c="dimmed" size="sm">
            {c.noEmployments}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" data-testid="employments-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.teachers.employmentColumns.organization}</Table.Th>
                  <Table.Th>{t.teachers.employmentColumns.position}</Table.Th>
                  <Table.Th>{t.teachers.employmentColumns.kind}</Table.Th>
                  <Table.Th>{t.teachers.employmentColumns.rate}</Table.Th>
                  <Table.Th>{t.teachers.employmentColumns.start}</Table.Th>
                  <Table.Th>{t.teachers.employmentColumns.end}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {teacher.employments.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td>
                      {self ? (
                        (e.organization_name ?? t.common.emptyValue)
                      ) : (
                        <RouterAnchor to="/organizations/$organizationId" params={{ organizationId: e.organization_id }} size="sm">
                          {e.organization_name ?? t.common.emptyValue}
                        </RouterAnchor>
                      )}{' '}
                      {e.is_current ? (
                        <Badge size="xs" variant="light">
                          {c.current}
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{e.position_name ?? e.position_code}</Table.Td>
                    <Table.Td>{t.teachers.kinds[e.kind] ?? e.kind}</Table.Td>
                    <Table.Td>{e.rate ? formatRate(e.rate) : t.common.emptyValue}</Table.Td>
                    <Table.Td>{formatDate(e.start_date)}</Table.Td>
                    <Table.Td>{formatDate(e.end_date)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      <Card withBorder component="section" aria-labelledby="teacher-categories">
        <Title order={3} size="h4" mb="sm" id="teacher-categories">
          {c.categories}
        </Title>
        {teacher.categories.length === 0 ? (
          <Text c="dimmed" size="sm">
            {c.noCategories}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" data-testid="categories-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t.teachers.categoryColumns.category}</Table.Th>
                  <Table.Th>{t.teachers.categoryColumns.grantedOn}</Table.Th>
                  <Table.Th>{t.teachers.categoryColumns.expiresOn}</Table.Th>
                  <Table.Th>{t.teachers.categoryColumns.legalBasis}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {teacher.categories.map((cat) => {
                  const isCurrent = cat.category_code === teacher.category_code && cat.expires_on === (teacher.category_expires_on ?? null);
                  return (
                    <Table.Tr key={cat.id}>
                      <Table.Td>{cat.category_name ?? cat.category_code}</Table.Td>
                      <Table.Td>{formatDate(cat.granted_on)}</Table.Td>
                      <Table.Td>
                        <Group gap={6}>
                          {cat.expires_on ? formatDate(cat.expires_on) : t.teachers.categoryColumns.indefinite}
                          {isCurrent ? <CategoryWarningBadge warning={teacher.category_warning} /> : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>{cat.legal_basis ?? t.common.emptyValue}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      {personnelNumbers.length ? (
        <Card withBorder component="section" aria-labelledby="teacher-external">
          <Title order={3} size="h4" mb="sm" id="teacher-external">
            {c.externalIds}
          </Title>
          <List size="sm" data-testid="personnel-numbers">
            {personnelNumbers.map((x) => (
              <List.Item key={`${x.organization}:${x.number}`}>
                <Text span size="sm" c="dimmed">
                  {x.organization}:
                </Text>{' '}
                {x.number}
              </List.Item>
            ))}
          </List>
        </Card>
      ) : null}

      {canWrite ? (
        <ArchiveModal
          opened={archiveOpened}
          onClose={archiveModal.close}
          title={t.teachers.archiveTitle}
          text={t.teachers.archiveText(fullName)}
          placeholder={t.teachers.archiveReasonPlaceholder}
          onReload={onReload}
          onConfirm={async (reason) => {
            await archiveTeacher(teacher.id, etag, reason);
            archiveModal.close();
            notifications.show({ color: 'green', message: t.teachers.archived });
            await queryClient.invalidateQueries({ queryKey: teacherKeys.all });
            await navigate({ to: '/teachers' });
          }}
        />
      ) : null}
    </Stack>
  );
}

/** "1.00" → "1", "0.50" → "0,5" (Russian decimal comma). */
/** People see personnel numbers with the organization's name; the technical ids (`hr:<uuid>`, other systems'
 * keys) are for integrations and stay in the API only. */
export function personnelNumbersOf(teacher: Pick<Teacher, 'external_ids' | 'employments'>) {
  const organizations = new Map(teacher.employments.map((e) => [e.organization_id, e.organization_name]));
  return teacher.external_ids.flatMap((x) => {
    const organization = x.system.startsWith('hr:') ? organizations.get(x.system.slice(3)) : undefined;
    return organization ? [{ organization, number: x.external_id }] : [];
  });
}

export function formatRate(rate: string): string {
  const n = Number(rate);
  return Number.isFinite(n) ? String(n).replace('.', ',') : rate;
}
