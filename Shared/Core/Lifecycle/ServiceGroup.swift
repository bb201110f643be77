/// Runs a process's services together: starts them in order, and on SIGTERM/SIGINT (or when one
/// of them stops on its own) shuts them down gracefully in reverse order, each one after the one
/// started after it has finished. Past `shutdownTimeout`, or on a second signal, everything left
/// is cancelled.
public struct ServiceGroup: Sendable {
    private let services: [any Service]
    private let signals: [UnixSignal]
    private let shutdownTimeout: Duration
    private let logger: Logger

    public init(
        services: [any Service],
        gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint],
        shutdownTimeout: Duration = .seconds(30),
        logger: Logger
    ) {
        self.services = services
        self.signals = gracefulShutdownSignals
        self.shutdownTimeout = shutdownTimeout
        self.logger = logger
    }

    private enum Event: Sendable {
        case finished(index: Int, error: (any Error)?)
        case signal(UnixSignal)
        case timeout
    }

    /// Returns when every service has stopped; throws the first error a service stopped with.
    public func run() async throws {
        let tokens = services.map { _ in GracefulShutdownToken() }
        var running = Set(services.indices)
        var firstError: (any Error)?

        try await withThrowingTaskGroup(of: Event.self) { group in
            for (index, service) in services.enumerated() {
                group.addTask {
                    await GracefulShutdownToken.$current.withValue(tokens[index]) {
                        do {
                            try await service.run()
                            return .finished(index: index, error: nil)
                        } catch {
                            return .finished(index: index, error: error)
                        }
                    }
                }
            }
            if !signals.isEmpty { group.addTask { await Self.nextSignal(signals) } }

            // Until something asks us to stop.
            var reason: Event?
            while reason == nil, let event = try await group.next() {
                if case .finished(let index, let error) = event {
                    running.remove(index)
                    if let error, firstError == nil { firstError = error }
                    logger.log(error == nil ? .notice : .error, "service stopped",
                               ["service_index": LogValue(index), "error": .string(error.map { "\($0)" } ?? "none")])
                }
                reason = event
            }
            if case .signal(let signal) = reason {
                logger.notice("shutting down gracefully", ["signal": .string(signal.description)])
            } else {
                logger.notice("shutting down because a service stopped")
            }
            group.addTask { [shutdownTimeout] in
                try? await Task.sleep(for: shutdownTimeout)
                return .timeout
            }
            if case .signal = reason, !signals.isEmpty {
                group.addTask { await Self.nextSignal(signals) }  // a second one cancels
            }

            // Reverse order: each service finishes before the one started before it is asked.
            for index in services.indices.reversed() where running.contains(index) {
                tokens[index].trigger()
                while running.contains(index), let event = try await group.next() {
                    switch event {
                    case .finished(let finished, let error):
                        running.remove(finished)
                        if let error, !(error is CancellationError), firstError == nil { firstError = error }
                    case .timeout:
                        logger.error("graceful shutdown timed out; cancelling", ["timeout_ms": LogValue(shutdownTimeout.inMilliseconds)])
                        group.cancelAll()
                    case .signal(let signal):
                        logger.warning("second signal; cancelling", ["signal": .string(signal.description)])
                        group.cancelAll()
                    }
                }
            }
            group.cancelAll()
        }
        if let firstError { throw firstError }
    }

    private static func nextSignal(_ signals: [UnixSignal]) async -> Event {
        for await signal in UnixSignal.stream(signals) { return .signal(signal) }
        return .timeout  // cancelled: the group is ending anyway
    }
}

extension Duration {
    /// Whole milliseconds, for logs and configuration.
    public var inMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// Whole microseconds, as carried on the wire.
    public var inMicroseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
