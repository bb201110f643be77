import Testing
@testable import TriageEngine

/// Round 42: the rounds 40–42 lexicon passes (Japanese and Chinese, from the errors of those retired
/// unseen sets) and elapsed time in Japanese. Every text here was written for the test, not taken
/// from a split.
@Suite struct RoundFortyTwoRuleTests {
    @Test func aTimeAfterWhichSomethingHappenedIsNotADeadline() {
        // 後 is "later": told in the past it says when the failure came, not by when anything is due.
        let elapsed = sharedEngine.analyze(ticket("レポートの出力を始めて約20分後にタイムアウトしました。"))
        #expect(!elapsed.entities.contains { $0.kind == .deadline }, "\(elapsed.entities)")
        #expect(elapsed.sentiment.value != .urgent)
        // Still ahead, it is one.
        let ahead = sharedEngine.analyze(ticket("1時間後に役員会議があるので、それまでにレポートが必要です。"))
        #expect(ahead.entities.contains { $0.kind == .deadline && $0.normalized == "PT1H" })
    }

    @Test func theJapanesePastIsTheSentencesOwn() {
        let text = Array("2時間後に締め切りです。昨日はエラーになりました。".unicodeScalars)
        // From just after 後: the first sentence is in the present.
        #expect(!NumberEntities.toldInThePast(from: 4, text))
        #expect(NumberEntities.toldInThePast(from: 0, Array("20分後に止まりました".unicodeScalars)))
    }

    @Test func aDisabledAccountThatStillSignsInIsACompromise() {
        let decision = decide("员工账号停用后仍有登录记录，请马上查一下。", plan: "pro")
        #expect(decision.issueType.value == .securityIncident, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .critical)
    }

    @Test func handingTheOwnerRoleOverIsAnAccountSetting() {
        let analysis = analyze("前任者が退職したので、オーナー権限を私に移したいです。")
        #expect(analysis.issueType.value == .accountSettings)
        #expect(analysis.issueType.rule == "issue.highest_score", "a lexicon phrase, not only the learned model")
    }

    @Test func notAcceptingTheBillIsFrustrationInTheCustomersWords() {
        let analysis = analyze("この請求額には納得がいきません。説明してください。")
        #expect(analysis.sentiment.value == .frustrated)
        #expect(analysis.sentiment.rule != SentimentClassifier.learnedRule, "\(analysis.sentiment.signals)")
    }

    @Test func aSpacedEnglishWordIsOneCharacterOfAGap() {
        // 支持~吗 ("do you support … ?") around the product word written in English.
        let analysis = analyze("请问你们支持 SSO 吗？")
        #expect(analysis.issueType.value == .featureQuestion, "\(analysis.issueType.signals)")
        #expect(analyze("请问你们支持 SAML 吗？").issueType.signals.contains { $0.contains("\"支持 SAML 吗\"") })
        // A long Latin word is still one character, but the gap does not cross five other characters.
        #expect(analyze("请问你们支持导出全部历史订单吗？").issueType.signals.allSatisfy { !$0.contains("支持导出全部历史订单吗") })
    }

    @Test(arguments: [
        ["席を5つ追加したいのですが、どこからできますか？", "管理画面の「請求」→「ライセンス」から追加できます。",
         "追加できました。ただ、カードの明細を見ると追加分の日割り料金が同じ時刻に2回計上されています。"],
        ["我们想加5个席位，在哪里操作？", "在「账单」→「席位」里可以直接添加。",
         "已经加好了。不过信用卡账单上同一分钟出现了两笔一样的按比例费用。"],
    ])
    func anEarlierMessagesWordsDoNotCombineWithTheLatestOnes(turns: [String]) {
        // "追加" (add) in the latest message is not a plan change with the seats named two messages up: an
        // intent and a topic combine only within one message.
        let messages = turns.enumerated().map { ConversationMessage(role: $0.offset % 2 == 0 ? .customer : .agent, content: $0.element) }
        let analysis = sharedEngine.analyze(TicketText(messages: messages, subject: nil))
        #expect(analysis.issueType.value == .doubleCharge, "\(analysis.issueType.signals)")
    }
}
