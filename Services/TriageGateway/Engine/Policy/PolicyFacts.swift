import Foundation

/// The facts policy rows are tested against.
struct PolicyFacts: Sendable {
    var issue: IssueType
    var ticketType: TicketType
    var sentiment: Sentiment
    /// `free`, `pro` or `enterprise`.
    var plan: String
    var seats: Int
    var previousTickets: Int
    var cues: Set<String>
    var entityKinds: Set<String>
    /// `hit`, `none` or `unavailable`.
    var knowledge: String
    /// The urgency decided so far (for adjustment and action rows).
    var urgency: Urgency?
    var language: String
}

/// One test of a policy row: `key=a,b`, `key!=a,b`, `seats>=50`.
struct PolicyCondition: Sendable, Hashable, CustomStringConvertible {
    enum Test: Sendable, Hashable {
        case anyOf(Set<String>)
        case noneOf(Set<String>)
        case atLeast(Int)
        case below(Int)
    }

    static let keys: Set<String> = ["issue", "type", "sentiment", "plan", "seats", "previous_tickets", "cue", "entity",
                                    "knowledge", "urgency", "language"]
    var key: String
    var test: Test
    let description: String

    init(_ text: String, validate: (String, String) -> Bool) throws(PolicyParseError) {
        description = text
        let operators = [">=", "!=", "<", "="]
        guard let op = operators.first(where: { text.contains($0) }), let range = text.range(of: op) else {
            throw PolicyParseError("'\(text)' needs one of = != >= <")
        }
        key = String(text[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
        let value = String(text[range.upperBound...]).trimmingCharacters(in: .whitespaces)
        guard Self.keys.contains(key) else { throw PolicyParseError("unknown key '\(key)' in '\(text)'") }
        if op == ">=" || op == "<" {
            guard let number = Int(value), key == "seats" || key == "previous_tickets" else {
                throw PolicyParseError("'\(text)': >= and < take a number and apply to seats or previous_tickets")
            }
            test = op == ">=" ? .atLeast(number) : .below(number)
            return
        }
        let values = Set(value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        for item in values where !validate(key, item) { throw PolicyParseError("unknown \(key) '\(item)' in '\(text)'") }
        test = op == "=" ? .anyOf(values) : .noneOf(values)
    }

    func holds(_ facts: PolicyFacts) -> Bool {
        switch test {
        case .atLeast(let n): return number(facts) >= n
        case .below(let n): return number(facts) < n
        case .anyOf(let values): return !values.isDisjoint(with: strings(facts))
        case .noneOf(let values): return values.isDisjoint(with: strings(facts))
        }
    }

    private func number(_ facts: PolicyFacts) -> Int { key == "seats" ? facts.seats : facts.previousTickets }

    private func strings(_ facts: PolicyFacts) -> Set<String> {
        switch key {
        case "issue": [facts.issue.rawValue]
        case "type": [facts.ticketType.rawValue]
        case "sentiment": [facts.sentiment.rawValue]
        case "plan": [facts.plan]
        case "cue": facts.cues
        case "entity": facts.entityKinds
        case "knowledge": [facts.knowledge]
        case "urgency": facts.urgency.map { [$0.rawValue] } ?? []
        case "language": [facts.language]
        default: []
        }
    }
}

struct PolicyParseError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
