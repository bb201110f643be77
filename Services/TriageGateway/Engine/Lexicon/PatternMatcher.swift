/// A found pattern: which lexicon entry, where, and whether a negator cancels it.
struct LexiconHit: Sendable, Hashable {
    var entry: Int
    /// Scalar offsets [start, end) in the message.
    var start: Int
    var end: Int
    var negated: Bool
    /// How many scalars of the reduced text (``ReducedText``) the pattern matched, where it was found
    /// only there: a rewrite can stand longer than what it replaced (點算 for 怎么办), so that a pattern
    /// and a longer mask around it cover the same written span.
    var reducedLength: Int? = nil

    /// The length of the match in the text it was found in (reduced or written).
    var matchedLength: Int { reducedLength ?? end - start }
}

/// Finds every lexicon pattern in a text in one pass over its tokens and unspaced scalars.
struct PatternMatcher: Sendable {
    private let patterns: [CompiledPattern]
    private let negatable: [Bool]
    private let exactIndex: [String: [Int]]
    /// Prefix patterns (`refund*`) by the first ``bucketLength`` characters of their stem: one
    /// lookup per token, then a `hasPrefix` check per stem in the bucket.
    private let prefixBuckets: [String: [(stem: String, ids: [Int])]]
    /// Stems shorter than ``bucketLength``, looked up by exact prefix.
    private let shortPrefixes: [String: [Int]]
    private let shortPrefixLengths: [Int]
    static let bucketLength = 3
    private let scalarIndex: [Unicode.Scalar: [Int]]
    private let infixPatterns: [(id: Int, part: [UInt8])]
    private let shortestInfix: Int
    /// ASCII scalars that start a substring pattern ("2回請求", "500エラー").
    private let asciiHeads: [Bool]
    private let negators: Negators
    /// The patterns that may match the reduced text (``ReducedText``) where the written one does not,
    /// reduced alike, by first scalar: matched against the reduced text as well as the written one.
    private let reducedPatterns: [Int: (pieces: [CompiledPattern.Piece], stages: ReducedText.Stages)]
    private let reducedIndex: [Unicode.Scalar: [(id: Int, stages: ReducedText.Stages)]]
    /// Patterns of one group (a lexicon's kind and label) are one piece of evidence where they match
    /// the same stretch: 困っています and 困ってい both reduce to 困った, and 困ってます is one complaint.
    private let groups: [Int]
    /// Longer "words" (hashes, pasted blobs) are not matched.
    static let longestWord = 48

    init(patterns: [CompiledPattern], negatable: [Bool], negators: Negators, groups: [Int]? = nil) {
        var exact = [String: [Int]]()
        var prefix = [String: [Int]]()
        var scalar = [Unicode.Scalar: [Int]]()
        var infix = [(id: Int, part: [UInt8])]()
        for (id, pattern) in patterns.enumerated() {
            switch pattern {
            case .words(let elements):
                if case .infix(let part) = elements[0] {
                    infix.append((id, Array(part.utf8)))
                    continue
                }
                guard case .word(let first, let isPrefix) = elements[0] else { continue }
                if isPrefix { prefix[first, default: []].append(id) } else { exact[first, default: []].append(id) }
            case .substring(let pieces):
                guard case .scalars(let scalars) = pieces[0], let head = scalars.first else { continue }
                scalar[head, default: []].append(id)
            }
        }
        self.patterns = patterns
        self.negatable = negatable
        self.exactIndex = exact
        var buckets = [String: [(stem: String, ids: [Int])]]()
        var short = [String: [Int]]()
        for (stem, ids) in prefix.sorted(by: { $0.key < $1.key }) {
            if stem.count >= Self.bucketLength {
                buckets[String(stem.prefix(Self.bucketLength)), default: []].append((stem, ids))
            } else {
                short[stem] = ids
            }
        }
        self.prefixBuckets = buckets
        self.shortPrefixes = short
        self.shortPrefixLengths = Set(short.keys.map(\.count)).sorted()
        self.scalarIndex = scalar
        self.infixPatterns = infix
        self.shortestInfix = infix.map(\.part.count).min() ?? .max
        var heads = [Bool](repeating: false, count: 128)
        for head in scalar.keys where head.value < 128 { heads[Int(head.value)] = true }
        self.asciiHeads = heads
        self.negators = negators
        var reduced = [Int: (pieces: [CompiledPattern.Piece], stages: ReducedText.Stages)]()
        var reducedIndex = [Unicode.Scalar: [(id: Int, stages: ReducedText.Stages)]]()
        for (id, pattern) in patterns.enumerated() {
            guard case .substring(let pieces) = pattern, let reducedPattern = Self.reduced(pieces),
                  case .scalars(let run) = reducedPattern.pieces[0], let head = run.first else { continue }
            reduced[id] = reducedPattern
            reducedIndex[head, default: []].append((id, reducedPattern.stages))
        }
        self.reducedPatterns = reduced
        self.groups = groups ?? Array(patterns.indices)
        self.reducedIndex = reducedIndex
    }

    /// The pieces of a pattern, each run reduced, and the stages of ``ReducedText`` whose rewritten
    /// text it may match where the written text does not; nil for a pattern no stage concerns.
    private static func reduced(_ pieces: [CompiledPattern.Piece]) -> (pieces: [CompiledPattern.Piece], stages: ReducedText.Stages)? {
        var stages = ReducedText.Stages()
        let reduced = pieces.map { piece -> CompiledPattern.Piece in
            guard case .scalars(let run) = piece else { return piece }
            stages.formUnion(ReducedText.stages(concerning: run))
            return ReducedText.pattern(run).map { .scalars($0) } ?? piece
        }
        return stages.isEmpty ? nil : (reduced, stages)
    }

    /// Every pattern's first occurrence in the text (later repeats add no evidence and cost time),
    /// and, where that one is negated, its first occurrence that is not: "no refund for the seats …
    /// please refund the fee" asks for a refund. Where a first occurrence does not count for other
    /// reasons (a mask, a step tried), ``Lexicon/hits(in:language:)`` looks further with
    /// ``occurrences(of:in:)``.
    func hits(in text: NormalizedText) -> [LexiconHit] {
        var hits = [LexiconHit]()
        // Per pattern: 0 not found, 1 found negated only, 2 done.
        var found = [UInt8](repeating: 0, count: patterns.count)
        let tokens = text.tokens
        for index in tokens.indices {
            let word = tokens[index].text
            let length = word.utf8.count
            guard length <= Self.longestWord else { continue }
            var candidates = exactIndex[word] ?? []
            let characters = word.count
            if characters >= Self.bucketLength, let bucket = prefixBuckets[String(word.prefix(Self.bucketLength))] {
                for entry in bucket where word.hasPrefix(entry.stem) { candidates.append(contentsOf: entry.ids) }
            }
            for prefixLength in shortPrefixLengths {
                if prefixLength > characters { break }
                if let ids = shortPrefixes[String(word.prefix(prefixLength))] { candidates.append(contentsOf: ids) }
            }
            if length >= shortestInfix {
                let bytes = Array(word.utf8)
                for (id, part) in infixPatterns where found[id] == 0 && Self.contains(bytes, part) {
                    found[id] = 2
                    hits.append(LexiconHit(entry: id, start: tokens[index].start, end: tokens[index].end, negated: false))
                }
            }
            for id in candidates where found[id] != 2 {
                guard case .words(let elements) = patterns[id],
                      let last = matchWords(elements, 1, tokens, index + 1, sentence: tokens[index].sentence) else { continue }
                let negated = negatable[id] && negators.negatesWords(tokens, before: index)
                if negated && found[id] == 1 { continue }
                found[id] = negated ? 1 : 2
                hits.append(LexiconHit(entry: id, start: tokens[index].start, end: tokens[last].end, negated: negated))
            }
        }
        if !scalarIndex.isEmpty {
            let scalars = text.folded
            for position in scalars.indices {
                let head = scalars[position]
                guard head.value < 128 ? asciiHeads[Int(head.value)] : Script(head).isUnspaced,
                      let ids = scalarIndex[head] else { continue }
                for id in ids where found[id] != 2 {
                    guard case .substring(let pieces) = patterns[id],
                          let end = matchPieces(pieces, 0, scalars, position) else { continue }
                    let negated = negatable[id] && writtenNegated(text, start: position, end: end)
                    if negated && found[id] == 1 { continue }
                    found[id] = negated ? 1 : 2
                    hits.append(LexiconHit(entry: id, start: position, end: end, negated: negated))
                }
            }
        }
        if let reduced = text.reduced {
            for position in reduced.scalars.indices {
                guard let candidates = reducedIndex[reduced.scalars[position]] else { continue }
                for (id, stages) in candidates where found[id] != 2 && !stages.isDisjoint(with: reduced.stages) {
                    guard let hit = reducedHit(id, in: reduced, at: position), !(hit.negated && found[id] == 1) else { continue }
                    if hits.contains(where: { groups[$0.entry] == groups[id] && $0.start == hit.start && $0.end == hit.end }) {
                        found[id] = 2
                        continue
                    }
                    found[id] = hit.negated ? 1 : 2
                    hits.append(hit)
                }
            }
        }
        return hits
    }

    /// Whether a negator cancels a match of the written text at [start, end): in the written text,
    /// or in the reduced one, whose negators are those of the standard language (Cantonese 唔使退款
    /// is 不用退款, while 唔該, "please", stays as written and negates nothing).
    private func writtenNegated(_ text: NormalizedText, start: Int, end: Int) -> Bool {
        if negators.negatesScalars(text.folded, start: start, end: end) { return true }
        guard let reduced = text.reduced else { return false }
        let span = reduced.reducedSpan(start, end)
        return negators.negatesScalars(reduced.scalars, start: span.start, end: span.end)
    }

    /// A match of a reduced pattern in the reduced text at `position`, in the written text's offsets.
    private func reducedHit(_ id: Int, in reduced: ReducedText, at position: Int) -> LexiconHit? {
        guard let pieces = reducedPatterns[id]?.pieces, let end = matchPieces(pieces, 0, reduced.scalars, position) else { return nil }
        let negated = negatable[id] && negators.negatesScalars(reduced.scalars, start: position, end: end)
        let span = reduced.span(position, end)
        return LexiconHit(entry: id, start: span.start, end: span.end, negated: negated, reducedLength: end - position)
    }

    /// Every occurrence of one pattern in the text, in order: for the few patterns whose first
    /// occurrence does not count (inside a mask or a step tried), and for the masks and steps
    /// themselves, which may recur.
    func occurrences(of id: Int, in text: NormalizedText) -> [LexiconHit] {
        var hits = [LexiconHit]()
        switch patterns[id] {
        case .words(let elements):
            let tokens = text.tokens
            for index in tokens.indices where tokens[index].text.utf8.count <= Self.longestWord {
                let word = tokens[index].text
                switch elements[0] {
                case .word(let first, let isPrefix):
                    guard isPrefix ? word.hasPrefix(first) : word == first,
                          let last = matchWords(elements, 1, tokens, index + 1, sentence: tokens[index].sentence) else { continue }
                    let negated = negatable[id] && negators.negatesWords(tokens, before: index)
                    hits.append(LexiconHit(entry: id, start: tokens[index].start, end: tokens[last].end, negated: negated))
                case .infix(let part):
                    guard Self.contains(Array(word.utf8), Array(part.utf8)) else { continue }
                    hits.append(LexiconHit(entry: id, start: tokens[index].start, end: tokens[index].end, negated: false))
                case .gap:
                    continue
                }
            }
        case .substring(let pieces):
            guard case .scalars(let run) = pieces[0], let head = run.first else { return [] }
            let scalars = text.folded
            guard head.value < 128 ? asciiHeads[Int(head.value)] : Script(head).isUnspaced else { return [] }
            for position in scalars.indices where scalars[position] == head {
                guard let end = matchPieces(pieces, 0, scalars, position) else { continue }
                let negated = negatable[id] && writtenNegated(text, start: position, end: end)
                hits.append(LexiconHit(entry: id, start: position, end: end, negated: negated))
            }
            // The reduced text's occurrences that the written text does not have (消えてます for 消えた).
            if let reduced = text.reduced, let stages = reducedPatterns[id]?.stages, !stages.isDisjoint(with: reduced.stages) {
                let written = hits
                for position in reduced.scalars.indices {
                    guard let hit = reducedHit(id, in: reduced, at: position),
                          !written.contains(where: { $0.start < hit.end && hit.start < $0.end }) else { continue }
                    hits.append(hit)
                }
                hits.sort { $0.start < $1.start }
            }
        }
        return hits
    }

    static func contains(_ bytes: [UInt8], _ part: [UInt8]) -> Bool {
        guard part.count <= bytes.count, let first = part.first else { return part.isEmpty }
        var i = 0
        let last = bytes.count - part.count
        while i <= last {
            if bytes[i] == first {
                var j = 1
                while j < part.count && bytes[i + j] == part[j] { j += 1 }
                if j == part.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Index of the last token matched, or nil. A pattern's words stay within one sentence
    /// ("… nicht. Ich …" is not "nicht ich").
    private func matchWords(_ elements: [CompiledPattern.Element], _ e: Int, _ tokens: [Token], _ t: Int, sentence: Int) -> Int? {
        if e == elements.count { return t - 1 }
        switch elements[e] {
        case .gap(let maximum):
            for skip in 0...maximum where t + skip <= tokens.count {
                if let last = matchWords(elements, e + 1, tokens, t + skip, sentence: sentence) { return last }
            }
            return nil
        case .infix(let part):
            guard t < tokens.count, tokens[t].sentence == sentence, Self.contains(Array(tokens[t].text.utf8), Array(part.utf8)) else { return nil }
            return matchWords(elements, e + 1, tokens, t + 1, sentence: sentence)
        case .word(let word, let isPrefix):
            guard t < tokens.count, tokens[t].sentence == sentence else { return nil }
            let candidate = tokens[t].text
            guard isPrefix ? candidate.hasPrefix(word) : candidate == word else { return nil }
            return matchWords(elements, e + 1, tokens, t + 1, sentence: sentence)
        }
    }

    private static func isLatinWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
    }

    /// End offset of the match, or nil.
    private func matchPieces(_ pieces: [CompiledPattern.Piece], _ p: Int, _ scalars: [Unicode.Scalar], _ s: Int) -> Int? {
        if p == pieces.count { return s }
        switch pieces[p] {
        case .gap(let maximum):
            // The gap counts characters, but a Latin word is one ("支持 SSO 吗", "升级 Pro 吧": the
            // product words customers write in English), and spaces around it count nothing.
            var position = s
            var used = 0
            while true {
                if let end = matchPieces(pieces, p + 1, scalars, position) { return end }
                guard position < scalars.count else { return nil }
                if scalars[position] == " " {
                    position += 1
                    continue
                }
                guard used < maximum else { return nil }
                used += 1
                if Self.isLatinWordScalar(scalars[position]) {
                    while position < scalars.count, Self.isLatinWordScalar(scalars[position]) { position += 1 }
                } else {
                    position += 1
                }
            }
        case .scalars(let run):
            // Spaces in the text are skipped: Thai and Korean writers space phrases freely.
            var position = s
            for (offset, scalar) in run.enumerated() {
                if offset > 0 { while position < scalars.count && scalars[position] == " " { position += 1 } }
                guard position < scalars.count, scalars[position] == scalar else { return nil }
                position += 1
            }
            return matchPieces(pieces, p + 1, scalars, position)
        }
    }
}

/// Words and characters that cancel a negatable match: `not refund`, `不需要退款`, `返金は不要`.
struct Negators: Sendable {
    /// Folded words that negate what follows within `window` words of the same sentence.
    var words: Set<String>
    /// Unspaced negators written before the negated term (不, 没, ไม่, 안).
    var before: [[Unicode.Scalar]]
    /// Unspaced negators written after it (ない, ません, 不要).
    var after: [[Unicode.Scalar]]
    var window = 4
    /// Folded words that open a condition ("if", "se", "si", "wenn"): a negator just after one states
    /// what happens otherwise ("se não devolverem meu dinheiro", "if you don't refund me, I'll…"), the
    /// thing demanded, not a need denied.
    var conditions: Set<String> = []
    /// How many words before the negator a condition word may stand ("if you don't", "si ce n'est pas").
    var conditionWindow = 4

    func negatesWords(_ tokens: [Token], before index: Int) -> Bool {
        var t = index - 1
        while t >= 0 && index - t <= window && tokens[t].clause == tokens[index].clause {
            if words.contains(tokens[t].text), !isConditional(tokens, negator: t) { return true }
            t -= 1
        }
        return false
    }

    /// Whether a condition word opens the clause part the negator at `negator` stands in.
    func isConditional(_ tokens: [Token], negator: Int) -> Bool {
        var c = negator - 1
        while c >= 0 && negator - c <= conditionWindow && tokens[c].clause == tokens[negator].clause {
            if conditions.contains(tokens[c].text) { return true }
            c -= 1
        }
        return false
    }

    func negatesScalars(_ scalars: [Unicode.Scalar], start: Int, end: Int) -> Bool {
        for negator in before {
            for gap in 0...3 {
                let from = start - gap - negator.count
                if from >= 0 && scalars[from..<(from + negator.count)].elementsEqual(negator) { return true }
            }
        }
        for negator in after {
            for gap in 0...4 {
                let from = end + gap
                if from + negator.count <= scalars.count && scalars[from..<(from + negator.count)].elementsEqual(negator) { return true }
            }
        }
        return false
    }
}
