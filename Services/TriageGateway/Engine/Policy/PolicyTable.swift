/// A readable policy table: rows of `id<TAB>conditions<TAB>outcome<TAB>why`, tested top to bottom;
/// the first row whose conditions all hold decides. `*` holds always.
struct PolicyTable<Outcome: Sendable>: Sendable {
    struct Row: Sendable {
        var id: String
        var conditions: [PolicyCondition]
        var outcome: Outcome
        var why: String

        func holds(_ facts: PolicyFacts) -> Bool { conditions.allSatisfy { $0.holds(facts) } }
    }

    let file: String
    let rows: [Row]

    init(file: String, text: String, taxonomy: Taxonomy, outcome parse: (String) -> Outcome?) throws {
        var rows = [Row]()
        var lineNumber = 0
        var ids = Set<String>()
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func fail(_ reason: String) -> EngineDataError { .malformed(file: file, line: lineNumber, reason: reason) }
            guard fields.count == 4 else { throw fail("expected id<TAB>conditions<TAB>outcome<TAB>why, found \(fields.count) fields") }
            guard ids.insert(fields[0]).inserted else { throw fail("duplicate row id '\(fields[0])'") }
            guard let outcome = parse(fields[2]) else { throw fail("unknown outcome '\(fields[2])'") }
            var conditions = [PolicyCondition]()
            if fields[1] != "*" {
                for part in fields[1].split(separator: "&") {
                    do {
                        conditions.append(try PolicyCondition(String(part), validate: { Self.valid($0, $1, taxonomy) }))
                    } catch {
                        throw fail(error.message)
                    }
                }
            }
            rows.append(Row(id: fields[0], conditions: conditions, outcome: outcome, why: fields[3]))
        }
        guard !rows.isEmpty else { throw EngineDataError.malformed(file: file, line: 0, reason: "no rows") }
        self.file = file
        self.rows = rows
    }

    func first(_ facts: PolicyFacts) -> Row? { rows.first { $0.holds(facts) } }

    func all(_ facts: PolicyFacts) -> [Row] { rows.filter { $0.holds(facts) } }

    private static func valid(_ key: String, _ value: String, _ taxonomy: Taxonomy) -> Bool {
        switch key {
        case "issue": IssueType(rawValue: value) != nil
        case "type": TicketType(rawValue: value) != nil
        case "sentiment": Sentiment(rawValue: value) != nil
        case "plan": ["free", "pro", "enterprise"].contains(value)
        case "cue": taxonomy.cues[value] != nil
        case "entity": EntityKind(rawValue: value) != nil
        case "knowledge": ["hit", "none", "unavailable"].contains(value)
        case "urgency": Urgency(rawValue: value) != nil
        case "language": value.count == 2
        default: false
        }
    }
}
