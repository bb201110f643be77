import Foundation

/// Picks the sentence of an article snippet a reply quotes: the first instruction ("Go to …",
/// "Click …", a numbered step), else the first sentence.
enum KeyStep {
    static let instructionStarts = ["go to", "open", "click", "select", "choose", "navigate", "enter", "use", "press", "visit",
                                    "sign in", "log in", "contact", "request", "add", "remove", "update", "change", "download",
                                    "export", "set", "turn on", "enable", "disable", "check", "reset", "clear", "connect", "create"]

    static func from(_ snippet: String, limit: Int = 220) -> String? {
        var sentences = [String]()
        var current = ""
        for character in snippet {
            if character == "\n" || character == "." || character == "!" || character == "?" {
                if character != "\n" { current.append(character) }
                let trimmed = current.trimmedOfSpaces
                if trimmed.count > 3 { sentences.append(trimmed) }
                current = ""
            } else {
                current.append(character)
            }
        }
        let tail = current.trimmedOfSpaces
        if tail.count > 3 { sentences.append(tail) }
        let cleaned = sentences.map(strip).filter { !$0.isEmpty && !$0.hasPrefix("#") && !$0.hasPrefix("---") && !$0.contains(": ") || isStep($0) }
        let pick = cleaned.first(where: isStep) ?? cleaned.first
        guard var step = pick else { return nil }
        if step.count > limit { step = String(step.prefix(limit - 1)) + "…" }
        return step
    }

    private static func strip(_ sentence: String) -> String {
        var s = Substring(sentence)
        while let first = s.first, first == "-" || first == "*" || first == " " || first.isNumber || first == ")" {
            s = s.dropFirst()
            if first.isNumber, s.first == "." { s = s.dropFirst() }
        }
        return String(s).removingBold.trimmedOfSpaces
    }

    private static func isStep(_ sentence: String) -> Bool {
        let lowered = sentence.lowercased()
        return lowered.contains(" > ") || instructionStarts.contains { lowered.hasPrefix($0 + " ") }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmedOfSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension String {
    /// Markdown bold markers removed.
    var removingBold: String { contains("**") ? split(separator: "*", omittingEmptySubsequences: true).joined() : self }
}
