import type { ReactNode } from 'react';
import { SimpleGrid, Stack, Text } from '@mantine/core';

export type InfoItem = { label: string; value: ReactNode };

/** Label/value pairs as a description list (readable by screen readers). */
export function InfoGrid({ items, cols = { base: 1, sm: 2, lg: 3 } }: { items: InfoItem[]; cols?: Record<string, number> }) {
  return (
    <SimpleGrid component="dl" cols={cols} spacing="md" verticalSpacing="sm" m={0}>
      {items.map((item) => (
        <Stack key={item.label} gap={2}>
          <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
            {item.label}
          </Text>
          <Text component="dd" m={0} size="sm">
            {item.value}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
