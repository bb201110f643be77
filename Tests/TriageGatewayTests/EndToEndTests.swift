import Foundation
import TestSupport
import Testing
import TriageContracts
import TriageCore
import TriageRPC

/// The gateway's HTTP API end to end: every real process, a real HTTP client.
@Suite("Gateway end to end", .serialized, .timeLimit(.minutes(10)))
struct EndToEndTests {
    @Test func theContractsExamplesAndTheWorkflow() async throws {
        try await withSystem { system in
            let http = system.http

            // The contract's minimal body (customer_id + one message, no timestamp) and full body.
            let minimal = try await http.post("/api/triage", json: ticket("customer_001", "System is down for 2 hours! Nobody can log in."))
            #expect(minimal.status == 200, "\(minimal.text)")
            expectContractShape(minimal.json)
            // A new ticket's session is created already classified (resolving it read it), and a
            // completing ticket's decision is recorded by saving it to customer-service, not by a
            // checkpoint too: one create and no update.
            #expect(minimal.string("status") == "completed", "\(minimal.text)")
            let checkpoints = serverTimingCalls(minimal.headers["server-timing"])
            #expect(checkpoints["session-service.CreateSession"] == 1 && checkpoints["session-service.UpdateSession"] == nil
                    && checkpoints["customer-service.SaveConversation"] == 1, "\(checkpoints)")
            // Without a ticket_id, listing the customer's active tickets also looks the request's
            // own id up: no GetSession.
            #expect(checkpoints["session-service.ListActiveSessions"] == 1 && checkpoints["session-service.GetSession"] == nil, "\(checkpoints)")
            let full = try await http.post("/api/triage", json: [
                "customer_id": "customer_001", "ticket_id": "TKT-1A2B3C4D",
                "customer_info": ["plan": "enterprise", "tenure_months": 24, "region": "APAC", "seats": 45, "previous_tickets": 5],
                "messages": [["role": "customer", "content": "System is down for 2 hours!", "timestamp": "2024-11-15T14:00:00Z"]],
                "metadata": ["channel": "email", "subject": "Outage"],
            ])
            #expect(full.status == 200, "\(full.text)")
            expectContractShape(full.json)
            #expect(full.string("ticket_id") == "TKT-1A2B3C4D")
            #expect(full.string("urgency") == "critical")
            #expect(full.string("recommended_action") == "escalate_human")
            #expect(full.headers["x-request-id"]?.isEmpty == false)
            expectServerTiming(full.headers["server-timing"], names: ["resolve", "session-service.GetSession", "open", "analyze",
                                                                      "knowledge-service.Search", "decide_and_store", "persist", "total"])
            // Completing it stores the conversation and the decision in one call.
            let completing = serverTimingCalls(full.headers["server-timing"])
            #expect(completing["customer-service.SaveConversation"] == 1 && completing["customer-service.RecordTriageDecision"] == nil
                    && completing["session-service.DeleteSession"] == 1, "\(completing)")

            try await ticketsAcrossIssueTypesAndLanguages(http)
            try await completionAndFollowUps(system)
            try await errorsOfTheContract(http)
            try await operationalEndpoints(http)
            try await nativeRPCFront(system)
        }
    }

    /// A new ticket per kind of issue, in several languages.
    private func ticketsAcrossIssueTypesAndLanguages(_ http: HTTPTestClient) async throws {
        let cases: [(text: String, language: String, type: String)] = [
            ("I was charged twice for my subscription this month, please refund the duplicate", "en", "billing"),
            ("The API returns 502 Bad Gateway on every request since this morning", "en", "technical"),
            ("How do I switch the dashboard to dark mode?", "en", "general"),
            ("Me cobraron dos veces la suscripción de este mes, quiero que me devuelvan el dinero", "es", "billing"),
            ("Je n'arrive plus à me connecter, le code de vérification est toujours refusé", "fr", "technical"),
            ("Der Export als CSV bricht immer mit einem Fehler ab", "de", "technical"),
            ("Como faço para mudar o idioma da interface para português?", "pt", "general"),
            ("Ho ricevuto una fattura con un importo sbagliato, mi addebitate troppo", "it", "billing"),
            ("ログインできません。パスワードをリセットしても入れません", "ja", "technical"),
            ("我被重复扣款了，请退还多收的费用", "zh", "billing"),
            ("ฉันไม่สามารถเข้าสู่ระบบได้ รหัสผ่านไม่ถูกต้อง", "th", "technical"),
        ]
        for (index, item) in cases.enumerated() {
            let response = try await http.post("/api/triage", json: ticket("customer_0\(10 + index)", item.text))
            #expect(response.status == 200, "\(item.text): \(response.text)")
            expectContractShape(response.json)
            let info = response.json?["extracted_info"] as? [String: Any]
            #expect(info?["language"] as? String == item.language, "language of \(item.text)")
            #expect(response.string("ticket_type") == item.type, "ticket type of \(item.text)")
            let reply = response.string("suggested_response") ?? ""
            #expect(!reply.isEmpty)
        }
    }

    /// auto_respond and escalate_human end in PostgreSQL and leave Redis; route_specialist stays;
    /// follow-ups join by ticket_id and by meaning; a retry changes nothing.
    private func completionAndFollowUps(_ system: TriageSystem) async throws {
        let http = system.http
        let sessions = SessionRPC.Client(channel: system.channel("session-service"))
        let customers = CustomerRPC.Client(channel: system.channel("customer-service"))

        let escalated = try await http.post("/api/triage", json: ticket("customer_002", "You charged me twice this month. Refund the duplicate charge now."))
        #expect(escalated.string("recommended_action") == "escalate_human")
        #expect(escalated.string("status") == "completed")
        let escalatedID = try #require(escalated.string("ticket_id"))
        await #expect(throws: RPCError.self) { _ = try await sessions.getSession(GetSessionRequest(ticketID: escalatedID)) }
        let stored = try await customers.getConversation(GetConversationRequest(ticketID: escalatedID))
        #expect(stored.messages.map(\.role) == [.customer, .agent], "the customer's message and the reply")
        #expect(stored.messages.last?.content == escalated.string("suggested_response"))
        let decisions = try await customers.listTriageDecisions(ListTriageDecisionsRequest(ticketID: escalatedID))
        #expect(decisions.decisions.count == 1)
        #expect(decisions.decisions.first?.action == "escalate_human" && decisions.decisions.first?.urgency == escalated.string("urgency"))

        // A retry of the same request: same ticket, nothing stored twice.
        let retry = try await http.post("/api/triage", json: ticket("customer_002", "You charged me twice this month. Refund the duplicate charge now."))
        #expect(retry.status == 200 && retry.string("ticket_id") == escalatedID)
        #expect(try await customers.getConversation(GetConversationRequest(ticketID: escalatedID)).messages.count == 2)
        #expect(try await customers.listTriageDecisions(ListTriageDecisionsRequest(ticketID: escalatedID)).decisions.count == 1)
        let completedView = try await http.get("/api/tickets/\(escalatedID)")
        #expect(completedView.status == 200 && completedView.string("status") == "completed")

        let answered = try await http.post("/api/triage", json: ticket("customer_040", "How do I export my data to CSV?", info: ["plan": "free"]))
        #expect(answered.string("recommended_action") == "auto_respond", "\(answered.text)")
        #expect((answered.json?["relevant_articles"] as? [Any])?.isEmpty == false, "an export how-to has an article")
        #expect(answered.string("status") == "completed")

        // route_specialist stays active; follow-ups join it.
        let routed = try await http.post("/api/triage", json: ticket("customer_003", "The CSV export keeps failing with error 500 when I export my monthly report"))
        #expect(routed.string("recommended_action") == "route_specialist", "\(routed.text)")
        #expect(routed.string("status") == "active")
        let routedID = try #require(routed.string("ticket_id"))
        let session = try await sessions.getSession(GetSessionRequest(ticketID: routedID)).session
        #expect(session?.messages.count == 2)

        let byID = try await http.post("/api/answer", json: ["ticket_id": routedID, "content": "It still fails today with the same 500 error."])
        #expect(byID.status == 200 && byID.string("ticket_id") == routedID)
        #expect(byID.json?["follow_up"] as? Bool == true)
        // A follow-up is read with its conversation before it is written: the session is opened
        // already classified, then checkpointed with the decision (two writes, not three), and the
        // engine reads the conversation once.
        let followUpCalls = serverTimingCalls(byID.headers["server-timing"])
        #expect(followUpCalls["session-service.UpdateSession"] == 2, "\(followUpCalls)")
        let byMeaning = try await http.post("/api/triage", json: ticket("customer_003", "Any news on the failing CSV export of my report? It gives error 500 again."))
        #expect(byMeaning.string("ticket_id") == routedID, "a follow-up without ticket_id joins the active ticket: \(byMeaning.text)")
        let unrelated = try await http.post("/api/triage", json: ticket("customer_003", "Can I change the billing email on my invoices?"))
        #expect(unrelated.string("ticket_id") != routedID, "an unrelated message opens its own ticket")

        let view = try await http.get("/api/tickets/\(routedID)")
        #expect(view.status == 200 && view.string("status") == "active")
        #expect((view.json?["messages"] as? [Any])?.count == 6)
        #expect((view.json?["last_triage"] as? [String: Any])?["ticket_id"] as? String == routedID)

        let list = try await http.get("/api/customers/customer_003/tickets?limit=1")
        #expect(list.status == 200)
        #expect((list.json?["tickets"] as? [[String: Any]])?.count == 1)
        let cursor = try #require(list.string("next_cursor"))
        let next = try await http.get("/api/customers/customer_003/tickets?limit=10&cursor=\(cursor)")
        #expect((next.json?["tickets"] as? [Any])?.isEmpty == false)

        // Follow-ups sent at the same time wait for each other: none is refused with 409, none lost.
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<6 {
                group.addTask {
                    try await http.post("/api/answer", json: ["ticket_id": routedID, "content": "One more detail on the export error, note \(index + 1)."]).status
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses.allSatisfy { $0 == 200 || $0 == 404 }, "concurrent follow-ups: \(statuses)")
        let accepted = statuses.filter { $0 == 200 }.count
        #expect(accepted >= 1)
        let after = try await http.get("/api/tickets/\(routedID)")
        let notes = (after.json?["messages"] as? [[String: Any]] ?? []).filter { ($0["content"] as? String)?.hasPrefix("One more detail") == true }
        #expect(notes.count == accepted, "every accepted follow-up is stored once: \(after.text.prefix(400))")

        // A request that joins an active ticket by meaning and completes it: a retry of it (its answer
        // lost) finds that ticket, although its session is gone, instead of opening a second one.
        let pro: [String: Any] = ["plan": "pro", "seats": 20]
        let opened = try await http.post("/api/triage", json: ticket("customer_005", "I cannot log in to my account since this morning, the password is rejected", info: pro))
        #expect(opened.string("status") == "active", "\(opened.text)")
        let openedID = try #require(opened.string("ticket_id"))
        let joining = ticket("customer_005", "I still cannot log in to my account, and I just got an email that my password and email address were changed, it was not me",
                             info: pro)
        let joined = try await http.post("/api/triage", json: joining)
        #expect(joined.string("ticket_id") == openedID && joined.string("status") == "completed", "\(joined.text)")
        let again = try await http.post("/api/triage", json: joining)
        #expect(again.status == 200 && again.string("ticket_id") == openedID && again.string("status") == "completed", "\(again.text)")
        let kept = try await customers.getConversation(GetConversationRequest(ticketID: openedID))
        #expect(kept.messages.filter { $0.role == .customer }.count == 2, "the joined message is stored once")
        let customerTickets = try await http.get("/api/customers/customer_005/tickets")
        #expect((customerTickets.json?["tickets"] as? [Any])?.count == 1, "no second ticket: \(customerTickets.text)")

        // A ticket active and stored at once (a follow-up joined it while it was being completed)
        // is listed once, as active.
        let both = "TKT-B07H0001"
        _ = try await customers.saveConversation(SaveConversationRequest(ticketID: both, customerID: "customer_006",
                                                                         messages: [TicketMessage(role: .customer, content: "The first part")]))
        _ = try await sessions.createSession(CreateSessionRequest(ticketID: both, customerID: "customer_006",
                                                                  messages: [SessionMessage(role: .customer, content: "The first part")]))
        let listed = try await http.get("/api/customers/customer_006/tickets")
        let entries = (listed.json?["tickets"] as? [[String: Any]] ?? []).filter { $0["ticket_id"] as? String == both }
        #expect(entries.count == 1 && entries.first?["status"] as? String == "active", "\(listed.text)")
    }

    private func errorsOfTheContract(_ http: HTTPTestClient) async throws {
        let missing = try await http.post("/api/triage", json: ["messages": [["role": "customer", "content": "x"]]])
        #expect(missing.status == 400 && missing.errorField == "customer_id")
        let badRole = try await http.post("/api/triage", json: ["customer_id": "c", "messages": [["role": "robot", "content": "x"]]])
        #expect(badRole.status == 400 && badRole.errorField == "messages[0].role")
        let empty = try await http.post("/api/triage", json: ["customer_id": "c", "messages": []])
        #expect(empty.status == 400 && empty.errorField == "messages")
        let notJSON = try await http.send("POST", "/api/triage", body: Data("{not json".utf8))
        #expect(notJSON.status == 400 && notJSON.errorField == "body")
        let wrongType = try await http.send("POST", "/api/triage", body: Data("customer_id=c".utf8), contentType: "application/x-www-form-urlencoded")
        #expect(wrongType.status == 415 && wrongType.errorCode == "unsupported_media_type")
        let huge = try await http.send("POST", "/api/triage", body: Data(repeating: 0x20, count: 2 << 20))
        #expect(huge.status == 413)
        #expect(try await http.get("/api/tickets/TKT-NOPE0000").status == 404)
        #expect(try await http.get("/no/such/route").status == 404)
        let wrongMethod = try await http.send("DELETE", "/api/triage")
        #expect(wrongMethod.status == 405 && wrongMethod.headers["allow"] == "POST")
        #expect(try await http.post("/api/answer", json: ["ticket_id": "TKT-NOPE0000", "content": "hi"]).status == 404)
        for response in [missing, badRole, wrongType, huge, wrongMethod] {
            #expect(response.errorCode != nil, "every error has the contract's JSON shape")
        }
    }

    private func operationalEndpoints(_ http: HTTPTestClient) async throws {
        #expect(try await http.get("/health").json?["status"] as? String == "healthy")
        let ready = try await http.get("/ready")
        #expect(ready.status == 200 && ready.string("status") == "ready", "\(ready.text)")
        let metrics = try await http.get("/metrics")
        #expect(metrics.text.contains("triage_http_requests_total{route=\"/api/triage\",method=\"POST\",status=\"200\"}"))
        #expect(metrics.text.contains("triage_downstream_call_duration_seconds_bucket{service=\"session-service\""))
        #expect(metrics.text.contains("triage_workflow_step_duration_seconds_count{step=\"analyze\"}"))
        let openapi = try await http.get("/openapi.yaml")
        #expect(openapi.status == 200 && openapi.text.hasPrefix("openapi: 3.1"))
    }

    private func nativeRPCFront(_ system: TriageSystem) async throws {
        let gateway = GatewayRPC.Client(channel: system.channel("triage-gateway"))
        let result = try await gateway.triage(GatewayTriageRequest(
            customerID: "customer_005", messages: [GatewayMessage(role: "customer", content: "Our whole team cannot access the dashboard, everything returns 503")]),
            options: CallOptions(timeout: .seconds(5)))
        #expect(!result.ticketID.isEmpty && result.ticketType == "technical")
        let ticket = try await gateway.getTicket(GatewayGetTicketRequest(ticketID: result.ticketID))
        #expect(ticket.ticketID == result.ticketID)
        do {
            _ = try await gateway.triage(GatewayTriageRequest(customerID: "customer_005", messages: []))
            Issue.record("an empty conversation must be refused")
        } catch {
            #expect(error.code == .invalidArgument && error.message.contains("messages"))
        }
    }
}
