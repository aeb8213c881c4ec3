import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { applyChange, type ChangeContext } from '../changes/apply-change.js';
import type { DB } from '../db/schema.js';
import { practitionerEvent } from '../events/payloads.js';
import { assertPanelScope } from '../http/permissions.js';
import { ifMatch } from '../http/if-match.js';
import { withUncovered } from '../http/uncovered-shifts.js';
import { problems } from '../http/problem.js';
import type { CreatePractitionerBody, PatchPractitionerBody, PractitionerDto } from './practitioner-model.js';
import {
  archivePractitioner,
  findPractitioner,
  insertPractitioner,
  listPractitioners,
  updatePractitioner,
} from './practitioner-repository.js';
import { checkPractitioner, mergePractitioner } from './practitioner-rules.js';
import type { PractitionerQueryDto } from './practitioner-schemas.js';
import { practitionerFor } from './privacy.js';

/** A practitioner who is on the panel, locked; 404 when there is none (or they left), 403 outside the key's hubs. */
export async function lockPractitioner(trx: Transaction<DB>, id: string, request?: FastifyRequest) {
  const practitioner = await findPractitioner(trx, id, true);
  if (!practitioner || practitioner.archivedAt) throw problems.notFound('practitioner', id);
  if (request) assertPanelScope(request, practitioner);
  return practitioner;
}

/** The `practitioner.changed` event other systems are told. */
export const practitionerChanged = (
  practitioner: PractitionerDto,
  change: 'created' | 'updated' | 'archived' | 'preferences',
) => ({
  type: 'practitioner.changed' as const,
  subjectId: practitioner.id,
  payload: { practitioner: practitionerEvent(practitioner), change },
});

/** A practitioner (archived or not); 404 when there is none. */
export async function practitionerById(db: Kysely<DB>, id: string): Promise<PractitionerDto> {
  const found = await findPractitioner(db, id);
  if (!found) throw problems.notFound('practitioner', id);
  return found;
}

/** A page of the panel, filtered, each practitioner as the caller may see them. */
export async function panelAsSeen(db: Kysely<DB>, request: FastifyRequest, query: PractitionerQueryDto) {
  const { limit = 100, offset = 0, ...filter } = query;
  const page = await listPractitioners(db, filter, limit, offset);
  return { ...page, items: page.items.map((p) => practitionerFor(request, p)), limit, offset };
}

/** Adds a practitioner to the panel (within the key's hubs), checked against the rules the schema cannot say. */
export async function addPractitioner(ctx: ChangeContext, body: CreatePractitionerBody) {
  const values = mergePractitioner(undefined, body);
  assertPanelScope(ctx.request, values);
  const { after } = await applyChange(ctx, {
    entity: 'practitioner',
    action: 'create',
    write: async (trx) => {
      await checkPractitioner(trx, values);
      return insertPractitioner(trx, values);
    },
    entityId: (practitioner) => practitioner.id,
    event: (practitioner) => practitionerChanged(practitioner, 'created'),
    etag: (practitioner) => practitioner.version,
  });
  return after;
}

/** Changes a practitioner; work their new facts rule out is taken off (and returned as uncovered shifts). */
export async function changePractitioner(ctx: ChangeContext, id: string, body: PatchPractitionerBody) {
  const applied = await applyChange(ctx, {
    entity: 'practitioner',
    action: 'update',
    ...ifMatch((trx) => lockPractitioner(trx, id, ctx.request)),
    write: async (trx, before) => {
      const values = mergePractitioner(before, body);
      assertPanelScope(ctx.request, values);
      await checkPractitioner(trx, values, id);
      return updatePractitioner(trx, id, values);
    },
    entityId: () => id,
    recheck: () => ({ practitionerIds: [id] }),
    event: (practitioner) => practitionerChanged(practitioner, 'updated'),
    etag: (practitioner) => practitioner.version,
  });
  return withUncovered(applied);
}

/** Archives a leaver: their work that has not ended is taken off; what they worked stays as history. */
export async function archive(ctx: ChangeContext, id: string): Promise<PractitionerDto> {
  const { after } = await applyChange(ctx, {
    entity: 'practitioner',
    action: 'archive',
    ...ifMatch((trx) => lockPractitioner(trx, id)),
    write: (trx) => archivePractitioner(trx, id),
    entityId: () => id,
    recheck: () => ({ practitionerIds: [id] }),
    event: (practitioner) => practitionerChanged(practitioner, 'archived'),
  });
  return after;
}
