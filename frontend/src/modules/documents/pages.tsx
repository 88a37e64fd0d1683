/** Lazily loaded entry of the documents module (its own chunk). */
import { useNavigate } from '@tanstack/react-router';
import { ChecklistPage } from './ChecklistPage';
import { DocumentsPage } from './DocumentsPage';
import { RequirementsPage } from './RequirementsPage';
import { checklistRoute, documentsRoute } from './routes';

export function DocumentsRoute() {
  const search = documentsRoute.useSearch();
  const navigate = useNavigate({ from: '/documents' });
  return <DocumentsPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function ChecklistRoute() {
  const search = checklistRoute.useSearch();
  const navigate = useNavigate({ from: '/documents/checklist' });
  return <ChecklistPage search={search} onSearch={(next) => void navigate({ search: next, replace: true })} />;
}

export function RequirementsRoute() {
  return <RequirementsPage />;
}
