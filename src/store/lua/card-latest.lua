-- Records the latest content of a card to patch, and says which patch job must carry it.
-- KEYS: the card's hash (content, version, sent, pending, gen)
-- ARGV: content (card JSON string), ttlSeconds
-- Returns the job generation: a new one when no job was pending (the caller adds that job), else
-- the pending job's (adding it again is ignored by BullMQ and its worker will send this content).
redis.call('HINCRBY', KEYS[1], 'version', 1)
redis.call('HSET', KEYS[1], 'content', ARGV[1])
local gen
if redis.call('HSETNX', KEYS[1], 'pending', '1') == 1 then
  gen = redis.call('HINCRBY', KEYS[1], 'gen', 1)
else
  gen = tonumber(redis.call('HGET', KEYS[1], 'gen') or '0')
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
return gen
