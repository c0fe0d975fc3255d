// The service owner's dashboard: the summary report's figures, with charts drawn locally.
import { getJSON } from "./api.js";
import { barChart, columnChart } from "./charts.js";
import { init, label, lang, onChange, t } from "./i18n.js";

const $ = (id) => document.getElementById(id);
const report = $("report");
let last = null;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const count = (v) => new Intl.NumberFormat(lang()).format(v);
const percent = (v) => new Intl.NumberFormat(lang(), { style: "percent", maximumFractionDigits: 1 }).format(v);
const decimal = (v) => new Intl.NumberFormat(lang(), { maximumFractionDigits: 2 }).format(v);
const signed = (v) => new Intl.NumberFormat(lang(), { maximumFractionDigits: 2, signDisplay: "exceptZero" }).format(v);
const ms = (v) => `${new Intl.NumberFormat(lang(), { maximumFractionDigits: 0 }).format(v)} ms`;

function hidden() {
  return t("suppressed", { n: last ? last.min_group_size : 5 });
}

function figures(rows) {
  const list = el("dl", "figures");
  for (const [key, value, format] of rows) {
    const item = el("div");
    item.append(el("dt", "", t(key)), el("dd", "", value === null || value === undefined ? "–" : format(value)));
    if (value === null) item.title = hidden();
    list.append(item);
  }
  return list;
}

function groupName(kind, group) {
  if (group === "not_answered") return t("not_answered");
  if (kind === "channel") return t(`channel_${group}`);
  if (kind === "language") return t(`language_${group}`);
  if (kind === "topic") return group;
  const key = `${kind}:${group}`;
  const text = t(key);
  return text === key ? group : text;
}

function chart(key, svg) {
  const wrap = el("figure", "chart-wrap");
  wrap.append(el("figcaption", "chart-title", t(key)), svg);
  return wrap;
}

function breakdown(key, kind, rows, field = "sessions") {
  const items = rows.map((row) => ({ label: groupName(kind, row.group), value: row[field] }));
  return chart(key, barChart(t(key), items, { format: count, suppressedText: hidden() }));
}

function panel(key, ...children) {
  const section = el("section", "panel");
  const heading = el("h2", "", t(key));
  heading.id = `panel-${key}`;
  section.setAttribute("aria-labelledby", heading.id);
  section.append(heading, ...children.filter(Boolean));
  return section;
}

function table(headers, rows) {
  const tableEl = el("table", "data");
  const head = el("tr");
  for (const [text, numeric] of headers) {
    const th = el("th", numeric ? "num" : "", text);
    th.scope = "col";
    head.append(th);
  }
  const thead = el("thead");
  thead.append(head);
  const tbody = el("tbody");
  for (const row of rows) {
    const tr = el("tr");
    row.forEach((cell, i) => tr.append(el("td", headers[i][1] ? "num" : "", cell)));
    tbody.append(tr);
  }
  tableEl.append(thead, tbody);
  return tableEl;
}

const orDash = (value, format) => (value === null || value === undefined ? "–" : format(value));

function selected() {
  const value = $("group").value;
  if (!value) return null;
  const [kind, code] = value.split(":");
  return { kind, code };
}

function row(rows, code) {
  return (rows || []).find((r) => r.group === code) || {};
}

function reachPanel(reach) {
  const only = selected();
  const main = only ? row(reach[`by_${only.kind}`], only.code) : reach;
  const baseline = reach.baseline
    ? [
        el("h3", "", t("baseline")),
        el("p", "hint", t("baseline_source", { source: reach.baseline.source })),
        table(
          [[t("group")], [t("user_share"), true], [t("population_share"), true], [t("representation"), true]],
          [...reach.baseline.region.map((r) => ["region", r]), ...reach.baseline.age_band.map((r) => ["age_band", r])].map(
            ([kind, r]) => [groupName(kind, r.group), orDash(r.user_share, percent), percent(r.population_share), orDash(r.representation, decimal)],
          ),
        ),
      ]
    : [];
  return panel(
    "reach",
    figures([
      ["sessions", main.sessions, count],
      ["users", main.users, count],
      ["new_users", main.new_users, count],
      ["returning_users", main.returning_users, count],
    ]),
    chart("sessions_by_day", columnChart(t("sessions_by_day"), reach.by_day.map((p) => ({ label: p.start.slice(5), value: p.sessions })), { format: count })),
    breakdown("by_channel", "channel", reach.by_channel),
    breakdown("by_language", "language", reach.by_language),
    breakdown("by_region", "region", reach.by_region),
    breakdown("by_age_band", "age_band", reach.by_age_band),
    breakdown("by_life_situation", "life_situation", reach.by_life_situation),
    ...baseline,
  );
}

function qualityFigures(q) {
  return figures([
    ["messages", q.messages, count],
    ["ratings", q.ratings, count],
    ["satisfaction", q.satisfaction, percent],
    ["mean_rating", q.mean_rating, decimal],
    ["helpful_rate", q.helpful_rate, percent],
    ["no_answer_rate", q.no_answer_rate, percent],
    ["out_of_scope_rate", q.out_of_scope_rate, percent],
    ["handoff_rate", q.handoff_rate, percent],
    ["crisis", q.crisis, count],
    ["latency_p50", q.latency_p50_ms, ms],
    ["latency_p95", q.latency_p95_ms, ms],
  ]);
}

function qualityPanel(quality) {
  const learner = quality.learner;
  const only = selected();
  const figuresOf = (block) => (only ? row(block[`by_${only.kind}`], only.code) : block.overall);
  const rate = (rows) => rows.map((row) => ({ label: groupName("language", row.group), value: row.satisfaction }));
  return panel(
    "quality",
    el("h3", "", t("learners")),
    qualityFigures(figuresOf(learner)),
    chart("messages_trend", columnChart(t("messages_trend"), learner.trend.map((p) => ({ label: p.start.slice(5), value: p.messages })), { format: count })),
    chart("satisfaction", barChart(`${t("satisfaction")} – ${t("by_language")}`, rate(learner.by_language), { format: percent, suppressedText: hidden() })),
    learner.by_topic.length ? breakdown("by_topic", "topic", learner.by_topic, "messages") : null,
    el("h3", "", t("counsellors")),
    qualityFigures(figuresOf(quality.counsellor)),
  );
}

function effectivenessPanel(e) {
  const only = selected();
  // Clarity is broken down by language only; for a channel the figures are not available.
  const main = !only ? e : only.kind === "language" ? row(e.by_language, only.code) : {};
  return panel(
    "effectiveness",
    figures([
      ["clarity_pairs", main.pairs, count],
      ["mean_start", main.mean_start, decimal],
      ["mean_end", main.mean_end, decimal],
      ["mean_change", main.mean_change, signed],
    ]),
    chart(
      "clarity_change",
      barChart(t("clarity_change"), [
        { label: t("improved"), value: e.improved },
        { label: t("unchanged"), value: e.unchanged },
        { label: t("worse"), value: e.worse },
      ], { format: count, suppressedText: hidden() }),
    ),
  );
}

function gapsPanel(gaps) {
  if (!gaps) return panel("knowledge_gaps", el("p", "notice", t("gaps_unavailable")));
  const rows = gaps.themes.map((theme) => [
    theme.label,
    count(theme.questions),
    Object.entries(theme.reasons).filter(([, n]) => n).map(([reason, n]) => `${t(`reason_${reason}`)} ${count(n)}`).join(", "),
    theme.examples.join(" · "),
  ]);
  return panel(
    "knowledge_gaps",
    figures([["gap_questions", gaps.questions, count]]),
    rows.length ? table([[t("gap_theme")], [t("gap_count"), true], [t("gap_reasons")], [t("gap_examples")]], rows) : el("p", "notice", t("no_data")),
    gaps.hidden_themes ? el("p", "hint", t("gaps_hidden", { n: gaps.hidden_themes })) : null,
  );
}

function render() {
  if (!last) return;
  const only = selected();
  const note = only ? [el("p", "figures-for", t("figures_for", { group: groupName(only.kind, only.code) }))] : [];
  report.replaceChildren(...note, reachPanel(last.reach), qualityPanel(last.quality), effectivenessPanel(last.effectiveness), gapsPanel(last.gaps));
}

function query() {
  return new URLSearchParams({ from: $("from").value, to: $("to").value });
}

function exportLinks() {
  // The downloads cover the chosen days; the HTML report is written in the interface language.
  const days = { from: $("from").value, to: $("to").value };
  $("export-html").href = `/api/reports/export?${new URLSearchParams({ ...days, format: "html", lang: lang() })}`;
  $("export-csv").href = `/api/reports/export?${new URLSearchParams({ ...days, format: "csv" })}`;
}

async function load() {
  const params = query();
  exportLinks();
  report.setAttribute("aria-busy", "true");
  $("announcer").textContent = t("loading");
  try {
    last = await getJSON(`/api/reports/summary?${params}`);
    render();
    $("announcer").textContent = `${t("dashboard_title")}: ${last.period.start} – ${last.period.end}`;
  } catch (error) {
    last = null;
    const message = label(el("p", "error"), "report_failed");
    message.setAttribute("role", "alert");
    if (error.status === 401) window.location.assign(`/login?next=${encodeURIComponent("/dashboard")}`);
    report.replaceChildren(message);
  } finally {
    report.setAttribute("aria-busy", "false");
  }
}

init();
onChange(() => {
  render();
  exportLinks();
});
// The group only changes which figures are shown: no new request is needed.
$("group").addEventListener("change", render);
$("filters").addEventListener("submit", (event) => {
  event.preventDefault();
  load();
});
load();
