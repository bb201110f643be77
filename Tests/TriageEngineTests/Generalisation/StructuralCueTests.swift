import Testing
@testable import TriageEngine

/// Structural rules added while tuning on train + dev-a: they hold for phrasing no lexicon lists.
@Suite struct StructuralCueTests {
    @Test func traditionalChineseFoldsToSimplified() {
        // Folding is scalar for scalar, so offsets stay valid; 帳 and 帐 both fold to 账.
        #expect(ScalarFolding.fold("發") == "发")
        #expect(ScalarFolding.fold("帳") == "账")
        #expect(ScalarFolding.fold("帐") == "账")
        #expect(ScalarFolding.fold("账") == "账")
        #expect(NormalizedText("退款").folded == NormalizedText("退款").folded)
        // A lexicon written in simplified characters finds the traditional wording.
        #expect(analyze("帳單上同一筆訂閱費被扣了兩次").issueType.value == .doubleCharge)
        #expect(analyze("請問怎麼匯出報表？").issueType.value == .howTo)
    }

    @Test func aWordOfTheTicketsLanguageIsNotAnotherLanguagesPattern() {
        // French "pris en charge" (supported) is not the English billing word `charge`.
        let supported = analyze("Bonjour, est-ce que l'import de fichiers Excel est pris en charge ? Merci")
        #expect(supported.ticketType.value == .general, "\(supported.issueType.signals)")
        // No English billing reading of the word (the French phrase itself may be quoted).
        #expect(!supported.issueType.signals.contains { $0.contains("\"charge\"") || $0.contains("billing") }, "\(supported.issueType.signals)")
        #expect(supported.ticketType.rule == "ticket_type.from_issue")
        // Italian and Portuguese "data" is a date, not the English `data`.
        #expect(analyze("Come posso cambiare la data di scadenza di un progetto? Grazie").productArea.value != .data)
        // In an English ticket the same words keep their meaning.
        #expect(analyze("Why is there a charge of 40 USD on my card? I didn't buy anything.").ticketType.value == .billing)
        let lexicon = sharedEngine.data.lexicon
        let english = lexicon.hits(in: NormalizedText("All our project data is gone after the update"), language: "en")
        #expect(english.contains { lexicon.entries[$0.entry].kind == .topic && lexicon.entries[$0.entry].label == "data" })
    }

    @Test func aMaskHidesOnlyOtherLanguagesPatternsInsideIt() {
        let lexicon = sharedEngine.data.lexicon
        let text = NormalizedText("le module est pris en charge")
        let hits = lexicon.matcher.hits(in: text)
        #expect(hits.contains { lexicon.entries[$0.entry].kind == .mask })
        let inFrench = lexicon.hits(in: text, language: "fr")
        #expect(!inFrench.contains { lexicon.entries[$0.entry].kind == .mask })
        #expect(!inFrench.contains { lexicon.entries[$0.entry].language == "en" && lexicon.entries[$0.entry].label == "payment" })
        // Read as another language, the French mask does not apply (masks themselves never count).
        let otherwise = lexicon.hits(in: text, language: "en")
        #expect(otherwise.contains { lexicon.entries[$0.entry].label == "payment" })
        #expect(!otherwise.contains { lexicon.entries[$0.entry].kind == .mask })
    }

    @Test func aMaskHidesShorterPatternsOfItsOwnLanguage() {
        // Thai has no spaces: แผน ("plan") is inside แผนก ("department").
        let lexicon = sharedEngine.data.lexicon
        let department = lexicon.hits(in: NormalizedText("ผมจะย้ายไปอยู่แผนกอื่นเดือนหน้า"), language: "th")
        #expect(!department.contains { lexicon.entries[$0.entry].kind == .topic && lexicon.entries[$0.entry].label == "plan" })
        let plan = lexicon.hits(in: NormalizedText("อยากเปลี่ยนแผนเป็นรายปีค่ะ"), language: "th")
        #expect(plan.contains { lexicon.entries[$0.entry].kind == .topic && lexicon.entries[$0.entry].label == "plan" })
        let transfer = analyze("สวัสดีครับ ผมจะย้ายไปอยู่แผนกอื่นเดือนหน้า อยากโอนสิทธิ์ Owner ของ workspace ให้คุณวิภาวรรณ ผมทำเองในหน้า Settings ได้เลยไหมครับ")
        #expect(transfer.ticketType.value != .billing, "\(transfer.issueType.signals)")
    }

    @Test func patternsDoNotCrossSentences() {
        // "…nicht. Ich…" is not the phrase "nicht ich" / "war ich nicht".
        let text = "Den Zettel mit den Codes finde ich nicht. Ich habe alles durchsucht und brauche Hilfe beim Anmelden."
        #expect(analyze(text).issueType.value != .securityIncident)
    }

    @Test func theRestWorkingKeepsAnEnterpriseFailureHighNotCritical() {
        let broken = "Search returns 500 Internal Server Error for the whole company."
        #expect(decide(broken, plan: "enterprise").urgency.value == .critical)
        let scoped = "Search returns 500 Internal Server Error for the whole company. Everything else works."
        let decision = decide(scoped, plan: "enterprise")
        #expect(decision.urgency.value == .high)
        #expect(decision.recommendedAction.value == .routeSpecialist)
    }

    @Test func aWorkaroundOrNotUrgentKeepsAnEnterpriseGlitchMedium() {
        #expect(decide("The Gantt view sometimes shows HTTP 504, a reload fixes it. No emergency.", plan: "enterprise").urgency.value == .medium)
        #expect(decide("The Gantt view shows HTTP 504 every time.", plan: "enterprise").urgency.value == .high)
    }

    @Test func aRepeatedAmountIsADuplicateCharge() {
        let decision = decide("My card statement shows 19.99 EUR on 2 May and 19.99 EUR on 2 May from you.", plan: "pro")
        #expect(decision.issueType.value == .doubleCharge)
        #expect(decision.recommendedAction.value == .escalateHuman)
    }

    @Test func theRefundOfADuplicateIsTheDuplicate() {
        #expect(analyze("You charged me twice for May, please refund one of the two charges.").issueType.value == .doubleCharge)
    }

    @Test func aRefundDemandOutweighsThePlanQuestionAroundIt() {
        let decision = decide("Our renewal upgraded us to the annual plan with 3 extra licenses we had removed. Refund those 3 licenses.", plan: "pro")
        #expect(decision.issueType.value == .refundRequest)
        #expect(decision.urgency.value == .high)
    }

    @Test func anUnmatchedFailureIsTechnicalAndFollowsThePlan() {
        // No phrase names the feature; the failure and its length make it a technical problem.
        let text = "Since this morning the thing we use every day does not work anymore for me and I tried everything"
        let decision = decide(text, plan: "enterprise")
        #expect(decision.ticketType.value == .technical)
        #expect(decision.issueType.rule == "issue.unmatched_problem")
        #expect(decision.urgency.value == .high)
        #expect(decision.recommendedAction.value == .routeSpecialist)
        // A bare "it's not working" stays a vague report.
        #expect(decide("it's not working", plan: "pro").ticketType.value == .general)
    }

    @Test func anUnmatchedQuestionIsAHowTo() {
        let decision = decide("Can the colour of the sidebar follow our brand palette somehow?", plan: "free")
        #expect(decision.issueType.value == .howTo)
        #expect(decision.recommendedAction.value == .autoRespond)
        #expect(decision.urgency.value == .low)
    }

    @Test func aSelfServe2FAQuestionIsAnswered() {
        let decision = decide("I changed phones and the authenticator app is empty. I still have my backup codes, how do I use them?", plan: "free")
        #expect(decision.issueType.value == .loginFailure)
        #expect(decision.recommendedAction.value == .autoRespond)
        #expect(decide("I changed phones and the authenticator app is empty, I can't log in.", plan: "free").recommendedAction.value == .routeSpecialist)
    }

    @Test func anOverchargeWithPaidFeaturesMissingEscalatesWhenFrustrated() {
        let text = "Third email about this. We're billed for add-ons we never see in our workspace and the invoice is $200 higher than last month."
        let decision = decide(text, plan: "pro")
        #expect(decision.issueType.value == .overcharge)
        #expect(decision.sentiment.value == .frustrated)
        #expect(decision.recommendedAction.value == .escalateHuman)
    }

    @Test func aDamagesClaimIsALegalThreatAboutMoney() {
        let decision = decide("Der Ausfall hat uns einen Produktionsstillstand verursacht. Wir werden Schadenersatz geltend machen.", plan: "enterprise")
        #expect(decision.issueType.value == .legalThreat)
        #expect(decision.ticketType.value == .billing)
        #expect(decision.urgency.value == .critical)
    }

    @Test func sensitiveDataSeenByTheWrongPersonIsASecurityIncidentAboutData() {
        let decision = decide("Since the role change our intern can see the boards with everyone's salary data.", plan: "pro")
        #expect(decision.issueType.value == .securityIncident)
        #expect(decision.productArea.value == .data)
        #expect(decision.urgency.value == .critical)
    }

    @Test func praiseAfterTheProblemIsSolvedIsNotSarcasm() {
        let conversation = TicketText(messages: [
            ConversationMessage(role: .customer, content: "La sincronizzazione con Outlook duplica tutti gli appuntamenti da stamattina."),
            ConversationMessage(role: .agent, content: "Può scollegare il calendario e collegarlo di nuovo?"),
            ConversationMessage(role: .customer, content: "Fatto, tutto a posto adesso. Grazie mille, siete stati rapidissimi!"),
        ], subject: nil)
        let analysis = sharedEngine.analyze(conversation)
        #expect(analysis.issueType.value == .compliment, "\(analysis.issueType.signals)")
        // Praise next to a problem that is not solved is still sarcasm.
        #expect(analyze("Der Outlook-Sync ist seit Tagen kaputt. Tolle Arbeit, wirklich.").issueType.value != .compliment)
    }

    @Test func aLossWordInsideATroubleshootingStepIsNotALoss() {
        // "Cache gelöscht" is what the customer tried, not deleted data.
        let tried = analyze("Das Add-on ist bezahlt, aber die Berichte sind weiter gesperrt. Cache gelöscht, anderer Browser, nix.")
        #expect(tried.issueType.value != .dataLoss, "\(tried.issueType.signals)")
        #expect(analyze("Seit dem Update wurden alle Projekte unseres Teams gelöscht.").issueType.value == .dataLoss)
    }

    @Test func aDataProtectionComplaintAfterLeavingIsNotAboutMoney() {
        // Having cancelled is context: the letter is about personal data (general, data), not billing.
        let letter = analyze("""
            Ich habe mein Abo vor drei Monaten gekündigt und die Löschung meiner Daten verlangt. Trotzdem bekomme ich weiter \
            Werbung von Ihnen. Ich werde Beschwerde bei der Datenschutzbehörde einlegen.
            """)
        #expect(letter.issueType.value == .legalThreat, "\(letter.issueType.signals)")
        #expect(letter.ticketType.value == .general)
        #expect(letter.productArea.value == .data)
        // A threat about a charge stays billing.
        #expect(analyze("Sie haben mir nach der Kündigung 240 € abgebucht. Ohne Erstattung schalte ich meinen Anwalt ein.").ticketType.value == .billing)
    }

    @Test func aMoneyComplaintWithAChargebackThreatIsALegalThreat() {
        // Reading 4 of the dataset: a refund demand or a duplicate charge with a chargeback or lawyer
        // is a legal threat, whatever the money words weigh.
        for text in ["Me cobraron dos veces 120 € en noviembre. Si no me devuelven el dinero esta semana, pediré al banco un contracargo.",
                     "You charged my card twice for the annual plan. Refund one of them by Friday or I will file a chargeback with my bank."] {
            let decision = decide(text)
            #expect(decision.issueType.value == .legalThreat, "\(text): \(decision.issueType.signals)")
            #expect(decision.ticketType.value == .billing)
            #expect(decision.urgency.value == .critical)
        }
    }

    @Test func retryingTwiceIsNotBeingChargedTwice() {
        // "C'est fait deux fois" answers an agent's suggestion: a retry, not a duplicate charge.
        let retried = decide("C'est fait deux fois, même message : le paiement est passé mais l'appli me dit que je suis toujours en gratuit.")
        #expect(retried.issueType.value == .planChange, "\(retried.issueType.signals)")
        #expect(retried.recommendedAction.value == .routeSpecialist)
        #expect(analyze("Vous m'avez prélevé deux fois l'abonnement de mars.").issueType.value == .doubleCharge)
        // French "court" (runs) is not the English court of law.
        #expect(decide("Est-ce que le délai de réponse court aussi le week-end ?").urgency.value == .low)
    }

    @Test func aFailedPaymentWithAKnownCauseIsAnsweredOneWithoutIsRouted() {
        // The customer names the cause (an expired card) and asks where to put the new one: the
        // knowledge base answers. Without a cause, billing must investigate.
        let expired = decide("Il pagamento del rinnovo non è andato a buon fine: la carta era scaduta, ora ne ho una nuova. Dove la inserisco?")
        #expect(expired.issueType.value == .paymentFailed)
        #expect(expired.recommendedAction.value == .autoRespond, "\(expired.recommendedAction.signals)")
        let unexplained = decide("Il pagamento del rinnovo non è andato a buon fine anche se la banca dice che la carta è a posto.")
        #expect(unexplained.issueType.value == .paymentFailed)
        #expect(unexplained.recommendedAction.value == .routeSpecialist)
    }

    @Test func puttingTheChargeBackOnTheCardIsARefundNotAChargeback() {
        let refund = decide("It renewed annually again although I switched to monthly. Please put the annual charge back on our card and bill us monthly.")
        #expect(refund.issueType.value == .refundRequest, "\(refund.issueType.signals)")
        #expect(refund.urgency.value == .high)
        // "If you don't refund": the negation belongs to the condition, and a charge back is a threat.
        let threat = decide("If you don't refund the 300 USD by Friday I will file a charge back with my bank.")
        #expect(threat.issueType.value == .legalThreat, "\(threat.issueType.signals)")
        #expect(threat.urgency.value == .critical)
    }
}
