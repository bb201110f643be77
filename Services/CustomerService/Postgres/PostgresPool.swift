import Synchronization
import TriageCore

/// A fixed set of connections, each used by one of as many dedicated threads at a time.
///
/// A job runs entirely on one pool thread with one connection, so a transaction's statements
/// never hop threads and async callers never block: they await the job. With as many threads
/// as connections, a thread that starts a job always finds an idle connection.
final class PostgresPool: Sendable {
    let size: Int
    private let threads: BlockingThreadPool
    private let idle: Mutex<[PostgresConnection]>

    init(settings: PostgresSettings, size: Int, name: String = "postgres") {
        self.size = size
        threads = BlockingThreadPool(name: name, threads: size)
        idle = Mutex((0..<size).map { _ in PostgresConnection(settings: settings) })
    }

    /// Runs `body` on a pool thread with an open connection. Waits in line while every
    /// connection is busy; a caller cancelled while waiting leaves the line with
    /// `CancellationError`. `deadline` bounds connecting and each statement.
    func withConnection<T: Sendable>(
        deadline: ContinuousClock.Instant,
        _ body: @escaping @Sendable (PostgresConnection) throws -> T
    ) async throws -> T {
        try await threads.run { [self] in
            guard let connection = idle.withLock({ $0.popLast() }) else {
                preconditionFailure("a pool thread found no idle connection")
            }
            defer { idle.withLock { $0.append(connection) } }
            try connection.ensureOpen(deadline: deadline)
            return try body(connection)
        }
    }

    /// How many jobs wait for a connection.
    var queueDepth: Int { threads.queueDepth }

    /// Closes every connection (on the pool's threads) and stops the threads. Call once no
    /// more jobs are coming.
    func close() async {
        _ = try? await threads.run { [self] in
            idle.withLock { $0.forEach { $0.close() } }
        }
        threads.shutdown()
    }
}
