-- wrk script for Pippa's load runs. MODE (env): mixed | post | get.
-- Reads conversation ids from IDS_FILE; counts 2xx (served), 201s (acknowledged posts), 503s with
-- Retry-After (shed) and everything else (errors, a 503 without Retry-After included) per thread, and
-- prints them in done() so load.sh can check that every acknowledged post was stored.
local mode = os.getenv("MODE") or "mixed"
local ids = {}
for line in io.lines(os.getenv("IDS_FILE")) do ids[#ids + 1] = line end

local threads = {}
function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

counter, served, created, shed, errors = 0, 0, 0, 0, 0 -- globals: done() reads them per thread
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
  local conversation = ids[(counter % #ids) + 1]
  local path = "/v1/conversations/" .. conversation .. "/messages"
  local post = mode == "post" or (mode == "mixed" and counter % 2 == 0)
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
    end
  elseif status == 503 and headers["Retry-After"] ~= nil then
    shed = shed + 1
  else
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  local total_served, total_created, total_shed, total_errors = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    total_served = total_served + thread:get("served")
    total_created = total_created + thread:get("created")
    total_shed = total_shed + thread:get("shed")
    total_errors = total_errors + thread:get("errors")
  end
  io.write(string.format("COUNTS served=%d created=%d shed=%d errors=%d\n", total_served, total_created,
    total_shed, total_errors))
  io.write(string.format("LATENCY p50_ms=%.3f p99_ms=%.3f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
