// The counsellor level: the signed-in member of staff's own co-pilot use and ratings, month by
// month. The server answers for the signed-in account only; there is no one else to ask for.
import { getJSON } from "./api.js";
import { init, label, lang, onChange, t } from "./i18n.js";

const $ = (id) => document.getElementById(id);
const box = $("my-figures");
let last = null;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const count = (v) => new Intl.NumberFormat(lang()).format(v);
const decimal = (v) => (v === null ? "–" : new Intl.NumberFormat(lang(), { maximumFractionDigits: 2 }).format(v));
const COLUMNS = [
  ["my_questions", (f) => count(f.questions)],
  ["my_no_answer", (f) => count(f.no_answer)],
  ["my_ratings", (f) => count(f.ratings)],
  ["my_mean_rating", (f) => decimal(f.mean_rating)],
  ["my_helpful", (f) => `${count(f.helpful)} / ${count(f.helpful_votes)}`],
];

function render() {
  if (!last) return;
  const totals = el("dl", "figures");
  for (const [key, show] of COLUMNS) {
    const item = el("div");
    item.append(el("dt", "", t(key)), el("dd", "", show(last.total)));
    totals.append(item);
  }
  const table = el("table", "data");
  const head = el("tr");
  for (const key of ["month", ...COLUMNS.map(([k]) => k)]) {
    const th = el("th", key === "month" ? "" : "num", t(key));
    th.scope = "col";
    head.append(th);
  }
  const thead = el("thead");
  thead.append(head);
  const tbody = el("tbody");
  const monthName = new Intl.DateTimeFormat(lang(), { month: "long", year: "numeric", timeZone: "UTC" });
  for (const month of [...last.months].reverse()) {
    const tr = el("tr");
    const th = el("th", "", monthName.format(new Date(`${month.month}T00:00:00Z`)));
    th.scope = "row";
    th.dataset.label = t("month");
    tr.append(th);
    for (const [key, show] of COLUMNS) {
      const td = el("td", "num", show(month));
      td.dataset.label = t(key);
      tr.append(td);
    }
    tbody.append(tr);
  }
  table.append(thead, tbody);
  const scroller = el("div", "table-scroll");
  scroller.tabIndex = 0;
  scroller.setAttribute("role", "region");
  scroller.setAttribute("aria-label", t("my_figures_title"));
  scroller.append(table);
  box.replaceChildren(totals, scroller);
}

async function load() {
  try {
    last = await getJSON("/api/indicators/counsellor");
    render();
    $("announcer").textContent = t("my_figures_title");
  } catch (error) {
    if (error.status === 401) window.location.assign(`/login?next=${encodeURIComponent("/counsellor/figures")}`);
    const message = label(el("p", "error"), "report_failed", { detail: error.message });
    message.setAttribute("role", "alert");
    box.replaceChildren(message);
  } finally {
    box.setAttribute("aria-busy", "false");
  }
}

init();
onChange(render);
load();
