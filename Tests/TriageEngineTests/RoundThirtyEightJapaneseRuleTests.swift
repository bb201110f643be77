import Testing
@testable import TriageEngine

/// Round 38 (Japanese): entries from the errors on round 38's Japanese tickets whose cause the policy
/// or a README reading names. Every text here was written for the test, not taken from a split, and
/// each one read differently on the engine before its entry.
@Suite struct RoundThirtyEightJapaneseRuleTests {
    @Test func anAMClockTimeIsWhenTheOutageStartedNotADeadline() {
        // 午前 ("a.m.") ends in 前 ("before"), a deadline word: 午前9時頃から is when the outage began, not a
        // deadline within hours. A calm enterprise outage is neutral (policy: neutral "factual, polite";
        // reading 2, a calm outage stays critical).
        let decision = decide("いつもお世話になっております。本日午前9時頃から、全社でTriageの画面が開けない状態です。ステータスページは正常と表示されています。ご確認をお願いいたします。",
                              plan: "enterprise")
        #expect(decision.sentiment.value == .neutral, "\(decision.sentiment.signals)")
        #expect(decision.urgency.value == .critical)
    }

    @Test func atLeastSevenYearsIsNotTheWorst() {
        // 最低 before an amount is "at least" (最低5年間), not 最低 "the worst": a calm enterprise feature
        // request is neutral (policy: angry is "hostility, insults"), low on every plan (reading 7).
        let decision = decide("添付ファイルの保管期間について、社内規程で最低5年間の保存が必要です。保存期間を延ばす機能の追加をご検討いただけますでしょうか。",
                              plan: "enterprise")
        #expect(decision.sentiment.value == .neutral, "\(decision.sentiment.signals)")
    }

    @Test func filteringCardsPerAssigneeIsAFeatureNotSupport() {
        // Reading 10: how-to questions take their topic. 担当者ごと ("per assignee") is a board filter, not
        // the support contact (担当者) the support topic names.
        let decision = decide("ボードのカードを担当者ごとに絞り込んで表示するやり方ってありますか？")
        #expect(decision.productArea.value != .support, "\(decision.productArea.signals)")
        #expect(decision.issueType.value != .contactSupport, "\(decision.issueType.signals)")
    }

    @Test func whereTheDocsSayItIsADocumentationHowTo() {
        // Reading 10: how-to and feature questions take their topic (... documentation). どこに書いてありますか
        // asks where something is written, not ありますか whether a feature exists. Low, auto_respond.
        let decision = decide("APIのタイムアウト値の上限って、リファレンスのどこに書いてありますか？")
        #expect(decision.issueType.value == .howTo, "\(decision.issueType.signals)")
        #expect(decision.productArea.value == .documentation, "\(decision.productArea.signals)")
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func onTenterhooksIsWorry() {
        // Policy: worried is "concern without anger ("I'm a bit worried", "is my data safe?")"; 気が気じゃない
        // is "I can't stop worrying".
        let decision = decide("共有リンクを社外の人に送ってしまったかもしれません。中身を見られていたらと思うと気が気じゃないです。アクセス履歴を確認できますか？")
        #expect(decision.sentiment.value == .worried, "\(decision.sentiment.signals)")
    }

    @Test func lessThanHoursLeftForABlockedTeamIsCritical() {
        // Policy critical: "a hard deadline within hours for a blocked team" (any plan; reading 3).
        // もう2時間切ってます is "less than two hours left".
        let decision = decide("チーム全員、朝から画面が真っ白で何も開けません。17時に見積もりを出さないといけないのに、もう2時間切ってます。")
        #expect(decision.urgency.value == .critical, "\(decision.urgency.signals)")
        #expect(decision.recommendedAction.value == .escalateHuman)
    }

    @Test func aFreeUserThinkingOfGoingProAsksAPlanChange() {
        // Policy medium: "plan-change questions (including a free customer who wants to upgrade)".
        // Proにしようかと思ってます is "I'm thinking of going Pro".
        let decision = decide("無料版で使っていますが、来月からProにしようかと思ってます。年払いにすると安くなりますか？", plan: "free")
        #expect(decision.urgency.value == .medium, "\(decision.urgency.signals)")
    }

    @Test func aBoardAllStaffCanSeeIsExposedData() {
        // Dev reading: sensitive data visible to the wrong people through sharing or roles is
        // security_incident, product_area data, critical.
        let decision = decide("評価面談のメモを入れたボードが、全社員が見られる状態になっていました。人事部だけに限定していたはずです。どこまで見られたか調べてもらえますか。",
                              plan: "enterprise")
        #expect(decision.issueType.value == .securityIncident, "\(decision.issueType.signals)")
        #expect(decision.productArea.value == .data, "\(decision.productArea.signals)")
    }

    @Test func cardsGoneFromABoardAreDataLoss() {
        // Reading 3 and 11: data loss, and many exclamation marks at a loss are panic. A board's cards
        // (カード) are its data, not a payment card; 全部ない is "all gone".
        let cards = decide("プロジェクトのボードを開いたら、昨日作ったカードが消えてます！！どうすればいいんですか！！", plan: "enterprise")
        #expect(cards.issueType.value == .dataLoss, "\(cards.issueType.signals)")
        #expect(cards.urgency.value == .critical)
        let notes = decide("え、先週書いた議事録が全部ないんだけど！？3日分のメモが入ってたのに！！")
        #expect(notes.issueType.value == .dataLoss, "\(notes.issueType.signals)")
        #expect(notes.sentiment.value == .panicked, "\(notes.sentiment.signals)")
    }

    @Test func howImpressiveNextToAFailureIsSarcasm() {
        // Reading 11: sarcasm is never positive; reading 2: a free user's repeated failed attempts with
        // frustration are high. The rules must read the tone for urgency to see it.
        let decision = decide("パスワード再設定のメールを5回送ってもらいましたが、まだ届きません。さすがですね。", plan: "free")
        #expect(decision.sentiment.value == .frustrated, "\(decision.sentiment.signals)")
        #expect(decision.urgency.value == .high, "\(decision.urgency.signals)")
    }

    @Test func itWouldBeNiceIsAPoliteWishNotPraise() {
        // Policy: positive is "thanks, praise"; 〜できたらうれしいです ("it would be nice if") is the polite
        // form of a wish in a feature question: neutral.
        let decision = decide("カレンダー表示って週の始まりを月曜にできますか？できたらうれしいんですけど。")
        #expect(decision.sentiment.value == .neutral, "\(decision.sentiment.signals)")
    }

    @Test func aStepTriedWithTheFailureUnchangedIsFrustration() {
        // Policy: frustrated is "annoyance at failures or repetition (... "still not working")": the
        // customer tried a fix and nothing changed.
        let decision = decide("PDF出力ができません。キャッシュを消しても同じでした。ログの場所を教えていただけますか。")
        #expect(decision.sentiment.value == .frustrated, "\(decision.sentiment.signals)")
    }
}
