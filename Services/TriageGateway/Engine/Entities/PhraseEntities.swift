/// Entities written as words: HTTP reason phrases, quoted error messages, day words ("by
/// tomorrow", "today"), and durations spelled out ("within two hours").
enum PhraseEntities {
    static func find(_ text: NormalizedText, _ context: TextContext) -> [NumberEntities.Found] {
        var found = [NumberEntities.Found]()
        let words = context.words
        let tokens = text.tokens
        for (index, token) in tokens.enumerated() {
            for (reason, code) in words.vocabulary.http_reasons {
                let parts = reason.split(separator: " ").map(String.init)
                guard parts.first == token.text, index + parts.count <= tokens.count,
                      tokens[index..<(index + parts.count)].map(\.text) == parts else { continue }
                found.append(.init(kind: .httpStatus, start: token.start, end: tokens[index + parts.count - 1].end, normalized: code))
            }
            if let day = words.dayWords[token.text] {
                let before = context.wordsBefore(token.start, count: 2)
                let isDeadline = before.contains(where: words.deadline.contains) || day == "today" && token.text == "eod"
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
        for keyword in words.unspaced where keyword.role == "day" {
            var i = 0
            let s = text.folded
            while i + keyword.scalars.count <= s.count {
                if s[i..<(i + keyword.scalars.count)].elementsEqual(keyword.scalars) {
                    let end = i + keyword.scalars.count
                    let deadline = context.unspacedAfter(end, role: "deadline", slack: 2) != nil
                    found.append(.init(kind: deadline ? .deadline : .date, start: i, end: end,
                                       normalized: deadline ? "before:\(keyword.value)" : keyword.value))
                    i = end
                } else {
                    i += 1
                }
            }
        }
        found.append(contentsOf: quotedErrors(text, context))
        return found
    }

    private static let quotePairs: [Unicode.Scalar: Unicode.Scalar] = ["\"": "\"", "«": "»", "「": "」", "『": "』", "“": "”", "'": "'"]

    private static func quotedErrors(_ text: NormalizedText, _ context: TextContext) -> [NumberEntities.Found] {
        let hasErrorWord = text.tokens.contains { context.words.error.contains($0.text) }
            || context.words.unspaced.contains { keyword in
                keyword.role == "error" && text.folded.indices.contains { i in
                    i + keyword.scalars.count <= text.folded.count && text.folded[i..<(i + keyword.scalars.count)].elementsEqual(keyword.scalars)
                }
            }
        guard hasErrorWord else { return [] }
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
