import Foundation

/// Detects the language of a text: the dominant script first; among Latin-script languages, a naive
/// Bayes score over known words and character trigrams.
struct LanguageDetector: Sendable {
    struct Result: Sendable {
        var language: String
        var confidence: Double
        var signals: [String]
        var rule: String
    }

    /// Enough words to tell languages apart; more only cost time.
    static let maximumTokens = 80
    /// log10 bonus for English over the whole text.
    static let englishPrior = 1.0
    /// The language a script other than Latin, Han and kana stands for.
    static let scriptLanguages: [Script: String] = [.thai: "th", .hangul: "ko", .cyrillic: "ru", .arabic: "ar", .devanagari: "hi",
                                                    .greek: "el", .hebrew: "he"]
    /// A spaced non-Latin script with at least this share of the letters (and this many) next to Latin words
    /// is the language the customer writes in, the Latin words being borrowed product terms.
    static let mixedScriptShare = 0.35
    static let mixedScriptLetters = 20
    /// Distinct romanised-Hindi grammar words (`language/romanised-hindi.txt`) needed: one could be a
    /// name or a borrowed word.
    static let romanHindiMinimum = 4

    let profiles: LanguageProfiles
    /// Technical and product words customers write in English whatever their language.
    let neutralTerms: Set<String>
    /// Grammar words of romanised Hindi that none of the profiled Latin-script languages writes.
    let romanisedHindi: Set<String>

    /// The language of several texts read together (the customer's messages).
    func detect(_ texts: [NormalizedText]) -> Result {
        var counts = [Script: Int]()
        var latinTokens = [String]()
        for text in texts {
            for (script, count) in text.scriptCounts where script != .latin { counts[script, default: 0] += count }
            for token in text.tokens where token.end - token.start <= 30 && latinTokens.count < Self.maximumTokens {
                let lowered = lowercased(text, token)
                guard lowered.unicodeScalars.contains(where: { Script($0) == .latin }) else { continue }
                latinTokens.append(lowered)
            }
        }
        let contentTokens = latinTokens.filter { !neutralTerms.contains(foldedKey($0)) }
        let latinLetters = contentTokens.reduce(0) { $0 + $1.unicodeScalars.count }
        var weighted: [(Script, Int)] = counts.map { script, count in
            (script, script.isUnspaced ? count * 3 : count)
        }
        weighted.append((.latin, latinLetters))
        weighted.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.rawValue < $1.0.rawValue }
        guard let (top, topCount) = weighted.first, topCount > 0 else {
            if !latinTokens.isEmpty {
                return Result(language: "en", confidence: 0.6, signals: ["only product terms: \(latinTokens.prefix(3).joined(separator: " "))"],
                              rule: "language.product_terms_only")
            }
            return Result(language: "en", confidence: 0.2, signals: ["no letters"], rule: "language.empty_default")
        }
        let total = weighted.reduce(0) { $0 + $1.1 }
        let share = Double(topCount) / Double(max(total, 1))
        let scriptSignal = "script \(top.rawValue) (\(Int((share * 100).rounded()))% of letters)"
        // Code-switching: "हमारे पास 60 seats हैं, लेकिन invoice में 85 seats का charge लगा है". English product
        // words fill half the letters, but the sentences around them are written in another script; an
        // English text does not carry a third of its letters in Devanagari, Cyrillic or Arabic. The
        // language is the one whose script builds the sentences (policy: "ISO 639-1 of the customer's text").
        if top == .latin, let (other, otherCount) = weighted.first(where: { $0.0 != .latin && !$0.0.isUnspaced && $0.0 != .other }),
           otherCount >= Self.mixedScriptLetters, Double(otherCount) / Double(max(total, 1)) >= Self.mixedScriptShare,
           let language = Self.scriptLanguages[other] {
            let mixed = "script \(other.rawValue) (\(Int((Double(otherCount) / Double(max(total, 1)) * 100).rounded()))% of letters) next to English words"
            return Result(language: language, confidence: 0.6, signals: [mixed], rule: "language.mixed_script_\(other.rawValue)")
        }
        switch top {
        case .latin:
            // Romanised Hindi ("login nahi ho pa raha", "do baar kar diya"): no Latin profile knows it, and its
            // words score as Indonesian or English. Several of its grammar words, which no profiled language
            // uses, name it.
            let markers = Set(contentTokens.filter { romanisedHindi.contains($0) })
            if markers.count >= Self.romanHindiMinimum {
                return Result(language: "hi", confidence: 0.6,
                              signals: [scriptSignal, "romanised Hindi words: \(markers.sorted().prefix(5).joined(separator: ", "))"],
                              rule: "language.romanised_hindi")
            }
            return scoreLatin(contentTokens, scriptShare: share, scriptSignal: scriptSignal)
        case .kana:
            return Result(language: "ja", confidence: 0.9 * share + 0.1, signals: [scriptSignal], rule: "language.script_kana")
        case .han:
            if (counts[.kana] ?? 0) > 0 {
                return Result(language: "ja", confidence: 0.9 * share + 0.1, signals: [scriptSignal, "kana present"],
                              rule: "language.script_han_with_kana")
            }
            // A bare 至急 ("urgent") or 障害発生: Japanese written without kana, in forms Chinese does not write.
            if let forms = profiles.han.japaneseForms(in: texts.map(\.original)) {
                let shown = forms.prefix(HanForms.shownForms).joined(separator: ", ")
                return Result(language: "ja", confidence: 0.6 * share + 0.1, signals: [scriptSignal, "no kana", "Japanese-only forms: \(shown)"],
                              rule: "language.han_japanese_forms")
            }
            return Result(language: "zh", confidence: 0.85 * share + 0.1, signals: [scriptSignal, "no kana"], rule: "language.script_han")
        default:
            let language = Self.scriptLanguages[top] ?? "en"
            return Result(language: language, confidence: 0.9 * share + 0.1, signals: [scriptSignal], rule: "language.script_\(top.rawValue)")
        }
    }

    private func scoreLatin(_ tokens: [String], scriptShare: Double, scriptSignal: String) -> Result {
        let n = profiles.languages.count
        var scores = [Double](repeating: 0, count: n)
        var used = 0
        for token in tokens where token.unicodeScalars.contains(where: { $0.value < 0x80 ? $0.value >= 0x41 : $0.properties.isAlphabetic }) {
            used += 1
            let word = profiles.words[token]
            for lang in 0..<n {
                scores[lang] += Double(word?[lang] ?? profiles.wordFloor[lang])
            }
            let padded = Array((" " + token + " ").unicodeScalars)
            guard padded.count >= 3 else { continue }
            for start in 0...(padded.count - 3) {
                let gram = profiles.trigrams[LanguageProfiles.key(padded[start], padded[start + 1], padded[start + 2])]
                for lang in 0..<n {
                    scores[lang] += 0.6 * Double(gram?[lang] ?? profiles.trigramFloor[lang])
                }
            }
        }
        // A small prior for English, the product's own language: one ambiguous word ("Invoices?") stays English.
        if let english = profiles.languages.firstIndex(of: "en") { scores[english] += Self.englishPrior }
        guard used > 0, let best = scores.indices.max(by: { scores[$0] < scores[$1] }) else {
            return Result(language: "en", confidence: 0.5, signals: [scriptSignal, "no scorable words"], rule: "language.latin_default")
        }
        let top = scores[best]
        let denominator = scores.reduce(0.0) { $0 + Foundation.exp(($1 - top) * 1.2) }
        var confidence = 1.0 / denominator
        if used < 3 { confidence *= 0.85 }
        confidence = confidence * (0.6 + 0.4 * scriptShare)
        let ranked = scores.indices.sorted { scores[$0] > scores[$1] }
        let runnerUp = ranked.count > 1 ? ranked[1] : best
        let margin = (scores[best] - scores[runnerUp]) / Double(used)
        let signals = [scriptSignal,
                       "word+trigram profile: \(profiles.languages[best]) ahead of \(profiles.languages[runnerUp]) by \(String(format: "%.2f", margin))/word over \(used) words"]
        return Result(language: profiles.languages[best], confidence: confidence, signals: signals, rule: "language.latin_profile")
    }

    private func lowercased(_ text: NormalizedText, _ token: Token) -> String {
        var view = String.UnicodeScalarView()
        for scalar in text.original[token.start..<token.end] where scalar.value < 0x300 || scalar.properties.generalCategory != .nonspacingMark {
            view.append(ScalarFolding.lower(scalar))
        }
        return String(view)
    }

    private func foldedKey(_ token: String) -> String {
        var view = String.UnicodeScalarView()
        for scalar in token.unicodeScalars { view.append(ScalarFolding.fold(scalar)) }
        return String(view)
    }
}
