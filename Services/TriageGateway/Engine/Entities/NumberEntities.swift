import Foundation

/// What a number means from the words around it: an amount, an HTTP status, a seat count, a
/// deadline ("in 2 hours", "before the 31st") or a date.
enum NumberEntities {
    struct Found { var kind: EntityKind; var start: Int; var end: Int; var normalized: String }

    static func classify(_ number: NumberRun, _ text: NormalizedText, _ context: TextContext) -> Found? {
        let s = text.folded
        let words = context.words
        if let date = isoOrSlashedDate(number, s) {
            let isDeadline = context.wordsBefore(number.start, count: 2).contains(where: words.deadline.contains)
            return Found(kind: isDeadline ? .deadline : .date, start: number.start, end: date.end,
                         normalized: isDeadline ? "before:\(date.normalized)" : date.normalized)
        }
        if let time = timeOfDay(number, s, context) { return time }
        // A suffix glued to the number: 2h, 30min, 31st, 49eur.
        if number.end < s.count, s[number.end].properties.isAlphabetic, !Script(s[number.end]).isUnspaced {
            guard let token = context.tokenStarting(near: number.start, slack: 0) ?? context.token(containing: number.end) else { return nil }
            let suffix = String(token.text.drop(while: { $0.isNumber || $0 == "." || $0 == "," }))
            if let unit = words.durationUnits[suffix], hasWithin(before: number.start, context) {
                return Found(kind: .deadline, start: startOfWithin(number.start, context), end: token.end,
                             normalized: duration(number.value, unit))
            }
            if let currency = words.currencyWords[suffix] {
                return Found(kind: .amount, start: number.start, end: token.end, normalized: amount(number.value, currency))
            }
            if ["st", "nd", "rd", "th", "er", "eme"].contains(suffix), number.value >= 1, number.value <= 31 {
                let before = context.wordsBefore(number.start, count: 2)
                let isDeadline = before.contains(where: words.deadline.contains)
                return Found(kind: isDeadline ? .deadline : .date, start: number.start, end: token.end,
                             normalized: isDeadline ? "before:day-\(Int(number.value))" : "day-\(Int(number.value))")
            }
            return nil
        }
        if number.start > 0, s[number.start - 1].properties.isAlphabetic, !Script(s[number.start - 1]).isUnspaced { return nil }
        if let currency = currencyBefore(number.start, s, context) {
            return Found(kind: .amount, start: currency.start, end: number.end, normalized: amount(number.value, currency.code))
        }
        let after = context.wordsAfter(number.end, count: 2)
        if let currency = currencySymbolAfter(number.end, s) {
            return Found(kind: .amount, start: number.start, end: currency.end, normalized: amount(number.value, currency.code))
        }
        if let next = after.first, let code = words.currencyWords[next], let token = context.tokenStarting(near: number.end) {
            return Found(kind: .amount, start: number.start, end: token.end, normalized: amount(number.value, code))
        }
        if let unspaced = context.unspacedAfter(number.end, role: "currency") {
            return Found(kind: .amount, start: number.start, end: unspaced.end, normalized: amount(number.value, unspaced.value))
        }
        if let unitWord = after.first, let unit = words.durationUnits[unitWord], let token = context.tokenStarting(near: number.end),
           hasWithin(before: number.start, context) {
            return Found(kind: .deadline, start: startOfWithin(number.start, context), end: token.end, normalized: duration(number.value, unit))
        }
        if let unit = context.unspacedAfter(number.end, role: "unit") {
            var suffix = context.unspacedAfter(unit.end, role: "within_suffix", slack: 0)
            // "開始して約40分後にエラーになりました": a time after which something already happened is elapsed
            // time, not a deadline ("2時間後に会議があります" still is one).
            if let after = suffix, isLater(s[unit.end..<after.end]), toldInThePast(from: after.end, s) { suffix = nil }
            if suffix != nil || hasWithin(before: number.start, context) {
                return Found(kind: .deadline, start: startOfWithin(number.start, context), end: suffix?.end ?? unit.end,
                             normalized: duration(number.value, unit.value))
            }
        }
        if number.isInteger, after.prefix(2).contains(where: words.seat.contains) || context.unspacedAfter(number.end, role: "seat") != nil {
            let end = context.unspacedAfter(number.end, role: "seat")?.end ?? context.tokenStarting(near: number.end)?.end ?? number.end
            return Found(kind: .seatCount, start: number.start, end: end, normalized: NumberParsing.format(number.value))
        }
        if number.isInteger, number.digits == 3, (400...599).contains(Int(number.value)) {
            let before = context.wordsBefore(number.start, count: 2)
            let errorContext = before.contains(where: words.error.contains) || after.first.map(words.error.contains) == true
                || context.unspacedBefore(number.start, role: "error") != nil || context.unspacedAfter(number.end, role: "error") != nil
                || after.first == "s" || startsReason(after, words)
            if errorContext { return Found(kind: .httpStatus, start: number.start, end: number.end, normalized: NumberParsing.format(number.value)) }
        }
        if number.isInteger, number.value >= 1, number.value <= 31 {
            let before = context.wordsBefore(number.start, count: 3)
            if let month = after.first.flatMap({ words.monthWords[$0] }) ?? before.first.flatMap({ words.monthWords[$0] }) {
                let isDeadline = before.contains(where: words.deadline.contains)
                let normalized = String(format: "--%02d-%02d", month, Int(number.value))
                return Found(kind: isDeadline ? .deadline : .date, start: number.start, end: number.end,
                             normalized: isDeadline ? "before:\(normalized)" : normalized)
            }
            if before.prefix(2).contains(where: words.deadline.contains) && !(after.first.map { words.durationUnits[$0] != nil } ?? false) {
                return Found(kind: .deadline, start: number.start, end: number.end, normalized: "before:day-\(Int(number.value))")
            }
        }
        return nil
    }

    /// 後 / 后: "N minutes later" (not 以内, "within").
    private static func isLater(_ suffix: ArraySlice<Unicode.Scalar>) -> Bool {
        suffix.contains("後") || suffix.contains("后")
    }

    /// The sentence from `position` on ends in the Japanese past (…ました, …でした, …た。).
    static func toldInThePast(from position: Int, _ s: [Unicode.Scalar]) -> Bool {
        var end = position
        while end < s.count, !sentenceEnds.contains(s[end]) { end += 1 }
        let sentence = String(String.UnicodeScalarView(s[position..<end]))
        return sentence.hasSuffix("た") || sentence.hasSuffix("たよ") || sentence.hasSuffix("たんです") || sentence.contains("ました")
            || sentence.contains("でした")
    }

    private static let sentenceEnds: Set<Unicode.Scalar> = ["。", "！", "？", "!", "?", "\n", "．"]

    /// "before 5pm", "avant 17h", "bis 17 Uhr", "antes de las 6", "by 14:30", "17時まで", "下午5点前":
    /// a clock time after a deadline word (or before an unspaced one) is a deadline today; so is a
    /// marked one followed by today or an obligation ("à 17h aujourd'hui", "at 3 pm we have to", "下午4点要").
    private static func timeOfDay(_ number: NumberRun, _ s: [Unicode.Scalar], _ context: TextContext) -> Found? {
        guard number.isInteger, number.value <= 24 else { return nil }
        let words = context.words
        var hour = Int(number.value)
        var end = number.end
        var minutes = 0
        var marked = false
        if end + 2 < s.count, s[end] == ":", NumberParsing.isDigit(s[end + 1]), NumberParsing.isDigit(s[end + 2]) {
            minutes = Int(String(String.UnicodeScalarView(s[(end + 1)...(end + 2)]))) ?? 0
            end += 3
            marked = true
        }
        if let token = context.token(containing: end), token.start == number.start || token.start == end {
            let suffix = String(token.text.drop(while: { $0.isNumber }))
            if ["am", "pm", "h", "uhr"].contains(suffix) {
                if suffix == "pm" && hour < 12 { hour += 12 }
                end = token.end
                marked = true
            }
        } else if let next = context.tokenStarting(near: end, slack: 1), ["am", "pm", "uhr", "h"].contains(next.text) {
            if next.text == "pm" && hour < 12 { hour += 12 }
            end = next.end
            marked = true
        } else if let unit = context.unspacedAfter(end, role: "clock", slack: 1) {
            if hour < 12, context.unspacedBefore(number.start, role: "afternoon", slack: 1) != nil
                || context.unspacedAfter(unit.end, role: "afternoon", slack: 0) != nil { hour += 12 }
            end = unit.end
            marked = true
        }
        let before = context.wordsBefore(number.start, count: 3)
        // When the trouble started, not a time to meet: "since 10:15 today", "depuis 9h", "seit 14 Uhr".
        if before.contains(where: Self.sinceWords.contains) { return nil }
        // Not a deadline word that is also a number word: Italian "due chiamate alle 06:12" is two calls;
        // nor one that is the end of another word: 午前 ("a.m.": 午前8時半ごろより, since 8:30 this morning)
        // ends in 前 ("before").
        let deadlineBefore = before.contains { words.deadline.contains($0) && words.numberWords[$0] == nil }
            || context.unspacedBefore(number.start, role: "deadline").map { found in
                context.unspacedBefore(number.start, role: "not_deadline").map { $0.start > found.start } ?? true
            } ?? false
        // When something happened: a time logged to the minute ("Heute um 06:52 kam eine Mail", "oggi alle
        // 11:42", "hoje às 04:12 recebi"), unless a deadline word comes before it ("by 16:50", "entro le 11:40").
        if minutes % 15 != 0, !deadlineBefore { return nil }
        let deadlineAfter = context.unspacedAfter(end, role: "deadline", slack: 1)
        let obligationAfter = marked && (context.wordsAfter(end, count: 2).contains(where: words.deadlineAfterTime.contains)
            || context.unspacedAfter(end, role: "obligation", slack: 1) != nil)
        guard deadlineBefore || deadlineAfter != nil || obligationAfter,
              marked || before.contains(where: { ["las", "the", "le", "les", "um", "alle", "as"].contains($0) }) else {
            return nil
        }
        if let deadlineAfter { end = deadlineAfter.end }
        var start = number.start
        if let word = context.lastToken(endingBy: number.start), words.deadline.contains(word.text), number.start - word.end <= 8 { start = word.start }
        return Found(kind: .deadline, start: start, end: end, normalized: String(format: "before:%02d:%02d", hour % 24, minutes))
    }

    /// Words before a clock time that make it the start of something: "since 10:15", "seit 14 Uhr".
    static let sinceWords: Set<String> = ["since", "seit", "sinds", "depuis", "desde", "dalle"]

    /// Whether a clock time logged to the minute off the quarter hours ("06:52", "11:42") starts within a
    /// few scalars after `position`: the time something happened.
    static func loggedTimeFollows(_ s: [Unicode.Scalar], after position: Int) -> Bool {
        var index = position
        while index < min(s.count, position + 4), !NumberParsing.isDigit(s[index]) { index += 1 }
        var digits = 0
        while index < s.count, NumberParsing.isDigit(s[index]) { index += 1; digits += 1 }
        guard (1...2).contains(digits), index + 2 < s.count, s[index] == ":", NumberParsing.isDigit(s[index + 1]),
              NumberParsing.isDigit(s[index + 2]), let minutes = Int(String(String.UnicodeScalarView(s[(index + 1)...(index + 2)]))) else { return false }
        return minutes % 15 != 0
    }

    static func hasWithin(before position: Int, _ context: TextContext) -> Bool {
        let before = context.wordsBefore(position, count: 2)
        return before.contains(where: context.words.within.contains) || context.unspacedBefore(position, role: "within") != nil
    }

    private static func startOfWithin(_ position: Int, _ context: TextContext) -> Int {
        if let unspaced = context.unspacedBefore(position, role: "within") { return unspaced.start }
        var t = context.lastToken(endingBy: position)
        var steps = 0
        while let token = t, position - token.end <= 12, steps < 3 {
            if context.words.within.contains(token.text) { return token.start }
            t = context.lastToken(endingBy: token.start)
            steps += 1
        }
        return position
    }

    private static func startsReason(_ after: [String], _ words: EntityWords) -> Bool {
        let joined = after.joined(separator: " ")
        return words.vocabulary.http_reasons.keys.contains { $0.hasPrefix(joined) || joined.hasPrefix($0) } && !after.isEmpty
    }

    private static func currencyBefore(_ position: Int, _ s: [Unicode.Scalar], _ context: TextContext) -> (start: Int, code: String)? {
        var p = position
        if p > 0 && s[p - 1] == " " { p -= 1 }
        for (scalars, code) in context.words.currencySymbols {
            let from = p - scalars.count
            if from >= 0 && s[from..<p].elementsEqual(scalars) { return (from, code) }
        }
        if let word = context.wordsBefore(position, count: 1).first, let code = context.words.currencyWords[word], word.count == 3,
           let token = context.lastToken(endingBy: position), position - token.end <= 1 {
            return (token.start, code)
        }
        return nil
    }

    private static func currencySymbolAfter(_ position: Int, _ s: [Unicode.Scalar]) -> (end: Int, code: String)? {
        var p = position
        if p < s.count && s[p] == " " { p += 1 }
        guard p < s.count else { return nil }
        switch s[p] {
        case "€": return (p + 1, "EUR")
        case "$": return (p + 1, "USD")
        case "£": return (p + 1, "GBP")
        case "¥", "円": return (p + 1, "JPY")
        case "元": return (p + 1, "CNY")
        case "฿": return (p + 1, "THB")
        default: return nil
        }
    }

    private static func isoOrSlashedDate(_ number: NumberRun, _ s: [Unicode.Scalar]) -> (end: Int, normalized: String)? {
        var parts = [String]()
        var current = ""
        var i = number.start
        var separators = Set<Unicode.Scalar>()
        while i < s.count && (NumberParsing.isDigit(s[i]) || ((s[i] == "-" || s[i] == "/") && !current.isEmpty)) {
            if NumberParsing.isDigit(s[i]) { current.unicodeScalars.append(s[i]) } else { parts.append(current); current = ""; separators.insert(s[i]) }
            i += 1
        }
        if !current.isEmpty { parts.append(current) }
        guard parts.count >= 2, separators.count == 1, parts.count <= 3 else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == parts.count else { return nil }
        if parts[0].count == 4, parts.count == 3, (1...12).contains(numbers[1]), (1...31).contains(numbers[2]) {
            return (i, String(format: "%04d-%02d-%02d", numbers[0], numbers[1], numbers[2]))
        }
        if separators.first == "/", parts.allSatisfy({ $0.count <= 2 || $0.count == 4 }), (1...31).contains(numbers[0]), (1...31).contains(numbers[1]) {
            return (i, parts.joined(separator: "/"))
        }
        return nil
    }

    private static func amount(_ value: Double, _ currency: String) -> String {
        String(format: "%.2f", value) + " " + currency
    }

    private static func duration(_ value: Double, _ unit: String) -> String {
        let amount = NumberParsing.format(value)
        return unit == "D" ? "P\(amount)D" : "PT\(amount)\(unit)"
    }
}
