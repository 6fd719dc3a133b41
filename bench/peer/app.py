"""The original design, as a peer for side-by-side benchmarks (bench/peer.sh).

The seed design's production shape: FastAPI routes, pydantic models validating the bodies, an aiosqlite
store (WAL, synchronous=FULL like Pippa's default, so both pay for durable writes), served by uvicorn with
two worker processes. Only what the benchmark harness calls: create a conversation, post a message, read a
page of messages (oldest first, limit up to 100), and a liveness route.

    /usr/bin/python3 app.py init DB       # create the schema once
    PEER_DB=DB /usr/bin/python3 -m uvicorn app:app --workers 2 --port PORT --no-access-log
"""
import asyncio
import os
import sys
import time
import uuid
from typing import Literal, Optional

import aiosqlite
from fastapi import FastAPI, HTTPException, Query
from pydantic import BaseModel, Field

SCHEMA = """
PRAGMA journal_mode = WAL;
CREATE TABLE IF NOT EXISTS conversation (
    id TEXT PRIMARY KEY, title TEXT, message_count INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS message (
    id TEXT PRIMARY KEY, conversation_id TEXT NOT NULL REFERENCES conversation (id) ON DELETE CASCADE,
    role TEXT NOT NULL, content TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS message_by_conversation ON message (conversation_id, id);
"""

app = FastAPI(title="seed design peer")


class NewConversation(BaseModel):
    title: Optional[str] = Field(default=None, max_length=200)


class NewMessage(BaseModel):
    role: Literal["system", "user", "assistant", "tool"]
    content: str = Field(min_length=1, max_length=32000)


def new_id(prefix: str) -> str:
    """Time-ordered, like Pippa's ids, so id order is creation order."""
    return f"{prefix}_{time.time_ns():020d}{uuid.uuid4().hex[:10]}"


@app.on_event("startup")
async def open_store() -> None:
    # IMMEDIATE: a write transaction takes the write lock when it begins, so two workers writing at once wait
    # (busy_timeout) instead of one failing when its snapshot went stale.
    db = await aiosqlite.connect(os.environ.get("PEER_DB", "peer.db"), isolation_level="IMMEDIATE", timeout=30)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "busy_timeout = 30000", "foreign_keys = ON"):
        await db.execute(f"PRAGMA {pragma}")
    app.state.db = db
    app.state.write_lock = asyncio.Lock()  # one connection per worker: its transactions must not interleave


@app.on_event("shutdown")
async def close_store() -> None:
    await app.state.db.close()


@app.get("/observe/health/live")
async def live() -> dict:
    return {"status": "UP"}


@app.post("/v1/conversations", status_code=201)
async def create_conversation(body: NewConversation) -> dict:
    now = int(time.time() * 1000)
    conversation = {"id": new_id("conv"), "object": "conversation", "title": body.title, "message_count": 0,
                    "created_at": now, "updated_at": now}
    async with app.state.write_lock:
        await app.state.db.execute(
            "INSERT INTO conversation (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
            (conversation["id"], body.title, now, now))
        await app.state.db.commit()
    return conversation


@app.post("/v1/conversations/{conversation_id}/messages", status_code=201)
async def post_message(conversation_id: str, body: NewMessage) -> dict:
    now = int(time.time() * 1000)
    message = {"id": new_id("msg"), "object": "message", "conversation_id": conversation_id, "role": body.role,
               "content": body.content, "created_at": now}
    db = app.state.db
    async with app.state.write_lock:
        updated = await db.execute(
            "UPDATE conversation SET message_count = message_count + 1, updated_at = ? WHERE id = ?",
            (now, conversation_id))
        if updated.rowcount == 0:
            await db.rollback()
            raise HTTPException(status_code=404, detail="conversation not found")
        await db.execute("INSERT INTO message (id, conversation_id, role, content, created_at) VALUES (?, ?, ?, ?, ?)",
                         (message["id"], conversation_id, body.role, body.content, now))
        await db.commit()
    return message


@app.get("/v1/conversations/{conversation_id}/messages")
async def list_messages(conversation_id: str, limit: int = Query(default=20, ge=1, le=100),
                        cursor: Optional[str] = None) -> dict:
    db = app.state.db
    # execute_fetchall runs and finishes each query in one call on the connection's thread: a cursor left
    # open between awaits would keep a read snapshot on the shared connection, and a write interleaved on it
    # then fails at once with "database is locked" once the other worker has committed.
    if not await db.execute_fetchall("SELECT 1 FROM conversation WHERE id = ?", (conversation_id,)):
        raise HTTPException(status_code=404, detail="conversation not found")
    fetched = await db.execute_fetchall(
        "SELECT id, role, content, created_at FROM message WHERE conversation_id = ? AND id > ? ORDER BY id LIMIT ?",
        (conversation_id, cursor or "", limit + 1))
    page = [{"id": row[0], "object": "message", "conversation_id": conversation_id, "role": row[1],
             "content": row[2], "created_at": row[3]} for row in fetched[:limit]]
    more = len(fetched) > limit
    return {"object": "list", "data": page, "has_more": more, "next_cursor": page[-1]["id"] if more else None}


if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "init":
    import sqlite3

    with sqlite3.connect(sys.argv[2]) as connection:
        connection.executescript(SCHEMA)
