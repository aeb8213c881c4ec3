// @ts-check

/**
 * Shows a screen in the page: its title as the heading, then what it is made of.
 * @typedef {(...children: import('./ui.js').Child[]) => void} Draw
 */

/**
 * One screen of the console: where it lives (#/path), what it reads (it is shown when the key may), the
 * actions it offers in words, and how it draws itself (returning, optionally, what to do on leaving).
 * @typedef {{
 *   path: string,
 *   title: string,
 *   reads: string,
 *   actions: { op: string, words: string }[],
 *   render: (draw: Draw) => Promise<void | (() => void)>,
 * }} Screen
 */

/**
 * A screen from its place, its title, the operation it reads and its actions, each an operation of the
 * permission table ('METHOD /v1/path') with what it lets the person do, in words for the home page.
 * @param {string} path
 * @param {string} title
 * @param {string} reads
 * @param {Screen['render']} render
 * @param {Record<string, string>} [actions]
 * @returns {Screen}
 */
export const screen = (path, title, reads, render, actions = {}) => ({
  path,
  title,
  reads,
  actions: Object.entries(actions).map(([op, words]) => ({ op, words })),
  render,
});
