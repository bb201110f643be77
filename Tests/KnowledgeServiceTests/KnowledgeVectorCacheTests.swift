import Foundation
import Testing
import TestSupport
import TriageContracts
import TriageRPC

extension KnowledgeServiceTests {
    /// Search scores its fused candidates from cached chunk vectors (`KNOWLEDGE_VECTOR_CACHE`) instead
    /// of a second Qdrant query: the answers must be the ones that query gives, also after another
    /// process edited an article whose vectors this service has cached.
    @Suite("knowledge-service vector cache", .timeLimit(.minutes(10)))
    struct KnowledgeVectorCacheTests {
        static let queries = [
            "how do I rotate the webhook secret?", "the signature check fails for every event", "replay protection clock",
            "export my invoices as CSV", "Comment changer le secret du webhook ?",
        ]

        @Test func cachedSimilaritiesAreQdrantsAndAnEditIsNeverScoredWithItsOldVectors() async throws {
            let cached = try await KnowledgeFixture()
            // A second process on the same collection that asks Qdrant for every similarity.
            let uncached = try await KnowledgeFixture(standin: cached.server, collection: cached.collection,
                                                      environment: ["KNOWLEDGE_VECTOR_CACHE": "0"])
            _ = try await cached.client.upsertArticle(UpsertArticleRequest(markdown: KnowledgeContractTests.article))
            _ = try await cached.client.upsertArticle(UpsertArticleRequest(article: KnowledgeArticle(
                id: "test_002", title: "Exporting invoices", category: "billing", keywords: ["invoice export"], language: "",
                body: "Open Billing → Invoices and click Export to download every invoice as a CSV file.")))

            try await expectSameAnswers(cached, uncached, "before any edit, cold")
            try await expectSameAnswers(cached, uncached, "before any edit, from the cache")

            // The uncached process edits the article: the cached one has its old vectors.
            let edited = KnowledgeContractTests.article
                .replacingOccurrences(of: "Webhooks are signed with a secret", with: "Each event we send is signed with a shared key")
                .replacingOccurrences(of: "Rotate secret", with: "Generate a new key")
            let write = try await uncached.client.upsertArticle(UpsertArticleRequest(markdown: edited))
            #expect(write.changed)
            try await expectSameAnswers(cached, uncached, "after another process's edit")

            uncached.channel.close()
            await uncached.service.stop()
            await cached.shutdown()
        }

        private func expectSameAnswers(_ cached: KnowledgeFixture, _ uncached: KnowledgeFixture, _ when: String) async throws {
            for query in Self.queries {
                let request = KnowledgeSearchRequest(query: query, limit: 5)
                let (a, b) = (try await cached.client.search(request), try await uncached.client.search(request))
                #expect(a.hits.map(\.articleID) == b.hits.map(\.articleID), "\(when): \(query)")
                #expect(a.hits.map(\.chunk) == b.hits.map(\.chunk), "\(when): \(query)")
                for (x, y) in zip(a.hits, b.hits) {
                    #expect(abs(x.denseSimilarity - y.denseSimilarity) < 1e-5, "\(when): \(query): \(x.denseSimilarity) against \(y.denseSimilarity)")
                    #expect(abs(x.score - y.score) < 1e-5, "\(when): \(query)")
                }
            }
        }
    }
}
