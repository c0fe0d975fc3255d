// The learner chat: streamed, cited answers; feedback; the optional questions; privacy controls.
import { ApiError, chat, send } from "./api.js";
import { feedbackWidget } from "./feedback.js";
import { init, label, onChange, t } from "./i18n.js";
import { askDue, forgetOutcomes, noteReply, watchHandoff } from "./outcome.js";
import { openPerson, personOffer, wirePerson } from "./person.js";
import { plainText, renderPartial, renderReply, replyShell } from "./reply.js";
import { wireSaved } from "./saved.js";
import { addFollowUps, wireStarters } from "./suggest.js";

const $ = (id) => document.getElementById(id);
const log = $("log");
const form = $("ask");
const input = $("message");
const sendButton = $("send");
const announcer = $("announcer");
const MAX_CHARS = Number(input.dataset.max) || 2000; // the API's limit (ChatRequest.message)
const ORG = form.dataset.org || ""; // the organisation whose door this is (/?org=, /embed/)
const KEYS = {
  session: "suunta.session",
  history: "suunta.history",
  clarity: "suunta.clarityStart",
  reach: "suunta.reachAsked",
  visitor: "suunta.visitor", // only when the learner agreed to have return visits counted
};

function storage(kind) {
  try {
    return kind === "local" ? window.localStorage : window.sessionStorage;
  } catch (_) {
    return null;
  }
}
const tab = storage("session");
const browser = storage("local");
const read = (store, key) => (store ? store.getItem(key) : null);
const write = (store, key, value) => store && store.setItem(key, value);

let sessionId = read(tab, KEYS.session);
let history = JSON.parse(read(tab, KEYS.history) || "[]");
let pendingProfile = {};
let busy = false;

function announce(text) {
  announcer.textContent = "";
  // A separate task, so the same text twice is still announced.
  setTimeout(() => (announcer.textContent = text), 50);
}

async function sendProfile(fields) {
  Object.assign(pendingProfile, fields);
  if (!sessionId || !Object.keys(pendingProfile).length) return;
  const body = pendingProfile;
  pendingProfile = {};
  try {
    await send("POST", `/api/session/${encodeURIComponent(sessionId)}/profile`, body);
  } catch (_) {
    // Optional answers: a failure here must never get in the learner's way.
  }
}

function questionBubble(text) {
  const bubble = document.createElement("div");
  bubble.className = "question";
  const who = label(document.createElement("p"), "you");
  who.className = "who";
  const body = document.createElement("p");
  body.textContent = text;
  bubble.append(who, body);
  return bubble;
}

function turn(question) {
  const article = document.createElement("article");
  article.className = "turn";
  article.append(questionBubble(question));
  log.append(article);
  return article;
}

// What follows a finished reply: nothing after a crisis reply (no ratings, no survey); an offer
// of a person after a refusal or a "not covered"; feedback, "report a wrong answer" and
// follow-up questions after the rest.
function decorate(shell, reply, question, followUps) {
  if (reply.kind === "crisis") return;
  if (reply.kind === "handoff") watchHandoff(shell.body, reply.session_id || sessionId);
  if (reply.kind === "no_answer" || reply.kind === "out_of_scope") shell.container.append(personOffer());
  shell.container.append(feedbackWidget(reply.message_id));
  if (followUps) addFollowUps(shell.container, reply, question, (text) => ask(text));
}

function restore() {
  history.forEach((item, n) => {
    const article = turn(item.question);
    const shell = replyShell();
    renderReply(shell, item.reply);
    decorate(shell, item.reply, item.question, n === history.length - 1);
    article.append(shell.container);
  });
}

async function ask(question, language) {
  if (busy || !question) return;
  busy = true;
  sendButton.setAttribute("aria-disabled", "true");
  $("clarity-start").hidden = true;
  $("starters").hidden = true;
  // A suggestion button that was clicked may disappear: keep the focus in the question box.
  if (document.activeElement && document.activeElement.closest(".suggestions")) input.focus();
  const article = turn(question);
  const shell = replyShell();
  shell.container.setAttribute("aria-busy", "true");
  const status = label(document.createElement("p"), "thinking");
  status.className = "thinking";
  shell.body.append(status);
  article.append(shell.container);
  announce(t("thinking"));
  article.scrollIntoView({ block: "nearest" });
  let text = "";
  try {
    const body = { message: question };
    if (sessionId) body.session_id = sessionId;
    if (language) body.language = language;
    const visitor = read(browser, KEYS.visitor);
    if (visitor) body.user_id = visitor;
    if (ORG) body.org_id = ORG;
    const reply = await chat(body, (piece, whole) => {
      text = whole ? piece : text + piece;
      renderPartial(shell, text);
    });
    shell.body.replaceChildren();
    shell.container.removeAttribute("aria-busy");
    renderReply(shell, reply);
    decorate(shell, reply, question, true);
    // The newest answer from its start, below the sticky header; the box stays at the bottom.
    article.scrollIntoView({ block: "start" });
    sessionId = reply.session_id;
    write(tab, KEYS.session, sessionId);
    history.push({ question, reply });
    write(tab, KEYS.history, JSON.stringify(history));
    if (reply.kind !== "crisis") announce(`${t("new_answer")} ${plainText(reply.answer)}`);
    await sendProfile({});
    // No survey questions in a conversation that needed crisis help, not even in later replies.
    const crisis = history.some((turn) => turn.reply.kind === "crisis");
    if (!read(browser, KEYS.reach) && !crisis) $("reach").hidden = false;
    noteReply(reply, sessionId, crisis);
    outcomes();
  } catch (error) {
    shell.container.removeAttribute("aria-busy");
    const message = document.createElement("p");
    message.className = "error";
    message.setAttribute("role", "alert");
    const limited = error instanceof ApiError && error.status === 429;
    label(message, limited ? "error_rate" : "error_generic", { seconds: (error && error.retryAfter) || 60 });
    shell.body.replaceChildren(message);
    // The question was not answered: give it back, so that it can be sent again as it is.
    if (!input.value.trim()) input.value = question;
  } finally {
    busy = false;
    sendButton.removeAttribute("aria-disabled");
  }
}

function wireClarity(section, field) {
  const clarityForm = section.querySelector("form");
  clarityForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const picked = clarityForm.querySelector("input[name=clarity]:checked");
    if (!picked) return;
    if (field === "clarity_start") write(tab, KEYS.clarity, picked.value);
    sendProfile({ [field]: Number(picked.value) });
    section.hidden = true;
    announce(t("clarity_thanks"));
    input.focus();
  });
  clarityForm.querySelector("[data-action=skip]").addEventListener("click", () => {
    if (field === "clarity_start") write(tab, KEYS.clarity, "skipped");
    section.hidden = true;
    input.focus();
  });
}

function wireReach() {
  const section = $("reach");
  const reachForm = $("reach-form");
  const done = () => {
    write(browser, KEYS.reach, "1");
    section.hidden = true;
    input.focus();
  };
  reachForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const fields = {};
    for (const select of reachForm.querySelectorAll("select")) if (select.value) fields[select.name] = select.value;
    if ($("reach-remember").checked && !read(browser, KEYS.visitor)) {
      // A random code and nothing else: 128 bits from the browser's CSPRNG, as hex.
      const bytes = crypto.getRandomValues(new Uint8Array(16));
      write(browser, KEYS.visitor, Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(""));
    }
    sendProfile(fields);
    announce(t("clarity_thanks"));
    done();
  });
  reachForm.querySelector("[data-action=skip]").addEventListener("click", done);
}

// The one-click outcome questions that are due, above the conversation (outcome.js).
function outcomes() {
  askDue({
    sessionId,
    crisis: history.some((turn) => turn.reply.kind === "crisis"),
    place: (section) => log.before(section),
    done: (thanked) => {
      if (thanked) announce(t("clarity_thanks"));
      input.focus();
    },
  });
}

function wireDelete() {
  const confirmBox = $("delete-confirm");
  $("delete").addEventListener("click", () => {
    confirmBox.hidden = false;
    $("delete-yes").focus();
  });
  $("delete-no").addEventListener("click", () => {
    confirmBox.hidden = true;
    $("delete").focus();
  });
  $("delete-yes").addEventListener("click", async () => {
    if (sessionId) {
      try {
        await send("DELETE", `/api/session/${encodeURIComponent(sessionId)}`);
      } catch (_) {
        // Nothing stored yet (or already gone): the local copy is cleared all the same.
      }
    }
    forgetOutcomes(sessionId);
    sessionId = null;
    history = [];
    pendingProfile = {};
    $("saved").hidden = true;
    for (const key of [KEYS.session, KEYS.history, KEYS.clarity]) tab && tab.removeItem(key);
    for (const node of document.querySelectorAll(".outcome")) node.remove();
    browser && browser.removeItem(KEYS.visitor);
    for (const node of log.querySelectorAll(".turn")) node.remove();
    confirmBox.hidden = true;
    $("reach").hidden = true;
    $("clarity-end").hidden = true;
    announce(t("deleted"));
    const note = label(document.createElement("p"), "deleted");
    note.className = "notice turn";
    log.append(note);
    input.focus();
  });
}

function checkLength() {
  const length = input.value.length;
  const counter = $("char-count");
  counter.textContent = t("char_count", { n: length, max: MAX_CHARS });
  counter.classList.toggle("over", length > MAX_CHARS);
  const error = $("ask-error");
  if (length > MAX_CHARS) {
    label(error, "too_long", { over: length - MAX_CHARS, max: MAX_CHARS });
    input.setAttribute("aria-invalid", "true");
  } else if (error.dataset.i18n === "too_long" || (error.dataset.i18n === "empty_question" && input.value.trim())) {
    error.textContent = "";
    delete error.dataset.i18n;
    input.removeAttribute("aria-invalid");
  }
  return length <= MAX_CHARS;
}

init();
restore();
wirePerson();
wireSaved(() => history);
wireStarters($("starters"), (text) => ask(text), history.length === 0);
checkLength();
onChange(checkLength);
if (!sessionId && !read(tab, KEYS.clarity)) $("clarity-start").hidden = false;
wireClarity($("clarity-start"), "clarity_start");
wireClarity($("clarity-end"), "clarity_end");
wireReach();
wireDelete();
outcomes();
form.addEventListener("submit", (event) => {
  event.preventDefault();
  if (busy) return;
  const question = input.value.trim();
  if (!question) {
    // Nothing but spaces and line breaks: say so instead of doing nothing.
    label($("ask-error"), "empty_question");
    input.setAttribute("aria-invalid", "true");
    input.focus();
    return;
  }
  if (!checkLength()) {
    input.focus();
    return;
  }
  input.value = "";
  checkLength();
  input.focus();
  ask(question);
});
input.addEventListener("input", checkLength);
input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});
$("talk-to-person").addEventListener("click", openPerson);
$("finish").addEventListener("click", () => {
  const section = $("clarity-end");
  section.hidden = false;
  section.querySelector("input").focus();
});
