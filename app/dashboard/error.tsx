'use client';

// The risk pages' error boundary, for failures outside the widgets' own error states (which say in
// place which figures are missing): e.g. the served model could not be loaded.
import { PageError, type BoundaryProps } from '@/components/app-shell/page-error';

export default function DashboardError(props: BoundaryProps) {
  return (
    <PageError {...props} title="This risk page could not be shown">
      Rendering failed on the server before any figure could be read — most often because the served model
      (its manifest gives the threshold and features) could not be loaded. The server log has the details
      under the reference below.
    </PageError>
  );
}
