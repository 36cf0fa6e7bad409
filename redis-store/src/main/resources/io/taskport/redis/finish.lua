-- complete, fail without retry, cancelled.
-- KEYS: task, leases, expiries, active, run, act
-- ARGV: channel, id, workerId, attempt, status, result json, error code, error message,
--       has progress, done, total, message, has message
if not fenced(KEYS[1], ARGV[3], ARGV[4]) then
  return 0
end
local now = now_ms()
local set, gone = {}, {}
if ARGV[6] ~= '' then
  set = {'result', ARGV[6]}
end
if ARGV[7] ~= '' then
  set[#set + 1] = 'errorCode'
  set[#set + 1] = ARGV[7]
  set[#set + 1] = 'errorMessage'
  set[#set + 1] = ARGV[8]
end
if ARGV[9] == '1' then
  set[#set + 1] = 'progressDone'
  set[#set + 1] = ARGV[10]
  set[#set + 1] = 'progressTotal'
  set[#set + 1] = ARGV[11]
  if ARGV[13] == '1' then
    set[#set + 1] = 'progressMessage'
    set[#set + 1] = ARGV[12]
  else
    gone = {'progressMessage'}
  end
end
finish(KEYS[1], ARGV[2], ARGV[5], now, KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], set, gone)
publish(ARGV[1], KEYS[1], now)
return 1
