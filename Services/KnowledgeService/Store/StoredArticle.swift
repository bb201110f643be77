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
        guard let id = payload["article_id"]?.string else { return nil }
        self.id = id
        title = payload["title"]?.string ?? ""
        category = payload["category"]?.string ?? ""
        language = payload["language"]?.string ?? "en"
        keywords = payload["keywords"]?.strings ?? []
        contentHash = payload["content_hash"]?.string ?? ""
        chunkCount = payload["chunks"]?.int ?? 0
        ingestedAtMicros = Int64(payload["ingested_at"]?.int ?? 0)
        body = payload["body"]?.string
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
        var payload: [(key: String, value: JSON)] = [
            ("article_id", .string(article.id)), ("chunk", .int(chunk.index)), ("chunks", .int(chunkCount)),
            ("title", .string(article.title)), ("category", .string(article.category)), ("language", .string(article.language)),
            ("keywords", .strings(article.keywords)), ("heading", .string(chunk.heading)), ("text", .string(chunk.markdown)),
            ("content_hash", .string(contentHash)), ("ingested_at", .number(Double(ingestedAtMicros))),
        ]
        if chunk.index == 0 { payload.append(("body", .string(article.body))) }
        let lexical = BM25Language.document(ChunkText.lexical(article, chunk), language: article.language, perLanguage: perLanguageBM25)
        return [
            "id": .string(PointID.chunk(article: article.id, index: chunk.index)),
            "vector": [CollectionLayout.denseVector: .floats(vector), CollectionLayout.sparseVector: lexical],
            "payload": .object(payload),
        ]
    }
}
