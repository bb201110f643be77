/// Reads the knowledge-base file format: a front-matter block between `---` lines, then Markdown.
///
///     ---
///     id: kb_002
///     title: Double charges and duplicate payments
///     category: billing
///     keywords: [double charge, charged twice]
///     language: en
///     ---
///     Body…
///
/// Values may be quoted; `keywords` is a `[a, b]` list, a YAML block list (`- a` lines) or a
/// comma-separated string. `language` is optional (default `en`); unknown keys are ignored.
enum ArticleParser {
    static func parse(_ text: String) throws(ArticleError) -> Article {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }[...]
        if lines.first?.hasPrefix("\u{FEFF}") == true { lines[lines.startIndex] = lines[lines.startIndex].dropFirst() }
        guard lines.first?.trimmingSpaces == "---" else { throw ArticleError("the file does not start with a '---' front-matter line") }
        lines = lines.dropFirst()
        guard let end = lines.firstIndex(where: { $0.trimmingSpaces == "---" }) else {
            throw ArticleError("the front matter has no closing '---' line")
        }
        var fields: [String: String] = [:]
        var keywords: [String] = []
        var listKey: String?
        for line in lines[..<end] {
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("- "), listKey == "keywords" {
                keywords.append(unquote(trimmed.dropFirst(2)))
                continue
            }
            guard let colon = line.firstIndex(of: ":") else { throw ArticleError("front matter line without 'key: value': \(trimmed.prefix(60))") }
            let key = line[..<colon].trimmingSpaces.lowercased()
            let value = line[line.index(after: colon)...].trimmingSpaces
            listKey = value.isEmpty ? key : nil
            if key == "keywords" {
                keywords = list(value)
            } else {
                fields[key] = unquote(Substring(value))
            }
        }
        let body = lines[lines.index(after: end)...].joined(separator: "\n")
        return try Article(id: fields["id"] ?? "", title: fields["title"] ?? "", category: fields["category"] ?? "",
                           keywords: keywords, language: fields["language"] ?? "", body: body)
    }

    /// `[a, "b, c"]` or `a, b`.
    private static func list(_ value: String) -> [String] {
        var inner = Substring(value)
        if inner.hasPrefix("[") && inner.hasSuffix("]") { inner = inner.dropFirst().dropLast() }
        var items: [String] = []
        var current = ""
        var quote: Character?
        for character in inner {
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "," {
                items.append(current.trimmingSpaces)
                current = ""
            } else {
                current.append(character)
            }
        }
        items.append(current.trimmingSpaces)
        return items.filter { !$0.isEmpty }
    }

    private static func unquote(_ value: Substring) -> String {
        let trimmed = value.trimmingSpaces
        if trimmed.count >= 2, let first = trimmed.first, first == "\"" || first == "'", trimmed.last == first {
            return String(trimmed.dropFirst().dropLast())
        }
        return trimmed
    }

    /// The article as a file in this format (what `parse` reads back).
    static func render(_ article: Article) -> String {
        let keywords = article.keywords.map { $0.contains(",") || $0.contains("\"") ? "'\($0)'" : $0 }.joined(separator: ", ")
        return "---\nid: \(article.id)\ntitle: \(article.title)\ncategory: \(article.category)\nkeywords: [\(keywords)]\n"
            + "language: \(article.language)\n---\n\(article.body)"
    }
}
