-- requestCancel. KEYS: task, ready:<type>, leases, expiries, active, fair:<type>, later:<type>,
-- latemeta, run, act. ARGV: channel, id, type
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 'NOT_FOUND'
end
local bad = check_type(KEYS[1], ARGV[3])
if bad then
  return bad
end
local status = redis.call('HGET', KEYS[1], 'status')
local now = now_ms()
if status == 'PENDING' then
  dequeue(ARGV[2], KEYS[2], KEYS[6], KEYS[7], KEYS[8])
  finish(KEYS[1], ARGV[2], 'CANCELLED', now, KEYS[3], KEYS[4], KEYS[5], KEYS[9], KEYS[10])
  publish(ARGV[1], KEYS[1], now)
  return 'CANCELLED'
elseif status == 'RUNNING' then
  if redis.call('HGET', KEYS[1], 'cancelRequested') ~= '1' then
    redis.call('HSET', KEYS[1], 'cancelRequested', '1')
    publish(ARGV[1], KEYS[1], now)
  end
  return 'REQUESTED'
end
return 'ALREADY_FINISHED'
