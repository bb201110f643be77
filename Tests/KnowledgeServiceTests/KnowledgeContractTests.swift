import Foundation
import Testing
import TestSupport
import TriageContracts
import TriageRPC

extension KnowledgeServiceTests {
    /// The Knowledge RPCs over the real socket, against the Qdrant store (static mode: the contract does
    /// not depend on the embedding mode, and static keeps the tests fast).
    @Suite("knowledge-service contract", .timeLimit(.minutes(10)))
    struct KnowledgeContractTests {
        static let article = """
            ---
            id: test_001
            title: Rotating webhook signing secrets
            category: features
            keywords: [webhook secret, signing key, rotate]
            language: en
            ---
            Webhooks are signed with a secret so that you can check they come from us.

            ## Rotate the signing secret

            1. Open **Workspace settings → Integrations → Webhooks** and pick the endpoint whose secret leaked or expired.
            2. Click **Rotate secret**. The old secret keeps working for 24 hours so that you can deploy the new one.
            3. Update your receiver with the new secret and send a test event from the same page.

            ## Check a signature

            Compute an HMAC-SHA256 of the raw body with the secret and compare it with the `X-Acme-Signature` header in constant time.
            Reject events older than five minutes to stop replays, and log the event id so duplicates can be ignored.

            ## Troubleshooting signatures

            If every signature fails, make sure you hash the raw request body before any JSON parsing, and that no proxy re-encodes it.
            A clock that is more than five minutes off makes every event look like a replay; enable NTP on the receiving host.
            """

        @Test func upsertGetListSearchAndDelete() async throws {
            let fixture = try await KnowledgeFixture()
            let first = try await fixture.client.upsertArticle(UpsertArticleRequest(markdown: Self.article))
            let summary = try #require(first.article)
            #expect(first.changed && first.chunksWritten >= 3 && first.chunksRemoved == 0)
            #expect(summary.id == "test_001" && summary.category == "features" && summary.chunkCount == first.chunksWritten)
            #expect(summary.contentHash.count == 64 && summary.ingestedAtMicros > 1_700_000_000_000_000)
            #expect(try await fixture.storedChunks(article: "test_001").count == Int(first.chunksWritten))

            let again = try await fixture.client.upsertArticle(UpsertArticleRequest(markdown: Self.article))
            #expect(!again.changed && again.chunksWritten == 0 && again.article?.contentHash == summary.contentHash)
            #expect(again.article?.ingestedAtMicros == summary.ingestedAtMicros)

            let stored = try await fixture.client.getArticle(GetArticleRequest(id: "test_001"))
            #expect(stored.article?.title == "Rotating webhook signing secrets" && stored.article?.keywords == ["webhook secret", "signing key", "rotate"])
            #expect(stored.article?.body.contains("constant time") == true && stored.article?.language == "en")
            #expect(stored.summary == summary)

            let listed = try await fixture.client.listArticles(ListArticlesRequest())
            #expect(listed.articles == [summary] && listed.nextPageToken.isEmpty)
            #expect(try await fixture.client.listArticles(ListArticlesRequest(categories: ["billing"])).articles.isEmpty)

            let search = try await fixture.client.search(KnowledgeSearchRequest(query: "how do I rotate the webhook secret?", limit: 3))
            let hit = try #require(search.hits.first)
            #expect(hit.articleID == "test_001" && ["", "Rotate the signing secret"].contains(hit.heading) && !hit.snippet.isEmpty)
            #expect(hit.score > 0.5 && hit.denseSimilarity > 0.3 && search.language == "en" && search.model.contains(":static"))
            #expect(try await fixture.client.search(KnowledgeSearchRequest(query: "webhook secret", categories: ["billing", "plans"])).hits.isEmpty)
            #expect(try await fixture.client.search(KnowledgeSearchRequest(query: "webhook secret", categories: ["plans", "features"])).hits.count == 1)

            #expect(try await fixture.client.deleteArticle(DeleteArticleRequest(id: "test_001")).deleted)
            #expect(try await !fixture.client.deleteArticle(DeleteArticleRequest(id: "test_001")).deleted)
            #expect(try await fixture.storedChunks(article: "test_001").isEmpty)
            #expect(await statusCode { _ = try await fixture.client.getArticle(GetArticleRequest(id: "test_001")) } == .notFound)
            #expect(try await fixture.client.search(KnowledgeSearchRequest(query: "rotate the webhook secret")).hits.isEmpty)
            await fixture.shutdown()
        }

        @Test func anEditReplacesOnlyThatArticlesChunks() async throws {
            let fixture = try await KnowledgeFixture()
            let long = try await fixture.client.upsertArticle(UpsertArticleRequest(markdown: Self.article))
            let other = try await fixture.client.upsertArticle(UpsertArticleRequest(article: KnowledgeArticle(
                id: "test_002", title: "Another article", category: "support", keywords: [], language: "", body: "Some text about phone support hours.")))
            let otherBefore = try await fixture.storedChunks(article: "test_002")

            // The same article without its last two sections: fewer chunks, the rest removed.
            let shorter = Self.article.components(separatedBy: "## Check a signature")[0]
            let edited = try await fixture.client.upsertArticle(UpsertArticleRequest(markdown: shorter))
            #expect(edited.changed && edited.chunksWritten < long.chunksWritten)
            #expect(edited.chunksRemoved == long.chunksWritten - edited.chunksWritten)
            let chunks = try await fixture.storedChunks(article: "test_001")
            #expect(chunks.map(\.chunk) == Array(0..<Int(edited.chunksWritten)))
            #expect(chunks.allSatisfy { $0.hash == edited.article?.contentHash && $0.ingestedAt == edited.article?.ingestedAtMicros })
            #expect(try await fixture.storedChunks(article: "test_002").map(\.ingestedAt) == otherBefore.map(\.ingestedAt))
            #expect(other.article?.language == "en")
            let stale = try await fixture.client.search(KnowledgeSearchRequest(query: "HMAC signature constant time replay", limit: 10))
            #expect(stale.hits.allSatisfy { !$0.snippet.contains("constant time") && !$0.snippet.contains("NTP") }, "a removed section is still found")
            await fixture.shutdown()
        }

        @Test func concurrentWritesOfOneArticleLeaveOneConsistentVersion() async throws {
            let fixture = try await KnowledgeFixture()
            let shorter = Self.article.components(separatedBy: "## Check a signature")[0]
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        _ = try await fixture.client.upsertArticle(UpsertArticleRequest(markdown: index % 2 == 0 ? Self.article : shorter))
                    }
                }
                try await group.waitForAll()
            }
            let head = try #require(try await fixture.client.getArticle(GetArticleRequest(id: "test_001")).summary)
            let chunks = try await fixture.storedChunks(article: "test_001")
            #expect(chunks.map(\.chunk) == Array(0..<Int(head.chunkCount)))
            #expect(chunks.allSatisfy { $0.hash == head.contentHash })
            await fixture.shutdown()
        }

        @Test func ingestSkipsUnchangedReplacesEditedAndRemovesDeleted() async throws {
            let fixture = try await KnowledgeFixture()
            let kb = try copyOfDemoKB(into: fixture.directory)
            let first = try await fixture.ingest(kb)
            #expect(first.status == 0 && first.output.contains("40 added, 0 updated, 0 unchanged, 0 removed"), "\(first.output.suffix(800))")
            let points = try await fixture.pointCount()

            let listedBefore = try await allSummaries(fixture.client)
            #expect(listedBefore.count == 40 && Set(listedBefore.map(\.id)).count == 40)
            #expect(listedBefore.reduce(0) { $0 + Int($1.chunkCount) } + 1 == points, "one record point besides the chunks")

            // Edit one article, remove another.
            let editedFile = "\(kb)/kb_024-dark-mode.md"
            let text = try String(contentsOfFile: editedFile, encoding: .utf8)
            try (text + "\n\n## High contrast\n\nTurn on **High contrast** in **Profile → Appearance** for stronger borders and larger focus rings.\n")
                .write(toFile: editedFile, atomically: true, encoding: .utf8)
            try FileManager.default.removeItem(atPath: "\(kb)/kb_035-free-trial.md")

            let second = try await fixture.ingest(kb)
            #expect(second.status == 0 && second.output.contains("0 added, 1 updated, 38 unchanged, 1 removed"), "\(second.output.suffix(800))")
            #expect(second.output.contains("updated kb_024") && second.output.contains("removed kb_035"))
            let listedAfter = Dictionary(try await allSummaries(fixture.client).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            #expect(listedAfter.count == 39 && listedAfter["kb_035"] == nil)
            for before in listedBefore where before.id != "kb_024" && before.id != "kb_035" {
                #expect(listedAfter[before.id] == before, "\(before.id) was rewritten")
            }
            let edited = try #require(listedAfter["kb_024"])
            let chunks = try await fixture.storedChunks(article: "kb_024")
            #expect(chunks.count == Int(edited.chunkCount) && chunks.allSatisfy { $0.hash == edited.contentHash })
            #expect(try await fixture.storedChunks(article: "kb_035").isEmpty)
            let highContrast = try await fixture.client.search(KnowledgeSearchRequest(query: "high contrast borders focus rings", limit: 1))
            #expect(highContrast.hits.first?.articleID == "kb_024")

            // --keep-missing leaves articles that are not in the directory.
            let kept = try await fixture.ingest("\(TestPaths.repositoryRoot)/deploy/demo/kb", arguments: ["--keep-missing"])
            #expect(kept.status == 0 && kept.output.contains("1 added, 1 updated, 38 unchanged, 0 removed"), "\(kept.output.suffix(800))")
            await fixture.shutdown()
        }

        @Test func listingPagesThroughEveryArticle() async throws {
            let fixture = try await KnowledgeFixture()
            for index in 0..<23 {
                _ = try await fixture.client.upsertArticle(UpsertArticleRequest(article: KnowledgeArticle(
                    id: "page_\(index)", title: "Article \(index)", category: index % 2 == 0 ? "billing" : "plans", keywords: [],
                    language: "en", body: "Body of article \(index).")))
            }
            var seen: [String] = []
            var token = ""
            var pages = 0
            repeat {
                let page = try await fixture.client.listArticles(ListArticlesRequest(limit: 5, pageToken: token))
                #expect(page.articles.count <= 5)
                seen += page.articles.map(\.id)
                token = page.nextPageToken
                pages += 1
            } while !token.isEmpty && pages < 20
            #expect(seen.count == 23 && Set(seen).count == 23 && pages >= 5)
            let billing = try await fixture.client.listArticles(ListArticlesRequest(categories: ["billing"], limit: 100))
            #expect(billing.articles.count == 12 && billing.articles.allSatisfy { $0.category == "billing" })
            #expect(await statusCode { _ = try await fixture.client.listArticles(ListArticlesRequest(pageToken: "not a token!")) } == .invalidArgument)
            #expect(await statusCode { _ = try await fixture.client.listArticles(ListArticlesRequest(limit: 1001)) } == .invalidArgument)
            await fixture.shutdown()
        }

        @Test func invalidRequestsAreRefused() async throws {
            let fixture = try await KnowledgeFixture()
            let client = fixture.client
            let invalid: [(String, () async throws -> Void)] = [
                ("empty query", { _ = try await client.search(KnowledgeSearchRequest(query: "  ")) }),
                ("limit", { _ = try await client.search(KnowledgeSearchRequest(query: "x", limit: 51)) }),
                ("min score", { _ = try await client.search(KnowledgeSearchRequest(query: "x", minScore: 1.5)) }),
                ("language", { _ = try await client.search(KnowledgeSearchRequest(query: "x", language: "español")) }),
                ("category", { _ = try await client.search(KnowledgeSearchRequest(query: "x", categories: [""])) }),
                ("no front matter", { _ = try await client.upsertArticle(UpsertArticleRequest(markdown: "# Just a title\n\nText")) }),
                ("nothing", { _ = try await client.upsertArticle(UpsertArticleRequest()) }),
                ("bad id", { _ = try await client.upsertArticle(UpsertArticleRequest(article: KnowledgeArticle(id: "a b", title: "t", category: "c", body: "b"))) }),
                ("get bad id", { _ = try await client.getArticle(GetArticleRequest(id: "../x")) }),
                ("no texts", { _ = try await client.embed(KnowledgeEmbedRequest()) }),
                ("too many texts", { _ = try await client.embed(KnowledgeEmbedRequest(texts: Array(repeating: "x", count: 257))) }),
            ]
            for (name, call) in invalid { #expect(await statusCode(call) == .invalidArgument, "\(name)") }
            #expect(await statusCode { _ = try await client.getArticle(GetArticleRequest(id: "missing")) } == .notFound)
            #expect(try await client.search(KnowledgeSearchRequest(query: "anything at all")).hits.isEmpty)
            await fixture.shutdown()
        }

        @Test func embedReturnsNormalisedVectorsOfTheServicesModel() async throws {
            let fixture = try await KnowledgeFixture(mode: "transformer")
            let texts = ["I was charged twice", "billed two times for one subscription", "the API returns 500 errors", ""]
            let response = try await fixture.client.embed(KnowledgeEmbedRequest(texts: texts))
            #expect(response.vectors.count == 4 && response.dimension == 384 && response.model.hasPrefix("all-MiniLM-L6-v2:transformer:"))
            for vector in response.vectors {
                #expect(vector.values.count == 384)
                #expect(abs(vector.values.reduce(0) { $0 + $1 * $1 } - 1) < 1e-3)
            }
            func cosine(_ a: Int, _ b: Int) -> Float { zip(response.vectors[a].values, response.vectors[b].values).reduce(0) { $0 + $1.0 * $1.1 } }
            #expect(cosine(0, 1) > cosine(0, 2) + 0.2)
            let health = try await HealthRPC.Client(channel: fixture.channel).check(HealthCheckRequest())
            #expect(health.status == .serving && Set(health.dependencies.map(\.name)) == ["qdrant", "model"])
            await fixture.shutdown()
        }

        @Test func aCollectionOfAnotherEmbeddingModeIsRefused() async throws {
            let fixture = try await KnowledgeFixture(mode: "static")
            _ = try await fixture.client.upsertArticle(UpsertArticleRequest(markdown: Self.article))
            var environment = fixture.environment
            environment["TRIAGE_EMBED_MODE"] = "transformer"
            let other = try ServiceProcess("knowledge-service", name: "mismatch", environment: environment.merging([
                "TRIAGE_SOCKET_DIR": "\(fixture.directory)/other", "TRIAGE_INSTANCE": "b",
            ]) { $1 }, logDirectory: fixture.directory)
            let status = try await other.waitForExit(timeout: .seconds(60))
            #expect(status == 78, "\(other.log.suffix(1000))")
            #expect(other.log.contains("holds vectors of all-MiniLM-L6-v2:static") && other.log.contains("TRIAGE_EMBED_MODE"))
            let ingest = try ServiceProcess("knowledge-service", name: "mismatch-ingest", arguments: ["ingest", KnowledgeFixture.demoKB],
                                                  environment: environment, logDirectory: fixture.directory)
            #expect(try await ingest.waitForExit(timeout: .seconds(60)) == 1 && ingest.log.contains("holds vectors of"))
            await fixture.shutdown()
        }
    }
}

/// Every article, through ListArticles' pages.
func allSummaries(_ client: KnowledgeRPC.Client) async throws -> [KnowledgeArticleSummary] {
    var all: [KnowledgeArticleSummary] = []
    var token = ""
    repeat {
        let page = try await client.listArticles(ListArticlesRequest(limit: 1000, pageToken: token))
        all += page.articles
        token = page.nextPageToken
    } while !token.isEmpty
    return all
}
