import Testing
import TriageContracts
import TriageEngine
import TriageRPC
@testable import TriageGateway

/// Which of a customer's active tickets a new message may join, read from each ticket's stored triage.
@Suite("Active tickets a new message may join")
struct FollowUpCandidateTests {
    private static let engine: TriageEngine = {
        do { return try TriageEngine() } catch { fatalError("engine data failed to load: \(error)") }
    }()

    private static let doubleCharge = engine.analyze(TicketText(messages: [
        ConversationMessage(role: .customer, content: "I was charged twice for my subscription this month, please fix it"),
    ], subject: nil))

    private func session(language: String, triage: SessionTriageResult) -> SessionRecord {
        SessionRecord(ticketID: "TKT-AAAAAAAA", customerID: "c", state: SessionState(language: language, triage: triage))
    }

    @Test func theStoredSummaryDecidesWithoutDecodingTheDecision() {
        // Bytes that are no decision at all: only the summary fields can have answered.
        let garbage: [UInt8] = [0xFF, 0xFF, 0xFF]
        #expect(Self.doubleCharge.issueType.value == .doubleCharge)
        let same = session(language: "en", triage: SessionTriageResult(decision: garbage, ticketType: "billing", issueType: "double_charge"))
        #expect(TicketWorkflow.mayJoin(same, reading: Self.doubleCharge))
        let sameType = session(language: "en", triage: SessionTriageResult(decision: garbage, ticketType: "billing", issueType: "refund_request"))
        #expect(TicketWorkflow.mayJoin(sameType, reading: Self.doubleCharge))
        let otherTopic = session(language: "en", triage: SessionTriageResult(decision: garbage, ticketType: "technical", issueType: "login_failure"))
        #expect(!TicketWorkflow.mayJoin(otherTopic, reading: Self.doubleCharge))
        let otherLanguage = session(language: "de", triage: SessionTriageResult(decision: garbage, ticketType: "billing", issueType: "double_charge"))
        #expect(!TicketWorkflow.mayJoin(otherLanguage, reading: Self.doubleCharge))
    }

    @Test func aTicketDecidedByAnOlderGatewayIsReadFromItsDecision() {
        var stored = GatewayTriageResult()
        stored.language = "en"
        stored.ticketType = "technical"
        stored.issueType = "double_charge"
        let older = session(language: "en", triage: SessionTriageResult(decision: stored.serializedBytes(), ticketType: "technical"))
        #expect(TicketWorkflow.mayJoin(older, reading: Self.doubleCharge))
        stored.issueType = "login_failure"
        let unrelated = session(language: "en", triage: SessionTriageResult(decision: stored.serializedBytes(), ticketType: "technical"))
        #expect(!TicketWorkflow.mayJoin(unrelated, reading: Self.doubleCharge))
    }

    @Test func aTicketNeverDecidedIsNotJoined() {
        #expect(!TicketWorkflow.mayJoin(SessionRecord(ticketID: "TKT-AAAAAAAA", customerID: "c"), reading: Self.doubleCharge))
    }
}
