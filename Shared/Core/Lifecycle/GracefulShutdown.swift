import Synchronization

/// The graceful-shutdown request of one service in a ``ServiceGroup``.
final class GracefulShutdownToken: Sendable {
    @TaskLocal static var current: GracefulShutdownToken?

    private struct State {
        var triggered = false
        var handlers: [Int: @Sendable () -> Void] = [:]
        var nextID = 0
    }
    private let state = Mutex(State())

    func trigger() {
        let handlers = state.withLock { state -> [@Sendable () -> Void] in
            guard !state.triggered else { return [] }
            state.triggered = true
            defer { state.handlers = [:] }
            return Array(state.handlers.values)
        }
        for handler in handlers { handler() }
    }

    var isTriggered: Bool { state.withLock { $0.triggered } }

    /// Registers `handler`; runs it at once (and returns nil) when shutdown was already requested.
    func register(_ handler: @escaping @Sendable () -> Void) -> Int? {
        let id = state.withLock { state -> Int? in
            guard !state.triggered else { return nil }
            state.nextID += 1
            state.handlers[state.nextID] = handler
            return state.nextID
        }
        if id == nil { handler() }
        return id
    }

    func unregister(_ id: Int) {
        _ = state.withLock { $0.handlers.removeValue(forKey: id) }
    }
}

/// Runs `operation`; calls `onGracefulShutdown` once if the enclosing ``ServiceGroup`` asks this
/// service to shut down gracefully while it runs (or already has).
public func withGracefulShutdownHandler<T>(
    operation: () async throws -> T,
    onGracefulShutdown: @escaping @Sendable () -> Void
) async rethrows -> T {
    guard let token = GracefulShutdownToken.current else { return try await operation() }
    let id = token.register(onGracefulShutdown)
    defer { if let id { token.unregister(id) } }
    return try await operation()
}

/// Whether the enclosing ``ServiceGroup`` has asked the current service to shut down.
public var isShuttingDownGracefully: Bool { GracefulShutdownToken.current?.isTriggered ?? false }

/// Suspends until a graceful shutdown is requested, or throws `CancellationError` when the task
/// is cancelled first.
public func gracefulShutdown() async throws {
    let signal = OneShot<Bool>()
    await withTaskCancellationHandler {
        await withGracefulShutdownHandler {
            _ = await signal.wait()
        } onGracefulShutdown: {
            signal.resume(true)
        }
    } onCancel: {
        signal.resume(false)
    }
    if Task.isCancelled { throw CancellationError() }
}
