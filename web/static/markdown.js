// Markdown-lite, safely: the text only ever becomes text nodes; the one structure recognised is
// **bold**, bullet and numbered lists, [n] citations that link to the numbered sources, and web
// addresses (and, in crisis replies, phone numbers) that become links.
// No HTML from an answer is ever parsed, so nothing in it can run or restyle the page.

const INLINE = /\*\*(.+?)\*\*|\[(\d{1,2})\]/g;
const PHONE = /(\+?\d[\d ]{1,14}\d)/g;
const BULLET = /^\s*(?:[-*•])\s+(.*)$/;
const NUMBERED = /^\s*\d{1,2}[.)]\s+(.*)$/;
const HEADING = /^\s*#{1,6}\s+(.*)$/;
// Web addresses as replies write them ("ohjaamot.fi", "mieli.fi/helpline", "https://..."): only
// the top-level domains Suunta's replies use, so dates ("1.1.2025") and abbreviations never match.
const WEB = /\b((?:https?:\/\/)?(?:[a-z0-9-]*[a-z][a-z0-9-]*\.)+(?:fi|se|eu|com|org|net)(?:\/[\w\-./?=&%#~]*)?)/gi;

function phoneLinks(parent, text) {
  let last = 0;
  for (const match of text.matchAll(PHONE)) {
    const digits = match[1].replace(/\D/g, "");
    if (digits.length < 3) continue;
    parent.append(text.slice(last, match.index));
    const link = document.createElement("a");
    link.href = "tel:" + (match[1].startsWith("+") ? "+" : "") + digits;
    link.className = "phone";
    link.textContent = match[1];
    parent.append(link);
    last = match.index + match[0].length;
  }
  parent.append(text.slice(last));
}

function webLinks(parent, text, options) {
  const rest = (value) => (options.phones ? phoneLinks(parent, value) : parent.append(value));
  let last = 0;
  for (const match of text.matchAll(WEB)) {
    // A sentence's full stop or comma after an address is not part of it.
    const address = match[1].replace(/[.,;:]+$/, "");
    const href = safeUrl(/^https?:\/\//i.test(address) ? address : `https://${address}`);
    if (!href || text[match.index - 1] === "@") continue;
    rest(text.slice(last, match.index));
    const link = document.createElement("a");
    link.href = href;
    link.className = "web";
    link.rel = "noopener noreferrer";
    link.target = "_blank";
    link.textContent = address;
    parent.append(link);
    last = match.index + address.length;
  }
  rest(text.slice(last));
}

function inline(parent, text, options, depth = 0) {
  const plain = (target, value) => webLinks(target, value, options);
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    plain(parent, text.slice(last, match.index));
    if (match[1] !== undefined && depth === 0) {
      const strong = document.createElement("strong");
      inline(strong, match[1], options, depth + 1);
      parent.append(strong);
    } else if (match[2] !== undefined && Number(match[2]) >= 1 && Number(match[2]) <= options.sources) {
      const n = Number(match[2]);
      const link = document.createElement("a");
      link.href = `#${options.idPrefix}-${n}`;
      link.className = "cite";
      link.textContent = `[${n}]`;
      if (options.sourceLabel) link.setAttribute("aria-label", options.sourceLabel(n));
      parent.append(link);
    } else {
      plain(parent, match[0]);
    }
    last = match.index + match[0].length;
  }
  plain(parent, text.slice(last));
}

function blocks(text) {
  const result = [];
  let paragraph = null;
  let list = null;
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const bullet = line.match(BULLET);
    const numbered = bullet ? null : line.match(NUMBERED);
    const heading = line.match(HEADING);
    if (bullet || numbered) {
      const type = bullet ? "ul" : "ol";
      if (!list || list.type !== type) {
        list = { type, items: [] };
        result.push(list);
      }
      list.items.push((bullet || numbered)[1]);
      paragraph = null;
    } else if (!line.trim()) {
      paragraph = null;
      list = null;
    } else if (heading) {
      result.push({ type: "heading", lines: [heading[1]] });
      paragraph = null;
      list = null;
    } else if (paragraph) {
      paragraph.lines.push(line.trim());
    } else {
      paragraph = { type: "p", lines: [line.trim()] };
      list = null;
      result.push(paragraph);
    }
  }
  return result;
}

function labelOnly(block) {
  // A paragraph that is nothing but **Label:** introduces the list after it.
  if (block.type === "heading") return block.lines[0].replace(/\*\*/g, "").replace(/:\s*$/, "");
  if (block.type !== "p" || block.lines.length !== 1) return null;
  const match = block.lines[0].match(/^\*\*([^*]+?):?\*\*:?$/);
  return match ? match[1].trim() : null;
}

/**
 * Renders `text` into a DocumentFragment.
 * options: sources (how many numbered sources exist), idPrefix (their element ids are
 * `${idPrefix}-${n}`), sourceLabel(n) for the citation links' accessible names, phones (link phone
 * numbers, for crisis replies), nextStepsLabels (headings that mark the next-steps list).
 */
export function renderMarkdown(text, options) {
  const opts = { sources: 0, idPrefix: "src", phones: false, nextStepsLabels: [], ...options };
  const wanted = new Set(opts.nextStepsLabels.map((s) => s.toLowerCase()));
  const fragment = document.createDocumentFragment();
  const list = blocks(String(text || ""));
  for (let i = 0; i < list.length; i += 1) {
    const block = list[i];
    const title = labelOnly(block);
    const next = list[i + 1];
    if (title !== null && next && (next.type === "ul" || next.type === "ol")) {
      const group = document.createElement("section");
      group.className = wanted.has(title.toLowerCase()) ? "next-steps" : "md-group";
      const heading = document.createElement("h3");
      inline(heading, title, opts);
      group.append(heading, renderList(next, opts));
      fragment.append(group);
      i += 1;
    } else if (block.type === "ul" || block.type === "ol") {
      fragment.append(renderList(block, opts));
    } else {
      const p = document.createElement("p");
      if (block.type === "heading") p.className = "md-heading";
      block.lines.forEach((line, n) => {
        if (n > 0) p.append(document.createElement("br"));
        inline(p, line, opts);
      });
      fragment.append(p);
    }
  }
  return fragment;
}

function renderList(block, opts) {
  const list = document.createElement(block.type);
  for (const item of block.items) {
    const li = document.createElement("li");
    inline(li, item, opts);
    list.append(li);
  }
  return list;
}

/** The URL if it is http(s), else null: a source link can never run script. */
export function safeUrl(url) {
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch (_) {
    return null;
  }
}
