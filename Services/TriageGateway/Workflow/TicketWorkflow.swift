import TriageContracts
import TriageCore
import TriageEngine
import TriageRPC

/// The triage workflow (design/workflow.md): resolve the ticket, read it, look the customer up and
/// search the knowledge base concurrently, decide, checkpoint every step in session-service, and
/// hand completed tickets to customer-service. Both fronts (HTTP and native RPC) run this code.
struct TicketWorkflow: Sendable {
    let engine: TriageEngine
    let calls: DownstreamCalls
    let configuration: WorkflowConfiguration
    let logger: Logger
    let metrics: Metrics
    let ticketLocks = TicketLocks()
    let embeddings = EmbeddingCache()

    /// How many times a ticket is re-read and retried when another request for it wrote first.
    static let versionConflictRetries = 5

    /// `POST /api/triage`.
    func triage(_ input: TriageInput, requestID: String) async throws(WorkflowError) -> GatewayTriageResult {
        let budget = makeBudget(requestID)
        let incoming = Conversation.sessionMessages(input.messages)
        let fingerprint = RequestFingerprint(customerID: input.customerID, ticketID: input.ticketID, messages: incoming,
                                             dayNumber: RequestFingerprint.dayNumber(micros: Timestamps.nowMicros()))
        return try await withConflictRetries {
            let first = try await resolve(input, incoming: incoming, fingerprint: fingerprint, budget: budget)
            guard let ticketID = first.ticketID else {
                return try await run(first, input: input, incoming: incoming, fingerprint: fingerprint, budget: budget)
            }
            return try await ticketLocks.holding(ticketID) { waited in
                // Another request for this ticket ran first: what was read about it is stale.
                let resolution = waited ? try await resolve(input, incoming: incoming, fingerprint: fingerprint, budget: budget) : first
                return try await run(resolution, input: input, incoming: incoming, fingerprint: fingerprint, budget: budget)
            }
        }
    }

    /// `POST /api/answer`: a follow-up on an active ticket.
    func answer(_ input: AnswerInput, requestID: String) async throws(WorkflowError) -> GatewayTriageResult {
        let budget = makeBudget(requestID)
        return try await withConflictRetries { try await ticketLocks.holding(input.ticketID) { _ in
            let options = try budget.required()
            guard let session = try await calls.session(input.ticketID, options: options) else { throw WorkflowError.ticketNotFound(input.ticketID) }
            let incoming = [SessionMessage(role: .customer, content: input.content, sentAtMicros: 0)]
            let fingerprint = RequestFingerprint(customerID: session.customerID, ticketID: input.ticketID, messages: incoming,
                                                 dayNumber: RequestFingerprint.dayNumber(micros: Timestamps.nowMicros()))
            let triageInput = TriageInput(customerID: session.customerID, ticketID: input.ticketID, customerInfo: nil,
                                          messages: [InputMessage(role: .customer, content: input.content, timestamp: nil)], metadata: [:])
            return try await run(.active(session, followUp: true), input: triageInput, incoming: incoming,
                                 fingerprint: fingerprint, budget: budget)
        } }
    }

    private func makeBudget(_ requestID: String) -> CallBudget {
        CallBudget(deadline: .now + configuration.deadline, requestID: requestID, optionalCap: configuration.optionalCallTimeout)
    }

    /// Runs `body`, again from the start when a compare-and-set write lost to another request for
    /// the same ticket; maps every other failure to what the client should hear.
    private func withConflictRetries(_ body: () async throws -> GatewayTriageResult) async throws(WorkflowError) -> GatewayTriageResult {
        var attempt = 0
        while true {
            do {
                let result = try await body()
                countResult(result)
                return result
            } catch let error as WorkflowError {
                throw error
            } catch let error as RPCError where error.code == .aborted || error.code == .alreadyExists || error.code == .notFound {
                // Another request for the ticket wrote first (a newer version, the same new id, or
                // the ticket completed and was removed): resolve it again, after a short random pause
                // so that contending requests spread out.
                attempt += 1
                guard attempt <= Self.versionConflictRetries else {
                    throw WorkflowError.conflict("the ticket kept changing while it was triaged; retry the request")
                }
                logger.debug("ticket changed concurrently; retrying", ["attempt": LogValue(attempt), "detail": .string(error.message)])
                try? await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
            } catch let error as RPCError {
                let failure = error.requiredFailure
                if case .internalError = failure.kind {
                    logger.error("a downstream call failed unexpectedly", ["error": .string(error.description)])
                }
                throw failure
            } catch {
                logger.error("triage failed", ["error": .string(String(describing: error))])
                throw WorkflowError.internalError
            }
        }
    }

    /// Decisions by action, and answers given without a dependency (knowledge, customer, …): an
    /// operator alerts on the second.
    private func countResult(_ result: GatewayTriageResult) {
        metrics.increment("triage_decisions_total", help: "Triage answers by recommended action.",
                          labels: [("action", result.recommendedAction)])
        for dependency in result.degraded {
            metrics.increment("triage_degraded_answers_total", help: "Triage answers given without a dependency, by what was skipped.",
                              labels: [("skipped", dependency)])
        }
    }

    func observeStep(_ step: String, since start: ContinuousClock.Instant) {
        let seconds = (ContinuousClock.now - start).seconds
        metrics.observe("triage_workflow_step_duration_seconds", help: "Time spent in each step of the triage workflow.",
                        labels: [("step", step)], seconds: seconds)
        RequestTimings.current?.add(step, seconds: seconds)
    }
}
