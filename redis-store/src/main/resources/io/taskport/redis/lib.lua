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

-- Scheduling (issue 17). Index members are built from length-prefixed parts, so that no two
-- owners or types give the same prefix: lp('ann') is '3:ann|'.
local function lp(s)
  return #s .. ':' .. s .. '|'
end

-- Counts the members of a lex index that start with prefix.
local function lexcount(idx, prefix)
  return redis.call('ZLEXCOUNT', idx, '[' .. prefix, '[' .. prefix .. '\255')
end

-- The members of the run index for a RUNNING task: by type and owner, and by owner.
local function run_members(otype, owner, id)
  return 't' .. lp(otype) .. lp(owner) .. id, 'o' .. lp(owner) .. id
end

-- The members of the act index for a PENDING or RUNNING task: by owner, and by owner and type.
local function act_members(otype, owner, id)
  return 'o' .. lp(owner) .. id, 't' .. lp(owner) .. lp(otype) .. id
end

-- The id a run or act member ends with.
local function member_id(m)
  return string.match(m, '([%w_%-]+)$')
end

-- Counts the members with prefix of the run index. At or above limit, first drops those whose
-- task holds no lease any more: a task that left RUNNING by a path that did not remove it never
-- keeps a slot.
local function running(runidx, leases, prefix, limit)
  local n = lexcount(runidx, prefix)
  if n < limit then
    return n
  end
  for _, m in ipairs(redis.call('ZRANGEBYLEX', runidx, '[' .. prefix, '[' .. prefix .. '\255')) do
    if not redis.call('ZSCORE', leases, member_id(m)) then
      redis.call('ZREM', runidx, m)
      n = n - 1
    end
  end
  return n
end

-- Counts the members with prefix of the act index. At or above limit, first drops those whose
-- task has finished (it is in the expiry index) or is gone (it is not in the all index).
local function active_count(actidx, expiries, allidx, prefix, limit)
  local n = lexcount(actidx, prefix)
  if n < limit then
    return n
  end
  for _, m in ipairs(redis.call('ZRANGEBYLEX', actidx, '[' .. prefix, '[' .. prefix .. '\255')) do
    local mid = member_id(m)
    if redis.call('ZSCORE', expiries, mid) or not redis.call('ZSCORE', allidx, mid) then
      redis.call('ZREM', actidx, m)
      n = n - 1
    end
  end
  return n
end

-- Drops a task's members from the run index (run_members: it left RUNNING) or from the act
-- index (act_members: it finished or was deleted); type and owner come from its hash.
local function index_drop(idx, tkey, id, members)
  local f = redis.call('HMGET', tkey, 'type', 'owner')
  if f[1] and f[2] then
    local a, b = members(f[1], f[2], id)
    redis.call('ZREM', idx, a, b)
  end
end

-- Makes a PENDING task claimable now: its rank (due time minus its priority lead) in the ready
-- set, and its turn in the fair set. A fairness key's tasks take consecutive turns; a key's first
-- task takes the turn being served now ('turn' in sched), so a key with one task goes before the
-- second task of a key with a backlog. The fair score is the turn times 8 plus 4 minus the
-- priority: within a turn, the higher priority first.
local function enqueue_as(id, at, lead, fk, prio, rdy, fairset, turns, sched)
  local turn = tonumber(redis.call('HGET', sched, 'turn')) or 0
  local last = tonumber(redis.call('HGET', turns, fk))
  if last and last + 1 > turn then
    turn = last + 1
  end
  redis.call('HSET', turns, fk, num(turn))
  redis.call('ZADD', rdy, num(at - lead), id)
  redis.call('ZADD', fairset, num(turn * 8 + 4 - prio), id)
end

-- The scheduling fields of a task hash: priority lead, fairness key, priority.
local function sched_of(hk)
  local f = redis.call('HMGET', hk, 'priorityLead', 'fairnessKey', 'owner', 'priority')
  return tonumber(f[1]) or 0, f[2] or f[3] or '', tonumber(f[4]) or 2
end

local function enqueue(ek, id, at, erdy, efair, eturns, esched)
  local lead, fk, prio = sched_of(ek)
  enqueue_as(id, at, lead, fk, prio, erdy, efair, eturns, esched)
end

-- Parks a PENDING task that is due later; the claim moves it to the queues once it is due.
local function park(pk, id, due, later, latemeta)
  local lead, fk, prio = sched_of(pk)
  redis.call('ZADD', later, num(due), id)
  redis.call('HSET', latemeta, id, num(lead) .. ' ' .. num(prio) .. ' ' .. fk)
end

-- Removes a PENDING task from every queue of its type.
local function dequeue(id, rdy, fairset, later, latemeta)
  redis.call('ZREM', rdy, id)
  redis.call('ZREM', fairset, id)
  redis.call('ZREM', later, id)
  redis.call('HDEL', latemeta, id)
end

-- Moves a task to a terminal status: expiry index, TTL backstop, dedup key released, out of the
-- run and act indexes. Optional: more fields to set (a flat field, value list) and more fields to delete, in the same calls.
local function finish(key, id, status, now, leases, expiries, active, frun, fact, set, gone)
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
  index_drop(frun, key, id, run_members)
  index_drop(fact, key, id, act_members)
  redis.call('ZADD', expiries, num(expires), id)
  if f[2] and redis.call('HGET', active, f[2]) == id then
    redis.call('HDEL', active, f[2])
  end
  -- a backstop only: purgeExpired normally deletes the task a day before this fires
  redis.call('PEXPIRE', key, num(retention + 86400000))
end
