import Foundation

/// Latency samples of one benchmark run, and the usual summary figures.
struct LatencySummary {
    let count: Int
    let elapsed: Duration
    let p50: Duration
    let p99: Duration
    let mean: Duration

    init(samples: [Duration], elapsed: Duration) {
        let sorted = samples.sorted()
        count = sorted.count
        self.elapsed = elapsed
        p50 = sorted.isEmpty ? .zero : sorted[sorted.count / 2]
        p99 = sorted.isEmpty ? .zero : sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
        mean = sorted.isEmpty ? .zero : sorted.reduce(Duration.zero, +) / sorted.count
    }

    var perSecond: Double { Double(count) / elapsed.seconds }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }

    /// Human units for tables: µs below 10 ms, else ms.
    var formatted: String {
        let micros = seconds * 1e6
        if micros < 10_000 { return String(format: "%.1f µs", micros) }
        return String(format: "%.2f ms", micros / 1000)
    }
}

/// Runs `concurrency` loops of `operation` for `duration` after `warmup`; returns the latencies.
func measure(
    concurrency: Int, duration: Duration, warmup: Duration = .milliseconds(500), executor: (any TaskExecutor)? = nil,
    _ operation: @escaping @Sendable () async throws -> Void
) async throws -> LatencySummary {
    let clock = ContinuousClock()
    let warmupEnd = clock.now + warmup
    let end = warmupEnd + duration
    let samples = try await withThrowingTaskGroup(of: [Duration].self) { group in
        for _ in 0..<concurrency {
            group.addTask(executorPreference: executor) {
                var local: [Duration] = []
                local.reserveCapacity(100_000)
                while true {
                    let start = clock.now
                    if start >= end { break }
                    try await operation()
                    if start >= warmupEnd { local.append(clock.now - start) }
                }
                return local
            }
        }
        var all: [Duration] = []
        for try await local in group { all.append(contentsOf: local) }
        return all
    }
    return LatencySummary(samples: samples, elapsed: duration)
}

/// The fields of `/proc/<pid>/stat` after the command name (so `[0]` is field 3, the state; `[1]`
/// the parent; `[11]` and `[12]` utime and stime); nil when the process is gone.
private func procStatFields(_ pid: pid_t) -> [Substring]? {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return nil }
    return stat[stat.index(after: close)...].split(separator: " ")
}

/// CPU time (user + system) a process has used so far, from `/proc/<pid>/stat`; nil when unreadable.
func processCPUSeconds(_ pid: pid_t) -> Double? {
    guard let fields = procStatFields(pid), fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// CPU seconds of a process and of all its descendants still alive (PostgreSQL's backends are
/// children of its postmaster); descendants that exited are counted through the parent's
/// `cutime`/`cstime` only once reaped, which for long-lived backends is never during a row.
func processTreeCPUSeconds(_ root: pid_t) -> Double {
    var children: [pid_t: [pid_t]] = [:]
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
        guard let pid = pid_t(entry), let fields = procStatFields(pid), fields.count > 1, let parent = pid_t(fields[1]) else { continue }
        children[parent, default: []].append(pid)
    }
    var total = 0.0
    var pending = [root]
    while let pid = pending.popLast() {
        total += processCPUSeconds(pid) ?? 0
        pending += children[pid] ?? []
    }
    return total
}

/// A child process the benchmark starts and stops (a service under test).
final class ChildProcess: @unchecked Sendable {
    let process = Process()

    init(executable: String, arguments: [String] = [], environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        try process.run()
    }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// The directory holding this executable (and the other products of the same build).
var buildDirectory: String {
    URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
}

/// Waits until `path` exists.
func waitForFile(_ path: String, timeout: Duration = .seconds(10)) async throws {
    let deadline = ContinuousClock.now + timeout
    while !FileManager.default.fileExists(atPath: path) {
        guard ContinuousClock.now < deadline else { throw BenchError("\(path) did not appear within \(timeout)") }
        try await Task.sleep(for: .milliseconds(20))
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Options of the form `--name value`.
struct BenchOptions {
    private var values: [String: String] = [:]

    init(_ arguments: [String]) {
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            if argument.hasPrefix("--") { values[String(argument.dropFirst(2))] = iterator.next() ?? "" }
        }
    }

    func seconds(_ name: String, default value: Double) -> Duration {
        .milliseconds(Int((values[name].flatMap(Double.init) ?? value) * 1000))
    }

    func string(_ name: String) -> String? { values[name] }
}

func printMachine() {
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let memory = ProcessInfo.processInfo.physicalMemory >> 30
    print("machine: \(cores) cores, \(memory) GiB, \(ProcessInfo.processInfo.operatingSystemVersionString)")
}
