// @ts-check
import { api, session } from './api.js';

/** @typedef {import('../api-types').AccessDocument} AccessDocument */

/**
 * Who may do what, as the service says: GET /console/access.json is made from src/http/permissions.ts,
 * the one permission table, so the console never keeps a copy of role lists. Screens ask `can(op)` with
 * the table's own keys ('METHOD /v1/path'); an operation the service does not have is never offered.
 */
/** @type {AccessDocument} */
let doc = { roles: [], operations: {} };

export async function loadAccess() {
  doc = await api.get('/console/access.json', { key: null });
}

/** The role in words, e.g. "Sessional coordinator". @param {string | null} role */
export const roleLabel = (role) => doc.roles.find((r) => r.role === role)?.label ?? role ?? '';

/**
 * Whether the signed-in key may call this operation; with a hub, also whether the key's hubs (GET /v1/me)
 * cover it.
 * @param {string} op e.g. 'POST /v1/placements'
 * @param {string | null} [hub]
 */
export function can(op, hub) {
  const allowed = doc.operations[op]?.roles.includes(session.role ?? '') ?? false;
  if (!allowed || hub === undefined || session.hubs === null) return allowed;
  return hub !== null && session.hubs.includes(hub);
}

/** Whether the service has this operation at all (for features that other changes add). @param {string} op */
export const exists = (op) => op in doc.operations;

/**
 * Whether the key may change this practitioner: a key narrowed to hubs reaches only the 0-19 staff of its
 * hubs (the scope the permission table states for the panel).
 * @param {string} op
 * @param {{ kind: string, hub: string | null }} p
 */
export function canOnPractitioner(op, p) {
  if (!can(op)) return false;
  return (
    session.hubs === null || (p.kind === 'zero_nineteen' && p.hub !== null && session.hubs.includes(p.hub))
  );
}
