/// Word and character-trigram log-frequencies of the Latin-script languages, and the Han forms that
/// tell Japanese from Chinese (``HanForms``), from `Resources/language/profiles.tsv` (built by
/// `Tools/build_language_profiles.py`).
struct LanguageProfiles: Sendable {
    /// Languages in column order of the score arrays.
    let languages: [String]
    /// word → log10 frequency per language (`nil` where the word is not in that language's list).
    let words: [String: [Float?]]
    /// Trigram (three scalars packed by ``key(_:_:_:)``) → log10 probability per language.
    let trigrams: [UInt64: [Float?]]
    let wordFloor: [Float]
    let trigramFloor: [Float]
    /// The Han rows (`c`, `k`): evidence for a kana-free Han text, apart from the Latin columns.
    let han: HanForms

    init(tsv: String, file: String) throws {
        var languages = [String]()
        var columns = [String: Int]()
        var rows = [(lang: Int, isWord: Bool, item: String, value: Float)]()
        var han = HanForms()
        var lineNumber = 0
        for line in tsv.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 4, let value = Float(fields[3]), ["w", "g", "c", "k"].contains(fields[1]) else {
                throw EngineDataError.malformed(file: file, line: lineNumber, reason: "expected lang<TAB>w|g|c|k<TAB>item<TAB>log10")
            }
            let lang = String(fields[0])
            if fields[1] == "c" || fields[1] == "k" {
                han.add(language: lang, kind: fields[1], item: String(fields[2]))
                continue
            }
            let column: Int
            if let existing = columns[lang] {
                column = existing
            } else {
                column = languages.count
                columns[lang] = column
                languages.append(lang)
            }
            rows.append((column, fields[1] == "w", String(fields[2]), value))
        }
        guard !languages.isEmpty else { throw EngineDataError.malformed(file: file, line: 0, reason: "no profiles") }
        var words = [String: [Float?]]()
        var trigrams = [UInt64: [Float?]]()
        var wordFloor = [Float](repeating: 0, count: languages.count)
        var trigramFloor = [Float](repeating: 0, count: languages.count)
        let empty = [Float?](repeating: nil, count: languages.count)
        for row in rows {
            if row.isWord {
                words[row.item, default: empty][row.lang] = row.value
                wordFloor[row.lang] = min(wordFloor[row.lang], row.value)
            } else {
                let scalars = Array(row.item.unicodeScalars)
                guard scalars.count == 3 else {
                    throw EngineDataError.malformed(file: file, line: 0, reason: "trigram '\(row.item)' is not three characters")
                }
                trigrams[Self.key(scalars[0], scalars[1], scalars[2]), default: empty][row.lang] = row.value
                trigramFloor[row.lang] = min(trigramFloor[row.lang], row.value)
            }
        }
        self.languages = languages
        self.words = words
        self.trigrams = trigrams
        self.wordFloor = wordFloor.map { $0 - 1.0 }
        self.trigramFloor = trigramFloor.map { $0 - 1.0 }
        self.han = han
    }

    static func key(_ a: Unicode.Scalar, _ b: Unicode.Scalar, _ c: Unicode.Scalar) -> UInt64 {
        UInt64(a.value) << 42 | UInt64(b.value) << 21 | UInt64(c.value)
    }
}
