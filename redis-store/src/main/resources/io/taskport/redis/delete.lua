-- KEYS: task, ready:<type>, leases, expiries, active, owner:<owner>, all, fair:<type>,
-- later:<type>, latemeta, run, act. ARGV: id, type
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local bad = check_type(KEYS[1], ARGV[2])
if bad then
  return bad
end
local akey = redis.call('HGET', KEYS[1], 'activeKey')
if akey and redis.call('HGET', KEYS[5], akey) == ARGV[1] then
  redis.call('HDEL', KEYS[5], akey)
end
dequeue(ARGV[1], KEYS[2], KEYS[8], KEYS[9], KEYS[10])
index_drop(KEYS[11], KEYS[1], ARGV[1], run_members)
index_drop(KEYS[12], KEYS[1], ARGV[1], act_members)
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('ZREM', KEYS[6], ARGV[1])
redis.call('ZREM', KEYS[7], ARGV[1])
redis.call('DEL', KEYS[1])
return 1
