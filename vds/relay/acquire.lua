-- One send slot for one chat, atomically across every relay instance (sliding-window logs in sorted sets).
-- KEYS: 1 bot log, 2 group log, 3 chat log, 4 bot pause, 5 chat pause,
--       6 the bot's last slot of this kind (reserved, or confirmed = sent)
-- ARGV: 1 member (unique per slot), 2 is_group ('1'|'0'),
--       3 bot limit, 4 bot window µs, 5 group limit, 6 group window µs, 7 chat limit, 8 chat window µs,
--       9 '1' to move an existing slot (member) to now instead of taking a new one
-- Returns {scope, µs}: 'ok' with the slot's instant on Redis's clock, or the limit that holds the chat back
-- with how long to wait.
-- The clock is Redis's own, so relays on different hosts agree on every window.
if ARGV[9] == '1' then
  for i = 1, 3 do redis.call('ZREM', KEYS[i], ARGV[1]) end
end

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])

local function paused(key)
  local ms = redis.call('PTTL', key)
  if ms > 0 then return ms * 1000 end
  return 0
end

local function wait(key, limit, window)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', string.format('%.0f', now - window))
  if redis.call('ZCARD', key) < limit then return 0 end
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return tonumber(oldest[2]) + window - now
end

-- The bot's slots are also spread evenly, window / limit apart: a burst of 30 requests reaches Telegram
-- smeared over several milliseconds, and two smeared bursts could share one window. A virtual schedule
-- (KEYS[6], GCRA) advances by one interval per slot and tolerates half an interval of earliness, so
-- timer and network slop do not add up into a slower rate. Reservations are spaced the same way, so
-- rows do not pile up between their fence and their send.
local interval = tonumber(ARGV[4]) / tonumber(ARGV[3])
local schedule = tonumber(redis.call('GET', KEYS[6]) or now)
local function spaced()
  return math.max(0, schedule - interval / 2 - now)
end

local checks = {
  { 'chat_pause', function() return paused(KEYS[5]) end },
  { 'chat', function() return wait(KEYS[3], tonumber(ARGV[7]), tonumber(ARGV[8])) end },
  { 'group', function() if ARGV[2] == '1' then return wait(KEYS[2], tonumber(ARGV[5]), tonumber(ARGV[6])) end return 0 end },
  { 'bot_pause', function() return paused(KEYS[4]) end },
  { 'bot', function() return wait(KEYS[1], tonumber(ARGV[3]), tonumber(ARGV[4])) end },
  { 'bot', spaced },
}
for _, check in ipairs(checks) do
  local w = check[2]()
  if w > 0 then return { check[1], math.ceil(w) } end
end

local function take(key, window)
  redis.call('ZADD', key, string.format('%.0f', now), ARGV[1])
  redis.call('PEXPIRE', key, math.ceil(window / 1000) + 1000)
end
take(KEYS[1], tonumber(ARGV[4]))
take(KEYS[3], tonumber(ARGV[8]))
if ARGV[2] == '1' then take(KEYS[2], tonumber(ARGV[6])) end
redis.call('SET', KEYS[6], string.format('%.0f', math.max(schedule, now) + interval), 'PX', math.ceil(tonumber(ARGV[4]) / 1000) + 1000)
return { 'ok', now }
