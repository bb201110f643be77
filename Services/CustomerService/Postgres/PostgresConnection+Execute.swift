import CLibPQ
#if canImport(Glibc)
import Glibc
#endif

extension PostgresConnection {
    /// Runs a prepared statement with bound parameters (preparing it first on this session).
    @discardableResult
    func execute(_ query: PostgresQuery, _ values: [PostgresValue] = [], deadline: ContinuousClock.Instant) throws(PostgresError) -> PostgresRows {
        let connection = try requireOpen()
        let deadline = min(deadline, .now + settings.queryTimeout)
        if !prepared.contains(query.name) {
            let text = query.sql.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
            guard PQsendPrepare(connection, query.name, text, 0, nil) == 1 else { throw failure("cannot send a statement") }
            try collect(deadline: deadline)
            prepared.insert(query.name)
        }
        let sent = Self.withParameters(values) { parameters in
            PQsendQueryPrepared(connection, query.name, Int32(values.count), parameters, nil, nil, 0)
        }
        guard sent == 1 else { throw failure("cannot send a statement") }
        return try collect(deadline: deadline)
    }

    /// Runs fixed SQL with no parameters through the simple protocol, which allows several
    /// statements at once (transaction control, migrations).
    @discardableResult
    func execute(script: StaticString, deadline: ContinuousClock.Instant) throws(PostgresError) -> PostgresRows {
        let connection = try requireOpen()
        let text = script.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
        guard PQsendQuery(connection, text) == 1 else { throw failure("cannot send a statement") }
        return try collect(deadline: min(deadline, .now + settings.queryTimeout))
    }

    /// Runs `body` between BEGIN and COMMIT; anything it throws rolls the transaction back.
    func transaction<T>(deadline: ContinuousClock.Instant, _ body: () throws -> T) throws -> T {
        try execute(script: "BEGIN", deadline: deadline)
        let result: T
        do {
            result = try body()
        } catch {
            if isOpen { _ = try? execute(script: "ROLLBACK", deadline: .now + .seconds(1)) }
            throw error
        }
        try execute(script: "COMMIT", deadline: deadline)
        return result
    }

    private func requireOpen() throws(PostgresError) -> OpaquePointer {
        guard let handle, PQstatus(handle) == CONNECTION_OK else { throw .connection("not connected") }
        return handle
    }

    /// Sends what libpq has buffered, then reads every result of the statement(s) sent. The
    /// last successful result is returned; the first error is thrown.
    @discardableResult
    private func collect(deadline: ContinuousClock.Instant) throws(PostgresError) -> PostgresRows {
        guard let connection = handle else { throw .connection("not connected") }
        try flush(connection, deadline: deadline)
        var rows = PostgresRows.empty
        var firstError: PostgresError?
        while true {
            while PQisBusy(connection) == 1 {
                guard SocketWait.wait(fd: PQsocket(connection), read: true, write: false, until: deadline) != nil else {
                    close()
                    throw .timeout("no answer within the statement's time limit")
                }
                guard PQconsumeInput(connection) == 1 else { throw failure("connection lost") }
            }
            guard let result = PQgetResult(connection) else { break }
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
                if firstError == nil { rows = PostgresRows(result: result) }
            case PGRES_FATAL_ERROR, PGRES_BAD_RESPONSE, PGRES_NONFATAL_ERROR:
                if firstError == nil { firstError = Self.serverError(result) }
            default:
                // COPY and pipeline states: never started by this code.
                if firstError == nil { firstError = .decoding("unexpected result status \(PQresultStatus(result).rawValue)") }
            }
        }
        if PQstatus(connection) != CONNECTION_OK {
            let detail = firstError?.detail ?? "connection lost"
            close()
            throw .connection(detail)
        }
        if let firstError { throw firstError }
        return rows
    }

    private func flush(_ connection: OpaquePointer, deadline: ContinuousClock.Instant) throws(PostgresError) {
        while true {
            let status = PQflush(connection)
            if status == 0 { return }
            if status < 0 { throw failure("cannot send") }
            guard let ready = SocketWait.wait(fd: PQsocket(connection), read: true, write: true, until: deadline) else {
                close()
                throw .timeout("could not send within the statement's time limit")
            }
            if ready.readable, PQconsumeInput(connection) != 1 { throw failure("connection lost") }
        }
    }

    private static func serverError(_ result: OpaquePointer) -> PostgresError {
        func field(_ code: UInt8) -> String? {
            PQresultErrorField(result, Int32(code)).map { String(cString: $0) }
        }
        let sqlState = field(UInt8(ascii: "C"))
        var error = PostgresError(
            kind: sqlState == nil ? .connection : .server,
            sqlState: sqlState,
            constraint: field(UInt8(ascii: "n")),
            column: field(UInt8(ascii: "c")),
            detail: field(UInt8(ascii: "M")) ?? String(cString: PQresultErrorMessage(result))
        )
        if error.detail.isEmpty { error.detail = "server error" }
        return error
    }

    /// Calls `body` with the parameters as C strings (NULL for SQL NULL), freed afterwards.
    private static func withParameters<R>(_ values: [PostgresValue], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
        let copies: [UnsafePointer<CChar>?] = values.map { value in
            switch value {
            case .null: nil
            case .text(let text): UnsafePointer(strdup(text))
            }
        }
        defer { copies.forEach { free(UnsafeMutablePointer(mutating: $0)) } }
        return copies.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}
