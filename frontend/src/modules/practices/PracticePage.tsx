import { FileDownloadLink } from '../../components/FileDownloadLink';
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/errors';
import type { Practice } from '../../api/types';
import { ArchiveModal } from '../../components/ArchiveModal';
import { InfoGrid } from '../../components/InfoGrid';
import { PageHeader } from '../../components/PageHeader';
import { RouterAnchor } from '../../components/RouterLinks';
import { ErrorState, LoadingState } from '../../components/states';
import { formatDate } from '../../lib/format';
import { archivePractice, downloadPracticeMaterial, invalidatePractices, practiceQuery, publishPractice, submitPractice } from './api';
import { t } from './messages';
import { PracticeFormModal } from './PracticeFormModal';
import { ReturnModal, ReviewModal, StartReviewModal } from './ReviewModals';
import { StatusBadge } from './StatusBadge';

const p = t.practices;
const c = p.card;

/** A practice: authors, organization, level, kind, tags, materials, where it was presented, the reviews' outcome, and
 * the buttons of the actions the API says the caller may take. */
export function PracticePage({ practiceId }: { practiceId: string }) {
  const query = useQuery(practiceQuery(practiceId));
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <PracticeView practice={query.data} onReload={() => void query.refetch()} />;
}

type Dialog = 'edit' | 'startReview' | 'review' | 'return' | 'archive' | null;

function PracticeView({ practice: x, onReload }: { practice: Practice; onReload: () => void }) {
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const actions = x.actions ?? [];
  const close = () => setDialog(null);

  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setRefusal(null);
    try {
      await action();
      notifications.show({ color: 'green', message: done });
      await invalidatePractices(queryClient);
    } catch (error) {
      setRefusal(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  const rounds = [...new Set((x.reviews ?? []).map((r) => r.round))].sort((a, b) => b - a);
  return (
    <Stack>
      <RouterAnchor to="/practices" size="sm">
        {c.back}
      </RouterAnchor>
      <PageHeader
        title={x.title}
        actions={
          <Group gap="xs">
            {actions.includes('submit') ? (
              <Button loading={busy} onClick={() => void run(() => submitPractice(x), p.done.submit)}>
                {p.actions.submit}
              </Button>
            ) : null}
            {actions.includes('start_review') ? <Button onClick={() => setDialog('startReview')}>{p.actions.startReview}</Button> : null}
            {actions.includes('review') ? <Button onClick={() => setDialog('review')}>{p.actions.review}</Button> : null}
            {actions.includes('publish') ? (
              <Button color="green" loading={busy} onClick={() => void run(() => publishPractice(x), p.done.publish)}>
                {p.actions.publish}
              </Button>
            ) : null}
            {actions.includes('return') ? (
              <Button variant="light" color="orange" onClick={() => setDialog('return')}>
                {p.actions.return}
              </Button>
            ) : null}
            {actions.includes('update') ? (
              <Button variant="default" onClick={() => setDialog('edit')}>
                {t.common.edit}
              </Button>
            ) : null}
            {actions.includes('archive') ? (
              <Button variant="subtle" color="red" onClick={() => setDialog('archive')}>
                {t.common.archive}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Group gap="xs">
        <StatusBadge status={x.status} />
        {x.archived_at ? (
          <Badge size="sm" variant="light" color="gray" tt="none">
            {t.common.archived}
          </Badge>
        ) : null}
      </Group>
      {refusal ? (
        <Alert color="red" title={p.refusedTitle} role="alert" withCloseButton onClose={() => setRefusal(null)}>
          {refusal}
        </Alert>
      ) : null}
      {x.status === 'returned' && x.return_comment ? (
        <Alert color="orange" title={c.returned}>
          {x.return_comment}
        </Alert>
      ) : null}
      <Card withBorder>
        <InfoGrid
          items={[
            { label: c.authors, value: (x.authors ?? []).map((a) => [a.full_name, a.organization_name].filter(Boolean).join(', ')).join('; ') },
            { label: c.organization, value: x.organization_name ?? t.common.emptyValue },
            { label: c.kind, value: p.kinds[x.kind] ?? x.kind_label },
            { label: c.level, value: x.level_label },
            { label: c.areas, value: (x.competence_area_labels ?? []).join(', ') || t.common.emptyValue },
            { label: c.subjects, value: (x.subject_labels ?? []).join(', ') || t.common.emptyValue },
            { label: c.published, value: x.published_at ? formatDate(x.published_at) : t.common.emptyValue },
            { label: c.submitted, value: x.submitted_at ? formatDate(x.submitted_at) : t.common.emptyValue },
          ]}
        />
      </Card>
      <Card withBorder component="section" aria-labelledby="practice-description">
        <Title order={3} size="h4" id="practice-description" mb="xs">
          {c.description}
        </Title>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{x.description ?? t.common.emptyValue}</Text>
      </Card>
      <Card withBorder component="section" aria-labelledby="practice-materials">
        <Title order={3} size="h4" id="practice-materials" mb="xs">
          {c.materials}
        </Title>
        {(x.materials ?? []).length ? (
          <List>
            {(x.materials ?? []).map((m) => (
              <List.Item key={m.id}>
                {m.file_id ? (
                  <FileDownloadLink title={m.title} download={() => downloadPracticeMaterial(m.id)} />
                ) : (
                  <Anchor href={m.url ?? '#'} target="_blank" rel="noopener noreferrer">
                    {m.title}
                  </Anchor>
                )}
              </List.Item>
            ))}
          </List>
        ) : (
          <Text c="dimmed">{c.noMaterials}</Text>
        )}
      </Card>
      {(x.presentations ?? []).length ? (
        <Card withBorder component="section" aria-labelledby="practice-presentations">
          <Title order={3} size="h4" id="practice-presentations" mb="xs">
            {c.presentations}
          </Title>
          <List>
            {(x.presentations ?? []).map((e) => (
              <List.Item key={e.participation_id}>
                <RouterAnchor to="/events/$eventId" params={{ eventId: e.event_id }} size="sm">
                  {e.event_title}
                </RouterAnchor>{' '}
                <Text span size="sm" c="dimmed">
                  {formatDate(e.event_start_date)}, {e.teacher_name}
                  {e.presentation_title ? `: «${e.presentation_title}»` : ''}
                </Text>
              </List.Item>
            ))}
          </List>
        </Card>
      ) : null}
      <Card withBorder component="section" aria-labelledby="practice-reviews" data-testid="practice-reviews">
        <Title order={3} size="h4" id="practice-reviews" mb="xs">
          {c.reviews}
        </Title>
        {x.review_total != null && x.review_max ? <Text fw={500}>{c.average(x.review_total, x.review_max)}</Text> : null}
        {rounds.length === 0 ? <Text c="dimmed">{c.noReviews}</Text> : null}
        {rounds.map((round) => (
          <Stack key={round} gap="xs" mt="sm">
            <Text size="sm" fw={600}>
              {c.round(round)}
            </Text>
            {(x.reviews ?? [])
              .filter((r) => r.round === round)
              .map((r) => (
                <Stack key={r.id} gap={2}>
                  <Text size="sm">
                    <b>{r.reviewer_name}</b>:{' '}
                    {r.status === 'done' && r.total != null && r.max_total != null
                      ? `${c.total(r.total, r.max_total)}, ${r.recommendation_label ?? p.recommendations[r.recommendation ?? ''] ?? ''}`
                      : c.reviewAssigned}
                  </Text>
                  {r.status === 'done' ? (
                    <Table withRowBorders={false} verticalSpacing={2} fz="xs" maw={480}>
                      <Table.Tbody>
                        {r.criteria.map((k) => (
                          <Table.Tr key={String(k.code)}>
                            <Table.Td>{String(k.name)}</Table.Td>
                            <Table.Td>
                              {r.scores[String(k.code)] ?? '—'} / {String(k.max_score)}
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  ) : null}
                  {r.comment ? (
                    <Text size="sm" c="dimmed">
                      {r.comment}
                    </Text>
                  ) : null}
                </Stack>
              ))}
          </Stack>
        ))}
      </Card>

      <PracticeFormModal opened={dialog === 'edit'} onClose={close} practice={x} onReload={onReload} />
      <StartReviewModal opened={dialog === 'startReview'} onClose={close} practice={x} />
      <ReviewModal opened={dialog === 'review'} onClose={close} practice={x} />
      <ReturnModal opened={dialog === 'return'} onClose={close} practice={x} />
      <ArchiveModal
        opened={dialog === 'archive'}
        onClose={close}
        title={p.archiveTitle}
        text={p.archiveText(x.title)}
        placeholder={p.archiveReasonPlaceholder}
        onReload={() => {
          close();
          onReload();
        }}
        onConfirm={async (reason) => {
          await archivePractice(x, reason);
          close();
          notifications.show({ color: 'green', message: p.archived });
          await invalidatePractices(queryClient);
        }}
      />
    </Stack>
  );
}
