import Foundation

/// A number as written in a message, with its span.
struct NumberRun {
    var start: Int
    var end: Int
    var value: Double
    /// True when written without separators (a plain integer).
    var isInteger: Bool
    var digits: Int
}

enum NumberParsing {
    /// Every run of digits with `.`/`,` separators, not glued to letters (codes are handled apart).
    static func runs(in scalars: [Unicode.Scalar]) -> [NumberRun] {
        var runs = [NumberRun]()
        var i = 0
        while i < scalars.count {
            guard isDigit(scalars[i]) else { i += 1; continue }
            let start = i
            var end = i
            while end < scalars.count, isDigit(scalars[end])
                    || ((scalars[end] == "." || scalars[end] == ",") && end + 1 < scalars.count && isDigit(scalars[end + 1])) {
                end += 1
            }
            i = end
            if let parsed = parse(scalars[start..<end]) {
                runs.append(NumberRun(start: start, end: end, value: parsed.value, isInteger: parsed.isInteger,
                                      digits: scalars[start..<end].filter(isDigit).count))
            }
        }
        return runs
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x30 && scalar.value <= 0x39 }

    static func parse(_ scalars: ArraySlice<Unicode.Scalar>) -> (value: Double, isInteger: Bool)? {
        let text = String(String.UnicodeScalarView(scalars))
        let lastDot = text.lastIndex(of: ".")
        let lastComma = text.lastIndex(of: ",")
        var decimalSeparator: Character?
        if let dot = lastDot, let comma = lastComma {
            decimalSeparator = dot > comma ? "." : ","
        } else if let separator = lastDot ?? lastComma {
            let after = text[text.index(after: separator)...].count
            let groups = text.split(separator: text[separator])
            let looksGrouped = after == 3 && groups.count >= 2 && groups.first!.count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 }
            decimalSeparator = looksGrouped ? nil : text[separator]
        }
        var normalized = ""
        for character in text {
            if character == decimalSeparator { normalized.append(".") } else if character.isNumber { normalized.append(character) }
        }
        guard let value = Double(normalized) else { return nil }
        return (value, decimalSeparator == nil)
    }

    /// `49.99`, `1200`, `0.5`: shortest form.
    static func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
