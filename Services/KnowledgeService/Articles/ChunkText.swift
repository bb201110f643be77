import Embedding
import TriageJSON

/// What is embedded and what is indexed for BM25 for each chunk, and the article's content hash.
///
/// Every chunk carries its article's title and section heading, so that a passage of steps is
/// still about its topic; the keywords (the article author's own search terms) are added too.
enum ChunkText {
    /// Bumped whenever the recipe changes, so that a re-ingest re-embeds everything.
    static let version = "text-v1"

    /// The text the embedding model sees.
    static func dense(_ article: Article, _ chunk: ArticleChunk) -> String {
        var parts = [article.title]
        if !chunk.heading.isEmpty { parts.append(chunk.heading) }
        if !article.keywords.isEmpty { parts.append(article.keywords.joined(separator: ", ")) }
        parts.append(chunk.plainText)
        return parts.joined(separator: ". ")
    }

    /// The text Qdrant tokenizes for the chunk's BM25 vector.
    static func lexical(_ article: Article, _ chunk: ArticleChunk) -> String {
        ([article.title, chunk.heading] + article.keywords + [chunk.plainText]).filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// sha256 (hex) over the article as stored and the recipes that turn it into points.
    static func contentHash(_ article: Article) -> String {
        SHA256.hex(of: Array("\(Chunker.version)\n\(version)\n\(ArticleParser.render(article))".utf8))
    }
}

/// Qdrant's BM25 tokenizer settings for a language: its stemmer and stop words where Qdrant has
/// them, the multilingual (word-segmenting) tokenizer for Chinese, Japanese, Korean and Thai.
/// Documents and queries of one language use the same options, so their token ids match.
enum BM25Language {
    private static let snowball: [String: String] = [
        "en": "english", "es": "spanish", "fr": "french", "de": "german", "pt": "portuguese", "it": "italian", "nl": "dutch",
        "ru": "russian", "sv": "swedish", "da": "danish", "fi": "finnish", "no": "norwegian", "ro": "romanian", "hu": "hungarian",
        "tr": "turkish", "ar": "arabic", "el": "greek",
    ]
    private static let segmented: [String: String?] = ["zh": "chinese", "ja": "japanese", "ko": nil, "th": nil]

    /// The Document `options` for `language` (ISO 639-1), or nil for Qdrant's defaults (English).
    static func options(_ language: String) -> JSON? {
        if let name = snowball[language] { return ["language": .string(name)] }
        if let stopwords = segmented[language] {
            return stopwords.map { ["language": .string($0), "tokenizer": "multilingual"] } ?? ["tokenizer": "multilingual"]
        }
        return nil
    }

    /// Whether a query in `language` can match documents of that language on their own words.
    static func hasOwnTokenizer(_ language: String) -> Bool { language != "en" && options(language) != nil }

    /// A `qdrant/bm25` Document (server-side BM25, Qdrant ≥ 1.15.2; `options` need ≥ 1.16).
    static func document(_ text: String, language: String, perLanguage: Bool) -> JSON {
        var members: JSONObject = ["text": .string(text), "model": "qdrant/bm25"]
        if perLanguage, let options = options(language) { members["options"] = options }
        return .object(members)
    }
}
