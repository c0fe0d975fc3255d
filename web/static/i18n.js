// The interface language: fi, sv or en; remembered in localStorage, first guess from the browser.
const STRINGS = JSON.parse(document.getElementById("i18n").textContent);
const KEY = "suunta.lang";
const listeners = [];
let current = document.documentElement.lang in STRINGS ? document.documentElement.lang : "fi";

function stored() {
  try {
    return localStorage.getItem(KEY);
  } catch (_) {
    return null; // storage can be blocked; the page still works
  }
}

function fromBrowser() {
  for (const tag of navigator.languages || [navigator.language || ""]) {
    const code = String(tag).slice(0, 2).toLowerCase();
    if (code in STRINGS) return code;
  }
  return null;
}

/** The current interface language. */
export function lang() {
  return current;
}

/** The string `key` in the current language, with {name} placeholders filled from `args`. */
export function t(key, args) {
  const table = STRINGS[current] || STRINGS.fi;
  let text = table[key] ?? STRINGS.en[key] ?? key;
  if (args) {
    for (const [name, value] of Object.entries(args)) text = text.replaceAll(`{${name}}`, String(value));
  }
  return text;
}

/** Marks `el` as showing string `key`, so a language switch relabels it, and labels it now. */
export function label(el, key, args) {
  el.dataset.i18n = key;
  if (args) el.dataset.i18nArgs = JSON.stringify(args);
  el.textContent = t(key, args);
  return el;
}

/** Calls `fn(language)` after every language switch. */
export function onChange(fn) {
  listeners.push(fn);
}

/** Switches the interface to `code` and remembers the choice. */
export function setLanguage(code, remember = true) {
  if (!(code in STRINGS)) return;
  current = code;
  document.documentElement.lang = code;
  for (const el of document.querySelectorAll("[data-i18n]")) {
    const args = el.dataset.i18nArgs ? JSON.parse(el.dataset.i18nArgs) : undefined;
    el.textContent = t(el.dataset.i18n, args);
  }
  for (const el of document.querySelectorAll("[data-i18n-label]")) {
    el.setAttribute("label", t(el.dataset.i18nLabel));
  }
  for (const el of document.querySelectorAll("[data-i18n-aria-label]")) {
    el.setAttribute("aria-label", t(el.dataset.i18nAriaLabel));
  }
  for (const button of document.querySelectorAll(".lang-button")) {
    button.setAttribute("aria-pressed", String(button.dataset.lang === code));
  }
  if (remember) {
    try {
      localStorage.setItem(KEY, code);
    } catch (_) {
      /* not remembered, still switched */
    }
  }
  for (const fn of listeners) fn(code);
}

/** Wires the language buttons and applies the remembered or browser language. */
export function init() {
  for (const button of document.querySelectorAll(".lang-button")) {
    button.addEventListener("click", () => setLanguage(button.dataset.lang));
  }
  // A link that names its language (?lang=sv) wins, and is remembered like a click.
  const asked = new URLSearchParams(window.location.search).get("lang");
  if (asked && asked in STRINGS) {
    setLanguage(asked);
    return;
  }
  const preferred = stored() || fromBrowser();
  if (preferred && preferred in STRINGS && preferred !== current) setLanguage(preferred, false);
}

/** The string `key` in every language (e.g. to recognise a heading in any of them). */
export function everyLanguage(key) {
  return Object.values(STRINGS).map((table) => table[key]).filter(Boolean);
}
