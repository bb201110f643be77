import Foundation

/// Urgency, action and routing, as tables read from `Resources/policy/`.
struct Policies: Sendable {
    struct RoutingTable: Sendable, Decodable {
        var queues: [String: String]
        var sla_minutes: [String: [String: Int]]
    }

    let urgency: PolicyTable<Urgency>
    /// Adjustment rows: every matching row moves urgency by its steps, in order.
    let adjustments: PolicyTable<Int>
    let action: PolicyTable<RecommendedAction>
    let routing: RoutingTable

    static let routingFile = "policy/routing.json"

    init(resources: ResourceDirectory, taxonomy: Taxonomy) throws {
        urgency = try PolicyTable(file: "policy/urgency.tsv", text: try resources.text("policy/urgency.tsv"), taxonomy: taxonomy) {
            Urgency(rawValue: $0)
        }
        adjustments = try PolicyTable(file: "policy/urgency-adjustments.tsv", text: try resources.text("policy/urgency-adjustments.tsv"),
                                      taxonomy: taxonomy) { Int($0.replacingOccurrences(of: "+", with: "")) }
        action = try PolicyTable(file: "policy/action.tsv", text: try resources.text("policy/action.tsv"), taxonomy: taxonomy) {
            RecommendedAction(rawValue: $0)
        }
        routing = try resources.json(RoutingTable.self, Self.routingFile)
        for key in ["billing", "technical", "general", "escalations"] where routing.queues[key] == nil {
            throw EngineDataError.malformed(file: Self.routingFile, line: 0, reason: "queues.\(key) is missing")
        }
        for plan in ["free", "pro", "enterprise"] {
            for level in Urgency.allCases where routing.sla_minutes[plan]?[level.rawValue] == nil {
                throw EngineDataError.malformed(file: Self.routingFile, line: 0, reason: "sla_minutes.\(plan).\(level.rawValue) is missing")
            }
        }
        for row in urgency.rows.suffix(1) where !row.conditions.isEmpty {
            throw EngineDataError.malformed(file: "policy/urgency.tsv", line: 0, reason: "the last row must be the default '*'")
        }
        for row in action.rows.suffix(1) where !row.conditions.isEmpty {
            throw EngineDataError.malformed(file: "policy/action.tsv", line: 0, reason: "the last row must be the default '*'")
        }
    }

    struct UrgencyOutcome: Sendable {
        var value: Urgency
        var rule: String
        var why: [String]
    }

    func decideUrgency(_ facts: PolicyFacts) -> UrgencyOutcome {
        guard let base = urgency.first(facts) else { return UrgencyOutcome(value: .medium, rule: "urgency.default", why: []) }
        var value = base.outcome
        var rules = ["urgency.\(base.id)"]
        var why = [base.why]
        var current = facts
        for row in adjustments.rows {
            current.urgency = value
            guard row.holds(current) else { continue }
            let moved = value.moved(by: row.outcome)
            guard moved != value else { continue }
            value = moved
            rules.append("adjust.\(row.id)")
            why.append("\(row.why) (\(row.outcome > 0 ? "+" : "")\(row.outcome))")
        }
        return UrgencyOutcome(value: value, rule: rules.joined(separator: " + "), why: why)
    }

    func decideAction(_ facts: PolicyFacts) -> (value: RecommendedAction, rule: String, why: String) {
        guard let row = action.first(facts) else { return (.routeSpecialist, "action.default", "no row matched") }
        return (row.outcome, "action.\(row.id)", row.why)
    }

    func route(action: RecommendedAction, type: TicketType, plan: String, urgency: Urgency) -> Routing {
        let key = action == .escalateHuman ? "escalations" : type.rawValue
        let minutes = routing.sla_minutes[plan]?[urgency.rawValue] ?? routing.sla_minutes["pro"]?[urgency.rawValue] ?? 240
        return Routing(queue: routing.queues[key] ?? key, slaFirstResponseMinutes: minutes)
    }
}
