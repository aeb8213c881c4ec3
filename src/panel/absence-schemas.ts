import { Type, type Static } from 'typebox';
import { LocalDate, Page, PageQuery, Uuid } from '../http/schemas.js';
import { withUncoveredShifts } from '../http/uncovered-shifts.js';
import { Absence, absenceExample, AbsenceKind } from './absence-model.js';

export const IdParams = Type.Object({ id: Uuid });

export const AbsenceQuery = Type.Object(
  {
    from: Type.Optional(LocalDate),
    to: Type.Optional(LocalDate),
    practitioner: Type.Optional(Uuid),
    kind: Type.Optional(AbsenceKind),
    open: Type.Optional(Type.Boolean({ description: 'Only open-ended (true) or only closed (false)' })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type AbsenceQueryDto = Static<typeof AbsenceQuery>;
export const AbsencePage = Page(Absence, absenceExample);

const TOOK_OFF = 'The shifts this absence took the practitioner off, at once';
export const CreatedAbsence = withUncoveredShifts([Absence], TOOK_OFF, absenceExample);

export const Deleted = Type.Null({ description: 'Deleted' });
