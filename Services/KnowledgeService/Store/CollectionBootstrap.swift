import Foundation
import Synchronization
import TriageCore
import TriageJSON

/// Creates or checks the collection before its first use, and again after it disappeared.
///
/// Idempotent and safe to race with other replicas: creating an existing collection or index is
/// not an error. The service starts even when Qdrant is down and sets the collection up on the
/// first request after Qdrant is back. A collection made for another embedding model (or mode), or
/// with other vector settings, is refused: searches fail FAILED_PRECONDITION and Health reports it.
final class CollectionBootstrap: Sendable {
    private enum State { case pending, ready, refused(String) }

    private let state = Mutex(State.pending)
    private let client: QdrantClient
    private let modelIdentifier: String
    private let dimension: Int
    private let logger: Logger

    init(client: QdrantClient, modelIdentifier: String, dimension: Int, logger: Logger) {
        self.client = client
        self.modelIdentifier = modelIdentifier
        self.dimension = dimension
        self.logger = logger
    }

    /// Why the collection cannot be used, once that is known.
    var refusal: String? { state.withLock { if case .refused(let reason) = $0 { reason } else { nil } } }

    func ensureReady(deadline: ContinuousClock.Instant? = nil) async throws {
        switch state.withLock({ $0 }) {
        case .ready: return
        case .refused(let reason): throw KnowledgeError.refused(reason)
        case .pending: try await setUp(deadline: deadline)
        }
    }

    /// After Qdrant answered 404 for the collection: set it up again on the next use.
    func collectionVanished() {
        let wasReady = state.withLock { state -> Bool in
            guard case .ready = state else { return false }
            state = .pending
            return true
        }
        if wasReady { logger.warning("the collection disappeared; it is set up again on the next request", ["collection": .string(client.settings.collection)]) }
    }

    private func setUp(deadline: ContinuousClock.Instant?) async throws {
        let name = client.settings.collection
        var info: JSON
        var created = false
        do {
            info = try await client.collectionInfo(deadline: deadline)
        } catch let error as QdrantError where error.kind == .notFound {
            created = try await client.createCollection(CollectionLayout.createBody(dimension: dimension, settings: client.settings))
            info = try await client.collectionInfo(deadline: deadline)
        }
        if let problem = CollectionLayout.problem(with: info, dimension: dimension) {
            try refuse("collection \(name) cannot hold this knowledge base: \(problem); use another QDRANT_COLLECTION")
        }
        let indexed = Set(info["payload_schema"]?.objectValue?.keys ?? [])
        for index in CollectionLayout.payloadIndexes where !indexed.contains(index.field) {
            try await client.createPayloadIndex(field: index.field, schema: index.schema)
        }
        let record = try await client.scroll(filter: QdrantFilter.filter(must: [QdrantFilter.hasID([PointID.collectionRecord])]),
                                             limit: 1, offset: nil, withPayload: true, deadline: deadline)
        if let model = record.points.first?.payload["model"]?.stringValue {
            guard model == modelIdentifier else {
                try refuse("collection \(name) holds vectors of \(model), but this instance embeds with \(modelIdentifier): "
                           + "set TRIAGE_EMBED_MODE to match, or ingest into another QDRANT_COLLECTION")
            }
        } else {
            let points = try await client.count(filter: nil, deadline: deadline)
            guard points == 0 else {
                try refuse("collection \(name) holds \(points) points but no record of the model that embedded them; use another QDRANT_COLLECTION")
            }
            try await client.upsert([[
                "id": .string(PointID.collectionRecord), "vector": [:],
                "payload": ["kind": "collection", "model": .string(modelIdentifier), "schema": .int(CollectionLayout.schemaVersion),
                            "created_at": .string(ISO8601DateFormatter().string(from: Date()))],
            ]], deadline: deadline)
        }
        state.withLock { $0 = .ready }
        logger.info(created ? "created the collection" : "using the collection", ["collection": .string(name), "model": .string(modelIdentifier)])
    }

    private func refuse(_ reason: String) throws -> Never {
        state.withLock { $0 = .refused(reason) }
        logger.error("refusing the collection", ["reason": .string(reason)])
        throw KnowledgeError.refused(reason)
    }
}
