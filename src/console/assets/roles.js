import { session } from './api.js';

/** What each role may do, in words, as the API's access rules allow it. */
export const ROLE_INFO = {
  admin: {
    label: 'Admin',
    may: [
      'everything below, plus API keys and the audit log',
      'build, adjust and publish the 24/7 rota',
      'report sickness and accept cover plans',
      'generate the OSR rota, override lead responders and book cases',
    ],
  },
  coordinator: {
    label: 'Sessional coordinator',
    may: [
      'build rota runs, publish them, assign, unassign and lock shifts',
      'report sickness, ask for and accept cover plans, record returns to work',
      'generate OSR lead-responder weeks',
      'manage the panel; read hours and absences',
    ],
  },
  cover: {
    label: 'Admin team (sickness cover)',
    may: [
      'read the rota and the candidates for a shift',
      'report sickness, ask for and accept cover plans, record returns to work',
      'read the OSR rota, the panel, hours and absences',
    ],
  },
  hub_manager: {
    label: '0-19 hub team manager',
    may: [
      'override a week’s lead responder with a reason',
      'record absences and returns to work',
      'read the rota, the OSR weeks and bookings, the panel, hours and absences',
    ],
  },
  social_worker: {
    label: 'Duty social worker',
    may: ['book OSR consultations and joint visits', 'read the OSR rota and the panel'],
  },
  viewer: { label: 'Read-only viewer', may: ['read the rota, OSR weeks, the panel, hours and absences'] },
};

/** Which roles may do what (mirrors each route's access rule); controls are shown only when allowed. */
const CAN = {
  readRota: ['admin', 'coordinator', 'cover', 'hub_manager', 'viewer'],
  editRota: ['admin', 'coordinator'],
  candidates: ['admin', 'coordinator', 'cover'],
  resilience: ['admin', 'coordinator', 'cover', 'viewer'],
  readRuns: ['admin', 'coordinator', 'cover', 'viewer'],
  recordAbsence: ['admin', 'coordinator', 'cover', 'hub_manager'],
  readAbsences: ['admin', 'coordinator', 'cover', 'hub_manager', 'viewer'],
  coverPlans: ['admin', 'coordinator', 'cover'],
  generateOsr: ['admin', 'coordinator', 'hub_manager'],
  overrideOsr: ['admin', 'hub_manager'],
  book: ['admin', 'social_worker'],
  hours: ['admin', 'coordinator', 'cover', 'hub_manager', 'viewer'],
};
/** Whether the signed-in key may do this; with a hub, also whether its scope (GET /v1/me `hubs`) covers it. */
export const can = (what, hub) =>
  Boolean(session.role && CAN[what].includes(session.role)) &&
  (hub === undefined || session.hubs === null || session.hubs.includes(hub));
