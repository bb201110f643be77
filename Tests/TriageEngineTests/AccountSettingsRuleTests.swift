import Testing
@testable import TriageEngine

/// Account settings (general in the policy's ticket_type table): a customer asking to change the e-mail
/// they log in with, or another detail of their own account, read as a login, access, data-loss or
/// how-to problem. The misreading recurred across the tuned splits and languages (en, fr, de, zh, ko).
/// Every text here was written for the test, not taken from a split, and each of the rule cases read
/// differently before its rule.
@Suite struct AccountSettingsRuleTests {
    @Test(arguments: [
        // "greyed out" and "deleted" are the settings page and the old mailbox, not a locked account or lost data.
        "How do I change my login email? My old work address gets deleted next week and the setting is greyed out.",
        "Je voudrais remplacer mon adresse mail par une autre, l'ancienne sera supprimée en juin. L'option est introuvable.",
        "Meine Login-Mail lässt sich nicht ändern, das Feld ist ausgegraut, und die alte Adresse wird im Mai gelöscht.",
        // 不能用 is the company mailbox going away; 登录用的信箱 names which address, not a failing login.
        "我下个月就离职了，公司邮箱以后不能用，请问怎么把登录用的信箱换成我自己的 Gmail？",
        // 로그인 이메일 is the address to change, not a how-to about logging in.
        "회사 메일이 곧 없어져서 로그인 이메일을 개인 주소로 바꾸고 싶은데 어디서 하나요?",
    ])
    func changingTheLoginEmailIsAnAccountSetting(text: String) {
        let decision = decide(text, plan: "free")
        #expect(decision.issueType.value == .accountSettings, "\(decision.issueType.rule) \(decision.issueType.signals)")
        #expect(decision.ticketType.value == .general)
        #expect(decision.productArea.value == .account)
        #expect(decision.urgency.value == .low, "\(decision.urgency.rule)")
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func aLoginThatFailsAfterAChangeAndRetriesStaysALoginFailure() {
        // Guard: the change is done and the login fails after retries (the policy's login failure after retries).
        let decision = decide("I changed my password this morning and now I can't log in, it says the password is wrong. Tried 5 times.",
                              plan: "pro")
        #expect(decision.issueType.value == .loginFailure, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .technical)
        #expect(decision.urgency.value == .high)
    }

    @Test func someoneElseChangingTheLoginEmailIsACompromise() {
        // Guard: the address changed by someone else is a security incident, not a settings question.
        let decision = decide("Someone changed the login email on my account last night, it was not me.", plan: "pro")
        #expect(decision.issueType.value == .securityIncident, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .critical)
    }

    @Test func aLockedButtonWithoutTheOwnAccountStaysAccessDenied() {
        // Guard: a control greyed out elsewhere (permissions) is an access problem.
        let decision = decide("The export button is greyed out for me, my admin says I should have access.", plan: "pro")
        #expect(decision.issueType.value == .accessDenied, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .technical)
    }
}
