/**
 * Unsaved changes are never lost silently — one place for pages and dialogs:
 * - a page form renders `<UnsavedChangesGuard when={isDirty && !isSubmitting} />`: leaving it (a link, «Отмена»,
 *   back) asks «Есть несохранённые изменения», a reload or closing the tab the browser's own question;
 * - a dialog form lives in a `FormModal` (a Mantine Modal) and calls `useUnsavedChanges(isDirty && !isSubmitting)`:
 *   closing the dialog with changes (Escape, ×, a click outside, «Отмена») asks «Закрыть без сохранения?», and while
 *   it has changes, leaving the page asks as on a page form.
 */
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Button, getDefaultZIndex, Group, Modal, Stack, Text, type ModalProps } from '@mantine/core';
import { useBlocker, useRouter } from '@tanstack/react-router';
import { t } from '../i18n/messages';

/** While `when` is true, leaving the page asks first (the router's blocker and the browser's beforeunload). */
export function UnsavedChangesGuard({ when }: { when: boolean }) {
  // Forms rendered outside a router (unit tests) have nothing to guard.
  const router = useRouter({ warn: false }) as ReturnType<typeof useRouter> | undefined;
  return router ? <Guard when={when} /> : null;
}

function Guard({ when }: { when: boolean }) {
  const { status, proceed, reset } = useBlocker({
    shouldBlockFn: () => when,
    enableBeforeUnload: () => when,
    withResolver: true,
  });
  return (
    <Modal opened={status === 'blocked'} onClose={() => reset?.()} title={t.common.unsavedTitle} centered zIndex={QUESTION_Z_INDEX}>
      <Stack>
        <Text size="sm">{t.common.unsavedText}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => reset?.()} data-autofocus>
            {t.common.unsavedStay}
          </Button>
          <Button color="red" onClick={() => proceed?.()}>
            {t.common.unsavedLeave}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

// A question shows above the dialog it is about.
const QUESTION_Z_INDEX = getDefaultZIndex('modal') + 10;

type DialogGuard = {
  /** A form of the dialog says whether it has unsaved changes (`id`: the form, a dialog may hold several). */
  report: (id: string, dirty: boolean) => void;
  /** Closes the dialog (or runs `then`, e.g. «back» inside it), asking first when a form has unsaved changes. */
  requestClose: (then?: () => void) => void;
};

const DialogGuardContext = createContext<DialogGuard | null>(null);

/**
 * A Mantine Modal for forms: Escape, ×, a click outside and «Отмена» (via `useUnsavedChanges`) ask «Закрыть без
 * сохранения?» while a form inside has unsaved changes; «Продолжить редактирование» keeps the typing.
 */
export function FormModal({ opened, onClose, children, ...props }: ModalProps) {
  const [dirtyForms, setDirtyForms] = useState<ReadonlySet<string>>(() => new Set());
  const [pending, setPending] = useState<{ then: () => void } | null>(null);
  const dirty = dirtyForms.size > 0;
  // The guard handed to the forms stays the same object (their effects depend on it); it reads the latest state here.
  const latest = useRef({ dirty, onClose });
  useEffect(() => {
    latest.current = { dirty, onClose };
  });

  const guard = useMemo<DialogGuard>(
    () => ({
      report: (id, isDirty) =>
        setDirtyForms((current) => {
          if (current.has(id) === isDirty) return current;
          const next = new Set(current);
          if (isDirty) next.add(id);
          else next.delete(id);
          return next;
        }),
      requestClose: (then) => {
        const action = then ?? (() => latest.current.onClose());
        if (latest.current.dirty) setPending({ then: action });
        else action();
      },
    }),
    [],
  );
  const asking = pending !== null;

  return (
    <DialogGuardContext.Provider value={guard}>
      <Modal
        opened={opened}
        onClose={() => guard.requestClose()}
        // While the question is open, Escape and the focus belong to it.
        closeOnEscape={!asking}
        trapFocus={!asking}
        {...props}
      >
        {children}
      </Modal>
      {/* Mounted only while asking: a Mantine Modal listens for Escape on the window even while closed, and would
          otherwise close itself on the very Escape that opened it. */}
      {opened && asking ? (
        <Modal opened onClose={() => setPending(null)} title={t.common.discardTitle} centered size="auto" zIndex={QUESTION_Z_INDEX}>
          <Stack>
            <Text size="sm">{t.common.discardText}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPending(null)} data-autofocus>
                {t.common.discardKeep}
              </Button>
              <Button
                color="red"
                onClick={() => {
                  setPending(null);
                  pending?.then();
                }}
              >
                {t.common.discardClose}
              </Button>
            </Group>
          </Stack>
        </Modal>
      ) : null}
      <UnsavedChangesGuard when={opened && dirty && !asking} />
    </DialogGuardContext.Provider>
  );
}

/**
 * For a form inside a `FormModal`: tells the dialog whether the form has unsaved changes and returns its «Отмена»,
 * which asks first when there are changes, then runs `cancel` (default: closes the dialog). Outside a FormModal it
 * returns `cancel` as is.
 */
export function useUnsavedChanges(dirty: boolean, cancel?: () => void): () => void {
  const guard = useContext(DialogGuardContext);
  const id = useId();
  useEffect(() => {
    guard?.report(id, dirty);
  }, [guard, id, dirty]);
  useEffect(() => () => guard?.report(id, false), [guard, id]);
  return useCallback(() => (guard ? guard.requestClose(cancel) : cancel?.()), [guard, cancel]);
}
