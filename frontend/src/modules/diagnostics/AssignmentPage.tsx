/**
 * A teacher answers their diagnostic: one section at a time, answers saved as they go (debounced autosave with
 * «Сохранено»), resumable, one submission with a warning about unanswered items, then the profile, read-only.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Badge, Button, Group, List, Modal, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage, isStatus, problemFieldErrors } from '../../api/errors';
import { PageHeader } from '../../components/PageHeader';
import { RouterButton } from '../../components/RouterLinks';
import { ErrorState, LoadingState } from '../../components/states';
import { formatDate, formatDateTime } from '../../lib/format';
import { diagnosticsKeys, invalidateDiagnostics, type MyAssignment, myAssignmentQuery, saveAnswers, submitAssignment } from './api';
import { ItemField } from './ItemField';
import { type Answers, type AnswerValue, applySaved, autosavePayload, contentOf, progressOf, unansweredItems, allItems } from './logic';
import { t } from './messages';
import { ProfileAreas } from './parts';

const a = t.answering;
export const AUTOSAVE_DELAY_MS = 800;

type SaveState = 'idle' | 'dirty' | 'saving' | 'saved' | 'error' | 'conflict';

export function AssignmentPage({ assignmentId }: { assignmentId: string }) {
  const query = useQuery(myAssignmentQuery(assignmentId));
  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} notFoundTitle={a.notFound} notFoundHint={a.notFoundHint} />;
  }
  // A fresh copy of the server's state (after «Обновить») restarts the answering with it.
  return <Answering key={`${query.data.id}:${query.dataUpdatedAt}`} assignment={query.data} onReload={() => void query.refetch()} />;
}

function firstOpenSection(sections: { items: { code: string }[] }[], answers: Answers): number {
  const i = sections.findIndex((s) => s.items.some((item) => answers[item.code] === undefined));
  return i < 0 ? 0 : i;
}

function Answering({ assignment, onReload }: { assignment: MyAssignment; onReload: () => void }) {
  const queryClient = useQueryClient();
  const content = useMemo(
    () => (assignment.instrument ? contentOf(assignment.instrument) : { sections: [], scale: { deficit_below: 50, partial_below: 75 } }),
    [assignment.instrument],
  );
  const initial = (assignment.answers ?? {}) as Answers;
  const [answers, setAnswers] = useState<Answers>(initial);
  const [record, setRecord] = useState<MyAssignment>(assignment);
  const [step, setStep] = useState(() => firstOpenSection(content.sections, initial));
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [itemErrors, setItemErrors] = useState<Record<string, string>>({});
  const [closed, setClosed] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);

  // What the server holds (answers and version), read by the autosave without re-creating it on every keystroke.
  const saved = useRef<Answers>(initial);
  const version = useRef(assignment.version);
  const current = useRef<Answers>(initial);
  const inFlight = useRef<Promise<boolean> | null>(null);

  const submitted = record.status === 'submitted';
  const canAnswer = !submitted && !closed && (record.actions ?? []).includes('answer');
  const readOnly = !canAnswer;

  /** Saves what changed since the last save; resolves true when the server holds every answer on screen. */
  const flush = useCallback(async (): Promise<boolean> => {
    if (inFlight.current) await inFlight.current;
    const payload = autosavePayload(saved.current, current.current);
    if (Object.keys(payload).length === 0) return true;
    const run = (async () => {
      setSaveState('saving');
      try {
        const next = await saveAnswers({ id: assignment.id, version: version.current }, payload);
        saved.current = applySaved(saved.current, payload);
        version.current = next.version;
        setRecord(next);
        setItemErrors({});
        setSaveError(null);
        const rest = autosavePayload(saved.current, current.current);
        setSaveState(Object.keys(rest).length ? 'dirty' : 'saved');
        return true;
      } catch (error) {
        if (isStatus(error, 412)) setSaveState('conflict');
        else {
          setSaveState('error');
          if (isStatus(error, 409)) setClosed(errorMessage(error));
          const fields = error instanceof ApiError ? problemFieldErrors(error.problem) : {};
          const perItem = Object.fromEntries(
            Object.entries(fields)
              .filter(([k]) => k.startsWith('answers.'))
              .map(([k, v]) => [k.slice('answers.'.length), v]),
          );
          setItemErrors(perItem);
          setSaveError(errorMessage(error));
        }
        return false;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  }, [assignment.id]);

  // Debounced autosave: a pause in answering saves what changed.
  useEffect(() => {
    if (readOnly || saveState === 'conflict') return;
    if (Object.keys(autosavePayload(saved.current, answers)).length === 0) return;
    const timer = window.setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [answers, flush, readOnly, saveState]);

  // Leaving with answers not yet saved asks first (the browser's own dialog).
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (Object.keys(autosavePayload(saved.current, current.current)).length) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  function answer(code: string, value: AnswerValue) {
    const next = { ...current.current, [code]: value };
    current.current = next;
    setAnswers(next);
    if (saveState !== 'conflict') setSaveState('dirty');
  }

  async function submit() {
    setSubmitting(true);
    setSubmitError(null);
    try {
      if (!(await flush())) {
        setSubmitError(a.notSaved);
        return;
      }
      const done = await submitAssignment({ id: assignment.id, version: version.current });
      setRecord(done);
      setConfirming(false);
      queryClient.setQueryData(diagnosticsKeys.myAssignment(assignment.id), done);
      await invalidateDiagnostics(queryClient);
      window.scrollTo({ top: 0 });
    } catch (error) {
      if (isStatus(error, 412)) setSaveState('conflict');
      if (isStatus(error, 409)) setClosed(errorMessage(error));
      setSubmitError(errorMessage(error));
    } finally {
      setSubmitting(false);
    }
  }

  const items = allItems(content);
  const progress = progressOf(items, answers);
  const section = content.sections[step];
  const last = step === content.sections.length - 1;
  const missing = unansweredItems(content, answers);
  const offset = content.sections.slice(0, step).reduce((n, s) => n + s.items.length, 0);

  const notice = submitted
    ? a.readOnly
    : closed
      ? closed
      : !canAnswer
        ? record.opens_on && record.opens_on > new Date().toISOString().slice(0, 10)
          ? a.notOpenYet(formatDate(record.opens_on))
          : record.closes_on
            ? a.closedOn(formatDate(record.closes_on))
            : a.closedHint
        : null;

  return (
    <Stack gap="md" maw={760} w="100%">
      <PageHeader
        title={record.campaign_title}
        description={record.opens_on && record.closes_on ? t.diagnostics.window(formatDate(record.opens_on), formatDate(record.closes_on)) : undefined}
      />
      <div>
        <RouterButton to="/diagnostics/my" variant="subtle" size="compact-sm" px={0}>
          {`← ${a.back}`}
        </RouterButton>
      </div>

      {submitted ? (
        <Paper withBorder p="md" radius="md" data-testid="assignment-result">
          <Stack gap="sm">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Title order={3} size="h4">
                {a.resultTitle}
              </Title>
              {record.submitted_at ? (
                <Text size="sm" c="dimmed">
                  {a.answeredSubmittedAt(formatDateTime(record.submitted_at))}
                </Text>
              ) : null}
            </Group>
            <ProfileAreas areas={record.results ?? []} />
          </Stack>
        </Paper>
      ) : null}

      {notice ? (
        <Alert color={submitted ? 'green' : 'orange'} role="status" data-testid="assignment-notice">
          {notice}
        </Alert>
      ) : null}

      {saveState === 'conflict' ? (
        <Alert color="orange" role="alert" title={t.concurrency.title} data-testid="save-conflict">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{a.conflict}</Text>
            <Button size="sm" color="orange" onClick={onReload}>
              {a.reload}
            </Button>
          </Stack>
        </Alert>
      ) : null}
      {saveState === 'error' && saveError ? (
        <Alert color="red" role="alert" title={a.notSaved} data-testid="save-error">
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{saveError}</Text>
            {canAnswer ? (
              <Button size="sm" variant="light" color="red" onClick={() => void flush()}>
                {a.retrySave}
              </Button>
            ) : null}
          </Stack>
        </Alert>
      ) : null}

      {section ? (
        <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md">
          <Stack gap="md">
            <Stack gap={6}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text size="sm" fw={600}>
                  {a.section(step + 1, content.sections.length)}
                </Text>
                {!submitted ? <SaveIndicator state={saveState} /> : null}
              </Group>
              <Progress value={progress.percent} size="md" aria-hidden="true" />
              <Text size="sm" c="dimmed" data-testid="answer-progress">
                {t.diagnostics.progress(progress.answered, progress.total)}
              </Text>
              <Group gap={6} component="nav" aria-label={a.stepper} wrap="wrap">
                {content.sections.map((s, i) => {
                  const p = progressOf(s.items, answers);
                  const complete = p.answered === p.total;
                  return (
                    <Button
                      key={`${s.title}-${i}`}
                      size="sm"
                      miw={44}
                      h={44}
                      px="xs"
                      variant={i === step ? 'filled' : complete ? 'light' : 'default'}
                      aria-current={i === step ? 'step' : undefined}
                      aria-label={`${a.section(i + 1, content.sections.length)}: ${s.title}${complete ? ' ✓' : ''}`}
                      onClick={() => setStep(i)}
                    >
                      {complete && i !== step ? '✓' : i + 1}
                    </Button>
                  );
                })}
              </Group>
            </Stack>
            <Title order={3} size="h4" style={{ overflowWrap: 'anywhere' }}>
              {section.title}
            </Title>
            <Stack gap="lg">
              {section.items.map((item, i) => (
                <ItemField
                  key={item.code}
                  item={item}
                  number={offset + i + 1}
                  value={answers[item.code]}
                  onChange={(v) => answer(item.code, v)}
                  disabled={readOnly || saveState === 'conflict'}
                  error={itemErrors[item.code]}
                />
              ))}
            </Stack>
            <Group justify="space-between" gap="sm" wrap="wrap">
              <Button variant="default" size="md" disabled={step === 0} onClick={() => setStep((s) => Math.max(0, s - 1))}>
                {a.previous}
              </Button>
              {!last ? (
                <Button
                  size="md"
                  onClick={() => {
                    setStep((s) => Math.min(content.sections.length - 1, s + 1));
                    window.scrollTo({ top: 0 });
                  }}
                >
                  {a.next}
                </Button>
              ) : canAnswer ? (
                <Button size="md" onClick={() => setConfirming(true)} disabled={saveState === 'conflict'}>
                  {a.toSubmit}
                </Button>
              ) : null}
            </Group>
          </Stack>
        </Paper>
      ) : null}

      <Modal opened={confirming} onClose={() => setConfirming(false)} title={a.submitTitle} centered>
        <Stack>
          <Text size="sm">{a.submitText}</Text>
          {missing.length ? (
            <Alert color="orange" data-testid="unanswered-warning">
              <Stack gap={6}>
                <Text size="sm" fw={600}>
                  {a.unanswered(missing.length)}
                </Text>
                <List size="sm" aria-label={a.unansweredList}>
                  {missing.slice(0, 10).map((m) => (
                    <List.Item key={m.item.code}>
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        onClick={() => {
                          setStep(m.section - 1);
                          setConfirming(false);
                        }}
                      >
                        {`${a.section(m.section, content.sections.length)}: ${m.item.text.slice(0, 60)}`}
                      </Button>
                    </List.Item>
                  ))}
                </List>
              </Stack>
            </Alert>
          ) : (
            <Text size="sm">{a.allAnswered}</Text>
          )}
          {submitError ? (
            <Alert color="red" role="alert">
              {submitError}
            </Alert>
          ) : null}
          <Group justify="flex-end" wrap="wrap">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {a.keepAnswering}
            </Button>
            <Button onClick={() => void submit()} loading={submitting}>
              {a.confirmSubmit}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function SaveIndicator({ state }: { state: SaveState }) {
  const text = state === 'saving' ? a.saving : state === 'saved' ? a.saved : state === 'error' || state === 'conflict' ? a.notSaved : state === 'dirty' ? a.saving : '';
  const color = state === 'saved' ? 'green' : state === 'error' || state === 'conflict' ? 'red' : 'gray';
  return (
    <span role="status" aria-live="polite" data-testid="save-state" data-state={state}>
      {text ? (
        <Badge color={color} variant="light" tt="none">
          {text}
        </Badge>
      ) : null}
    </span>
  );
}
