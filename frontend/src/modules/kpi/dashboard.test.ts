import { buildNav, type Me } from '../../auth/permissions';
import { inSelection, snapshotStateText } from './KpiDashboardPage';
import { parseSnapshotSearch } from './snapshotSearch';
import { t } from './messages';
import type { Indicator, KpiValues } from './api';

const k = t.kpi;
const ind = (code: string) => ({ code, name: code }) as unknown as Indicator;

describe('the dashboard', () => {
  it('shows the municipality’s set in its order; no set chosen — every passport', () => {
    const all = [ind('K-4.1.1'), ind('PD-3Y'), ind('Z-MENTOR')];
    expect(inSelection(all, ['PD-3Y', 'K-4.1.1', 'GONE']).map((i) => i.code)).toEqual(['PD-3Y', 'K-4.1.1']);
    expect(inSelection(all, []).map((i) => i.code)).toEqual(['K-4.1.1', 'PD-3Y', 'Z-MENTOR']);
  });

  it('says whether the values are the approved snapshot of the period or live figures', () => {
    const meta = { period: '2025/2026', snapshots: [{ period: '2025/2026', approved_at: '2026-10-05T09:00:00Z' }] } as unknown as KpiValues['meta'];
    expect(snapshotStateText(meta, 'approved')).toBe(k.snapshotState.approved('05.10.2026', ''));
    expect(snapshotStateText({ ...meta, snapshots: [] }, 'approved')).toBe(k.snapshotState.none);
    expect(snapshotStateText(meta, 'live')).toBe(k.snapshotState.live);
  });

  it('the snapshots list keeps only known states and real academic years in its address', () => {
    expect(parseSnapshotSearch({ status: 'approved', period: '2025/2026', offset: '25' })).toEqual({ status: 'approved', period: '2025/2026', offset: 25 });
    expect(parseSnapshotSearch({ status: 'hacked', period: '2025' })).toEqual({});
  });
});

describe('navigation', () => {
  const me = (permissions: string[]) => ({ roles: [], permissions, reach: {}, municipality_ids: ['m1'] }) as unknown as Me;
  it('«Показатели» is in the menu for whoever has kpi:read, by the rights of /me', () => {
    expect(buildNav(me(['kpi:read'])).map((i) => i.to)).toContain('/kpi');
    expect(buildNav(me(['teachers:read'])).map((i) => i.to)).not.toContain('/kpi');
  });
});
