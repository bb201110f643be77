import Foundation
import Synchronization
import TestSupport
import TriageCore

/// `triage-bench gateway`: end-to-end `POST /api/triage` against the whole system (release
/// binaries, real stores), at 1, 16 and 64 concurrent keep-alive clients, with the time per
/// workflow step and per downstream call read back from the gateway's `/metrics`.
enum GatewayBench {
    static func run(_ arguments: [String]) async throws {
        let options = BenchOptions(arguments)
        let duration = options.seconds("seconds", default: 30)
        let mode = options.string("mode") ?? "static"
        let levels = options.string("clients").map { $0.split(separator: ",").compactMap { Int($0) } } ?? [1, 16, 64]
        // Open loop: the clients together send `rate` requests per second on a fixed schedule, and
        // each latency counts from the request's scheduled time (a client that fell behind adds
        // its delay), so the figures say what a helpdesk sending that many tickets would see.
        let rate = options.string("rate").flatMap(Double.init)
        // `--arrivals poisson`: each client's requests arrive at random (exponential gaps, seeded),
        // so that together they form a Poisson stream of `rate` per second, burstier than the
        // default evenly spaced schedule.
        let poisson = options.string("arrivals") == "poisson"
        // `--dispatch pool`: one stream of arrivals for all clients, each request taken by whichever
        // client is free (a connection pool, as a helpdesk's webhook workers send), instead of each
        // client keeping its own share of the stream and queueing behind its own previous request.
        let dispatch = options.string("dispatch") ?? "client"
        guard ["client", "pool"].contains(dispatch), dispatch == "client" || rate != nil else {
            throw BenchError("--dispatch must be client or pool, and pool needs --rate")
        }
        // `--redis-fsync everysec`: Redis as compose and Kubernetes run it, instead of the local
        // default `always` (a disk flush before every session write is acknowledged).
        let redisFsync = options.string("redis-fsync") ?? "always"
        guard ["always", "everysec"].contains(redisFsync) else {
            throw BenchError("--redis-fsync must be always or everysec, not '\(redisFsync)'")
        }
        setenv("TRIAGE_BUILD_DIR", buildDirectory, 1)
        printMachine()
        print("starting the whole system from \(buildDirectory) (embedding mode \(mode), Redis appendfsync \(redisFsync))…")
        let system = try await TriageSystem.start(redisAppendfsync: redisFsync,
                                                  environment: ["TRIAGE_EMBED_MODE": mode, "TRIAGE_LOG_LEVEL": "warning"])
        do {
            let tickets = try loadTickets()
            print("POST /api/triage with \(tickets.count) different tickets (the train split's texts), \(duration.seconds) s per row after a 3 s warm-up")
            if let rate {
                let arrivals = poisson ? "as a Poisson stream (random gaps)" : "on a fixed schedule"
                let dispatched = dispatch == "pool" ? "each request sent by whichever client is free" : "each client with its own share of the stream"
                print("open loop: \(rate) requests/s offered in all, \(arrivals), \(dispatched); latency from each request's scheduled time")
            }
            print("| clients | p50 | p99 | triages/s | errors | degraded answers | follow-ups |")
            print("|---|---|---|---|---|---|---|")
            var breakdowns: [(Int, [String: (sum: Double, count: Double)])] = []
            var followUpRows: [(Int, LatencySummary)] = []
            var tails: [(Int, [TimedAnswer])] = []
            var cpu: [(Int, [(String, Double)])] = []
            let processes = system.processIDs
            var nextSequence = 0
            for clients in levels {
                let before = try metrics(port: system.httpPort)
                let cpuBefore = processes.map { processTreeCPUSeconds($0.pid) } + [processCPUSeconds(getpid()) ?? 0]
                let result = try await load(port: system.httpPort, clients: clients, duration: duration, tickets: tickets, rate: rate,
                                            poisson: poisson, pooled: dispatch == "pool", firstSequence: nextSequence)
                nextSequence += result.sequencesUsed
                let cpuAfter = processes.map { processTreeCPUSeconds($0.pid) } + [processCPUSeconds(getpid()) ?? 0]
                let after = try metrics(port: system.httpPort)
                let summary = LatencySummary(samples: result.latencies, elapsed: duration)
                let errors = result.errors.isEmpty ? "0" : "\(result.errors.values.reduce(0, +)) (\(result.errors.map { "\($0.key): \($0.value)" }.sorted().joined(separator: ", ")))"
                let window = difference(after, before)
                print("| \(clients) | \(summary.p50.formatted) | \(summary.p99.formatted) | \(Int(summary.perSecond)) | \(errors) | \(degradedShare(window)) | \(percent(result.followUpLatencies.count, of: result.latencies.count)) |")
                followUpRows.append((clients, LatencySummary(samples: result.followUpLatencies, elapsed: duration)))
                breakdowns.append((clients, window))
                tails.append((clients, result.timed))
                // The bench itself last, without its children (the system's processes are its children).
                cpu.append((clients, zip(processes.map(\.name) + ["triage-bench"], zip(cpuBefore, cpuAfter)).map { ($0.0, $0.1.1 - $0.1.0) }))
            }
            for (clients, summary) in followUpRows where summary.count > 0 {
                print("follow-ups at \(clients) clients: p50 \(summary.p50.formatted), p99 \(summary.p99.formatted) (\(summary.count) answers)")
            }
            printBreakdown(breakdowns)
            printTail(tails)
            printCPU(cpu, breakdowns)
        } catch {
            await system.stop()
            throw error
        }
        let unclean = await system.stop()
        if unclean.isEmpty {
            for directory in [system.directory, system.redis.directory] { try? FileManager.default.removeItem(atPath: directory) }
        } else {
            print("not stopped cleanly (logs kept in \(system.directory)):")
            for line in unclean { print("- \(line)") }
        }
    }

    // MARK: Load

    private struct LoadResult {
        var latencies: [Duration] = []
        var errors: [String: Int] = [:]
        /// The latencies of answers that joined an active ticket (`"follow_up": true`, also in
        /// `latencies`): each reads a longer conversation again.
        var followUpLatencies: [Duration] = []
        /// Each answered request's latency with the gateway's `Server-Timing` header.
        var timed: [TimedAnswer] = []
        /// How many request numbers the row took: the next row starts after them.
        var sequencesUsed = 0
    }

    /// `firstSequence`: the first request number of the row. Rows continue the numbering, so that no
    /// request of a later row repeats one of an earlier row (it would be a retry of a completed ticket,
    /// answered without a write).
    private static func load(port: Int, clients: Int, duration: Duration, tickets: [(String, String)], rate: Double?,
                             poisson: Bool, pooled: Bool, firstSequence: Int) async throws -> LoadResult {
        let results = Mutex(LoadResult())
        let counter = Atomic<Int>(0)
        let finished = Atomic<Int>(0)
        let clock = ContinuousClock()
        let measureFrom = clock.now + .seconds(3)
        let end = measureFrom + duration
        let done = OneShot<Void>()
        let schedule = clock.now
        // Pooled: the whole stream's arrival times, taken in order by whichever client is free.
        var pool: [Double] = []
        if pooled, let rate {
            var random = SplitMix64(seed: 1)
            var offset = 0.0
            while offset < 3 + Double(duration.components.seconds) + 1 {
                offset += poisson ? -log(1 - random.nextUnit()) / rate : 1 / rate
                pool.append(offset)
            }
        }
        let arrivals = pool
        for clientIndex in 0..<clients {
            let thread = Thread {
                var local = LoadResult()
                local.latencies.reserveCapacity(20_000)
                do {
                    let client = try RawHTTPClient(port: port)
                    var sent = 0
                    var random = SplitMix64(seed: UInt64(clientIndex + 1))
                    var next = schedule
                    while clock.now < end {
                        var start = clock.now
                        var claimed: Int?
                        if pooled {
                            let index = counter.add(1, ordering: .relaxed).newValue
                            guard index < arrivals.count else { break }
                            start = schedule + .seconds(arrivals[index])
                            if start >= end { break }
                            sleep(until: start, clock: clock)
                            claimed = index
                        } else if let rate {
                            if poisson {
                                // Exponential gaps with a mean of clients / rate seconds.
                                next = next + .seconds(-log(1 - random.nextUnit()) * Double(clients) / rate)
                                start = next
                            } else {
                                // This client's share of a schedule of `rate` per second, interleaved with the others.
                                start = schedule + .seconds(Double(sent * clients + clientIndex) / rate)
                            }
                            sent += 1
                            if start >= end { break }
                            sleep(until: start, clock: clock)
                        }
                        let sequence = firstSequence + (claimed ?? counter.add(1, ordering: .relaxed).newValue)
                        let (customer, text) = tickets[sequence % tickets.count]
                        let body = requestBody(customer: customer, text: text, sequence: sequence)
                        let sentAt = clock.now
                        let (status, answer) = try client.post("/api/triage", json: body)
                        if start >= measureFrom {
                            local.latencies.append(clock.now - start)
                            if status != 200 { local.errors["HTTP \(status)", default: 0] += 1 }
                            if status == 200 && isFollowUp(answer) { local.followUpLatencies.append(clock.now - start) }
                            if status == 200, let timing = client.lastServerTiming {
                                local.timed.append(TimedAnswer(latency: clock.now - start, behindSchedule: sentAt - start, serverTiming: timing))
                            }
                        }
                    }
                } catch {
                    local.errors["\(error)", default: 0] += 1
                }
                results.withLock { total in
                    total.latencies += local.latencies
                    total.followUpLatencies += local.followUpLatencies
                    total.timed += local.timed
                    for (key, count) in local.errors { total.errors[key, default: 0] += count }
                }
                if finished.add(1, ordering: .acquiringAndReleasing).newValue == clients { done.resume(()) }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        await done.wait()
        var result = results.withLock { $0 }
        result.sequencesUsed = counter.load(ordering: .relaxed) + 1
        return result
    }

    private static let followUpTrue = Array(#""follow_up":true"#.utf8)

    private static func isFollowUp(_ answer: [UInt8]) -> Bool {
        answer.firstRange(of: followUpTrue) != nil
    }

    private static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "—" : String(format: "%.0f%%", Double(part) * 100 / Double(whole))
    }

    private static func sleep(until instant: ContinuousClock.Instant, clock: ContinuousClock) {
        let remaining = instant - clock.now
        guard remaining > .zero else { return }
        let parts = remaining.components
        var request = timespec(tv_sec: Int(parts.seconds), tv_nsec: Int(parts.attoseconds / 1_000_000_000))
        var left = timespec()
        while nanosleep(&request, &left) != 0 && errno == EINTR { request = left }
    }

    /// One ticket, unique by its timestamp, so that no two requests are retries of each other, and
    /// by a reference at the end of its text, so that no text is one the gateway has embedded before
    /// (its embedding cache would otherwise make follow-up matching free after the first round).
    private static func requestBody(customer: String, text: String, sequence: Int) -> [UInt8] {
        let seconds = 1_767_225_600 + sequence  // 2026-01-01, one second apart
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        let stamp = String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                           parts.tm_hour, parts.tm_min, parts.tm_sec)
        let object: [String: Any] = ["customer_id": customer,
                                     "messages": [["role": "customer", "content": "\(text)\n\n(ref \(sequence))", "timestamp": stamp]]]
        return Array((try? JSONSerialization.data(withJSONObject: object)) ?? Data())
    }

    private static func loadTickets() throws -> [(String, String)] {
        let path = TestPaths.repositoryRoot + "/Tests/Fixtures/tickets/train.jsonl"
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        var tickets: [(String, String)] = []
        for (index, line) in lines.enumerated() {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let messages = object["messages"] as? [[String: Any]],
                  let text = messages.last(where: { $0["role"] as? String == "customer" })?["content"] as? String else { continue }
            tickets.append((String(format: "customer_%03d", index % 52 + 1), text))
        }
        return tickets
    }

    // MARK: Where the time goes

    private static func metrics(port: Int) throws -> [String: (sum: Double, count: Double)] {
        let client = try RawHTTPClient(port: port)
        let text = String(decoding: try client.get("/metrics").body, as: UTF8.self)
        var values: [String: (sum: Double, count: Double)] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let value = Double(parts[1]) else { continue }
            let name = String(parts[0])
            if name.hasPrefix("triage_degraded_answers_total") || name.hasPrefix("triage_decisions_total") {
                values[name.replacingOccurrences(of: "\"", with: "")] = (value, value)
                continue
            }
            for (suffix, isSum) in [("_sum", true), ("_count", false)] {
                guard let range = name.range(of: suffix + "{") ?? (name.hasSuffix(suffix) ? name.range(of: suffix) : nil) else { continue }
                let key = String(name[..<range.lowerBound]) + String(name[range.upperBound...]).replacingOccurrences(of: "}", with: "")
                var entry = values[key] ?? (0, 0)
                if isSum { entry.sum = value } else { entry.count = value }
                values[key] = entry
            }
        }
        return values
    }

    private static func difference(_ after: [String: (sum: Double, count: Double)], _ before: [String: (sum: Double, count: Double)])
        -> [String: (sum: Double, count: Double)] {
        after.mapValues { $0 }.reduce(into: [:]) { result, entry in
            let old = before[entry.key] ?? (0, 0)
            result[entry.key] = (entry.value.sum - old.sum, entry.value.count - old.count)
        }
    }

    /// The share of answers that skipped a dependency (e.g. knowledge search over its time cap),
    /// by what was skipped; counted by the gateway over the row, warm-up included.
    private static func degradedShare(_ window: [String: (sum: Double, count: Double)]) -> String {
        let answers = window.filter { $0.key.hasPrefix("triage_decisions_total") }.values.reduce(0) { $0 + $1.sum }
        guard answers > 0 else { return "–" }
        let skipped = window.filter { $0.key.hasPrefix("triage_degraded_answers_total") && $0.value.sum > 0 }
            .map { key, value in (key.components(separatedBy: "skipped=").last?.replacingOccurrences(of: "}", with: "") ?? key, value.sum) }
            .sorted { $0.0 < $1.0 }
        if skipped.isEmpty { return "0" }
        return skipped.map { "\($0.0) " + String(format: "%.1f%%", $0.1 / answers * 100) }.joined(separator: ", ")
    }

    /// The `POST /api/triage` requests a /metrics window counted (at least 1).
    private static func triageCount(_ values: [String: (sum: Double, count: Double)]) -> Double {
        max(values.first { $0.key.contains("triage_http_request_duration_seconds") && $0.key.contains("/api/triage") }?.value.count ?? 1, 1)
    }

    /// CPU per triage of each process over a row (warm-up included, like the request count it is
    /// divided by), so that the next optimisation can be aimed: the system is CPU-bound at 16 clients.
    private static func printCPU(_ rows: [(Int, [(String, Double)])], _ breakdowns: [(Int, [String: (sum: Double, count: Double)])]) {
        print("\nCPU per triage (ms; user + system time from /proc, warm-up included)")
        print("| process | " + rows.map { "\($0.0) clients" }.joined(separator: " | ") + " |")
        print("|---|" + String(repeating: "---|", count: rows.count))
        let triages = breakdowns.map { triageCount($0.1) }
        guard let names = rows.first?.1.map(\.0) else { return }
        for (index, name) in names.enumerated() {
            print("| \(name) | " + rows.enumerated().map { String(format: "%.2f", $0.element.1[index].1 / triages[$0.offset] * 1000) }.joined(separator: " | ") + " |")
        }
        let totals = rows.enumerated().map { String(format: "%.2f", $0.element.1.reduce(0) { $0 + $1.1 } / triages[$0.offset] * 1000) }
        print("| all | " + totals.joined(separator: " | ") + " |")
    }

    private static func printBreakdown(_ breakdowns: [(Int, [String: (sum: Double, count: Double)])]) {
        print("\nWhere the time goes: mean per triage (ms), from the gateway's /metrics")
        print("| step or call | " + breakdowns.map { "\($0.0) clients" }.joined(separator: " | ") + " |")
        print("|---|" + String(repeating: "---|", count: breakdowns.count))
        guard let reference = breakdowns.first?.1 else { return }
        let keys = reference.keys.filter {
            $0.hasPrefix("triage_workflow_step_duration_seconds") || $0.hasPrefix("triage_downstream_call_duration_seconds")
                || ($0.hasPrefix("triage_http_request_duration_seconds") && $0.contains("/api/triage"))
        }.sorted()
        for key in keys {
            let label = key.replacingOccurrences(of: "triage_workflow_step_duration_seconds", with: "step ")
                .replacingOccurrences(of: "triage_downstream_call_duration_seconds", with: "call ")
                .replacingOccurrences(of: "triage_http_request_duration_seconds", with: "HTTP ")
                .replacingOccurrences(of: "\"", with: "")
            let cells = breakdowns.map { _, values -> String in
                let entry = values[key] ?? (0, 0)
                return String(format: "%.2f", entry.sum / triageCount(values) * 1000)
            }
            print("| \(label) | " + cells.joined(separator: " | ") + " |")
        }
    }
}

