-- Closes a ballot (or evaluation) and snapshots its counts in the same atomic step, so that no
-- cast can land between the snapshot and the close.
-- KEYS: doc, eligible, voted, tally, choices, order
-- ARGV: expectedVersion, closedDocJson (the document with state 'closed', version + 1)
-- Returns { status, voted, eligible, strangers, tally (flat field/value list), order, choices }
-- where status is 'CLOSED' (closed now), 'WAS_CLOSED' (closed before: a retried close),
-- 'NOT_FOUND' or 'CONFLICT' (the document changed since it was read; nothing written).
-- strangers = members of voted that are not in eligible (must be 0).
local raw = redis.call('GET', KEYS[1])
if not raw then return { 'NOT_FOUND' } end
local doc = cjson.decode(raw)
local status = 'WAS_CLOSED'
if doc.state == 'open' then
  if tostring(doc.version) ~= ARGV[1] then return { 'CONFLICT' } end
  redis.call('SET', KEYS[1], ARGV[2])
  status = 'CLOSED'
end
return {
  status,
  redis.call('SCARD', KEYS[3]),
  redis.call('SCARD', KEYS[2]),
  #redis.call('SDIFF', KEYS[3], KEYS[2]),
  redis.call('HGETALL', KEYS[4]),
  redis.call('LRANGE', KEYS[6], 0, -1),
  redis.call('HGETALL', KEYS[5]),
}
