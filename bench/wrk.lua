-- wrk script of `make bench` (bench/load.py): each request fills the path template's
-- placeholders at random, and the run ends with one JSON line of figures.
--   {slug}  a synthetic platform, synthetic-000001 … synthetic-<PLATFORMS>
--   {q}     one of the typical queries of QUERIES (separated by "|", URL-encoded)
--   {nonce} a random number, so that a cached answer is not reused
--   {time}  a random moment between UPDATED_FROM and UPDATED_TO (Unix seconds), in ISO 8601
local template = os.getenv("PATH_TEMPLATE") or "/"
local platforms = tonumber(os.getenv("PLATFORMS") or "1000")
local updated_from = tonumber(os.getenv("UPDATED_FROM") or "0")
local updated_to = tonumber(os.getenv("UPDATED_TO") or "1")
local queries = {}
for q in string.gmatch(os.getenv("QUERIES") or "akku", "[^|]+") do
  table.insert(queries, q)
end

math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))

request = function()
  local path = template
  path = path:gsub("{slug}", function() return string.format("synthetic-%06d", math.random(1, platforms)) end)
  path = path:gsub("{q}", function() return queries[math.random(1, #queries)] end)
  path = path:gsub("{nonce}", function() return tostring(math.random(1, 1000000000)) end)
  path = path:gsub("{time}", function()
    return os.date("!%Y-%m-%dT%H:%M:%SZ", math.random(updated_from, updated_to))
  end)
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"non_2xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
