import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { webhookDocs } from '../events/openapi-webhooks.js';
import tags from './openapi-tags.json' with { type: 'json' };

/** The document's tags, in the order the docs show them. */
export const API_TAGS = tags;

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
