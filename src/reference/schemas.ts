import { Type } from 'typebox';
import { Code, Instant, IsoWeek, Name, Page, PageQuery } from '../http/schemas.js';

/** Regions and specialisms: a code, a name and a version; each list has its own example. */
export function referenceSchemas(example: { code: string; name: string }) {
  const stamp = '2026-11-23T09:00:00.000Z';
  const itemExample = { ...example, version: 1, createdAt: stamp, updatedAt: stamp };
  const Item = Type.Object(
    { code: Code, name: Type.String(), version: Type.Integer(), createdAt: Instant, updatedAt: Instant },
    { examples: [itemExample] },
  );
  const Rename = Type.Object(
    { name: Name },
    { additionalProperties: false, examples: [{ name: example.name }] },
  );
  return { Item, List: Page(Item, itemExample), Rename };
}

export const CodeParams = Type.Object({ code: Code });
export const ListQuery = Type.Object(PageQuery, { additionalProperties: false });

const hubExample = {
  code: 'east-hub',
  name: 'East 0-19 Hub',
  weeklyCaseCap: 3,
  capHistory: [{ fromWeek: '2026-W40', weeklyCaseCap: 3, setAt: '2026-09-28T09:00:00.000Z' }],
  version: 1,
  createdAt: '2026-09-28T09:00:00.000Z',
  updatedAt: '2026-09-28T09:00:00.000Z',
};

const CapHistory = Type.Array(
  Type.Object({ fromWeek: IsoWeek, weeklyCaseCap: Type.Integer(), setAt: Instant }),
  {
    description: 'Each cap and the week it applies from; a week uses the latest cap starting on or before it',
  },
);

export const Hub = Type.Object(
  {
    code: Code,
    name: Type.String(),
    weeklyCaseCap: Type.Integer({ description: 'The case cap of the current week' }),
    capHistory: CapHistory,
    version: Type.Integer(),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { examples: [hubExample] },
);
export const HubPage = Page(Hub, hubExample);

const FROM_WEEK =
  'The first week the new cap applies to: the current week (default) or a later one. Earlier weeks keep their cap.';

export const SaveHub = Type.Object(
  {
    name: Name,
    weeklyCaseCap: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 100, description: 'Distinct cases per week; 3 for a new hub' }),
    ),
    fromWeek: Type.Optional({ ...IsoWeek, description: FROM_WEEK }),
  },
  {
    additionalProperties: false,
    examples: [{ name: 'East 0-19 Hub', weeklyCaseCap: 4, fromWeek: '2026-W50' }],
  },
);
