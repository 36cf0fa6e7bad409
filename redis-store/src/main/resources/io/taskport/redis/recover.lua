-- KEYS: leases, expiries, active, run, act, turns, sched, then per candidate: task, ready:<type>,
--       wake:<type>, fair:<type>
-- ARGV: channel, then per candidate: id, the text of a lost lease to retry and the text of one
--       whose attempts are spent, each with {0} where the attempt count goes
-- Each candidate is re-checked here: only a RUNNING task whose lease has ended by Redis's clock
-- is touched, so two nodes sweeping at once recover each task once.
local now = now_ms()
local out = {}
local function text(pattern, n)
  return (string.gsub(pattern, '{0}', function() return n end))
end
for c = 0, (#ARGV - 1) / 3 - 1 do
  local id, retrying, spent = ARGV[2 + c * 3], ARGV[3 + c * 3], ARGV[4 + c * 3]
  local base = 7 + c * 4
  local tk, rk, wk, sk = KEYS[base + 1], KEYS[base + 2], KEYS[base + 3], KEYS[base + 4]
  local score = redis.call('ZSCORE', KEYS[1], id)
  if score and tonumber(score) <= now then
    local f = is_hash(tk) and redis.call('HMGET', tk, 'status', 'leaseUntil', 'attempt',
      'maxAttempts', 'cancelRequested')
    if not f or f[1] ~= 'RUNNING' then
      redis.call('ZREM', KEYS[1], id)
    elseif tonumber(f[2]) and tonumber(f[2]) <= now then
      if f[5] == '1' then
        finish(tk, id, 'CANCELLED', now, KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
      elseif (tonumber(f[3]) or 0) < (tonumber(f[4]) or 0) then
        index_drop(KEYS[4], tk, id, run_members)
        redis.call('HDEL', tk, 'workerId', 'leaseUntil')
        redis.call('HSET', tk, 'status', 'PENDING', 'dueAt', num(now), 'errorCode', 'LEASE_LOST',
          'errorMessage', text(retrying, f[3] or '0'))
        redis.call('ZREM', KEYS[1], id)
        enqueue(tk, id, now, rk, sk, KEYS[6], KEYS[7])
        wake(wk)
      else
        finish(tk, id, 'FAILED', now, KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
        redis.call('HSET', tk, 'errorCode', 'LEASE_LOST', 'errorMessage', text(spent, f[4]))
      end
      publish(ARGV[1], tk, now)
      out[#out + 1] = redis.call('HGETALL', tk)
    end
  end
end
return out
