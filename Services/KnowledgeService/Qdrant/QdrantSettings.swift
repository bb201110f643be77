import TriageCore

/// Where Qdrant is, how the service talks to it, and the cluster settings of its collection.
struct QdrantSettings: Sendable {
    /// `QDRANT_URL` (e.g. `https://xyz.cloud.qdrant.io:6333`), else `http://QDRANT_HOST:QDRANT_PORT`
    /// (defaults `qdrant`, the compose service name, and 6333).
    var baseURL: String
    /// `QDRANT_API_KEY` (optional), sent as the `api-key` header.
    var apiKey: String?
    /// `QDRANT_COLLECTION` (default `kb`).
    var collection: String
    /// `QDRANT_POOL_SIZE` (default 4): threads, each with one keep-alive connection.
    var poolSize: Int
    /// `QDRANT_CONNECT_TIMEOUT_MS` (default 500).
    var connectTimeout: Duration
    /// `QDRANT_READ_TIMEOUT_MS` (default 3000): search, count, scroll (also capped by the caller's deadline).
    var readTimeout: Duration
    /// `QDRANT_WRITE_TIMEOUT_MS` (default 30000): upserts and deletes (`wait=true`), collection set-up.
    var writeTimeout: Duration
    /// `QDRANT_MAX_RETRIES` (default 3): attempts after a 429 before RESOURCE_EXHAUSTED.
    var maxRetries: Int
    /// `QDRANT_MAX_RETRY_WAIT_MS` (default 2000): the longest single wait a `Retry-After` may ask for.
    var maxRetryWait: Duration
    /// At collection creation: `QDRANT_SHARD_NUMBER`, `QDRANT_REPLICATION_FACTOR`,
    /// `QDRANT_WRITE_CONSISTENCY_FACTOR` (each unset = the server's default).
    var shardNumber: Int?
    var replicationFactor: Int?
    var writeConsistencyFactor: Int?
    /// `QDRANT_READ_CONSISTENCY`: `majority`, `quorum`, `all` or a number (unset = the server's default, 1).
    var readConsistency: String?
    /// `QDRANT_WRITE_ORDERING`: `weak`, `medium` or `strong` (unset = the server's default, weak).
    var writeOrdering: String?

    init(
        baseURL: String = "http://qdrant:6333", apiKey: String? = nil, collection: String = "kb", poolSize: Int = 4,
        connectTimeout: Duration = .milliseconds(500), readTimeout: Duration = .seconds(3), writeTimeout: Duration = .seconds(30),
        maxRetries: Int = 3, maxRetryWait: Duration = .seconds(2), shardNumber: Int? = nil, replicationFactor: Int? = nil,
        writeConsistencyFactor: Int? = nil, readConsistency: String? = nil, writeOrdering: String? = nil
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.collection = collection
        self.poolSize = poolSize
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.writeTimeout = writeTimeout
        self.maxRetries = maxRetries
        self.maxRetryWait = maxRetryWait
        self.shardNumber = shardNumber
        self.replicationFactor = replicationFactor
        self.writeConsistencyFactor = writeConsistencyFactor
        self.readConsistency = readConsistency
        self.writeOrdering = writeOrdering
    }

    init(environment: Environment) throws(ConfigurationError) {
        var base = environment["QDRANT_URL"] ?? ""
        if base.isEmpty {
            let host = environment.string("QDRANT_HOST", default: "qdrant")
            let port = try environment.int("QDRANT_PORT", default: 6333, in: 1...65535)
            base = "http://\(host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host):\(port)"
        }
        while base.hasSuffix("/") { base.removeLast() }
        guard base.hasPrefix("http://") || base.hasPrefix("https://") else {
            throw ConfigurationError(key: "QDRANT_URL", message: "must start with http:// or https://")
        }
        let collection = environment.string("QDRANT_COLLECTION", default: "kb")
        guard Self.isValidCollectionName(collection) else {
            throw ConfigurationError(key: "QDRANT_COLLECTION", message: "use 1-255 letters, digits, '_', '-' or '.'")
        }
        self.init(
            baseURL: base,
            apiKey: environment["QDRANT_API_KEY"],
            collection: collection,
            poolSize: try environment.int("QDRANT_POOL_SIZE", default: 4, in: 1...64),
            connectTimeout: try Self.timeout(environment, "QDRANT_CONNECT_TIMEOUT_MS", default: .milliseconds(500)),
            readTimeout: try Self.timeout(environment, "QDRANT_READ_TIMEOUT_MS", default: .seconds(3)),
            writeTimeout: try Self.timeout(environment, "QDRANT_WRITE_TIMEOUT_MS", default: .seconds(30)),
            maxRetries: try environment.int("QDRANT_MAX_RETRIES", default: 3, in: 0...20),
            maxRetryWait: try Self.timeout(environment, "QDRANT_MAX_RETRY_WAIT_MS", default: .seconds(2)),
            shardNumber: try Self.optionalInt(environment, "QDRANT_SHARD_NUMBER"),
            replicationFactor: try Self.optionalInt(environment, "QDRANT_REPLICATION_FACTOR"),
            writeConsistencyFactor: try Self.optionalInt(environment, "QDRANT_WRITE_CONSISTENCY_FACTOR"),
            readConsistency: try Self.readConsistency(environment),
            writeOrdering: try Self.choice(environment, "QDRANT_WRITE_ORDERING", ["weak", "medium", "strong"])
        )
    }

    /// Names that are safe in a URL path and accepted by the server and the stand-in.
    static func isValidCollectionName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 255 && !name.hasPrefix(".") && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" || $0 == "."
        }
    }

    private static func timeout(_ environment: Environment, _ key: String, default value: Duration) throws(ConfigurationError) -> Duration {
        let timeout = try environment.milliseconds(key, default: value)
        guard timeout >= .milliseconds(10), timeout <= .seconds(600) else {
            throw ConfigurationError(key: key, message: "must be between 10 and 600000 ms")
        }
        return timeout
    }

    private static func optionalInt(_ environment: Environment, _ key: String) throws(ConfigurationError) -> Int? {
        guard environment[key] != nil else { return nil }
        return try environment.int(key, default: 1, in: 1...1024)
    }

    private static func readConsistency(_ environment: Environment) throws(ConfigurationError) -> String? {
        guard let value = environment["QDRANT_READ_CONSISTENCY"]?.lowercased() else { return nil }
        guard ["majority", "quorum", "all"].contains(value) || (Int(value).map { $0 >= 1 } ?? false) else {
            throw ConfigurationError(key: "QDRANT_READ_CONSISTENCY", message: "expected majority, quorum, all or a number ≥ 1")
        }
        return value
    }

    private static func choice(_ environment: Environment, _ key: String, _ allowed: [String]) throws(ConfigurationError) -> String? {
        guard let value = environment[key]?.lowercased() else { return nil }
        guard allowed.contains(value) else {
            throw ConfigurationError(key: key, message: "expected one of \(allowed.joined(separator: ", "))")
        }
        return value
    }
}

extension QdrantSettings: CustomStringConvertible {
    /// For logs: never the API key.
    var description: String {
        "qdrant \(baseURL) collection \(collection)\(apiKey == nil ? "" : " (api key set)"), pool \(poolSize), "
            + "timeouts \(connectTimeout.inMilliseconds)/\(readTimeout.inMilliseconds)/\(writeTimeout.inMilliseconds) ms"
    }
}
