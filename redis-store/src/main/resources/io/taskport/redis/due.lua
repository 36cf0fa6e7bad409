-- KEYS: a deadline index (leases or expiries). ARGV: limit
-- Returns the ids whose deadline has passed by Redis's clock, oldest first. Read-only.
return redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', num(now_ms()), 'LIMIT', 0, tonumber(ARGV[1]))
