import CLibPQ
import TriageCore
#if canImport(Glibc)
import Glibc
#endif

/// One libpq connection in non-blocking mode: every wait is a `poll` with a deadline, so no
/// call on it can hang past its time limit, and a broken connection is reopened on next use.
///
/// Not thread-safe: a ``PostgresPool`` hands each connection to one thread at a time.
final class PostgresConnection: @unchecked Sendable {
    let settings: PostgresSettings
    var handle: OpaquePointer?
    /// The statements prepared on the current server session.
    var prepared: Set<String> = []

    init(settings: PostgresSettings) {
        self.settings = settings
    }

    deinit { close() }

    var isOpen: Bool { handle.map { PQstatus($0) == CONNECTION_OK } ?? false }

    /// Opens the connection unless it is open and still healthy. An idle connection never has
    /// input waiting: if it does, the server has closed it (a restart, an administrator) or is
    /// about to, so it is replaced before use rather than failing the caller's statement.
    func ensureOpen(deadline: ContinuousClock.Instant) throws(PostgresError) {
        if let handle, PQstatus(handle) == CONNECTION_OK, PQtransactionStatus(handle) == PQTRANS_IDLE,
           !SocketWait.hasInput(fd: PQsocket(handle)) {
            return
        }
        close()
        try open(deadline: min(deadline, .now + settings.connectTimeout))
    }

    func close() {
        if let handle { PQfinish(handle) }
        handle = nil
        prepared = []
    }

    private func open(deadline: ContinuousClock.Instant) throws(PostgresError) {
        let parameters = settings.connectionParameters
        let keywords = parameters.map { strdup($0.keyword) } + [nil]
        let values = parameters.map { strdup($0.value) } + [nil]
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let started = keywords.map { UnsafePointer($0) }.withUnsafeBufferPointer { keywordPointers in
            values.map { UnsafePointer($0) }.withUnsafeBufferPointer { valuePointers in
                PQconnectStartParams(keywordPointers.baseAddress, valuePointers.baseAddress, 0)
            }
        }
        guard let connection = started else { throw .connection("libpq could not allocate a connection") }
        handle = connection
        guard PQstatus(connection) != CONNECTION_BAD else { throw failure("cannot connect") }
        var status = PGRES_POLLING_WRITING
        while status != PGRES_POLLING_OK {
            switch status {
            case PGRES_POLLING_READING, PGRES_POLLING_WRITING:
                let reading = status == PGRES_POLLING_READING
                guard SocketWait.wait(fd: PQsocket(connection), read: reading, write: !reading, until: deadline) != nil else {
                    close()
                    throw .timeout("no connection within \(settings.connectTimeout.inMilliseconds) ms")
                }
            default:
                throw failure("cannot connect")
            }
            status = PQconnectPoll(connection)
        }
        guard PQsetnonblocking(connection, 1) == 0 else { throw failure("cannot switch to non-blocking mode") }
        // The server's notices ("relation already exists, skipping") would go to stderr raw.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        prepared = []
    }

    /// The connection's error as a `.connection` failure; the connection is closed.
    func failure(_ context: String) -> PostgresError {
        let message = handle.flatMap { PQerrorMessage($0) }.map { String(cString: $0) } ?? ""
        close()
        let detail = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        return .connection(detail.isEmpty ? context : "\(context): \(detail)")
    }
}
