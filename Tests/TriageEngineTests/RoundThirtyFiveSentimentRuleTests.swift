import Testing
@testable import TriageEngine

/// Round 35 (sentiment, on rounds 32 and 33): rules from the sentiment errors that recur across the
/// tuning splits. Every text here was written for the test, not taken from a split, and each one read
/// differently on the engine before its rule (guards read the same).
@Suite struct RoundThirtyFiveSentimentRuleTests {
    /// A letter of 2,000+ characters that thanks the team at length before a calm report.
    static let letter = """
        Dear team,

        I am the office manager of a small architecture practice in Leeds, and I have been meaning to write to you properly for a while, so please forgive the length of this message. We moved our whole project tracking onto your product about eighteen months ago, after years of juggling spreadsheets, sticky notes and a shared inbox that nobody really owned. The change has been remarkable. The boards are excellent, and the way our site photos attach straight to a task from a phone has saved our junior staff hours every week. Our two partners, who were sceptical at first, now open the weekly overview before anything else on a Monday morning.

        I also wanted to mention the client guest access. Our clients used to phone us throughout the day to ask which drawing was the current one; now they simply look at the board and leave a comment on the right version. It sounds like a small thing, but it has changed how our days feel, and I am grateful to whoever designed it.

        A little background on how we are set up, in case it helps. We have eleven people on the Pro plan, split across three teams: design, planning applications and site supervision. Each team has its own board, and we keep a fourth board for the office itself (holidays, equipment, insurance renewals). Most people use the web app on large monitors; the site team uses the phone app almost exclusively.

        Now to the actual reason for writing. Since the update at the start of this month, the calendar view on the planning board takes around twenty seconds to open, where it used to appear almost at once. The other boards and views are as quick as before. It does not stop us from working, since we can use the list view in the meantime, but our planning lead relies on the calendar for deadlines with the council, and she would be glad to have it back to normal.

        Could someone take a look when convenient? I can send screenshots or a screen recording of the delay, and I am happy to arrange a short call with our planning lead if that makes it easier.

        With kind regards,
        Margaret Ellison
        Office Manager
        """

    @Test func praiseInALongLetterIsNotSarcasm() throws {
        // Sentiment table: neutral is "factual, polite, no emotion"; sarcasm is never positive, but sincere
        // praise in a paragraph of its own in a long letter is not sarcasm next to the problem either.
        try #require(Self.letter.count >= SentimentClassifier.letterLength)
        let decision = decide(Self.letter, plan: "pro")
        #expect(decision.sentiment.value == .neutral, "\(decision.sentiment.signals)")
    }

    @Test func praiseNextToAProblemInAShortMessageIsStillSarcasm() {
        let decision = decide("The boards are excellent, really great work. But since the update the calendar view takes twenty seconds to open.",
                              plan: "pro")
        #expect(decision.sentiment.value == .frustrated, "\(decision.sentiment.signals)")
    }

    @Test(arguments: [
        "Hola, mi paquete con número de seguimiento 4471 todavía no ha llegado y lo necesito hoy antes de las 8. ¿Dónde está?",
        "Oye, ¿me recomiendas un buen restaurante para esta noche? Necesito reservar antes de las 7.",
        "Hola, mi paquete sigue sin llegar, ya van tres semanas. ¿Me dan el número de seguimiento?",
    ])
    func offTopicTimeOrAnnoyanceIsNeutral(text: String) {
        // Urgency table: off-topic messages are low, "nothing at stake"; urgent is time pressure on the
        // ticket. A deadline or a complaint about another company's parcel is not the customer's tone with us.
        let decision = decide(text, plan: nil)
        #expect(decision.issueType.value == .offTopic)
        #expect(decision.sentiment.value == .neutral, "\(decision.sentiment.signals)")
    }

    @Test(arguments: [
        "I see two charges of $30 on the 4th. No refund needed for now, I'd just like to understand why the renewal went through twice.",
        "There are two payments of 45 euros this month. Could you tell me whether the second one is a mistake or a workspace I forgot about?",
        "今月の請求が12人分になっているのですが、うちは10人で使っているのでよく分からなくて。確認をお願いできますか。",
    ])
    func wantingToUnderstandWhyIsConfused(text: String) {
        // Sentiment table: confused "asks why/how something happened", "I don't understand".
        let decision = decide(text, plan: "pro")
        #expect(decision.sentiment.value == .confused, "\(decision.sentiment.signals)")
    }

    @Test(arguments: [
        "Depuis mardi la recherche met dix secondes à répondre. C'est pas bloquant, mais c'est relou à la longue.",
        "我真是服了，付了钱的高级功能到现在还用不了，麻烦看一下。",
    ])
    func exasperationWordsAreFrustrated(text: String) {
        // Sentiment table: frustrated is "annoyance at failures or repetition": fr "relou", zh "真是服了".
        let decision = decide(text, plan: "pro")
        #expect(decision.sentiment.value == .frustrated, "\(decision.sentiment.signals)")
    }

    @Test(arguments: [
        ("专业版一个月多少钱？年付的价格又是多少？", "free"),
        ("想问一下，如果周末遇到紧急情况，有没有值班电话可以打？", "enterprise"),
        ("本月发票按30席计费，但我们合同是25席。请贵司核实后尽快开具更正后的发票。", "enterprise"),
    ])
    func chineseQuestionsAndCourtesyAreNeutral(text: String, plan: String) {
        // Sentiment table: neutral "factual, polite"; urgent only where "time pressure dominates". 又是多少
        // asks a second figure (no repetition), 遇到紧急情况 asks about a channel for an emergency, and
        // 核实后尽快 closes a report politely.
        let decision = decide(text, plan: plan)
        #expect(decision.sentiment.value == .neutral, "\(decision.sentiment.signals)")
    }
}
