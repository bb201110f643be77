import Testing
@testable import TriageEngine

/// Round 16 (docs/quality.md, "Sixteenth round"): the small lexicons of nl, ru, hi, ar, ko, vi and id.
@Suite struct RoundSixteenRuleTests {
    @Test func aKoreanSyncFailureIsNotAnger() {
        // Korean is matched as a string of characters: 화가 ("anger") sits inside 동기화가 ("the sync …").
        #expect(analyze("Slack이 동기화가 안 돼요").sentiment.value != .angry)
        #expect(analyze("정말 화가 나요. 환불해 주세요").sentiment.value == .angry)
    }
}
