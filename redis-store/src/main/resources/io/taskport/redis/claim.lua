-- KEYS: leases, run, sched, turns, latemeta, then per type: ready:<type>, fair:<type>,
--       later:<type>, then task:<candidate 1..c>
-- ARGV: channel, n, workerId, lease ms, heads to return, most to claim, fair ('1' or '0'),
--       owner's RUNNING limit, owner's RUNNING limit per type (0 for none), then per type: name,
--       RUNNING limit, starts per window, window ms (0 for none), then the number of ids held
--       back by earlier calls and those ids, then (candidate id, type index)
-- Candidates are hints read from an earlier reply, best first: by rank (due time minus priority
-- lead), or by turn when fair. First moves the retries that have become due to the queues. Then
-- claims, in order, up to the most asked for among the candidates still queued and no worse than
-- the best queued task of every open type; a type is closed once it reaches its RUNNING limit or
-- its starts in the current window, and a candidate whose owner reached a RUNNING limit is held
-- back. With most = 0 it claims nothing and only reports. Returns {claimed tasks (each its
-- fields), skipped ids, now, heads (id, type, score), the time something more may become
-- claimable or '', '1' when calling again at once may claim more, ids held back}.
-- Ids held back by an earlier call of the same claim are passed over like those held here.
local n = tonumber(ARGV[2])
local most = tonumber(ARGV[6])
local isfair = ARGV[7] == '1'
local ownerMax, ownerTypeMax = tonumber(ARGV[8]), tonumber(ARGV[9])
local now = now_ms()
local more = false
for i = 1, n do
  local rq, fq, lq = KEYS[3 + 3 * i], KEYS[4 + 3 * i], KEYS[5 + 3 * i]
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', lq, '-inf', num(now), 'LIMIT', 0, 32)) do
    local meta = redis.call('HGET', KEYS[5], id)
    redis.call('ZREM', lq, id)
    redis.call('HDEL', KEYS[5], id)
    if meta then
      local lead, prio, fk = string.match(meta, '^(%S+) (%S+) (.*)$')
      enqueue_as(id, now, tonumber(lead), fk, tonumber(prio), rq, fq, KEYS[4], KEYS[3])
      more = true
    end
  end
end
local frontier = tonumber(redis.call('HGET', KEYS[3], 'turn')) or 0
local tname, closed, cnt, lim, rlim, rwin, rused = {}, {}, {}, {}, {}, {}, {}
local opensAt = nil
for i = 1, n do
  local b = 9 + 4 * (i - 1)
  tname[i] = ARGV[b + 1]
  lim[i], rlim[i] = tonumber(ARGV[b + 2]), tonumber(ARGV[b + 3])
  if lim[i] > 0 then
    cnt[i] = running(KEYS[2], KEYS[1], 't' .. lp(tname[i]), lim[i])
    closed[i] = cnt[i] >= lim[i]
  end
  if rlim[i] > 0 then
    local per = tonumber(ARGV[b + 4])
    rwin[i], rused[i] = math.floor(now / per), 0
    local v = redis.call('HGET', KEYS[3], 'starts:' .. tname[i])
    if v then
      local w, c = string.match(v, '^(%d+):(%d+)$')
      if tonumber(w) == rwin[i] then
        rused[i] = tonumber(c)
      end
    end
    if rused[i] >= rlim[i] then
      closed[i] = true
      local at = (rwin[i] + 1) * per
      if opensAt == nil or at < opensAt then
        opensAt = at
      end
    end
  end
end
local held, tried, nheld = {}, {}, 0
local heldOut = {}
local h0 = 10 + 4 * n
for x = h0 + 1, h0 + tonumber(ARGV[h0]) do
  held[ARGV[x]] = true
  nheld = nheld + 1
end
-- the score of the best queued task of a type, passing over those held back
local function best(i)
  local oq = KEYS[3 + 3 * i]
  if isfair then
    oq = KEYS[4 + 3 * i]
  end
  local h = redis.call('ZRANGE', oq, 0, nheld, 'WITHSCORES')
  for x = 1, #h, 2 do
    if not held[h[x]] then
      return tonumber(h[x + 1])
    end
  end
  return nil
end
local skipped, claimed = {}, {}
local c = 0
local j0 = h0 + 1 + tonumber(ARGV[h0])
for j = j0, #ARGV, 2 do
  if #claimed >= most then
    break
  end
  c = c + 1
  local id, ti = ARGV[j], tonumber(ARGV[j + 1])
  local tk = KEYS[5 + 3 * n + c]
  local rq, fq, lq = KEYS[3 + 3 * ti], KEYS[4 + 3 * ti], KEYS[5 + 3 * ti]
  tried[id] = true
  local score = redis.call('ZSCORE', rq, id)
  if isfair then
    score = redis.call('ZSCORE', fq, id)
  end
  if score and not closed[ti] then
    score = tonumber(score)
    local lowest = nil
    for i = 1, n do
      if not closed[i] then
        local s = best(i)
        if s ~= nil and (lowest == nil or s < lowest) then
          lowest = s
        end
      end
    end
    if lowest ~= nil and lowest < score then
      more = true
      break
    end
    local f = is_hash(tk) and redis.call('HMGET', tk, 'status', 'attempt', 'owner', 'type', 'dueAt')
    local attempt = f and tonumber(f[2])
    if not f or f[1] ~= 'PENDING' or not attempt or not f[3] or f[4] ~= tname[ti] then
      -- a vanished, foreign or corrupt task: never hand it out, let the caller log it
      redis.call('ZREM', rq, id)
      redis.call('ZREM', fq, id)
      skipped[#skipped + 1] = id
    elseif tonumber(f[5]) and tonumber(f[5]) > now then
      -- queued by a version that kept retries in the ready set: park it until it is due
      redis.call('ZREM', rq, id)
      redis.call('ZREM', fq, id)
      park(tk, id, tonumber(f[5]), lq, KEYS[5])
    elseif (ownerMax > 0 and running(KEYS[2], KEYS[1], 'o' .. lp(f[3]), ownerMax) >= ownerMax)
        or (ownerTypeMax > 0
          and running(KEYS[2], KEYS[1], 't' .. lp(f[4]) .. lp(f[3]), ownerTypeMax) >= ownerTypeMax)
    then
      held[id] = true
      nheld = nheld + 1
      heldOut[#heldOut + 1] = id
    else
      local fs = redis.call('ZSCORE', fq, id)
      redis.call('ZREM', rq, id)
      redis.call('ZREM', fq, id)
      local untl = now + tonumber(ARGV[4])
      redis.call('HSET', tk, 'status', 'RUNNING', 'attempt', num(attempt + 1),
        'workerId', ARGV[3], 'leaseUntil', num(untl), 'startedAt', num(now))
      redis.call('HDEL', tk, 'dueAt')
      redis.call('ZADD', KEYS[1], num(untl), id)
      local ra, rb = run_members(f[4], f[3], id)
      redis.call('ZADD', KEYS[2], 0, ra, 0, rb)
      if fs then
        local turn = math.floor(tonumber(fs) / 8)
        if turn > frontier then
          frontier = turn
          redis.call('HSET', KEYS[3], 'turn', num(turn))
        end
        local _, fk = sched_of(tk)
        if tonumber(redis.call('HGET', KEYS[4], fk)) == turn then
          redis.call('HDEL', KEYS[4], fk)
        end
      end
      if lim[ti] > 0 then
        cnt[ti] = cnt[ti] + 1
        closed[ti] = closed[ti] or cnt[ti] >= lim[ti]
      end
      if rlim[ti] > 0 then
        rused[ti] = rused[ti] + 1
        redis.call('HSET', KEYS[3], 'starts:' .. tname[ti], num(rwin[ti]) .. ':' .. num(rused[ti]))
        closed[ti] = closed[ti] or rused[ti] >= rlim[ti]
      end
      publish(ARGV[1], tk, now)
      claimed[#claimed + 1] = redis.call('HGETALL', tk)
    end
  end
end
local heads = {}
local k = tonumber(ARGV[5])
for i = 1, n do
  if not closed[i] then
    local oq = KEYS[3 + 3 * i]
    if isfair then
      oq = KEYS[4 + 3 * i]
    end
    local h = redis.call('ZRANGE', oq, 0, k - 1 + nheld, 'WITHSCORES')
    local taken = 0
    for x = 1, #h, 2 do
      if not held[h[x]] and taken < k then
        taken = taken + 1
        heads[#heads + 1] = h[x]
        heads[#heads + 1] = tostring(i)
        heads[#heads + 1] = h[x + 1]
        if not tried[h[x]] and #claimed < most then
          more = true
        end
      end
    end
  end
end
if #heads == 0 then
  for i = 1, n do
    local h = redis.call('ZRANGE', KEYS[5 + 3 * i], 0, 0, 'WITHSCORES')
    if h[2] and (opensAt == nil or tonumber(h[2]) < opensAt) then
      opensAt = tonumber(h[2])
    end
  end
end
return {claimed, skipped, num(now), heads, opensAt and num(opensAt) or '', more and '1' or '0',
  heldOut}
