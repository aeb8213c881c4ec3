import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { webhookDocs } from '../events/openapi-webhooks.js';

export const API_TAGS = [
  { name: 'health', description: 'Liveness and readiness' },
  { name: 'api-keys', description: 'API keys and roles (admin only)' },
  { name: 'reference', description: 'Regions, specialisms and hubs, addressed by code' },
  { name: 'practitioners', description: 'The panel: parenting and 0-19 practitioners' },
  { name: 'absences', description: 'Sickness, annual leave, training and unavailability' },
  { name: 'audit', description: 'Who changed what, when (admin only)' },
  { name: 'placements', description: '24/7 In the Home placements, their phases and requirements' },
  { name: 'shifts', description: 'Shifts, who works them, manual edits, locks and candidates' },
  { name: 'rota', description: 'Rota runs: solving in the background, progress, publishing' },
  { name: 'cover', description: 'Sickness cover: cover plans, standby, resilience, and the events outbox' },
  { name: 'webhooks', description: 'Signed deliveries of every event to other systems (admin only)' },
  { name: 'calendars', description: 'Secret calendar links a calendar app subscribes to without a key' },
  { name: 'imports', description: 'Spreadsheets (CSV) of practitioners and placements, with a dry run' },
  {
    name: 'osr',
    description: 'One Service Response: lead-responder rota, bookings under the case cap, interventions',
  },
];

export function openapiDocumentation(): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Care rota scheduler API',
        version: '1.0.0',
        description:
          "Shift rotas and staffing for children's social care: the 24/7 In the Home programme, sickness cover " +
          'and the One Service Response lead-responder rota. Errors are RFC 9457 problem details ' +
          '(application/problem+json). Authenticate with "Authorization: Bearer <api key>".',
      },
      tags: API_TAGS,
      webhooks: webhookDocs(),
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key issued by an admin' },
        },
      },
      security: [{ apiKey: [] }],
    },
  };
}
