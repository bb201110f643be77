/// Finds order and invoice numbers, amounts, emails, error codes, HTTP statuses, quoted error
/// messages, seat counts, dates and deadlines, and product features in a message.
struct EntityExtractor: Sendable {
    let words: EntityWords
    /// Product features from `Resources/features.tsv`, one lexicon entry per alias.
    let features: PatternMatcher
    let featureNames: [String]
    /// At most this many entities per message (a pasted log must not flood the answer).
    static let maximumEntities = 50

    func extract(_ text: NormalizedText, messageIndex: Int) -> [Entity] {
        let context = TextContext(text, words: words)
        var found = [Entity]()
        var covered = [Range<Int>]()
        func add(_ kind: EntityKind, _ start: Int, _ end: Int, _ normalized: String) {
            let range = start..<end
            guard found.count < Self.maximumEntities, !range.isEmpty, !covered.contains(where: { $0.overlaps(range) }) else { return }
            covered.append(range)
            found.append(Entity(kind: kind, text: text.text(start, end), normalized: normalized, start: start, end: end,
                                messageIndex: messageIndex))
        }
        for (start, end) in emails(text.folded) {
            add(.email, start, end, String(String.UnicodeScalarView(text.folded[start..<end])))
        }
        for code in codes(text.folded) where !covered.contains(where: { $0.overlaps(code.start..<code.end) }) {
            if let (kind, normalized) = classify(code, text, context) { add(kind, code.start, code.end, normalized) }
        }
        for number in NumberParsing.runs(in: text.folded) where !covered.contains(where: { $0.contains(number.start) }) {
            if let entity = NumberEntities.classify(number, text, context) { add(entity.kind, entity.start, entity.end, entity.normalized) }
        }
        for entity in PhraseEntities.find(text, context) { add(entity.kind, entity.start, entity.end, entity.normalized) }
        for hit in features.hits(in: text) where !hit.negated {
            add(.productFeature, hit.start, hit.end, featureNames[hit.entry])
        }
        return found.sorted { $0.start != $1.start ? $0.start < $1.start : $0.kind.rawValue < $1.kind.rawValue }
    }

    private func emails(_ s: [Unicode.Scalar]) -> [(Int, Int)] {
        var result = [(Int, Int)]()
        for at in s.indices where s[at] == "@" {
            var start = at
            while start > 0, isEmailLocal(s[start - 1]) { start -= 1 }
            var end = at + 1
            while end < s.count, isASCIIAlnum(s[end]) || s[end] == "-" || (s[end] == "." && end + 1 < s.count && isASCIIAlnum(s[end + 1])) {
                end += 1
            }
            let domain = s[(at + 1)..<end]
            guard start < at, let dot = domain.lastIndex(of: "."), end - dot - 1 >= 2 else { continue }
            result.append((start, end))
        }
        return result
    }

    private struct Code { var start: Int; var end: Int; var scalars: [Unicode.Scalar] }

    /// ASCII runs of letters, digits, `-`, `_`, `#` that hold a digit or an underscore.
    private func codes(_ s: [Unicode.Scalar]) -> [Code] {
        var result = [Code]()
        var i = 0
        while i < s.count {
            guard isASCIIAlnum(s[i]) || s[i] == "#" else { i += 1; continue }
            var end = i
            while end < s.count, isASCIIAlnum(s[end]) || s[end] == "_" || s[end] == "#"
                    || ((s[end] == "-" || s[end] == "/" || s[end] == ".") && end + 1 < s.count && isASCIIAlnum(s[end + 1])) {
                end += 1
            }
            var hasDigit = false, hasLetter = false, hasUnderscore = false
            for scalar in s[i..<end] {
                if NumberParsing.isDigit(scalar) { hasDigit = true } else if scalar == "_" { hasUnderscore = true } else if scalar.value >= 0x41 { hasLetter = true }
            }
            if (hasDigit && (hasLetter || s[i] == "#" || end - i >= 5)) || hasUnderscore {
                result.append(Code(start: i, end: end, scalars: Array(s[i..<end])))
            }
            i = end
        }
        return result
    }

    private func classify(_ code: Code, _ text: NormalizedText, _ context: TextContext) -> (EntityKind, String)? {
        let raw = String(String.UnicodeScalarView(code.scalars))
        let letters = String(raw.prefix { $0.isLetter })
        let digits = raw.filter(\.isNumber)
        let before = context.wordsBefore(code.start, count: 3)
        let keywordInvoice = before.contains(where: words.invoice.contains) || context.unspacedBefore(code.start, role: "invoice") != nil
        let keywordOrder = before.contains(where: words.order.contains) || context.unspacedBefore(code.start, role: "order") != nil
        let upper = text.text(code.start, code.end).uppercased()
        if raw.hasPrefix("0x") && raw.count >= 6 { return (.errorCode, upper) }
        if !letters.isEmpty && words.vocabulary.invoice_prefixes.contains(letters) && digits.count >= 3 { return (.invoiceNumber, upper) }
        if !letters.isEmpty && words.vocabulary.order_prefixes.contains(letters) && digits.count >= 3 { return (.orderNumber, upper) }
        if digits.count >= 3 && keywordInvoice { return (.invoiceNumber, upper.trimmingPrefix("#")) }
        if digits.count >= 3 && keywordOrder { return (.orderNumber, upper.trimmingPrefix("#")) }
        let original = text.text(code.start, code.end)
        let isShouty = original.contains("_") && original == original.uppercased() && letters.count >= 2
        let errorNearby = before.contains(where: words.error.contains) || context.unspacedBefore(code.start, role: "error") != nil
        if isShouty || (errorNearby && !letters.isEmpty && !digits.isEmpty) { return (.errorCode, upper) }
        return nil
    }

    private func isASCIIAlnum(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value >= 0x30 && scalar.value <= 0x39) || (scalar.value >= 0x61 && scalar.value <= 0x7A) || (scalar.value >= 0x41 && scalar.value <= 0x5A)
    }

    private func isEmailLocal(_ scalar: Unicode.Scalar) -> Bool {
        isASCIIAlnum(scalar) || scalar == "." || scalar == "_" || scalar == "%" || scalar == "+" || scalar == "-"
    }
}

extension String {
    func trimmingPrefix(_ prefix: String) -> String { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self }
}
