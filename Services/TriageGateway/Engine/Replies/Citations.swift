import Foundation

/// Chooses the knowledge-base hits a reply may cite: only for issue types an article can answer,
/// above a relevance floor, in the ticket's categories, and close to the best hit.
struct Citations: Sendable {
    var minimumScore: Double
    var maximum: Int
    /// A second article is cited only when it scores within this much of the first.
    var closeness = 0.12

    func choose(_ hits: [KnowledgeHit], citable: Bool, categories: [String]) -> (cited: [KnowledgeHit], signals: [String]) {
        guard citable else { return ([], hits.isEmpty ? [] : ["issue type is not answered by an article: nothing cited"]) }
        let allowed = Set(categories.map { $0.lowercased() })
        let eligible = hits
            .filter { $0.score >= minimumScore && (allowed.isEmpty || allowed.contains($0.category.lowercased())) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        guard let best = eligible.first else {
            return ([], hits.isEmpty ? ["no article returned"] : ["no article above \(minimumScore) in \(categories.joined(separator: "/"))"])
        }
        let cited = Array(eligible.prefix { best.score - $0.score <= closeness }.prefix(maximum))
        return (cited, cited.map { "\($0.id) \"\($0.title)\" (\(String(format: "%.2f", $0.score)))" })
    }
}
