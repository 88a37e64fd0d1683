import { Badge } from '@mantine/core';
import { t } from './messages';

const COLORS: Record<string, string> = { draft: 'gray', submitted: 'blue', under_review: 'orange', published: 'green', returned: 'red' };

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge size="sm" variant="light" miw="max-content" tt="none" color={COLORS[status] ?? 'gray'}>
      {t.practices.statuses[status] ?? status}
    </Badge>
  );
}
