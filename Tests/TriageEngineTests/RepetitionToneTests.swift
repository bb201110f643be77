import Testing
@testable import TriageEngine

/// Repetition as frustration (policy: frustrated is "annoyance at failures or repetition", "third
/// time", "still not working"), applied to the final tone only: the tone urgency reads stays as the
/// rules found it. Every text here was written for the test, not taken from a split, and each one in
/// the first two groups read neutral before its rule.
@Suite struct RepetitionToneTests {
    @Test(arguments: [
        "Der Kalender-Sync hängt seit heute früh, das ist jetzt das dritte Mal in diesem Quartal. Bitte prüfen.",
        "Пишу уже третий раз: отчёт по проектам не выгружается в Excel.",
        "Đây là lần thứ ba trong tuần đồng bộ Google Calendar bị dừng, nhờ các bạn kiểm tra.",
        "C'est la troisième panne depuis janvier : le tableau de bord ne charge plus. Merci de regarder.",
        "이번 달에만 세 번째입니다. 캘린더 동기화가 또 멈췄어요. 확인 부탁드립니다.",
    ])
    func aCountedRepetitionIsFrustration(text: String) {
        // The customer counts the repetition ("the third time", "the third outage"), however calm the words.
        let analysis = analyze(text)
        #expect(analysis.sentiment.value == .frustrated, "\(analysis.sentiment.signals)")
        #expect(analysis.sentiment.rule == "sentiment.repetition")
        // Urgency reads the rules' tone, which this final-tone rule leaves alone.
        #expect(analysis.policyTone == .neutral)
    }

    @Test func praiseOnACountedRepetitionIsNotPositive() {
        // Thanks next to "the fourth time in two months" is sarcasm (never positive), read as frustration.
        let analysis = analyze("Ah, benissimo, grazie. Quarta volta in due mesi che l'export si blocca a metà.")
        #expect(analysis.sentiment.value == .frustrated, "\(analysis.sentiment.signals)")
    }

    @Test(arguments: [
        "di nuovo non funziona niente, che faccio?",
        "it's broken again, help",
        "เข้าไม่ได้อีกแล้ว ทำไงดี",
    ])
    func aVagueFailureThatIsBackIsFrustration(text: String) {
        // A one-line report that the failure is back again: annoyance at a repetition, not a calm report
        // (and not the neutral of a bare plea for help, which names no failure).
        let analysis = analyze(text)
        #expect(analysis.sentiment.value == .frustrated, "\(analysis.sentiment.signals)")
        #expect(analysis.sentiment.rule == "sentiment.repetition")
    }

    @Test(arguments: [
        "Since yesterday afternoon the reports page returns a 502 error for everyone on our team of twelve; reloading and trying again gives the same page. Could you check it?",
        "Hola, desde el lunes el informe mensual tarda unos 40 segundos en abrir; lo volví a intentar de nuevo en otro navegador y tarda lo mismo. ¿Pueden revisarlo?",
        "監査ログの保存期間を教えてください。また、延長するオプションはありますか。",
    ])
    func againInPassingInADetailedReportStaysCalm(text: String) {
        // "Trying again" inside a detailed, factual report (or また as "also") is not a complaint about
        // repetition: only a counted repetition or a vague report of a failure that is back counts.
        let analysis = analyze(text)
        #expect(analysis.sentiment.value == .neutral, "\(analysis.sentiment.signals)")
    }
}
