import Testing
@testable import TriageEngine

@Suite struct LanguageDetectorTests {
    @Test(arguments: [
        ("I was charged twice for my subscription this month", "en"),
        ("Me cobraron dos veces la suscripción de este mes", "es"),
        ("J'ai été débité deux fois pour mon abonnement ce mois-ci", "fr"),
        ("Mir wurde das Abonnement diesen Monat doppelt abgebucht", "de"),
        ("Fui cobrado duas vezes pela assinatura deste mês", "pt"),
        ("Mi avete addebitato due volte l'abbonamento di questo mese", "it"),
        ("Ik zie twee afschrijvingen voor mijn abonnement deze maand", "nl"),
        ("今月のサブスクリプションが二重に請求されています", "ja"),
        ("这个月的订阅被扣了两次款", "zh"),
        ("เดือนนี้โดนตัดเงินค่าสมาชิกสองครั้งค่ะ", "th"),
        ("이번 달 구독료가 두 번 결제되었습니다", "ko"),
        ("С меня дважды списали оплату за подписку", "ru"),
        ("تم خصم قيمة الاشتراك مرتين هذا الشهر", "ar"),
        ("इस महीने मेरी सदस्यता के लिए दो बार पैसे कटे", "hi"),
        ("Tháng này tôi bị trừ tiền hai lần", "vi"),
        ("Saya ditagih dua kali untuk langganan bulan ini", "id"),
    ])
    func detectsSentences(text: String, expected: String) {
        let language = analyze(text).language
        #expect(language.value == expected, "\(text)")
        #expect(language.confidence > 0.5)
    }

    @Test(arguments: [("help", "en"), ("ayuda por favor", "es"), ("Hilfe bitte", "de"), ("aiuto, non funziona", "it"),
                      ("não consigo entrar", "pt"), ("je ne peux pas me connecter", "fr"), ("至急お願いします", "ja")])
    func detectsShortTexts(text: String, expected: String) {
        #expect(analyze(text).language.value == expected, "\(text)")
    }

    @Test func codeSwitchedSpanishStaysSpanish() {
        #expect(analyze("el dashboard no carga y el export a CSV da error desde ayer").language.value == "es")
        #expect(analyze("我的dashboard打不开了").language.value == "zh")
        #expect(analyze("export เป็น Excel แล้วภาษาไทยอ่านไม่ออก").language.value == "th")
    }

    @Test func emptyOrSymbolOnlyIsEnglishWithLowConfidence() {
        for text in ["", "???", "!!!", "🙂🙂", "55555555"] {
            let language = analyze(text).language
            #expect(language.value == "en", "\(text)")
            #expect(language.confidence < 0.5, "\(text)")
        }
    }

    @Test func profilesComeFromTheDataFile() throws {
        let profiles = sharedEngine.data.detector.profiles
        #expect(Set(profiles.languages) == ["en", "es", "fr", "de", "pt", "it", "nl", "vi", "id"])
        #expect(profiles.words["the"]?[profiles.languages.firstIndex(of: "en")!] != nil)
        #expect(throws: EngineDataError.self) { try LanguageProfiles(tsv: "en\tw\tthe", file: "bad.tsv") }
    }
}
