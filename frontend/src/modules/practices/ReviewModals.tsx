import { useState } from 'react';
import { Alert, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, isStatus } from '../../api/errors';
import type { Practice } from '../../api/types';
import { FormActions } from '../../components/FormActions';
import { ConflictAlert, LoadingState } from '../../components/states';
import { FormModal } from '../../components/UnsavedChanges';
import { criteriaQuery, invalidatePractices, returnPractice, reviewerCandidatesQuery, reviewPractice, startReview } from './api';
import { t } from './messages';
import { reviewScores } from './practiceForm';

const p = t.practices;

type Props = { opened: boolean; onClose: () => void; practice: Practice };

/** Runs a workflow action; the API's Russian refusal (a 409, a 422 naming the expert and the school) stays visible. */
function useAction(onClose: () => void) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(null);
    setStale(false);
    try {
      await action();
      notifications.show({ color: 'green', message: done });
      await invalidatePractices(queryClient);
      onClose();
    } catch (e) {
      if (isStatus(e, 412)) setStale(true);
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  const alerts = (
    <>
      {stale ? (
        <ConflictAlert
          onReload={() => {
            void invalidatePractices(queryClient);
            onClose();
          }}
        />
      ) : null}
      {error ? (
        <Alert color="red" title={p.refusedTitle} role="alert" data-testid="practice-refusal">
          {error}
        </Alert>
      ) : null}
    </>
  );
  return { run, busy, alerts };
}

export function StartReviewModal({ opened, onClose, practice }: Props) {
  return (
    <FormModal opened={opened} onClose={onClose} title={p.startReviewTitle} size="lg" centered>
      {opened ? <StartReviewForm practice={practice} onClose={onClose} /> : null}
    </FormModal>
  );
}

function StartReviewForm({ practice, onClose }: { practice: Practice; onClose: () => void }) {
  const candidates = useQuery(reviewerCandidatesQuery(practice.id));
  const [chosen, setChosen] = useState<string[]>([]);
  const { run, busy, alerts } = useAction(onClose);
  const conflicts = (candidates.data?.items ?? []).filter((c) => c.conflict);
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {p.startReviewIntro}
      </Text>
      {alerts}
      {candidates.isPending ? <LoadingState /> : null}
      <MultiSelect
        label={p.reviewers}
        placeholder={p.reviewersPlaceholder}
        data={(candidates.data?.items ?? []).map((c) => ({ value: c.user_id, label: c.full_name, disabled: Boolean(c.conflict) }))}
        value={chosen}
        onChange={setChosen}
        searchable
        clearable
      />
      {conflicts.length ? (
        <Stack gap={2}>
          {conflicts.map((c) => (
            <Text key={c.user_id} size="xs" c="dimmed">
              {c.conflict}
            </Text>
          ))}
        </Stack>
      ) : null}
      <FormActions
        onCancel={onClose}
        submitLabel={p.actions.startReview}
        loading={busy}
        onConfirm={() => void run(() => startReview(practice, chosen), p.done.startReview)}
      />
    </Stack>
  );
}

export function ReviewModal({ opened, onClose, practice }: Props) {
  return (
    <FormModal opened={opened} onClose={onClose} title={p.reviewTitle} size="lg" centered>
      {opened ? <ReviewForm practice={practice} onClose={onClose} /> : null}
    </FormModal>
  );
}

function ReviewForm({ practice, onClose }: { practice: Practice; onClose: () => void }) {
  const criteria = useQuery(criteriaQuery);
  const [scores, setScores] = useState<Record<string, number | string | undefined>>({});
  const [recommendation, setRecommendation] = useState<string>('publish');
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const { run, busy, alerts } = useAction(onClose);
  if (criteria.isPending) return <LoadingState />;
  const list = (criteria.data?.items ?? []).filter((c) => c.is_active);
  const result = reviewScores(list, scores);
  return (
    <Stack>
      {alerts}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {list.map((c) => (
          <NumberInput
            key={c.code}
            label={c.name}
            description={p.scoreOf(c.max_score)}
            min={0}
            max={c.max_score}
            allowDecimal={false}
            allowNegative={false}
            required
            value={scores[c.code] ?? ''}
            onChange={(v) => setScores((s) => ({ ...s, [c.code]: v }))}
            error={tried ? result.errors[c.code] : undefined}
          />
        ))}
      </SimpleGrid>
      <Text fw={500} data-testid="review-total">
        {p.totalLine(result.total, result.max)}
      </Text>
      <Select
        label={p.recommendation}
        data={Object.entries(p.recommendations).map(([value, label]) => ({ value, label }))}
        value={recommendation}
        onChange={(v) => setRecommendation(v ?? 'publish')}
        allowDeselect={false}
      />
      <Textarea label={p.comment} autosize minRows={3} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
      <FormActions
        onCancel={onClose}
        submitLabel={p.actions.review}
        loading={busy}
        onConfirm={() => {
          setTried(true);
          if (!result.complete) return;
          void run(
            () =>
              reviewPractice(practice, {
                scores: result.scores,
                recommendation: recommendation as 'publish' | 'revise' | 'reject',
                comment: comment.trim() || null,
              }),
            p.done.review,
          );
        }}
      />
    </Stack>
  );
}

export function ReturnModal({ opened, onClose, practice }: Props) {
  return (
    <FormModal opened={opened} onClose={onClose} title={p.returnTitle} centered>
      {opened ? <ReturnForm practice={practice} onClose={onClose} /> : null}
    </FormModal>
  );
}

function ReturnForm({ practice, onClose }: { practice: Practice; onClose: () => void }) {
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const { run, busy, alerts } = useAction(onClose);
  const short = comment.trim().length < 3;
  return (
    <Stack>
      {alerts}
      <Textarea
        label={p.returnComment}
        required
        autosize
        minRows={3}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        error={tried && short ? p.returnCommentRequired : undefined}
      />
      <FormActions
        onCancel={onClose}
        submitLabel={p.actions.return}
        loading={busy}
        onConfirm={() => {
          setTried(true);
          if (!short) void run(() => returnPractice(practice, comment.trim()), p.done.return);
        }}
      />
    </Stack>
  );
}
