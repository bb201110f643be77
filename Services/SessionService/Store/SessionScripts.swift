/// The Lua scripts behind every RPC. Each one reads and changes a session, its ticket lookup and
/// its customer's index in one atomic step inside Redis: no other command runs in between, so the
/// three never disagree and compare-and-set needs no WATCH/retry loop, in one round trip.
///
/// Key names are derived inside the scripts from ARGV[1] (the prefix) because a call by ticket id
/// only learns the customer from the lookup. That is fine on a standalone Redis (or Sentinel) and
/// rules out Redis Cluster, where a script must declare its keys.
///
/// Stored session: a hash at `<prefix>:session:<customer>:<ticket>` with fields
/// schema, version, state (SessionState bytes), messages (SessionMessageList bytes, appended by
/// concatenation), count, created, updated (Unix µs), ttl (s), origin and last (request keys).
/// A session read back is the array
/// {ticket, customer, schema, version, state, messages, count, created, updated, ttl, origin, last, pttl}.
enum SessionScripts {
    static let all = [create, get, update, append, list, delete]

    private static let prelude = #"""
        local prefix = ARGV[1]
        local function session_key(cid, tid) return prefix .. ':session:' .. cid .. ':' .. tid end
        local function ticket_key(tid) return prefix .. ':ticket:' .. tid end
        local function index_key(cid) return prefix .. ':customer:' .. cid .. ':sessions' end
        local FIELDS = {'schema', 'version', 'state', 'messages', 'count', 'created', 'updated', 'ttl', 'origin', 'last'}

        local function read(tid, cid, skey, with_messages)
          local v = redis.call('HMGET', skey, unpack(FIELDS))
          if not v[2] then return nil end
          if not with_messages then v[4] = '' end
          table.insert(v, 1, cid)
          table.insert(v, 1, tid)
          v[#v + 1] = redis.call('PTTL', skey)
          return v
        end

        -- The live session of a ticket; a lookup whose session has expired is forgotten.
        local function resolve(tid)
          local cid = redis.call('GET', ticket_key(tid))
          if not cid then return nil end
          local skey = session_key(cid, tid)
          if redis.call('EXISTS', skey) == 0 then
            redis.call('DEL', ticket_key(tid))
            redis.call('ZREM', index_key(cid), tid)
            return nil
          end
          return cid, skey
        end

        -- After a write: session, lookup and index entry live for ttl seconds from now.
        local function touch(tid, cid, skey, ttl, now)
          local ikey = index_key(cid)
          redis.call('EXPIRE', skey, ttl)
          redis.call('EXPIRE', ticket_key(tid), ttl)
          redis.call('ZADD', ikey, now, tid)
          -- The index lives as long as its longest-lived session.
          if redis.call('PTTL', ikey) < ttl * 1000 then redis.call('PEXPIRE', ikey, ttl * 1000) end
        end

        -- Appends encoded messages to a session unless that makes it bigger than max bytes.
        local function grow(skey, state_len, added, added_count, max)
          local size = state_len + redis.call('HSTRLEN', skey, 'messages') + string.len(added)
          if size > max then return size end
          if added_count > 0 then
            local old = redis.call('HGET', skey, 'messages') or ''
            redis.call('HSET', skey, 'messages', old .. added)
            redis.call('HINCRBY', skey, 'count', added_count)
          end
          return nil
        end

        """#

    /// ARGV: prefix, ticket, customer, schema, state, messages, count, now, ttl, request key.
    /// → {'ok', session} | {'replayed', session} | {'exists'}
    static let create = RedisScript(name: "create", source: prelude + #"""
        local tid, cid, now, ttl, rk = ARGV[2], ARGV[3], ARGV[8], tonumber(ARGV[9]), ARGV[10]
        local owner, existing = resolve(tid)
        if owner then
          if rk ~= '' and owner == cid and redis.call('HGET', existing, 'origin') == rk then
            return {'replayed', read(tid, owner, existing, true)}
          end
          return {'exists'}
        end
        local skey = session_key(cid, tid)
        redis.call('DEL', skey)
        redis.call('HSET', skey, 'schema', ARGV[4], 'version', 1, 'state', ARGV[5], 'messages', ARGV[6],
          'count', ARGV[7], 'created', now, 'updated', now, 'ttl', ttl, 'origin', rk, 'last', rk)
        redis.call('SET', ticket_key(tid), cid)
        touch(tid, cid, skey, ttl, now)
        return {'ok', read(tid, cid, skey, true)}
        """#)

    /// ARGV: prefix, ticket. → {'ok', session} | {'missing'}
    static let get = RedisScript(name: "get", source: prelude + #"""
        local cid, skey = resolve(ARGV[2])
        if not cid then return {'missing'} end
        return {'ok', read(ARGV[2], cid, skey, true)}
        """#)

    /// ARGV: prefix, ticket, expected version, state, appended messages, their count, now,
    /// ttl (0 = keep), request key, max bytes.
    /// → {'ok', session} | {'replayed', session} | {'missing'} | {'conflict', version} | {'too_large', bytes}
    static let update = RedisScript(name: "update", source: prelude + #"""
        local tid, expected, now, rk = ARGV[2], tonumber(ARGV[3]), ARGV[7], ARGV[9]
        local cid, skey = resolve(tid)
        if not cid then return {'missing'} end
        local version, last, ttl = unpack(redis.call('HMGET', skey, 'version', 'last', 'ttl'))
        if rk ~= '' and last == rk then return {'replayed', read(tid, cid, skey, true)} end
        version = tonumber(version)
        if version ~= expected then return {'conflict', version} end
        local too_large = grow(skey, string.len(ARGV[4]), ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[10]))
        if too_large then return {'too_large', too_large} end
        if ARGV[8] ~= '0' then ttl = ARGV[8] end
        redis.call('HSET', skey, 'state', ARGV[4], 'version', version + 1, 'updated', now, 'ttl', ttl, 'last', rk)
        touch(tid, cid, skey, tonumber(ttl), now)
        return {'ok', read(tid, cid, skey, true)}
        """#)

    /// ARGV: prefix, ticket, messages, their count, now, ttl (0 = keep), request key, max bytes.
    /// → {'ok', session} | {'replayed', session} | {'missing'} | {'too_large', bytes}
    static let append = RedisScript(name: "append", source: prelude + #"""
        local tid, now, rk = ARGV[2], ARGV[5], ARGV[7]
        local cid, skey = resolve(tid)
        if not cid then return {'missing'} end
        local version, last, ttl = unpack(redis.call('HMGET', skey, 'version', 'last', 'ttl'))
        if rk ~= '' and last == rk then return {'replayed', read(tid, cid, skey, true)} end
        local too_large = grow(skey, redis.call('HSTRLEN', skey, 'state'), ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[8]))
        if too_large then return {'too_large', too_large} end
        if ARGV[6] ~= '0' then ttl = ARGV[6] end
        redis.call('HSET', skey, 'version', tonumber(version) + 1, 'updated', now, 'ttl', ttl, 'last', rk)
        touch(tid, cid, skey, tonumber(ttl), now)
        return {'ok', read(tid, cid, skey, true)}
        """#)

    /// ARGV: prefix, customer, limit, with messages ('1'/'0'), byte budget, a ticket to look up too ('' = none).
    /// → {'ok', has more (0/1), that ticket's session (or 0), session...}, most recent activity first.
    /// Index entries whose session is gone (expired, or its ticket now belongs to someone else) are removed.
    static let list = RedisScript(name: "list", source: prelude + #"""
        local cid, limit, with_messages, budget = ARGV[2], tonumber(ARGV[3]), ARGV[4] == '1', tonumber(ARGV[5])
        local ticket = 0
        if ARGV[6] ~= '' then
          local owner, tskey = resolve(ARGV[6])
          if owner then ticket = read(ARGV[6], owner, tskey, true) or 0 end
        end
        local ikey = index_key(cid)
        local out, dead, bytes, more, offset = {'ok', 0}, {}, 0, false, 0
        local batch = limit + 1
        while not more do
          local ids = redis.call('ZREVRANGE', ikey, offset, offset + batch - 1)
          for _, tid in ipairs(ids) do
            local skey = session_key(cid, tid)
            local live = redis.call('GET', ticket_key(tid)) == cid
            local rec = nil
            if live and #out - 2 < limit then
              rec = read(tid, cid, skey, with_messages)
              live = rec ~= nil
              if not live then redis.call('DEL', ticket_key(tid)) end
            elseif live then
              live = redis.call('EXISTS', skey) == 1
            end
            if not live then
              dead[#dead + 1] = tid
            elseif rec == nil or (#out > 2 and bytes + string.len(rec[5]) + string.len(rec[6]) > budget) then
              more = true
              break
            else
              bytes = bytes + string.len(rec[5]) + string.len(rec[6])
              out[#out + 1] = rec
            end
          end
          if #ids < batch then break end
          offset = offset + batch
        end
        for i = 1, #dead, 1000 do
          redis.call('ZREM', ikey, unpack(dead, i, math.min(i + 999, #dead)))
        end
        if more then out[2] = 1 end
        table.insert(out, 3, ticket)
        return out
        """#)

    /// ARGV: prefix, ticket, expected version (0 = any). → {'deleted'} | {'missing'} | {'conflict', version}
    static let delete = RedisScript(name: "delete", source: prelude + #"""
        local tid, expected = ARGV[2], tonumber(ARGV[3])
        local cid, skey = resolve(tid)
        if not cid then return {'missing'} end
        local version = tonumber(redis.call('HGET', skey, 'version'))
        if expected ~= 0 and version ~= expected then return {'conflict', version} end
        redis.call('DEL', skey, ticket_key(tid))
        redis.call('ZREM', index_key(cid), tid)
        return {'deleted'}
        """#)
}
