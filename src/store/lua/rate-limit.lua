-- Admits one call only if every window has room, and records it in all of them (one atomic step
-- shared by every instance). A sliding-window log, not a refilling bucket: a bucket of size N
-- refilled at N/s lets almost 2N calls through in one second, and Feishu's windows do not.
-- KEYS: one sorted set per window
-- ARGV: memberId, then limit and windowMs for each key in order
-- Returns 0 when admitted, else the milliseconds to wait before the call could be admitted.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local wait = 0
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i])
  local window = tonumber(ARGV[2 * i + 1])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local count = redis.call('ZCARD', key)
  if count >= limit then
    -- The call fits once the (count - limit + 1) oldest entries have left the window.
    local oldest = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
    local w = tonumber(oldest[2]) + window - now + 1
    if w > wait then wait = w end
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, ARGV[1])
  redis.call('PEXPIRE', key, tonumber(ARGV[2 * i + 1]) + 1000)
end
return 0
