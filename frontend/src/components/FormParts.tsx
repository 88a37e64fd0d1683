/**
 * Parts every long form is made of: a titled fieldset, a removable row of a repeated group (an employment, a
 * responsible person, a material), the message of a nested field's error and a multi-select of codes.
 */
import type { ReactNode } from 'react';
import { ActionIcon, Card, Group, MultiSelect, Paper, Text, Title } from '@mantine/core';
import { type Control, Controller, type FieldErrors, type FieldValues, type Path } from 'react-hook-form';

/** The message of a (nested) field's error, by its dotted path: `employments.0.start_date`. */
export function fieldError(errors: FieldErrors, path: string): string | undefined {
  let node: unknown = errors;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  if (node && typeof node === 'object' && 'message' in node) {
    const msg = (node as { message?: unknown }).message;
    return typeof msg === 'string' ? msg : undefined;
  }
  return undefined;
}

/** A group of fields under its legend (a screen reader announces the legend with each field). */
export function FieldsetCard({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <Card withBorder component="fieldset" m={0}>
      <Title order={3} size="h4" mb="sm" component="legend" px={4}>
        {legend}
      </Title>
      {children}
    </Card>
  );
}

/** One row of a repeated group, titled («Место работы 2»), with a remove button named after it. */
export function RemovableRow(props: { title: string; removeLabel: string; onRemove: () => void; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" radius="sm" component="section" aria-label={props.title}>
      <Group justify="space-between" mb="xs">
        <Text fw={600} size="sm">
          {props.title}
        </Text>
        <ActionIcon variant="subtle" color="red" aria-label={props.removeLabel} title={props.removeLabel} onClick={props.onRemove}>
          ✕
        </ActionIcon>
      </Group>
      {props.children}
    </Paper>
  );
}

/** A multi-select of dictionary codes bound to a form field (audience positions and subjects, competence areas…). */
export function CodesMultiSelect<T extends FieldValues>(props: {
  control: Control<T>;
  name: Path<T>;
  label: string;
  description?: string;
  data: { value: string; label: string }[];
}) {
  return (
    <Controller
      control={props.control}
      name={props.name}
      render={({ field, fieldState }) => (
        <MultiSelect
          label={props.label}
          description={props.description}
          data={props.data}
          value={field.value as string[]}
          onChange={field.onChange}
          onBlur={field.onBlur}
          error={fieldState.error?.message}
          searchable
          clearable
        />
      )}
    />
  );
}
