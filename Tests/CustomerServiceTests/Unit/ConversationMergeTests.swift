@testable import CustomerService
import Testing
import TriageContracts

@Suite("ConversationMerge")
struct ConversationMergeTests {
    let now: Int64 = 5_000_000

    func stored(_ contents: [String], from start: Int64 = 100) -> [StoredMessage] {
        contents.enumerated().map { StoredMessage(role: "human", content: $1, createdAtMicros: start + Int64($0)) }
    }

    func incoming(_ contents: [String], at micros: Int64 = 0) -> [TicketMessage] {
        contents.map { TicketMessage(role: .customer, content: $0, createdAtMicros: micros) }
    }

    @Test func anEmptyTicketTakesEverythingWithIncreasingTimes() {
        let outcome = ConversationMerge.merge(stored: [], incoming: incoming(["a", "b", "c"], at: 42), nowMicros: now)
        #expect(outcome == .append([
            StoredMessage(role: "human", content: "a", createdAtMicros: 42),
            StoredMessage(role: "human", content: "b", createdAtMicros: 43),
            StoredMessage(role: "human", content: "c", createdAtMicros: 44),
        ]))
    }

    @Test func unknownTimesStartAtNowAndFollowThePreviousMessage() {
        guard case .append(let new) = ConversationMerge.merge(stored: [], incoming: incoming(["a", "b"]), nowMicros: now) else {
            Issue.record("expected an append")
            return
        }
        #expect(new.map(\.createdAtMicros) == [now, now + 1])
    }

    @Test func laterTimesAreKeptAndEarlierOnesMovedAfterThePrevious() {
        let messages = [TicketMessage(role: .customer, content: "a", createdAtMicros: 1000),
                        TicketMessage(role: .reply, content: "b", createdAtMicros: 5000),
                        TicketMessage(role: .note, content: "c", createdAtMicros: 10)]
        let assigned = ConversationMerge.assignTimestamps(messages[...], after: nil, nowMicros: now)
        #expect(assigned.map(\.createdAtMicros) == [1000, 5000, 5001])
        #expect(assigned.map(\.role) == ["human", "ai", "system"])
    }

    @Test func theSameConversationAgainIsNothingNew() {
        #expect(ConversationMerge.merge(stored: stored(["a", "b"]), incoming: incoming(["a", "b"]), nowMicros: now) == .nothingNew)
        #expect(ConversationMerge.merge(stored: stored(["a", "b"]), incoming: incoming(["a"]), nowMicros: now) == .nothingNew)
    }

    @Test func aLongerVersionAppendsOnlyTheRestAfterTheLastStoredTime() {
        let outcome = ConversationMerge.merge(stored: stored(["a", "b"], from: 100), incoming: incoming(["a", "b", "c"], at: 50), nowMicros: now)
        #expect(outcome == .append([StoredMessage(role: "human", content: "c", createdAtMicros: 102)]))
    }

    @Test func aDifferentRoleOrContentIsAConflictAtThatMessage() {
        #expect(ConversationMerge.merge(stored: stored(["a", "b"]), incoming: incoming(["a", "x", "c"]), nowMicros: now) == .conflict(index: 1))
        var roles = incoming(["a", "b"])
        roles[0].role = .agent
        #expect(ConversationMerge.merge(stored: stored(["a", "b"]), incoming: roles, nowMicros: now) == .conflict(index: 0))
    }

    @Test func agentAndReplyAreBothStoredAsAI() {
        var messages = incoming(["a", "b"])
        messages[0].role = .agent
        messages[1].role = .reply
        let stored = [StoredMessage(role: "ai", content: "a", createdAtMicros: 1), StoredMessage(role: "ai", content: "b", createdAtMicros: 2)]
        #expect(ConversationMerge.merge(stored: stored, incoming: messages, nowMicros: now) == .nothingNew)
    }
}
