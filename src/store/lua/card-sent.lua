-- A patch job sent `version` (or gave up on it): release the card unless newer content arrived.
-- KEYS: the card's hash
-- ARGV: version sent, giveUp ('1' releases whatever the version)
-- Returns 0 when released (the next update starts a new job), else the newer version to send.
local sent = tonumber(ARGV[1])
if sent > tonumber(redis.call('HGET', KEYS[1], 'sent') or '0') then
  redis.call('HSET', KEYS[1], 'sent', sent)
end
local latest = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if latest <= sent or ARGV[2] == '1' then
  redis.call('HDEL', KEYS[1], 'pending')
  return 0
end
return latest
