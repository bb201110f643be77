import Testing
import TriageJSON
@testable import KnowledgeService

/// The exact request bodies sent to Qdrant: written once with the JSON codec of the time, so that a
/// change of codec (or of a builder) that alters a byte shows here.
@Suite("Qdrant request bodies")
struct QdrantBodyTests {
    func text(_ json: JSON) -> String { json.serializedString() }

    static let article = try! Article(id: "kb-001", title: "Reset \"MFA\"", category: "Security", keywords: ["mfa", "2fa"],
                                      language: "pt", body: "Lead.\n\n## Passos\n\nAbra — 😀 \\ \t fim.")
    static let vector: [Float] = [0.1, -0.25, 1, 1e-7, -0.0]

    @Test func anUpsertedChunk() {
        let head = ChunkPoint(article: Self.article, chunk: ArticleChunk(index: 0, heading: "Passos", markdown: "Abra — 😀 \\ \t fim."),
                              chunkCount: 2, vector: Self.vector, contentHash: "ab12", ingestedAtMicros: 1_733_350_123_456_789)
        #expect(text(head.json(perLanguageBM25: true)) == #"{"id":"42846bd6-c23e-57aa-9753-422914f47408","vector":{"dense":[0.1,-0.25,1.0,1e-07,-0.0],"bm25":{"text":"Reset \"MFA\"\nPassos\nmfa\n2fa\nAbra — 😀 \\ \t fim.","model":"qdrant/bm25","options":{"language":"portuguese"}}},"payload":{"article_id":"kb-001","chunk":0,"chunks":2,"title":"Reset \"MFA\"","category":"security","language":"pt","keywords":["mfa","2fa"],"heading":"Passos","text":"Abra — 😀 \\ \t fim.","content_hash":"ab12","ingested_at":1733350123456789,"body":"Lead.\n\n## Passos\n\nAbra — 😀 \\ \t fim."}}"#)
        var second = head
        second.chunk.index = 1
        #expect(text(second.json(perLanguageBM25: false)).contains(#""vector":{"dense":[0.1,-0.25,1.0,1e-07,-0.0],"bm25":{"text":"Reset \"MFA\"\nPassos\nmfa\n2fa\nAbra — 😀 \\ \t fim.","model":"qdrant/bm25"}},"payload":{"article_id":"kb-001","chunk":1,"#))
    }

    @Test func theQueriesOfASearch() {
        let query = HybridQuery(vector: [0.5, -1.25e-5], query: ExpandedQuery(original: "senha não funciona", language: "pt", terms: "password"),
                                categories: ["security"], candidates: 20, prefetchLimit: 40, perLanguageBM25: true)
        #expect(text(query.fusionBody()) == #"{"prefetch":[{"query":[0.5,-1.25e-05],"using":"dense","limit":40},{"query":{"text":"senha não funciona password","model":"qdrant/bm25","options":{"language":"english"}},"using":"bm25","limit":40},{"query":{"text":"senha não funciona","model":"qdrant/bm25","options":{"language":"portuguese"}},"using":"bm25","limit":40}],"query":{"fusion":"rrf"},"filter":{"must":[{"key":"language","match":{"any":["en","pt"]}},{"key":"category","match":{"any":["security"]}}]},"limit":20,"with_payload":["article_id","title","category","language","chunk","heading","text","ingested_at"]}"#)
        #expect(text(query.similarityBody(ids: ["a", "b"], minimumSimilarity: 0.3125)) == #"{"query":[0.5,-1.25e-05],"using":"dense","filter":{"must":[{"has_id":["a","b"]}]},"limit":2,"with_payload":false,"score_threshold":0.3125}"#)
        let english = HybridQuery(vector: [1], query: ExpandedQuery(original: "reset", language: "en", terms: ""), categories: [], candidates: 5,
                                  prefetchLimit: 10, perLanguageBM25: false)
        #expect(text(english.fusionBody()) == #"{"prefetch":[{"query":[1.0],"using":"dense","limit":10},{"query":{"text":"reset","model":"qdrant/bm25"},"using":"bm25","limit":10}],"query":{"fusion":"rrf"},"limit":5,"with_payload":["article_id","title","category","language","chunk","heading","text","ingested_at"]}"#)
        #expect(text(english.similarityBody(ids: [], minimumSimilarity: nil)) == #"{"query":[1.0],"using":"dense","filter":{"must":[{"has_id":[]}]},"limit":0,"with_payload":false}"#)
    }

    @Test func filtersAndPageTokens() throws {
        let filter = QdrantFilter.filter(must: [QdrantFilter.match("article_id", "kb-1")],
                                         mustNot: [QdrantFilter.match("content_hash", "ab"), QdrantFilter.match("chunk", 0)])
        #expect(text(filter) == #"{"must":[{"key":"article_id","match":{"value":"kb-1"}}],"must_not":[{"key":"content_hash","match":{"value":"ab"}},{"key":"chunk","match":{"value":0}}]}"#)
        #expect(text(QdrantFilter.filter()) == "{}")
        #expect(try KnowledgeRequestValidation.pageToken("12").map(text) == "12")
        #expect(try KnowledgeRequestValidation.pageToken("5c56c793-69f3").map(text) == #""5c56c793-69f3""#)
    }
}
