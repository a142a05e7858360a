-- A patch of the card that the send with this key posts: the message id once posted (the caller
-- then patches it), else the content is kept for that send to bring its card up to as it posts.
-- KEYS: the send's record of its message id, the content kept for later
-- ARGV: content (card JSON string), ttlSeconds
-- Returns the message id, or nil when the content was kept.
local sent = redis.call('GET', KEYS[1])
if sent then return sent end
redis.call('SET', KEYS[2], ARGV[1], 'EX', tonumber(ARGV[2]))
return false
