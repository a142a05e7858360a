-- One cast, all checks and writes in one atomic step; every check comes before the first write.
-- KEYS: doc, eligible (member -> seat), voted (bitmap by seat), tally, choices, order, seen
-- ARGV: voterId, choice, receipt (the digest of this voter's operation id; see ballots.ts)
-- Returns 'recorded' (also for a retried operation) or a refusal code:
-- NOT_FOUND, BALLOT_CLOSED, CHOICE_UNKNOWN, NOT_ELIGIBLE, CHAIR_MUST_SPEAK_LAST, ALREADY_VOTED.
-- Refusals write nothing. A secret cast sets one bit, adds one to a counter created at opening
-- and writes the receipt: nothing that links the voter to the choice once the AOF is rewritten.
local voter, choice = ARGV[1], ARGV[2]
if redis.call('GET', KEYS[7]) == ARGV[3] then return 'recorded' end
local raw = redis.call('GET', KEYS[1])
if not raw then return 'NOT_FOUND' end
local seat = redis.call('HGET', KEYS[2], voter)
-- Only the open methods keep choices; anything else (evaluations, unknown) is treated as secret.
local function isOpen(doc)
  return doc ~= nil and (doc.method == 'oral' or doc.method == 'hands' or doc.method == 'named')
end
-- Receipts are dropped at close; a retry that arrives later is answered from the bitmap: this
-- member's vote was counted. For open methods the stored choice must match as well.
local function closed(doc)
  if seat and redis.call('GETBIT', KEYS[3], seat) == 1 then
    if not isOpen(doc) or redis.call('HGET', KEYS[5], voter) == choice then return 'recorded' end
  end
  return 'BALLOT_CLOSED'
end
-- Documents are written by JSON.stringify (no spaces; quotes inside strings escaped), so these
-- plain searches can only match the top-level fields. A secret ballot — the hot path — needs
-- nothing else from the document; decoding it (about half the script's own time, see
-- bench/README.md) is left to the methods and evaluations that read more fields.
local secret = string.find(raw, '"method":"secret"', 1, true)
local doc = nil
if not secret then doc = cjson.decode(raw) end
if not string.find(raw, '"state":"open"', 1, true) or (doc and doc.state ~= 'open') then return closed(doc) end
-- Every choice (or grade) of this ballot was created at zero when it opened.
if redis.call('HEXISTS', KEYS[4], choice) == 0 then return 'CHOICE_UNKNOWN' end
if not seat then return 'NOT_ELIGIBLE' end
local open = isOpen(doc)
local already = redis.call('GETBIT', KEYS[3], seat) == 1
if open and doc.chairLast == true and doc.chairId == voter and not already then
  if redis.call('BITCOUNT', KEYS[3]) < redis.call('HLEN', KEYS[2]) - 1 then return 'CHAIR_MUST_SPEAK_LAST' end
end
if already then return 'ALREADY_VOTED' end
redis.call('SETBIT', KEYS[3], seat, 1)
redis.call('HINCRBY', KEYS[4], choice, 1)
if open then
  redis.call('HSET', KEYS[5], voter, choice)
  redis.call('RPUSH', KEYS[6], voter)
end
redis.call('SET', KEYS[7], ARGV[3])
return 'recorded'
