import Testing
@testable import TriageEngine

/// Round 30b (sentiment, after round 28 was retired into the tuning splits): rules from the sentiment
/// errors that recur in round 28 and the other tuning splits. Every text here was written for the test,
/// not taken from a split, and each one read differently on the engine before its rule (guards read
/// the same before and after).
@Suite struct RoundThirtySentimentRuleTests {
    @Test(arguments: [
        "不急哈，导出PDF的时候一直提示 Export failed，换了浏览器也一样。下周开会才用，有空帮忙看看。",
        "Not urgent, but the CSV export of our finance board has failed with 'Export failed (E-1207)' three times since yesterday. We only need it next month.",
        "急ぎではありませんが、CSVエクスポートが「Export failed」で止まります。来週の会議で使う予定です。",
    ])
    func aCustomerWhoSaysItIsNotUrgentIsNotReadAsUrgentByTheModel(text: String) {
        // Policy: negation counts ("not urgent"); neutral is factual, polite. The learned model read time
        // pressure from the export words; the customer said there is none.
        let analysis = analyze(text)
        #expect(analysis.sentiment.value == .neutral, "\(analysis.sentiment.signals)")
    }

    @Test(arguments: [
        "I'm a bit worried: a teammate pasted our API key into a public Slack community an hour ago. Can you revoke it right away and check whether anyone used it?",
        "有点担心，同事把我们的 API 密钥贴到了公开论坛上，大概一小时前。请马上帮我们作废，并查一下有没有人用过。",
    ])
    func aNamedWorryOutranksARequestForSpeed(text: String) {
        // Reading 11: "I'm a bit worried" is worried; urgent only where time pressure dominates.
        let analysis = analyze(text)
        #expect(analysis.sentiment.value == .worried, "\(analysis.sentiment.signals)")
    }

    @Test func aWorryNextToADeadlineStaysUrgent() {
        let analysis = analyze("I'm worried: the board review is in two hours and the export keeps failing. Please fix it right away.")
        #expect(analysis.sentiment.value == .urgent, "\(analysis.sentiment.signals)")
    }

    @Test(arguments: [
        "马上取消我们的订阅，下个月别再扣款了。功能三天两头出问题，我受够了。",
        "Cancel our plan, effective today. Third time this month the calendar sync broke and nobody answered our tickets.",
        "Disdite il nostro abbonamento da oggi. Terza volta in un mese che la sincronizzazione salta.",
        "Bitte kündigen Sie unser Abo ab sofort. Zum dritten Mal in diesem Monat ist der Export ausgefallen.",
    ])
    func aCancellationDemandedAtOnceOverComplaintsIsAngry(text: String) {
        // Policy: angry is hostility, ultimatums; reading 2: angry cancellations stay medium.
        let decision = decide(text, plan: "pro")
        #expect(decision.issueType.value == .cancellation, "\(decision.issueType.signals)")
        #expect(decision.sentiment.value == .angry, "\(decision.sentiment.signals)")
        #expect(decision.urgency.value == .medium)
    }

    @Test func aCalmCancellationAtOnceIsNotTimePressure() {
        // The effective date of a cancellation is not time pressure, and with no complaint it is not anger.
        let analysis = analyze("Please cancel our subscription effective immediately: we are closing the office at the end of the week. Thanks for everything.")
        #expect(analysis.issueType.value == .cancellation)
        #expect(analysis.sentiment.value == .neutral, "\(analysis.sentiment.signals)")
    }

    @Test(arguments: [
        "您好，从早上八点开始，我们全公司打开项目页面都提示“服务不可用”，大约200人无法工作。麻烦尽快安排技术人员处理，谢谢。",
        "您好，本月发票按标准价计费，比合同多收了 $480。请尽快核实并更正。",
    ])
    func thePoliteChineseClosingIsNotTimePressure(text: String) {
        // Reading 2: a calm outage stays critical, and its tone is calm; 请尽快/麻烦尽快 closes a report politely.
        let analysis = analyze(text)
        #expect(analysis.sentiment.value == .neutral, "\(analysis.sentiment.signals)")
    }

    @Test func thePoliteClosingWithADeadlineStaysUrgent() {
        let analysis = analyze("导出一直失败，今天下午三点要给客户演示，请尽快处理！")
        #expect(analysis.sentiment.value == .urgent, "\(analysis.sentiment.signals)")
    }

    @Test func hurryingAFeatureRequestIsHostility() {
        // Readings 2 and 7: angry feature requests stay low; "add it already" is hostility, not time pressure.
        let decision = decide("都2025年了还没有甘特图？？你们产品经理在干嘛？赶紧加上。", plan: "pro")
        #expect(decision.issueType.value == .featureRequest, "\(decision.issueType.signals)")
        #expect(decision.sentiment.value == .angry, "\(decision.sentiment.signals)")
        #expect(decision.urgency.value == .low)
    }

    @Test func disbeliefAtAFailureThatLostNothingIsFrustration() {
        // Policy: panicked is "alarm at a loss"; an integration error loses nothing.
        let analysis = analyze("il webhook di Slack dà ancora invalid_auth dopo due tentativi e il team non riceve le notifiche da stamattina. non è possibile")
        #expect(analysis.sentiment.value == .frustrated, "\(analysis.sentiment.signals)")
    }

    @Test func disbeliefAtALossStaysPanic() {
        let analysis = analyze("Tutti i progetti del team sono spariti dalla bacheca, non è possibile!!!")
        #expect(analysis.sentiment.value == .panicked, "\(analysis.sentiment.signals)")
    }

    @Test(arguments: [
        "¿Cómo puede ser que en 2025 todavía no haya modo oscuro? Agréguenlo de una vez.",
        "ทำไมปฏิทินยังไม่มีให้เลือกปี พ.ศ. อีก ขอไปหลายครั้งแล้ว ไปเพิ่มซะที",
    ])
    func aWhyInAFeatureRequestIsRhetorical(text: String) {
        // Policy: confused "asks why/how something happened"; in a feature request nothing happened.
        let decision = decide(text, plan: "pro")
        #expect(decision.issueType.value == .featureRequest, "\(decision.issueType.signals)")
        #expect(decision.sentiment.value == .angry, "\(decision.sentiment.signals)")
    }

    @Test func anItalianInsultIsAnger() {
        // Policy: angry is hostility, insults ("siete dei dilettanti" = you are amateurs).
        let analysis = analyze("Ogni settimana un problema nuovo con le notifiche. Siete dei dilettanti, non ho altro da aggiungere.")
        #expect(analysis.sentiment.value == .angry, "\(analysis.sentiment.signals)")
    }

    @Test func italianIDidNotUnderstandIsConfusion() {
        // Policy: confused is "I don't understand"; Italian says it in the past as often as in the present.
        let analysis = analyze("scusate, ieri l'app su iPad non apriva le bacheche e non ho capito se dipende dalla mia rete o da voi")
        #expect(analysis.sentiment.value == .confused, "\(analysis.sentiment.signals)")
    }

    @Test(arguments: [
        "来月退職する佐藤さんのアカウントはまだ有効です。ワークスペースのオーナー権限を私に移す手順を教えてください。",
        "契約してからまだ一週間ですが、請求書の宛名を会社名に変更できますか？",
    ])
    func japaneseStillOnItsOwnIsNotFrustration(text: String) {
        // Policy: neutral is factual; まだ alone is "still / only" (still valid, only a week), not annoyance.
        let analysis = analyze(text)
        #expect(analysis.sentiment.value == .neutral, "\(analysis.sentiment.signals)")
    }

    @Test func japaneseStillNotFixedStaysFrustration() {
        // Policy: frustrated is "still not working".
        let analysis = analyze("先週報告したエクスポートの件、まだ直っていません。")
        #expect(analysis.sentiment.value == .frustrated, "\(analysis.sentiment.signals)")
    }

    @Test(arguments: [
        "Sou admin e desde cedo o painel dá 403 em todos os projetos. Já limpei o cache e testei outro navegador. Preciso liberar os pagamentos da equipe AGORA.",
        "El webhook de Stripe devuelve 401 desde ayer y el equipo no ve los cobros nuevos. Necesitamos que alguien lo revise YA.",
    ])
    func nowWrittenInCapitalsIsTimePressure(text: String) {
        // Policy: urgent "URGENT", "right now". "AGORA", "YA" in capitals are the customer's "NOW".
        let analysis = analyze(text)
        #expect(analysis.sentiment.value == .urgent, "\(analysis.sentiment.signals)")
    }

    @Test func nowInLowerCaseIsAnEverydayWord() {
        let analysis = analyze("ya lo reconecté dos veces y el webhook de Stripe sigue devolviendo 401")
        #expect(analysis.sentiment.value != .urgent, "\(analysis.sentiment.signals)")
    }
}
