/// The folded text of a message (or a lexicon pattern) with spelling differences that do not change
/// what is said rewritten to one form, and an offset map back to the written scalars.
///
/// Lexicon phrases are matched as substrings in unspaced scripts, so a phrase matches only the one
/// spelling it was written in. Rather than listing every spelling in every lexicon file (which never
/// caught up with unseen tickets), the text and the patterns are both rewritten by the same stages,
/// in order:
///
/// 1. ``CantoneseFolding``: written Cantonese function words and verbs to their Standard Chinese
///    counterparts (唔 → 不, 咗 → 了), in text holding a Cantonese-only character;
/// 2. ``JapaneseInflection``: Japanese verb endings to one form (消えてます → 消えた).
///
/// The matcher (``PatternMatcher``) matches the written text as well: the reduced form only adds
/// hits, reported at the written offsets.
struct ReducedText: Sendable, Equatable {
    /// The reduced scalars.
    let scalars: [Unicode.Scalar]
    /// For each reduced scalar, the range [start, end) of the written scalars it stands for: spans
    /// found in the reduced text are reported in the written one's offsets.
    let starts: [Int]
    let ends: [Int]

    /// The stages that rewrote this text (the matcher looks only for the patterns they concern).
    let stages: Stages

    /// The stages, in the order they run.
    struct Stages: OptionSet, Sendable, Equatable {
        let rawValue: UInt8
        static let cantonese = Stages(rawValue: 1)
        static let inflection = Stages(rawValue: 2)
    }

    /// One rewrite at a position: how many scalars it consumes and what it writes instead, or nil.
    typealias Rewrite = (_ scalars: [Unicode.Scalar], _ position: Int) -> (consumed: Int, output: [Unicode.Scalar])?

    /// The reduced form of folded `text`, or nil when no stage changed it.
    init?(_ text: [Unicode.Scalar]) {
        guard let reduced = Self.reduce(text, isPattern: false) else { return nil }
        self = reduced
    }

    private init(scalars: [Unicode.Scalar], starts: [Int], ends: [Int], stages: Stages = []) {
        self.scalars = scalars
        self.starts = starts
        self.ends = ends
        self.stages = stages
    }

    /// `scalars` as written, each standing for itself: what the stages start from.
    static func identity(_ scalars: [Unicode.Scalar]) -> ReducedText {
        ReducedText(scalars: scalars, starts: Array(scalars.indices), ends: scalars.indices.map { $0 + 1 })
    }

    /// The written range of reduced scalars [start, end).
    func span(_ start: Int, _ end: Int) -> (start: Int, end: Int) {
        (starts[start], end > start ? ends[end - 1] : starts[start])
    }

    /// The reduced range [start, end) that stands for the written range [start, end): from the first
    /// reduced scalar that starts at or after `start` to the first that starts at or after `end`.
    func reducedSpan(_ start: Int, _ end: Int) -> (start: Int, end: Int) {
        (firstStarting(atOrAfter: start), firstStarting(atOrAfter: end))
    }

    private func firstStarting(atOrAfter offset: Int) -> Int {
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The reduced form of a folded pattern's run of scalars, or nil when it reduces to itself.
    static func pattern(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        reduce(scalars, isPattern: true)?.scalars
    }

    /// The stages whose rewritten stretches a pattern's run may match though the written text does
    /// not: those that rewrite the run itself, and those that write a scalar it holds (Standard
    /// Chinese 不 for 唔, hiragana for the Japanese endings). A pattern concerned by no stage matches
    /// rewritten text only where it matches the written text too: the matcher need not look twice.
    static func stages(concerning scalars: [Unicode.Scalar]) -> Stages {
        var stages = reduce(scalars, isPattern: true)?.stages ?? []
        if scalars.contains(where: CantoneseFolding.writes) { stages.insert(.cantonese) }
        if scalars.contains(where: isHiragana) { stages.insert(.inflection) }
        return stages
    }

    static func isHiragana(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x3041 && scalar.value <= 0x309F }

    private static func reduce(_ text: [Unicode.Scalar], isPattern: Bool) -> ReducedText? {
        // Most texts have nothing to reduce: no offset map is built for them.
        let cantonese = CantoneseFolding.applies(to: text)
        guard cantonese || text.contains(where: isHiragana) else { return nil }
        var view = identity(text)
        var stages = Stages()
        if cantonese, let folded = CantoneseFolding.reduce(view) {
            view = folded
            stages.insert(.cantonese)
        }
        if let inflected = JapaneseInflection.reduce(view, isPattern: isPattern) {
            view = inflected
            stages.insert(.inflection)
        }
        return stages.isEmpty ? nil : ReducedText(scalars: view.scalars, starts: view.starts, ends: view.ends, stages: stages)
    }

    /// One pass from left to right: where `rewrite` applies, its output replaces what it consumed
    /// (each output scalar standing for the whole consumed range); nil when it applied nowhere.
    /// The pass looks for the first place it applies before it copies anything: most texts have
    /// few, and a text with none costs one scan.
    func rewritten(_ rewrite: Rewrite) -> ReducedText? {
        func firstChange(from start: Int) -> (at: Int, consumed: Int, output: [Unicode.Scalar])? {
            var i = start
            while i < scalars.count {
                if let (consumed, output) = rewrite(scalars, i) {
                    if !scalars[i..<(i + consumed)].elementsEqual(output) { return (i, consumed, output) }
                    i += consumed
                } else {
                    i += 1
                }
            }
            return nil
        }
        guard var change = firstChange(from: 0) else { return nil }
        var out = [Unicode.Scalar](), outStarts = [Int](), outEnds = [Int]()
        out.reserveCapacity(scalars.count)
        outStarts.reserveCapacity(scalars.count)
        outEnds.reserveCapacity(scalars.count)
        var i = 0
        while true {
            out.append(contentsOf: scalars[i..<change.at])
            outStarts.append(contentsOf: starts[i..<change.at])
            outEnds.append(contentsOf: ends[i..<change.at])
            let start = starts[change.at], end = ends[change.at + change.consumed - 1]
            for scalar in change.output {
                out.append(scalar)
                outStarts.append(start)
                outEnds.append(end)
            }
            i = change.at + change.consumed
            guard let next = firstChange(from: i) else { break }
            change = next
        }
        out.append(contentsOf: scalars[i...])
        outStarts.append(contentsOf: starts[i...])
        outEnds.append(contentsOf: ends[i...])
        return ReducedText(scalars: out, starts: outStarts, ends: outEnds)
    }
}
