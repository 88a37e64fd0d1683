import { useState } from 'react';
import { fireEvent, screen } from '@testing-library/react';
import { ApiError } from '../api/errors';
import { t } from '../modules/teachers/messages';
import { renderWithProviders } from '../test/render';
import { ArchivedFilter, CodesFilter } from './ListFilters';
import { ListFooter } from './ListFooter';
import { ErrorState } from './states';

describe('ListFooter', () => {
  it('shows the range and moves between pages', () => {
    const onOffsetChange = vi.fn();
    renderWithProviders(<ListFooter total={192} limit={25} offset={25} onOffsetChange={onOffsetChange} />);
    expect(screen.getByText(t.common.shown(26, 50, 192))).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: t.common.page(3) }));
    expect(onOffsetChange).toHaveBeenCalledWith(50);
    fireEvent.click(screen.getByRole('button', { name: t.common.pageControl.previous }));
    expect(onOffsetChange).toHaveBeenCalledWith(0);
  });

  it('renders nothing for an empty list', () => {
    renderWithProviders(<ListFooter total={0} limit={25} offset={0} onOffsetChange={vi.fn()} />);
    expect(screen.queryByText(/Показаны/)).not.toBeInTheDocument();
    expect(screen.queryByRole('navigation')).not.toBeInTheDocument();
  });
});

describe('ErrorState', () => {
  it('404 becomes the «не найден» state', () => {
    renderWithProviders(
      <ErrorState error={new ApiError(404, null)} notFoundTitle={t.teachers.notFound} notFoundHint={t.teachers.notFoundHint} />,
    );
    expect(screen.getByText(t.teachers.notFound)).toBeInTheDocument();
  });

  it('other errors show the message and a retry button', () => {
    const onRetry = vi.fn();
    renderWithProviders(<ErrorState error={new ApiError(0, null, t.common.networkError)} onRetry={onRetry} />);
    expect(screen.getByText(t.common.networkError)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: t.common.retry }));
    expect(onRetry).toHaveBeenCalled();
  });
});

describe('ListFilters', () => {
  it('«Показывать архивные» toggles archived=yes and back', () => {
    const seen: ('yes' | undefined)[] = [];
    function Harness() {
      const [value, setValue] = useState<'yes' | undefined>(undefined);
      return (
        <ArchivedFilter
          value={value}
          onChange={(next) => {
            seen.push(next);
            setValue(next);
          }}
        />
      );
    }
    renderWithProviders(<Harness />);
    fireEvent.click(screen.getByLabelText(t.common.includeArchived));
    fireEvent.click(screen.getByLabelText(t.common.includeArchived));
    expect(seen).toEqual(['yes', undefined]);
  });

  it('a set of codes shows their Russian names and says «any» while empty', () => {
    renderWithProviders(
      <CodesFilter
        label="Статус"
        anyLabel="Любой"
        codes={['active', 'finished'] as const}
        names={{ active: 'Действует', finished: 'Завершена' }}
        value={['finished']}
        onChange={vi.fn()}
      />,
    );
    expect(screen.getAllByText('Завершена').length).toBeGreaterThan(0);
    expect(screen.queryByPlaceholderText('Любой')).not.toBeInTheDocument();
  });
});
