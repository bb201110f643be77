import Foundation
import Testing
import TestSupport
import TriageContracts
import TriageRPC

extension KnowledgeServiceTests {
    /// Qdrant stopping, crashing, hanging and coming back empty under a running knowledge-service, on a
    /// private stand-in.
    @Suite("knowledge-service with a failing Qdrant", .timeLimit(.minutes(5)))
    struct KnowledgeFaultTests {
        static let article = UpsertArticleRequest(article: KnowledgeArticle(
            id: "fault_001", title: "Exporting invoices", category: "billing", keywords: ["invoice export"], language: "en",
            body: "Download every invoice as a PDF from **Billing → Invoices → Export all**."))

        @Test func qdrantDownIsUnavailableFastAndTheServiceRecovers() async throws {
            let fixture = try await KnowledgeFixture(privateQdrant: true)
            let qdrant = try #require(fixture.server)
            _ = try await fixture.client.upsertArticle(Self.article)

            await qdrant.stop()
            for attempt in 0..<3 {
                let took = await elapsed {
                    #expect(await statusCode { _ = try await fixture.client.search(KnowledgeSearchRequest(query: "export invoices")) } == .unavailable)
                    #expect(await statusCode { _ = try await fixture.client.getArticle(GetArticleRequest(id: "fault_001")) } == .unavailable)
                    #expect(await statusCode { _ = try await fixture.client.upsertArticle(Self.article) } == .unavailable)
                }
                #expect(took < .seconds(1), "attempt \(attempt): three calls took \(took)")
            }
            let health = try await HealthRPC.Client(channel: fixture.channel).check(HealthCheckRequest())
            #expect(health.status == .notServing)
            #expect(health.dependencies.first { $0.name == "qdrant" }?.status == .notServing)
            #expect(health.dependencies.first { $0.name == "model" }?.status == .serving)
            // Embedding needs no Qdrant.
            #expect(try await fixture.client.embed(KnowledgeEmbedRequest(texts: ["still works"])).vectors.count == 1)

            try await qdrant.start()
            try await waitUntil("search to work again", timeout: .seconds(10)) {
                (try? await fixture.client.search(KnowledgeSearchRequest(query: "export invoices"))) != nil
            }
            #expect(try await fixture.client.search(KnowledgeSearchRequest(query: "export invoices")).hits.first?.articleID == "fault_001")
            #expect(try await HealthRPC.Client(channel: fixture.channel).check(HealthCheckRequest()).status == .serving)
            #expect(fixture.service.log.contains("qdrant is unreachable") && fixture.service.log.contains("qdrant is reachable again"))
            await fixture.shutdown()
        }

        @Test func aCrashedQdrantKeepsWhatWasAcknowledged() async throws {
            let fixture = try await KnowledgeFixture(privateQdrant: true)
            let qdrant = try #require(fixture.server)
            let written = try await fixture.client.upsertArticle(Self.article)
            qdrant.kill9()
            #expect(await statusCode { _ = try await fixture.client.listArticles(ListArticlesRequest()) } == .unavailable)
            try await qdrant.start()
            try await waitUntil("listing to work again", timeout: .seconds(10)) {
                (try? await fixture.client.listArticles(ListArticlesRequest())) != nil
            }
            #expect(try await fixture.client.listArticles(ListArticlesRequest()).articles == [written.article].compactMap { $0 })
            await fixture.shutdown()
        }

        @Test func aHungQdrantIsUnavailableWithinTheReadTimeout() async throws {
            // Wide enough that the upsert before the pause finishes on a loaded CI machine.
            let fixture = try await KnowledgeFixture(privateQdrant: true, environment: ["QDRANT_READ_TIMEOUT_MS": "1000"])
            let qdrant = try #require(fixture.server)
            _ = try await fixture.client.upsertArticle(Self.article)
            qdrant.pause()
            let took = await elapsed {
                #expect(await statusCode { _ = try await fixture.client.search(KnowledgeSearchRequest(query: "export invoices")) } == .unavailable)
            }
            #expect(took < .milliseconds(2500), "took \(took)")
            qdrant.resume()
            try await waitUntil("search to work again", timeout: .seconds(10)) {
                (try? await fixture.client.search(KnowledgeSearchRequest(query: "export invoices")))?.hits.isEmpty == false
            }
            await fixture.shutdown()
        }

        @Test func aQdrantThatComesBackEmptyGetsTheCollectionAgain() async throws {
            let fixture = try await KnowledgeFixture(privateQdrant: true)
            let qdrant = try #require(fixture.server)
            _ = try await fixture.client.upsertArticle(Self.article)
            await qdrant.stop()
            try qdrant.wipeData()
            try await qdrant.start()
            try await waitUntil("search to answer again", timeout: .seconds(10)) {
                (try? await fixture.client.search(KnowledgeSearchRequest(query: "export invoices"))) != nil
            }
            #expect(try await fixture.client.search(KnowledgeSearchRequest(query: "export invoices")).hits.isEmpty)
            #expect(try await fixture.client.upsertArticle(Self.article).changed)
            #expect(try await fixture.client.search(KnowledgeSearchRequest(query: "export invoices")).hits.count == 1)
            #expect(fixture.service.log.contains("the collection disappeared"))
            await fixture.shutdown()
        }

        @Test func theServiceStartsWithoutQdrantAndServesOnceItIsThere() async throws {
            let qdrant = try await QdrantStandin()
            await qdrant.stop()
            let fixture = try await KnowledgeFixture(standin: qdrant, requireServing: false)
            let health = try await HealthRPC.Client(channel: fixture.channel).check(HealthCheckRequest())
            #expect(health.status == .notServing)
            #expect(await statusCode { _ = try await fixture.client.search(KnowledgeSearchRequest(query: "anything")) } == .unavailable)
            try await qdrant.start()
            try await waitUntil("knowledge-service to serve", timeout: .seconds(10)) {
                (try? await HealthRPC.Client(channel: fixture.channel).check(HealthCheckRequest()))?.status == .serving
            }
            #expect(try await fixture.client.upsertArticle(Self.article).changed)
            await fixture.shutdown()
        }
    }
}
