import TriageCore

/// One dependency a process needs (a store, the model, a downstream service) and how to probe it.
public struct HealthCheck: Sendable {
    public var name: String
    /// Whether the process is NOT_SERVING while this dependency is down.
    public var required: Bool
    /// Returns nil when the dependency serves, or why it does not. Must honour cancellation:
    /// it is cancelled when the check's time is up.
    public var probe: @Sendable () async -> String?

    public init(name: String, required: Bool = true, probe: @escaping @Sendable () async -> String?) {
        self.name = name
        self.required = required
        self.probe = probe
    }
}

/// `/triage.Health/Check`: SERVING only when every required dependency answers its probe.
public struct HealthService: HealthRPC.ServiceProtocol {
    public let service: String
    public let instance: String
    private let checks: [HealthCheck]
    private let startedAt = ContinuousClock.now
    private let probeTimeout: Duration

    public init(service: String, instance: String, checks: [HealthCheck] = [], probeTimeout: Duration = .seconds(1)) {
        self.service = service
        self.instance = instance
        self.checks = checks
        self.probeTimeout = probeTimeout
    }

    public func check(request: HealthCheckRequest, context: ServerContext) async throws -> HealthCheckResponse {
        let timeout = min(probeTimeout, max(context.timeRemaining - .milliseconds(5), .milliseconds(1)))
        let results = await withTaskGroup(of: (Int, DependencyHealth).self) { group in
            for (index, check) in checks.enumerated() {
                group.addTask { (index, await Self.run(check, timeout: timeout)) }
            }
            var results = [DependencyHealth?](repeating: nil, count: checks.count)
            for await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
        let serving = zip(checks, results).allSatisfy { !$0.required || $1.status == .serving }
        return HealthCheckResponse(
            status: serving ? .serving : .notServing,
            dependencies: results,
            service: service,
            instance: instance,
            version: TriageVersion.current,
            uptimeSeconds: UInt64((ContinuousClock.now - startedAt).components.seconds)
        )
    }

    private static func run(_ check: HealthCheck, timeout: Duration) async -> DependencyHealth {
        let start = ContinuousClock.now
        let outcome = await withTaskGroup(of: String??.self) { group -> String? in
            group.addTask { .some(await check.probe()) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return Task.isCancelled ? .none : .some("no answer within \(timeout.inMilliseconds) ms")
            }
            var outcome: String?? = .none
            while outcome == nil, let next = await group.next() { outcome = next }
            group.cancelAll()
            return outcome ?? "probe cancelled"
        }
        return DependencyHealth(
            name: check.name,
            status: outcome == nil ? .serving : .notServing,
            message: outcome ?? "",
            latencyMicros: UInt64(max((ContinuousClock.now - start).inMicroseconds, 0))
        )
    }
}
