// "Save my next steps": the next steps of every answer, with the sources, as a printable part
// of the page and as a downloadable text file. Built in the browser; nothing goes to the server.
import { everyLanguage, label, lang, t } from "./i18n.js";

const $ = (id) => document.getElementById(id);
const clean = (text) => String(text).replace(/\[\d{1,2}\]/g, "").replace(/\s+/g, " ").trim();

function el(tag, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

const HEADINGS = new Set(everyLanguage("next_steps").map((s) => s.toLowerCase()));

/** The list items under the answer's "Next steps" heading (any UI language). */
export function nextSteps(answer) {
  const steps = [];
  let inside = false;
  for (const line of String(answer).split("\n")) {
    const title = line.replace(/^#+\s*/, "").replace(/\*\*/g, "").replace(/:\s*$/, "").trim();
    const item = line.match(/^\s*(?:[-*]|\d+[.)])\s+(.*)$/);
    if (HEADINGS.has(title.toLowerCase())) inside = true;
    else if (inside && item) steps.push(clean(item[1].replace(/\*\*/g, "")));
    else if (inside && line.trim()) inside = false;
  }
  return steps;
}

/** What the page shows now: per answered question, its next steps and sources. */
export function collect(history) {
  const turns = [];
  for (const { question, reply } of history) {
    if (reply.kind === "crisis") continue; // never copied into something printed or shared
    const steps = nextSteps(reply.answer);
    const sources = reply.sources.map((s) => ({ title: s.title, url: s.url }));
    if (steps.length || sources.length) turns.push({ question, steps, sources });
  }
  return turns;
}

function today() {
  return new Intl.DateTimeFormat({ fi: "fi-FI", sv: "sv-FI", en: "en-GB" }[lang()] || "fi-FI").format(new Date());
}

/** The saved steps as plain text, for the download. */
export function asText(turns) {
  const lines = [t("saved_title"), t("saved_intro", { date: today() }), ""];
  for (const turn of turns) {
    lines.push(`${t("saved_question")}: ${turn.question}`);
    for (const step of turn.steps) lines.push(`- ${step}`);
    if (turn.sources.length) {
      lines.push(`${t("sources")}:`);
      for (const s of turn.sources) lines.push(`  ${s.title}: ${s.url}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

function render(turns) {
  const body = $("saved-body");
  const intro = label(el("p", "hint"), "saved_intro", { date: today() });
  const parts = [intro];
  if (!turns.some((turn) => turn.steps.length)) parts.push(label(el("p"), "saved_none"));
  for (const turn of turns) {
    const block = el("section", "saved-turn");
    const heading = el("h3");
    heading.textContent = turn.question;
    block.append(heading);
    if (turn.steps.length) {
      const list = el("ul");
      for (const step of turn.steps) {
        const item = el("li");
        item.textContent = step;
        list.append(item);
      }
      block.append(list);
    }
    if (turn.sources.length) {
      block.append(label(el("p", "saved-sources-title"), "sources"));
      const list = el("ul", "saved-sources");
      for (const s of turn.sources) {
        const item = el("li");
        const link = el("a");
        link.href = s.url;
        link.textContent = s.title;
        const url = el("span", "print-url");
        url.textContent = ` (${s.url})`;
        item.append(link, url);
        list.append(item);
      }
      block.append(list);
    }
    parts.push(block);
  }
  body.replaceChildren(...parts);
}

/** Wires the button; `history` returns the conversation as stored in the tab. */
export function wireSaved(history) {
  const section = $("saved");
  $("save-steps").addEventListener("click", () => {
    render(collect(history()));
    section.hidden = false;
    section.focus();
  });
  $("saved-close").addEventListener("click", () => {
    section.hidden = true;
    $("save-steps").focus();
  });
  $("saved-print").addEventListener("click", () => {
    document.body.classList.add("print-saved");
    window.print();
  });
  window.addEventListener("afterprint", () => document.body.classList.remove("print-saved"));
  $("saved-download").addEventListener("click", () => {
    const blob = new Blob([asText(collect(history()))], { type: "text/plain;charset=utf-8" });
    const link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = `suunta-${new Date().toISOString().slice(0, 10)}.txt`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  });
}
