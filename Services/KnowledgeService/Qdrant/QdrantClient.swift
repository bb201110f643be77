import TriageJSON

/// A point returned by a query or a scroll.
struct QdrantPoint: Sendable {
    /// The id as Qdrant returns it: a lower-case hyphenated UUID (or an unsigned integer as text).
    var id: String
    /// The query's score; 0 for scrolled points.
    var score: Double
    var payload: JSON
    /// The vectors asked for with `with_vector` (named vectors: an object of arrays), else null.
    var vector: JSON

    init?(_ json: JSON) {
        if let text = json["id"]?.stringValue { id = text } else if let number = json["id"]?.intValue { id = String(number) } else { return nil }
        score = json["score"]?.numberValue ?? 0
        payload = json["payload"] ?? .null
        vector = json["vector"] ?? .null
    }

    /// The named dense vector, if the point came with it.
    func denseVector(_ name: String) -> [Float]? {
        guard let values = vector[name]?.arrayValue else { return nil }
        var floats: [Float] = []
        floats.reserveCapacity(values.count)
        for value in values {
            guard let number = value.numberValue else { return nil }
            floats.append(Float(number))
        }
        return floats
    }
}

/// The REST operations the knowledge service uses, on one collection (`QDRANT_COLLECTION`).
///
/// Writes always send `wait=true` (Qdrant's default is false: acknowledged before it is applied)
/// and the configured write `ordering`; reads send the configured read `consistency`.
struct QdrantClient: Sendable {
    let http: QdrantHTTP

    var settings: QdrantSettings { http.settings }
    private var collectionPath: String { "/collections/\(settings.collection)" }

    private var writeParameters: String { "?wait=true" + (settings.writeOrdering.map { "&ordering=\($0)" } ?? "") }
    private var readParameters: String { settings.readConsistency.map { "?consistency=\($0)" } ?? "" }

    /// nil when Qdrant reports itself ready (`GET /readyz`), else why not.
    func readiness(timeout: Duration) async -> String? {
        do {
            let response = try await http.send(HTTPRequest(method: "GET", path: "/readyz", body: nil, timeout: timeout))
            if response.status == 200 { return nil }
            return "qdrant is not ready (HTTP \(response.status): \(QdrantHTTP.errorText(response.body)))"
        } catch {
            return "\(error)"
        }
    }

    /// `GET /collections/{c}`: the collection's info; throws `.notFound` when it does not exist.
    func collectionInfo(deadline: ContinuousClock.Instant? = nil) async throws -> JSON {
        try await http.call("GET", collectionPath, timeout: settings.readTimeout, deadline: deadline)
    }

    /// `PUT /collections/{c}`; true when this call created it, false when it existed already.
    func createCollection(_ body: JSON) async throws -> Bool {
        do {
            _ = try await http.call("PUT", collectionPath, body: body, timeout: settings.writeTimeout)
            return true
        } catch let error as QdrantError where error.kind == .conflict {
            return false
        }
    }

    /// `PUT /collections/{c}/index`: a payload index (creating an existing one is a no-op).
    func createPayloadIndex(field: String, schema: String) async throws {
        _ = try await http.call("PUT", "\(collectionPath)/index?wait=true",
                                body: ["field_name": .string(field), "field_schema": .string(schema)], timeout: settings.writeTimeout)
    }

    /// `PUT /collections/{c}/points`: inserts or replaces points by id.
    func upsert(_ points: [JSON], deadline: ContinuousClock.Instant? = nil) async throws {
        guard !points.isEmpty else { return }
        _ = try await http.call("PUT", "\(collectionPath)/points\(writeParameters)", body: ["points": .array(points)],
                                timeout: settings.writeTimeout, deadline: deadline)
    }

    /// `POST /collections/{c}/points/delete` with a filter.
    func delete(filter: JSON, deadline: ContinuousClock.Instant? = nil) async throws {
        _ = try await http.call("POST", "\(collectionPath)/points/delete\(writeParameters)", body: ["filter": filter],
                                timeout: settings.writeTimeout, deadline: deadline)
    }

    /// `POST /collections/{c}/points/count` (exact).
    func count(filter: JSON?, deadline: ContinuousClock.Instant? = nil) async throws -> Int {
        var body = JSONObject()
        if let filter { body["filter"] = filter }
        body["exact"] = true
        let result = try await http.call("POST", "\(collectionPath)/points/count\(readParameters)", body: .object(body),
                                         timeout: settings.readTimeout, deadline: deadline)
        guard let count = result["count"]?.intValue else { throw QdrantError(.malformedResponse, "count without a number") }
        return count
    }

    /// `POST /collections/{c}/points/query` (the Query API): the points of `result.points`.
    func query(_ body: JSON, deadline: ContinuousClock.Instant? = nil) async throws -> [QdrantPoint] {
        let result = try await http.call("POST", "\(collectionPath)/points/query\(readParameters)", body: body,
                                         timeout: settings.readTimeout, deadline: deadline)
        guard let points = result["points"]?.arrayValue else { throw QdrantError(.malformedResponse, "a query result without points") }
        return points.compactMap(QdrantPoint.init)
    }

    /// `POST /collections/{c}/points` (retrieve by id): the points that exist, with the named dense
    /// vector and the payload fields asked for.
    func retrieve(ids: [String], vector: String, payload: JSON, deadline: ContinuousClock.Instant? = nil) async throws -> [QdrantPoint] {
        let body: JSON = ["ids": .strings(ids), "with_vector": .strings([vector]), "with_payload": payload]
        let result = try await http.call("POST", "\(collectionPath)/points\(readParameters)", body: body,
                                         timeout: settings.readTimeout, deadline: deadline)
        guard let points = result.arrayValue else { throw QdrantError(.malformedResponse, "a retrieve result that is not a list") }
        return points.compactMap(QdrantPoint.init)
    }

    /// `POST /collections/{c}/points/scroll`: one page, and the offset of the next (nil at the end).
    func scroll(filter: JSON?, limit: Int, offset: JSON?, withPayload: JSON,
                deadline: ContinuousClock.Instant? = nil) async throws -> (points: [QdrantPoint], next: JSON?) {
        var body: JSONObject = ["limit": .int(limit), "with_payload": withPayload, "with_vector": false]
        if let filter { body["filter"] = filter }
        if let offset { body["offset"] = offset }
        let result = try await http.call("POST", "\(collectionPath)/points/scroll\(readParameters)", body: .object(body),
                                         timeout: settings.readTimeout, deadline: deadline)
        guard let points = result["points"]?.arrayValue else { throw QdrantError(.malformedResponse, "a scroll result without points") }
        let next = result["next_page_offset"].flatMap { $0.isNull ? nil : $0 }
        return (points.compactMap(QdrantPoint.init), next)
    }
}

/// Filter building blocks (Qdrant's `Filter`, which is strict about its fields).
enum QdrantFilter {
    static func match(_ key: String, _ value: JSON) -> JSON { ["key": .string(key), "match": ["value": value]] }
    static func matchAny(_ key: String, _ values: [String]) -> JSON { ["key": .string(key), "match": ["any": .strings(values)]] }
    static func hasID(_ ids: [String]) -> JSON { ["has_id": .strings(ids)] }

    static func filter(must: [JSON] = [], mustNot: [JSON] = []) -> JSON {
        var members = JSONObject()
        if !must.isEmpty { members["must"] = .array(must) }
        if !mustNot.isEmpty { members["must_not"] = .array(mustNot) }
        return .object(members)
    }
}
