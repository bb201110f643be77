import Foundation
import TriageContracts
import TriageCore
import TriageRPC

/// `triage-bench rpc`: an Echo call over one Unix-socket connection to rpc-test-server, empty and
/// with a 16 KiB payload, at 1, 16 and 64 calls in flight.
enum RPCBench {
    static func run(_ arguments: [String]) async throws {
        let options = BenchOptions(arguments)
        let duration = options.seconds("seconds", default: 5)
        let directory = NSTemporaryDirectory() + "triage-bench-rpc-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        let server = try ChildProcess(
            executable: "\(buildDirectory)/rpc-test-server",
            environment: ["TRIAGE_SOCKET_DIR": directory, "TRIAGE_INSTANCE": "bench", "TRIAGE_LOG_LEVEL": "warning"]
        )
        defer { server.stop() }
        try await waitForFile("\(directory)/rpc-test-server/bench.sock")

        let logger = Logger(service: "triage-bench", logLevel: .warning)
        let channel = ServiceChannel(service: "rpc-test-server", socketDirectory: directory, logger: logger)
        defer { channel.close() }
        let client = EchoRPC.Client(channel: channel)
        let executor: (any TaskExecutor)? = options.string("client-executor") == "pool" ? nil : EventLoop.shared

        printMachine()
        print("Echo over one Unix-socket connection, \(duration.seconds) s per row (after 0.5 s warm-up)")
        print("| payload | in flight | p50 | p99 | calls/s |")
        print("|---|---|---|---|---|")
        let sizes = options.string("payload").map { [("\($0) B", Int($0) ?? 0)] } ?? [("empty", 0), ("16 KiB", 16 * 1024)]
        let levels = options.string("in-flight").map { [Int($0) ?? 1] } ?? [1, 16, 64]
        for (label, size) in sizes {
            let request = EchoRequest(payload: [UInt8](repeating: 0x5A, count: size))
            for concurrency in levels {
                let summary = try await measure(concurrency: concurrency, duration: duration, executor: executor) {
                    let response = try await client.echo(request)
                    precondition(response.payload.count == size)
                }
                print("| \(label) | \(concurrency) | \(summary.p50.formatted) | \(summary.p99.formatted) | \(Int(summary.perSecond)) |")
            }
        }
        let floor = socketPairPingPong(rounds: 20_000)
        print("floor: 1-byte ping-pong between two threads over a socketpair (blocking read/write, no RPC): p50 \(floor.p50.formatted), p99 \(floor.p99.formatted)")
    }

    /// What the kernel and the scheduler alone cost per round trip on this machine: two threads
    /// that each sleep in read() until the other writes. Every RPC round trip at 1 in flight pays
    /// at least this (two wake-ups), whatever the runtime does.
    static func socketPairPingPong(rounds: Int) -> LatencySummary {
        var fds: [Int32] = [0, 0]
        precondition(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let peer = fds[1]
        let echo = Thread {
            var byte: UInt8 = 0
            while read(peer, &byte, 1) == 1 { if write(peer, &byte, 1) != 1 { break } }
        }
        echo.start()
        var samples: [Duration] = []
        samples.reserveCapacity(rounds)
        let clock = ContinuousClock()
        var byte: UInt8 = 7
        let start = clock.now
        for _ in 0..<rounds {
            let sent = clock.now
            _ = write(fds[0], &byte, 1)
            _ = read(fds[0], &byte, 1)
            samples.append(clock.now - sent)
        }
        shutdown(fds[0], Int32(SHUT_RDWR))
        return LatencySummary(samples: samples, elapsed: clock.now - start)
    }
}
