import Testing
@testable import TriageEngine

@Suite struct IssueClassifierTests {
    @Test(arguments: [
        ("I was charged twice this month, two identical charges on my card", IssueType.doubleCharge, TicketType.billing),
        ("Me cobraron dos veces el mismo mes", .doubleCharge, .billing),
        ("Our invoice is $400 higher than the contract price", .overcharge, .billing),
        ("I want a refund for last month, I never used it", .refundRequest, .billing),
        ("Where can I download my invoices?", .invoiceQuestion, .billing),
        ("My card was declined when renewing", .paymentFailed, .billing),
        ("I'd like to upgrade to the Pro plan", .planChange, .billing),
        ("Please cancel my subscription at the end of the month", .cancellation, .billing),
        ("The whole site is down, nothing loads", .outage, .technical),
        ("I can't log in, it says my password is wrong", .loginFailure, .technical),
        ("Zugriff verweigert beim Öffnen des Projekts", .accessDenied, .technical),
        ("All our projects disappeared overnight, the data is gone", .dataLoss, .technical),
        ("The dashboard is extremely slow, takes forever to load", .performance, .technical),
        ("CSV export fails with an error every time", .exportFailure, .technical),
        ("The Slack integration stopped working yesterday", .integration, .technical),
        ("Someone logged into my account from another country, I think I was hacked", .securityIncident, .technical),
        ("How do I archive a project?", .howTo, .general),
        ("Do you support single sign-on with Okta?", .featureQuestion, .general),
        ("It would be nice to have a dark mode", .featureRequest, .general),
        ("How do I change my email address?", .accountSettings, .general),
        ("What is your SLA for critical incidents?", .slaQuestion, .general),
        ("Thank you so much, great support!", .compliment, .general),
        ("ayuda", .unclear, .general),
        ("ログインできません", .loginFailure, .technical),
        ("导出失败，一直报错", .exportFailure, .technical),
        ("ล็อกอินไม่ได้ค่ะ", .loginFailure, .technical),
    ])
    func classifies(text: String, issue: IssueType, type: TicketType) {
        let analysis = analyze(text)
        #expect(analysis.issueType.value == issue, "\(text): \(analysis.issueType.signals)")
        #expect(analysis.ticketType.value == type, "\(text)")
        #expect(!analysis.issueType.signals.isEmpty)
    }

    @Test func legalThreatAboutMoneyIsBillingOtherwiseGeneral() {
        let money = analyze("Refund my $300 or my lawyer will file a lawsuit")
        #expect(money.issueType.value == .legalThreat)
        #expect(money.ticketType.value == .billing)
        #expect(money.productArea.value == .billing)
        let letter = analyze("This is a formal GDPR complaint: we will report you to the data protection authority")
        #expect(letter.issueType.value == .legalThreat)
        #expect(letter.ticketType.value == .general)
        #expect(letter.productArea.value == .data)
    }

    @Test func moneyWinsANearTie() {
        let analysis = analyze("I was charged twice and the export is broken too")
        #expect(analysis.ticketType.value == .billing)
    }

    @Test func sarcasticPraiseIsNotACompliment() {
        let analysis = analyze("Thanks so much for deleting half my project with this update, really helpful")
        #expect(analysis.issueType.value != .compliment)
        #expect(analysis.sentiment.value != .positive)
    }

    @Test func confidenceIsHigherForStrongEvidence() {
        #expect(analyze("I was charged twice, duplicate charge on my card").issueType.confidence
                > analyze("something about my account").issueType.confidence)
    }

    @Test func howToTakesItsTopicsArea() {
        #expect(analyze("How do I set up SSO with SAML?").productArea.value == .authentication)
        #expect(analyze("How do I export my data to CSV?").productArea.value == .data)
    }
}
