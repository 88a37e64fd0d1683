import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { renderWithProviders } from '../../test/render';
import { FilterField } from './IndicatorEditor';
import { IndicatorCard } from './IndicatorCard';
import { t } from './messages';

describe('a measure filter is rendered from its declaration', () => {
  it('enum → a single choice with Russian names, «Любое» when empty', () => {
    renderWithProviders(
      <FilterField declaration={{ name: 'level_min', type: 'enum', title: 'Уровень мероприятия не ниже', values: ['municipal', 'regional'] }} value={undefined} onChange={() => {}} />,
    );
    const input = screen.getByRole('combobox', { name: 'Уровень мероприятия не ниже' });
    expect(input).toHaveAttribute('placeholder', t.kpi.editor.any);
  });

  it('enum_set → several choices shown as pills', () => {
    renderWithProviders(
      <FilterField declaration={{ name: 'roles', type: 'enum_set', title: 'Роли участия', values: ['listener', 'speaker'] }} value={['speaker']} onChange={() => {}} />,
    );
    expect(screen.getAllByText('докладчик').length).toBeGreaterThan(0);
    expect(screen.queryByText('speaker')).toBeNull();
  });

  it('flag → a checkbox that sends true', () => {
    const onChange = vi.fn();
    renderWithProviders(<FilterField declaration={{ name: 'intends_to_apply', type: 'flag', title: 'Намерен применять', values: [] }} value={undefined} onChange={onChange} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Намерен применять' }));
    expect(onChange).toHaveBeenCalledWith(true);
  });
});

describe('indicator card', () => {
  it('shows the value, «из», the target and the status in words', () => {
    renderWithProviders(
      <IndicatorCard
        card={{ code: 'PD-3Y', name: 'Доля педагогов с ПК', unit: 'percent', numerator: 110, denominator: 177, value: 62.146893, target: 70, status: 'close', selected: false }}
        onDetails={() => {}}
        onDrilldown={() => {}}
      />,
    );
    expect(screen.getByText('62,1 %')).toBeInTheDocument();
    expect(screen.getByText('110 из 177')).toBeInTheDocument();
    expect(screen.getByText('Цель: 70,0 %')).toBeInTheDocument();
    expect(screen.getByText('Близко к цели')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: t.kpi.whoCountedOf('PD-3Y') })).toBeInTheDocument();
  });
});
