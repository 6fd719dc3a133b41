// Pippa's inspector: log in, list and filter conversations, read one, search, watch messages arrive and
// see an overview. Plain modules, no framework; routes live in the URL's fragment (#/…).

import { ApiError, get, login, logout, needsLogin, query, token } from "./api.js";
import { follow } from "./live.js";
import { el, snippet, when, chart } from "./render.js";
import { showConversation } from "./conversation.js";

const main = document.getElementById("main");
const errorBox = document.getElementById("error");
let onLive = () => {};
let stopLive = null;
let loginOn = false;

function fail(error) {
  errorBox.textContent = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  errorBox.hidden = false;
  if (error instanceof ApiError && error.status === 401 && loginOn) showLogin();
}

function clearError() {
  errorBox.hidden = true;
  errorBox.textContent = "";
}

function showLogin() {
  if (stopLive) stopLive();
  stopLive = null;
  document.getElementById("nav").hidden = true;
  const email = el("input", { id: "email", type: "email", autocomplete: "username", required: true });
  const password = el("input", { id: "password", type: "password", autocomplete: "current-password", required: true });
  main.replaceChildren(el("form", { class: "login", id: "login", onsubmit: async (event) => {
    event.preventDefault();
    try {
      await login(email.value, password.value);
      clearError();
      start();
    } catch (error) {
      fail(error);
    }
  } }, el("h1", {}, "Log in"), el("label", { for: "email" }, "Email"), email,
  el("label", { for: "password" }, "Password"), password, el("p", {}, el("button", { type: "submit" }, "Log in"))));
  email.focus();
}

async function showList(params) {
  const q = params.get("q") || "";
  const archived = params.get("archived") || "false";
  const filter = el("input", { id: "filter", type: "search", value: q });
  const showArchived = el("input", { id: "archived", type: "checkbox", checked: archived === "true" });
  const list = el("ul", { class: "list", id: "conversations" });
  const more = el("button", { type: "button", class: "secondary", id: "more", hidden: true }, "More");
  let cursor = null;
  async function load() {
    const page = await get(`/v1/conversations${query({ limit: 20, cursor, q, archived })}`);
    for (const conversation of page.data) {
      list.append(el("li", {}, el("a", { href: `#/c/${conversation.id}` }, conversation.title || "Untitled conversation"),
        el("div", { class: "meta" }, `${conversation.message_count} messages · ${when(conversation.updated_at)}`
          + (conversation.pinned ? " · pinned" : ""))));
    }
    cursor = page.next_cursor;
    more.hidden = !page.has_more;
  }
  more.addEventListener("click", () => load().catch(fail));
  main.replaceChildren(el("h1", {}, "Conversations"),
    el("form", { class: "inline", role: "search", onsubmit: (event) => {
      event.preventDefault();
      location.hash = `#/conversations${query({ q: filter.value, archived: showArchived.checked ? "true" : "" })}`;
    } }, el("div", {}, el("label", { for: "filter" }, "Title contains"), filter),
    el("div", { class: "row" }, showArchived, el("label", { for: "archived" }, "Archived only")),
    el("button", { type: "submit" }, "Filter")), list, more);
  await load();
  onLive = (type) => {
    if (type.startsWith("conversation.") || type === "message.created") {
      clearTimeout(showList.refresh);
      showList.refresh = setTimeout(() => route(), 300);
    }
  };
}

async function showSearch(params) {
  const q = params.get("q") || "";
  const box = el("input", { id: "q", type: "search", value: q, required: true });
  const results = el("ul", { class: "list", id: "results" });
  main.replaceChildren(el("h1", {}, "Search"), el("form", { class: "inline", role: "search", onsubmit: (event) => {
    event.preventDefault();
    location.hash = `#/search${query({ q: box.value })}`;
  } }, el("div", {}, el("label", { for: "q" }, "Search messages"), box), el("button", { type: "submit" }, "Search")), results);
  box.focus();
  if (!q) return;
  const page = await get(`/v1/search${query({ q, limit: 20 })}`);
  for (const hit of page.data) {
    if (!hit.message) continue;
    results.append(el("li", {}, el("a", { href: `#/c/${hit.message.conversation_id}/m/${hit.message.id}` },
      `${hit.message.role} · ${when(hit.message.created_at)}`), snippet(hit.snippet)));
  }
  if (!page.data.length) results.append(el("li", {}, "Nothing found."));
}

async function showOverview() {
  const activity = await get("/v1/activity?days=30");
  const total = activity.messages_per_day.reduce((sum, day) => sum + day.messages, 0);
  main.replaceChildren(el("h1", {}, "Overview"), el("div", { class: "cards" },
    el("div", { class: "card" }, el("div", { class: "number", id: "count-conversations" }, activity.conversations), "conversations"),
    el("div", { class: "card" }, el("div", { class: "number", id: "count-messages" }, activity.messages), "messages"),
    el("div", { class: "card" }, el("div", { class: "number" }, total), "messages in the last 30 days")),
  el("h2", {}, "Messages per day"), chart(activity.messages_per_day));
}

async function route() {
  clearError();
  onLive = () => {};
  const [path, search = ""] = location.hash.slice(1).split("?");
  const params = new URLSearchParams(search);
  const parts = path.split("/").filter(Boolean);
  try {
    if (parts[0] === "c" && parts[1]) onLive = await showConversation(main, parts[1], parts[3], fail);
    else if (parts[0] === "search") await showSearch(params);
    else if (parts[0] === "overview") await showOverview();
    else await showList(params);
  } catch (error) {
    fail(error);
  }
}

function start() {
  document.getElementById("nav").hidden = false;
  if (!stopLive) stopLive = follow((type, data) => onLive(type, data));
  route();
}

document.getElementById("logout").addEventListener("click", async () => {
  await logout();
  location.hash = "#/conversations";
  if (loginOn) showLogin();
  else start();
});
window.addEventListener("hashchange", () => (token() || !loginOn) && route());

needsLogin().then((needed) => {
  loginOn = needed || Boolean(token());
  needed ? showLogin() : start();
}).catch(fail);
