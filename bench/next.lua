-- wrk script of bench.sh: POST /next/{user} with a random user out of N and a random valid
-- track per request; prints one "BENCH key=value ..." line for bench.sh to read.
-- usage: wrk -s bench/next.lua URL -- TRACKS_FILE USERS
local tracks = {}
local users = 10000
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
  table.insert(threads, thread)
end

function init(args)
  local file = args[1] or error("pass the tracks file: wrk -s next.lua URL -- TRACKS_FILE USERS")
  users = tonumber(args[2] or "10000")
  for line in io.lines(file) do
    local id = tonumber(line)
    if id then tracks[#tracks + 1] = id end
  end
  if #tracks == 0 then error("no track ids in " .. file) end
  math.randomseed(os.time() * 1000 + (thread_id or 0))
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local user = math.random(0, users - 1)
  local track = tracks[math.random(#tracks)]
  local body = string.format('{"track":%d,"time":%.3f}', track, math.random())
  return wrk.format("POST", "/next/" .. user, nil, body)
end

function done(summary, latency, requests)
  -- errors.status counts answers with status >= 400; the others are socket errors
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d status_errors=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write + e.timeout))
end
