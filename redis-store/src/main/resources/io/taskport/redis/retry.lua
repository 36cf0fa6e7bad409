-- fail with a retry delay, or release (attempt not counted).
-- KEYS: task, leases, ready:<type>, wake:<type>, fair:<type>, later:<type>, latemeta, turns,
--       sched, run
-- ARGV: channel, id, workerId, attempt, type, delay ms, mode ('retry' | 'release'), code, message
if not fenced(KEYS[1], ARGV[3], ARGV[4]) then
  return 0
end
local bad = check_type(KEYS[1], ARGV[5])
if bad then
  return bad
end
local now = now_ms()
local due = now + tonumber(ARGV[6])
redis.call('HDEL', KEYS[1], 'workerId', 'leaseUntil')
redis.call('HSET', KEYS[1], 'status', 'PENDING', 'dueAt', num(due))
if ARGV[7] == 'release' then
  redis.call('HSET', KEYS[1], 'attempt', num(tonumber(ARGV[4]) - 1))
else
  redis.call('HSET', KEYS[1], 'errorCode', ARGV[8], 'errorMessage', ARGV[9])
end
redis.call('ZREM', KEYS[2], ARGV[2])
index_drop(KEYS[10], KEYS[1], ARGV[2], run_members)
if due > now then
  park(KEYS[1], ARGV[2], due, KEYS[6], KEYS[7])
else
  enqueue(KEYS[1], ARGV[2], now, KEYS[3], KEYS[5], KEYS[8], KEYS[9])
end
wake(KEYS[4])
publish(ARGV[1], KEYS[1], now)
return 1
