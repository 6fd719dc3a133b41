// The signed-in user's live event stream (Server-Sent Events). A browser cannot send a token with an
// EventSource, so each connection uses a fresh single-use ticket; after a drop it reconnects with a new
// ticket and the last event id seen, so no event is missed or repeated.

import { post, ApiError } from "./api.js";

const TYPES = ["message.created", "message.updated", "message.deleted", "conversation.created",
  "conversation.updated", "conversation.deleted", "summary.updated"];

export function follow(onEvent) {
  let source = null;
  let lastId = null;
  let stopped = false;

  async function connect() {
    if (stopped) return;
    let ticket = null;
    try {
      ticket = (await post("/v1/auth/tickets")).ticket;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 404)) { // 404: login is off, no ticket needed
        setTimeout(connect, 3000);
        return;
      }
    }
    const params = new URLSearchParams();
    if (ticket) params.set("ticket", ticket);
    if (lastId) params.set("last_event_id", lastId);
    source = new EventSource(`/v1/events${params.size ? "?" + params : ""}`);
    for (const type of TYPES) {
      source.addEventListener(type, (event) => {
        lastId = event.lastEventId || lastId;
        onEvent(type, JSON.parse(event.data));
      });
    }
    const reconnect = () => {
      source.close();
      setTimeout(connect, 1000);
    };
    source.addEventListener("stream.ended", reconnect);
    source.onerror = reconnect;
  }

  connect();
  return () => {
    stopped = true;
    if (source) source.close();
  };
}
