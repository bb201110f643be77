import TriageContracts
import TriageCore
import TriageRPC

/// Typed clients to the three services, each call timed and counted in `/metrics`.
struct DownstreamCalls: Sendable {
    let customers: CustomerRPC.Client
    let sessions: SessionRPC.Client
    let knowledge: KnowledgeRPC.Client
    let metrics: Metrics

    init(_ downstream: Downstream, metrics: Metrics) {
        customers = CustomerRPC.Client(channel: downstream.customers)
        sessions = SessionRPC.Client(channel: downstream.sessions)
        knowledge = KnowledgeRPC.Client(channel: downstream.knowledge)
        self.metrics = metrics
    }

    /// Runs one downstream call and records its latency and status.
    func timed<T>(_ service: String, _ method: String, _ call: () async throws -> T) async throws(RPCError) -> T {
        let start = ContinuousClock.now
        do {
            let result = try await call()
            record(service, method, code: .ok, since: start)
            return result
        } catch {
            let rpcError = error as? RPCError ?? RPCError(code: .unknown, message: "\(service) \(method) failed")
            record(service, method, code: rpcError.code, since: start)
            throw rpcError
        }
    }

    /// `timed`, with the outcome as a value (for callers that treat some codes as answers).
    func result<T>(_ service: String, _ method: String, _ call: () async throws -> T) async -> Result<T, RPCError> {
        do {
            return .success(try await timed(service, method, call))
        } catch {
            return .failure(error)
        }
    }

    private func record(_ service: String, _ method: String, code: RPCError.Code, since start: ContinuousClock.Instant) {
        let labels = [("service", service), ("method", method)]
        let seconds = (ContinuousClock.now - start).seconds
        metrics.observe("triage_downstream_call_duration_seconds", help: "Latency of the gateway's calls to the services.",
                        labels: labels, seconds: seconds)
        RequestTimings.current?.add("\(service).\(method)", seconds: seconds)
        metrics.increment("triage_downstream_calls_total", help: "The gateway's calls to the services by status.",
                          labels: labels + [("code", code.name)])
    }
}

extension DownstreamCalls {
    /// The active session of a ticket, or nil when session-service has none.
    func session(_ ticketID: String, options: CallOptions) async throws(RPCError) -> SessionRecord? {
        switch await result("session-service", "GetSession", {
            try await sessions.getSession(GetSessionRequest(ticketID: ticketID), options: options)
        }) {
        case .success(let response): return response.session
        case .failure(let error) where error.code == .notFound: return nil
        case .failure(let error): throw error
        }
    }
}

extension RPCError {
    /// How a failed call to session-service (which every ticket needs) reaches the client.
    var requiredFailure: WorkflowError {
        switch code {
        case .deadlineExceeded: .deadlineExceeded
        case .unavailable, .cancelled, .resourceExhausted: .unavailable("the session store is unavailable (\(message)); nothing was written for this request, retry it later")
        default: .internalError
        }
    }
}
