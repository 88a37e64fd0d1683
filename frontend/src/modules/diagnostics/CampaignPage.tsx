/**
 * A campaign: its window and target, live completion per organization, who has not finished (with «Напомнить»),
 * the ranked topics of a topic survey and the deficit profiles with «Составить ИОМ».
 */
import { useState } from 'react';
import { Alert, Badge, Button, Group, List, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/errors';
import { can } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ArchiveModal } from '../../components/ArchiveModal';
import { InfoGrid } from '../../components/InfoGrid';
import { ListView } from '../../components/ListView';
import { PageHeader } from '../../components/PageHeader';
import { RouterButton } from '../../components/RouterLinks';
import { EmptyBlock, ErrorState, LoadingState } from '../../components/states';
import { formatDate, formatDateTime } from '../../lib/format';
import {
  archiveCampaign,
  type Assignment,
  assignmentListQuery,
  type Campaign,
  campaignQuery,
  completionQuery,
  invalidateDiagnostics,
  profileListQuery,
  remindAssignment,
  ReminderTooSoon,
  topicsQuery,
} from './api';
import { CampaignFormModal } from './CampaignFormModal';
import { STATE_COLORS } from './CampaignsPage';
import { retryAt } from './logic';
import { t } from './messages';
import { AreaBands, BuildRouteButton, buildsRoutes, DiagnosticsSectionNav } from './parts';

const c = t.campaigns;
const LIMIT = 25;

export function CampaignPage({ campaignId }: { campaignId: string }) {
  const me = useMe();
  const query = useQuery(campaignQuery(campaignId));
  const [editing, setEditing] = useState(false);
  const [archiving, setArchiving] = useState(false);
  const queryClient = useQueryClient();
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} notFoundTitle={c.notFound} />;
  const campaign = query.data;
  const actions = campaign.actions ?? [];
  return (
    <Stack>
      <PageHeader
        title={campaign.title}
        actions={
          <Group gap="sm">
            {actions.includes('update') ? (
              <Button variant="default" onClick={() => setEditing(true)}>
                {t.common.edit}
              </Button>
            ) : null}
            {actions.includes('archive') ? (
              <Button variant="subtle" color="red" onClick={() => setArchiving(true)}>
                {t.common.archive}
              </Button>
            ) : null}
          </Group>
        }
      />
      <DiagnosticsSectionNav current="campaigns" />
      <CampaignInfo campaign={campaign} />
      {can(me, 'diagnostics:monitor') ? <Completion campaignId={campaign.id} /> : null}
      {can(me, 'diagnostics:monitor') && campaign.instrument_kind === 'topic_survey' ? <Topics campaignId={campaign.id} /> : null}
      {can(me, 'diagnostics:results') ? <NotFinished campaign={campaign} /> : null}
      {can(me, 'diagnostics:results') && campaign.instrument_kind !== 'topic_survey' ? <Profiles campaignId={campaign.id} planner={buildsRoutes(me)} /> : null}
      <CampaignFormModal opened={editing} onClose={() => setEditing(false)} campaign={campaign} onReload={() => void query.refetch()} />
      <ArchiveModal
        opened={archiving}
        onClose={() => setArchiving(false)}
        title={c.archiveTitle}
        text={c.archiveText(campaign.title)}
        onReload={() => void query.refetch()}
        onConfirm={async (reason) => {
          await archiveCampaign(campaign, reason);
          setArchiving(false);
          notifications.show({ color: 'green', message: c.archived });
          await invalidateDiagnostics(queryClient);
        }}
      />
    </Stack>
  );
}

function CampaignInfo({ campaign }: { campaign: Campaign }) {
  const target = (campaign.target ?? {}) as Record<string, unknown>;
  const n = (k: string) => (Array.isArray(target[k]) ? (target[k] as unknown[]).length : 0);
  const parts = [
    n('organization_ids') ? c.info.organizations(n('organization_ids')) : null,
    n('position_codes') ? c.info.positions(n('position_codes')) : null,
    n('subject_codes') ? c.info.subjects(n('subject_codes')) : null,
    target.young_only ? c.info.youngOnly : null,
  ].filter(Boolean);
  return (
    <Paper withBorder p="md" radius="md">
      <InfoGrid
        items={[
          {
            label: c.info.instrument,
            value: `${campaign.instrument_title} (${t.instruments.version(campaign.instrument_version)})`,
          },
          { label: c.info.window, value: t.diagnostics.window(formatDate(campaign.opens_on), formatDate(campaign.closes_on)) },
          {
            label: c.info.state,
            value: (
              <Badge color={STATE_COLORS[campaign.state] ?? 'gray'} variant="light" tt="none">
                {t.diagnostics.campaignStates[campaign.state] ?? campaign.state}
              </Badge>
            ),
          },
          { label: c.info.target, value: parts.length ? parts.join(', ') : c.info.targetAll },
          { label: c.info.repeat, value: campaign.repeat_yearly ? c.info.repeatYes : c.info.repeatNo },
          { label: c.info.submitted, value: c.progress(campaign.submitted, campaign.assigned) },
        ]}
      />
    </Paper>
  );
}

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title} data-testid={testId}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function Completion({ campaignId }: { campaignId: string }) {
  const query = useQuery(completionQuery(campaignId));
  const cc = c.completionColumns;
  return (
    <Section title={c.completionTitle} testId="campaign-completion">
      <Text size="xs" c="dimmed">
        {c.completionLive}
      </Text>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <Text c="dimmed">{c.completionEmpty}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{cc.organization}</Table.Th>
                <Table.Th ta="right">{cc.assigned}</Table.Th>
                <Table.Th ta="right">{cc.started}</Table.Th>
                <Table.Th ta="right">{cc.submitted}</Table.Th>
                <Table.Th miw={160}>{cc.percent}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((row) => (
                <Table.Tr key={row.organization_id ?? 'none'}>
                  <Table.Td>{row.organization_name ?? t.common.emptyValue}</Table.Td>
                  <Table.Td ta="right">{row.assigned}</Table.Td>
                  <Table.Td ta="right">{row.started}</Table.Td>
                  <Table.Td ta="right">{row.submitted}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Progress value={row.percent ?? 0} size="lg" style={{ flex: 1 }} aria-hidden="true" />
                      <Text size="sm" miw={56} ta="right">
                        {row.percent === null ? t.common.emptyValue : t.diagnostics.percent(row.percent)}
                      </Text>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Section>
  );
}

function Topics({ campaignId }: { campaignId: string }) {
  const query = useQuery(topicsQuery(campaignId));
  const tc = c.topicsColumns;
  return (
    <Section title={c.topicsTitle} testId="campaign-topics">
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.respondents === 0 ? (
        <Text c="dimmed">{c.topicsEmpty}</Text>
      ) : (
        <Stack gap="sm">
          <Text size="sm">{c.topicsRespondents(query.data.respondents)}</Text>
          <Table.ScrollContainer minWidth={480}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{tc.rank}</Table.Th>
                  <Table.Th>{tc.topic}</Table.Th>
                  <Table.Th ta="right">{tc.votes}</Table.Th>
                  <Table.Th ta="right">{tc.percent}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.topics.map((row) => (
                  <Table.Tr key={`${row.item_code}-${row.option_key}`}>
                    <Table.Td>{row.rank}</Table.Td>
                    <Table.Td>{row.text}</Table.Td>
                    <Table.Td ta="right">{row.votes}</Table.Td>
                    <Table.Td ta="right">{row.percent === null ? t.common.emptyValue : t.diagnostics.percent(row.percent)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {query.data.texts?.length ? (
            <>
              <Text fw={600} size="sm">
                {c.topicsTexts}
              </Text>
              <List size="sm">
                {(query.data.texts ?? []).map((text, i) => (
                  <List.Item key={i}>{text}</List.Item>
                ))}
              </List>
            </>
          ) : null}
        </Stack>
      )}
    </Section>
  );
}

function NotFinished({ campaign }: { campaign: Campaign }) {
  const [offset, setOffset] = useState(0);
  const query = useQuery(assignmentListQuery({ campaign_id: campaign.id, status: ['assigned', 'in_progress'], limit: LIMIT, offset }));
  const nc = c.notFinishedColumns;
  return (
    <Section title={c.notFinishedTitle} testId="campaign-not-finished">
      {query.data && query.data.total === 0 ? (
        <Text c="dimmed">{c.notFinishedEmpty}</Text>
      ) : (
        <ListView query={query} emptyTitle={c.notFinishedEmpty} onOffsetChange={setOffset}>
          {(items) => (
            <Table.ScrollContainer minWidth={720}>
              <Table striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{nc.teacher}</Table.Th>
                    <Table.Th>{nc.organization}</Table.Th>
                    <Table.Th>{nc.status}</Table.Th>
                    <Table.Th>{nc.progress}</Table.Th>
                    <Table.Th>{nc.reminded}</Table.Th>
                    <Table.Th>{t.common.actions}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((item) => (
                    <NotFinishedRow key={item.id} item={item} onDone={() => void query.refetch()} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </ListView>
      )}
    </Section>
  );
}

function NotFinishedRow({ item, onDone }: { item: Assignment; onDone: () => void }) {
  const [pending, setPending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const name = item.teacher_name ?? t.common.emptyValue;
  async function remind() {
    setPending(true);
    setRefusal(null);
    try {
      await remindAssignment(item.id);
      notifications.show({ color: 'green', message: `${c.remindSent}: ${name}` });
      onDone();
    } catch (error) {
      if (error instanceof ReminderTooSoon) {
        const at = retryAt(error.retryAfter);
        setRefusal([errorMessage(error), at ? c.remindAgainAt(formatDateTime(at)) : null].filter(Boolean).join(' '));
      } else setRefusal(errorMessage(error));
    } finally {
      setPending(false);
    }
  }
  return (
    <Table.Tr>
      <Table.Td>{name}</Table.Td>
      <Table.Td>{item.organization_name ?? t.common.emptyValue}</Table.Td>
      <Table.Td>{t.diagnostics.assignmentStatuses[item.status] ?? item.status_label}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{t.diagnostics.progress(item.answered, item.item_count)}</Table.Td>
      <Table.Td>
        {item.reminder_count ? c.reminded(item.reminder_count, formatDateTime(item.last_reminded_at)) : t.common.emptyValue}
      </Table.Td>
      <Table.Td maw={320}>
        {(item.actions ?? []).includes('remind') ? (
          <Button size="compact-sm" variant="light" loading={pending} onClick={() => void remind()} aria-label={c.remindFor(name)}>
            {c.remind}
          </Button>
        ) : null}
        {refusal ? (
          <Alert color="orange" mt={6} p="xs" role="alert" title={c.remindTooSoon} data-testid="remind-refusal">
            <Text size="xs">{refusal}</Text>
          </Alert>
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

function Profiles({ campaignId, planner }: { campaignId: string; planner: boolean }) {
  const [offset, setOffset] = useState(0);
  const query = useQuery(profileListQuery({ campaign_id: campaignId, limit: LIMIT, offset }));
  const pc = c.profilesColumns;
  return (
    <Section title={c.profilesTitle} testId="campaign-profiles">
      {query.data && query.data.total === 0 ? (
        <EmptyBlock title={c.profilesEmpty} />
      ) : (
        <ListView query={query} emptyTitle={c.profilesEmpty} onOffsetChange={setOffset}>
          {(items) => (
            <Table.ScrollContainer minWidth={820}>
              <Table striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{pc.teacher}</Table.Th>
                    <Table.Th>{pc.organization}</Table.Th>
                    <Table.Th>{pc.areas}</Table.Th>
                    <Table.Th>{pc.actions}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((p) => {
                    const name = p.teacher_name ?? t.common.emptyValue;
                    return (
                      <Table.Tr key={p.assignment_id}>
                        <Table.Td>{name}</Table.Td>
                        <Table.Td>{p.organization_name ?? t.common.emptyValue}</Table.Td>
                        <Table.Td>
                          <AreaBands areas={p.areas} />
                        </Table.Td>
                        <Table.Td>
                          <Stack gap={4} align="flex-start">
                            <RouterButton
                              to="/diagnostics/profiles/$assignmentId"
                              params={{ assignmentId: p.assignment_id }}
                              search={{ campaign: campaignId }}
                              size="compact-sm"
                              variant="subtle"
                              aria-label={c.openProfileFor(name)}
                            >
                              {c.openProfile}
                            </RouterButton>
                            {planner ? <BuildRouteButton assignmentId={p.assignment_id} name={p.teacher_name} /> : null}
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
      )}
    </Section>
  );
}
