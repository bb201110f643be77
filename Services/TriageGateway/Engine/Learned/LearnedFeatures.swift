/// The hashed features the learned model reads from one text: character n-grams inside words (CJK,
/// Thai and Hangul runs are sequences of characters, so theirs are character n-grams), words and word
/// bigrams of spaced scripts, and a few symbols (`!`, `!!!`, `?`, emoji, capitals).
///
/// Mirrors `Tools/learned_text.py` scalar for scalar: the model was trained on that code's output, and
/// the model file's check tickets fail start-up if the two ever disagree.
struct LearnedFeatures {
    /// Where a feature was found, to name it in the explanation.
    enum Source {
        /// Scalars `start..<end` of the stream.
        case characters(start: Int32, end: Int32)
        case word(Int32)
        /// Words `index` and `index + 1`.
        case bigram(Int32)
        case symbol(Symbol)
    }

    enum Symbol: Sendable {
        case exclamation, exclamations, question, capitals
        case emoji(Unicode.Scalar)

        var text: String {
            switch self {
            case .exclamation: "!"
            case .exclamations: "!!!"
            case .question: "?"
            case .capitals: "CAPS"
            case .emoji(let scalar): String(Character(scalar))
            }
        }
    }

    /// Folded word scalars, each run of other scalars one space, padded with a space at both ends.
    private(set) var stream: [Unicode.Scalar] = [" "]
    /// Ranges of `stream` holding a word of a spaced script.
    private(set) var words: [Range<Int>] = []
    /// For each scalar of `stream`, the index of the word it belongs to, or -1.
    private(set) var wordAt: [Int32] = []
    private(set) var hashes: [UInt32] = []
    private(set) var sources: [Source] = []

    /// Reads the first `limit` scalars of `text` (already normalised by the engine).
    init(_ text: NormalizedText, limit: Int, characterGrams: ClosedRange<Int>) {
        let count = min(limit, text.folded.count)
        for scalar in text.folded.prefix(count) {
            if scalar.isWordScalar {
                if scalar.value >= 0x300 && scalar.value < 0x370 { continue }
                // Every ASCII digit is "0": the shape of a number counts, not its value (which the
                // model would otherwise learn from the training tickets' amounts and ids).
                if scalar == "ß" {
                    stream.append("s"); stream.append("s")
                } else {
                    stream.append(scalar.value >= 0x30 && scalar.value <= 0x39 ? "0" : scalar)
                }
            } else if stream.last != " " {
                stream.append(" ")
            }
        }
        if stream.last != " " { stream.append(" ") }
        hashes.reserveCapacity(stream.count * (characterGrams.count + 1))
        sources.reserveCapacity(stream.count * (characterGrams.count + 1))
        addCharacterGrams(characterGrams)
        addWords()
        addSymbols(text.original.prefix(count))
    }

    private mutating func emit(_ hash: UInt32, _ source: Source) {
        hashes.append(LearnedHash.finalise(hash))
        sources.append(source)
    }

    private mutating func addCharacterGrams(_ sizes: ClosedRange<Int>) {
        let count = stream.count
        var start = 0
        while start < count - 1 {
            var hash = LearnedHash.characterSeed
            var n = 1
            while n <= sizes.upperBound {
                let end = start + n - 1
                if end >= count { break }
                hash = LearnedHash.step(hash, stream[end].value)
                if !(n == 1 && stream[start] == " ") && n >= sizes.lowerBound {
                    emit(hash, .characters(start: Int32(start), end: Int32(end + 1)))
                    // A space only at an edge: the gram ends at a word boundary.
                    if n > 1 && stream[end] == " " { break }
                }
                n += 1
            }
            start += 1
        }
    }

    private mutating func addWords() {
        wordAt = [Int32](repeating: -1, count: stream.count)
        var begin = -1
        for (index, scalar) in stream.enumerated() {
            let inWord = scalar != " " && !Script(scalar).isUnspaced
            if inWord {
                if begin < 0 { begin = index }
                wordAt[index] = Int32(words.count)
            } else if begin >= 0 {
                words.append(begin..<index)
                begin = -1
            }
        }
        for (index, word) in words.enumerated() {
            var hash = LearnedHash.wordSeed
            for position in word { hash = LearnedHash.step(hash, stream[position].value) }
            emit(hash, .word(Int32(index)))
        }
        for index in words.indices.dropLast() {
            var hash = LearnedHash.bigramSeed
            for position in words[index] { hash = LearnedHash.step(hash, stream[position].value) }
            hash = LearnedHash.step(hash, 0x20)
            for position in words[index + 1] { hash = LearnedHash.step(hash, stream[position].value) }
            emit(hash, .bigram(Int32(index)))
        }
    }

    private mutating func addSymbols(_ original: ArraySlice<Unicode.Scalar>) {
        var exclamations = 0
        var question = false
        for scalar in original {
            switch scalar {
            case "!", "！": exclamations += 1
            case "?", "？": question = true
            default: break
            }
        }
        if exclamations >= 1 { emit(LearnedHash.symbol("!"), .symbol(.exclamation)) }
        if exclamations >= 3 { emit(LearnedHash.symbol("!!!"), .symbol(.exclamations)) }
        if question { emit(LearnedHash.symbol("?"), .symbol(.question)) }
        for scalar in original where (0x1F300...0x1FAFF).contains(scalar.value) || (0x2600...0x27BF).contains(scalar.value) {
            emit(LearnedHash.symbol(String(Character(scalar))), .symbol(.emoji(scalar)))
        }
        if Self.shouting(original) { emit(LearnedHash.symbol("CAPS"), .symbol(.capitals)) }
    }

    /// At least two words of 3+ cased letters in capitals, and at least 30% of the words (words:
    /// runs of cased letters).
    static func shouting(_ original: ArraySlice<Unicode.Scalar>) -> Bool {
        var runs = 0, capitals = 0, length = 0, upper = true
        func close() {
            if length > 0 {
                runs += 1
                if length >= 3 && upper { capitals += 1 }
            }
            length = 0
            upper = true
        }
        for scalar in original {
            // ASCII without the Unicode property lookup (most scalars of most tickets).
            let category: Unicode.GeneralCategory = switch scalar.value {
            case 0x41...0x5A: .uppercaseLetter
            case 0x61...0x7A: .lowercaseLetter
            case 0..<0x80: .otherSymbol
            default: scalar.properties.generalCategory
            }
            switch category {
            case .uppercaseLetter: length += 1
            case .lowercaseLetter, .titlecaseLetter: length += 1; upper = false
            default: close()
            }
        }
        close()
        return capitals >= 2 && Double(capitals) / Double(runs) >= 0.3
    }

    /// The readable name of a feature: the word a character n-gram is part of (so the n-grams of
    /// "rimborso" add up under one name), the n-gram itself in CJK/Thai, the bigram, the symbol.
    func name(of source: Source) -> String {
        func text(_ range: Range<Int>) -> String {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: stream[range])
            return String(view)
        }
        switch source {
        case .characters(let start, let end):
            let range = Int(start)..<Int(end)
            if let inWord = range.first(where: { wordAt[$0] >= 0 }) { return text(words[Int(wordAt[inWord])]) }
            let trimmed = range.drop { stream[$0] == " " }
            return text(trimmed.startIndex..<(trimmed.last { stream[$0] != " " }.map { $0 + 1 } ?? trimmed.startIndex))
        case .word(let index):
            return text(words[Int(index)])
        case .bigram(let index):
            return text(words[Int(index)]) + " " + text(words[Int(index) + 1])
        case .symbol(let symbol):
            return symbol.text
        }
    }
}

/// FNV-1a over 32-bit scalar values, one seed per feature family, then a 32-bit finaliser
/// (`learned_text.py` has the same constants).
enum LearnedHash {
    static let prime: UInt32 = 16_777_619
    static let characterSeed: UInt32 = 0x811C_9DC5
    static let wordSeed: UInt32 = 0x811C_9DC5 ^ 0x5BD1_E995
    static let bigramSeed: UInt32 = 0x811C_9DC5 ^ 0x27D4_EB2F
    static let symbolSeed: UInt32 = 0x811C_9DC5 ^ 0x1656_67B1

    @inline(__always) static func step(_ hash: UInt32, _ value: UInt32) -> UInt32 { (hash ^ value) &* prime }

    static func finalise(_ hash: UInt32) -> UInt32 {
        var h = hash
        h ^= h >> 16
        h = h &* 0x7FEB_352D
        h ^= h >> 15
        h = h &* 0x846C_A68B
        h ^= h >> 16
        return h
    }

    /// The (unfinalised) hash of a symbol feature; `emit` finalises it.
    static func symbol(_ text: String) -> UInt32 {
        var hash = symbolSeed
        for scalar in text.unicodeScalars { hash = step(hash, scalar.value) }
        return hash
    }
}
