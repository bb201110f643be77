import TriageCore
import TriageEngine

/// A query as it is searched: the customer's words, the language, and English terms added for it.
struct ExpandedQuery: Sendable, Hashable {
    var original: String
    /// ISO 639-1: the caller's hint, else what the triage engine detected.
    var language: String
    /// English lexicon terms for what the engine recognised ("" when none were added).
    var terms: String

    var text: String { terms.isEmpty ? original : original + " " + terms }
}

/// Cross-lingual query expansion and language detection, from the triage engine (the same
/// multilingual lexicons the gateway's engine uses, so both stay in step).
///
/// The engine appends English terms for the issue and topics it recognised when the text is not
/// English (or very short); the embedding model only reads English, so for other languages those
/// terms carry most of the meaning. The engine's analysis is CPU work, so it runs on a thread of
/// its own rather than on the RPC event loop.
struct QueryExpander: Sendable {
    let engine: TriageEngine
    let threads: BlockingThreadPool

    /// Queries this long (in characters) and hinted English are searched as they are.
    static let shortQuery = 20

    func expand(_ query: String, hint: String, alreadyExpanded: Bool) async throws -> ExpandedQuery {
        if hint == "en" && (alreadyExpanded || query.unicodeScalars.count >= Self.shortQuery) {
            return ExpandedQuery(original: query, language: "en", terms: "")
        }
        // The caller (the gateway's engine) already read the language and added the terms.
        if alreadyExpanded && !hint.isEmpty { return ExpandedQuery(original: query, language: hint, terms: "") }
        let engine = self.engine
        let analysis = try await threads.run {
            engine.analyze(TicketText(messages: [ConversationMessage(role: .customer, content: query)])).knowledgeQuery
        }
        let language = hint.isEmpty ? analysis.language : hint
        guard !alreadyExpanded else { return ExpandedQuery(original: query, language: language, terms: "") }
        // The engine's query is the text (cut after a few hundred characters) followed by the terms it added.
        let text = Array(analysis.text), original = Array(query)
        var common = 0
        while common < min(text.count, original.count), text[common] == original[common] { common += 1 }
        let terms = common == original.count || common >= 200 ? String(text[common...]).trimmingSpaces : ""
        return ExpandedQuery(original: query, language: language, terms: terms)
    }
}
