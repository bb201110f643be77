import Testing
@testable import TriageEngine

/// Rules added in rounds 9 and 10 (docs/quality.md, "Eighth to tenth rounds"): each holds for
/// wording beyond the tickets that showed the gap.
@Suite struct RequestAndTimeCueTests {
    @Test func aMoneyRequestAfterThanksIsWhatTheCustomerNeedsNow() {
        let cancel = decide("Danke, hat geklappt. Dann bitte ich Sie jetzt auch um die Kündigung unseres Abos zum Ende der Laufzeit.", plan: "pro")
        #expect(cancel.issueType.value == .cancellation, "\(cancel.issueType.signals)")
        #expect(cancel.recommendedAction.value == .escalateHuman)
        // A thank-you that mentions what was fixed stays a thank-you.
        let thanks = decide("Petit message pour remercier Léa : hier elle a repris l'import Salesforce, les fiches en double sont nettoyées et tout est rentré dans l'ordre. Service impeccable !", plan: "pro")
        #expect(thanks.issueType.value == .compliment, "\(thanks.issueType.signals)")
        #expect(thanks.urgency.value == .low)
    }

    @Test func aPlainUpgradeQuestionIsStillAnswered() {
        let decision = decide("How do I upgrade from Free to Pro? Is it paid monthly?", plan: "free")
        #expect(decision.recommendedAction.value == .autoRespond, "\(decision.recommendedAction.rule)")
    }

    @Test func aClockTimeFollowedByTodayOrAnObligationIsADeadline() {
        let french = decide("URGENT – toute l'équipe tombe sur « Erreur 500 » dès qu'on ouvre un projet. On rend un dossier d'appel d'offres à 17h aujourd'hui.", plan: "pro")
        #expect(french.entities.contains { $0.kind == .deadline && $0.normalized == "before:17:00" })
        #expect(french.urgency.value == .critical)
        let spanish = decide("Ninguno de los 5 del equipo puede abrir el workspace, sale Error 500. A las 3 pm tenemos que entregar la propuesta.", plan: "pro")
        #expect(spanish.entities.contains { $0.kind == .deadline && $0.normalized == "before:15:00" })
        #expect(spanish.urgency.value == .critical)
        // One person with a deadline within hours is high, not critical: critical needs a team.
        let one = decide("The CSV export has been stuck at 99% for an hour and I need it for a client call at 2pm today.", plan: "pro")
        #expect(one.urgency.value == .high, "\(one.urgency.rule)")
        // A time something happened is not a deadline.
        #expect(!analyze("Depuis 13h la page des projets affiche une erreur.").entities.contains { $0.kind == .deadline })
    }

    @Test func askingWhetherSomethingIsPlannedAsksForIt() {
        #expect(analyze("请问这个钉钉集成有排期吗？我们下半年还有150人要接入。").issueType.value == .featureRequest)
        #expect(analyze("La sincronizzazione dei gruppi Azure AD è prevista nella roadmap?").issueType.value == .featureRequest)
    }

    @Test func aSetUpAccountIsNotAThankYou() {
        let text = "我们通过 SCIM 同步了 23 位新同事，账号都建好了，也能正常登录，但一点进工作区就提示“403：您没有访问此工作区的权限”。"
        let decision = decide(text, plan: "enterprise")
        #expect(decision.issueType.value == .accessDenied, "\(decision.issueType.signals)")
        // "It works now after the update" still is.
        #expect(analyze("更新完好了！你们回得也太快了吧 👍").issueType.value == .compliment)
    }

    @Test func dataThatDidNotGrowIsNotABill() {
        let text = "รายงานสรุปประจำสัปดาห์เปิดทีนึงเกือบนาที เดือนที่แล้วยังเปิดแป๊บเดียวเอง ข้อมูลก็ไม่ได้เพิ่มขึ้นเยอะ ช่วยดูให้หน่อยค่ะ"
        #expect(analyze(text).ticketType.value != .billing)
    }

    @Test func ordersThatStopArrivingHoldTheTeamUp() {
        // Round 10. Policy: "an integration erroring and holding the team up" is high for pro.
        for text in ["Hi, since the Shopify app update no new orders come through, the integration log shows 401 Unauthorized.",
                     "Depuis mardi les commandes ne rentrent plus dans nos tableaux, l'intégration Shopify affiche une erreur."] {
            let decision = decide(text, plan: "pro")
            #expect(decision.issueType.value == .integration, "\(decision.issueType.signals)")
            #expect(decision.urgency.value == .high, "\(text): \(decision.urgency.rule)")
        }
        // An integration failing with no one held up stays medium.
        #expect(decide("The Slack integration stopped sending notifications.", plan: "pro").urgency.value == .medium)
    }
}
