import Foundation
import TriageEngine

/// A stand-in for the knowledge service during evaluation: a keyword index over the demo
/// knowledge base's markdown files (front matter `id`, `title`, `category`, `keywords`). Scores are
/// the share of an article's keywords and title words found in the query, so 0…1 like the real
/// service's; the first paragraph after the front matter is the snippet.
struct LocalKnowledgeIndex {
    struct Article {
        var id: String
        var title: String
        var category: String
        var terms: Set<String>
        var snippet: String
    }

    let articles: [Article]

    init(directory: String) throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".md") }.sorted()
        var articles = [Article]()
        for file in files {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            let parts = text.components(separatedBy: "\n---")
            guard text.hasPrefix("---"), parts.count >= 2 else { continue }
            var fields = [String: String]()
            for line in parts[0].split(separator: "\n").dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                fields[line[..<colon].trimmingCharacters(in: .whitespaces)] = line[line.index(after: colon)...]
                    .trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            }
            guard let id = fields["id"], let title = fields["title"], let category = fields["category"] else { continue }
            let keywords = (fields["keywords"] ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
                .split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")).lowercased() }
            let body = parts.dropFirst().joined(separator: "\n---")
            let snippet = body.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                .prefix(6).joined(separator: "\n")
            let terms = Set(keywords.flatMap(Self.words) + Self.words(title))
            articles.append(Article(id: id, title: title, category: category, terms: terms, snippet: snippet))
        }
        self.articles = articles
    }

    func search(_ query: KnowledgeQuery, limit: Int = 3) -> [KnowledgeHit] {
        let words = Set(Self.words(query.text))
        let categories = Set(query.categories)
        let hits: [KnowledgeHit] = articles.compactMap { article in
            guard categories.isEmpty || categories.contains(article.category), !article.terms.isEmpty else { return nil }
            let matched = article.terms.intersection(words).count
            guard matched > 0 else { return nil }
            let score = min(1, Double(matched) / Double(min(article.terms.count, 6)))
            return KnowledgeHit(id: article.id, title: article.title, category: article.category, score: score, snippet: article.snippet)
        }
        return Array(hits.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }.prefix(limit))
    }

    static let stopwords: Set<String> = ["the", "a", "an", "to", "of", "and", "or", "in", "on", "for", "my", "i", "is", "it", "how",
                                         "do", "can", "with", "your", "you", "we", "our", "be", "this", "that", "me", "what"]

    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
            .filter { $0.count > 1 && !stopwords.contains($0) }
    }
}
