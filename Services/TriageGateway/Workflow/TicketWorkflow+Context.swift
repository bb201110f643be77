import TriageContracts
import TriageCore
import TriageEngine
import TriageRPC

/// What a ticket's triage looks up besides its session: the customer context and the knowledge hits.
struct TicketLookups: Sendable {
    let customer: (context: CustomerContext?, stored: SessionCustomerContext, degraded: Bool)
    let knowledge: (result: KnowledgeResult, degraded: Bool)
}

extension TicketWorkflow {
    /// The customer lookup and the knowledge search, concurrently (workflow steps 3 and 5).
    func lookUp(query: KnowledgeQuery, input: TriageInput, stored: SessionCustomerContext?, budget: CallBudget) async -> TicketLookups {
        let start = ContinuousClock.now
        async let customer = customerContext(input.customerInfo, stored: stored, customerID: input.customerID, budget: budget)
        async let knowledge = knowledgeHits(for: query, budget: budget)
        let lookups = TicketLookups(customer: await customer, knowledge: await knowledge)
        observeStep("customer_and_knowledge", since: start)
        return lookups
    }

    /// Customer context (workflow step 3): the request's `customer_info` if it names a plan, else
    /// what the session already learned, else customer-service. An unknown customer is not an
    /// error: the engine applies its conservative default and says so; customer-service being down
    /// is reported as degraded.
    func customerContext(_ info: CustomerInfo?, stored: SessionCustomerContext?, customerID: String,
                         budget: CallBudget) async -> (CustomerContext?, SessionCustomerContext, degraded: Bool) {
        if let info, let plan = info.plan {
            let context = CustomerContext(plan: plan.rawValue, tenureMonths: info.tenureMonths, seats: info.seats,
                                          region: info.region, previousTickets: info.previousTickets)
            return (context, Self.stored(context, source: .request), false)
        }
        if let stored, stored.source == .request || stored.source == .lookup, !stored.plan.isEmpty {
            let context = CustomerContext(plan: stored.plan, tenureMonths: Int(stored.tenureMonths), seats: stored.seats > 0 ? Int(stored.seats) : nil,
                                          region: stored.region.isEmpty ? nil : stored.region, previousTickets: Int(stored.previousTicketCount))
            return (context, stored, false)
        }
        guard let options = budget.optional() else { return (nil, SessionCustomerContext(source: .default), true) }
        let request = GetCustomerRequest(customerID: customerID)
        switch await calls.result("customer-service", "GetCustomer", { try await calls.customers.getCustomer(request, options: options) }) {
        case .success(let response):
            guard let customer = response.customer else { return (nil, SessionCustomerContext(source: .default), false) }
            let context = CustomerContext(
                plan: Self.planName(customer.plan),
                tenureMonths: info?.tenureMonths ?? Int(customer.tenureMonths),
                seats: info?.seats ?? (customer.seats > 0 ? Int(customer.seats) : nil),
                region: info?.region ?? (customer.region.isEmpty ? nil : customer.region),
                previousTickets: info?.previousTickets ?? Int(customer.completedTickets))
            var stored = Self.stored(context, source: .lookup)
            stored.name = customer.name
            stored.notes = customer.notes
            return (context, stored, false)
        case .failure(let error) where error.code == .notFound:
            return (nil, SessionCustomerContext(source: .default), false)
        case .failure(let error):
            logger.warning("customer lookup failed; triaging with the default", ["error": .string(error.description)])
            return (nil, SessionCustomerContext(source: .default), true)
        }
    }

    private static func stored(_ context: CustomerContext, source: SessionContextSource) -> SessionCustomerContext {
        SessionCustomerContext(plan: context.plan, tenureMonths: Int32(clamping: context.tenureMonths ?? 0),
                               seats: Int32(clamping: context.seats ?? 0), region: context.region ?? "",
                               previousTicketCount: UInt32(clamping: context.previousTickets ?? 0), source: source)
    }

    static func planName(_ plan: CustomerPlan) -> String {
        switch plan {
        case .enterprise: "enterprise"
        case .pro: "pro"
        default: "free"
        }
    }

    /// Knowledge search (workflow step 5), filtered to the ticket type's categories; knowledge-
    /// service being down means triage without articles, flagged.
    func knowledgeHits(for query: KnowledgeQuery, budget: CallBudget) async -> (KnowledgeResult, degraded: Bool) {
        guard let options = budget.optional() else { return (.unavailable, true) }
        let request = KnowledgeSearchRequest(query: query.text, categories: query.categories, limit: UInt32(configuration.knowledgeLimit),
                                             minScore: Float(configuration.knowledgeMinScore), language: query.language, expanded: true)
        switch await calls.result("knowledge-service", "Search", { try await calls.knowledge.search(request, options: options) }) {
        case .success(let response):
            let hits = response.hits.map {
                KnowledgeHit(id: $0.articleID, title: $0.title, category: $0.category, score: Double($0.score), snippet: $0.snippet)
            }
            return (KnowledgeResult(hits: hits), false)
        case .failure(let error):
            logger.warning("knowledge search failed; triaging without articles", ["error": .string(error.description)])
            return (.unavailable, true)
        }
    }
}
