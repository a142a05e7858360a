-- A send posted: records its message id under its key and, when a patch of that key came before
-- the post (card-later.lua), makes that content the card's latest, as card-latest.lua would. One
-- step with card-later.lua's check, so no patch can fall between the post and its record.
-- KEYS: the send's record of its message id, the content kept for later, the posted card's hash
-- ARGV: messageId, sentTtlSeconds, cardTtlSeconds, the posted card's JSON ('' for a text)
-- Returns the patch job generation the caller must add, or 0 when nothing newer was kept.
redis.call('SET', KEYS[1], ARGV[1], 'EX', tonumber(ARGV[2]))
local later = redis.call('GET', KEYS[2])
if not later then return 0 end
redis.call('DEL', KEYS[2])
-- Kept content the post already shows needs no patch.
if later == ARGV[4] then return 0 end
redis.call('HINCRBY', KEYS[3], 'version', 1)
redis.call('HSET', KEYS[3], 'content', later)
local gen
if redis.call('HSETNX', KEYS[3], 'pending', '1') == 1 then
  gen = redis.call('HINCRBY', KEYS[3], 'gen', 1)
else
  gen = tonumber(redis.call('HGET', KEYS[3], 'gen') or '0')
end
redis.call('EXPIRE', KEYS[3], tonumber(ARGV[3]))
return gen
