import Foundation
import Synchronization
import TriageContracts
import TriageCore
import TriageRPC

/// `triage-bench knowledge`: knowledge-service Search latency and throughput (embedding and query
/// analysis included; the gateway sends a language hint, which spares the analysis of English text) at
/// 1 and 16 calls in flight, ingest throughput, recall@3 of the labelled queries, and Search latency
/// over 1k, 10k and 100k synthetic chunks, in both embedding modes, against a private Qdrant stand-in.
///
///     swift build -c release && .build/release/triage-bench knowledge [--seconds 3] [--modes transformer,static]
///         [--sizes 1000,10000,100000] [--calibrate]
///
/// Run from the repository root (it needs `.run/venv` for the stand-in, the demo KB and the labelled
/// queries). `--calibrate` also fits the score calibration (see ScoreCalibration.swift) per mode.
enum KnowledgeBench {
    /// A 41-token query (with [CLS] and [SEP]), the one the targets are stated for.
    static let query40 = "Hello, since this morning our whole team gets a 502 bad gateway error whenever we open the quarterly "
        + "revenue dashboard, and the CSV exports time out too. Is something down on your side?"

    static func run(_ arguments: [String]) async throws {
        let options = BenchOptions(arguments)
        let duration = options.seconds("seconds", default: 3)
        let modes = (options.string("modes") ?? "transformer,static").split(separator: ",").map(String.init)
        let sizes = (options.string("sizes") ?? "1000,10000,100000").split(separator: ",").compactMap { Int($0) }
        let calibrate = arguments.contains("--calibrate")
        let root = FileManager.default.currentDirectoryPath
        let queries = try LabelledQueries.load(root: root)
        printMachine()
        print("load average \(loadAverage()); \(duration.seconds) s per latency row; a private Qdrant stand-in (exact search)\n")

        var scale: [String: [(Int, LatencySummary)]] = [:]
        for mode in modes {
            try await BenchKnowledgeService.with(mode: mode, collection: "bench_kb", root: root) { service in
                let ingest = try await service.ingest("\(root)/deploy/demo/kb")
                print("### \(mode) mode\n\ningest of the demo KB (40 articles): \(ingest)\n")
                print("| Search | in flight | p50 | p99 | searches/s | CPU per search: stand-in | knowledge-service |")
                print("|---|---|---|---|---|---|---|")
                let counter = Atomic<Int>(0)
                let labelled = queries.map { KnowledgeSearchRequest(query: $0.query, limit: 5, language: $0.language) }
                let workloads: [(String, @Sendable (Int) -> KnowledgeSearchRequest)] = [
                    ("40-token query, language hint en", { _ in KnowledgeSearchRequest(query: query40, limit: 5, language: "en") }),
                    ("40-token query, no hint", { _ in KnowledgeSearchRequest(query: query40, limit: 5) }),
                    ("labelled queries with their hints, round robin", { labelled[$0 % labelled.count] }),
                ]
                for (name, pick) in workloads {
                    for concurrency in [1, 16] {
                        // CPU over the whole row (warm-up included) divided by every search it made.
                        let before = (counter.load(ordering: .relaxed), service.cpuSeconds())
                        let summary = try await measure(concurrency: concurrency, duration: duration, executor: EventLoop.shared) {
                            let index = counter.add(1, ordering: .relaxed).newValue
                            _ = try await service.client.search(pick(index))
                        }
                        let after = (counter.load(ordering: .relaxed), service.cpuSeconds())
                        let searches = Double(max(1, after.0 - before.0))
                        let cpu = [after.1.standin - before.1.standin, after.1.service - before.1.service]
                            .map { Duration.seconds($0 / searches).formatted }
                        print("| \(name) | \(concurrency) | \(summary.p50.formatted) | \(summary.p99.formatted) | \(Int(summary.perSecond)) "
                            + "| \(cpu[0]) | \(cpu[1]) |")
                    }
                }
                let quality = try await Calibration.evaluate(service.client, queries: queries)
                print("\nrecall@3 of the \(queries.count) labelled queries: \(quality.recallLine)")
                if calibrate { print(quality.fit()) }
            }
            try await BenchKnowledgeService.with(mode: mode, collection: "bench_synthetic", root: root) { service in
                var loaded = 0
                for size in sizes.sorted() {
                    let started = ContinuousClock.now
                    try await SyntheticChunks.load(into: service, from: loaded, to: size, root: root)
                    let took = ContinuousClock.now - started
                    loaded = size
                    let summary = try await measure(concurrency: 1, duration: duration, executor: EventLoop.shared) {
                        _ = try await service.client.search(KnowledgeSearchRequest(query: query40, limit: 5, language: "en"))
                    }
                    scale[mode, default: []].append((size, summary))
                    print("synthetic chunks: \(size) (loaded in \(took.formatted)); 40-token Search p50 \(summary.p50.formatted), p99 \(summary.p99.formatted)")
                }
            }
            print("")
        }
        print("| 40-token Search, 1 in flight | " + sizes.sorted().map { "\($0) chunks p50 / p99" }.joined(separator: " | ") + " |")
        print("|---|" + sizes.map { _ in "---|" }.joined())
        for mode in modes {
            let cells = (scale[mode] ?? []).map { "\($0.1.p50.formatted) / \($0.1.p99.formatted)" }
            print("| \(mode) | " + cells.joined(separator: " | ") + " |")
        }
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    }
}

/// A private Qdrant stand-in and a knowledge-service on it, for the duration of `body`.
struct BenchKnowledgeService {
    let client: KnowledgeRPC.Client
    let environment: [String: String]
    let qdrantPort: Int
    let collection: String
    let directory: String
    let standinPID: pid_t
    let servicePID: pid_t

    /// CPU seconds the stand-in and the knowledge-service have used so far.
    func cpuSeconds() -> (standin: Double, service: Double) {
        (processCPUSeconds(standinPID) ?? 0, processCPUSeconds(servicePID) ?? 0)
    }

    static func with(mode: String, collection: String, root: String, _ body: (BenchKnowledgeService) async throws -> Void) async throws {
        let directory = NSTemporaryDirectory() + "triage-bench-knowledge-\(getpid())-\(mode)-\(collection)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let python = ProcessInfo.processInfo.environment["TRIAGE_PYTHON"] ?? "\(root)/.run/venv/bin/python"
        let standin = try ChildProcess(executable: python, arguments: [
            "\(root)/deploy/qdrant-standin/standin.py", "--port", "0", "--data-dir", "\(directory)/qdrant",
        ], environment: [:])
        // SIGKILL: a child started from a Swift concurrency thread has SIGTERM blocked.
        defer { kill(standin.process.processIdentifier, SIGKILL); standin.process.waitUntilExit() }
        try await waitForFile("\(directory)/qdrant/port", timeout: .seconds(30))
        let port = Int((try String(contentsOfFile: "\(directory)/qdrant/port", encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0

        let environment = [
            "TRIAGE_SOCKET_DIR": directory, "TRIAGE_INSTANCE": "bench", "TRIAGE_LOG_LEVEL": "warning", "TRIAGE_EMBED_MODE": mode,
            "QDRANT_HOST": "127.0.0.1", "QDRANT_PORT": String(port), "QDRANT_COLLECTION": collection, "TRIAGE_RUN_DIR": "\(root)/.run",
        ]
        let service = try ChildProcess(executable: "\(buildDirectory)/knowledge-service", environment: environment)
        defer { kill(service.process.processIdentifier, SIGKILL); service.process.waitUntilExit() }
        try await waitForFile("\(directory)/knowledge-service/bench.sock", timeout: .seconds(60))
        let channel = ServiceChannel(service: "knowledge-service", socketDirectory: directory, logger: Logger(service: "triage-bench", logLevel: .warning))
        defer { channel.close() }
        let health = HealthRPC.Client(channel: channel)
        let deadline = ContinuousClock.now + .seconds(60)
        while (try? await health.check(HealthCheckRequest()))?.status != .serving {
            guard ContinuousClock.now < deadline else { throw BenchError("knowledge-service did not become SERVING") }
            try await Task.sleep(for: .milliseconds(100))
        }
        try await body(BenchKnowledgeService(client: KnowledgeRPC.Client(channel: channel), environment: environment, qdrantPort: port,
                                             collection: collection, directory: directory,
                                             standinPID: standin.process.processIdentifier, servicePID: service.process.processIdentifier))
    }

    /// Runs `knowledge-service ingest DIR`; returns its summary line.
    func ingest(_ kb: String) async throws -> String {
        let output = "\(directory)/ingest.log"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "\(buildDirectory)/knowledge-service")
        process.arguments = ["ingest", kb]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = FileHandle.nullDevice
        try process.run()
        while process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        guard process.terminationStatus == 0, let summary = lines.last(where: { $0.hasPrefix("ingested") }) else {
            throw BenchError("ingest failed: \(lines.suffix(3).joined(separator: " / "))")
        }
        return String(summary.drop { $0 != ":" }.dropFirst()).trimmingCharacters(in: .whitespaces)
    }
}
