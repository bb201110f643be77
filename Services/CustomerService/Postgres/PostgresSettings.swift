import TriageCore

/// Where and how to reach PostgreSQL: the seed's `POSTGRES_*` settings plus timeouts.
///
/// Handed to libpq as keyword/value pairs, never as a connection string, so nothing needs
/// quoting and no string holding the password is ever built or logged.
struct PostgresSettings: Sendable {
    /// A host name, an IP address, or (starting with `/`) a Unix socket directory.
    var host: String
    var port: Int
    var database: String
    var user: String
    var password: String
    /// libpq's `sslmode` (`disable`, `prefer`, `require`, …); nil leaves libpq's default.
    var sslMode: String?
    /// How long one connection attempt may take (libpq's own `connect_timeout` cannot go below 2 s).
    var connectTimeout: Duration
    /// The longest a single statement may run; also sent as the server's `statement_timeout`.
    var queryTimeout: Duration
    var applicationName: String

    /// The keyword/value pairs for `PQconnectStartParams`.
    var connectionParameters: [(keyword: String, value: String)] {
        // Timestamps travel as text in one unambiguous form: ISO dates, UTC.
        let options = "-c TimeZone=UTC -c DateStyle=ISO -c statement_timeout=\(queryTimeout.inMillisecondsRoundedUp)"
        var parameters: [(keyword: String, value: String)] = [
            ("host", host),
            ("port", String(port)),
            ("dbname", database),
            ("user", user),
            ("password", password),
            ("application_name", applicationName),
            ("client_encoding", "UTF8"),
            ("options", options),
            ("connect_timeout", "2"),  // a backstop only: each attempt is bounded by connectTimeout
            ("keepalives", "1"),
            ("keepalives_idle", "30"),
            ("keepalives_interval", "5"),
            ("keepalives_count", "3"),
        ]
        if let sslMode { parameters.append(("sslmode", sslMode)) }
        return parameters
    }
}
