import type { ReactNode } from 'react';
import { Group } from '@mantine/core';

/** The pages of one section (e.g. «Курсы», «3-летний срок ПК», «Загрузка списка»): links under the heading. */
export function SectionNav({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group component="nav" aria-label={label} gap="xs" wrap="wrap">
      {children}
    </Group>
  );
}
