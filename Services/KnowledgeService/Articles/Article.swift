/// A knowledge-base article: the front matter's fields and the Markdown body.
struct Article: Sendable, Hashable {
    var id: String
    var title: String
    var category: String
    var keywords: [String]
    /// ISO 639-1, lower case.
    var language: String
    /// Markdown without the front matter.
    var body: String

    static let maximumBodyBytes = 256 * 1024

    /// Checks every field and normalises the language (empty = `en`) and whitespace.
    init(id: String, title: String, category: String, keywords: [String], language: String, body: String) throws(ArticleError) {
        let id = id.trimmingSpaces
        guard !id.isEmpty, id.utf8.count <= 128, id.unicodeScalars.allSatisfy(Self.isIDCharacter) else {
            throw ArticleError("id must be 1-128 letters, digits, '_', '-' or '.' (got \(id.debugDescription.prefix(60)))")
        }
        let title = title.trimmingSpaces
        guard !title.isEmpty, title.count <= 300 else { throw ArticleError("\(id): title must be 1-300 characters") }
        let category = category.trimmingSpaces.lowercased()
        guard !category.isEmpty, category.count <= 64 else { throw ArticleError("\(id): category must be 1-64 characters") }
        let keywords = keywords.map(\.trimmingSpaces).filter { !$0.isEmpty }
        guard keywords.count <= 100, keywords.allSatisfy({ $0.count <= 100 }) else {
            throw ArticleError("\(id): at most 100 keywords of at most 100 characters each")
        }
        let language = language.trimmingSpaces.lowercased()
        guard language.isEmpty || (language.count == 2 && language.unicodeScalars.allSatisfy { ("a"..."z").contains($0) }) else {
            throw ArticleError("\(id): language must be an ISO 639-1 code such as en or es")
        }
        guard !body.trimmingSpaces.isEmpty else { throw ArticleError("\(id): the body is empty") }
        guard body.utf8.count <= Self.maximumBodyBytes else { throw ArticleError("\(id): the body is over \(Self.maximumBodyBytes >> 10) KiB") }
        self.id = id
        self.title = title
        self.category = category
        self.keywords = keywords
        self.language = language.isEmpty ? "en" : language
        self.body = body
    }

    private static func isIDCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "_" || scalar == "-" || scalar == "."
    }
}

/// An article that cannot be stored, and why (for the caller: INVALID_ARGUMENT).
struct ArticleError: Error, Sendable, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension StringProtocol {
    /// Without leading and trailing whitespace and newlines.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
