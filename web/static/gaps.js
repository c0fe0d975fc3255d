// The knowledge-gap panel as a work queue: each theme with its example questions and the answers
// they got; an owner marks it in progress, fixed by a card or article, or not ours. Open themes
// come first; a fixed one stays below until new questions of it arrive.
import { send } from "./api.js";
import { lang, t } from "./i18n.js";

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const count = (v) => (v === null || v === undefined ? "–" : new Intl.NumberFormat(lang()).format(v));
const day = (iso) => new Intl.DateTimeFormat(lang(), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
const why = (reason) => (reason ? t(`why_${reason}`) === `why_${reason}` ? reason : t(`why_${reason}`) : "");

function csrfToken() {
  const input = document.querySelector("input[name=csrf_token]");
  return input ? input.value : "";
}

async function post(method, key, body) {
  const response = await fetch(`/api/reports/gaps/${key}`, {
    method,
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrfToken() },
    body: body ? JSON.stringify(body) : undefined,
    credentials: "same-origin",
  });
  if (!response.ok && response.status !== 404) throw new Error(`HTTP ${response.status}`);
}

/** One answer given: its kind, why, and the sources it rested on. */
function answerText(a) {
  const parts = [t(`kind_${a.kind}`)];
  if (a.reason && a.reason !== "card") parts[0] += ` (${why(a.reason)})`;
  if (a.sources && a.sources.length) parts.push(`${t("gap_sources")}: ${a.sources.join(", ")}`);
  return parts.join(" · ");
}

function open(theme) {
  const s = theme.status;
  return !s || (s.state !== "in_progress" && s.new_since > 0);
}

function statusText(s) {
  if (!s) return t("gap_state_open");
  let text = s.state === "fixed" ? t("gap_state_fixed", { by: s.fixed_by || "", date: day(s.marked_on) }) : t(`gap_state_${s.state}`, { date: day(s.marked_on) });
  if (s.new_since > 0) text += ` · ${t("gap_new_since", { n: count(s.new_since) })}`;
  return text;
}

function themeCard(theme, index, rerender, announce) {
  const card = el("article", "gap-theme");
  const heading = el("h3", "", theme.label);
  heading.id = `gap-${index}`;
  card.setAttribute("aria-labelledby", heading.id);
  const reasons = Object.entries(theme.reasons).filter(([, n]) => n !== 0).map(([r, n]) => `${t(`reason_${r}`)} ${count(n)}`);
  const meta = el("p", "hint", `${t("gap_count")}: ${count(theme.questions)}${reasons.length ? ` · ${reasons.join(", ")}` : ""}`);
  const badge = el("p", `gap-status ${open(theme) ? "is-open" : `is-${theme.status.state}`}`, statusText(theme.status));
  const details = el("details", "gap-examples");
  details.append(el("summary", "", t("gap_examples_answers")));
  const list = el("ul");
  const answers = theme.answers || [];
  theme.examples.forEach((example, i) => {
    const item = el("li");
    item.append(el("q", "", example));
    const answer = answers.find((a) => a.question === example) || answers[i];
    if (answer) item.append(el("span", "gap-answer", ` → ${t("gap_answer_given")}: ${answerText(answer)}`));
    list.append(item);
  });
  details.append(list);

  const controls = el("form", "gap-controls");
  controls.setAttribute("aria-label", t("gap_mark_for", { theme: theme.label }));
  const mark = async (state, fixedBy) => {
    try {
      await post("POST", theme.key, { state, fixed_by: fixedBy || null, questions: theme.question_keys || [] });
      theme.status = { state, fixed_by: fixedBy || null, marked_on: new Date().toISOString().slice(0, 10), new_since: 0 };
      rerender();
      announce(t("gap_saved", { theme: theme.label }));
    } catch (_) {
      announce(t("error_generic"));
    }
  };
  const button = (key, onClick) => {
    const b = el("button", "secondary small", t(key));
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  };
  const fixedId = `gap-fixed-${index}`;
  const fixedLabel = el("label", "", t("gap_fixed_by_label"));
  fixedLabel.htmlFor = fixedId;
  const fixedInput = el("input");
  fixedInput.id = fixedId;
  fixedInput.maxLength = 200;
  fixedInput.required = true;
  fixedInput.value = (theme.status && theme.status.fixed_by) || "";
  const fixedButton = el("button", "small", t("gap_mark_fixed"));
  fixedButton.type = "submit";
  controls.addEventListener("submit", (event) => {
    event.preventDefault();
    if (fixedInput.value.trim()) mark("fixed", fixedInput.value.trim());
  });
  const row = el("div", "gap-buttons");
  row.append(button("gap_mark_in_progress", () => mark("in_progress")), button("gap_mark_not_ours", () => mark("not_ours")));
  if (theme.status) {
    row.append(
      button("gap_reopen", async () => {
        try {
          await post("DELETE", theme.key);
          theme.status = null;
          rerender();
          announce(t("gap_reopened", { theme: theme.label }));
        } catch (_) {
          announce(t("error_generic"));
        }
      }),
    );
  }
  const fixedRow = el("div", "gap-fixed");
  fixedRow.append(fixedLabel, fixedInput, fixedButton);
  controls.append(row, fixedRow);
  card.append(heading, meta, badge, details, controls);
  return card;
}

function reportedList(reported) {
  const list = el("ul", "gap-reported");
  for (const r of reported) {
    const item = el("li");
    item.append(el("q", "", r.question || t("gap_no_text")));
    item.append(el("span", "gap-answer", ` → ${answerText(r)} · ${t("gap_reports", { n: count(r.reports) })}`));
    if (r.comments.length) {
      const comments = el("ul", "gap-comments");
      for (const c of r.comments) comments.append(el("li", "", c));
      item.append(comments);
    }
    list.append(item);
  }
  return list;
}

/** The gaps panel's content (after the heading): figures, queue, reasons, reported answers. */
export function gapsContent(gaps, figures) {
  const box = el("div", "gap-queue");
  const status = el("p", "visually-hidden");
  status.setAttribute("role", "status");
  const announce = (text) => {
    status.textContent = text;
  };
  const queue = el("div");
  const render = () => {
    const themes = gaps.themes.map((theme, i) => [theme, i]);
    const todo = themes.filter(([th]) => open(th));
    const doing = themes.filter(([th]) => !open(th) && th.status.state === "in_progress");
    const done = themes.filter(([th]) => !open(th) && th.status.state !== "in_progress");
    const parts = [];
    if (!themes.length) parts.push(el("p", "notice", t("no_data")));
    for (const [th, i] of [...todo, ...doing]) parts.push(themeCard(th, i, render, announce));
    if (done.length) {
      const closed = el("details", "gap-done");
      closed.append(el("summary", "", t("gap_done", { n: count(done.length) })));
      for (const [th, i] of done) closed.append(themeCard(th, i, render, announce));
      parts.push(closed);
    }
    queue.replaceChildren(...parts);
  };
  render();
  box.append(figures([["gap_questions", gaps.questions, count], ["gap_wrong_answers", gaps.wrong_answers, count]]), status, queue);
  if (gaps.hidden_themes) box.append(el("p", "hint", t("gaps_hidden", { n: gaps.hidden_themes })));
  const reasons = Object.entries(gaps.not_covered || {});
  if (reasons.length) {
    box.append(el("h3", "", t("gap_not_covered")));
    box.append(el("p", "", reasons.map(([r, n]) => `${why(r)} ${count(n)}`).join(", ")));
  }
  box.append(el("h3", "", t("gap_reported")));
  box.append(gaps.reported && gaps.reported.length ? reportedList(gaps.reported) : el("p", "notice", t("no_data")));
  return box;
}
