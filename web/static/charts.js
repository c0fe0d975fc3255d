// Charts drawn here as inline SVG (no library, nothing fetched); every value is also in the
// chart's accessible name, so a screen reader gets the numbers too.
const SVG = "http://www.w3.org/2000/svg";

function node(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

function frame(width, height, title, items, format) {
  const svg = node("svg", { viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img" });
  const spoken = items.map((item) => `${item.label}: ${item.value === null ? "–" : format(item.value)}`).join("; ");
  svg.append(node("title", {}, `${title}. ${spoken}`));
  return svg;
}

// On a phone the drawing is made narrower, so that it is not scaled down into unreadable text.
const narrow = () => window.matchMedia("(max-width: 40rem)").matches;

/** Horizontal bars, one per item ({label, value}); null values are drawn as "–". */
export function barChart(title, items, { format = String, suppressedText = "–" } = {}) {
  const row = 22;
  const small = narrow();
  const labelWidth = small ? 130 : 180;
  const width = small ? 340 : 480;
  const chars = small ? 19 : 26;
  const height = Math.max(row * items.length + 8, 30);
  const svg = frame(width, height, title, items, format);
  const max = Math.max(1, ...items.map((item) => item.value || 0));
  items.forEach((item, i) => {
    const y = 4 + i * row;
    const label = item.label.length > chars ? `${item.label.slice(0, chars - 1)}…` : item.label;
    svg.append(node("text", { x: labelWidth - 6, y: y + 14, "text-anchor": "end" }, label));
    if (item.value === null || item.value === undefined) {
      svg.append(node("text", { x: labelWidth + 4, y: y + 14, class: "muted" }, suppressedText));
      return;
    }
    const barWidth = Math.max(1, ((width - labelWidth - 70) * item.value) / max);
    svg.append(node("rect", { x: labelWidth, y: y + 3, width: barWidth, height: row - 8, class: "bar" }));
    svg.append(node("text", { x: labelWidth + barWidth + 4, y: y + 14 }, format(item.value)));
  });
  return svg;
}

/** Vertical bars over time ({label: date, value}); shows the first, middle and last date. */
export function columnChart(title, items, { format = String } = {}) {
  const width = narrow() ? 340 : 460;
  const height = 170;
  const left = 36;
  const bottom = 24;
  const svg = frame(width, height, title, items, format);
  const max = Math.max(1, ...items.map((item) => item.value || 0));
  const plotHeight = height - bottom - 10;
  const step = (width - left - 6) / Math.max(1, items.length);
  svg.append(node("line", { x1: left, y1: height - bottom, x2: width, y2: height - bottom, class: "axis" }));
  svg.append(node("text", { x: left - 4, y: 14, "text-anchor": "end" }, format(max)));
  svg.append(node("text", { x: left - 4, y: height - bottom, "text-anchor": "end" }, "0"));
  items.forEach((item, i) => {
    if (item.value === null || item.value === undefined) {
      // Hidden (small-group suppression): a grey mark below the axis, never a zero.
      svg.append(
        node("rect", {
          x: left + i * step + step * 0.1,
          y: height - bottom + 2,
          width: Math.max(1, step * 0.8),
          height: 4,
          class: "hidden-mark",
        }),
      );
    } else if (item.value) {
      const barHeight = (plotHeight * item.value) / max;
      svg.append(
        node("rect", {
          x: left + i * step + step * 0.1,
          y: height - bottom - barHeight,
          width: Math.max(1, step * 0.8),
          height: barHeight,
          class: "bar",
        }),
      );
    }
  });
  const ticks = items.length > 2 ? [0, Math.floor(items.length / 2), items.length - 1] : items.map((_, i) => i);
  ticks.forEach((i, n) => {
    // The first and last labels lean inwards so that they are never cut at the edges.
    const anchor = n === 0 && ticks.length > 1 ? "start" : n === ticks.length - 1 && n > 0 ? "end" : "middle";
    const x = anchor === "start" ? left : anchor === "end" ? width - 2 : left + i * step + step / 2;
    svg.append(node("text", { x, y: height - 6, "text-anchor": anchor }, items[i].label));
  });
  return svg;
}
