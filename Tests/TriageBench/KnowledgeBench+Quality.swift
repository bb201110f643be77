import Foundation
import TriageContracts

/// The labelled queries of `Tests/KnowledgeServiceTests/Fixtures/labelled-queries.json`.
struct LabelledQueries: Decodable {
    var query: String
    var language: String
    var expected: [String]

    static func load(root: String) throws -> [LabelledQueries] {
        let url = URL(fileURLWithPath: "\(root)/Tests/KnowledgeServiceTests/Fixtures/labelled-queries.json")
        return try JSONDecoder().decode([LabelledQueries].self, from: Data(contentsOf: url))
    }
}

/// Recall@3 per language, and the score calibration fitted to the returned articles (see
/// ScoreCalibration.swift in knowledge-service: Platt scaling of `cosine + 0.3 · fused`).
struct Calibration {
    /// Every returned article of every query: the ranking value and whether it was expected.
    var samples: [(ranking: Double, relevant: Bool)] = []
    var hits: [String: Int] = [:]
    var totals: [String: Int] = [:]

    static let fusedWeight = 0.3

    static func evaluate(_ client: KnowledgeRPC.Client, queries: [LabelledQueries]) async throws -> Calibration {
        var result = Calibration()
        for query in queries {
            let response = try await client.search(KnowledgeSearchRequest(query: query.query, limit: 50, language: query.language))
            result.totals[query.language, default: 0] += 1
            if response.hits.prefix(3).contains(where: { query.expected.contains($0.articleID) }) { result.hits[query.language, default: 0] += 1 }
            for hit in response.hits {
                result.samples.append((Double(hit.denseSimilarity) + fusedWeight * Double(hit.fusedScore), query.expected.contains(hit.articleID)))
            }
        }
        return result
    }

    var recallLine: String {
        let total = totals.values.reduce(0, +), hit = hits.values.reduce(0, +)
        let languages = totals.keys.sorted { $0 == "en" ? true : $1 == "en" ? false : $0 < $1 }
        return String(format: "%d/%d (%.1f %%); ", hit, total, 100 * Double(hit) / Double(max(total, 1)))
            + languages.map { "\($0) \(hits[$0, default: 0])/\(totals[$0]!)" }.joined(separator: ", ")
    }

    /// Logistic regression of relevance on the ranking value (Newton's method), and a reliability table.
    func fit() -> String {
        var slope = 10.0, intercept = -7.0
        for _ in 0..<50 {
            var (g0, g1, h00, h01, h11) = (0.0, 0.0, 0.0, 0.0, 0.0)
            for sample in samples {
                let p = 1 / (1 + exp(-(slope * sample.ranking + intercept)))
                let error = p - (sample.relevant ? 1 : 0), weight = max(p * (1 - p), 1e-9)
                g0 += error; g1 += error * sample.ranking
                h00 += weight; h01 += weight * sample.ranking; h11 += weight * sample.ranking * sample.ranking
            }
            let determinant = h00 * h11 - h01 * h01
            guard abs(determinant) > 1e-12 else { break }
            intercept -= (h11 * g0 - h01 * g1) / determinant
            slope -= (h00 * g1 - h01 * g0) / determinant
        }
        var lines = [String(format: "calibration fitted on %d returned articles (%d relevant): slope %.2f, intercept %.2f",
                            samples.count, samples.filter(\.relevant).count, slope, intercept)]
        lines.append("| predicted score | articles | mean predicted | share relevant |")
        lines.append("|---|---|---|---|")
        let bounds = [0, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9, 1.0001]
        for (low, high) in zip(bounds, bounds.dropFirst()) {
            let scores = samples.map { (1 / (1 + exp(-(slope * $0.ranking + intercept))), $0.relevant) }.filter { $0.0 >= low && $0.0 < high }
            guard !scores.isEmpty else { continue }
            let mean = scores.map(\.0).reduce(0, +) / Double(scores.count)
            let relevant = Double(scores.filter(\.1).count) / Double(scores.count)
            lines.append(String(format: "| %.2f – %.2f | %d | %.2f | %.2f |", low, min(high, 1), scores.count, mean, relevant))
        }
        return lines.joined(separator: "\n")
    }
}
