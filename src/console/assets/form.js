// @ts-check
/* global console */
import { ApiError } from './api.js';
import { answer, clear, h, problem, secondaryButton } from './ui.js';

/** @typedef {import('./ui.js').Child} Child */

/**
 * What an action says when it worked: a title, a sentence, and anything more to show (null: say nothing).
 * @typedef {{ title: string, detail?: string | null, extra?: Child } | null | undefined | void} Outcome
 */

/**
 * What a refusal means for the person, beyond the service's own words (e.g. "use the 0-19 Request Form").
 * @typedef {(error: ApiError) => Child} Hint
 */

/** Input the person can fix before anything is sent (shown like the service's refusals, not logged). */
export class InputError extends Error {
  /** @param {string} title @param {string} detail */
  constructor(title, detail) {
    super(detail);
    this.title = title;
    this.detail = detail;
  }
}

/** @type {Hint} */
const staleHint = (error) =>
  error.status === 412
    ? h('p', {}, 'Someone changed this after you opened it, so nothing was saved. Show it again and retry.')
    : null;

/**
 * The one sequence every action runs: say it is working, call the service, then show its answer or its
 * problem (with a hint for the person) in the answer region. The button is disabled while it runs.
 * @param {HTMLElement} out the answer region
 * @param {() => Promise<Outcome>} run
 * @param {{ button?: HTMLButtonElement | null, hint?: Hint }} [options]
 * @returns {Promise<boolean>} whether it worked
 */
export async function attempt(out, run, options = {}) {
  const { button, hint } = options;
  if (button) button.disabled = true;
  clear(out);
  out.setAttribute('aria-busy', 'true');
  try {
    const outcome = await run();
    if (outcome) answer(out, 'ok', outcome.title, outcome.detail ?? null, outcome.extra ?? null);
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') return false;
    // A fault of the console itself is logged as well, so it never hides behind a polite message.
    if (!(error instanceof ApiError || error instanceof InputError)) console.error(error);
    const more = error instanceof ApiError ? [staleHint(error), hint ? hint(error) : null] : null;
    problem(out, error, more);
    return false;
  } finally {
    out.removeAttribute('aria-busy');
    if (button && button.isConnected) button.disabled = false;
  }
}

/** An empty answer region (role set when something is said). @param {string} [id] */
export const answerRegion = (id) => h('div', { class: 'answer-region', id });

/**
 * A form that runs `run` through attempt() when submitted. Its answer shows in `out` (given, or its own
 * region at its end), so a screen can re-draw around it without losing what the service said.
 * @param {{
 *   heading?: string,
 *   headingLevel?: 'h2' | 'h3',
 *   controls: Child,
 *   submit: string,
 *   run: (form: HTMLFormElement) => Promise<Outcome>,
 *   out?: HTMLElement,
 *   hint?: Hint,
 *   id?: string,
 *   className?: string,
 * }} spec
 */
export function actionForm(spec) {
  const out = spec.out ?? answerRegion();
  const button = h('button', { type: 'submit' }, spec.submit);
  /** @type {HTMLFormElement} */
  const form = h(
    'form',
    {
      class: spec.className ?? 'card',
      id: spec.id,
      onsubmit: (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        void attempt(out, () => spec.run(form), { button, hint: spec.hint });
      },
    },
    spec.heading ? h(spec.headingLevel ?? 'h3', {}, spec.heading) : null,
    spec.controls,
    button,
    spec.out ? null : out,
  );
  return form;
}

/**
 * A button that runs `run` through attempt(), answering in `out`.
 * @param {string} label
 * @param {HTMLElement} out
 * @param {() => Promise<Outcome>} run
 * @param {{ hint?: Hint, secondary?: boolean, id?: string }} [options]
 */
export function actionButton(label, out, run, options = {}) {
  /** @type {HTMLButtonElement} */
  const button = h(
    'button',
    {
      type: 'button',
      class: options.secondary ? 'secondary' : undefined,
      id: options.id,
      onclick: () => void attempt(out, run, { button, hint: options.hint }),
    },
    label,
  );
  return button;
}

/**
 * A button that asks once more before it acts ("Archive" then "Yes, archive Wendy Hughes"), for actions
 * that cannot be undone from the console.
 * @param {string} label
 * @param {string} confirmLabel
 * @param {HTMLElement} out
 * @param {() => Promise<Outcome>} run
 */
export function confirmButton(label, confirmLabel, out, run) {
  const holder = h('span', { class: 'confirm' });
  const ask = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: () => {
        const yes = actionButton(confirmLabel, out, run);
        const no = secondaryButton('Keep it', () => clear(holder, ask));
        clear(holder, yes, ' ', no);
        yes.focus();
      },
    },
    label,
  );
  return clear(holder, ask);
}

/**
 * The trimmed value of a named control of a form ('' when it has none).
 * @param {HTMLFormElement} form
 * @param {string} name
 */
export function value(form, name) {
  const el = form.elements.namedItem(name);
  return el && 'value' in el ? String(el.value).trim() : '';
}

/**
 * The checked values of a group of checkboxes sharing a name.
 * @param {HTMLFormElement} form
 * @param {string} name
 */
export function checked(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map(
    (el) => /** @type {HTMLInputElement} */ (el).value,
  );
}
