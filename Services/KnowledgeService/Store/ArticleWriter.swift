import Embedding
import Foundation
import TriageJSON
import TriageRPC

/// Stores articles: chunks them, skips an unchanged one by its content hash, embeds the chunks
/// and writes them. Both `knowledge-service ingest` and the UpsertArticle RPC go through here.
struct ArticleWriter: Sendable {
    let store: KnowledgeStore
    let embedder: EmbeddingEngine
    var chunker = Chunker()
    let locks = ArticleLocks()

    struct Outcome: Sendable {
        var article: StoredArticle
        /// False: the stored version has the same content hash; nothing was written.
        var changed: Bool
        var chunksWritten: Int
        /// Chunks of the previous version beyond the new chunk count.
        var chunksRemoved: Int
    }

    /// Writes `article` unless `previous` (the stored head; looked up when not given) has its hash.
    func upsert(_ article: Article, previous known: StoredArticle?? = nil) async throws -> Outcome {
        try await locks.withLock(article.id) { try await write(article, previous: known) }
    }

    /// Removes an article; false when there was none.
    func delete(article id: String, deadline: ContinuousClock.Instant?) async throws -> Bool {
        try await locks.withLock(id) { try await store.delete(article: id, deadline: deadline) }
    }

    private func write(_ article: Article, previous known: StoredArticle??) async throws -> Outcome {
        let hash = ChunkText.contentHash(article)
        let previous: StoredArticle?
        if let known { previous = known } else { previous = try await store.head(of: article.id, withBody: false) }
        if let previous, previous.contentHash == hash {
            return Outcome(article: previous, changed: false, chunksWritten: 0, chunksRemoved: 0)
        }
        let chunks = chunker.chunks(of: article)
        let vectors = try await embedder.embed(chunks.map { ChunkText.dense(article, $0) })
        let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
        let points = zip(chunks, vectors).map { chunk, vector in
            ChunkPoint(article: article, chunk: chunk, chunkCount: chunks.count, vector: vector, contentHash: hash, ingestedAtMicros: now)
        }
        try await store.write(points, replacing: previous)
        guard var stored = StoredArticle(payload: points[0].json(perLanguageBM25: false)["payload"] ?? .null) else {
            throw KnowledgeError(code: .internalError, message: "internal error")
        }
        stored.body = nil
        return Outcome(article: stored, changed: true, chunksWritten: points.count,
                       chunksRemoved: max((previous?.chunkCount ?? 0) - points.count, 0))
    }
}
