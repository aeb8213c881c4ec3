import type { Migration } from 'kysely/migration';
import * as foundation from './20261123_001_foundation.js';
import * as placements from './20261123_002_placements.js';
import * as osr from './20261123_003_osr.js';
import * as sickness from './20261123_004_sickness.js';
import * as rulesKept from './20261129_005_rules_kept.js';
import * as placementReviews from './20261129_006_placement_reviews.js';
import * as osrAlerts from './20261129_010_osr_alerts.js';
import * as access from './20261129_011_access.js';
import * as osrSoftDelete from './20261129_012_osr_unavailable_soft_delete.js';
import * as preferences from './20261129_013_preferences.js';
import * as interventionOutcomes from './20261129_030_intervention_outcomes.js';
import * as capHistory from './20261129_031_cap_history.js';
import * as shiftStartIndex from './20261129_040_shift_start_index.js';
import * as webhooks from './20261129_020_webhooks.js';
import * as calendarLinks from './20261129_021_calendar_links.js';
import * as externalRefs from './20261129_022_external_refs_unique.js';
import * as careRotaRules from './20261130_050_care_rota_rules.js';

// A static list rather than a folder scan: it works the same under tsx, vitest and compiled JS.
export const migrations: Record<string, Migration> = {
  '20261123_001_foundation': foundation,
  '20261123_002_placements': placements,
  '20261123_003_osr': osr,
  '20261123_004_sickness': sickness,
  '20261129_005_rules_kept': rulesKept,
  '20261129_006_placement_reviews': placementReviews,
  '20261129_010_osr_alerts': osrAlerts,
  '20261129_011_access': access,
  '20261129_012_osr_unavailable_soft_delete': osrSoftDelete,
  '20261129_013_preferences': preferences,
  '20261129_030_intervention_outcomes': interventionOutcomes,
  '20261129_031_cap_history': capHistory,
  '20261129_040_shift_start_index': shiftStartIndex,
  '20261129_020_webhooks': webhooks,
  '20261129_021_calendar_links': calendarLinks,
  '20261129_022_external_refs_unique': externalRefs,
  '20261130_050_care_rota_rules': careRotaRules,
};
