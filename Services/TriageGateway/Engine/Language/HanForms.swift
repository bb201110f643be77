/// What tells a text written in Han characters alone (no kana) as Japanese, where the script says
/// Chinese: character forms only Japanese writes (shinjitai and kokuji: 対, 気, 払, 込) and kanji-only
/// words Japanese writes and Chinese does not (至急, 不具合), unless the text also holds a form only
/// Chinese writes (们, 吗, 這, 說). From the `c` and `k` rows of `language/profiles.tsv`, built by
/// `Tools/build_language_profiles.py` from the Japanese and Chinese word-frequency lists.
struct HanForms: Sendable {
    var japaneseCharacters: Set<Unicode.Scalar> = []
    var chineseCharacters: Set<Unicode.Scalar> = []
    var japaneseWords: [[Unicode.Scalar]] = []

    /// At most this many forms are named in the signals.
    static let shownForms = 3

    mutating func add(language: String, kind: Substring, item: String) {
        let scalars = Array(item.unicodeScalars)
        switch (language, kind) {
        case ("ja", "c"): japaneseCharacters.formUnion(scalars)
        case ("zh", "c"): chineseCharacters.formUnion(scalars)
        case ("ja", "k"): japaneseWords.append(scalars)
        default: break
        }
    }

    /// The Japanese-only forms the texts hold, or nil when they hold none, or any Chinese-only form.
    func japaneseForms(in texts: [[Unicode.Scalar]]) -> [String]? {
        var found = [String]()
        for scalars in texts {
            if scalars.contains(where: chineseCharacters.contains) { return nil }
            for word in japaneseWords where contains(scalars, word) { found.append(String(String.UnicodeScalarView(word))) }
            for scalar in scalars where japaneseCharacters.contains(scalar) { found.append(String(scalar)) }
        }
        return found.isEmpty ? nil : found
    }

    private func contains(_ scalars: [Unicode.Scalar], _ word: [Unicode.Scalar]) -> Bool {
        guard let first = word.first, scalars.count >= word.count else { return false }
        for start in 0...(scalars.count - word.count) where scalars[start] == first {
            if scalars[start..<(start + word.count)].elementsEqual(word) { return true }
        }
        return false
    }
}
