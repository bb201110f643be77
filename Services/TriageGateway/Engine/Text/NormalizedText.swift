/// A word of a spaced script, folded (lowercase, no diacritics).
struct Token: Sendable, Hashable {
    var text: String
    /// Scalar offsets [start, end) in the message.
    var start: Int
    var end: Int
    /// Index of the sentence the token is in (sentences end at . ! ? ; and newlines).
    var sentence: Int
    /// Index of the clause (sentences split further at commas and colons), the scope of a negation.
    var clause: Int = 0
}

/// One message prepared for matching: its scalars, their folded forms, and its tokens.
struct NormalizedText: Sendable {
    let original: [Unicode.Scalar]
    let folded: [Unicode.Scalar]
    let tokens: [Token]
    /// Number of scalars of each script among letters.
    let scriptCounts: [Script: Int]
    /// The folded scalars with Cantonese folded to Standard Chinese and Japanese verb endings reduced
    /// (``ReducedText``), when any were: the lexicon matches that form too, so one phrase covers
    /// 消えた, 消えてます and 消えちゃった, or 用不了 and 用唔到.
    let reduced: ReducedText?

    init(_ text: String) {
        let original = Array(text.unicodeScalars)
        var folded = [Unicode.Scalar]()
        folded.reserveCapacity(original.count)
        for scalar in original { folded.append(ScalarFolding.fold(scalar)) }
        var tokens = [Token]()
        var counts = [Script: Int]()
        var sentence = 0
        var clause = 0
        var index = 0
        var current = String.UnicodeScalarView()
        var tokenStart = -1
        func flush(at end: Int) {
            if tokenStart >= 0, !current.isEmpty {
                tokens.append(Token(text: String(current), start: tokenStart, end: end, sentence: sentence, clause: clause))
            }
            current = String.UnicodeScalarView()
            tokenStart = -1
        }
        while index < folded.count {
            let scalar = folded[index]
            if scalar.isWordScalar {
                let script = Script(scalar)
                if script != .other { counts[script, default: 0] += 1 }
                if script.isUnspaced {
                    flush(at: index)
                } else {
                    if tokenStart < 0 { tokenStart = index }
                    if scalar == "ß" {
                        current.append("s")
                        current.append("s")
                    } else if scalar.value < 0x300 || scalar.properties.generalCategory != .nonspacingMark {
                        current.append(scalar)
                    }
                }
            } else {
                flush(at: index)
                switch scalar {
                case ".", "!", "?", ";", "\n", "。", "！", "？", "\u{0964}":
                    sentence += 1
                    clause += 1
                // A dash between words ("sem aviso – devolução do valor") starts a new clause as a comma
                // does: a negation before it does not reach the demand after it.
                case ",", ":", "、", "，", "：", "\u{2013}", "\u{2014}": clause += 1
                default: break
                }
            }
            index += 1
        }
        flush(at: index)
        self.original = original
        self.folded = folded
        self.tokens = tokens
        self.scriptCounts = counts
        self.reduced = counts[.kana] == nil && counts[.han] == nil ? nil : ReducedText(folded)
    }

    /// The original text of a scalar range.
    func text(_ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: original[max(0, start)..<min(end, original.count)])
        return String(view)
    }

    /// Whether the sentence that goes on from `position` ends with a question mark (the first sentence
    /// end after it is ? or ？; a message that just stops does not ask).
    func asks(after position: Int) -> Bool {
        var i = max(0, position)
        while i < original.count {
            switch original[i] {
            // The Arabic question mark asks too; the Devanagari danda ends a sentence.
            case "?", "？", "\u{061F}": return true
            case ".", "!", ";", "\n", "。", "！", "；", "\u{0964}": return false
            default: i += 1
            }
        }
        return false
    }

    /// Whether two positions are in the same sentence (no . ! ? ; newline, 。！？ or danda between them).
    func sameSentence(_ a: Int, _ b: Int) -> Bool {
        let range = max(0, min(a, b))..<min(max(a, b), original.count)
        return !original[range].contains { ".!?;\n。！？；\u{0964}".unicodeScalars.contains($0) }
    }

    /// Whether the text holds at least one letter (digits and symbols alone do not count).
    var hasWordContent: Bool { !scriptCounts.isEmpty }
}
