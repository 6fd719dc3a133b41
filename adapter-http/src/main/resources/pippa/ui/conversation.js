// One conversation: its messages (the newest page first, older pages on request), metadata on demand, its
// summary, a form to post, and new messages appearing live.

import { get, post, query } from "./api.js";
import { el, when } from "./render.js";

const PAGE = 20;

function messageItem(message) {
  const metadata = Object.keys(message.metadata || {}).length
    ? el("details", {}, el("summary", {}, "Metadata"), el("pre", { class: "json" }, JSON.stringify(message.metadata, null, 2)))
    : null;
  return el("article", { class: "message", id: `m-${message.id}`, "data-id": message.id },
    el("div", { class: "row" }, el("span", { class: "role" }, message.role), el("span", { class: "meta" }, when(message.created_at))),
    el("p", { class: "content" }, message.content), metadata);
}

/** Renders the conversation into {@code main}; returns a function that takes a live event. */
export async function showConversation(main, id, focusMessage, fail) {
  const conversation = await get(`/v1/conversations/${encodeURIComponent(id)}`);
  const list = el("section", { "aria-label": "Messages", id: "messages" });
  const older = el("button", { type: "button", class: "secondary", id: "older" }, "Older messages");
  const summary = el("div", { class: "summary", id: "summary", hidden: true });
  let cursor = null;

  async function loadOlder() {
    const page = await get(`/v1/conversations/${encodeURIComponent(id)}/messages${query({ order: "desc", limit: PAGE, cursor })}`);
    for (const message of page.data) { // newest first: each older one goes on top
      if (!document.getElementById(`m-${message.id}`)) list.insertBefore(messageItem(message), list.firstChild);
    }
    cursor = page.next_cursor;
    older.hidden = !page.has_more;
    return page.data;
  }

  const content = el("textarea", { id: "new-message", rows: 3, required: true });
  const form = el("form", { id: "post-message", onsubmit: async (event) => {
    event.preventDefault();
    try {
      const message = await post(`/v1/conversations/${encodeURIComponent(id)}/messages`, { role: "user", content: content.value });
      append(message);
      content.value = "";
    } catch (error) {
      fail(error);
    }
  } }, el("label", { for: "new-message" }, "New message"), content, el("p", {}, el("button", { type: "submit" }, "Post")));

  main.replaceChildren(el("h1", {}, conversation.title || "Untitled conversation"),
    el("p", { class: "meta" }, `${conversation.message_count} messages · last activity ${when(conversation.updated_at)}`),
    summary, older, list, form);
  older.addEventListener("click", () => loadOlder().catch(fail));

  await loadOlder();
  get(`/v1/conversations/${encodeURIComponent(id)}/summary`).then((answer) => {
    if (answer.status === "ready") {
      summary.replaceChildren(el("strong", {}, "Summary: "), answer.summary);
      summary.hidden = false;
    }
  }).catch(() => {});
  for (let pages = 0; focusMessage && !document.getElementById(`m-${focusMessage}`) && cursor && pages < 20; pages++) {
    await loadOlder();
  }
  const target = focusMessage && document.getElementById(`m-${focusMessage}`);
  if (target) {
    target.classList.add("target");
    target.scrollIntoView({ block: "center" });
  }

  function append(message) {
    if (message.conversation_id === id && !document.getElementById(`m-${message.id}`)) list.append(messageItem(message));
  }
  return (type, data) => {
    if (type === "message.created") append(data);
  };
}
