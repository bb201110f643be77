import Testing
import TriageContracts
import TriageJSON
@testable import KnowledgeService

@Suite("score calibration and ranking")
struct RankingTests {
    @Test func scoresAreMonotoneAndInRange() {
        for calibration in [ScoreCalibration.transformerMode, .staticMode] {
            var previous = -1.0
            for step in 0...100 {
                let score = calibration.score(similarity: Double(step) / 100, fused: 0.5)
                #expect((0...1).contains(score) && score >= previous)
                previous = score
            }
            #expect(calibration.score(similarity: 0.6, fused: 1) > calibration.score(similarity: 0.6, fused: 0))
            let floor = try! #require(calibration.minimumSimilarity(for: 0.5))
            #expect(abs(calibration.score(similarity: floor, fused: 1) - 0.5) < 1e-9)
        }
    }

    @Test func keepsTheBestChunkPerArticleInRankingOrder() throws {
        func point(_ id: String, _ article: String, chunk: Int, score: Double) -> QdrantPoint {
            QdrantPoint(try! JSONParser.parse(#"{"id":"\#(id)","score":\#(score),"payload":{"article_id":"\#(article)","title":"T \#(article)","category":"billing","chunk":\#(chunk),"heading":"H\#(chunk)","text":"text \#(chunk)","language":"en"}}"#))!
        }
        let fused = [point("a0", "A", chunk: 0, score: 1.0), point("b1", "B", chunk: 1, score: 0.5), point("a2", "A", chunk: 2, score: 0.4),
                     point("c0", "C", chunk: 0, score: 0.3)]
        let ranker = SearchRanker(calibration: .transformerMode, maximumFusedScore: 1, languages: ["en"])
        let hits = ranker.rank(fused: fused, similarities: ["a0": 0.40, "b1": 0.62, "a2": 0.70], limit: 5, minimumScore: 0)
        #expect(hits.map(\.articleID) == ["A", "B"])  // C had no similarity (below the threshold)
        #expect(hits[0].chunk == 2 && hits[0].heading == "H2" && hits[0].snippet == "text 2" && hits[0].fusedScore == 0.4)
        #expect(hits.allSatisfy { (0...1).contains($0.score) } && hits[0].score >= hits[1].score)
        let strict = ranker.rank(fused: fused, similarities: ["a0": 0.40, "b1": 0.62, "a2": 0.70], limit: 5, minimumScore: Double(hits[0].score) - 1e-6)
        #expect(strict.map(\.articleID) == ["A"])
        #expect(ranker.rank(fused: fused, similarities: ["a0": 0.4, "b1": 0.62], limit: 1, minimumScore: 0).count == 1)
    }

    @Test func snippetsAreCutAtALineEnd() {
        let long = (1...40).map { "Step \($0): do the thing number \($0) now." }.joined(separator: "\n")
        let snippet = SearchRanker.snippet(long)
        #expect(snippet.count <= SearchRanker.snippetLength && long.hasPrefix(snippet) && snippet.hasSuffix("now."))
        #expect(SearchRanker.snippet("short") == "short")
    }
}
