import Embedding
import Foundation

/// Ranks chunks and turns their evidence into a relevance score in 0…1 that means the same for
/// every query.
///
/// Qdrant's fused (RRF) score depends only on ranks: the best chunk of any query, relevant or not,
/// gets the same. The cosine similarity of query and chunk is absolute, but blind to exact keyword
/// matches. Chunks are ranked by
///
///     ranking = cosine + 0.3 · fused          (fused = RRF score / its maximum, 0…1)
///
/// and the score is that ranking value through a logistic function (Platt scaling),
///
///     score = 1 / (1 + exp(-(slope · ranking + intercept)))
///
/// with `slope` and `intercept` fitted per embedding mode (their cosines are on different scales) by
/// logistic regression on the labelled queries (`Tests/KnowledgeServiceTests/Fixtures/labelled-queries.json`):
/// every article a query returns counts as relevant if it is one of the query's expected articles.
/// A score of 0.8 therefore means that about 80 % of the articles scored 0.8 were relevant to their
/// query on that set; the README has the reliability table. `triage-bench knowledge --calibrate`
/// refits the two numbers; the 0.3 was chosen on the same queries (recall@3 varies little between
/// 0.2 and 1.0 in either mode).
struct ScoreCalibration: Sendable, Hashable {
    var slope: Double
    var intercept: Double

    static let fusedWeight = 0.3

    func ranking(similarity: Double, fused: Double) -> Double { similarity + Self.fusedWeight * fused }

    func score(similarity: Double, fused: Double) -> Double {
        1 / (1 + exp(-(slope * ranking(similarity: similarity, fused: fused) + intercept)))
    }

    /// The lowest cosine similarity that can still reach `score` (with the best possible fused score).
    func minimumSimilarity(for score: Double) -> Double? {
        guard score > 0, score < 1, slope > 0 else { return nil }
        return (log(score / (1 - score)) - intercept) / slope - Self.fusedWeight
    }

    static func fitted(for mode: EmbeddingMode) -> ScoreCalibration {
        mode == .static ? staticMode : transformerMode
    }

    /// Fitted on 3,355 returned articles of the 97 labelled queries (107 relevant).
    static let transformerMode = ScoreCalibration(slope: 13.92, intercept: -9.26)
    /// Fitted on 3,294 returned articles of the 97 labelled queries (107 relevant).
    static let staticMode = ScoreCalibration(slope: 14.20, intercept: -12.68)
}
