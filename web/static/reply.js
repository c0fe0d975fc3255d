// One reply on screen: the answer (Markdown-lite), crisis and handoff styling, numbered sources.
import { everyLanguage, label, t } from "./i18n.js";
import { renderMarkdown, safeUrl } from "./markdown.js";

let replies = 0;

function el(tag, className) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

/** A new, empty place for a reply; returns {container, body, prefix}. */
export function replyShell() {
  replies += 1;
  const container = el("div", "answer");
  const who = el("p", "who");
  who.textContent = "Suunta";
  const body = el("div", "answer-body");
  container.append(who, body);
  return { container, body, prefix: `r${replies}-src` };
}

/** Shows text that is still streaming in (citations stay plain until the sources arrive). */
export function renderPartial(shell, text) {
  shell.body.replaceChildren(renderMarkdown(text, { sources: 0 }));
}

function sourcesList(reply, prefix) {
  const section = el("section", "sources");
  const headingId = `${prefix}-h`;
  const heading = label(el("h3"), "sources");
  heading.id = headingId;
  section.setAttribute("aria-labelledby", headingId);
  const list = el("ol");
  reply.sources.forEach((source, index) => {
    const item = el("li");
    item.id = `${prefix}-${index + 1}`;
    item.tabIndex = -1; // a citation link moves focus here
    const url = safeUrl(source.url);
    const title = url ? el("a") : el("span");
    if (url) {
      title.href = url;
      title.target = "_blank";
      title.rel = "noopener noreferrer";
    }
    title.append(source.title);
    if (url) title.append(" ", label(el("span", "visually-hidden"), "opens_new_tab"));
    item.append(title);
    if (source.snippet) {
      const snippet = el("p", "snippet");
      snippet.textContent = source.snippet;
      item.append(snippet);
    }
    list.append(item);
  });
  section.append(heading, list);
  return section;
}

// The chat services the crisis reply names (kb-facts section 7), as links.
const CRISIS_CHATS = [
  ["chat_sekasin", "https://sekasin.fi/"],
  ["chat_mieli", "https://mieli.fi/"],
  ["chat_mll", "https://www.nuortennetti.fi/"],
];

function crisisChats() {
  const section = el("div", "crisis-chats");
  const list = el("ul");
  for (const [key, url] of CRISIS_CHATS) {
    const link = el("a");
    link.href = url;
    link.target = "_blank";
    link.rel = "noopener noreferrer";
    link.append(label(el("span"), key), " ", label(el("span", "visually-hidden"), "opens_new_tab"));
    const item = el("li");
    item.append(link);
    list.append(item);
  }
  section.append(label(el("p", "crisis-chats-title"), "crisis_chats"), list);
  return section;
}

/** Shows the finished reply in `shell`. Crisis replies become an alert that cannot be missed. */
export function renderReply(shell, reply) {
  const { container, body, prefix } = shell;
  container.classList.add(`kind-${reply.kind}`);
  container.setAttribute("lang", reply.language);
  const content = renderMarkdown(reply.answer, {
    sources: reply.sources.length,
    idPrefix: prefix,
    sourceLabel: (n) => t("source_n", { n }),
    phones: reply.kind === "crisis" || reply.kind === "handoff",
    nextStepsLabels: everyLanguage("next_steps"),
  });
  if (reply.kind === "crisis") {
    // A fresh role="alert" element, so screen readers announce it the moment it appears.
    const alert = el("div", "crisis-box");
    alert.setAttribute("role", "alert");
    alert.append(label(el("h3", "crisis-title"), "crisis_title"), content, crisisChats());
    body.replaceChildren(alert);
  } else {
    body.replaceChildren(content);
  }
  if (reply.sources.length) container.append(sourcesList(reply, prefix));
  for (const link of body.querySelectorAll("a.cite")) {
    link.addEventListener("click", (event) => {
      const target = document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      event.preventDefault();
      target.scrollIntoView({ block: "nearest" });
      target.focus();
    });
  }
}

/** The reply as plain text, for the screen-reader announcement. */
export function plainText(answer) {
  return String(answer).replace(/\*\*/g, "").replace(/\[(\d{1,2})\]/g, "").replace(/\s+/g, " ").trim();
}
