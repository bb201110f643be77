import Testing
@testable import TriageEngine

/// Sentiment rules added while tuning on train + dev-a.
@Suite struct ToneRuleTests {
    @Test func aCalmCompromiseIsWorrying() {
        let analysis = analyze("Someone logged into my account from another country last night.")
        #expect(analysis.issueType.value == .securityIncident)
        #expect(analysis.sentiment.value == .worried)
        #expect(analysis.sentiment.rule == "sentiment.issue_default")
    }

    @Test func askingWhetherLostWorkComesBackIsWorry() {
        #expect(analyze("A whole folder of notes vanished overnight. Is there any way to get it back?").sentiment.value == .worried)
        // Reported as a fact, with no question, it stays neutral.
        #expect(analyze("A whole folder of notes vanished overnight.").sentiment.value == .neutral)
    }

    @Test func manyExclamationMarksAtALossArePanic() {
        #expect(analyze("I deleted the whole thesis project by accident!! Please tell me it can be recovered!!").sentiment.value == .panicked)
    }

    @Test func thanksNextToAProblemIsPolitenessNotSarcasm() {
        let analysis = analyze("J'ai été chargée deux fois pour mon abonnement ce mois-ci. Pouvez-vous me rembourser une des deux? Merci beaucoup!")
        #expect(analysis.issueType.value == .doubleCharge)
        #expect(analysis.sentiment.value == .neutral)
        // Praise that is not thanks next to a problem is still sarcasm.
        #expect(analyze("Great job, charged twice again. Wonderful.").sentiment.value == .frustrated)
    }

    @Test func aDeadlinePhraseIsTimePressure() {
        #expect(analyze("The export keeps failing and I need the file before noon, please help").sentiment.value == .urgent)
    }

    @Test func notInAHurryIsNotUrgent() {
        #expect(analyze("ดาวน์โหลดรายงานเป็น PDF แล้วกราฟไม่ขึ้น ไม่ได้รีบนะคะ").sentiment.value != .urgent)
        #expect(analyze("Please reissue the March invoice with our PO number. Not time-critical.").sentiment.value == .neutral)
    }

    @Test func sayingItIsNotUrgentOutweighsAnUrgentWord() {
        // German puts the negation after the verb ("es eilt wirklich nicht"), out of the negators' reach;
        // the not-urgent phrase itself then says the tone is calm.
        #expect(analyze("Kein Drama, es eilt wirklich nicht: könnt ihr die Märzrechnung mit unserer USt-ID neu ausstellen?").sentiment.value == .neutral)
        #expect(analyze("Il n'y a aucune urgence, mais pourriez-vous me confirmer le délai de réponse garanti ?").sentiment.value == .neutral)
        #expect(analyze("Es urgente: la exportación falla y necesito el archivo antes de las 14:00.").sentiment.value == .urgent)
    }

    @Test func anUltimatumIsAnger() {
        #expect(analyze("Down again. If this isn't fixed by Friday we're moving the whole team to another tool.").sentiment.value == .angry)
    }

    @Test func plainAgainWordsAreNotFrustrationOnTheirOwn() {
        // "de novo" / "di nuovo" weigh what "again" weighs in English: below the tone threshold alone.
        #expect(analyze("Já saí e entrei de novo no aplicativo.").sentiment.value == .neutral)
    }

    @Test func warmThanksAtTheEndOfARequestIsPoliteness() {
        // Nothing else is praised: "merci beaucoup !" closing a question is neutral (README reading 11).
        let request = analyze("J'aimerais changer mon nom de famille et mon adresse courriel dans mon compte. C'est où dans les paramètres ? Merci beaucoup !")
        #expect(request.sentiment.value == .neutral, "\(request.sentiment.signals)")
        // A thank-you message is still positive.
        #expect(analyze("Merci beaucoup, tout fonctionne parfaitement, votre équipe est géniale !").sentiment.value == .positive)
    }

    @Test func aDayWordAloneIsNotUrgency() {
        // "today" says when, not how pressed the customer is.
        #expect(analyze("Buen día. Hoy en la mañana vimos que el tablero de Operaciones aparece vacío.").sentiment.value != .urgent)
        #expect(analyze("Oggi ho notato che il calendario non si sincronizza con Outlook.").sentiment.value != .urgent)
        // A deadline within hours still is.
        #expect(analyze("I need the export for the board today before 5pm and it fails every time.").sentiment.value == .urgent)
    }

    @Test func anItalianTwoBeforeAClockTimeIsNotADeadline() {
        let text = "Nel log attività vedo due chiamate, alle 06:12 e alle 06:15, da un IP che non è nostro."
        #expect(!analyze(text).entities.contains { $0.kind == .deadline })
        #expect(analyze("Mi serve entro le 18:00 di oggi.").entities.contains { $0.kind == .deadline })
    }
}
