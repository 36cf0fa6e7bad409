-- Links a COMPLETED check to the import that loads its upload, once.
-- KEYS: task
-- ARGV: load id
-- Returns 1 if linked; 0 if there is no such task, it is not a COMPLETED check, or it is
-- confirmed already. The key keeps its retention TTL.
if not is_hash(KEYS[1]) then
  return 0
end
local f = redis.call('HMGET', KEYS[1], 'status', 'check', 'confirmedBy')
if f[1] ~= 'COMPLETED' or f[2] ~= '1' or f[3] then
  return 0
end
redis.call('HSET', KEYS[1], 'confirmedBy', ARGV[1])
return 1
