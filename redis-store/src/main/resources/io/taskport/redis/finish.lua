-- complete, fail without retry, cancelled.
-- KEYS: task, leases, expiries, active
-- ARGV: channel, id, workerId, attempt, status, result json, error code, error message,
--       has progress, done, total, message, has message
if not fenced(KEYS[1], ARGV[3], ARGV[4]) then
  return 0
end
local now = now_ms()
finish(KEYS[1], ARGV[2], ARGV[5], now, KEYS[2], KEYS[3], KEYS[4])
if ARGV[6] ~= '' then
  redis.call('HSET', KEYS[1], 'result', ARGV[6])
end
if ARGV[7] ~= '' then
  redis.call('HSET', KEYS[1], 'errorCode', ARGV[7], 'errorMessage', ARGV[8])
end
if ARGV[9] == '1' then
  save_progress(KEYS[1], ARGV[10], ARGV[11], ARGV[12], ARGV[13])
end
publish(ARGV[1], KEYS[1], now)
return 1
