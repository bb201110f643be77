import TriageContracts
import TriageJSON

/// Checks and normalises what callers send; every failure is INVALID_ARGUMENT with the reason.
enum KnowledgeRequestValidation {
    static let maximumQueryCharacters = 8_000
    static let maximumSearchLimit = 50
    static let maximumCategories = 32
    static let maximumEmbedTexts = 256
    static let maximumEmbedCharacters = 20_000
    static let maximumListLimit = 1_000

    static func search(_ request: KnowledgeSearchRequest) throws(KnowledgeError) -> KnowledgeSearch.Request {
        let query = request.query.trimmingSpaces
        guard !query.isEmpty else { throw .invalidArgument("query is empty") }
        guard query.count <= maximumQueryCharacters else { throw .invalidArgument("query is over \(maximumQueryCharacters) characters") }
        guard request.limit <= maximumSearchLimit else { throw .invalidArgument("limit is at most \(maximumSearchLimit)") }
        guard request.minScore.isFinite, (0...1).contains(request.minScore) else { throw .invalidArgument("min_score must be between 0 and 1") }
        return KnowledgeSearch.Request(query: query, categories: try categories(request.categories), limit: request.limit == 0 ? 5 : Int(request.limit),
                                       minimumScore: Double(request.minScore), language: try language(request.language), expanded: request.expanded)
    }

    static func categories(_ values: [String]) throws(KnowledgeError) -> [String] {
        guard values.count <= maximumCategories else { throw .invalidArgument("at most \(maximumCategories) categories") }
        var result: [String] = []
        for value in values {
            let category = value.trimmingSpaces.lowercased()
            guard !category.isEmpty, category.count <= 64 else { throw .invalidArgument("a category must be 1-64 characters") }
            if !result.contains(category) { result.append(category) }
        }
        return result
    }

    /// An ISO 639-1 hint (`pt-BR` → `pt`); empty = detect.
    static func language(_ value: String) throws(KnowledgeError) -> String {
        let code = value.trimmingSpaces.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        guard code.isEmpty || ((2...3).contains(code.count) && code.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) })) else {
            throw .invalidArgument("language must be an ISO 639-1 code such as en or pt-BR")
        }
        return code
    }

    static func embed(_ request: KnowledgeEmbedRequest) throws(KnowledgeError) -> [String] {
        guard !request.texts.isEmpty else { throw .invalidArgument("texts is empty") }
        guard request.texts.count <= maximumEmbedTexts else { throw .invalidArgument("at most \(maximumEmbedTexts) texts per call") }
        guard request.texts.allSatisfy({ $0.count <= maximumEmbedCharacters }) else {
            throw .invalidArgument("a text is over \(maximumEmbedCharacters) characters")
        }
        return request.texts
    }

    static func article(_ request: UpsertArticleRequest) throws(KnowledgeError) -> Article {
        do throws(ArticleError) {
            if !request.markdown.isEmpty { return try ArticleParser.parse(request.markdown) }
            guard let article = request.article else { throw ArticleError("markdown or article is required") }
            return try Article(id: article.id, title: article.title, category: article.category, keywords: article.keywords,
                               language: article.language, body: article.body)
        } catch {
            throw .invalidArgument(error.description)
        }
    }

    static func articleID(_ value: String) throws(KnowledgeError) -> String {
        let id = value.trimmingSpaces
        guard !id.isEmpty, id.utf8.count <= 128,
              id.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic && $0.isASCII || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0) }) else {
            throw .invalidArgument("id must be 1-128 letters, digits, '_', '-' or '.'")
        }
        return id
    }

    static func listLimit(_ value: UInt32) throws(KnowledgeError) -> Int {
        guard value <= maximumListLimit else { throw .invalidArgument("limit is at most \(maximumListLimit)") }
        return value == 0 ? 100 : Int(value)
    }

    /// A page token is the point id Qdrant's scroll returned as `next_page_offset`.
    static func pageToken(_ value: String) throws(KnowledgeError) -> JSON? {
        guard !value.isEmpty else { return nil }
        if let number = Int(value), number >= 0 { return .int(number) }
        guard value.count <= 64, value.unicodeScalars.allSatisfy({ $0.properties.isASCIIHexDigit || $0 == "-" }) else {
            throw .invalidArgument("page_token is not one this service returned")
        }
        return .string(value)
    }
}
