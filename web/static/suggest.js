// Starter questions for an empty chat, and one or two follow-ups after an answer, taken from
// the answer cards of the answer's article (GET /api/suggestions).
import { getJSON } from "./api.js";
import { label } from "./i18n.js";

const MAX_FOLLOW_UPS = 2;

function el(tag, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

/** Wires the starter buttons to `ask`; they are shown while the conversation is empty. */
export function wireStarters(section, ask, empty) {
  section.hidden = !empty;
  for (const button of section.querySelectorAll("button.suggestion")) {
    button.addEventListener("click", () => ask(button.textContent));
  }
}

const normal = (text) => String(text).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/** Appends follow-up questions under the reply in `container`; quiet when there are none. */
export async function addFollowUps(container, reply, question, ask) {
  const article = reply.kind === "answer" && reply.sources.length ? reply.sources[0].id : "";
  if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(article)) return; // ESCO URIs and the like: no cards
  let questions = [];
  try {
    const params = new URLSearchParams({ article, language: reply.language });
    questions = (await getJSON(`/api/suggestions?${params}`)).questions || [];
  } catch (_) {
    return; // suggestions are a help, never an error the learner has to see
  }
  const asked = normal(question);
  questions = questions.filter((q) => normal(q) !== asked).slice(0, MAX_FOLLOW_UPS);
  if (!questions.length) return;
  const box = el("div", "follow-ups");
  const title = label(el("p", "suggest-title"), "follow_ups_title");
  const list = el("ul", "suggestions");
  for (const text of questions) {
    const item = el("li");
    const button = el("button", "secondary small suggestion");
    button.type = "button";
    button.lang = reply.language;
    button.textContent = text;
    button.addEventListener("click", () => ask(text));
    item.append(button);
    list.append(item);
  }
  box.append(title, list);
  const feedback = container.querySelector(".feedback");
  container.insertBefore(box, feedback);
}
