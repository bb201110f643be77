import TestSupport
import Testing
import TriageContracts
import TriageRPC

extension SessionServiceTests {
    /// A customer's active tickets come from its index, never from a scan of the keyspace: the
    /// cost of a list does not depend on how many other sessions Redis holds.
    @Suite("session-service at scale", .timeLimit(.minutes(3)))
    struct SessionScaleTests {
        /// Writes `count` sessions of other customers in the service's layout, in one server-side script.
        private static let seed = """
            local prefix, n = ARGV[1], tonumber(ARGV[2])
            for i = 1, n do
              local cid, tid = 'other-' .. (i % 25000), 'SEED-' .. i
              local skey = prefix .. ':session:' .. cid .. ':' .. tid
              redis.call('HSET', skey, 'schema', 1, 'version', 1, 'state', '', 'messages', '', 'count', 0,
                'created', i, 'updated', i, 'ttl', 604800, 'origin', '', 'last', '')
              redis.call('EXPIRE', skey, 604800)
              redis.call('SET', prefix .. ':ticket:' .. tid, cid, 'EX', 604800)
              redis.call('ZADD', prefix .. ':customer:' .. cid .. ':sessions', i, tid)
            end
            return n
            """

        @Test func listingOneCustomerAmongHundredThousandSessionsUsesOnlyItsIndex() async throws {
            let fixture = try await SessionFixture(privateRedis: true, appendfsync: "everysec")
            #expect(try await fixture.redisCommand("EVAL", Self.seed, "0", fixture.prefix, "100000") == "100000")

            let customer = "cust-big"
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<16 {
                    group.addTask {
                        for index in stride(from: worker, to: 1000, by: 16) {
                            _ = try await fixture.client.createSession(CreateSessionRequest(
                                ticketID: "BIG-\(index)", customerID: customer, state: sampleState(), messages: [customerMessage("message \(index)")]))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let keys = try #require(Int(try await fixture.redisCommand("DBSIZE")))
            #expect(keys == 100_000 * 2 + 25_000 + 1000 * 2 + 1, "100,000 other sessions, their lookups and indexes, and ours")

            try await fixture.redisCommand("CONFIG", "RESETSTAT")
            var small: [Duration] = []
            for _ in 0..<10 {
                var listed: ListActiveSessionsResponse?
                small.append(try await elapsed {
                    listed = try await fixture.client.listActiveSessions(ListActiveSessionsRequest(customerID: customer, limit: 20))
                })
                #expect(listed?.sessions.count == 20 && listed?.hasMore == true)
            }
            var full: [Duration] = []
            for _ in 0..<3 {
                var listed: ListActiveSessionsResponse?
                full.append(try await elapsed {
                    listed = try await fixture.client.listActiveSessions(
                        ListActiveSessionsRequest(customerID: customer, limit: 1000, includeMessages: true))
                })
                let sessions = try #require(listed?.sessions)
                #expect(sessions.count == 1000 && listed?.hasMore == false)
                #expect(Set(sessions.map(\.ticketID)).count == 1000 && sessions.allSatisfy { $0.customerID == customer && $0.messages.count == 1 })
                let updated = sessions.map(\.updatedAtMicros)
                #expect(zip(updated, updated.dropFirst()).allSatisfy { $0 >= $1 }, "newest first")
            }

            let stats = try await commandStats(fixture)
            #expect(stats.keys.filter { ["scan", "keys", "zscan", "hscan", "sscan"].contains($0) }.isEmpty, "\(stats)")
            #expect(stats["evalsha"] == 13, "one script call per list: \(stats)")
            #expect(stats["hmget"] == 10 * 20 + 3 * 1000, "one read per listed session, nothing else: \(stats)")
            #expect(stats["zrevrange"] == 13, "\(stats)")
            #expect(stats.values.reduce(0, +) < 10_000, "\(stats)")

            small.sort()
            full.sort()
            print("ListActiveSessions among \(keys) keys: limit 20 p50 \(small[5]), limit 1000 with messages p50 \(full[1])")
            #expect(small[5] < .milliseconds(50), "limit 20: \(small)")
            #expect(full[1] < .milliseconds(750), "limit 1000: \(full)")
            await fixture.shutdown()
        }

        /// `INFO commandstats` as command → calls.
        private func commandStats(_ fixture: SessionFixture) async throws -> [String: Int] {
            var stats: [String: Int] = [:]
            for line in try await fixture.redisCommand("INFO", "commandstats").split(whereSeparator: \.isNewline) {
                // cmdstat_hmget:calls=3200,usec=...
                guard line.hasPrefix("cmdstat_"), let colon = line.firstIndex(of: ":") else { continue }
                let name = line[line.index(line.startIndex, offsetBy: 8)..<colon].lowercased()
                let calls = line[colon...].split(separator: ",").first?.split(separator: "=").last.flatMap { Int($0) }
                stats[name] = calls ?? 0
            }
            return stats
        }
    }
}
