/// The words entity extraction looks for around numbers and codes, from `Resources/entities.json`.
/// Keys are folded (lowercase, no diacritics); words of unspaced scripts are matched next to the
/// number without a space.
struct EntityVocabulary: Sendable, Decodable {
    var currency_symbols: [String: String]
    var currency_words: [String: String]
    var seat_words: [String]
    var duration_units: [String: String]
    var within_words: [String]
    var within_suffixes: [String]
    var deadline_words: [String]
    /// Right after a clock time, these make it one the customer has to meet: "à 17h aujourd'hui",
    /// "a las 3 pm tenemos que entregar", "下午4点要汇报" (written right after the clock word).
    var deadline_after_time: [String]
    /// Right after "until today", these make it "to date": "bis heute keine Antwort", "until today
    /// nobody has replied", "hasta hoy nada".
    var to_date_followers: [String]
    var day_words: [String: String]
    var number_words: [String: Int]
    var error_words: [String]
    var http_reasons: [String: String]
    var order_words: [String]
    var invoice_words: [String]
    var order_prefixes: [String]
    var invoice_prefixes: [String]
    var month_words: [String: Int]
    /// Written right after a clock hour in unspaced scripts: 時, 点, โมง.
    var clock_words: [String]
    /// Written right before a clock hour in unspaced scripts (or right after its clock word), making it
    /// p.m.: 下午, 午後, บ่าย; 5 โมงเย็น.
    var afternoon_words: [String]
    /// Unspaced words that end in a deadline word without being one: 午前 ("a.m.") ends in 前 ("before").
    var not_deadline_words: [String]

    static let fileName = "entities.json"

    func validate() throws {
        for (word, unit) in duration_units where !["H", "M", "D"].contains(unit) {
            throw EngineDataError.malformed(file: Self.fileName, line: 0, reason: "duration unit of '\(word)' must be H, M or D")
        }
        for (reason, code) in http_reasons where Int(code).map({ !(100...599).contains($0) }) ?? true {
            throw EngineDataError.malformed(file: Self.fileName, line: 0, reason: "http reason '\(reason)' needs a status 100…599")
        }
        for (_, code) in currency_symbols.merging(currency_words, uniquingKeysWith: { a, _ in a })
            where code.count != 3 || code.uppercased() != code {
            throw EngineDataError.malformed(file: Self.fileName, line: 0, reason: "currency '\(code)' must be an ISO 4217 code")
        }
    }
}

/// The folded vocabulary as sets, for lookups.
struct EntityWords: Sendable {
    let vocabulary: EntityVocabulary
    let seat: Set<String>
    let within: Set<String>
    let deadline: Set<String>
    let deadlineAfterTime: Set<String>
    let toDateFollowers: Set<String>
    let error: Set<String>
    let order: Set<String>
    let invoice: Set<String>
    let currencyWords: [String: String]
    let durationUnits: [String: String]
    let dayWords: [String: String]
    let numberWords: [String: Int]
    let monthWords: [String: Int]
    /// Folded currency symbols, longest first (`R$` before `$`).
    let currencySymbols: [(scalars: [Unicode.Scalar], code: String)]
    /// HTTP reason phrases as folded words, keyed by their first word.
    let httpReasons: [String: [(words: [String], code: String)]]
    /// Folded keywords of unspaced scripts, matched as suffixes of the text before a number or
    /// prefixes of the text after it.
    let unspaced: [(scalars: [Unicode.Scalar], role: String, value: String)]
    private let unspacedByFirst: [Unicode.Scalar: [Int]]

    init(_ vocabulary: EntityVocabulary) {
        func fold(_ word: String) -> String { String(String.UnicodeScalarView(word.unicodeScalars.map(ScalarFolding.fold))) }
        func set(_ words: [String]) -> Set<String> { Set(words.map(fold)) }
        func map<V>(_ dictionary: [String: V]) -> [String: V] {
            Dictionary(dictionary.map { (fold($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        }
        self.vocabulary = vocabulary
        seat = set(vocabulary.seat_words)
        within = set(vocabulary.within_words)
        deadline = set(vocabulary.deadline_words)
        deadlineAfterTime = set(vocabulary.deadline_after_time)
        toDateFollowers = set(vocabulary.to_date_followers)
        error = set(vocabulary.error_words)
        order = set(vocabulary.order_words)
        invoice = set(vocabulary.invoice_words)
        currencyWords = map(vocabulary.currency_words)
        durationUnits = map(vocabulary.duration_units)
        dayWords = map(vocabulary.day_words)
        numberWords = map(vocabulary.number_words)
        monthWords = map(vocabulary.month_words)
        var reasons = [String: [(words: [String], code: String)]]()
        for (reason, code) in vocabulary.http_reasons {
            let words = NormalizedText(reason).tokens.map(\.text)
            if let first = words.first { reasons[first, default: []].append((words, code)) }
        }
        httpReasons = reasons
        currencySymbols = vocabulary.currency_symbols
            .map { (Array($0.key.unicodeScalars.map(ScalarFolding.fold)), $0.value) }
            .sorted { $0.0.count != $1.0.count ? $0.0.count > $1.0.count : String(String.UnicodeScalarView($0.0)) < String(String.UnicodeScalarView($1.0)) }
        var unspaced = [(scalars: [Unicode.Scalar], role: String, value: String)]()
        func add(_ words: [String], _ role: String, _ value: (String) -> String) {
            for word in words where word.unicodeScalars.contains(where: { Script($0).isUnspaced }) {
                unspaced.append((Array(fold(word).unicodeScalars), role, value(word)))
            }
        }
        add(vocabulary.seat_words, "seat") { _ in "" }
        add(Array(vocabulary.currency_words.keys), "currency") { vocabulary.currency_words[$0] ?? "" }
        add(Array(vocabulary.duration_units.keys), "unit") { vocabulary.duration_units[$0] ?? "" }
        add(vocabulary.within_words, "within") { _ in "" }
        add(vocabulary.within_suffixes, "within_suffix") { _ in "" }
        add(vocabulary.deadline_words, "deadline") { _ in "" }
        add(vocabulary.error_words, "error") { _ in "" }
        add(vocabulary.order_words, "order") { _ in "" }
        add(vocabulary.invoice_words, "invoice") { _ in "" }
        add(Array(vocabulary.day_words.keys), "day") { vocabulary.day_words[$0] ?? "" }
        add(vocabulary.clock_words, "clock") { _ in "" }
        add(vocabulary.deadline_after_time, "obligation") { _ in "" }
        add(vocabulary.afternoon_words, "afternoon") { _ in "" }
        add(vocabulary.not_deadline_words, "not_deadline") { _ in "" }
        self.unspaced = unspaced.sorted { $0.scalars.count > $1.scalars.count }
        var byFirst = [Unicode.Scalar: [Int]]()
        for (index, keyword) in self.unspaced.enumerated() {
            if let first = keyword.scalars.first { byFirst[first, default: []].append(index) }
        }
        self.unspacedByFirst = byFirst
    }

    /// Unspaced keywords of `role` that start at `position`.
    func unspaced(at position: Int, in scalars: [Unicode.Scalar], role: String) -> [(scalars: [Unicode.Scalar], role: String, value: String)] {
        guard let candidates = unspacedByFirst[scalars[position]] else { return [] }
        return candidates.map { unspaced[$0] }.filter { keyword in
            keyword.role == role && position + keyword.scalars.count <= scalars.count
                && scalars[position..<(position + keyword.scalars.count)].elementsEqual(keyword.scalars)
        }
    }
}
