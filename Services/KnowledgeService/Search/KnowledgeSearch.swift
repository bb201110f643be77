import Embedding
import TriageContracts
import TriageJSON

/// One search, end to end: expansion, embedding, the hybrid query, similarities, ranking.
struct KnowledgeSearch: Sendable {
    let store: KnowledgeStore
    let embedder: EmbeddingEngine
    let expander: QueryExpander
    let calibration: ScoreCalibration
    /// Nil (`KNOWLEDGE_VECTOR_CACHE=0`): similarities come from a second Qdrant query instead.
    let vectorCache: ChunkVectorCache?

    /// Chosen on the labelled queries: static-mode recall@3 87/97 without the blend, 92 with 0.5 and 0.8.
    static let staticTermWeight: Float = 0.8

    /// What a validated Search request asks for.
    struct Request: Sendable {
        var query: String
        var categories: [String]
        var limit: Int
        var minimumScore: Double
        var language: String
        var expanded: Bool
    }

    func search(_ request: Request, deadline: ContinuousClock.Instant?) async throws -> KnowledgeSearchResponse {
        let expanded = try await expander.expand(request.query, hint: request.language, alreadyExpanded: request.expanded)
        let vector = try await queryVector(expanded)
        // Articles have ~4 chunks, and an article's best chunks rank close together.
        let candidates = min(max(request.limit * 3, 15), 100)
        let hybrid = HybridQuery(vector: vector, query: expanded, categories: request.categories, candidates: candidates,
                                 prefetchLimit: max(candidates, 30), perLanguageBM25: store.perLanguageBM25)
        let hits = try await store.withCollection(deadline: deadline) { () -> [KnowledgeSearchHit] in
            let ranker = SearchRanker(calibration: calibration, maximumFusedScore: hybrid.maximumFusedScore, languages: Set(hybrid.languages))
            let fused = try await store.client.query(hybrid.fusionBody(), deadline: deadline).filter(ranker.accepts)
            guard !fused.isEmpty else { return [] }
            let threshold = request.minimumScore > 0 ? calibration.minimumSimilarity(for: request.minimumScore) : nil
            let similarities: [String: Double]
            if let vectorCache {
                similarities = try await Self.similarities(of: vector, to: fused, minimum: threshold, cache: vectorCache, client: store.client,
                                                           deadline: deadline)
            } else {
                let scored = try await store.client.query(hybrid.similarityBody(ids: fused.map(\.id), minimumSimilarity: threshold), deadline: deadline)
                similarities = Dictionary(scored.map { ($0.id, $0.score) }, uniquingKeysWith: { first, _ in first })
            }
            return ranker.rank(fused: fused, similarities: similarities, limit: request.limit, minimumScore: request.minimumScore)
        }
        return KnowledgeSearchResponse(hits: hits, language: expanded.language, searchedText: expanded.text, model: embedder.modelIdentifier)
    }

    /// Cosine similarity of the query to each fused chunk from the chunks' stored vectors (cached, the
    /// others read in one request), as Qdrant's similarity query computes it: stored vectors of a
    /// Cosine collection are unit length, so the score is the dot product with the normalised query.
    /// Chunks below `minimum`, or gone from the store since the fused query, get none.
    static func similarities(of query: [Float], to fused: [QdrantPoint], minimum: Double?, cache: ChunkVectorCache, client: QdrantClient,
                             deadline: ContinuousClock.Instant?) async throws -> [String: Double] {
        let candidates = fused.map { ChunkVectorCache.Candidate(id: $0.id, stamp: $0.payload["ingested_at"]?.intValue.map(Int64.init)) }
        var vectors = cache.vectors(for: candidates)
        let missing = candidates.map(\.id).filter { vectors[$0] == nil }
        if !missing.isEmpty {
            let points = try await client.retrieve(ids: missing, vector: CollectionLayout.denseVector, payload: .strings(["ingested_at"]),
                                                   deadline: deadline)
            var read: [ChunkVectorCache.Entry] = []
            for point in points {
                guard let vector = point.denseVector(CollectionLayout.denseVector), vector.count == query.count else { continue }
                vectors[point.id] = vector
                if let stamp = point.payload["ingested_at"]?.intValue { read.append(.init(id: point.id, stamp: Int64(stamp), vector: vector)) }
            }
            cache.store(read)
        }
        let norm = query.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0 else { return [:] }
        var similarities: [String: Double] = [:]
        for (id, vector) in vectors {
            var dot: Float = 0
            for index in 0..<query.count { dot += query[index] * vector[index] }
            let similarity = Double(dot / norm)
            if let minimum, similarity < minimum { continue }
            similarities[id] = similarity
        }
        return similarities
    }

    /// The query's embedding: of the text with its expansion terms. In static mode, for a query in
    /// another language, the terms' own embedding is blended in with weight ``staticTermWeight``: a static
    /// embedding is a mean over tokens, so the customer's (to the English model, mostly meaningless)
    /// words would outweigh the few English terms; the transformer reads the terms in context instead.
    func queryVector(_ query: ExpandedQuery) async throws -> [Float] {
        let termWeight: Float = embedder.mode == .static ? Self.staticTermWeight : 0
        guard query.language != "en", !query.terms.isEmpty, termWeight > 0 else { return try await embedder.embed(query.text) }
        let vectors = try await embedder.embed([query.text, query.terms])
        var blended = zip(vectors[0], vectors[1]).map { (1 - termWeight) * $0 + termWeight * $1 }
        let norm = blended.reduce(0) { $0 + $1 * $1 }.squareRoot()
        if norm > 0 { blended = blended.map { $0 / norm } }
        return blended
    }
}
