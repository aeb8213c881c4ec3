import { Type } from 'typebox';
import { Code, Page, PageQuery, Uuid } from '../http/schemas.js';
import { Shift } from '../placements/shift-model.js';
import { Gender, Kind, Practitioner, practitionerExample } from './practitioner-model.js';
import { PractitionerView } from './privacy.js';
import { PreferencesBody, preferencesExample } from './preferences.js';

export const PractitionerParams = Type.Object({ id: Uuid });

export const PractitionerQuery = Type.Object(
  {
    region: Type.Optional(Code),
    specialism: Type.Optional(Code),
    kind: Type.Optional(Kind),
    hub: Type.Optional(Code),
    grade: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    gender: Type.Optional(Gender),
    externalRef: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Part of the name' })),
    includeArchived: Type.Optional(Type.Boolean({ default: false })),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export const PractitionerPage = Page(PractitionerView, practitionerExample);

export const PractitionerChanged = Type.Intersect(
  [
    Practitioner,
    Type.Object({
      uncoveredShifts: Type.Array(Shift, {
        description:
          'Shifts this change took the practitioner off because their work would now break a hard rule (a lost region or specialism, a lower limit of hours)',
      }),
    }),
  ],
  { examples: [{ ...practitionerExample, uncoveredShifts: [] }] },
);

export const Archived = Type.Null({ description: 'Archived' });

export const SavedPreferences = Type.Intersect(
  [
    PreferencesBody,
    preferencesExample,
    Type.Object({
      uncoveredShifts: Type.Array(Shift, {
        description: 'Shifts a new hard preference (no nights, a weekday off) took the practitioner off',
      }),
    }),
  ],
  { examples: [{ ...preferencesExample, uncoveredShifts: [] }] },
);
