import { Type, type Static } from 'typebox';
import { Code, IfMatchHeaders, Page, PageQuery, Uuid } from '../http/schemas.js';
import { withUncoveredShifts } from '../http/uncovered-shifts.js';
import { Gender, Kind, Practitioner, practitionerExample } from './practitioner-model.js';
import { PractitionerView } from './privacy.js';
import { PreferencesBody, preferencesExample } from './preferences.js';

export const PractitionerParams = Type.Object({ id: Uuid });

/** Every filter is optional. */
export const PractitionerQuery = Type.Partial(
  Type.Object({
    region: Code,
    specialism: Code,
    kind: Kind,
    hub: Code,
    grade: Type.String({ minLength: 1, maxLength: 20 }),
    gender: Gender,
    externalRef: Type.String({ minLength: 1, maxLength: 200 }),
    q: Type.String({ minLength: 1, maxLength: 100, description: 'Part of the name' }),
    includeArchived: Type.Boolean({ default: false }),
    ...PageQuery,
  }),
  { additionalProperties: false },
);
export type PractitionerQueryDto = Static<typeof PractitionerQuery>;
export const PractitionerPage = Page(PractitionerView, practitionerExample);

const CHANGED =
  'Shifts this change took the practitioner off because their work would now break a hard rule (a lost region or specialism, a lower limit of hours)';
export const PractitionerChanged = withUncoveredShifts([Practitioner], CHANGED, practitionerExample);

export const Archived = Type.Null({ description: 'Archived' });

const SAVED = 'Shifts a new hard preference (no nights, a weekday off) took the practitioner off';
export const SavedPreferences = withUncoveredShifts(
  [PreferencesBody, preferencesExample],
  SAVED,
  preferencesExample,
);

/** What setting preferences takes: whose, the If-Match of what was read, and the preferences whole. */
export const PreferencesInput = {
  params: PractitionerParams,
  headers: IfMatchHeaders,
  body: PreferencesBody,
};
