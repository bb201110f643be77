import Testing
@testable import TriageGateway

@Suite("HTTP router")
struct HTTPRouterTests {
    @Test func matchesLiteralsAndParametersAndReportsAllowedMethods() {
        var router = HTTPRouter()
        router.add("GET", "/api/tickets/{ticket_id}") { _, _ in .text("t") }
        router.add("GET", "/api/customers/{customer_id}/tickets") { _, _ in .text("c") }
        router.add("POST", "/api/triage") { _, _ in .text("p") }
        guard case .found(let route, let parameters) = router.match(method: "GET", path: "/api/tickets/TKT-1%20A") else {
            Issue.record("no match")
            return
        }
        #expect(route.pattern == "/api/tickets/{ticket_id}")
        #expect(parameters["ticket_id"] == "TKT-1 A")
        guard case .methodNotAllowed(let allowed) = router.match(method: "GET", path: "/api/triage") else {
            Issue.record("expected 405")
            return
        }
        #expect(allowed == ["POST"])
        if case .notFound = router.match(method: "GET", path: "/api/tickets") {} else { Issue.record("expected 404") }
        if case .found = router.match(method: "HEAD", path: "/api/customers/c1/tickets") {} else { Issue.record("HEAD should match GET") }
    }
}
