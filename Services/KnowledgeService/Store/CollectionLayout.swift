import TriageJSON

/// How the knowledge base is laid out in its Qdrant collection.
///
/// One point per chunk: a named dense vector (`dense`, cosine, the embedding model's dimension) and a
/// named sparse vector (`bm25`, `modifier: idf`, computed by Qdrant from a `qdrant/bm25` Document).
/// Payload: `article_id`, `chunk`, `chunks`, `title`, `category`, `language`, `keywords`, `heading`,
/// `text` (the chunk's Markdown), `content_hash`, `ingested_at` (µs); chunk 0 (the article's head) also
/// holds `body`. One more point without vectors (``PointID/collectionRecord``) records the embedding
/// model identifier, so that vectors of another model or mode are never mixed in.
enum CollectionLayout {
    static let denseVector = "dense"
    static let sparseVector = "bm25"
    static let schemaVersion = 1

    /// Payload fields that are filtered on, with their index types.
    static let payloadIndexes: [(field: String, schema: String)] = [
        ("article_id", "keyword"), ("category", "keyword"), ("chunk", "integer"), ("content_hash", "keyword"), ("language", "keyword"),
    ]

    /// What a search hit needs from a chunk's payload (never the article body); `ingested_at` tells
    /// whether a cached vector of the chunk is still its vector (``ChunkVectorCache``).
    static let searchPayload: JSON = .strings(["article_id", "title", "category", "language", "chunk", "heading", "text", "ingested_at"])
    /// What an article listing needs from a head.
    static let summaryPayload: JSON = .strings(["article_id", "title", "category", "language", "keywords", "content_hash", "chunks", "ingested_at"])

    /// The `PUT /collections/{c}` body.
    static func createBody(dimension: Int, settings: QdrantSettings) -> JSON {
        var body: JSONObject = [
            "vectors": [denseVector: ["size": .int(dimension), "distance": "Cosine"]],
            "sparse_vectors": [sparseVector: ["modifier": "idf"]],
        ]
        if let shards = settings.shardNumber { body["shard_number"] = .int(shards) }
        if let replicas = settings.replicationFactor { body["replication_factor"] = .int(replicas) }
        if let factor = settings.writeConsistencyFactor { body["write_consistency_factor"] = .int(factor) }
        return .object(body)
    }

    /// Why an existing collection cannot hold this knowledge base, or nil when it can.
    static func problem(with info: JSON, dimension: Int) -> String? {
        let params = info["config"]?["params"]
        guard let dense = params?["vectors"]?[denseVector] else {
            return "it has no dense vector named '\(denseVector)'"
        }
        if let size = dense["size"]?.intValue, size != dimension { return "its '\(denseVector)' vectors have \(size) dimensions, not \(dimension)" }
        if let distance = dense["distance"]?.stringValue, distance != "Cosine" { return "its '\(denseVector)' vectors use \(distance), not Cosine" }
        guard let sparse = params?["sparse_vectors"]?[sparseVector] else {
            return "it has no sparse vector named '\(sparseVector)'"
        }
        if sparse["modifier"]?.stringValue?.lowercased() != "idf" { return "its '\(sparseVector)' sparse vector has no IDF modifier" }
        return nil
    }
}
