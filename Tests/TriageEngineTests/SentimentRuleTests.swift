import Testing
@testable import TriageEngine

/// Structural sentiment rules: misreadings of the policy's sentiment table that recurred across the
/// tuned splits and languages (not single phrases). Every text here was written for the test, not
/// taken from a split, and each one read differently before its rule.
@Suite struct SentimentRuleTests {
    @Test(arguments: [
        "URGENTE!!! Tutti i progetti del team sono spariti, nemmeno nel cestino c'è niente!!! Aiutateci subito!!!",
        "URGENT!!! Our whole Marketing workspace is empty, nothing in the trash either!!! Please restore it right now!!!",
    ])
    func manyExclamationMarksAtALossArePanicNotUrgency(text: String) {
        // Policy: panicked is "alarm at a loss … many exclamation marks"; "urgent"/"subito" next to it
        // cries for help rather than names a deadline, so time pressure does not dominate.
        let analysis = analyze(text)
        #expect(analysis.issueType.value == .dataLoss)
        #expect(analysis.sentiment.value == .panicked, "\(analysis.sentiment.signals)")
        #expect(analysis.sentiment.rule == "sentiment.alarm_at_a_loss")
    }

    @Test(arguments: ["socorro", "Aiutatemi", "aiuto", "ساعدوني"])
    func aBarePleaForHelpIsAVagueRequest(text: String) {
        // Reading 8: a bare request for help is general/unclear; it names no loss to be alarmed at.
        let analysis = analyze(text)
        #expect(analysis.issueType.value == .unclear)
        #expect(analysis.sentiment.value == .neutral, "\(analysis.sentiment.signals)")
    }

    @Test(arguments: [
        "Aiutatemi, alle 15 ho la demo col cliente e l'export in CSV non parte",
        "Aidez-moi svp, je dois envoyer le fichier avant 17h et l'export échoue à chaque fois",
    ])
    func aPleaNextToADeadlineIsTimePressure(text: String) {
        // Nothing is lost; the deadline within hours is what dominates (policy: urgent, "in two hours").
        #expect(analyze(text).sentiment.value == .urgent)
    }

    @Test(arguments: [
        "Geen paniek hier, maar sinds vanochtend laadt het dashboard voor niemand meer.",
        "Nessun panico, ma da stamattina la pagina resta bianca per tutti i colleghi.",
        "Not a huge panic on our side, but an API key was in a public repo for six hours yesterday.",
    ])
    func aDeniedPanicIsNotPanic(text: String) {
        // Panic words are negatable in every language ("geen", "nessun", "not … panic").
        #expect(analyze(text).sentiment.value != .panicked)
    }

    @Test func theTrashBinIsNotAnInsult() {
        // 垃圾 is an insult; 垃圾桶 (the trash bin every data-loss report checks) is a place.
        let analysis = analyze("回收站和垃圾桶里都找不到，整个项目的任务都没了，请帮忙看看能不能恢复。")
        #expect(analysis.sentiment.value != .angry, "\(analysis.sentiment.signals)")
    }

    @Test(arguments: [
        "Seriously, still no recurring tasks in 2026?? Every other tool has had them for years. Add it already, this is embarrassing.",
        "C'est une blague : toujours pas de vue Gantt en 2026. Ajoutez-la enfin, vos développeurs dorment ou quoi ?",
    ])
    func annoyanceInAFeatureRequestIsHostility(text: String) {
        // A feature request reports no failure: its annoyance is at the makers, angry (not frustrated).
        let analysis = analyze(text)
        #expect(analysis.issueType.value == .featureRequest)
        #expect(analysis.sentiment.value == .angry, "\(analysis.sentiment.signals)")
    }

    @Test(arguments: [
        "Huge thanks to your support team for recovering the board I deleted by accident. Brilliant, fast service, you saved my week! 🙌",
        "Un grand merci à l'équipe support qui a récupéré hier le tableau que j'avais supprimé par erreur. Service génial, bravo ! 🙌",
    ])
    func aThankYouForAFixIsNotSarcasm(text: String) {
        let analysis = analyze(text)
        #expect(analysis.issueType.value == .compliment)
        #expect(analysis.sentiment.value == .positive, "\(analysis.sentiment.signals)")
    }

    @Test(arguments: [
        "Qué maravilla, tercer lunes seguido que la sincronización con Shopify deja de traer pedidos.",
        "Great, so the CSV export now gives me a file with only the headers. Really useful, thanks a lot.",
    ])
    func praiseOnAReportedFailureIsSarcasm(text: String) {
        // Policy: sarcasm is never positive, even where no failure word of the lexicon is in the message.
        let analysis = analyze(text)
        #expect(TriageEngine.problemTypes.contains(analysis.issueType.value))
        #expect(analysis.sentiment.value == .frustrated, "\(analysis.sentiment.signals)")
        // The tone urgency reads stays the rules' own.
        #expect(analysis.policyTone == .positive)
    }
}
