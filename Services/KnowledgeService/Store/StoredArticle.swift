import TriageJSON

/// An article's head as stored (chunk 0's payload): what listing and lookup return.
struct StoredArticle: Sendable, Hashable {
    var id: String
    var title: String
    var category: String
    var language: String
    var keywords: [String]
    var contentHash: String
    var chunkCount: Int
    var ingestedAtMicros: Int64
    /// Only when asked for (it can be large).
    var body: String?

    init?(payload: JSON) {
        guard let id = payload["article_id"]?.stringValue else { return nil }
        self.id = id
        title = payload["title"]?.stringValue ?? ""
        category = payload["category"]?.stringValue ?? ""
        language = payload["language"]?.stringValue ?? "en"
        keywords = payload["keywords"]?.stringArrayValue ?? []
        contentHash = payload["content_hash"]?.stringValue ?? ""
        chunkCount = payload["chunks"]?.intValue ?? 0
        ingestedAtMicros = Int64(payload["ingested_at"]?.intValue ?? 0)
        body = payload["body"]?.stringValue
    }
}

/// One chunk ready to be written: its vectors and payload.
struct ChunkPoint: Sendable {
    var article: Article
    var chunk: ArticleChunk
    var chunkCount: Int
    var vector: [Float]
    var contentHash: String
    var ingestedAtMicros: Int64

    func json(perLanguageBM25: Bool) -> JSON {
        var payload: JSONObject = [
            "article_id": .string(article.id), "chunk": .int(chunk.index), "chunks": .int(chunkCount),
            "title": .string(article.title), "category": .string(article.category), "language": .string(article.language),
            "keywords": .strings(article.keywords), "heading": .string(chunk.heading), "text": .string(chunk.markdown),
            "content_hash": .string(contentHash), "ingested_at": .int(ingestedAtMicros),
        ]
        if chunk.index == 0 { payload["body"] = .string(article.body) }
        let lexical = BM25Language.document(ChunkText.lexical(article, chunk), language: article.language, perLanguage: perLanguageBM25)
        return [
            "id": .string(PointID.chunk(article: article.id, index: chunk.index)),
            "vector": [CollectionLayout.denseVector: .floats(vector), CollectionLayout.sparseVector: lexical],
            "payload": .object(payload),
        ]
    }
}
