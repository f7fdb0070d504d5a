import { flatRoutes } from '@remix-run/fs-routes';
import type { RouteConfig } from '@remix-run/route-config';

// Route-only helpers (*.server.ts), shared editors (__*) and tests stay out of route discovery.
export default flatRoutes({
  ignoredRouteFiles: ['**/*.server.*', '**/__*', '**/*.test.*', '**/.*'],
}) satisfies RouteConfig;
