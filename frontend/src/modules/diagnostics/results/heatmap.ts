/** Pure helpers of the results pages: the colour and the words of a band cell, and the text of a comparison row. */
import type { AreaBands, AreaChange, Band } from './api';
import { results } from './messages';

export const BANDS: Band[] = ['deficit', 'partial', 'none'];

/** Mantine colours of the bands (always shown together with the words, never colour alone). */
export const BAND_COLORS: Record<Band, string> = { deficit: 'red', partial: 'yellow', none: 'green' };

/** «33,3 %» with a decimal comma; «—» for no value. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${value.toFixed(1).replace('.', ',')} %`;
}

export type BandPart = { band: Band; count: number; percent: number | null; label: string };

/** The three parts of a cell (count, share, words), or null for a suppressed or empty cell. */
export function bandParts(cell: AreaBands): BandPart[] | null {
  if (cell.total === null || cell.total === undefined || cell.total === 0) return null;
  const percents: Record<Band, number | null | undefined> = {
    deficit: cell.deficit_percent,
    partial: cell.partial_percent,
    none: cell.none_percent,
  };
  return BANDS.map((band) => ({
    band,
    count: cell[band] ?? 0,
    percent: percents[band] ?? null,
    label: `${results.bandShort[band]}: ${cell[band] ?? 0} (${formatPercent(percents[band])})`,
  }));
}

/** The band holding the largest share (deficit wins a tie: the cell is coloured by the worst of the leaders). */
export function dominantBand(cell: AreaBands): Band | null {
  const parts = bandParts(cell);
  if (!parts) return null;
  let best: BandPart | null = null;
  for (const p of parts) if (best === null || p.count > best.count) best = p;
  return best?.band ?? null;
}

/** The background of a heatmap cell: the share in deficit, from light to strong red; green when none. */
export function deficitShade(cell: AreaBands): string | undefined {
  const pct = cell.deficit_percent;
  if (pct === null || pct === undefined) return undefined;
  if (pct === 0) return 'var(--mantine-color-green-0)';
  if (pct < 20) return 'var(--mantine-color-red-0)';
  if (pct < 40) return 'var(--mantine-color-red-1)';
  if (pct < 60) return 'var(--mantine-color-red-2)';
  return 'var(--mantine-color-red-3)';
}

/** «улучшение 3 · без изменений 5 · ухудшение 1», or the suppression words. */
export function changeText(area: AreaChange): string {
  if (area.improved === null || area.improved === undefined) return results.suppressed;
  return `${results.changes.improved} ${area.improved} · ${results.changes.same} ${area.same ?? 0} · ${results.changes.worse} ${area.worse ?? 0}`;
}

/** A net direction of an area: improved minus worse. */
export function netChange(area: AreaChange): number | null {
  if (area.improved === null || area.improved === undefined) return null;
  return area.improved - (area.worse ?? 0);
}
