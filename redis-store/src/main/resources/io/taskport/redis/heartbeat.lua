-- KEYS: task, leases
-- ARGV: channel, id, workerId, attempt, lease ms, done, total, message, has message,
--       checkpoint, has checkpoint
if not fenced(KEYS[1], ARGV[3], ARGV[4]) then
  return 'LOST'
end
local now = now_ms()
local untl = now + tonumber(ARGV[5])
redis.call('HSET', KEYS[1], 'leaseUntil', num(untl), 'progressDone', ARGV[6],
  'progressTotal', ARGV[7])
if ARGV[9] == '1' then
  redis.call('HSET', KEYS[1], 'progressMessage', ARGV[8])
else
  redis.call('HDEL', KEYS[1], 'progressMessage')
end
if ARGV[11] == '1' then
  redis.call('HSET', KEYS[1], 'checkpoint', ARGV[10])
end
redis.call('ZADD', KEYS[2], num(untl), ARGV[2])
publish(ARGV[1], KEYS[1], now)
if redis.call('HGET', KEYS[1], 'cancelRequested') == '1' then
  return 'CANCEL_REQUESTED'
end
return 'ALIVE'
