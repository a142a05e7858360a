-- One cast, all checks and writes in one atomic step (reliability.md §3.6).
-- KEYS: doc, eligible, voted, tally, choices, order, seen
-- ARGV: voterId, choice, seenTtlSeconds
-- Returns 'recorded' (also for a retried operation id: the stored result) or a refusal code:
-- NOT_FOUND, BALLOT_CLOSED, CHOICE_UNKNOWN, NOT_ELIGIBLE, CHAIR_MUST_SPEAK_LAST, ALREADY_VOTED.
-- Refusals write nothing. A secret cast writes only the voted set, one counter and the dedup
-- record: nothing that links the voter to the choice.
local stored = redis.call('GET', KEYS[7])
if stored then return stored end
local raw = redis.call('GET', KEYS[1])
if not raw then return 'NOT_FOUND' end
-- Documents are written by JSON.stringify (no spaces; quotes inside strings escaped), so these
-- plain searches can only match the top-level fields. A secret ballot — the hot path — needs
-- nothing else from the document; decoding it (about half the script's own time, see
-- bench/README.md) is left to the methods and evaluations that read more fields.
if not string.find(raw, '"state":"open"', 1, true) then return 'BALLOT_CLOSED' end
local voter, choice = ARGV[1], ARGV[2]
local doc = nil
if not string.find(raw, '"method":"secret"', 1, true) then
  doc = cjson.decode(raw)
  if doc.state ~= 'open' then return 'BALLOT_CLOSED' end
end
-- Evaluations carry their grades; ballots are yes / no / abstain.
local known = false
if doc and type(doc.grades) == 'table' then
  for _, option in ipairs(doc.grades) do
    if option == choice then known = true end
  end
else
  known = choice == 'yes' or choice == 'no' or choice == 'abstain'
end
if not known then return 'CHOICE_UNKNOWN' end
if redis.call('SISMEMBER', KEYS[2], voter) == 0 then return 'NOT_ELIGIBLE' end
-- Only the open methods keep choices; anything else (evaluations, unknown) is treated as secret.
local open = doc ~= nil and (doc.method == 'oral' or doc.method == 'hands' or doc.method == 'named')
if open and doc.chairLast == true and doc.chairId == voter and redis.call('SISMEMBER', KEYS[3], voter) == 0 then
  if redis.call('SCARD', KEYS[3]) < redis.call('SCARD', KEYS[2]) - 1 then return 'CHAIR_MUST_SPEAK_LAST' end
end
if redis.call('SADD', KEYS[3], voter) == 0 then return 'ALREADY_VOTED' end
redis.call('HINCRBY', KEYS[4], choice, 1)
if open then
  redis.call('HSET', KEYS[5], voter, choice)
  redis.call('RPUSH', KEYS[6], voter)
end
redis.call('SET', KEYS[7], 'recorded', 'EX', ARGV[3])
return 'recorded'
