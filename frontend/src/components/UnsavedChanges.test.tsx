import { useState } from 'react';
import { Button, TextInput } from '@mantine/core';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { t } from '../i18n/messages';
import { renderWithProviders } from '../test/render';
import { FormModal, useUnsavedChanges } from './UnsavedChanges';

function NameForm() {
  const [name, setName] = useState('');
  const cancel = useUnsavedChanges(name !== '');
  return (
    <>
      <TextInput label="Название" value={name} onChange={(e) => setName(e.currentTarget.value)} />
      <Button onClick={cancel}>{t.common.cancel}</Button>
    </>
  );
}

function open() {
  const onClose = vi.fn();
  renderWithProviders(
    <FormModal opened onClose={onClose} title="Правка организации">
      <NameForm />
    </FormModal>,
  );
  return { onClose, input: screen.getByLabelText('Название') };
}

// Mantine listens on the window; the key goes to whatever has the focus.
const escape = () => fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
const question = () => screen.queryByRole('dialog', { name: t.common.discardTitle });

describe('FormModal with useUnsavedChanges', () => {
  it('closes at once when nothing was changed', () => {
    const { onClose } = open();
    escape();
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(question()).not.toBeInTheDocument();
  });

  it('asks before Escape closes a changed form; «Продолжить редактирование» keeps the typing', async () => {
    const { onClose, input } = open();
    fireEvent.change(input, { target: { value: 'СОШ № 7' } });
    escape();
    expect(await screen.findByRole('dialog', { name: t.common.discardTitle })).toBeInTheDocument();
    expect(screen.getByText(t.common.discardText)).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: t.common.discardKeep }));
    await waitFor(() => expect(question()).not.toBeInTheDocument());
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Название')).toHaveValue('СОШ № 7');
  });

  it('Escape inside the question only closes the question', async () => {
    const { onClose, input } = open();
    fireEvent.change(input, { target: { value: 'СОШ № 7' } });
    escape();
    await screen.findByRole('dialog', { name: t.common.discardTitle });
    escape();
    await waitFor(() => expect(question()).not.toBeInTheDocument());
    expect(onClose).not.toHaveBeenCalled();
  });

  it('«Отмена», a click outside and × ask too; «Закрыть без сохранения» closes', async () => {
    const { onClose, input } = open();
    fireEvent.change(input, { target: { value: 'СОШ № 7' } });
    fireEvent.click(screen.getByRole('button', { name: t.common.cancel }));
    fireEvent.click(await screen.findByRole('button', { name: t.common.discardKeep }));
    await waitFor(() => expect(question()).not.toBeInTheDocument());

    fireEvent.click(document.querySelector('.mantine-Modal-overlay')!); // a click outside the dialog
    fireEvent.click(await screen.findByRole('button', { name: t.common.discardKeep }));
    await waitFor(() => expect(question()).not.toBeInTheDocument());
    expect(onClose).not.toHaveBeenCalled();

    const dialog = screen.getByRole('dialog', { name: 'Правка организации' });
    fireEvent.click(dialog.querySelector('.mantine-Modal-close')!);
    fireEvent.click(await screen.findByRole('button', { name: t.common.discardClose }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('outside a FormModal the hook returns the given cancel', () => {
    const cancel = vi.fn();
    function Plain() {
      const onCancel = useUnsavedChanges(true, cancel);
      return <Button onClick={onCancel}>{t.common.cancel}</Button>;
    }
    renderWithProviders(<Plain />);
    fireEvent.click(screen.getByRole('button', { name: t.common.cancel }));
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(question()).not.toBeInTheDocument();
  });
});
