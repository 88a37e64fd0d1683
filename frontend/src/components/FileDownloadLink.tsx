/**
 * A stored file (a material, a document) as a link: downloaded with the session's token (a plain link would carry
 * no token) and saved under its Russian name; the module passes the download of its own record-scoped route.
 */
import { useState } from 'react';
import { Anchor, Badge, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { errorMessage } from '../api/errors';
import { t } from '../i18n/messages';
import { saveBlob } from '../lib/download';

export function FileDownloadLink({ title, download }: { title: string; download: () => Promise<{ blob: Blob; filename: string }> }) {
  const [pending, setPending] = useState(false);
  return (
    <Group gap={6} component="span" wrap="nowrap">
      <Anchor
        component="button"
        type="button"
        size="sm"
        aria-label={t.jobs.downloadNamed(title)}
        disabled={pending}
        onClick={() => {
          setPending(true);
          download()
            .then(({ blob, filename }) => saveBlob(blob, filename))
            .catch((error: unknown) => notifications.show({ color: 'red', title: t.jobs.downloadFailed, message: errorMessage(error) }))
            .finally(() => setPending(false));
        }}
      >
        {title}
      </Anchor>
      {pending ? (
        <Badge size="xs" variant="light" tt="none">
          {t.common.loading}
        </Badge>
      ) : null}
    </Group>
  );
}
