import Testing
@testable import TriageEngine

/// Round 37 (Japanese): entries from the errors on round 37's Japanese tickets whose cause the policy
/// or a README reading names. Every text here was written for the test, not taken from a split, and
/// each one read differently on the engine before its entry.
@Suite struct RoundThirtySevenJapaneseRuleTests {
    private func conversation(_ turns: [(MessageRole, String)], plan: String = "pro") -> TriageDecision {
        let text = TicketText(messages: turns.map { ConversationMessage(role: $0.0, content: $0.1) }, subject: nil)
        return sharedEngine.triage(text, customer: CustomerContext(plan: plan, seats: 3), knowledge: KnowledgeResult(hits: []))
    }

    @Test func aRetentionOfferTakenTentativelyIsAPlanChange() {
        // Dev reading: a cancellation withdrawn after a retention offer is plan_change, medium,
        // route_specialist (staff apply the discount). もう少し続けてみます is "I'll keep going a while".
        let decision = conversation([
            (.customer, "来月で退会させてください。あまり使えていないので。"),
            (.agent, "承知しました。よろしければ次回から2か月、料金を30%お値引きすることもできます。"),
            (.customer, "なるほど、それならもう少しだけ続けてみます。値引きの適用をお願いします。"),
        ])
        #expect(decision.issueType.value == .planChange, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test func aWarningToUpdatePaymentDetailsIsNotACancellation() {
        // お支払い情報を更新しないと (unless the payment details are updated) quotes the app's warning about
        // a failed renewal payment; it is not 更新しない (not renewing). A failed payment of a paying
        // customer is medium and needs the billing team (round 28/30 readings).
        let decision = decide("今朝の自動更新でカードが通らなかったみたいです。「5日以内にお支払い情報を更新しないとプランが停止されます」と出ていますが、カード会社は問題ないと言っています。どうすればいいですか。")
        #expect(decision.issueType.value == .paymentFailed, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test func enoughAlreadyIsAnnoyanceNotAFeatureRequest() {
        // いい加減にしてほしいです ("enough already") after failed 2FA retries is annoyance at repetition
        // (policy: frustrated, "third time", "still not working"), not ほしいです asking for a feature
        // (a feature request is "would be nice": low, auto_respond). The failure is what routes.
        let decision = decide("時計は自動設定になってます。再起動もしたし、アプリも消して入れ直しました。それでも6桁のコードは無効。これで6回目ですよ。バックアップコードなんて保存してないし、いい加減にしてほしいです。",
                              plan: "free")
        #expect(decision.issueType.value == .loginFailure, "\(decision.issueType.signals)")
        #expect(decision.sentiment.value == .frustrated)
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test func staffWhoWantedToKeepTheToolDoNotWithdrawACancellation() {
        // Reading 6: cancellation of a paid plan is medium and always escalate_human. 続けたいという声
        // reports what the staff wished before the decision; it is not the customer staying after an
        // offer (the dev reading's plan_change), so the cancellation stands.
        let decision = decide("いつもお世話になっております。昨年Proプランに切り替えてから5ライセンスで使ってきました。現場からは続けたいという声もあったのですが、親会社の方針で別のシステムに統一することになりました。つきましては、3月末の更新をもって解約させていただきたく存じます。データを一括で書き出す方法も教えてください。")
        #expect(decision.issueType.value == .cancellation, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .escalateHuman)
    }

    @Test func keepingDataAsItIsIsNotAChangeStaffMustMake() {
        // Policy auto_respond: "a simple question with a clear knowledge-base answer"; account settings
        // from a pro customer with nothing at stake are low. そのまま ("as it is") is not のまま, the
        // cue for a paid change still not applied that staff must carry out.
        let decision = decide("サインインに使うメールアドレスを、今の個人アドレスから会社のアドレスに変更したいです。ファイルや共有設定はそのまま残りますか？")
        #expect(decision.issueType.value == .accountSettings, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .low)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func whereTheDocsSaySomethingIsADocumentationHowTo() {
        // Reading 10: how-to and feature questions take their topic (... documentation). Asking where in
        // the developer docs something is written (ドキュメントのどこかに載ってますか) is a how-to about the docs,
        // low and auto-answered for a pro customer; 載ってますか is not ますか asking whether a feature exists.
        let decision = decide("APIのページネーションの仕様を探しています。開発者向けドキュメントのどこかに載ってますか？")
        #expect(decision.issueType.value == .howTo, "\(decision.issueType.signals)")
        #expect(decision.productArea.value == .documentation)
        #expect(decision.urgency.value == .low)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func aFreeTeamAboutToOutgrowItsLimitAsksAPlanChangeQuestion() {
        // Policy urgency medium: "plan-change questions (including a free customer who wants to upgrade)";
        // a free team that will run short (足りなくなりそう) and asks about moving to Pro is not a bare
        // question about the plan's limits (low). How to upgrade has a knowledge-base answer.
        let decision = decide("来月から2人増えるので、メンバーの枠が足りなくなりそうです。Proにするなら月の途中からでも大丈夫ですか？", plan: "free")
        #expect(decision.urgency.value == .medium, "\(decision.urgency.signals)")
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func japaneseHandoutsAreNotTheChineseWordForData() {
        // Reading 10: a feature question takes its topic. Japanese 資料 is documents or handouts, not the
        // Traditional Chinese 資料 (data): a question about offline viewing stays in features.
        let decision = decide("タブレット版ってありますか？オフラインでも見られると、出張の移動中に会議の資料を確認できて助かります。", plan: "free")
        #expect(decision.issueType.value == .featureQuestion, "\(decision.issueType.signals)")
        #expect(decision.productArea.value == .features, "\(decision.productArea.signals)")
    }

    @Test func anInternalMemoAboutAMeetingRoomIsOffTopic() {
        // Policy: off-topic messages are general, low, answered politely (auto_respond). A colleague's
        // note about next week's meeting room sent to support by mistake is off_topic, not a greeting.
        let decision = decide("佐藤さん お疲れさまです。金曜の打ち合わせは15時からで大丈夫です。会議室は5階の小会議室を取っておきます。よろしくお願いします。",
                              plan: nil)
        #expect(decision.issueType.value == .offTopic, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .low)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func triedAgainAndItStillFailedIsFrustration() {
        // Policy: frustrated is "annoyance at failures or repetition (... "still not working")"; ダメでした
        // after the steps already tried says the retries failed.
        let decision = decide("招待メールを再送しても、別のブラウザで開いてもダメでした。リンクを押すと毎回「期限切れ」と出ます。")
        #expect(decision.sentiment.value == .frustrated, "\(decision.sentiment.signals)")
    }

    @Test func askingWhetherItIsMeantToTakeThisLongIsConfusion() {
        // Policy: confused "asks why/how something happened"; こんなに時間がかかるものなんですか asks whether
        // the delay is how it is supposed to work.
        let decision = decide("年払いに変更して請求も確定したのに、画面の表示はまだ月払いです。切り替えってこんなに時間がかかるものなんですか？")
        #expect(decision.sentiment.value == .confused, "\(decision.sentiment.signals)")
    }

    @Test func moneyTakenAndFeaturesMissingIsFrustrationNotConfusion() {
        // Policy escalate_human names "a frustrated customer with a complex multi-issue complaint (e.g.
        // overcharged and paid features missing)"; 機能は使えないって、どういうことですか is rhetorical there.
        let decision = decide("Teamプランに上げたら、案内の倍の金額が引き落とされていました。なのに追加されるはずのワークフロー機能は使えないって、どういうことですか。お金だけしっかり取られているんですが。")
        #expect(decision.sentiment.value == .frustrated, "\(decision.sentiment.signals)")
    }

    @Test func wonderingWhetherDataWillBeDeletedIsWorry() {
        // Policy: worried is "concern without anger ("I'm a bit worried", "is my data safe?")".
        let decision = decide("チームプランから無料プランに戻したら、上限を超えている分のプロジェクトが削除されたりしないか気になっています。")
        #expect(decision.sentiment.value == .worried, "\(decision.sentiment.signals)")
    }

    @Test func aBankThatSaysTheCardIsFineContradictsTheFailure() {
        // Policy: confused covers "contradicting information": the payment fails while the bank says the
        // card is fine. A failed renewal of a paying customer is medium and routed (round 28/30 readings).
        let decision = decide("年額プランの更新で決済エラーになりました。銀行に確認したら、カードは止まっていないし残高も問題ないと言われました。")
        #expect(decision.sentiment.value == .confused, "\(decision.sentiment.signals)")
        #expect(decision.issueType.value == .paymentFailed)
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test func somehowInAStatementDoesNotAskWhy() {
        // Policy: confused "asks why/how something happened"; なぜか is "somehow" in a statement of what
        // happened (the three ja tickets with it in the tuning splits are neutral or worried), not なぜ.
        let decision = decide("請求書のメールがなぜか全部英語で届きます。日本語に切り替える設定はどこにありますか？")
        #expect(decision.sentiment.value == .neutral, "\(decision.sentiment.signals)")
        let leak = decide("顧客名簿を入れたフォルダの共有設定が、なぜか「リンクを知っている全員」になっていました。外部から開かれた記録もあります。設定は戻しましたが、この後どう対応すべきでしょうか。",
                          plan: "enterprise")
        #expect(leak.sentiment.value != .confused, "\(leak.sentiment.signals)")
    }
}
