-- Shared helpers, prepended to every Taskport script by Scripts.java.
-- Time is Redis's own: TIME is allowed because Redis 7 replicates scripts by their effects.
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local function num(n)
  return string.format('%.0f', n)
end

local function is_hash(key)
  return redis.call('TYPE', key)['ok'] == 'hash'
end

-- At most 64 wake-up tokens per type: enough to wake every blocked claimer, bounded in size.
local function wake(key)
  if redis.call('LLEN', key) < 64 then
    redis.call('RPUSH', key, '1')
  end
end

local function publish(channel, key, at)
  local f = redis.call('HMGET', key, 'id', 'owner', 'type', 'status',
    'progressDone', 'progressTotal', 'progressMessage')
  local e = {i = f[1], o = f[2], t = f[3], s = f[4], d = f[5], n = f[6], a = num(at)}
  if f[7] then
    e.m = f[7]
  end
  redis.call('PUBLISH', channel, cjson.encode(e))
end

local function fenced(key, worker, attempt)
  local f = redis.call('HMGET', key, 'status', 'workerId', 'attempt')
  return f[1] == 'RUNNING' and f[2] == worker and f[3] == attempt
end

local function check_type(key, type)
  local t = redis.call('HGET', key, 'type')
  if t and t ~= type then
    return redis.error_reply('TASKPORT ' .. key .. ' has type ' .. t .. ', not ' .. type)
  end
  return nil
end

-- Moves a task to a terminal status: expiry index, TTL backstop, dedup key released. Optional:
-- more fields to set (a flat field, value list) and more fields to delete, in the same calls.
local function finish(key, id, status, now, leases, expiries, active, set, gone)
  local f = redis.call('HMGET', key, 'retention', 'activeKey')
  local retention = tonumber(f[1]) or 0
  local expires = now + retention
  local del = {'workerId', 'leaseUntil', 'dueAt', 'result', 'errorCode', 'errorMessage'}
  for _, g in ipairs(gone or {}) do
    del[#del + 1] = g
  end
  redis.call('HDEL', key, unpack(del))
  local fields = {'status', status, 'finishedAt', num(now), 'expiresAt', num(expires)}
  for _, v in ipairs(set or {}) do
    fields[#fields + 1] = v
  end
  redis.call('HSET', key, unpack(fields))
  redis.call('ZREM', leases, id)
  redis.call('ZADD', expiries, num(expires), id)
  if f[2] and redis.call('HGET', active, f[2]) == id then
    redis.call('HDEL', active, f[2])
  end
  -- a backstop only: purgeExpired normally deletes the task a day before this fires
  redis.call('PEXPIRE', key, num(retention + 86400000))
end

