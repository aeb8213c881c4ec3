import { Type } from 'typebox';
import { Code, Uuid } from '../http/schemas.js';

export const Link = Type.Object(
  {
    id: Uuid,
    url: Type.String({ description: 'Secret: anyone with it reads the calendar. Shown once.' }),
  },
  {
    examples: [
      {
        id: '1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a',
        url: 'https://rota.example.org/calendars/Jx8bq0m3n6V2yLkq5tR9wZcD1eF4gH7iK0lM3nP6sT8.ics',
      },
    ],
  },
);

export const IdParams = Type.Object({ id: Uuid });
export const OsrLinkBody = Type.Object(
  { hub: Type.Optional(Code) },
  { additionalProperties: false, examples: [{ hub: 'east-hub' }] },
);
export const Revoked = Type.Null();
