import Embedding
import TriageContracts
import TriageJSON
import TriageRPC

/// `/triage.Knowledge/*`: validates each request and hands it to the search, the writer or the
/// store. Runs on the RPC event loop; Qdrant transfers hop to the client's own threads, embeddings
/// and query analysis to theirs.
struct KnowledgeHandler: KnowledgeRPC.ServiceProtocol {
    let search: KnowledgeSearch
    let writer: ArticleWriter
    var store: KnowledgeStore { writer.store }
    var embedder: EmbeddingEngine { writer.embedder }

    func search(request: KnowledgeSearchRequest, context: ServerContext) async throws -> KnowledgeSearchResponse {
        try await search.search(try KnowledgeRequestValidation.search(request), deadline: context.deadline)
    }

    func embed(request: KnowledgeEmbedRequest, context: ServerContext) async throws -> KnowledgeEmbedResponse {
        let vectors = try await embedder.embed(try KnowledgeRequestValidation.embed(request))
        return KnowledgeEmbedResponse(vectors: vectors.map { KnowledgeVector(values: $0) }, dimension: UInt32(embedder.dimension),
                                      model: embedder.modelIdentifier)
    }

    func upsertArticle(request: UpsertArticleRequest, context: ServerContext) async throws -> UpsertArticleResponse {
        let outcome = try await writer.upsert(try KnowledgeRequestValidation.article(request))
        return UpsertArticleResponse(article: Self.summary(outcome.article), changed: outcome.changed,
                                     chunksWritten: UInt32(outcome.chunksWritten), chunksRemoved: UInt32(outcome.chunksRemoved))
    }

    func deleteArticle(request: DeleteArticleRequest, context: ServerContext) async throws -> DeleteArticleResponse {
        DeleteArticleResponse(deleted: try await writer.delete(article: try KnowledgeRequestValidation.articleID(request.id), deadline: context.deadline))
    }

    func getArticle(request: GetArticleRequest, context: ServerContext) async throws -> GetArticleResponse {
        let id = try KnowledgeRequestValidation.articleID(request.id)
        guard let stored = try await store.head(of: id, withBody: true, deadline: context.deadline) else { throw KnowledgeError.notFound(article: id) }
        return GetArticleResponse(
            article: KnowledgeArticle(id: stored.id, title: stored.title, category: stored.category, keywords: stored.keywords,
                                      language: stored.language, body: stored.body ?? ""),
            summary: Self.summary(stored))
    }

    func listArticles(request: ListArticlesRequest, context: ServerContext) async throws -> ListArticlesResponse {
        let page = try await store.heads(categories: try KnowledgeRequestValidation.categories(request.categories),
                                         limit: try KnowledgeRequestValidation.listLimit(request.limit),
                                         after: try KnowledgeRequestValidation.pageToken(request.pageToken), deadline: context.deadline)
        let token = page.next.map { $0.stringValue ?? $0.intValue.map(String.init) ?? "" } ?? ""
        return ListArticlesResponse(articles: page.articles.map(Self.summary), nextPageToken: token)
    }

    static func summary(_ stored: StoredArticle) -> KnowledgeArticleSummary {
        KnowledgeArticleSummary(id: stored.id, title: stored.title, category: stored.category, language: stored.language,
                                keywords: stored.keywords, contentHash: stored.contentHash, chunkCount: UInt32(clamping: stored.chunkCount),
                                ingestedAtMicros: stored.ingestedAtMicros)
    }
}
