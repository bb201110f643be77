/// Looks at the words around a span of a message: the tokens before and after it, and the
/// unspaced-script keywords written right next to it.
struct TextContext {
    let text: NormalizedText
    let words: EntityWords
    /// For each scalar, the index of the token containing it, or of the last token before it.
    private let tokenAt: [Int]

    init(_ text: NormalizedText, words: EntityWords) {
        self.text = text
        self.words = words
        var tokenAt = [Int](repeating: -1, count: text.folded.count + 1)
        var t = -1
        var next = 0
        for i in 0...text.folded.count {
            while next < text.tokens.count && text.tokens[next].start <= i { t = next; next += 1 }
            tokenAt[i] = t
        }
        self.tokenAt = tokenAt
    }

    /// Folded words before `position`, nearest first, at most `count`, within the same sentence.
    func wordsBefore(_ position: Int, count: Int = 3) -> [String] {
        guard position > 0 else { return [] }
        var t = tokenAt[position - 1]
        while t >= 0 && text.tokens[t].end > position { t -= 1 }
        var result = [String]()
        let sentence = t >= 0 ? text.tokens[t].sentence : 0
        while t >= 0 && result.count < count && text.tokens[t].sentence == sentence {
            result.append(text.tokens[t].text)
            t -= 1
        }
        return result
    }

    /// Folded words from `position` on, nearest first, at most `count`.
    func wordsAfter(_ position: Int, count: Int = 3) -> [String] {
        var t = firstToken(atOrAfter: position)
        var result = [String]()
        while t < text.tokens.count && result.count < count {
            result.append(text.tokens[t].text)
            t += 1
        }
        return result
    }

    /// Index of the first token starting at or after `position`.
    func firstToken(atOrAfter position: Int) -> Int {
        guard position < tokenAt.count else { return text.tokens.count }
        var t = max(tokenAt[position], 0)
        while t < text.tokens.count && text.tokens[t].start < position { t += 1 }
        return t
    }

    /// The token containing `position`, if any.
    func token(containing position: Int) -> Token? {
        guard position >= 0, position < tokenAt.count, tokenAt[position] >= 0 else { return nil }
        let token = text.tokens[tokenAt[position]]
        return token.start <= position && position < token.end ? token : nil
    }

    /// The last token ending at or before `position`.
    func lastToken(endingBy position: Int) -> Token? {
        guard position > 0 else { return nil }
        var t = tokenAt[min(position - 1, tokenAt.count - 1)]
        while t >= 0 && text.tokens[t].end > position { t -= 1 }
        return t >= 0 ? text.tokens[t] : nil
    }

    /// The first token starting at or after `position`, if it starts within `slack` scalars.
    func tokenStarting(near position: Int, slack: Int = 2) -> Token? {
        let t = firstToken(atOrAfter: position)
        guard t < text.tokens.count, text.tokens[t].start - position <= slack else { return nil }
        return text.tokens[t]
    }

    /// An unspaced keyword of `role` ending within `slack` scalars before `position`.
    func unspacedBefore(_ position: Int, role: String, slack: Int = 3) -> (value: String, start: Int)? {
        let scalars = text.folded
        for keyword in words.unspaced where keyword.role == role {
            let length = keyword.scalars.count
            for gap in 0...slack {
                let from = position - gap - length
                guard from >= 0 else { break }
                if scalars[from..<(from + length)].elementsEqual(keyword.scalars) { return (keyword.value, from) }
                if gap < slack, !isSkippable(scalars[position - gap - 1]) { break }
            }
        }
        return nil
    }

    /// An unspaced keyword of `role` starting within `slack` scalars after `position`; returns its end.
    func unspacedAfter(_ position: Int, role: String, slack: Int = 1) -> (value: String, end: Int)? {
        let scalars = text.folded
        for keyword in words.unspaced where keyword.role == role {
            let length = keyword.scalars.count
            for gap in 0...slack {
                let from = position + gap
                guard from + length <= scalars.count else { break }
                if scalars[from..<(from + length)].elementsEqual(keyword.scalars) { return (keyword.value, from + length) }
                if from < scalars.count, !isSkippable(scalars[from]) { break }
            }
        }
        return nil
    }

    private func isSkippable(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == ":" || scalar == "#" || scalar == "：" || scalar == "号" || scalar == "番" || scalar == "号"
    }
}
