import TriageContracts
import TriageJSON

/// From fused chunks to articles: each chunk is scored (``ScoreCalibration``), each article keeps its
/// best chunk, and articles are ordered by that score.
struct SearchRanker: Sendable {
    var calibration: ScoreCalibration
    var maximumFusedScore: Double
    /// Articles in other languages are left out (see ``HybridQuery/languages``).
    var languages: Set<String>

    /// Characters of a chunk's Markdown a snippet keeps at most (cut at a line end or a space).
    static let snippetLength = 600

    /// - Parameters:
    ///   - fused: the hybrid query's points, with their RRF scores.
    ///   - similarities: cosine similarity by point id; a point without one was below the threshold.
    func rank(fused: [QdrantPoint], similarities: [String: Double], limit: Int, minimumScore: Double) -> [KnowledgeSearchHit] {
        var best: [String: KnowledgeSearchHit] = [:]
        var rankings: [String: Double] = [:]
        for point in fused {
            guard accepts(point), let similarity = similarities[point.id], let article = point.payload["article_id"]?.stringValue else { continue }
            let fusedScore = min(max(point.score / maximumFusedScore, 0), 1)
            let score = calibration.score(similarity: similarity, fused: fusedScore)
            let ranking = calibration.ranking(similarity: similarity, fused: fusedScore)
            guard score >= minimumScore, ranking > rankings[article, default: -.infinity] else { continue }
            rankings[article] = ranking
            best[article] = KnowledgeSearchHit(
                articleID: article,
                title: point.payload["title"]?.stringValue ?? "",
                category: point.payload["category"]?.stringValue ?? "",
                snippet: Self.snippet(point.payload["text"]?.stringValue ?? ""),
                score: Float(score),
                heading: point.payload["heading"]?.stringValue ?? "",
                chunk: UInt32(clamping: point.payload["chunk"]?.intValue ?? 0),
                denseSimilarity: Float(similarity),
                fusedScore: Float(fusedScore),
                language: point.payload["language"]?.stringValue ?? ""
            )
        }
        let ordered = best.values.sorted { a, b in
            let (ra, rb) = (rankings[a.articleID] ?? 0, rankings[b.articleID] ?? 0)
            return ra != rb ? ra > rb : a.articleID < b.articleID
        }
        return Array(ordered.prefix(limit))
    }

    /// Whether a chunk is of an article in one of ``languages``.
    func accepts(_ point: QdrantPoint) -> Bool { languages.contains(point.payload["language"]?.stringValue ?? "en") }

    static func snippet(_ markdown: String) -> String {
        guard markdown.count > snippetLength else { return markdown }
        let head = markdown.prefix(snippetLength)
        if let line = head.lastIndex(of: "\n"), head.distance(from: head.startIndex, to: line) > snippetLength / 3 {
            return String(head[..<line]).trimmingSpaces
        }
        if let space = head.lastIndex(of: " ") { return String(head[..<space]).trimmingSpaces + " …" }
        return String(head) + "…"
    }
}
