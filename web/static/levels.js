// The dashboard's level picker: the common indicators of the nation, a region, a sector or an
// organisation for one whole ended period, beside the previous period; an organisation also
// beside its sector, its region and the nation, with its guidance contacts outside Suunta month
// by month. What the signed-in user may pick comes from the server (an org_owner: their own
// organisation only); every figure is computed and suppressed there.
import { getJSON } from "./api.js";
import { label, lang, onChange, t } from "./i18n.js";

const $ = (id) => document.getElementById(id);
const CATEGORIES = ["availability", "quality", "effectiveness", "results"];
let units = null;
let shown = null; // {kind: "unit" | "org", now, before, unit, period}
let latest = 0;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const number = (options) => (v) => new Intl.NumberFormat(lang(), options).format(v);
const count = number({});
const decimal = number({ maximumFractionDigits: 2 });
const signed = number({ maximumFractionDigits: 2, signDisplay: "exceptZero" });
const percent = number({ style: "percent", maximumFractionDigits: 1 });

function formatter(info) {
  if (info.unit === "share") return percent;
  if (info.unit === "milliseconds") return (v) => `${count(Math.round(v))} ms`;
  if (info.unit.startsWith("mean") || info.unit.includes("per 1,000")) return decimal;
  return count;
}

// -- periods: whole months, quarters and years that have ended (UTC) -------------------------
const iso = (y, m, d) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function period(kind, year, n) {
  const [first, last] = kind === "m" ? [n, n] : kind === "q" ? [3 * n - 2, 3 * n] : [1, 12];
  return { kind, year, n, from: iso(year, first, 1), to: iso(year, last, lastDay(year, last)) };
}

function previous(p) {
  if (p.kind === "y") return period("y", p.year - 1, 0);
  const size = p.kind === "m" ? 12 : 4;
  return p.n > 1 ? period(p.kind, p.year, p.n - 1) : period(p.kind, p.year - 1, size);
}

function periods() {
  const now = new Date();
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1; // the month still running
  const out = { m: [], q: [], y: [] };
  let p = previous(period("m", year, month));
  for (let i = 0; i < 12; i++, p = previous(p)) out.m.push(p);
  p = previous(period("q", year, Math.ceil(month / 3)));
  for (let i = 0; i < 4; i++, p = previous(p)) out.q.push(p);
  for (let y = year - 1; y >= year - 2; y--) out.y.push(period("y", y, 0));
  return out;
}

function periodName(p) {
  if (p.kind === "m") {
    const date = new Date(Date.UTC(p.year, p.n - 1, 1));
    return new Intl.DateTimeFormat(lang(), { month: "long", year: "numeric", timeZone: "UTC" }).format(date);
  }
  return p.kind === "q" ? t("quarter_label", { q: p.n, year: p.year }) : String(p.year);
}

const periodOf = (value) => {
  const [kind, year, n] = value.split(":");
  return period(kind, Number(year), Number(n));
};

function fillPeriods() {
  const select = $("level-period");
  const chosen = select.value;
  const groups = periods();
  select.replaceChildren();
  for (const [kind, key] of [["m", "period_months"], ["q", "period_quarters"], ["y", "period_years"]]) {
    const group = document.createElement("optgroup");
    group.label = t(key);
    for (const p of groups[kind]) {
      const option = el("option", "", periodName(p));
      option.value = `${p.kind}:${p.year}:${p.n}`;
      group.append(option);
    }
    select.append(group);
  }
  if (chosen) select.value = chosen;
}

// -- the units a user may pick -----------------------------------------------------------------
function unitName(level, id) {
  if (level === "national") return t("level_national");
  if (level === "region") return t(`region:${id}`);
  if (level === "sector") return t(`sector:${id}`);
  const org = units.orgs.find((o) => o.id === id);
  return org ? org.names[lang()] || org.id : id;
}

function fillLevels() {
  const select = $("level");
  const chosen = select.value;
  select.replaceChildren(...units.levels.map((level) => {
    const option = el("option", "", t(`level_${level}`));
    option.value = level;
    return option;
  }));
  if (chosen && units.levels.includes(chosen)) select.value = chosen;
  fillUnits();
}

function fillUnits() {
  const level = $("level").value;
  const select = $("level-unit");
  const chosen = select.value;
  const ids = level === "region" ? units.regions : level === "sector" ? units.sectors : level === "org" ? units.orgs.map((o) => o.id) : [];
  $("level-unit-field").hidden = !ids.length;
  if (ids.length) label($("level-unit-label"), `unit_${level}`);
  select.replaceChildren(...ids.map((id) => {
    const option = el("option", "", unitName(level, id));
    option.value = id;
    return option;
  }));
  if (chosen && ids.includes(chosen)) select.value = chosen;
}

// -- the tables ----------------------------------------------------------------------------------
function definition(info) {
  const details = el("details", "definition");
  details.append(el("summary", "", info.names[lang()]), el("p", "hint", info.definitions[lang()]));
  return details;
}

function cell(info, figure, level) {
  const td = el("td", "num");
  if (!figure) return td;
  if (figure.groups) {
    const parts = Object.entries(figure.groups).map(([group, n]) => {
      const name = group === "unknown" ? t("group_unknown") : t(info.id.endsWith("language") ? `language_${group}` : `channel_${group}`);
      return `${name} ${n === null ? "–" : count(n)}`;
    });
    td.classList.remove("num");
    td.textContent = parts.join(" · ");
    return td;
  }
  if (figure.value !== null && figure.value !== undefined) {
    td.textContent = formatter(info)(figure.value);
    return td;
  }
  td.textContent = "–";
  const why = level && !info.levels.includes(level) ? t("not_applicable") : t("suppressed");
  td.append(el("span", "visually-hidden", ` (${why})`));
  td.title = why;
  return td;
}

function changeText(info, now, before, delta) {
  const change = delta !== undefined ? delta : now && before && now.value !== null && before.value !== null && !now.groups ? now.value - before.value : null;
  if (change === null || change === undefined) return "–";
  if (info.unit === "share") return t("points", { n: signed(Math.round(change * 1000) / 10) });
  if (info.unit === "milliseconds") return `${signed(Math.round(change))} ms`;
  return signed(Math.round(change * 100) / 100);
}

function headerRow(names) {
  const tr = el("tr");
  names.forEach((name, i) => {
    const th = el("th", i ? "num" : "", name);
    th.scope = "col";
    tr.append(th);
  });
  const thead = el("thead");
  thead.append(tr);
  return thead;
}

function tables(columns, row) {
  const out = [];
  const infos = units.indicators;
  for (const category of CATEGORIES) {
    const mine = infos.filter((i) => i.category === category);
    if (!mine.length) continue;
    const table = el("table", "data levels-table");
    table.append(el("caption", "", t(`category_${category}`)));
    table.append(headerRow(columns));
    const tbody = el("tbody");
    for (const info of mine) {
      const tr = el("tr");
      tr.dataset.indicator = info.id;
      const first = el("th");
      first.scope = "row";
      first.append(definition(info));
      tr.append(first, ...row(info));
      [...tr.children].forEach((td, i) => (td.dataset.label = columns[i]));
      tbody.append(tr);
    }
    table.append(tbody);
    const scroller = el("div", "table-scroll");
    scroller.tabIndex = 0;
    scroller.setAttribute("role", "region");
    scroller.setAttribute("aria-label", t(`category_${category}`));
    scroller.append(table);
    out.push(scroller);
  }
  return out;
}

const find = (report, id) => report.indicators.find((i) => i.id === id);

function unitTables(now, before, level) {
  return tables([t("indicator"), t("value"), t("previous_period"), t("change")], (info) => {
    const a = find(now, info.id);
    const b = find(before, info.id);
    return [cell(info, a, level), cell(info, b, level), el("td", "num", changeText(info, a, b))];
  });
}

function orgTables(bench) {
  const change = Object.fromEntries(bench.change.map((c) => [c.id, c.change]));
  const columns = [t("indicator"), t("this_org"), t("previous_period"), t("change"), t("sector_figure"), t("region_figure"), t("national_figure")];
  return tables(columns, (info) => [
    cell(info, find(bench.org, info.id), "org"),
    cell(info, find(bench.previous, info.id), "org"),
    el("td", "num", find(bench.org, info.id).groups ? "–" : changeText(info, null, null, change[info.id])),
    cell(info, find(bench.sector, info.id), "sector"),
    cell(info, find(bench.region, info.id), "region"),
    cell(info, find(bench.national, info.id), "national"),
  ]);
}

function contactsSection(bench) {
  const section = el("section", "contacts");
  const heading = el("h3", "", t("contacts_title"));
  heading.id = "contacts-title";
  section.setAttribute("aria-labelledby", heading.id);
  section.append(heading, el("p", "hint", t("contacts_hint")));
  const reported = bench.contacts.some((c) => c.face_to_face !== null || c.phone !== null || c.chat !== null);
  if (!reported) section.append(el("p", "notice", t("contacts_none")));
  if (!bench.contacts.length) return section;
  const columns = [t("month"), t("face_to_face"), t("phone"), t("chat_contacts"), t("suunta_sessions"), t("launch")];
  const table = el("table", "data contacts-table");
  table.append(headerRow(columns));
  const tbody = el("tbody");
  const monthName = new Intl.DateTimeFormat(lang(), { month: "short", year: "numeric", timeZone: "UTC" });
  const shownCount = (v) => (v === null || v === undefined ? "–" : count(v));
  for (const c of bench.contacts) {
    const tr = el("tr");
    const launch = c.after_launch === null ? "–" : t(c.after_launch ? "after_launch" : "before_launch");
    if (c.after_launch) tr.className = "after-launch";
    const cells = [
      monthName.format(new Date(`${c.month}T00:00:00Z`)),
      shownCount(c.face_to_face),
      shownCount(c.phone),
      shownCount(c.chat),
      shownCount(c.suunta_sessions),
      launch,
    ];
    cells.forEach((text, i) => {
      const td = el(i ? "td" : "th", i && i < 5 ? "num" : "", text);
      if (!i) td.scope = "row";
      td.dataset.label = columns[i];
      tr.append(td);
    });
    tbody.append(tr);
  }
  table.append(tbody);
  const scroller = el("div", "table-scroll");
  scroller.tabIndex = 0;
  scroller.setAttribute("role", "region");
  scroller.setAttribute("aria-label", t("contacts_title"));
  scroller.append(table);
  section.append(scroller);
  return section;
}

function render() {
  const box = $("level-report");
  if (!shown) return;
  const report = shown.kind === "org" ? shown.now.org : shown.now;
  label($("levels-hint"), "levels_hint", { n: report.min_group_size });
  const title = el("h3", "level-figures-for", t("level_figures_for", { unit: unitName(shown.unit[0], shown.unit[1]), period: periodName(shown.period) }));
  if (shown.kind === "org") box.replaceChildren(title, ...orgTables(shown.now), contactsSection(shown.now));
  else box.replaceChildren(title, ...unitTables(shown.now, shown.before, shown.unit[0]));
}

function openDataLink() {
  const link = $("open-data");
  if (!link) return;
  const p = periodOf($("level-period").value);
  link.href = `/api/indicators/open-data?${new URLSearchParams({ from: p.from, to: p.to })}`;
  label(link, "open_data_download", { period: periodName(p) });
}

async function load() {
  const level = $("level").value;
  if (!level) return;
  const id = level === "national" ? "" : $("level-unit").value;
  const p = periodOf($("level-period").value);
  const mine = ++latest;
  const box = $("level-report");
  box.setAttribute("aria-busy", "true");
  openDataLink();
  const ask = (q) => getJSON(`/api/indicators?${new URLSearchParams({ level, ...(id ? { id } : {}), from: q.from, to: q.to })}`);
  try {
    // An organisation's answer holds its previous period; another unit's is asked for too.
    const [now, before] = await Promise.all([ask(p), level === "org" ? null : ask(previous(p))]);
    if (mine !== latest) return;
    shown = { kind: level === "org" ? "org" : "unit", now, before, unit: [level, id], period: p };
    render();
    $("level-announcer").textContent = t("level_figures_for", { unit: unitName(level, id), period: periodName(p) });
  } catch (error) {
    if (mine !== latest) return;
    shown = null;
    const message = label(el("p", "error"), "report_failed", { detail: error.message });
    message.setAttribute("role", "alert");
    box.replaceChildren(message);
  } finally {
    if (mine === latest) box.setAttribute("aria-busy", "false");
  }
}

/** Fills the picker from what the signed-in user may see, and shows the first unit. */
export async function wireLevels() {
  if (!$("levels")) return;
  try {
    units = await getJSON("/api/indicators/units");
  } catch (error) {
    const message = label(el("p", "error"), "report_failed", { detail: error.message });
    message.setAttribute("role", "alert");
    $("level-report").replaceChildren(message);
    return;
  }
  if (!units.levels.length) {
    $("level-form").hidden = true;
    $("level-report").replaceChildren(label(el("p", "notice"), "no_units"));
    return;
  }
  fillPeriods();
  fillLevels();
  $("level").addEventListener("change", () => {
    fillUnits();
    load();
  });
  $("level-unit").addEventListener("change", load);
  $("level-period").addEventListener("change", load);
  onChange(() => {
    fillPeriods();
    fillLevels();
    openDataLink();
    render();
  });
  load();
}
