// "Talk to a person": a small helper that asks age group and region (both optional) and lists
// the human services that fit. Everything happens in the browser: nothing is sent or stored.
import { label, lang, onChange, t } from "./i18n.js";

const $ = (id) => document.getElementById(id);

// Links by page language; phone numbers only where the fact sheet gives one (kela young).
const LINKS = {
  employment: { fi: "https://tyomarkkinatori.fi/", sv: "https://tyomarkkinatori.fi/sv", en: "https://tyomarkkinatori.fi/en" },
  ohjaamo: { fi: "https://ohjaamot.fi/", sv: "https://ohjaamot.fi/", en: "https://ohjaamot.fi/" },
  study: { fi: "https://opintopolku.fi/", sv: "https://opintopolku.fi/", en: "https://opintopolku.fi/" },
  osaamispolku: { fi: "https://osaamispolku.fi/", sv: "https://osaamispolku.fi/", en: "https://osaamispolku.fi/" },
  kela: { fi: "https://www.kela.fi/", sv: "https://www.kela.fi/", en: "https://www.kela.fi/en" },
};
const KELA_YOUNG_PHONE = "020692205";

function el(tag, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

/** The services that fit, best first: Ohjaamo only for under-30s (or, marked, when not said). */
export function servicesFor(age) {
  const common = ["employment", "study", "osaamispolku", "kela"];
  if (age === "young") return ["ohjaamo", ...common];
  if (age === "adult") return common;
  return [...common, "ohjaamo"];
}

function serviceItem(key, age, region) {
  const item = el("li", "service");
  item.dataset.service = key;
  const name = el("h4", "service-name");
  if (key === "employment" && region) {
    label(name, "svc_employment_region", { region: t(`region:${region}`) });
  } else {
    label(name, `svc_${key}`);
  }
  const text = label(el("p"), `svc_${key}_text`);
  item.append(name, text);
  if (key === "ohjaamo" && age !== "young") item.append(label(el("p", "hint"), "svc_ohjaamo_if_young"));
  if (key === "kela" && age === "young") {
    const call = el("a", "phone");
    call.href = `tel:${KELA_YOUNG_PHONE}`;
    call.textContent = "020 692 205";
    const line = el("p");
    line.append(label(el("span"), "svc_kela_young"), " ", call, " ", label(el("span"), "svc_kela_check"));
    item.append(line);
  }
  const url = LINKS[key][lang()] || LINKS[key].fi;
  const link = el("a", "service-link");
  link.href = url;
  link.target = "_blank";
  link.rel = "noopener noreferrer";
  const site = el("span");
  site.textContent = url.replace(/^https:\/\/(www\.)?/, "").replace(/\/$/, "");
  link.append(site, " ", label(el("span", "visually-hidden"), "opens_new_tab"));
  item.append(link);
  return item;
}

function showServices(move = true) {
  const form = $("person-form");
  const age = (form.querySelector("input[name=age]:checked") || {}).value || "";
  const region = $("person-region").value;
  const list = $("person-list");
  list.replaceChildren(...servicesFor(age).map((key) => serviceItem(key, age, region)));
  const section = $("person-services");
  section.hidden = false;
  if (move) section.focus();
}

/** Opens the helper (a modal dialog); focus returns to the opener when it closes. */
export function openPerson() {
  const dialog = $("person");
  if (!dialog.open) dialog.showModal();
  $("person-title").focus();
}

/** Wires the helper's form and buttons once. */
export function wirePerson() {
  const dialog = $("person");
  $("person-title").tabIndex = -1;
  $("person-form").addEventListener("submit", (event) => {
    event.preventDefault(); // method="dialog" would close it
    showServices();
  });
  $("person-close").addEventListener("click", () => dialog.close());
  // The links follow the page language, so the list is drawn again after a switch.
  onChange(() => {
    if (!$("person-services").hidden) showServices(false);
  });
  // A click on the backdrop (outside the box) closes it too.
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
}

/** A small "Would you like to ask a person?" offer under a refusal or a no-answer reply. */
export function personOffer() {
  const box = el("div", "person-offer");
  const text = label(el("span"), "offer_person");
  const button = label(el("button", "person-button small"), "talk_to_person");
  button.type = "button";
  button.addEventListener("click", openPerson);
  box.append(text, " ", button);
  return box;
}
