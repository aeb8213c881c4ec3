import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { EVENT_CATALOGUE, EVENT_TYPES } from './catalogue.js';

type Webhooks = NonNullable<
  Extract<NonNullable<FastifyDynamicSwaggerOptions['openapi']>, { webhooks?: unknown }>['webhooks']
>;

const HEADERS = [
  ['webhook-id', 'The event id: the same on every retry of this event (use it to drop duplicates)', 'evt_42'],
  ['webhook-timestamp', 'Seconds since the Unix epoch when this attempt was signed', '1764400000'],
  [
    'webhook-signature',
    'Space-separated "v1,<base64 HMAC-SHA256 of id.timestamp.body>", keyed by the base64 part of the whsec_ secret',
    'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=',
  ],
] as const;

/**
 * The OpenAPI 3.1 `webhooks` section: one entry per event type of the catalogue, with its payload schema,
 * the Standard Webhooks headers and an example delivery.
 */
export function webhookDocs(): Webhooks {
  const out: Webhooks = {};
  for (const type of EVENT_TYPES) {
    const event = EVENT_CATALOGUE[type];
    out[type] = <Webhooks[string]>{
      post: {
        summary: event.summary,
        description: `Sent to every webhook subscribed to \`${type}\` (also in the pull feed GET /v1/events). Answer 2xx within 10 s; anything else is retried with exponential backoff.`,
        tags: ['webhooks'],
        parameters: HEADERS.map(([name, description, example]) => ({
          name,
          in: 'header',
          required: true,
          description,
          schema: { type: 'string' },
          example,
        })),
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['type', 'timestamp', 'data'],
                properties: {
                  type: { const: type },
                  timestamp: { type: 'string', format: 'date-time', description: 'When the change happened' },
                  data: JSON.parse(JSON.stringify(event.payload)),
                },
              },
              example: { type, timestamp: '2026-11-29T10:15:00.000Z', data: event.example },
            },
          },
        },
        responses: { '2XX': { description: 'Received; any other answer (or none within 10 s) is retried' } },
      },
    };
  }
  return out;
}
