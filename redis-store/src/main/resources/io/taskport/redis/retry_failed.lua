-- An operator's retry of a FAILED task: PENDING and due now, with more attempts.
-- KEYS: task, ready:<type>, expiries, active, wake:<type>, fair:<type>, act, turns, sched
--       [, task:<twin holding the dedup key>]
-- ARGV: channel, id, type, more attempts, twin id or ''
-- Returns 'RETRIED', 'NOT_FOUND', 'NOT_FAILED', 'TWIN' (an active task holds the dedup key) or
-- 'CHANGED' (the dedup key's holder is not the twin the caller read; read it again).
if not is_hash(KEYS[1]) then
  return 'NOT_FOUND'
end
local bad = check_type(KEYS[1], ARGV[3])
if bad then
  return bad
end
local f = redis.call('HMGET', KEYS[1], 'status', 'activeKey', 'attempt')
if f[1] ~= 'FAILED' then
  return 'NOT_FAILED'
end
local akey = f[2]
if akey then
  local holder = redis.call('HGET', KEYS[4], akey)
  if holder and holder ~= ARGV[2] then
    if holder ~= ARGV[5] or not KEYS[10] then
      return 'CHANGED'
    end
    local s = is_hash(KEYS[10]) and redis.call('HGET', KEYS[10], 'status')
    if s == 'PENDING' or s == 'RUNNING' then
      return 'TWIN'
    end
  end
  redis.call('HSET', KEYS[4], akey, ARGV[2])
end
local now = now_ms()
local max = tonumber(f[3] or '0') + tonumber(ARGV[4])
redis.call('HDEL', KEYS[1], 'finishedAt', 'expiresAt', 'workerId', 'leaseUntil')
redis.call('HSET', KEYS[1], 'status', 'PENDING', 'dueAt', num(now), 'maxAttempts', num(max),
  'cancelRequested', '0')
redis.call('PERSIST', KEYS[1])
redis.call('ZREM', KEYS[3], ARGV[2])
local o = redis.call('HGET', KEYS[1], 'owner')
if o then
  local a, b = act_members(ARGV[3], o, ARGV[2])
  redis.call('ZADD', KEYS[7], 0, a, 0, b)
end
enqueue(KEYS[1], ARGV[2], now, KEYS[2], KEYS[6], KEYS[8], KEYS[9])
wake(KEYS[5])
publish(ARGV[1], KEYS[1], now)
return 'RETRIED'
