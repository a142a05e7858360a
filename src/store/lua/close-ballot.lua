-- Closes a ballot (or evaluation) and snapshots its counts in the same atomic step, so that no
-- cast can land between the snapshot and the close.
-- KEYS: doc, eligible, voted, tally, choices, order, aofPending, then every receipt key the
--       electorate can have (see ballots.ts)
-- ARGV: expectedVersion, closedDocJson (the document with state 'closed', version + 1), ballotId
-- Returns { status, voted, eligible, strangers, tally (flat field/value list), order, choices }
-- where status is 'CLOSED' (closed now), 'WAS_CLOSED' (closed before: a retried close),
-- 'NOT_FOUND' or 'CONFLICT' (the document changed since it was read; nothing written).
-- strangers = bits set in voted that are no seat of the electorate (must be 0).
-- A secret ballot or an evaluation is marked for the AOF rewrite in the same step as the flip,
-- so no closed one can exist without its mark; the receipts go too (they were only for retries).
local raw = redis.call('GET', KEYS[1])
if not raw then return { 'NOT_FOUND' } end
local doc = cjson.decode(raw)
local status = 'WAS_CLOSED'
if doc.state == 'open' then
  if tostring(doc.version) ~= ARGV[1] then return { 'CONFLICT' } end
  redis.call('SET', KEYS[1], ARGV[2])
  status = 'CLOSED'
  if not (doc.method == 'oral' or doc.method == 'hands' or doc.method == 'named') then
    redis.call('SADD', KEYS[7], ARGV[3])
  end
end
for i = 8, #KEYS, 1000 do redis.call('DEL', unpack(KEYS, i, math.min(i + 999, #KEYS))) end
local voted = 0
for _, seat in ipairs(redis.call('HVALS', KEYS[2])) do
  voted = voted + redis.call('GETBIT', KEYS[3], seat)
end
return {
  status,
  voted,
  redis.call('HLEN', KEYS[2]),
  redis.call('BITCOUNT', KEYS[3]) - voted,
  redis.call('HGETALL', KEYS[4]),
  redis.call('LRANGE', KEYS[6], 0, -1),
  redis.call('HGETALL', KEYS[5]),
}
