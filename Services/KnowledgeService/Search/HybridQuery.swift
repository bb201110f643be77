import TriageJSON

/// The Query API requests of one search.
///
/// First a hybrid query: a dense prefetch (cosine on the query embedding), a BM25 prefetch over the
/// expanded text with English tokenization, and for a query in another language that Qdrant can
/// tokenize, a BM25 prefetch over the customer's own words in that language (which finds articles
/// written in it); fused by reciprocal rank (Qdrant's RRF, k = 2), with the category filter applied
/// to every prefetch (and a language filter, see ``filter``). Then a dense query restricted to the fused candidates (`has_id`), which gives
/// each its cosine similarity: RRF scores only say how a chunk ranked, not how well it matched, and
/// the calibrated score needs both (see ``ScoreCalibration``).
struct HybridQuery: Sendable {
    var vector: [Float]
    var query: ExpandedQuery
    var categories: [String]
    /// Chunks the fused result keeps (several may belong to one article).
    var candidates: Int
    /// Chunks each prefetch contributes.
    var prefetchLimit: Int
    var perLanguageBM25: Bool

    /// RRF's k in Qdrant's `{"fusion": "rrf"}`.
    static let rrfK = 2.0

    /// Whether the customer's own words get a BM25 list of their own (in their language).
    var searchesOwnLanguage: Bool { perLanguageBM25 && BM25Language.hasOwnTokenizer(query.language) }

    /// How many ranked lists RRF fuses.
    var lists: Int { searchesOwnLanguage ? 3 : 2 }

    /// The highest RRF score possible (first in every list), to normalise fused scores to 0…1.
    var maximumFusedScore: Double { Double(lists) / Self.rrfK }

    /// The languages of the articles a customer is answered from: theirs and English (the knowledge
    /// base's own language), never a translation into a third language, which in static mode would
    /// also look similar to any non-English query.
    var languages: [String] { query.language == "en" ? ["en"] : ["en", query.language] }

    /// The requested categories and, for a non-English query, the languages. An English query is not
    /// filtered by language in Qdrant: a filter that matches almost every point slows the stand-in's
    /// exact search by ~10 ms at 100k chunks; the few translations among its candidates are dropped
    /// by the ranker instead.
    var filter: JSON? {
        var must: [JSON] = []
        if query.language != "en" { must.append(QdrantFilter.matchAny("language", languages)) }
        if !categories.isEmpty { must.append(QdrantFilter.matchAny("category", categories)) }
        return must.isEmpty ? nil : QdrantFilter.filter(must: must)
    }

    func fusionBody() -> JSON {
        var prefetch: [JSON] = [
            ["query": .floats(vector), "using": .string(CollectionLayout.denseVector), "limit": .int(prefetchLimit)],
            ["query": BM25Language.document(query.text, language: "en", perLanguage: perLanguageBM25),
             "using": .string(CollectionLayout.sparseVector), "limit": .int(prefetchLimit)],
        ]
        if searchesOwnLanguage {
            prefetch.append(["query": BM25Language.document(query.original, language: query.language, perLanguage: true),
                             "using": .string(CollectionLayout.sparseVector), "limit": .int(prefetchLimit)])
        }
        var body: JSONObject = ["prefetch": .array(prefetch), "query": ["fusion": "rrf"]]
        if let filter { body["filter"] = filter }
        body["limit"] = .int(candidates)
        body["with_payload"] = CollectionLayout.searchPayload
        return .object(body)
    }

    /// The dense similarity of the given candidates; below `minimumSimilarity` they are left out.
    func similarityBody(ids: [String], minimumSimilarity: Double?) -> JSON {
        var body: JSONObject = [
            "query": .floats(vector), "using": .string(CollectionLayout.denseVector),
            "filter": QdrantFilter.filter(must: [QdrantFilter.hasID(ids)]), "limit": .int(ids.count), "with_payload": false,
        ]
        if let minimumSimilarity { body["score_threshold"] = .number(minimumSimilarity) }
        return .object(body)
    }
}
