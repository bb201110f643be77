import Testing
@testable import TriageEngine

@Suite struct EntityExtractorTests {
    private func entities(_ text: String) -> [Entity] { analyze(text).entities }

    private func first(_ kind: EntityKind, in text: String) -> Entity? { entities(text).first { $0.kind == kind } }

    @Test func spansPointAtTheText() {
        let text = "Invoice INV-2024-0042 was charged $49.99 twice, contact me at ana.lopez@example.com"
        for entity in entities(text) {
            let scalars = Array(text.unicodeScalars)
            let slice = String(String.UnicodeScalarView(scalars[entity.start..<entity.end]))
            #expect(slice == entity.text, "\(entity)")
            #expect(entity.messageIndex == 0)
        }
        #expect(first(.invoiceNumber, in: text)?.normalized == "INV-2024-0042")
        #expect(first(.amount, in: text)?.normalized == "49.99 USD")
        #expect(first(.email, in: text)?.normalized == "ana.lopez@example.com")
    }

    @Test(arguments: [("€49,99", "49.99 EUR"), ("R$ 59,90", "59.90 BRL"), ("1.080 euros", "1080.00 EUR"), ("¥1,480", "1480.00 JPY"),
                      ("11,900 บาท", "11900.00 THB"), ("2,400 dollars", "2400.00 USD"), ("45元", "45.00 CNY"), ("USD 120", "120.00 USD")])
    func amounts(written: String, normalized: String) {
        #expect(first(.amount, in: "I paid \(written) yesterday")?.normalized == normalized, "\(written)")
    }

    @Test func orderNumbers() {
        #expect(first(.orderNumber, in: "My order #123456 never arrived")?.normalized == "123456")
        #expect(first(.orderNumber, in: "commande CMD-33817 payée hier")?.normalized == "CMD-33817")
        #expect(first(.invoiceNumber, in: "la factura 2024-0077 está mal")?.normalized == "2024-0077")
    }

    @Test func errorsAndStatuses() {
        #expect(first(.httpStatus, in: "every page returns a 503 error")?.normalized == "503")
        #expect(first(.httpStatus, in: "I get Bad Gateway on the API")?.normalized == "502")
        #expect(first(.httpStatus, in: "erreur 500 sur le tableau de bord")?.normalized == "500")
        #expect(first(.httpStatus, in: "we have 500 users") == nil)
        #expect(first(.errorCode, in: "Chrome says ERR_CONNECTION_REFUSED")?.normalized == "ERR_CONNECTION_REFUSED")
        #expect(first(.errorMessage, in: "the error says \"SAML response invalid\" every time")?.normalized == "SAML response invalid")
    }

    @Test func seatsAndDeadlines() {
        #expect(first(.seatCount, in: "we need 45 seats for the team")?.normalized == "45")
        #expect(first(.deadline, in: "I need it in 2 hours for a client")?.normalized == "PT2H")
        #expect(first(.deadline, in: "necesito el informe en 3 horas")?.normalized == "PT3H")
        #expect(first(.deadline, in: "please fix it before the 31st")?.normalized == "before:day-31")
        #expect(first(.deadline, in: "we need it by tomorrow")?.normalized == "before:tomorrow")
        #expect(first(.deadline, in: "2時間以内に対応してください")?.normalized == "PT2H")
        #expect(first(.date, in: "it started on 2024-11-15")?.normalized == "2024-11-15")
    }

    @Test(arguments: [("I need the export before 5pm", "before:17:00"), ("avant 17h s'il vous plaît", "before:17:00"),
                      ("bis 17 Uhr brauche ich den Bericht", "before:17:00"), ("by 14:30 today", "before:14:30"),
                      ("17時までに必要です", "before:17:00"),
                      // An unspaced obligation right after the clock word, a space before it, and 下午 (p.m.).
                      ("下午 4 点要给客户做汇报", "before:16:00"), ("下午4点要交报告", "before:16:00"),
                      ("บ่าย 3 โมงต้องส่งงาน", "before:15:00"), ("ต้องส่งงบก่อน 5 โมงเย็นวันนี้", "before:17:00")])
    func clockTimeDeadlines(text: String, normalized: String) {
        let deadline = first(.deadline, in: text)
        #expect(deadline?.normalized == normalized, "\(text)")
        #expect(analyze(text).has("deadline_hours"), "\(text)")
        #expect(first(.deadline, in: "we have 5 users") == nil)
        #expect(first(.deadline, in: "现在已经 1 点半了") == nil)
    }

    @Test func aDeadlineWithinHoursIsACue() {
        let analysis = analyze("The export fails and the board meeting is in 3 hours")
        #expect(analysis.has("deadline"))
        #expect(analysis.has("deadline_hours"))
    }

    @Test func productFeaturesFromTheConfigurableList() {
        let found = entities("The Slack integration and the dashboard are broken, and dark mode too")
            .filter { $0.kind == .productFeature }.map(\.normalized)
        #expect(found.contains("slack_integration"))
        #expect(found.contains("dashboard"))
        #expect(found.contains("dark_mode"))
    }

    @Test func entitiesCarryTheirMessageIndex() {
        let text = TicketText(messages: [
            ConversationMessage(role: .customer, content: "Hi"),
            ConversationMessage(role: .agent, content: "Hello! Your order number?"),
            ConversationMessage(role: .customer, content: "order 884422"),
        ])
        let order = sharedEngine.analyze(text).entities.first { $0.kind == .orderNumber }
        #expect(order?.messageIndex == 2)
        #expect(order?.start == 6)
    }
}
