/// Entities written as words: HTTP reason phrases, quoted error messages, day words ("by
/// tomorrow", "today"), and durations spelled out ("within two hours").
enum PhraseEntities {
    static func find(_ text: NormalizedText, _ context: TextContext) -> [NumberEntities.Found] {
        var found = [NumberEntities.Found]()
        let words = context.words
        let tokens = text.tokens
        for (index, token) in tokens.enumerated() {
            for (parts, code) in words.httpReasons[token.text] ?? [] {
                guard index + parts.count <= tokens.count,
                      tokens[index..<(index + parts.count)].map(\.text) == parts else { continue }
                found.append(.init(kind: .httpStatus, start: token.start, end: tokens[index + parts.count - 1].end, normalized: code))
            }
            if let day = words.dayWords[token.text] {
                let before = context.wordsBefore(token.start, count: 2)
                let toDate = index + 1 < tokens.count && words.toDateFollowers.contains(tokens[index + 1].text)
                let isDeadline = before.contains(where: words.deadline.contains) && !toDate || day == "today" && token.text == "eod"
                    || day == "tomorrow" && Self.clockTimeFollows(tokens, after: index)
                found.append(.init(kind: isDeadline ? .deadline : .date, start: token.start, end: token.end,
                                   normalized: isDeadline ? "before:\(day)" : day))
            }
            if let count = words.numberWords[token.text], index + 1 < tokens.count,
               let unit = words.durationUnits[tokens[index + 1].text], NumberEntities.hasWithin(before: token.start, context) {
                let start = index > 0 ? tokens[index - 1].start : token.start
                let value = unit == "D" ? "P\(count)D" : "PT\(count)\(unit)"
                found.append(.init(kind: .deadline, start: start, end: tokens[index + 1].end, normalized: value))
            }
        }
        let s = text.folded
        var unspacedError = false
        var i = 0
        while i < s.count {
            guard Script(s[i]).isUnspaced else { i += 1; continue }
            if !unspacedError, !words.unspaced(at: i, in: s, role: "error").isEmpty { unspacedError = true }
            guard let keyword = words.unspaced(at: i, in: s, role: "day").first else { i += 1; continue }
            let end = i + keyword.scalars.count
            let deadline = context.unspacedAfter(end, role: "deadline", slack: 2) != nil
            found.append(.init(kind: deadline ? .deadline : .date, start: i, end: end,
                               normalized: deadline ? "before:\(keyword.value)" : keyword.value))
            i = end
        }
        if unspacedError || tokens.contains(where: { words.error.contains($0.text) }) {
            found.append(contentsOf: quotedErrors(text))
        }
        return found
    }

    /// "tomorrow at 9", "mañana a las 9", "domani alle 9", "demain à 9h", "morgen um 9 Uhr": tomorrow
    /// with a time of day is an appointment the customer has to meet. (Today or a weekday with a time
    /// is as often when something happened: "heute Nacht um 03:12 kam eine Mail".)
    static func clockTimeFollows(_ tokens: [Token], after index: Int) -> Bool {
        let following = tokens[(index + 1)..<min(index + 4, tokens.count)]
        for (offset, token) in following.enumerated() {
            guard let first = token.text.unicodeScalars.first, ("0"..."9").contains(first) else { continue }
            let digits = token.text.prefix { $0.isNumber }
            guard digits.count <= 2, let hour = Int(digits), hour <= 24 else { return false }
            let suffix = token.text.dropFirst(digits.count)
            if ["am", "pm", "h", "uhr"].contains(String(suffix)) { return true }
            let previous = following.prefix(offset).map(\.text)
            return previous.contains { clockPrepositions.contains($0) }
        }
        return false
    }
    private static let clockPrepositions: Set<String> = ["at", "las", "alle", "a", "um", "as", "by", "before"]

    private static let quotePairs: [Unicode.Scalar: Unicode.Scalar] = ["\"": "\"", "«": "»", "「": "」", "『": "』", "“": "”", "'": "'"]

    /// Quoted text in a message that speaks of an error: the error message as the customer saw it.
    private static func quotedErrors(_ text: NormalizedText) -> [NumberEntities.Found] {
        var found = [NumberEntities.Found]()
        let s = text.folded
        var i = 0
        while i < s.count {
            guard let close = quotePairs[s[i]] else { i += 1; continue }
            if s[i] == "'" && i > 0 && s[i - 1].properties.isAlphabetic { i += 1; continue }
            var j = i + 1
            while j < s.count && s[j] != close && s[j] != "\n" && j - i <= 160 { j += 1 }
            if j < s.count && s[j] == close && j - i - 1 >= 4 {
                let inner = text.text(i + 1, j)
                found.append(.init(kind: .errorMessage, start: i, end: j + 1, normalized: inner))
                i = j + 1
            } else {
                i += 1
            }
        }
        return found
    }
}
