import Testing
@testable import TriageEngine

@Suite struct ReplyTests {
    static let exportArticle = KnowledgeHit(
        id: "kb_026", title: "How to export your data", category: "features", score: 0.82,
        snippet: "You can export any project as CSV or Excel.\n1. Open the project and go to Settings > Export.\n2. Pick the format.")

    static let questions: [(String, String)] = [
        ("en", "How do I export my project to CSV?"),
        ("es", "¿Cómo puedo exportar mi proyecto a CSV?"),
        ("fr", "Comment exporter mon projet en CSV ?"),
        ("de", "Wie kann ich mein Projekt als CSV exportieren?"),
        ("pt", "Como faço para exportar meu projeto em CSV?"),
        ("it", "Come posso esportare il mio progetto in CSV?"),
        ("ja", "プロジェクトをCSVでエクスポートする方法を教えてください"),
        ("zh", "如何把项目导出为CSV？"),
        ("th", "ส่งออกโปรเจกต์เป็น CSV ทำอย่างไรคะ"),
    ]

    @Test(arguments: questions)
    func autoRespondNamesTheArticleAndQuotesItsStep(language: String, text: String) {
        let decision = decide(text, plan: "pro", hits: [Self.exportArticle])
        #expect(decision.language.value == language)
        #expect(decision.recommendedAction.value == .autoRespond, "\(decision.recommendedAction.rule)")
        #expect(decision.suggestedResponse.language == language)
        #expect(!decision.suggestedResponse.isEnglishFallback)
        #expect(decision.suggestedResponse.text.contains("How to export your data"))
        #expect(decision.suggestedResponse.text.contains("Open the project and go to Settings > Export"))
        #expect(decision.citedArticles.map(\.id) == ["kb_026"])
    }

    @Test(arguments: ["en", "es", "fr", "de", "pt", "it", "ja", "zh", "th"])
    func everyLanguageHasEveryTemplate(language: String) throws {
        let templates = try #require(sharedEngine.data.replies[language])
        for key in ReplyTemplates.requiredTemplates { #expect(templates.templates[key]?.isEmpty == false, "\(language) \(key)") }
        let english = try #require(sharedEngine.data.replies["en"])
        for key in ReplyTemplates.requiredTemplates where language != "en" {
            #expect(templates.templates[key] != english.templates[key], "\(language) \(key) is not translated")
        }
    }

    @Test func escalationPromisesAHumanNotARefundOrAFixTime() {
        let decision = decide("You charged me $120 twice! I want a refund of $240 today.", plan: "pro")
        #expect(decision.recommendedAction.value == .escalateHuman)
        let reply = decision.suggestedResponse.text
        #expect(reply.contains("contact you"))
        #expect(!reply.contains("$"))
        #expect(!reply.contains("240"))
        #expect(!reply.lowercased().contains("within"))
    }

    @Test func specialistReplyAsksForWhatHelps() {
        let decision = decide("Me cobraron de más este mes, ¿me lo pueden explicar?", plan: "pro")
        #expect(decision.recommendedAction.value == .routeSpecialist)
        #expect(decision.suggestedResponse.text.contains("equipo de facturación"))
        #expect(decision.suggestedResponse.text.contains("número de factura"))
    }

    @Test func noCitationForOutagesEvenWithHits() {
        let hit = KnowledgeHit(id: "kb_009", title: "Outages and status", category: "technical", score: 0.9, snippet: "Check the status page.")
        #expect(decide("The site is down", plan: "pro", hits: [hit]).citedArticles.isEmpty)
    }

    @Test func weakOrOffCategoryHitsAreNotCited() {
        let weak = KnowledgeHit(id: "kb_026", title: "Export", category: "features", score: 0.1, snippet: "Go to Settings.")
        #expect(decide("How do I export my project?", hits: [weak]).citedArticles.isEmpty)
        let billing = KnowledgeHit(id: "kb_005", title: "Invoices", category: "billing", score: 0.9, snippet: "Go to Billing.")
        #expect(decide("How do I export my project?", hits: [billing]).citedArticles.isEmpty)
    }

    @Test func languagesWithoutTemplatesFallBackToEnglishAndSaySo() {
        let decision = decide("Hoe kan ik mijn project exporteren naar CSV?", plan: "pro")
        #expect(decision.language.value == "nl")
        #expect(decision.suggestedResponse.isEnglishFallback)
        #expect(decision.suggestedResponse.language == "en")
        #expect(decision.notes.contains { $0.contains("English") })
    }

    @Test func keyStepPrefersAnInstruction() {
        #expect(KeyStep.from("Exports run in the background. 1. Go to Settings > Export. 2. Pick CSV.") == "Go to Settings > Export.")
        #expect(KeyStep.from("Our plans differ in limits.") == "Our plans differ in limits.")
    }

    @Test func knowledgeUnavailableIsFlagged() {
        let decision = sharedEngine.triage(ticket("How do I export my project?"), customer: CustomerContext(plan: "pro"),
                                           knowledge: .unavailable)
        #expect(decision.degraded == ["knowledge"])
        #expect(decision.reasoning.contains("Knowledge base unavailable"))
    }

    @Test func knowledgeQueryIsExpandedInEnglishForOtherLanguages() {
        let query = analyze("Me cobraron dos veces este mes").knowledgeQuery
        #expect(query.language == "es")
        #expect(query.text.contains("charged twice"))
        #expect(query.categories == ["billing", "plans"])
        #expect(!analyze("Hello, I think I was charged twice for my subscription this month").knowledgeQuery.text
            .contains("duplicate charge double payment"))
    }
}
