import { useState } from 'react';
import { Anchor, Badge, Button, Card, FileButton, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/errors';
import type { Association } from '../../api/types';
import { ArchiveModal } from '../../components/ArchiveModal';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor, RouterButton } from '../../components/RouterLinks';
import { ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { todayIso } from '../../lib/periods';
import { TeacherPicker } from '../teachers/TeacherPicker';
import {
  addMember,
  archiveAssociation,
  archiveMeeting,
  archivePlan,
  associationQuery,
  downloadMinutes,
  invalidateAssociations,
  removeMember,
  uploadMinutes,
} from './api';
import { saveBlob } from '../../lib/download';
import { MeetingModal } from './MeetingModal';
import { t } from './messages';
import { PlanModal } from './PlanModal';
import { ShareFigure } from './ShareFigure';

const a = t.associations;
type Plan = NonNullable<Association['plans']>[number];
type Meeting = NonNullable<Association['meetings']>[number];
type Member = NonNullable<Association['members']>[number];
type Archiving = { kind: 'association' | 'plan' | 'meeting'; id: string; version: number; label: string } | null;

/** The association's card: who is in it, the plan-schedule, the meetings held and the share of the plan held. */
export function AssociationPage({ associationId }: { associationId: string }) {
  const query = useQuery(associationQuery(associationId));
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} notFoundTitle={a.notFound} notFoundHint={a.notFoundHint} />;
  return <AssociationCard association={query.data} onReload={() => void query.refetch()} />;
}

function AssociationCard({ association: x, onReload }: { association: Association; onReload: () => void }) {
  const queryClient = useQueryClient();
  const [planOpen, setPlanOpen] = useState(false);
  const [editPlan, setEditPlan] = useState<Plan | null>(null);
  const [meetingFor, setMeetingFor] = useState<Plan | 'none' | null>(null);
  const [editMeeting, setEditMeeting] = useState<Meeting | null>(null);
  const [archiving, setArchiving] = useState<Archiving>(null);
  const [newMember, setNewMember] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const actions = x.actions ?? [];
  // archived lines and records leave the screen (their history stays in the audit log)
  const plans = (x.plans ?? []).filter((p) => !p.archived_at);
  const members = x.members ?? [];
  const meetings = (x.meetings ?? []).filter((m) => !m.archived_at);
  const mayMeetings = actions.includes('meetings');
  const mayMembers = actions.includes('members');
  const planTopic = (id: string | null | undefined) => plans.find((p) => p.id === id)?.topic;
  const current = members.filter((m) => !m.left_on);
  const refresh = async () => invalidateAssociations(queryClient);

  async function add() {
    if (!newMember) return;
    setAdding(true);
    try {
      await addMember(x.id, newMember);
      notifications.show({ color: 'green', message: a.members.added });
      setNewMember(null);
      await refresh();
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    } finally {
      setAdding(false);
    }
  }

  async function attach(meeting: Meeting, file: File | null) {
    if (!file) return;
    try {
      await uploadMinutes(meeting, file);
      notifications.show({ color: 'green', message: a.meetings.uploaded });
      await refresh();
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    }
  }

  async function download(meeting: Meeting) {
    try {
      const { blob, filename } = await downloadMinutes(meeting.id, meeting.minutes_file_name ?? 'protocol');
      saveBlob(blob, filename);
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    }
  }

  async function remove(member: Member) {
    try {
      await removeMember(member, todayIso());
      notifications.show({ color: 'green', message: a.members.removed });
      await refresh();
    } catch (error) {
      notifications.show({ color: 'red', message: errorMessage(error) });
    }
  }

  return (
    <Stack>
      <PageHeader
        title={x.title}
        description={[a.levels[x.level] ?? x.level_label, x.organization_name, x.academic_year, x.subject_name ?? x.problem].filter(Boolean).join(' · ')}
        actions={
          <Group gap="sm">
            <RouterButton to="/associations" variant="default">
              {a.title}
            </RouterButton>
            {actions.includes('archive') ? (
              <Button variant="subtle" color="red" onClick={() => setArchiving({ kind: 'association', id: x.id, version: x.version, label: x.title })}>
                {t.common.archive}
              </Button>
            ) : null}
          </Group>
        }
      />
      {x.archived_at ? (
        <Badge color="gray" variant="light" tt="none">
          {t.common.archived}
          {x.archive_reason ? `: ${x.archive_reason}` : ''}
        </Badge>
      ) : null}
      <Card withBorder component="section" aria-labelledby="association-share-title">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Title order={3} size="h5" id="association-share-title">
              {a.shareTitle}
            </Title>
            <Text size="sm" c="dimmed">
              {a.shareHint}
            </Text>
            <Text size="sm">
              {a.fields.leader}: {x.leader_name ?? t.common.emptyValue}
            </Text>
          </Stack>
          <ShareFigure planned={x.planned ?? 0} held={x.held ?? 0} share={x.share} size="lg" />
        </Group>
      </Card>

      <Card withBorder component="section" aria-labelledby="association-members-title">
        <Stack>
          <Title order={3} size="h4" id="association-members-title">
            {a.members.title} ({current.length})
          </Title>
          {mayMembers ? (
            <Group align="flex-end">
              <TeacherPicker label={a.members.teacher} placeholder={a.members.teacherSearch} value={newMember} onChange={setNewMember} required={false} clearable />
              <Button onClick={() => void add()} loading={adding} disabled={!newMember}>
                {a.members.add}
              </Button>
            </Group>
          ) : null}
          {members.length === 0 ? (
            <Text c="dimmed">{a.members.empty}</Text>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table verticalSpacing="xs" data-testid="association-members">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{a.members.teacher}</Table.Th>
                    <Table.Th>{a.members.organization}</Table.Th>
                    <Table.Th>{a.columns.year}</Table.Th>
                    <Table.Th>{t.common.actions}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {members.map((m) => (
                    <Table.Tr key={m.id}>
                      <Table.Td>
                        <Group gap={6}>
                          <Text size="sm" fw={500} c={m.left_on ? 'dimmed' : undefined}>
                            {m.teacher_name}
                          </Text>
                          {m.is_leader ? (
                            <Badge size="xs" variant="light" tt="none">
                              {a.members.leader}
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                      <Table.Td>{m.organization_name ?? t.common.emptyValue}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {m.left_on ? a.members.left(formatDate(m.left_on)) : a.members.since(formatDate(m.joined_on))}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {(m.actions ?? []).includes('growth') ? (
                            <RouterAnchor
                              to="/associations/$associationId/members/$teacherId/growth"
                              params={{ associationId: x.id, teacherId: m.teacher_id }}
                              size="sm"
                              aria-label={`${a.members.growth}: ${m.teacher_name ?? ''}`}
                            >
                              {a.members.growth}
                            </RouterAnchor>
                          ) : null}
                          {(m.actions ?? []).includes('update') && !m.left_on ? (
                            <Button size="compact-sm" variant="subtle" color="red" onClick={() => void remove(m)} aria-label={`${a.members.remove}: ${m.teacher_name ?? ''}`}>
                              {a.members.remove}
                            </Button>
                          ) : null}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="association-plans-title">
        <Stack>
          <Group justify="space-between">
            <Title order={3} size="h4" id="association-plans-title">
              {a.plans.title}
            </Title>
            {mayMeetings ? <Button onClick={() => setPlanOpen(true)}>{a.plans.add}</Button> : null}
          </Group>
          {plans.length === 0 ? (
            <Text c="dimmed">{a.plans.empty}</Text>
          ) : (
            <Table.ScrollContainer minWidth={600}>
              <Table verticalSpacing="xs" data-testid="association-plans">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{a.plans.date}</Table.Th>
                    <Table.Th>{a.plans.topic}</Table.Th>
                    <Table.Th>{a.plans.form}</Table.Th>
                    <Table.Th>{t.associations.status}</Table.Th>
                    <Table.Th>{t.common.actions}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {plans.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(p.planned_date)}</Table.Td>
                      <Table.Td>{p.topic}</Table.Td>
                      <Table.Td>{p.form ?? t.common.emptyValue}</Table.Td>
                      <Table.Td>
                        {p.archived_at ? (
                          <Badge size="sm" color="gray" variant="light" tt="none">
                            {t.common.archived}
                          </Badge>
                        ) : (
                          <Badge size="sm" color={p.held ? 'green' : 'yellow'} variant="light" tt="none" miw="max-content">
                            {p.held ? a.plans.held : a.plans.notHeld}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {(p.actions ?? []).includes('update') ? (
                            <Button size="compact-sm" variant="subtle" onClick={() => setEditPlan(p)} aria-label={`${a.plans.edit}: ${p.topic}`}>
                              {a.plans.edit}
                            </Button>
                          ) : null}
                          {(p.actions ?? []).includes('update') && !p.held ? (
                            <Button size="compact-sm" variant="light" onClick={() => setMeetingFor(p)} aria-label={`${a.plans.record}: ${p.topic}`}>
                              {a.plans.record}
                            </Button>
                          ) : null}
                          {(p.actions ?? []).includes('archive') ? (
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              color="red"
                              onClick={() => setArchiving({ kind: 'plan', id: p.id, version: p.version, label: p.topic })}
                              aria-label={`${t.common.archive}: ${p.topic}`}
                            >
                              {t.common.archive}
                            </Button>
                          ) : null}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="association-meetings-title">
        <Stack>
          <Group justify="space-between">
            <Title order={3} size="h4" id="association-meetings-title">
              {a.meetings.title}
            </Title>
            {mayMeetings ? <Button onClick={() => setMeetingFor('none')}>{a.meetings.add}</Button> : null}
          </Group>
          {meetings.length === 0 ? (
            <Text c="dimmed">{a.meetings.empty}</Text>
          ) : (
            <Table.ScrollContainer minWidth={800}>
              <Table verticalSpacing="xs" data-testid="association-meetings">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{a.meetings.heldOn}</Table.Th>
                    <Table.Th>{a.plans.topic}</Table.Th>
                    <Table.Th>{a.meetings.attendance}</Table.Th>
                    <Table.Th>{a.meetings.minutes}</Table.Th>
                    <Table.Th>{a.meetings.decisions}</Table.Th>
                    <Table.Th>{t.common.actions}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {meetings.map((m: Meeting) => (
                    <Table.Tr key={m.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(m.held_on)}</Table.Td>
                      <Table.Td>
                        <Text size="sm">{m.topic}</Text>
                        {m.plan_id ? (
                          <Text size="xs" c="dimmed">
                            {a.meetings.byPlan}: {planTopic(m.plan_id)}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {a.meetings.attendanceCount(m.attendance?.length ?? 0, current.length)}
                        </Text>
                        <Text size="xs" c="dimmed" lineClamp={3}>
                          {(m.attendance ?? []).map((person) => person.teacher_name).join(', ')}
                        </Text>
                      </Table.Td>
                      <Table.Td maw={240}>
                        <Text size="sm" lineClamp={3}>
                          {m.minutes ?? (m.minutes_file_name ? '' : t.common.emptyValue)}
                        </Text>
                        {m.minutes_file_name ? (
                          <Anchor component="button" type="button" size="sm" onClick={() => void download(m)}>
                            {a.meetings.minutesFile(m.minutes_file_name)}
                          </Anchor>
                        ) : null}
                        {(m.actions ?? []).includes('update') ? (
                          <FileButton onChange={(file) => void attach(m, file)} accept=".pdf,.docx,.odt,.png,.jpg,.jpeg,.txt">
                            {(props) => (
                              <Button {...props} size="compact-xs" variant="subtle" aria-label={`${a.meetings.uploadMinutes}: ${m.topic}`}>
                                {a.meetings.uploadMinutes}
                              </Button>
                            )}
                          </FileButton>
                        ) : null}
                      </Table.Td>
                      <Table.Td maw={240}>
                        <Text size="sm" lineClamp={3}>
                          {m.decisions ?? t.common.emptyValue}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {(m.actions ?? []).includes('update') ? (
                            <Button size="compact-sm" variant="subtle" onClick={() => setEditMeeting(m)} aria-label={`${a.meetings.edit}: ${m.topic}`}>
                              {a.meetings.edit}
                            </Button>
                          ) : null}
                          {(m.actions ?? []).includes('archive') ? (
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              color="red"
                              onClick={() => setArchiving({ kind: 'meeting', id: m.id, version: m.version, label: m.topic })}
                              aria-label={`${t.common.archive}: ${m.topic}`}
                            >
                              {t.common.archive}
                            </Button>
                          ) : m.archived_at ? (
                            <Badge size="sm" color="gray" variant="light" tt="none">
                              {t.common.archived}
                            </Badge>
                          ) : null}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Card>

      <PlanModal opened={planOpen} onClose={() => setPlanOpen(false)} association={x} />
      <PlanModal opened={editPlan !== null} onClose={() => setEditPlan(null)} association={x} plan={editPlan} onReload={onReload} />
      <MeetingModal
        opened={meetingFor !== null}
        onClose={() => setMeetingFor(null)}
        association={x}
        plan={meetingFor === 'none' ? null : meetingFor}
      />
      <MeetingModal
        opened={editMeeting !== null}
        onClose={() => setEditMeeting(null)}
        association={x}
        plan={null}
        meeting={editMeeting}
        onReload={onReload}
      />
      <ArchiveModal
        opened={archiving !== null}
        onClose={() => setArchiving(null)}
        title={archiving?.kind === 'plan' ? a.plans.archiveTitle : archiving?.kind === 'meeting' ? a.meetings.archiveTitle : a.archiveTitle}
        text={
          !archiving
            ? ''
            : archiving.kind === 'plan'
              ? a.plans.archiveText(archiving.label)
              : archiving.kind === 'meeting'
                ? a.meetings.archiveText(archiving.label)
                : a.archiveText(archiving.label)
        }
        placeholder={a.archiveReasonPlaceholder}
        onReload={() => {
          setArchiving(null);
          onReload();
        }}
        onConfirm={async (reason) => {
          if (!archiving) return;
          const target = { id: archiving.id, version: archiving.version };
          if (archiving.kind === 'plan') await archivePlan(target, reason);
          else if (archiving.kind === 'meeting') await archiveMeeting(target, reason);
          else await archiveAssociation(target, reason);
          notifications.show({
            color: 'green',
            message: archiving.kind === 'plan' ? a.plans.archived : archiving.kind === 'meeting' ? a.meetings.archived : a.archived,
          });
          setArchiving(null);
          await refresh();
        }}
      />
    </Stack>
  );
}
