-- wrk script for Pippa's load runs. MODE (env): mixed | post | get.
-- Reads conversation ids from IDS_FILE; counts 2xx (served), 201s (acknowledged posts), 503s with
-- Retry-After (shed) and everything else (errors, a 503 without Retry-After included) per thread, and
-- prints them in done() so load.sh can check that every acknowledged post was stored.
-- In the mixed run each connection posts to a conversation and then reads that same conversation's page
-- (limit=100), moving on to the next conversation after each pair: every conversation that is read is
-- also written, so pages fill up to 100 messages. (Until 2026-11-29 the conversation was picked by
-- counter % #ids with POSTs on even counters, so with 20 conversations every POST went to an even-numbered
-- conversation and every GET read an odd-numbered one that never grew past its 5 seeded messages.)
-- Every 16th page read is counted, and done() prints the average number of messages per page read.
local mode = os.getenv("MODE") or "mixed"
local ids = {}
for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end

local threads = {}
function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

counter, served, created, shed, errors = 0, 0, 0, 0, 0 -- globals: done() reads them per thread
pages, page_messages, gets = 0, 0, 0
local post_body = '{"role":"user","content":"load test message"}'
local post_headers = { ["Content-Type"] = "application/json" }
local get_headers = {}
local token = os.getenv("TOKEN") or ""
if token ~= "" then -- AUTH=bearer: every request carries the bench user's token
  post_headers["Authorization"] = "Bearer " .. token
  get_headers["Authorization"] = "Bearer " .. token
end

function init(args)
  counter = tonumber(id) or 0
end

function request()
  counter = counter + 1
  local post = mode == "post" or (mode == "mixed" and counter % 2 == 0)
  -- mixed: a POST (even counter) and the GET after it (odd) go to the same conversation
  local pick = mode == "mixed" and math.floor(counter / 2) or counter
  local conversation = ids[(pick % #ids) + 1]
  local path = "/v1/conversations/" .. conversation .. "/messages"
  if post then
    return wrk.format("POST", path, post_headers, post_body)
  end
  return wrk.format("GET", path .. "?limit=100", get_headers)
end

function response(status, headers, body)
  if status == 200 or status == 201 then
    served = served + 1
    if status == 201 then
      created = created + 1
    else
      gets = gets + 1
      if gets % 16 == 0 then -- a sample: counting every page would slow the load generator down
        local _, messages = string.gsub(body, '"object":"message"', "")
        pages = pages + 1
        page_messages = page_messages + messages
      end
    end
  elseif status == 503 and headers["Retry-After"] ~= nil then
    shed = shed + 1
  else
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  local total_served, total_created, total_shed, total_errors = 0, 0, 0, 0
  local total_pages, total_page_messages = 0, 0
  for _, thread in ipairs(threads) do
    total_pages = total_pages + thread:get("pages")
    total_page_messages = total_page_messages + thread:get("page_messages")
    total_served = total_served + thread:get("served")
    total_created = total_created + thread:get("created")
    total_shed = total_shed + thread:get("shed")
    total_errors = total_errors + thread:get("errors")
  end
  io.write(string.format("COUNTS served=%d created=%d shed=%d errors=%d\n", total_served, total_created,
    total_shed, total_errors))
  if total_pages > 0 then
    io.write(string.format("PAGES sampled=%d avg_messages=%.1f\n", total_pages, total_page_messages / total_pages))
  end
  io.write(string.format("LATENCY p50_ms=%.3f p99_ms=%.3f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
