// The counsellor co-pilot: a client's situation in, a plan with sources out; copy and rate it.
import { ApiError, send } from "./api.js";
import { feedbackWidget } from "./feedback.js";
import { init, label, t } from "./i18n.js";
import { renderReply, replyShell } from "./reply.js";

const $ = (id) => document.getElementById(id);
const form = $("situation-form");
const result = $("result");
const planBox = $("plan");
const button = $("get-plan");
let busy = false;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function citation(prefix, n, count) {
  if (!Number.isInteger(n) || n < 1 || n > count) return null;
  const link = el("a", "cite", `[${n}]`);
  link.href = `#${prefix}-${n}`;
  link.setAttribute("aria-label", t("source_n", { n }));
  return link;
}

function itemsSection(key, items, prefix, count) {
  const section = el("section", "plan-section");
  const list = el("ul");
  for (const item of items) {
    const li = el("li");
    li.append(el("strong", "", item.title));
    if (item.detail) li.append(" – ", item.detail);
    const cite = citation(prefix, item.source, count);
    if (cite) li.append(" ", cite);
    list.append(li);
  }
  section.append(label(el("h3"), key), list);
  return section;
}

function summarySection(summary) {
  const section = el("section", "plan-section summary-box");
  const text = el("p", "", summary);
  text.id = "plan-summary";
  const copy = label(el("button", "secondary small"), "copy_summary");
  copy.type = "button";
  copy.id = "copy-summary";
  const status = el("p", "thanks");
  status.setAttribute("role", "status");
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(summary);
    } catch (_) {
      // No clipboard permission (e.g. plain HTTP): select the text so Ctrl+C finishes the job.
      const range = document.createRange();
      range.selectNodeContents(text);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      document.execCommand && document.execCommand("copy");
    }
    label(status, "copied");
  });
  section.append(label(el("h3"), "plan_summary"), text, copy, status);
  return section;
}

function show(reply) {
  const shell = replyShell();
  renderReply(shell, reply);
  const count = reply.sources.length;
  const parts = [];
  const plan = reply.plan;
  if (plan) {
    if (plan.summary) parts.push(summarySection(plan.summary));
    if (plan.services && plan.services.length) parts.push(itemsSection("plan_services", plan.services, shell.prefix, count));
    if (plan.options && plan.options.length) parts.push(itemsSection("plan_options", plan.options, shell.prefix, count));
    if (plan.questions && plan.questions.length) {
      const section = el("section", "plan-section");
      const list = el("ul");
      for (const question of plan.questions) list.append(el("li", "", question));
      section.append(label(el("h3"), "plan_questions"), list);
      parts.push(section);
    }
  } else {
    parts.push(label(el("p", "notice"), "plan_missing"));
  }
  const answer = el("section", "plan-section");
  answer.append(label(el("h3"), "answer"), shell.container);
  parts.push(answer, feedbackWidget(reply.message_id, "rate_suggestion"));
  planBox.replaceChildren(...parts);
  planBox.setAttribute("lang", reply.language);
  result.hidden = false;
  $("result-title").focus();
  $("announcer").textContent = plan && plan.summary ? `${t("plan_summary")}: ${plan.summary}` : t("new_answer");
}

init();
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const situation = $("situation").value.trim();
  if (!situation || busy) return;
  busy = true;
  button.setAttribute("aria-disabled", "true");
  $("announcer").textContent = t("thinking");
  try {
    const body = { message: situation, mode: "counsellor", language: $("reply-language").value };
    // Every situation is a new session: one client's details never colour the next one's plan.
    const reply = await send("POST", "/api/chat", body);
    show(reply);
  } catch (error) {
    const message = el("p", "error");
    message.setAttribute("role", "alert");
    const limited = error instanceof ApiError && error.status === 429;
    label(message, limited ? "error_rate" : "error_generic", { seconds: (error && error.retryAfter) || 60 });
    planBox.replaceChildren(message);
    result.hidden = false;
  } finally {
    busy = false;
    button.removeAttribute("aria-disabled");
  }
});
