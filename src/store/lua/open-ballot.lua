-- Writes the electorate of a new ballot (or evaluation) before its document exists.
-- The document is committed afterwards by commit-docs; cast-vote reads the document's state, so
-- no cast can land on a half-opened ballot, and a crash in between leaves only an unused set.
-- KEYS: doc, eligible
-- ARGV: mode ('write' | 'discard'), then the eligible member ids (for 'write')
-- Returns the size of the electorate, 'EXISTS' when the document is already stored (the
-- electorate of a live ballot never changes), or 'DISCARDED'.
if redis.call('EXISTS', KEYS[1]) == 1 then return 'EXISTS' end
redis.call('DEL', KEYS[2])
if ARGV[1] == 'discard' then return 'DISCARDED' end
for i = 2, #ARGV, 1000 do
  redis.call('SADD', KEYS[2], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end
return redis.call('SCARD', KEYS[2])
