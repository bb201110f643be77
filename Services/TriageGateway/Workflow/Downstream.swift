import TriageContracts
import TriageCore
import TriageRPC

/// The gateway's channels to the three services, each spread over all of its live replicas.
struct Downstream: Sendable {
    static let customerService = "customer-service"
    static let sessionService = "session-service"
    static let knowledgeService = "knowledge-service"

    let customers: ServiceChannel
    let sessions: ServiceChannel
    let knowledge: ServiceChannel

    init(environment: Environment, logger: Logger) throws(ConfigurationError) {
        customers = try ServiceChannel(service: Self.customerService, environment: environment, logger: logger)
        sessions = try ServiceChannel(service: Self.sessionService, environment: environment, logger: logger)
        knowledge = try ServiceChannel(service: Self.knowledgeService, environment: environment, logger: logger)
    }

    var all: [(name: String, channel: ServiceChannel, requiredForTriage: Bool)] {
        [
            (Self.sessionService, sessions, true),
            (Self.customerService, customers, false),
            (Self.knowledgeService, knowledge, false),
        ]
    }
}
