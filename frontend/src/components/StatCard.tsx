import type { ReactNode } from 'react';
import { Card, Text } from '@mantine/core';

/** One number of a page's summary (counted, outside the window, the share…). */
export function StatCard({ label, value, hint, color, testId }: { label: string; value: ReactNode; hint?: string; color?: string; testId?: string }) {
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} c={color}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Card>
  );
}
