import type { App, Deps } from '../http/app-types.js';
import { alertRoutes } from './alert-routes.js';
import { bookingRoutes } from './booking-routes.js';
import { exportRoutes } from './exports/routes.js';
import { interventionRoutes } from './intervention-routes.js';
import { reviewRoutes } from './review-routes.js';
import { rotaRoutes } from './rota-routes.js';
import { setupRoutes } from './setup-routes.js';

/** The One Service Response: lead-responder rota, bookings under the weekly case cap, interventions, exports. */
export async function osrRoutes(app: App, deps: Deps): Promise<void> {
  await rotaRoutes(app, deps);
  await alertRoutes(app, deps);
  await bookingRoutes(app, deps);
  await interventionRoutes(app, deps);
  await setupRoutes(app, deps);
  await reviewRoutes(app, deps);
  await exportRoutes(app, deps);
}
