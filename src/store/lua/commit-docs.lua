-- Writes N versioned JSON documents, M index entries and one audit entry, all or nothing.
-- KEYS: auditLog, auditHead, doc_1..doc_N, index_1..index_M
-- ARGV: N, M, expectedHead ('' when the log is empty), entryJson ('' for no entry), newHead,
--       then N pairs (expectedVersion, json), then M index members
-- Returns 'OK', or 'CONFLICT' when any document version or the audit head moved (nothing written).
local n = tonumber(ARGV[1])
local m = tonumber(ARGV[2])
local head = redis.call('GET', KEYS[2]) or ''
if ARGV[4] ~= '' and head ~= ARGV[3] then return 'CONFLICT' end
for i = 1, n do
  local current = redis.call('GET', KEYS[2 + i])
  local version = 0
  if current then version = cjson.decode(current).version end
  if tostring(version) ~= ARGV[5 + 2 * i - 1] then return 'CONFLICT' end
end
for i = 1, n do redis.call('SET', KEYS[2 + i], ARGV[5 + 2 * i]) end
for j = 1, m do redis.call('SADD', KEYS[2 + n + j], ARGV[5 + 2 * n + j]) end
if ARGV[4] ~= '' then
  redis.call('RPUSH', KEYS[1], ARGV[4])
  redis.call('SET', KEYS[2], ARGV[5])
end
return 'OK'
