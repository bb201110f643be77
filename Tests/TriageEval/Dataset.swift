import Foundation
import TriageEngine

/// One labelled ticket of `Tests/Fixtures/tickets/*.jsonl`.
struct LabelledTicket: Decodable {
    struct Message: Decodable { var role: String; var content: String }
    struct Customer: Decodable {
        var plan: String
        var tenure_months: Int?
        var seats: Int?
        var region: String?
        var previous_tickets: Int?
    }
    struct Metadata: Decodable { var subject: String? }

    var id: String
    var messages: [Message]
    var customer_info: Customer?
    var metadata: Metadata?
    var labels: [String: String]
    var why: String?
    var tags: [String]?

    var ticket: TicketText {
        TicketText(messages: messages.map { ConversationMessage(role: $0.role == "agent" ? .agent : .customer, content: $0.content) },
                   subject: metadata?.subject)
    }

    var customer: CustomerContext? {
        customer_info.map {
            CustomerContext(plan: $0.plan, tenureMonths: $0.tenure_months, seats: $0.seats, region: $0.region,
                            previousTickets: $0.previous_tickets)
        }
    }

    static func load(_ path: String) throws -> [LabelledTicket] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var tickets = [LabelledTicket]()
        for (number, line) in text.split(separator: "\n").enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            do {
                tickets.append(try JSONDecoder().decode(LabelledTicket.self, from: Data(line.utf8)))
            } catch {
                throw EvalError("\(path):\(number + 1): \(error)")
            }
        }
        return tickets
    }
}

struct EvalError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The fields scored, in report order, and how to read each from a decision.
enum Field: String, CaseIterable {
    case language, ticket_type, issue_type, product_area, sentiment, urgency, recommended_action

    func value(_ decision: TriageDecision) -> String {
        switch self {
        case .language: decision.language.value
        case .ticket_type: decision.ticketType.value.rawValue
        case .issue_type: decision.issueType.value.rawValue
        case .product_area: decision.productArea.value.rawValue
        case .sentiment: decision.sentiment.value.rawValue
        case .urgency: decision.urgency.value.rawValue
        case .recommended_action: decision.recommendedAction.value.rawValue
        }
    }
}
