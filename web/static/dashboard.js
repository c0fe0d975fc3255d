// The dashboard: the summary report's figures with charts drawn locally (owner and admin), and
// the common indicators by level (levels.js; an org_owner sees their own organisation only).
import { getJSON } from "./api.js";
import { barChart, columnChart } from "./charts.js";
import { gapsContent } from "./gaps.js";
import { init, label, lang, onChange, t } from "./i18n.js";
import { wireLevels } from "./levels.js";

const $ = (id) => document.getElementById(id);
const report = $("report"); // only on the whole service's dashboard (owner and admin)
const topics = JSON.parse((report && $("topics").textContent) || "{}");
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

function figures(rows, withPrevious = false) {
  const list = el("dl", "figures");
  for (const [key, value, format] of rows) {
    const item = el("div");
    const shown = value === null || value === undefined ? "–" : format(value);
    const dd = el("dd", "", shown);
    if (value === null) {
      // The reason is in the text, not only in a tooltip a keyboard or touch user never sees.
      dd.append(el("span", "visually-hidden", ` (${hidden()})`));
      item.title = hidden();
    }
    item.append(el("dt", "", t(key)), dd);
    const before = withPrevious ? compared(key) : null;
    if (before) item.append(before);
    list.append(item);
  }
  return list;
}

/** "Previous period: X (+Y)" under a key figure of the whole service. */
function compared(key) {
  if (!last || filtered() || !last.key_figures) return null;
  const k = last.key_figures.find((f) => f.name === key);
  if (!k) return null;
  const share = ["satisfaction", "helpful_rate", "no_answer_rate"].includes(key);
  const shown = k.previous === null ? "–" : share ? percent(k.previous) : key === "mean_change" ? signed(k.previous) : count(k.previous);
  const delta = k.change === null ? "–" : share ? t("points", { n: signed(Math.round(k.change * 1000) / 10) }) : key === "mean_change" ? signed(k.change) : signed(k.change);
  return el("dd", "previous", t("vs_previous", { value: shown, change: delta }));
}

function groupName(kind, group) {
  if (group === "not_answered") return t("not_answered");
  if (kind === "channel") return t(`channel_${group}`);
  if (kind === "language") return t(`language_${group}`);
  if (kind === "topic") return (topics[group] && topics[group][lang()]) || group;
  const key = `${kind}:${group}`;
  const text = t(key);
  return text === key ? group : text;
}

/** A chart with its title; `whole` marks one that the language/channel filter does not narrow. */
function chart(key, svg, whole = false, overTime = false) {
  const wrap = el("figure", "chart-wrap");
  const caption = el("figcaption", "chart-title", t(key));
  if (whole && filtered()) caption.append(" ", el("span", "not-filtered", t("not_filtered")));
  wrap.append(caption, svg);
  // A hidden day is drawn as a grey mark on the axis, so that it is not read as zero.
  if (overTime && svg.querySelector(".hidden-mark")) wrap.append(el("p", "hint", t("hidden_mark")));
  return wrap;
}

function breakdown(key, kind, rows, field = "sessions", whole = false) {
  if (!rows.length) return chart(key, el("p", "notice", t("no_data")), whole);
  const items = rows.map((row) => ({ label: groupName(kind, row.group), value: row[field] }));
  return chart(key, barChart(t(key), items, { format: count, suppressedText: hidden() }), whole);
}

function panel(key, ...children) {
  const section = el("section", "panel");
  const heading = el("h2", "", t(key));
  heading.id = `panel-${key}`;
  section.setAttribute("aria-labelledby", heading.id);
  section.append(heading, ...children.filter(Boolean));
  return section;
}

function table(headers, rows, key) {
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
    row.forEach((cell, i) => {
      const td = el("td", headers[i][1] ? "num" : "", cell);
      td.dataset.label = headers[i][0]; // the column's name, shown beside the cell on a phone
      tr.append(td);
    });
    tbody.append(tr);
  }
  tableEl.append(thead, tbody);
  // A wide table scrolls on its own, and a keyboard can reach it to scroll.
  const scroller = el("div", "table-scroll");
  scroller.tabIndex = 0;
  scroller.setAttribute("role", "region");
  scroller.setAttribute("aria-label", t(key));
  scroller.append(tableEl);
  return scroller;
}

const orDash = (value, format) => (value === null || value === undefined ? "–" : format(value));

function selected() {
  const value = $("group").value;
  if (!value) return null;
  const [kind, code] = value.split(":");
  return { kind, code };
}

/** The figures of the chosen language or channel, as the server computed and suppressed them. */
function filtered() {
  return last && last.filter && last.filter.shown ? last.filter : null;
}

const series = (points, field) => points.map((p) => ({ label: p.start.slice(5), value: p[field] }));

function reachPanel(reach) {
  const view = filtered();
  // Days for a month, weeks up to half a year, months beyond: the same buckets as the trend.
  const unit = last.quality.learner.trend_unit;
  const main = view || reach;
  const split = view ? Object.fromEntries(view.breakdowns.map((b) => [b.name, b.groups])) : {};
  const part = (name) =>
    split[name] ? breakdown(`by_${name}`, name, split[name]) : breakdown(`by_${name}`, name, reach[`by_${name}`], "sessions", true);
  const baseline = reach.baseline
    ? [
        el("h3", "", t("baseline")),
        el("p", "hint", t("baseline_source", { source: reach.baseline.source })),
        view ? el("p", "not-filtered", t("not_filtered")) : null,
        table(
          [[t("group")], [t("user_share"), true], [t("population_share"), true], [t("representation"), true]],
          [...reach.baseline.region.map((r) => ["region", r]), ...reach.baseline.age_band.map((r) => ["age_band", r])].map(
            ([kind, r]) => [groupName(kind, r.group), orDash(r.user_share, percent), percent(r.population_share), orDash(r.representation, decimal)],
          ),
          "baseline",
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
    ], !view),
    chart(`sessions_by_${unit}`, columnChart(t(`sessions_by_${unit}`), series(view ? view.sessions_trend : reach[`by_${unit}`], "sessions"), { format: count }), false, true),
    part("channel"),
    part("language"),
    part("region"),
    part("age_band"),
    part("life_situation"),
    ...baseline,
  );
}

function qualityFigures(q, withPrevious = false) {
  q = q || {}; // a group the report hides: every figure is shown as hidden
  // A rate of nothing (no questions, no ratings) is "–" but not hidden: undefined, not null.
  const none = (n) => n === 0;
  const value = (v) => (v === undefined ? null : v);
  const of = (n, v) => (none(n) ? undefined : value(v));
  return figures([
    ["messages", value(q.messages), count],
    ["ratings", value(q.ratings), count],
    ["satisfaction", of(q.ratings, q.satisfaction), percent],
    ["mean_rating", of(q.ratings, q.mean_rating), decimal],
    ["helpful_rate", of(q.helpful_votes, q.helpful_rate), percent],
    ["no_answer_rate", of(q.messages, q.no_answer_rate), percent],
    ["out_of_scope_rate", of(q.messages, q.out_of_scope_rate), percent],
    ["handoff_rate", of(q.messages, q.handoff_rate), percent],
    ["crisis", value(q.crisis), count],
    ["latency_p50", of(q.messages, q.latency_p50_ms), ms],
    ["latency_p95", of(q.messages, q.latency_p95_ms), ms],
  ], withPrevious);
}

/** A block of the chosen group: its figures, or a note that it asked nothing (not hidden). */
function groupBlock(view, who) {
  const rows = last.quality[who][`by_${view.kind}`] || [];
  const asked = rows.some((r) => r.group === view.value);
  return asked ? qualityFigures(view[who]) : el("p", "notice", t("no_questions"));
}

function qualityPanel(quality) {
  const learner = quality.learner;
  const view = filtered();
  const trend = view ? view.learner_trend : learner.trend;
  const rate = (rows) => rows.map((row) => ({ label: groupName("language", row.group), value: row.satisfaction }));
  return panel(
    "quality",
    el("h3", "", t("learners")),
    view ? groupBlock(view, "learner") : qualityFigures(learner.overall, true),
    view && !(learner[`by_${view.kind}`] || []).some((r) => r.group === view.value)
      ? null // the group asked nothing as learners: no empty chart
      : chart("messages_trend", columnChart(t("messages_trend"), series(trend, "messages"), { format: count }), false, true),
    chart("satisfaction", barChart(`${t("satisfaction")} – ${t("by_language")}`, rate(learner.by_language), { format: percent, suppressedText: hidden() }), true),
    learner.by_topic.length ? breakdown("by_topic", "topic", learner.by_topic, "messages", true) : null,
    el("h3", "", t("counsellors")),
    view ? groupBlock(view, "counsellor") : qualityFigures(quality.counsellor.overall),
  );
}

function effectivenessPanel(e) {
  const view = filtered();
  // Clarity is broken down by language only: a channel has no clarity figures of its own.
  const byChannel = view && view.kind === "channel";
  const main = !view ? e : byChannel ? null : view.effectiveness || { pairs: null, mean_change: null };
  const rows = !view
    ? [
        ["clarity_pairs", e.pairs, count],
        ["mean_start", e.mean_start, decimal],
        ["mean_end", e.mean_end, decimal],
        ["mean_change", e.mean_change, signed],
      ]
    : [
        ["clarity_pairs", main ? main.pairs : undefined, count],
        ["mean_change", main ? main.mean_change : undefined, signed],
      ];
  if (e.pairs === 0) rows.splice(1); // no answer pairs: no means either
  return panel(
    "effectiveness",
    byChannel ? el("p", "notice", t("clarity_not_by_channel")) : figures(rows, !view),
    e.pairs === 0 ? el("p", "notice", t("no_clarity_pairs")) : chart(
      "clarity_change",
      barChart(t("clarity_change"), [
        { label: t("improved"), value: e.improved },
        { label: t("unchanged"), value: e.unchanged },
        { label: t("worse"), value: e.worse },
      ], { format: count, suppressedText: hidden() }),
      true,
    ),
  );
}

function gapsPanel(gaps) {
  const whole = filtered() ? el("p", "not-filtered", t("not_filtered")) : null;
  if (!gaps) return panel("knowledge_gaps", el("p", "notice", t("gaps_unavailable")));
  return panel("knowledge_gaps", whole, gapsContent(gaps, figures));
}

/** Nothing at all in the period (every count zero): say so instead of empty charts. */
function empty(report) {
  const q = report.quality;
  return report.reach.sessions === 0 && q.learner.overall.messages === 0 && q.counsellor.overall.messages === 0;
}

function render() {
  if (!last) return;
  if (empty(last)) {
    const note = el("p", "notice", t("no_data"));
    note.setAttribute("role", "status");
    report.replaceChildren(note);
    return;
  }
  const only = last.filter;
  const legend = el("p", "hint legend", t("suppressed_legend", { n: last.min_group_size }));
  if (only) {
    const note = el("p", "figures-for", t("figures_for", { group: groupName(only.kind, only.value) }));
    if (!only.shown) {
      // Too small (or empty): nothing of the group is shown, not even the figures that would be.
      const why = only.sessions === 0 ? t("group_empty") : t("group_hidden", { n: last.min_group_size });
      report.replaceChildren(note, el("p", "notice", why));
      return;
    }
    report.replaceChildren(note, legend, reachPanel(last.reach), qualityPanel(last.quality), effectivenessPanel(last.effectiveness), gapsPanel(last.gaps));
    return;
  }
  report.replaceChildren(legend, reachPanel(last.reach), qualityPanel(last.quality), effectivenessPanel(last.effectiveness), gapsPanel(last.gaps));
}

function query() {
  const params = new URLSearchParams({ from: $("from").value, to: $("to").value });
  const only = selected();
  if (only) params.set(only.kind, only.code);
  return params;
}

function exportLinks() {
  // The downloads cover the chosen days and every group; the HTML is in the interface language.
  const days = { from: $("from").value, to: $("to").value };
  $("export-html").href = `/api/reports/export?${new URLSearchParams({ ...days, format: "html", lang: lang() })}`;
  $("export-csv").href = `/api/reports/export?${new URLSearchParams({ ...days, format: "csv" })}`;
}

let latest = 0;

async function load() {
  const params = query();
  const mine = ++latest; // only the newest request is shown when several overlap
  exportLinks();
  report.setAttribute("aria-busy", "true");
  $("announcer").textContent = t("loading");
  try {
    const answer = await getJSON(`/api/reports/summary?${params}`);
    if (mine !== latest) return;
    last = answer;
    render();
    const only = last.filter ? ` – ${groupName(last.filter.kind, last.filter.value)}` : "";
    $("announcer").textContent = `${t("dashboard_title")}: ${last.period.start} – ${last.period.end}${only}`;
  } catch (error) {
    if (mine !== latest) return;
    last = null;
    const message = label(el("p", "error"), error.status === 422 ? "dates_invalid" : "report_failed", { detail: error.message });
    message.setAttribute("role", "alert");
    if (error.status === 401) window.location.assign(`/login?next=${encodeURIComponent("/dashboard")}`);
    report.replaceChildren(message);
  } finally {
    if (mine === latest) report.setAttribute("aria-busy", "false");
  }
}

init();
wireLevels();
if (report) wireSummary();

function wireSummary() {
  onChange(() => {
    render();
    exportLinks();
  });
  // A language or channel is computed (and suppressed) by the server: a new request.
  $("group").addEventListener("change", load);
  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    if (datesOk()) load();
  });
  load();
}

function datesOk() {
  // Checked here, so that the owner reads what is wrong next to the dates, in their language.
  const from = $("from");
  const reversed = from.value && $("to").value && from.value > $("to").value;
  if (reversed) from.setAttribute("aria-invalid", "true");
  else from.removeAttribute("aria-invalid");
  $("dates-error").hidden = !reversed;
  if (reversed) {
    label($("dates-error"), "dates_reversed");
    from.focus();
  }
  return !reversed;
}
