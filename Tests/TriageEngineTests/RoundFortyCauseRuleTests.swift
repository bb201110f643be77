import Testing
@testable import TriageEngine

/// Rounds 40-42 (Japanese and Chinese): the general causes behind a few misreads, each a construction
/// rather than a ticket's phrase. Every text here was written for the test, not taken from a split, and
/// each one read differently on the engine (data 2026.12.6.55) before its entry.
@Suite struct RoundFortyCauseRuleTests {
    // MARK: Han text with no kana

    @Test(arguments: ["不具合発生", "至急確認", "大至急"])
    func japaneseFormsWithoutKanaAreJapanese(text: String) {
        // Policy: language is "ISO 639-1 of the customer's text". Script alone reads a kana-free text as
        // Chinese; 発 (Chinese 发/發) and the word 至急 (Chinese writes 紧急) are written only in Japanese.
        let language = analyze(text).language
        #expect(language.value == "ja", "\(language.signals)")
    }

    @Test(arguments: ["至急，帮帮忙", "請盡快處理", "緊急", "求助", "有冇人喺度？", "對帳單有問題，請至急處理"])
    func chineseFormsOrSharedOnesStayChinese(text: String) {
        // A Chinese-only form (帮, 們, 冇) outweighs any Japanese one; forms both write (緊急, 求助) stay Chinese.
        let language = analyze(text).language
        #expect(language.value == "zh", "\(language.signals)")
    }

    // MARK: a mask over a Cantonese rewrite

    @Test func aHowWordInsideWhatNowInCantoneseIsNoHowTo() {
        // 點算 is read as 怎么办 ("what do I do now?"), a mask of the how-to 怎么 inside it. Both stand for
        // the written 點算, so the mask must be compared in the text they were found in (3 against 2).
        let text = "部手機用唔到，點算？"
        let lexicon = sharedEngine.data.lexicon
        let howTo = lexicon.hits(in: NormalizedText(text), language: "zh").filter {
            lexicon.entries[$0.entry].kind == .intent && lexicon.entries[$0.entry].label == "howto"
        }
        #expect(howTo.isEmpty, "\(howTo.map { lexicon.entries[$0.entry].pattern })")
        // Policy: a vague "it's not working" is unclear, medium, route_specialist.
        let decision = decide(text, plan: "free")
        #expect(decision.issueType.value == .unclear, "\(decision.issueType.signals)")
        #expect(decision.recommendedAction.value == .routeSpecialist)
        // 點樣 ("how") is no mask's: it still asks how.
        #expect(decide("點樣開新project？", plan: "free").issueType.value == .howTo)
    }

    // MARK: a charge the customer never ordered

    @Test func aChargeNeverSignedUpForIsBillingNotACompromise() {
        // 身に覚えのない alone is also an unrecognised login (security); the item never signed up for
        // (申し込んでいません) names what is unrecognised: a charge. Policy: billing, a wrong charge is high.
        let decision = decide("先月の明細に身に覚えのない「Storage Plus ¥1,200」が載っています。こんなもの申し込んでいません。確認をお願いします。")
        #expect(decision.ticketType.value == .billing, "\(decision.issueType.signals)")
        #expect(decision.issueType.value == .overcharge, "\(decision.issueType.signals)")
    }

    @Test func aChargebackOverAChargeTakenWithoutAskingIsALegalThreatAboutMoney() {
        // Policy: "a refund demand wrapped in a legal threat" is billing; a chargeback threat is critical.
        let decision = decide("身に覚えのない「Team Seats x3」が追加されています。勝手に請求するなら、カード会社にチャージバックを申請します。")
        #expect(decision.issueType.value == .legalThreat, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .billing)
        #expect(decision.urgency.value == .critical)
    }

    @Test func anUnauthorisedChargeIsBillingInChinese() {
        // 未经授权的扣款 ("an unauthorised charge") holds 未经授权 ("unauthorised", a compromise): the longer
        // phrase must outweigh the word inside it.
        let decision = decide("信用卡账单上出现一笔未经授权的扣款 ¥68，请帮忙核实一下。")
        #expect(decision.ticketType.value == .billing, "\(decision.issueType.signals)")
        #expect(decision.issueType.value != .securityIncident)
    }

    // MARK: the company named is not everyone hit

    @Test func companyWideUseAndADeniedStoppageAreNoMassImpact() {
        // 全社的に活用 (used company-wide) and 全社的な業務停止には至っておりません (no company-wide stoppage):
        // policy critical needs a blocked team; an enterprise customer's broken export is high.
        let decision = decide("いつもお世話になっております。弊社では貴社サービスを全社的に活用しております。本日、CSVエクスポートを何度試してもエラーで失敗します。なお、全社的な業務停止には至っておりません。本日中に結果が必要です。",
                              plan: "enterprise")
        #expect(decision.urgency.value == .high, "\(decision.urgency.signals)")
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test func anInHouseAdminIsNotTheWholeCompany() {
        // 社内の管理者 ("our in-house admin") is one person asked; 社内の約50名 (50 people) are many hit.
        let admin = decide("社内の管理者にも確認しましたが、SSOでログインできません。本日中に対応をお願いします。", plan: "enterprise")
        #expect(admin.urgency.value == .high, "\(admin.urgency.signals)")
        let many = decide("社内の約50名が朝からログインできません。本日15時までに提出する資料があり、全く作業できません。")
        #expect(many.urgency.value == .critical, "\(many.urgency.signals)")
    }

    @Test func aCompanyWithItsHeadcountInBracketsIsTheTeamHit() {
        // 我们公司（6人）都无法登录 with a deadline this afternoon: policy critical, "a hard deadline within
        // hours for a blocked team", on any plan.
        let decision = decide("紧急：我们公司（6人）从早上开始都无法登录，系统显示 503。今天下午4点前必须交报告！")
        #expect(decision.urgency.value == .critical, "\(decision.urgency.signals)")
        #expect(decision.recommendedAction.value == .escalateHuman)
    }
}
