-- KEYS: expiries, then per candidate: task, owner:<owner>, then all. ARGV: candidate ids ...
-- Returns the fields of each deleted task, so the caller can delete its files.
local now = now_ms()
local out = {}
for c = 1, #ARGV do
  local id = ARGV[c]
  local tk, ok = KEYS[2 * c], KEYS[2 * c + 1]
  local score = redis.call('ZSCORE', KEYS[1], id)
  if score and tonumber(score) <= now then
    if not is_hash(tk) then
      redis.call('ZREM', KEYS[1], id)
    else
      local s = redis.call('HGET', tk, 'status')
      if s == 'COMPLETED' or s == 'FAILED' or s == 'CANCELLED' then
        out[#out + 1] = redis.call('HGETALL', tk)
        redis.call('DEL', tk)
        redis.call('ZREM', ok, id)
        redis.call('ZREM', KEYS[#KEYS], id)
      end
      redis.call('ZREM', KEYS[1], id)
    end
  end
end
return out
