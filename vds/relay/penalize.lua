-- A 429 from Telegram: pause the chat for retry_after, for every relay instance. When several different
-- chats are told to wait within one second, the flood limit is the bot's, so the whole bot pauses.
-- KEYS: 1 chat pause, 2 bot pause, 3 recent-429 log
-- ARGV: 1 retry_after ms, 2 chat id, 3 distinct chats that mean "the bot", 4 window ms
-- Returns 1 when the bot was paused, else 0.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ms = tonumber(ARGV[1])

local function pause(key)
  if redis.call('PTTL', key) < ms then redis.call('SET', key, '1', 'PX', ms) end
end

pause(KEYS[1])
redis.call('ZADD', KEYS[3], now, ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[4]))
redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[4]))
if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[3]) then
  pause(KEYS[2])
  return 1
end
return 0
