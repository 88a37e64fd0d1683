import { describe, expect, it } from 'vitest';
import { buildNav, type Me } from '../../auth/permissions';
import { buildsRoutes, seesCampaigns, seesResultsPages } from './parts';

const me = (permissions: string[]) => ({ permissions, reach: {}, roles: [], municipality_ids: [], organization_ids: [] }) as unknown as Me;
const paths = (m: Me) => buildNav(m).map((i) => i.to);

describe('diagnostics in the navigation', () => {
  it('«Диагностика» for whoever reads campaigns or answers their own', () => {
    expect(paths(me(['diagnostics:read']))).toContain('/diagnostics');
    expect(paths(me(['diagnostics:answer']))).toContain('/diagnostics');
    expect(paths(me(['kpi:read']))).not.toContain('/diagnostics');
  });

  it('who sees which section page and who plans a route', () => {
    const teacher = me(['diagnostics:read', 'diagnostics:answer', 'diagnostics:results']);
    const school = me(['diagnostics:read', 'diagnostics:results', 'diagnostics:monitor', 'diagnostics:remind', 'routes:write']);
    const department = me(['diagnostics:read', 'diagnostics:write', 'diagnostics:monitor']);
    expect([seesCampaigns(teacher), seesResultsPages(teacher), buildsRoutes(teacher)]).toEqual([false, false, false]);
    expect([seesCampaigns(school), seesResultsPages(school), buildsRoutes(school)]).toEqual([true, true, true]);
    expect([seesCampaigns(department), seesResultsPages(department), buildsRoutes(department)]).toEqual([true, true, false]);
  });
});
