/// One line of a lexicon file: a pattern that, when found, adds `weight` to `label` of `kind`.
struct LexiconEntry: Sendable, Hashable {
    enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Evidence for an issue type directly.
        case issue
        /// What the customer wants or reports (failure, question, request, …); combined with a topic.
        case intent
        /// What the ticket is about (login, export, invoice, …); combined with an intent.
        case topic
        /// Evidence for a sentiment.
        case sentiment
        /// A fact that feeds urgency or action (blocked, deadline, repeated, not_urgent, …).
        case cue
        /// In a ticket in the file's language, a phrase of that language inside which another
        /// language's patterns do not count (French *prise en charge* is not an English `charge`),
        /// nor its own shorter ones (Thai แผนก "department" is not แผน "plan"). Label `word`; the
        /// weight is unused.
        case mask
    }

    var kind: Kind
    var label: String
    var weight: Double
    /// The pattern as written in the file.
    var pattern: String
    /// A negator just before (or, in unspaced scripts, just after) cancels the match.
    var negatable: Bool
    /// The file's language.
    var language: String
    /// Counts only in a sentence that asks (ends with a question mark): a word that is also a
    /// conjunction (Italian *perché*: "why" and "because") reads as a question only there. Marked `ask`.
    var asking: Bool = false
}

/// A compiled pattern: a sequence of folded words (each exact or a prefix) with optional gaps, or,
/// for scripts without spaces, a sequence of scalars with optional gaps.
enum CompiledPattern: Sendable, Hashable {
    enum Element: Sendable, Hashable {
        case word(String, prefix: Bool)
        /// A word containing this (German compounds: `*rechnung*` matches `Kundenrechnung`).
        case infix(String)
        /// Up to this many words (or scalars) in between.
        case gap(Int)
    }

    enum Piece: Sendable, Hashable {
        case scalars([Unicode.Scalar])
        case gap(Int)
    }

    case words([Element])
    case substring([Piece])

    /// Wildcards: `word*` matches any word starting with `word`; `*part*` (a single word) matches any
    /// word containing `part`; `~` allows up to 3 words (4 scalars in CJK, 8 in Thai) in between.
    init?(_ pattern: String) {
        let folded = String(String.UnicodeScalarView(pattern.unicodeScalars.map(ScalarFolding.fold)))
        if folded.unicodeScalars.contains(where: { Script($0).isUnspaced }) {
            var pieces = [Piece]()
            var current = [Unicode.Scalar]()
            // Thai words are long in scalars (vowels and tone marks are scalars of their own).
            let gap = folded.unicodeScalars.contains { Script($0) == .thai } ? 8 : 4
            for scalar in folded.unicodeScalars {
                if scalar == "~" {
                    if !current.isEmpty { pieces.append(.scalars(current)) }
                    current = []
                    pieces.append(.gap(gap))
                } else if scalar != " " {
                    current.append(scalar)
                }
            }
            if !current.isEmpty { pieces.append(.scalars(current)) }
            guard case .scalars = pieces.first, case .scalars = pieces.last else { return nil }
            self = .substring(pieces)
            return
        }
        var elements = [Element]()
        if folded.hasPrefix("*"), folded.hasSuffix("*"), !folded.contains(" ") {
            let stem = NormalizedText(String(folded.dropFirst().dropLast())).tokens.map(\.text)
            guard stem.count == 1, let word = stem.first, word.count >= 4 else { return nil }
            self = .words([.infix(word)])
            return
        }
        for part in folded.split(separator: " ") {
            if part == "~" {
                elements.append(.gap(3))
                continue
            }
            let isPrefix = part.hasSuffix("*")
            let body = isPrefix ? String(part.dropLast()) : String(part)
            let words = NormalizedText(body).tokens.map(\.text)
            guard !words.isEmpty else { return nil }
            for (index, word) in words.enumerated() {
                elements.append(.word(word, prefix: isPrefix && index == words.count - 1))
            }
        }
        guard case .word = elements.first, case .word = elements.last else { return nil }
        self = .words(elements)
    }
}
