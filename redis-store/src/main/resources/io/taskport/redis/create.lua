-- KEYS: task, active, ready:<type>, owner:<owner>, wake:<type>, all[, task:<stale twin>]
-- ARGV: channel, id, activeKey or '', stale twin id or '', field, value, ...
-- Returns {'EXISTS'}, {'TWIN', twin id} or {'CREATED', now}: the task is the fields given plus
-- status PENDING and createdAt = dueAt = now.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {'EXISTS'}
end
local akey = ARGV[3]
if akey ~= '' then
  local twin = redis.call('HGET', KEYS[2], akey)
  if twin then
    local stale = false
    if twin == ARGV[4] and KEYS[7] then
      local s = is_hash(KEYS[7]) and redis.call('HGET', KEYS[7], 'status')
      stale = not s or (s ~= 'PENDING' and s ~= 'RUNNING')
    end
    if not stale then
      return {'TWIN', twin}
    end
  end
end
local now = now_ms()
local fields = {'status', 'PENDING', 'createdAt', num(now), 'dueAt', num(now)}
for i = 5, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', KEYS[1], unpack(fields))
if akey ~= '' then
  redis.call('HSET', KEYS[2], akey, ARGV[2])
end
redis.call('ZADD', KEYS[3], num(now), ARGV[2])
redis.call('ZADD', KEYS[4], num(now), ARGV[2])
redis.call('ZADD', KEYS[6], num(now), ARGV[2])
wake(KEYS[5])
publish(ARGV[1], KEYS[1], now)
return {'CREATED', num(now)}
