import { useState } from 'react';
import { ActionIcon, Button, Card, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { errorMessage } from '../../api/errors';
import { DateField } from '../../components/DateField';
import { updatePlan } from './api';
import { planOf, type ActionKind, type PlanUpdate, type RouteRead } from './logic';
import { t } from './messages';

const m = t.routes;
const KINDS: ActionKind[] = ['event', 'course', 'practice', 'mentor', 'self_study'];

/** The editor of a route's plan: title, note, goals and their actions (add, change, remove), saved at once. */
export function PlanEditor({ route, onSaved, onCancel }: { route: RouteRead; onSaved: (next: RouteRead) => void; onCancel: () => void }) {
  const [plan, setPlan] = useState<PlanUpdate>(() => planOf(route));
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const setGoal = (gi: number, patch: Partial<PlanUpdate['goals'][number]>) =>
    setPlan((p) => ({ ...p, goals: p.goals.map((g, i) => (i === gi ? { ...g, ...patch } : g)) }));
  const actionsOf = (gi: number) => plan.goals[gi]?.actions ?? [];
  const setAction = (gi: number, ai: number, patch: Partial<NonNullable<PlanUpdate['goals'][number]['actions']>[number]>) =>
    setGoal(gi, { actions: actionsOf(gi).map((a, i) => (i === ai ? { ...a, ...patch } : a)) });

  async function save() {
    setPending(true);
    setError(null);
    try {
      onSaved(await updatePlan(route, plan));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setPending(false);
    }
  }

  return (
    <Stack data-testid="plan-editor">
      <TextInput label={m.edit.title} value={plan.title} onChange={(e) => setPlan({ ...plan, title: e.currentTarget.value })} />
      <Textarea label={m.edit.note} value={plan.note ?? ''} onChange={(e) => setPlan({ ...plan, note: e.currentTarget.value || null })} autosize />
      {plan.goals.map((g, gi) => (
        <Card key={g.id ?? `new-${gi}`} withBorder padding="sm">
          <Stack gap="xs">
            <Group align="flex-end" wrap="nowrap">
              <Textarea label={m.edit.goal} value={g.text} onChange={(e) => setGoal(gi, { text: e.currentTarget.value })} autosize style={{ flex: 1 }} />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`${m.actions.remove}: ${g.text}`}
                onClick={() => setPlan({ ...plan, goals: plan.goals.filter((_, i) => i !== gi) })}
              >
                ✕
              </ActionIcon>
            </Group>
            {actionsOf(gi).map((a, ai) => (
              <Group key={a.id ?? `new-${ai}`} align="flex-end" gap="xs" wrap="wrap">
                <Select
                  label={m.edit.kind}
                  w={170}
                  data={KINDS.map((k) => ({ value: k, label: m.kinds[k] ?? k }))}
                  value={a.kind}
                  onChange={(v) => v && setAction(gi, ai, { kind: v as ActionKind, ref_id: v === a.kind ? a.ref_id : null })}
                  allowDeselect={false}
                />
                <TextInput
                  label={m.edit.action}
                  value={a.title}
                  onChange={(e) => setAction(gi, ai, { title: e.currentTarget.value })}
                  style={{ flex: 1, minWidth: 200 }}
                />
                <DateField label={m.edit.deadline} value={a.deadline ?? null} onChange={(v) => setAction(gi, ai, { deadline: v })} w={160} />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mb={6}
                  aria-label={`${m.actions.remove}: ${a.title}`}
                  onClick={() => setGoal(gi, { actions: actionsOf(gi).filter((_, i) => i !== ai) })}
                >
                  ✕
                </ActionIcon>
              </Group>
            ))}
            <Button
              variant="subtle"
              size="xs"
              style={{ alignSelf: 'flex-start' }}
              onClick={() => setGoal(gi, { actions: [...actionsOf(gi), { kind: 'self_study', title: m.edit.newAction, deadline: null }] })}
            >
              {m.actions.addAction}
            </Button>
          </Stack>
        </Card>
      ))}
      <Button variant="light" style={{ alignSelf: 'flex-start' }} onClick={() => setPlan({ ...plan, goals: [...plan.goals, { text: m.edit.newGoal, actions: [] }] })}>
        {m.actions.addGoal}
      </Button>
      {error ? (
        <Text c="red" size="sm" role="alert">
          {error}
        </Text>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {m.actions.cancel}
        </Button>
        <Button loading={pending} onClick={() => void save()}>
          {m.actions.save}
        </Button>
      </Group>
    </Stack>
  );
}
