/** Lazily loaded entry of the diagnostics results pages (their own chunk). */
import { ComparisonPage } from './ComparisonPage';
import { CorporateDeficitsPage } from './CorporateDeficitsPage';

export function CorporateDeficitsRoute() {
  return <CorporateDeficitsPage />;
}

export function ComparisonRoute() {
  return <ComparisonPage />;
}
