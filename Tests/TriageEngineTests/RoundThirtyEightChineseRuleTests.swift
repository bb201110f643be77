import Testing
@testable import TriageEngine

/// Round 38 (Chinese): entries from the Chinese errors on round 38 whose cause the policy or a README
/// reading names. Every text here was written for the test, not taken from a split, and each one read
/// differently on the engine (data 2026.12.6.42) before its entry.
@Suite struct RoundThirtyEightChineseRuleTests {
    /// A conversation: the customer's messages around one agent reply.
    private func decideConversation(_ first: String, _ reply: String, _ latest: String, plan: String) -> TriageDecision {
        let text = TicketText(messages: [ConversationMessage(role: .customer, content: first),
                                         ConversationMessage(role: .agent, content: reply),
                                         ConversationMessage(role: .customer, content: latest)], subject: nil)
        return sharedEngine.triage(text, customer: CustomerContext(plan: plan, seats: nil), knowledge: KnowledgeResult(hits: []))
    }

    @Test func dontRenewAgainInTheLatestMessageIsACancellation() {
        // Reading 6: a cancellation of a paid plan is medium and always escalate_human; the latest message
        // decides over the export failure asked about before. 别再续了 / 取消吧 as 别续了 / 取消掉.
        let decision = decideConversation("导出 PDF 的时候一直提示「生成失败」",
                                          "您好，技术同事正在排查，大概需要三个工作日。",
                                          "三个工作日太久了。把我们的专业版取消吧，到期以后别再续了。", plan: "pro")
        #expect(decision.issueType.value == .cancellation, "\(decision.issueType.signals)")
        #expect(decision.ticketType.value == .billing)
        #expect(decision.urgency.value == .medium)
        #expect(decision.recommendedAction.value == .escalateHuman)
    }

    @Test func anUpgradesPriceDifferenceChargedWrongWithThePaidFeaturesMissingEscalates() {
        // Policy escalate_human: "a frustrated customer with a complex multi-issue complaint (e.g.
        // overcharged *and* paid features missing)"; 升级差价算错 is a wrong charge, not an upgrade asked
        // for, and 钱扣了 / 花钱买了个寂寞 say that what was paid for is missing.
        let decision = decide("升级差价算错了，多收了我 ¥300。钱扣了，可自动化规则到现在还用不了，账户里还是基础版，花钱买了个寂寞。")
        #expect(decision.issueType.value == .overcharge, "\(decision.issueType.signals)")
        #expect(decision.sentiment.value == .frustrated, "\(decision.sentiment.signals)")
        #expect(decision.urgency.value == .high)
        #expect(decision.recommendedAction.value == .escalateHuman)
    }

    @Test func importingMembersIsAnAccountQuestion() {
        // Reading 10: how-to questions take their topic; members and their roles are the account, not a
        // data import. An enterprise how-to is medium.
        let decision = decide("想问一下能否用表格批量导入成员，并给每个人设定角色？有操作说明的话麻烦发一份。", plan: "enterprise")
        #expect(decision.productArea.value == .account, "\(decision.productArea.signals)")
        #expect(decision.ticketType.value == .general)
    }

    @Test func theApiDocumentationIsDocumentation() {
        // Reading 10: a question about the API documentation (API 文档) takes the documentation topic,
        // not the API's. Policy low: documentation questions.
        let decision = decide("API 文档里这个接口的参数说明写的是 due_date，示例里却写 deadline，以哪个为准？")
        #expect(decision.productArea.value == .documentation, "\(decision.productArea.signals)")
        #expect(decision.urgency.value == .low)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func aMessageMeantForASpouseIsOffTopic() {
        // Policy low / auto_respond: "off-topic messages", answered politely.
        let decision = decide("老婆，我下班顺路去超市带点水果回来，你还要什么发我～", plan: nil)
        #expect(decision.issueType.value == .offTopic, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .low)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func aGroupMailboxIsNotTheAccountsEmail() {
        // Policy low / auto_respond: a pro customer's how-to question; 群邮箱 is where a report goes, not
        // the e-mail address of the account (account settings).
        let decision = decide("不急～想问下项目进度能不能每周自动发到我们部门的群邮箱？设置里没找到在哪开。")
        #expect(decision.issueType.value == .howTo, "\(decision.issueType.signals)")
        #expect(decision.urgency.value == .low)
        #expect(decision.recommendedAction.value == .autoRespond)
    }

    @Test func whereItCameFromAndWhichSideAreConfusion() {
        // Policy confused: "asks why/how something happened, I don't understand, contradicting information".
        let seats = decide("账单上多出来的 3 个席位是哪来的？我没看明白，麻烦核一下。")
        #expect(seats.sentiment.value == .confused, "\(seats.sentiment.signals)")
        // "根本没" (not at all) reads as annoyance; which side the fault is on, between two contradicting
        // answers, is the question.
        let card = decide("银行说卡一切正常，根本没看到拒绝记录，你们这边却说扣款被拒，到底是哪边的问题？")
        #expect(card.sentiment.value == .confused, "\(card.sentiment.signals)")
    }

    @Test func repetitionAndASlowPageAreFrustration() {
        // Policy frustrated: "annoyance at failures or repetition" (三遍了 as 第三次); a ridiculously slow
        // page (慢得离谱) is annoyance, not hostility.
        let reset = decide("密码重置了四遍了，登录还是提示密码错误。")
        #expect(reset.sentiment.value == .frustrated, "\(reset.sentiment.signals)")
        let slow = decide("看板页面最近慢得离谱，点一下要等半分钟。")
        #expect(slow.sentiment.value == .frustrated, "\(slow.sentiment.signals)")
        let waiting = decide("要等一周？不等了，你们自己看着办吧。")
        #expect(waiting.sentiment.value == .frustrated, "\(waiting.sentiment.signals)")
        let renewal = decide("我压根没打算续费，怎么又自动扣了一年？")
        #expect(renewal.sentiment.value == .frustrated, "\(renewal.sentiment.signals)")
    }

    @Test func anUltimatumAndAMessAreAngry() {
        // Policy angry: "hostility, insults, threats, ultimatums".
        let ultimatum = decide("系统两天都打不开了，明天再恢复不了我们就换别家。")
        #expect(ultimatum.sentiment.value == .angry, "\(ultimatum.sentiment.signals)")
        let mess = decide("新版界面改得乱七八糟，连导出按钮都找不到。")
        #expect(mess.sentiment.value == .angry, "\(mess.sentiment.signals)")
    }

    @Test func cantoneseWhatDoIDoIsPanic() {
        // Policy panicked: "alarm at a loss"; 點算啊 is the Cantonese 怎么办.
        let decision = decide("我哋成個 project 嘅資料突然唔見晒，聽日就要交俾客，點算啊？？")
        #expect(decision.sentiment.value == .panicked, "\(decision.sentiment.signals)")
    }

    @Test func aPoliteRequestToArrangeAPromptLookIsNotTimePressure() {
        // Policy urgent: "time pressure dominates"; 麻烦安排同事尽快排查 is the courteous closing formula
        // with what is to be arranged in between (as 麻烦尽快).
        let decision = decide("审批模块打开就是 502，其他模块都正常。麻烦安排同事尽快排查。", plan: "enterprise")
        #expect(decision.sentiment.value == .neutral, "\(decision.sentiment.signals)")
    }
}
