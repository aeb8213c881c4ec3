// @ts-check
/* global console, document, window */
import { api, ApiError, session } from './api.js';
import { can, loadAccess, roleLabel } from './access.js';
import { actionForm, answerRegion, value } from './form.js';
import { answer, clear, field, h, problem } from './ui.js';
import { boardScreen } from './board.js';
import { runsScreen } from './runs.js';
import { placementsScreen } from './placements.js';
import { sicknessScreen } from './sickness.js';
import { standbyScreen } from './standby.js';
import { panelScreen } from './panel.js';
import { osrWeekScreen } from './osr.js';
import { osrRotaScreen } from './osr-rota.js';
import { interventionsScreen } from './interventions.js';
import { datScreen } from './dat.js';
import { reviewScreen } from './review.js';

/** @typedef {import('./screen.js').Screen} Screen */

/** @type {Screen[]} */
const SCREENS = [
  boardScreen,
  runsScreen,
  placementsScreen,
  sicknessScreen,
  standbyScreen,
  panelScreen,
  osrWeekScreen,
  osrRotaScreen,
  interventionsScreen,
  datScreen,
  reviewScreen,
];

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const nav = /** @type {HTMLElement} */ (document.getElementById('nav'));
const who = /** @type {HTMLElement} */ (document.getElementById('who'));
/** @type {(() => void) | null} */
let leaveScreen = null;

const screens = () => SCREENS.filter((s) => can(s.reads));

/** Which role the key has, from the service itself. @param {string} key */
async function roleOf(key) {
  const me = await api.get('/v1/me', { key });
  session.hubs = me.hubs ?? null;
  return /** @type {string} */ (me.role);
}

function signInView() {
  const out = answerRegion();
  const form = actionForm({
    className: 'card narrow',
    heading: 'Sign in',
    headingLevel: 'h2',
    controls: [
      h(
        'p',
        {},
        'Type the API key you were given. It is kept in this browser tab only and forgotten when you close it.',
      ),
      field(
        'API key',
        h('input', {
          type: 'password',
          name: 'apiKey',
          autocomplete: 'off',
          spellcheck: 'false',
          required: true,
        }),
      ),
    ],
    submit: 'Sign in',
    out,
    run: async (f) => {
      const secret = value(f, 'apiKey');
      session.role = await roleOf(secret);
      session.key = secret;
      void route();
    },
  });
  clear(main, h('h1', {}, 'Care rota console'), form, out);
  document.title = 'Sign in · Care rota console';
  form.querySelector('input')?.focus();
  return out;
}

function homeView() {
  const may = screens().flatMap((s) => s.actions.filter((a) => can(a.op)).map((a) => a.words));
  clear(
    main,
    h(
      'section',
      { class: 'card' },
      h('h1', {}, `Signed in as ${roleLabel(session.role)}`),
      session.hubs ? h('p', {}, `For the hubs: ${session.hubs.join(', ')}.`) : null,
      h(
        'p',
        {},
        may.length ? 'With this key you may:' : 'This key may read what the screens show, not change it.',
      ),
      may.length
        ? h(
            'ul',
            { class: 'may' },
            may.map((m) => h('li', {}, m)),
          )
        : null,
      h('p', {}, 'Choose a screen:'),
      h(
        'ul',
        { class: 'screens' },
        screens().map((s) => h('li', {}, h('a', { href: `#/${s.path}` }, s.title))),
      ),
    ),
  );
}

/** @param {boolean} signedIn */
function showChrome(signedIn) {
  nav.hidden = !signedIn;
  who.hidden = !signedIn;
  const page = window.location.hash.replace(/^#\//, '');
  if (signedIn) {
    clear(
      /** @type {HTMLElement} */ (document.getElementById('who-role')),
      'Role: ',
      h('strong', {}, roleLabel(session.role)),
    );
    clear(
      nav,
      h(
        'ul',
        {},
        screens().map((s) =>
          h(
            'li',
            {},
            h('a', { href: `#/${s.path}`, 'aria-current': s.path === page ? 'page' : undefined }, s.title),
          ),
        ),
      ),
    );
  }
}

async function route() {
  if (leaveScreen) {
    leaveScreen();
    leaveScreen = null;
  }
  if (!session.key || !session.role) {
    showChrome(false);
    signInView();
    return;
  }
  showChrome(true);
  const page = window.location.hash.replace(/^#\//, '');
  const screen = screens().find((s) => s.path === page);
  if (!screen) {
    document.title = 'Home · Care rota console';
    return homeView();
  }
  document.title = `${screen.title} · Care rota console`;
  clear(main, h('p', { role: 'status' }, 'Loading…'));
  const out = answerRegion();
  /** @type {import('./screen.js').Draw} */
  const draw = (...children) => void clear(main, h('h1', {}, screen.title), children);
  try {
    leaveScreen = (await screen.render(draw)) || null;
  } catch (error) {
    // A screen that cannot load says why rather than leaving a blank page (and logs its own faults).
    if (!(error instanceof ApiError)) console.error(error);
    draw(out);
    problem(out, error);
  }
  main.focus({ preventScroll: true });
}

/** @type {HTMLElement} */ (document.getElementById('sign-out')).addEventListener('click', () => {
  session.key = null;
  session.role = null;
  session.hubs = null;
  window.location.hash = '';
  void route();
});
window.addEventListener('hashchange', () => void route());

async function start() {
  await loadAccess();
  if (session.key) {
    try {
      session.role = await roleOf(session.key);
    } catch (error) {
      session.key = null;
      showChrome(false);
      const out = signInView();
      const e = /** @type {{ detail?: string, message?: string }} */ (error);
      answer(out, 'error', 'Please sign in again', e.detail || e.message);
      return;
    }
  }
  await route();
}
void start();
