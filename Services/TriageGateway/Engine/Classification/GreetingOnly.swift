/// A ticket that says nothing but hello ("Salve", "Allô ??", "Hallöchen?").
///
/// Too short for the language profiles (English's prior wins on one word), and too short for the
/// learned model, whose n-grams of one word say little: the greeting itself names the language,
/// and the greeting-only policy answers it.
struct GreetingOnly: Sendable {
    /// The language of the greeting words, when they all belong to one lexicon.
    let language: String?
    let words: [String]

    /// Longest greeting-only ticket, in words ("good morning team").
    static let maximumWords = 3

    /// Whether every word of the customer's messages lies inside a greeting cue; nil otherwise.
    init?(texts: [NormalizedText], hits: [[LexiconHit]], lexicon: Lexicon) {
        let tokenCount = texts.reduce(0) { $0 + $1.tokens.count }
        guard tokenCount > 0, tokenCount <= Self.maximumWords,
              !texts.contains(where: { !$0.scriptCounts.filter({ $0.key.isUnspaced }).isEmpty }) else { return nil }
        var languages = Set<String>()
        var words = [String]()
        for (text, textHits) in zip(texts, hits) {
            let greetings = textHits.filter { hit in
                let entry = lexicon.entries[hit.entry]
                return entry.kind == .cue && entry.label == "greeting" && !hit.negated
            }
            for token in text.tokens {
                guard let hit = greetings.first(where: { $0.start <= token.start && token.end <= $0.end }) else { return nil }
                languages.insert(lexicon.entries[hit.entry].language)
                words.append(text.text(token.start, token.end))
            }
        }
        self.language = languages.count == 1 ? languages.first : nil
        self.words = words
    }
}
