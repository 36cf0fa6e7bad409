-- Confirms a COMPLETED check and creates its load in one step. Runs after create.lua, wrapped
-- as create_task(), which it calls with the load's keys and arguments (as create.lua takes them,
-- with no dedup key); the check's task key is the last key.
-- Returns {'GONE'} if there is no such task, it is not a COMPLETED check, or it is confirmed
-- already; else what create.lua returns. Only on {'CREATED', now} is the check's confirmedBy set
-- to the load's id, so a refused create leaves the check unconfirmed. The check keeps its TTL.
local check = KEYS[#KEYS]
if not is_hash(check) then
  return {'GONE'}
end
local f = redis.call('HMGET', check, 'status', 'check', 'confirmedBy')
if f[1] ~= 'COMPLETED' or f[2] ~= '1' or f[3] then
  return {'GONE'}
end
local r = create_task()
if r[1] == 'CREATED' then
  redis.call('HSET', check, 'confirmedBy', ARGV[2])
end
return r
