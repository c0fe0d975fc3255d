// The two optional one-click outcome questions: "Did you take the next step you planned?" on a
// later visit, and "Did you contact the service we suggested?" later in the session or on a
// later visit after a handoff. The answer is stored on the conversation in which the step was
// planned or the service suggested (its random session id, kept in this browser only), never
// with anything that says who answered. Each question is shown once, then forgotten.
import { send } from "./api.js";
import { label } from "./i18n.js";
import { nextSteps } from "./saved.js";

const KEY = "suunta.outcomes";
export const LATER_MS = 30 * 60 * 1000; // asked no sooner than half an hour after
const FORGET_MS = 60 * 24 * 60 * 60 * 1000; // and not at all after two months
const QUESTIONS = {
  step: { field: "next_step_taken", answers: ["yes", "partly", "not_yet", "not_relevant"] },
  handoff: { field: "service_contacted", answers: ["yes", "not_yet", "not_relevant"] },
};

function storage() {
  try {
    return window.localStorage;
  } catch (_) {
    return null;
  }
}

function marks() {
  try {
    return JSON.parse((storage() && storage().getItem(KEY)) || "{}") || {};
  } catch (_) {
    return {};
  }
}

function keep(all) {
  const store = storage();
  if (!store) return;
  if (Object.keys(all).length) store.setItem(KEY, JSON.stringify(all));
  else store.removeItem(KEY);
}

function drop(kind) {
  const all = marks();
  delete all[kind];
  keep(all);
}

/** Forget the questions about one conversation (its learner deleted it, or it needed crisis
 * help). */
export function forgetOutcomes(sessionId) {
  const all = marks();
  for (const kind of Object.keys(all)) if (!all[kind] || all[kind].sid === sessionId) delete all[kind];
  keep(all);
}

/** Remember, after a finished reply, that a next step was planned or a person suggested. */
export function noteReply(reply, sessionId, crisis) {
  if (!sessionId) return;
  if (crisis) {
    forgetOutcomes(sessionId); // no survey questions about a conversation that needed crisis help
    return;
  }
  const all = marks();
  const now = Date.now();
  if (reply.kind === "handoff") all.handoff = { sid: sessionId, at: now };
  else if (reply.kind === "answer" && nextSteps(reply.answer).length) all.step = { sid: sessionId, at: now };
  else return;
  keep(all);
}

function card(kind, mark, place, done) {
  const { field, answers } = QUESTIONS[kind];
  const section = document.createElement("section");
  section.className = "card outcome";
  section.id = `outcome-${kind}`;
  const heading = label(document.createElement("h2"), `outcome_${kind}_q`);
  heading.id = `outcome-${kind}-q`;
  const hint = label(document.createElement("p"), "outcome_hint");
  hint.className = "hint";
  const group = document.createElement("div");
  group.className = "actions";
  group.setAttribute("role", "group");
  group.setAttribute("aria-labelledby", heading.id);
  section.setAttribute("aria-labelledby", heading.id);
  const close = (thanks) => {
    section.remove();
    done(thanks);
  };
  for (const answer of answers) {
    const button = label(document.createElement("button"), `outcome_${answer}`);
    button.type = "button";
    button.className = "secondary";
    button.dataset.answer = answer;
    button.addEventListener("click", async () => {
      close(true);
      try {
        await send("POST", `/api/session/${encodeURIComponent(mark.sid)}/profile`, { [field]: answer });
      } catch (_) {
        // Optional: a failure (a conversation deleted meanwhile) never gets in the way.
      }
    });
    group.append(button);
  }
  const skip = label(document.createElement("button"), "outcome_skip");
  skip.type = "button";
  skip.className = "secondary small";
  skip.dataset.action = "skip";
  skip.addEventListener("click", () => close(false));
  section.append(heading, hint, group, skip);
  place(section);
}

/**
 * Shows the questions that are due: the next step only on a later visit (another conversation
 * than the one that planned it), the contact also later in the same conversation.
 * `place(section)` puts a card on the page, `done(thanked)` runs after an answer or a skip.
 */
let timer = 0;

export function askDue(options) {
  const { sessionId, crisis, place, done } = options;
  if (crisis) return;
  const all = marks();
  const now = Date.now();
  for (const kind of Object.keys(QUESTIONS)) {
    const mark = all[kind];
    if (!mark || typeof mark.sid !== "string" || !/^[0-9a-f]{32}$/.test(mark.sid)) {
      if (mark) drop(kind);
      continue;
    }
    const age = now - Number(mark.at);
    if (!(age >= 0) || age > FORGET_MS) {
      drop(kind);
      continue;
    }
    if (age < LATER_MS && kind === "handoff" && mark.sid === sessionId && !timer) {
      // Later in the same conversation, also if no other question is asked meanwhile.
      timer = window.setTimeout(() => {
        timer = 0;
        askDue(options);
      }, LATER_MS - age + 1000);
    }
    if (age < LATER_MS || document.getElementById(`outcome-${kind}`)) continue;
    if (kind === "step" && mark.sid === sessionId) continue; // not the same visit
    drop(kind); // asked once: answered, skipped or left alone, it is not asked again
    card(kind, mark, place, done);
  }
}

const TAKEN_KEY = "suunta.handoffs-taken";

function takeHandoff(sessionId, how) {
  let taken = [];
  try {
    taken = JSON.parse(window.sessionStorage.getItem(TAKEN_KEY) || "[]");
  } catch (_) {
    taken = [];
  }
  if (!Array.isArray(taken)) taken = [];
  if (taken.includes(sessionId)) return;
  try {
    window.sessionStorage.setItem(TAKEN_KEY, JSON.stringify([...taken, sessionId].slice(-20)));
  } catch (_) {
    // No storage: the store keeps one flag a session anyway.
  }
  // keepalive: the request outlives the page when the link opens in this tab or a call starts.
  fetch(`/api/session/${encodeURIComponent(sessionId)}/profile`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ handoff_taken: how }),
    credentials: "same-origin",
    keepalive: true,
  }).catch(() => {
    // Optional, like the answers above: a failure never gets in the way.
  });
}

/**
 * A handoff taken: when the learner opens a service the handoff reply in `body` offered (a
 * click on its web address or phone number; not a citation), the conversation is marked once,
 * with `link` or `phone` only: never which service.
 */
export function watchHandoff(body, sessionId) {
  if (!sessionId || !/^[0-9a-f]{32}$/.test(sessionId)) return;
  for (const link of body.querySelectorAll("a[href]")) {
    if (link.classList.contains("cite")) continue;
    const how = link.protocol === "tel:" ? "phone" : "link";
    const report = () => takeHandoff(sessionId, how);
    link.addEventListener("click", report);
    link.addEventListener("auxclick", report);
  }
}
