import Foundation

/// Picks the sentence of an article snippet a reply quotes: the first instruction ("Go to …",
/// "Click …", a numbered step), else the first sentence.
enum KeyStep {
    static let instructionStarts = ["go to", "open", "click", "select", "choose", "navigate", "enter", "use", "press", "visit",
                                    "sign in", "log in", "contact", "request", "add", "remove", "update", "change", "download",
                                    "export", "set", "turn on", "enable", "disable", "check", "reset", "clear", "connect", "create"]

    static func from(_ snippet: String, limit: Int = 220) -> String? {
        var first: String?
        var current = String.UnicodeScalarView()
        // Ends the current sentence; returns it when it is an instruction.
        func finish(_ terminator: Unicode.Scalar?) -> String? {
            if let terminator { current.append(terminator) }
            let trimmed = String(current).trimmedOfSpaces
            current = String.UnicodeScalarView()
            guard trimmed.unicodeScalars.count > 3 else { return nil }
            let sentence = strip(trimmed)
            guard !sentence.isEmpty else { return nil }
            if isStep(sentence) { return sentence }
            if first == nil, !sentence.hasPrefix("#"), !sentence.hasPrefix("---"), !sentence.contains(": ") { first = sentence }
            return nil
        }
        for scalar in snippet.unicodeScalars.prefix(4_000) {
            switch scalar {
            case "\n":
                if let step = finish(nil) { return clip(step, limit) }
            case ".", "!", "?":
                if let step = finish(scalar) { return clip(step, limit) }
            default:
                current.append(scalar)
            }
        }
        if let step = finish(nil) { return clip(step, limit) }
        return first.map { clip($0, limit) }
    }

    private static func clip(_ step: String, _ limit: Int) -> String {
        step.count > limit ? String(step.prefix(limit - 1)) + "…" : step
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
