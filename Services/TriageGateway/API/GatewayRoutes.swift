import TriageContracts
import TriageCore
import TriageJSON

/// The HTTP API (design/http-contract.md) over the workflow.
struct GatewayRoutes: Sendable {
    let workflow: TicketWorkflow
    let tickets: TicketQueries
    let readiness: Readiness
    let metrics: Metrics
    let openAPI: String
    /// Whether triage answers carry a `Server-Timing` header (`TRIAGE_HTTP_SERVER_TIMING`).
    let serverTiming: Bool

    func router() -> HTTPRouter {
        var router = HTTPRouter()
        router.add("POST", "/api/triage") { request, _ in await triage(request) }
        router.add("POST", "/api/answer") { request, _ in await answer(request) }
        router.add("GET", "/api/tickets/{ticket_id}") { request, parameters in
            await tickets.ticket(parameters["ticket_id"] ?? "", requestID: request.requestID)
        }
        router.add("GET", "/api/customers/{customer_id}/tickets") { request, parameters in
            await tickets.customerTickets(parameters["customer_id"] ?? "", query: request.query, requestID: request.requestID)
        }
        router.add("GET", "/health") { _, _ in .json(.object(["status": "healthy"])) }
        router.add("GET", "/ready") { _, _ in await readiness.response() }
        router.add("GET", "/metrics") { _, _ in .text(metrics.exposition(), contentType: "text/plain; version=0.0.4; charset=utf-8") }
        router.add("GET", "/openapi.yaml") { _, _ in .text(openAPI, contentType: "application/yaml; charset=utf-8") }
        return router
    }

    private func triage(_ request: HTTPRequest) async -> HTTPResponse {
        await respond {
            try await workflow.triage(try RequestValidation.triageInput(from: request.body), requestID: request.requestID)
        }
    }

    private func answer(_ request: HTTPRequest) async -> HTTPResponse {
        await respond {
            try await workflow.answer(try RequestValidation.answerInput(from: request.body), requestID: request.requestID)
        }
    }

    /// A triage result as JSON, or the error the client should see (validation, workflow, else 500).
    private func respond(_ run: () async throws -> GatewayTriageResult) async -> HTTPResponse {
        guard serverTiming else { return await encoded(run) }
        let timings = RequestTimings()
        let start = ContinuousClock.now
        var response = await RequestTimings.$current.withValue(timings) { await encoded(run) }
        timings.add("total", seconds: (ContinuousClock.now - start).seconds)
        response.headers.append(("Server-Timing", timings.headerValue))
        return response
    }

    private func encoded(_ run: () async throws -> GatewayTriageResult) async -> HTTPResponse {
        do {
            return .json(ResultJSON.triage(try await run()))
        } catch let error as ValidationError {
            return error.response
        } catch let error as WorkflowError {
            return error.httpResponse
        } catch {
            return WorkflowError.internalError.httpResponse
        }
    }
}
