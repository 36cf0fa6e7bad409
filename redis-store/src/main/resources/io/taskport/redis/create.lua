-- KEYS: task, active, ready:<type>, owner:<owner>, wake:<type>, all, fair:<type>, act, turns,
--       sched, expiries[, task:<stale twin>]
-- ARGV: channel, id, activeKey or '', stale twin id or '', owner, type, owner's cap, owner's cap
--       of the type (0 for none), field, value, ...
-- Returns {'EXISTS'}, {'TWIN', twin id}, {'CAP', '' or the type} (a per-owner cap is reached;
-- the dedup twin is returned first) or {'CREATED', now}: the task is the fields given plus
-- status PENDING and createdAt = dueAt = now.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {'EXISTS'}
end
local akey = ARGV[3]
if akey ~= '' then
  local twin = redis.call('HGET', KEYS[2], akey)
  if twin then
    local stale = false
    if twin == ARGV[4] and KEYS[12] then
      local s = is_hash(KEYS[12]) and redis.call('HGET', KEYS[12], 'status')
      stale = not s or (s ~= 'PENDING' and s ~= 'RUNNING')
    end
    if not stale then
      return {'TWIN', twin}
    end
  end
end
local owner, otype = ARGV[5], ARGV[6]
local cap, capType = tonumber(ARGV[7]), tonumber(ARGV[8])
if cap > 0 and active_count(KEYS[8], KEYS[11], KEYS[6], 'o' .. lp(owner), cap) >= cap then
  return {'CAP', ''}
end
if capType > 0
    and active_count(KEYS[8], KEYS[11], KEYS[6], 't' .. lp(owner) .. lp(otype), capType)
      >= capType then
  return {'CAP', otype}
end
local now = now_ms()
local fields = {'status', 'PENDING', 'createdAt', num(now), 'dueAt', num(now)}
for i = 9, #ARGV do
  fields[#fields + 1] = ARGV[i]
end
redis.call('HSET', KEYS[1], unpack(fields))
if akey ~= '' then
  redis.call('HSET', KEYS[2], akey, ARGV[2])
end
local a, b = act_members(otype, owner, ARGV[2])
redis.call('ZADD', KEYS[8], 0, a, 0, b)
enqueue(KEYS[1], ARGV[2], now, KEYS[3], KEYS[7], KEYS[9], KEYS[10])
redis.call('ZADD', KEYS[4], num(now), ARGV[2])
redis.call('ZADD', KEYS[6], num(now), ARGV[2])
wake(KEYS[5])
publish(ARGV[1], KEYS[1], now)
return {'CREATED', num(now)}
