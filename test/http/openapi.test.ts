import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { openapiDocument } from '../../scripts/openapi-document.js';
import { createTestDatabase } from '../helpers/databases.js';

type MediaType = { schema: { examples?: unknown[] }; example?: unknown; examples?: Record<string, unknown> };
type Operation = {
  tags?: string[];
  summary?: string;
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { content?: Record<string, MediaType> }>;
};

// @fastify/swagger moves a schema's `examples` onto the media type as `example` / `examples`.
const hasExample = (media: MediaType): boolean =>
  media.example !== undefined ||
  Object.keys(media.examples ?? {}).length > 0 ||
  (media.schema.examples?.length ?? 0) > 0;

describe('the OpenAPI document', () => {
  let generated: string;
  beforeAll(async () => {
    // The document does not depend on the data: a migrated test database, not initdb and migrations.
    const database = await createTestDatabase('pglite');
    try {
      generated = await openapiDocument(database);
    } finally {
      await database.close();
    }
  });

  it('matches the committed openapi/openapi.json (run `npm run openapi` after changing a route)', async () => {
    const committed = await readFile(new URL('../../openapi/openapi.json', import.meta.url), 'utf8');
    expect(JSON.parse(committed)).toEqual(JSON.parse(generated));
  });

  it('gives every operation tags, a summary and examples of its body and success response', async () => {
    const doc = JSON.parse(generated) as {
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThan(20);
    for (const { name, op } of operations) {
      expect(op.tags?.length, `${name} tags`).toBeGreaterThan(0);
      expect(op.summary, `${name} summary`).toBeTruthy();
      if (op.requestBody) {
        expect(hasExample(Object.values(op.requestBody.content)[0]!), `${name} request example`).toBe(true);
      }
      const success = Object.entries(op.responses).find(([status]) => status.startsWith('2'));
      expect(success, `${name} success response`).toBeDefined();
      const content = success![1].content;
      if (content) {
        expect(hasExample(Object.values(content)[0]!), `${name} response example`).toBe(true);
      }
    }
  });
});
