-- Writes the live state of a new ballot (or evaluation) before its document exists.
-- The document is committed afterwards by commit-docs; cast-vote reads the document's state, so
-- no cast can land on a half-opened ballot, and a crash in between leaves only unused keys.
-- KEYS: doc, eligible, voted, tally
-- ARGV: mode ('write' | 'discard'); for 'write': the number of choices, the choices in their
-- fixed order, then the eligible member ids sorted (each member's seat is its index).
-- Every choice is created at zero now and the electorate is written once in sorted order, so
-- neither hash's field order can ever reflect who voted first; the voted bitmap is sized for the
-- whole electorate now, so its length never shows the highest seat that has voted.
-- Returns the size of the electorate, 'EXISTS' when the document is already stored (the
-- electorate of a live ballot never changes), or 'DISCARDED'.
if redis.call('EXISTS', KEYS[1]) == 1 then return 'EXISTS' end
redis.call('DEL', KEYS[2], KEYS[3], KEYS[4])
if ARGV[1] == 'discard' then return 'DISCARDED' end
local choices = tonumber(ARGV[2])
for i = 3, 2 + choices do redis.call('HSET', KEYS[4], ARGV[i], 0) end
local first = 3 + choices
for i = first, #ARGV, 500 do
  local fields = {}
  for j = i, math.min(i + 499, #ARGV) do
    fields[#fields + 1] = ARGV[j]
    fields[#fields + 1] = j - first
  end
  redis.call('HSET', KEYS[2], unpack(fields))
end
local seats = #ARGV - first + 1
if seats > 0 then redis.call('SETBIT', KEYS[3], seats - 1, 0) end
return redis.call('HLEN', KEYS[2])
