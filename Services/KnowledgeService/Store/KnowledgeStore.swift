import TriageJSON

/// The knowledge base's reads and writes on Qdrant, in terms of articles and chunks.
///
/// Every operation first makes sure the collection is set up (``CollectionBootstrap``); when Qdrant
/// answers 404 for it (dropped, or a Qdrant that came back empty), it is set up again and the
/// operation runs once more.
struct KnowledgeStore: Sendable {
    let client: QdrantClient
    let bootstrap: CollectionBootstrap
    /// `KNOWLEDGE_BM25_PER_LANGUAGE`: BM25 Documents carry their language's tokenizer options.
    let perLanguageBM25: Bool

    /// Points per upsert request.
    static let batchSize = 64

    func withCollection<T: Sendable>(deadline: ContinuousClock.Instant? = nil, _ body: () async throws -> T) async throws -> T {
        try await bootstrap.ensureReady(deadline: deadline)
        do {
            return try await body()
        } catch let error as QdrantError where error.kind == .notFound {
            bootstrap.collectionVanished()
            try await bootstrap.ensureReady(deadline: deadline)
            return try await body()
        }
    }

    /// The stored head of an article, or nil.
    func head(of id: String, withBody: Bool, deadline: ContinuousClock.Instant? = nil) async throws -> StoredArticle? {
        try await withCollection(deadline: deadline) {
            let page = try await client.scroll(filter: Self.headFilter(article: id), limit: 1, offset: nil,
                                               withPayload: withBody ? true : CollectionLayout.summaryPayload, deadline: deadline)
            return page.points.first.flatMap { StoredArticle(payload: $0.payload) }
        }
    }

    /// One page of heads, optionally of some categories only.
    func heads(categories: [String], limit: Int, after offset: JSON?, deadline: ContinuousClock.Instant? = nil)
        async throws -> (articles: [StoredArticle], next: JSON?) {
        try await withCollection(deadline: deadline) {
            var must = [QdrantFilter.match("chunk", 0)]
            if !categories.isEmpty { must.append(QdrantFilter.matchAny("category", categories)) }
            let page = try await client.scroll(filter: QdrantFilter.filter(must: must), limit: limit, offset: offset,
                                               withPayload: CollectionLayout.summaryPayload, deadline: deadline)
            return (page.points.compactMap { StoredArticle(payload: $0.payload) }, page.next)
        }
    }

    /// Every head (for ingest's comparison with a directory).
    func allHeads() async throws -> [StoredArticle] {
        var all: [StoredArticle] = []
        var offset: JSON?
        repeat {
            let page = try await heads(categories: [], limit: 500, after: offset)
            all += page.articles
            offset = page.next
        } while offset != nil
        return all
    }

    /// Writes an article's chunks. A previous version's chunks that the new one does not overwrite are
    /// removed before the new head (chunk 0, which carries the content hash) is written: if this is
    /// interrupted, the stored hash is still the old one and the next ingest does it again.
    func write(_ points: [ChunkPoint], replacing previous: StoredArticle?) async throws {
        guard let head = points.first(where: { $0.chunk.index == 0 }) else { return }
        let encode = { (point: ChunkPoint) in point.json(perLanguageBM25: perLanguageBM25) }
        try await withCollection {
            let rest = points.filter { $0.chunk.index != 0 }.map(encode)
            guard previous != nil else {
                for batch in Self.batches([encode(head)] + rest) { try await client.upsert(batch) }
                return
            }
            for batch in Self.batches(rest) { try await client.upsert(batch) }
            try await client.delete(filter: QdrantFilter.filter(
                must: [QdrantFilter.match("article_id", .string(head.article.id))],
                mustNot: [QdrantFilter.match("content_hash", .string(head.contentHash)), QdrantFilter.match("chunk", 0)]))
            try await client.upsert([encode(head)])
        }
    }

    /// Removes every chunk of an article; false when there was none.
    func delete(article id: String, deadline: ContinuousClock.Instant? = nil) async throws -> Bool {
        try await withCollection(deadline: deadline) {
            let filter = QdrantFilter.filter(must: [QdrantFilter.match("article_id", .string(id))])
            guard try await client.count(filter: filter, deadline: deadline) > 0 else { return false }
            try await client.delete(filter: filter, deadline: deadline)
            return true
        }
    }

    /// The number of chunks stored (all articles, or one).
    func chunkCount(article id: String? = nil) async throws -> Int {
        try await withCollection {
            try await client.count(filter: QdrantFilter.filter(must: [id.map { QdrantFilter.match("article_id", .string($0)) }
                ?? ["key": "chunk", "range": ["gte": 0]]]))
        }
    }

    private static func headFilter(article id: String) -> JSON {
        QdrantFilter.filter(must: [QdrantFilter.match("article_id", .string(id)), QdrantFilter.match("chunk", 0)])
    }

    private static func batches(_ points: [JSON]) -> [[JSON]] {
        stride(from: 0, to: points.count, by: batchSize).map { Array(points[$0..<min($0 + batchSize, points.count)]) }
    }
}
