-- KEYS: leases, ready:<type 1..n>, task:<candidate 1..c>
-- ARGV: channel, n, workerId, lease ms, heads to return, most to claim,
--       (candidate id, type index) ...
-- Candidates are hints read from an earlier reply, oldest due first. The script claims, in order,
-- up to the most asked for among those still ready, due, and no younger than the head of every
-- requested type; a hint taken meanwhile is passed over, and stale hints only cost a retry.
-- With most = 0 it claims nothing and only reports. Returns {claimed tasks (each its fields),
-- skipped ids, now, heads (id, type, score)}.
local n = tonumber(ARGV[2])
local most = tonumber(ARGV[6])
local now = now_ms()
local function lowest_head()
  local best = nil
  for i = 1, n do
    local h = redis.call('ZRANGE', KEYS[1 + i], 0, 0, 'WITHSCORES')
    if h[2] then
      local s = tonumber(h[2])
      if best == nil or s < best then
        best = s
      end
    end
  end
  return best
end
local skipped = {}
local claimed = {}
local c = 0
for j = 7, #ARGV, 2 do
  if #claimed >= most then
    break
  end
  c = c + 1
  local id = ARGV[j]
  local rk = KEYS[1 + tonumber(ARGV[j + 1])]
  local tk = KEYS[1 + n + c]
  local score = redis.call('ZSCORE', rk, id)
  if score then
    score = tonumber(score)
    if score > now then
      break
    end
    local lowest = lowest_head()
    if lowest ~= nil and lowest < score then
      break
    end
    local f = is_hash(tk) and redis.call('HMGET', tk, 'status', 'attempt')
    local attempt = f and tonumber(f[2])
    redis.call('ZREM', rk, id)
    if not f or f[1] ~= 'PENDING' or not attempt then
      -- a vanished, foreign or corrupt task: never hand it out, let the caller log it
      skipped[#skipped + 1] = id
    else
      local untl = now + tonumber(ARGV[4])
      redis.call('HSET', tk, 'status', 'RUNNING', 'attempt', num(attempt + 1),
        'workerId', ARGV[3], 'leaseUntil', num(untl), 'startedAt', num(now))
      redis.call('HDEL', tk, 'dueAt')
      redis.call('ZADD', KEYS[1], num(untl), id)
      publish(ARGV[1], tk, now)
      claimed[#claimed + 1] = redis.call('HGETALL', tk)
    end
  end
end
local heads = {}
local k = tonumber(ARGV[5])
for i = 1, n do
  local h = redis.call('ZRANGE', KEYS[1 + i], 0, k - 1, 'WITHSCORES')
  for x = 1, #h, 2 do
    heads[#heads + 1] = h[x]
    heads[#heads + 1] = tostring(i)
    heads[#heads + 1] = h[x + 1]
  end
end
return {claimed, skipped, num(now), heads}
