/// A long-lived part of a process (an RPC server, a connection pool) that works in `run()`.
///
/// `run()` returns when the service has stopped. A graceful shutdown is requested through
/// ``withGracefulShutdownHandler(operation:onGracefulShutdown:)`` rather than task cancellation,
/// so that a server can finish the calls in flight; cancellation means "stop now".
public protocol Service: Sendable {
    func run() async throws
}
