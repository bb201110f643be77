import Foundation
import TestSupport
import Testing
import TriageContracts
import TriageRPC

@Suite("Triage decisions over the socket", .timeLimit(.minutes(2)))
struct TriageDecisionTests {
    static func decision(_ ticket: String = "TKT-1", id: String = "") -> TriageDecisionRecord {
        TriageDecisionRecord(
            decisionID: id, ticketID: ticket, customerID: "customer_001", ticketType: "billing", urgency: "high",
            action: "escalate_human", productArea: "billing", issueType: "double_charge", sentiment: "frustrated",
            language: "en",
            confidences: [TriageFieldConfidence(field: "urgency", confidence: 0.83), TriageFieldConfidence(field: "ticket_type", confidence: 0.97)],
            reasoning: "urgency high: a double charge (any plan); action escalate_human: duplicate charge",
            engineVersion: "engine 1.0.0", suggestedResponse: "We are sorry — a specialist will refund the duplicate charge.",
            articleIDs: ["kb_003", "kb_017"], degraded: ["knowledge"]
        )
    }

    @Test func recordedDecisionsListInOrderWithEveryField() async throws {
        try await CustomerFixture.with { fixture in
            let first = Self.decision(id: "TKT-1#1")
            var second = Self.decision(id: "")
            second.urgency = "critical"
            second.confidences = []
            second.articleIDs = []
            second.degraded = []
            let one = try await fixture.client.recordTriageDecision(RecordTriageDecisionRequest(decision: first))
            #expect(one.recorded && one.decisionID == "TKT-1#1" && one.createdAtMicros > 0)
            let two = try await fixture.client.recordTriageDecision(RecordTriageDecisionRequest(decision: second))
            #expect(two.recorded && two.decisionID.count == 36, "an empty id gets a UUID: \(two.decisionID)")
            let listed = try await fixture.client.listTriageDecisions(ListTriageDecisionsRequest(ticketID: "TKT-1")).decisions
            #expect(listed.count == 2)
            var expected = first
            expected.createdAtMicros = one.createdAtMicros
            expected.confidences.sort { $0.field < $1.field }
            #expect(listed.first == expected)
            #expect(listed.last?.decisionID == two.decisionID && listed.last?.urgency == "critical")
            #expect(try await fixture.client.listTriageDecisions(ListTriageDecisionsRequest(ticketID: "TKT-2")).decisions.isEmpty)
        }
    }

    @Test func recordingTheSameDecisionAgainIsANoOpButADifferentOneIsAlreadyExists() async throws {
        try await CustomerFixture.with { fixture in
            let decision = Self.decision(id: "TKT-1#retry")
            let first = try await fixture.client.recordTriageDecision(RecordTriageDecisionRequest(decision: decision))
            var reordered = decision
            reordered.confidences.reverse()
            let again = try await fixture.client.recordTriageDecision(RecordTriageDecisionRequest(decision: reordered))
            #expect(!again.recorded && again.createdAtMicros == first.createdAtMicros)
            var different = decision
            different.urgency = "low"
            let error = await rpcError { _ = try await fixture.client.recordTriageDecision(RecordTriageDecisionRequest(decision: different)) }
            #expect(error?.code == .alreadyExists && error?.message.hasPrefix("decision.decision_id") == true, "\(String(describing: error))")
            #expect(try await fixture.database.query("SELECT count(*), min(urgency) FROM triage_decisions") == [["1", "high"]])
        }
    }

    /// Completing a ticket is one call: the conversation and its decision in one transaction. A
    /// decision already on record under the id is kept and the save still goes ahead; a decision
    /// the table refuses leaves nothing, conversation included.
    @Test func aConversationSavedWithItsDecisionStoresBothOrNeither() async throws {
        try await CustomerFixture.with { fixture in
            let ticket = uniqueID("TKT")
            var decision = Self.decision(ticket, id: "\(ticket)#1")
            let first = [message(.customer, "I was charged twice", at: novemberFifteenth)]
            let saved = try await fixture.client.saveConversation(SaveConversationRequest(
                ticketID: ticket, customerID: "customer_001", messages: first, decision: decision))
            #expect(saved.insertedMessages == 1 && saved.decisionID == "\(ticket)#1" && saved.decisionRecorded)
            let listed = try await fixture.client.listTriageDecisions(ListTriageDecisionsRequest(ticketID: ticket)).decisions
            #expect(listed.map(\.decisionID) == ["\(ticket)#1"] && listed.first?.urgency == "high")

            // A retry decided differently: the first decision stays, the new messages are stored.
            decision.urgency = "low"
            let more = first + [message(.customer, "Any news?", at: novemberFifteenth + 60_000_000)]
            let again = try await fixture.client.saveConversation(SaveConversationRequest(
                ticketID: ticket, customerID: "customer_001", messages: more, decision: decision))
            #expect(again.insertedMessages == 1 && again.totalMessages == 2 && again.decisionID == "\(ticket)#1" && !again.decisionRecorded)
            #expect(try await fixture.database.query("SELECT count(*), min(urgency) FROM triage_decisions WHERE ticket_id = '\(ticket)'") == [["1", "high"]])

            // An empty id gets one, as RecordTriageDecision gives it.
            let other = uniqueID("TKT")
            let fresh = try await fixture.client.saveConversation(SaveConversationRequest(
                ticketID: other, customerID: "customer_001", messages: first, decision: Self.decision(other)))
            #expect(fresh.decisionRecorded && fresh.decisionID.count == 36, "\(fresh.decisionID)")

            // Refused by the CHECK constraints (a new ticket, and one stored already): nothing is written.
            for (target, messages) in [(uniqueID("TKT"), first), (ticket, more + [message(.customer, "Hello?", at: novemberFifteenth + 120_000_000)])] {
                var invalid = Self.decision(target, id: "\(target)#bad")
                invalid.urgency = "urgent"
                let error = await rpcError { _ = try await fixture.client.saveConversation(SaveConversationRequest(
                    ticketID: target, customerID: "customer_001", messages: messages, decision: invalid)) }
                #expect(error?.code == .invalidArgument && error?.message.hasPrefix("decision.urgency:") == true, "\(String(describing: error))")
                let stored = target == ticket ? "2" : "0"
                #expect(try await fixture.database.query("SELECT count(*) FROM chat_messages WHERE ticket_id = '\(target)'") == [[stored]])
            }
            #expect(try await fixture.database.query("SELECT count(*) FROM triage_decisions WHERE decision_id LIKE '%#bad'") == [["0"]])

            // The decision must be this conversation's, and valid, before anything is written.
            let cases: [(String, @Sendable (inout TriageDecisionRecord) -> Void)] = [
                ("decision.ticket_id", { $0.ticketID = "TKT-ELSEWHERE" }),
                ("decision.customer_id", { $0.customerID = "customer_002" }),
                ("decision.sentiment", { $0.sentiment = "" }),
            ]
            for (field, mutate) in cases {
                let target = uniqueID("TKT")
                var wrong = Self.decision(target)
                mutate(&wrong)
                let error = await rpcError { _ = try await fixture.client.saveConversation(SaveConversationRequest(
                    ticketID: target, customerID: "customer_001", messages: first, decision: wrong)) }
                #expect(error?.code == .invalidArgument && error?.message.hasPrefix(field + ":") == true, "\(field): \(String(describing: error))")
                #expect(try await fixture.database.query("SELECT count(*) FROM conversations WHERE ticket_id = '\(target)'") == [["0"]])
            }
        }
    }

    /// Values outside the contract's enumerations are refused by the table's CHECK
    /// constraints, and come back naming the field, with no SQL in the message.
    @Test func checkViolationsAreInvalidArgumentNamingTheField() async throws {
        let cases: [(String, @Sendable (inout TriageDecisionRecord) -> Void)] = [
            ("decision.ticket_type", { $0.ticketType = "sales" }),
            ("decision.urgency", { $0.urgency = "urgent" }),
            ("decision.action", { $0.action = "ignore" }),
            ("decision.product_area", { $0.productArea = "Billing Dept" }),
            ("decision.issue_type", { $0.issueType = "double-charge" }),
            ("decision.sentiment", { $0.sentiment = "Angry!" }),
            ("decision.language", { $0.language = "eng" }),
        ]
        try await CustomerFixture.with { fixture async throws in
            for (field, mutate) in cases {
                var decision = Self.decision()
                mutate(&decision)
                let error = await rpcError { _ = try await fixture.client.recordTriageDecision(RecordTriageDecisionRequest(decision: decision)) }
                #expect(error?.code == .invalidArgument && error?.message.hasPrefix(field + ":") == true, "\(field): \(String(describing: error))")
                for leak in ["CHECK", "INSERT", "triage_decisions", "chk_", "$1", fixture.database.password] {
                    #expect(error?.message.contains(leak) == false, "\(field): message leaks \(leak)")
                }
            }
            #expect(try await fixture.database.query("SELECT count(*) FROM triage_decisions") == [["0"]])
        }
    }

    @Test func requestRulesAreCheckedBeforeTheDatabase() async throws {
        let cases: [(String, @Sendable (inout TriageDecisionRecord) -> Void)] = [
            ("decision.ticket_id", { $0.ticketID = "" }),
            ("decision.customer_id", { $0.customerID = "" }),
            ("decision.decision_id", { $0.decisionID = String(repeating: "d", count: 300) }),
            ("decision.sentiment", { $0.sentiment = "" }),
            ("decision.engine_version", { $0.engineVersion = " " }),
            ("decision.language", { $0.language = "abcdefghi" }),
            ("decision.confidences[1].confidence", { $0.confidences[1].confidence = 1.5 }),
            ("decision.confidences[0].confidence", { $0.confidences[0].confidence = .nan }),
            ("decision.confidences[1].field", { $0.confidences[1].field = "urgency" }),
            ("decision.confidences[0].field", { $0.confidences[0].field = "" }),
            ("decision.article_ids[1]", { $0.articleIDs[1] = "" }),
            ("decision.degraded[0]", { $0.degraded[0] = "" }),
        ]
        try await CustomerFixture.with { fixture async throws in
            for (field, mutate) in cases {
                var decision = Self.decision()
                mutate(&decision)
                let error = await rpcError { _ = try await fixture.client.recordTriageDecision(RecordTriageDecisionRequest(decision: decision)) }
                #expect(error?.code == .invalidArgument && error?.message.hasPrefix(field + ":") == true, "\(field): \(String(describing: error))")
            }
        }
    }
}
