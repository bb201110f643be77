import Testing
@testable import TriageGateway

@Suite("Request validation")
struct RequestValidationTests {
    func triage(_ json: String) throws(ValidationError) -> TriageInput {
        try RequestValidation.triageInput(from: Array(json.utf8))
    }

    func field(of json: String) -> String? {
        do throws(ValidationError) {
            _ = try triage(json)
            return nil
        } catch {
            return error.field
        }
    }

    @Test func acceptsTheContractsMinimalAndFullExamples() throws {
        let minimal = try triage(#"{"customer_id": "customer_001", "messages": [{"role": "customer", "content": "System is down!"}]}"#)
        #expect(minimal.customerID == "customer_001" && minimal.ticketID == nil && minimal.customerInfo == nil)
        #expect(minimal.messages == [InputMessage(role: .customer, content: "System is down!", timestamp: nil)])
        let full = try triage(#"""
        {"customer_id": "customer_001", "ticket_id": "TKT-1A2B3C4D",
         "customer_info": {"plan": "enterprise", "tenure_months": 24, "region": "APAC", "seats": 45, "previous_tickets": 5},
         "messages": [{"role": "customer", "content": "System is down for 2 hours!", "timestamp": "2024-11-15T14:00:00Z"}],
         "metadata": {"channel": "email", "subject": "Outage", "priority_hint": 3}, "unknown_field": [1, 2]}
        """#)
        #expect(full.ticketID == "TKT-1A2B3C4D")
        #expect(full.customerInfo == CustomerInfo(plan: .enterprise, tenureMonths: 24, region: "APAC", seats: 45, previousTickets: 5))
        #expect(full.metadata == ["channel": "email", "subject": "Outage"])
        #expect(full.messages[0].timestamp == "2024-11-15T14:00:00Z")
    }

    @Test(arguments: [
        (#"[]"#, "body"), (#"{"messages": [{"role": "customer", "content": "x"}]}"#, "customer_id"),
        (#"{"customer_id": 7, "messages": []}"#, "customer_id"), (#"{"customer_id": "a b", "messages": []}"#, "customer_id"),
        (#"{"customer_id": "c"}"#, "messages"), (#"{"customer_id": "c", "messages": []}"#, "messages"),
        (#"{"customer_id": "c", "messages": "hi"}"#, "messages"),
        (#"{"customer_id": "c", "messages": [{"content": "x"}]}"#, "messages[0].role"),
        (#"{"customer_id": "c", "messages": [{"role": "bot", "content": "x"}]}"#, "messages[0].role"),
        (#"{"customer_id": "c", "messages": [{"role": "customer"}]}"#, "messages[0].content"),
        (#"{"customer_id": "c", "messages": [{"role": "customer", "content": 5}]}"#, "messages[0].content"),
        (#"{"customer_id": "c", "messages": [{"role": "customer", "content": "a\u0000b"}]}"#, "messages[0].content"),
        (#"{"customer_id": "c", "messages": [{"role": "customer", "content": "x", "timestamp": "yesterday"}]}"#, "messages[0].timestamp"),
        (#"{"customer_id": "c", "messages": [{"role": "agent", "content": "hello"}]}"#, "messages"),
        (#"{"customer_id": "c", "customer_info": {"plan": "gold"}, "messages": [{"role": "customer", "content": "x"}]}"#, "customer_info.plan"),
        (#"{"customer_id": "c", "customer_info": {"tenure_months": -1}, "messages": [{"role": "customer", "content": "x"}]}"#, "customer_info.tenure_months"),
        (#"{"customer_id": "c", "customer_info": {"seats": 2.5}, "messages": [{"role": "customer", "content": "x"}]}"#, "customer_info.seats"),
        (#"{"customer_id": "c", "customer_info": "pro", "messages": [{"role": "customer", "content": "x"}]}"#, "customer_info"),
        (#"{"customer_id": "c", "ticket_id": "x/y", "messages": [{"role": "customer", "content": "x"}]}"#, "ticket_id"),
        (#"{"customer_id": "c", "ticket_id": "moxJ~j", "messages": [{"role": "customer", "content": "x"}]}"#, "ticket_id"),
        (#"{"customer_id": "c", "messages": [{"role": "customer", "content": "x", "timestamp": "0056-11-25T02:22:21Z"}]}"#, "messages[0].timestamp"),
        (#"{"customer_id": "c", "metadata": [1], "messages": [{"role": "customer", "content": "x"}]}"#, "metadata"),
        (#"{"customer_id": "c", "messages": [{"role": "customer", "content": "x"}"#, "body"),
    ])
    func namesTheFieldThatIsWrong(json: String, expected: String) {
        #expect(field(of: json) == expected)
    }

    @Test func limitsTheNumberOfMessages() {
        let message = #"{"role": "customer", "content": "x"}"#
        let json = #"{"customer_id": "c", "messages": ["# + Array(repeating: message, count: 101).joined(separator: ",") + "]}"
        #expect(field(of: json) == "messages")
    }

    @Test func answerNeedsTicketAndContent() throws {
        let answer = try RequestValidation.answerInput(from: Array(#"{"ticket_id": "TKT-1", "content": "still broken"}"#.utf8))
        #expect(answer == AnswerInput(ticketID: "TKT-1", content: "still broken"))
        #expect(throws: ValidationError.self) { try RequestValidation.answerInput(from: Array(#"{"ticket_id": "TKT-1"}"#.utf8)) }
    }

    @Test func timestampsParseAndFormatToTheMicrosecond() {
        #expect(Timestamps.parse("2024-11-15T14:00:00Z") == 1_731_679_200_000_000)
        #expect(Timestamps.parse("2024-11-15T16:00:00.5+02:00") == 1_731_679_200_500_000)
        #expect(Timestamps.parse("2024-02-31T00:00:00Z") == nil)
        #expect(Timestamps.parse("2024-11-15 14:00:00Z") == nil)
        #expect(Timestamps.parse("2024-11-15T14:00:00") == nil)
        #expect(Timestamps.format(micros: 1_731_679_200_000_123) == "2024-11-15T14:00:00.000123Z")
    }
}
