// Building the page from data without ever interpreting it as HTML: every text goes in as a text node.

/** An element with attributes (on* keys become listeners) and children (strings become text nodes). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** A search snippet: only Pippa's own <mark>…</mark> become highlights; everything else stays text. */
export function snippet(text) {
  const container = el("p", { class: "content" });
  const parts = text.split(/(<mark>|<\/mark>)/);
  let marked = false;
  for (const part of parts) {
    if (part === "<mark>") marked = true;
    else if (part === "</mark>") marked = false;
    else if (part) container.append(marked ? el("mark", {}, part) : document.createTextNode(part));
  }
  return container;
}

export function when(timestamp) {
  return timestamp ? new Date(timestamp).toLocaleString() : "";
}

/** Messages per day as bars, drawn as SVG, with the first and last dates under them. */
export function chart(days) {
  const width = 600, height = 160, bottom = 20;
  const most = Math.max(1, ...days.map((day) => day.messages));
  const slot = width / days.length;
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("class", "chart");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", `Messages per day for the last ${days.length} days`);
  days.forEach((day, index) => {
    const bar = document.createElementNS(svg.namespaceURI, "rect");
    const barHeight = Math.round((height - bottom - 10) * day.messages / most);
    bar.setAttribute("x", String(index * slot + 1));
    bar.setAttribute("y", String(height - bottom - barHeight));
    bar.setAttribute("width", String(Math.max(1, slot - 2)));
    bar.setAttribute("height", String(barHeight));
    const title = document.createElementNS(svg.namespaceURI, "title");
    title.textContent = `${day.date}: ${day.messages}`;
    bar.append(title);
    svg.append(bar);
  });
  for (const [index, anchor] of [[0, "start"], [days.length - 1, "end"]]) {
    const label = document.createElementNS(svg.namespaceURI, "text");
    label.setAttribute("x", String(anchor === "start" ? 0 : width));
    label.setAttribute("y", String(height - 5));
    label.setAttribute("text-anchor", anchor);
    label.textContent = days[index].date;
    svg.append(label);
  }
  return svg;
}
