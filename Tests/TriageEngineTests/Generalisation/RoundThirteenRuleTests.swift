import Testing
@testable import TriageEngine

/// Rules added in round 13 (docs/quality.md, "Twelfth and thirteenth rounds"), each checked on
/// wording other than the tickets that showed the gap.
@Suite struct RoundThirteenRuleTests {
    @Test func aDataProtectionLetterIsNotAboutMoneyForAStrayWord() {
        // "reçu" (received) is also "receipt": a topic word alone does not make the letter a billing matter.
        let decision = decide("Je n'ai reçu aucune réponse à ma demande d'accès à mes données personnelles ; sans réponse sous huit jours je saisirai la CNIL.")
        #expect(decision.issueType.value == .legalThreat)
        #expect(decision.ticketType.value == .general, "\(decision.ticketType.signals)")
        // A chargeback threat over a charge is still billing.
        #expect(decide("You charged me 300 € after I cancelled; refund it or I will file a chargeback with my bank.").ticketType.value == .billing)
    }

    @Test func aCompromiseOutweighsTheAccountChangesItCaused() {
        let text = "收到邮件提醒说我的账号在国外登录过，成员列表里多了一个管理员，我们没人认识。密码我先改了，请问怎么查对方做了什么，怎么把其他设备都踢下线？"
        let decision = decide(text)
        #expect(decision.issueType.value == .securityIncident, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .critical)
    }

    @Test func aFreeCustomerWhoWantsToUpgradeAsksAPlanChangeQuestion() {
        // Policy: "plan-change questions (including a free customer who wants to upgrade)" are medium.
        let upgrade = decide("Small school here, using the free version. We want go to Pro for 6 teachers. Can we pay yearly instead of monthly?", plan: "free")
        #expect(upgrade.urgency.value == .medium, "\(upgrade.urgency.rule)")
        // A price question without that intent stays low.
        #expect(decide("On the free plan, how many guests can we invite, and is there a nonprofit discount if we go to Pro?", plan: "free").urgency.value == .low)
    }

    @Test func notTheEndOfTheWorldIsNotUrgent() {
        let decision = decide("Der CSV-Export bricht immer wieder ab, ich hab es schon fünfmal versucht, echt nervig. Ist jetzt kein Weltuntergang.")
        #expect(decision.urgency.value == .medium, "\(decision.urgency.rule)")
    }

    @Test func anErrorForEveryoneInOneSectionIsNotAnOutage() {
        // The rest of the platform works: a major feature broken (high), not nobody able to work (critical).
        let decision = decide("La sezione Report restituisce errore 500 per tutti gli utenti, il resto della piattaforma funziona regolarmente.",
                              plan: "enterprise")
        #expect(decision.urgency.value == .high, "\(decision.urgency.rule)")
    }

    @Test func anAddOnChargedButStillLockedGoesToBilling() {
        let decision = decide("Ho acquistato il pacchetto Automazioni, l'importo è stato addebitato ma le regole sono ancora bloccate.")
        #expect(decision.issueType.value == .planChange)
        #expect(decision.recommendedAction.value == .routeSpecialist, "\(decision.recommendedAction.rule)")
    }
}
