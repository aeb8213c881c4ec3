/* global document, window */
import { api, session } from './api.js';
import { ROLE_INFO } from './roles.js';
import { answer, clear, field, h, problem } from './ui.js';
import { rotaView } from './rota.js';
import { sicknessView } from './sickness.js';
import { osrView } from './osr.js';
import { panelView } from './panel.js';

const VIEWS = { rota: rotaView, sickness: sicknessView, osr: osrView, panel: panelView };
const TITLES = { rota: 'Rota', sickness: 'Sickness', osr: 'OSR', panel: 'Panel' };

const main = document.getElementById('main');
let leaveView = null;

/** Which role the key has, from the service itself. */
async function roleOf(key) {
  const me = await api.get('/v1/me', { key });
  if (!ROLE_INFO[me.role]) throw new Error(`Unknown role ${me.role}`);
  session.hubs = me.hubs ?? null;
  return me.role;
}

function signInView() {
  const out = h('div', { class: 'answer-region' });
  const key = h('input', {
    type: 'password',
    name: 'apiKey',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
  });
  const form = h(
    'form',
    {
      class: 'card narrow',
      onsubmit: async (event) => {
        event.preventDefault();
        const secret = key.value.trim();
        try {
          session.role = await roleOf(secret);
          session.key = secret;
          route();
        } catch (error) {
          problem(out, error);
          key.focus();
        }
      },
    },
    h('h1', {}, 'Sign in'),
    h(
      'p',
      {},
      'Type the API key you were given. It is kept in this browser tab only and forgotten when you close it.',
    ),
    field('API key', key),
    h('button', { type: 'submit' }, 'Sign in'),
    out,
  );
  clear(main, form);
  document.title = 'Sign in · Care rota console';
  key.focus();
}

function homeView() {
  const info = ROLE_INFO[session.role];
  clear(
    main,
    h(
      'section',
      { class: 'card' },
      h('h1', {}, `Signed in as ${info.label}`),
      h('p', {}, 'With this key you may:'),
      h(
        'ul',
        { class: 'may' },
        info.may.map((m) => h('li', {}, m)),
      ),
      h('p', {}, 'Choose Rota, Sickness, OSR or Panel above.'),
    ),
  );
}

function showChrome(signedIn) {
  document.getElementById('nav').hidden = !signedIn;
  document.getElementById('who').hidden = !signedIn;
  if (signedIn) {
    const info = ROLE_INFO[session.role];
    clear(document.getElementById('who-role'), 'Role: ', h('strong', {}, info.label));
  }
  const page = window.location.hash.replace(/^#\//, '');
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.getAttribute('href') === `#/${page}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function route() {
  if (leaveView) {
    leaveView();
    leaveView = null;
  }
  if (!session.key || !session.role) {
    showChrome(false);
    return signInView();
  }
  showChrome(true);
  const page = window.location.hash.replace(/^#\//, '');
  const view = VIEWS[page];
  if (!view) {
    document.title = 'Home · Care rota console';
    return homeView();
  }
  document.title = `${TITLES[page]} · Care rota console`;
  clear(main);
  leaveView = (await view(main)) || null;
  main.focus({ preventScroll: true });
}

document.getElementById('sign-out').addEventListener('click', () => {
  session.key = null;
  session.role = null;
  session.hubs = null;
  window.location.hash = '';
  route();
});
window.addEventListener('hashchange', route);

async function start() {
  if (session.key) {
    try {
      session.role = await roleOf(session.key);
    } catch (error) {
      session.key = null;
      showChrome(false);
      signInView();
      answer(
        main.querySelector('.answer-region'),
        'error',
        'Please sign in again',
        error.detail || error.message,
      );
      return;
    }
  }
  route();
}
start();
