import type { App, Deps } from '../http/app-types.js';
import { setEtag } from '../http/etag.js';
import { IfMatchHeaders } from '../http/schemas.js';
import { operations, routes } from '../http/operation.js';
import { problems } from '../http/problem.js';
import { hubRoutes } from './hub-routes.js';
import { findReference, listReference, type ReferenceTableName } from './repository.js';
import { CodeParams, ListQuery, referenceSchemas } from './schemas.js';
import { saveReference } from './service.js';

const op = operations('reference');

/** A list of codes with names (regions, specialisms): list, one, create or rename. */
interface CodeList {
  table: Exclude<ReferenceTableName, 'hubs'>;
  singular: string;
  example: { code: string; name: string };
}

const regions: CodeList = {
  table: 'regions',
  singular: 'region',
  example: { code: 'north-west', name: 'North West' },
};
const specialisms: CodeList = {
  table: 'specialisms',
  singular: 'specialism',
  example: { code: 'newborn-care', name: 'Newborn care' },
};

const codeList = (kind: CodeList) => [list(kind), one(kind), save(kind)];

export const referenceRoutes = routes(...codeList(regions), ...codeList(specialisms), ...hubRoutes);

function list({ table, example }: CodeList) {
  const { List } = referenceSchemas(example);
  return (app: App, { database: { db } }: Deps): void => {
    const schema = op(`List ${table}`, { querystring: ListQuery, response: { 200: List } });
    app.get(`/${table}`, { schema }, async (request) => {
      const { limit = 100, offset = 0 } = request.query;
      return { ...(await listReference(db, table, limit, offset)), limit, offset };
    });
  };
}

function one({ table, singular, example }: CodeList) {
  const { Item } = referenceSchemas(example);
  return (app: App, { database: { db } }: Deps): void => {
    const schema = op(`Get one ${singular}`, { params: CodeParams, response: { 200: Item } }, [404]);
    app.get(`/${table}/:code`, { schema }, async (request, reply) => {
      const { code } = request.params;
      const item = await findReference(db, table, code);
      if (!item) throw problems.notFound(singular, code);
      setEtag(reply, item.version);
      return item;
    });
  };
}

function save(kind: CodeList) {
  const { Item, Rename } = referenceSchemas(kind.example);
  const inputs = {
    params: CodeParams,
    headers: IfMatchHeaders,
    body: Rename,
    response: { 200: Item, 201: Item },
  };
  return (app: App, { database: { db }, config }: Deps): void => {
    const schema = op(`Create or rename a ${kind.singular}`, inputs, [412]);
    app.put(`/${kind.table}/:code`, { schema }, async (request, reply) => {
      const ctx = { db, timezone: config.timezone, request, reply };
      const { after, created } = await saveReference(ctx, kind, request.params.code, request.body.name);
      reply.status(created ? 201 : 200);
      return after;
    });
  };
}
