/// Japanese text with its verb endings reduced to one form, so that one lexicon phrase matches the
/// many ways a customer says the same thing happened.
///
/// Japanese lexicon phrases are surface forms matched as substrings, and a verb reports one event
/// in many endings: 消えた, 消えました, 消えてる, 消えてます, 消えています, 消えちゃった,
/// 消えてしまいました. Listing every ending in every file never caught up with unseen tickets, so
/// the endings are reduced instead, in the text and in the patterns alike:
///
/// 1. the contractions of しまう are spelled out: ちゃっ/ちゃい → てしまっ/てしまい, じゃっ/じゃい →
///    でしまっ/でしまい, and a te-form of しまう that goes on (てしまって…) is the te-form (て…);
/// 2. a te-form (て, で) followed by an affirmative form of the aspect auxiliaries いる and しまう
///    (ている, てる, ています, てます, ていた, てた, ていました, てました, てしまった,
///    てしまいました, …) becomes the past (た, だ): for the verbs a support ticket reports with
///    (disappear, stop, break, fail), "is gone", "has gone", "went" and "ended up gone" are one
///    report. Not before だ: ていただく ("would you kindly") is a request, not a state. Not the
///    humble おる (ております): that register is itself evidence, the business letter's calm
///    困っております is not the frustrated 困っています (the sentiment lexicon lists only the latter);
/// 3. the polite past ました becomes the plain past た, and りました becomes った (止まりました →
///    止まった, なりました → なった; most verbs in り before ます are of that class).
///
/// Negative forms (ていない, てない, ていません, ません, なかった) are left as written, so the
/// negators that follow a phrase (ない, ません) still follow it in the reduced text. The reduction
/// is heuristic where the language is (a stem that ends in て, 捨てる, reduces like a te-form);
/// since text and patterns reduce alike, that merges a few forms but never loses a match, and the
/// matcher matches the written text as well (see ``PatternMatcher``): the reduced form only adds.
/// This is one stage of ``ReducedText``, which keeps the offsets.
enum JapaneseInflection {
    /// The reduced form of a folded pattern, or nil when it reduces to itself. A pattern may stop
    /// inside an ending: 困ってい and 消えてしま are written to match whatever follows, so an ending
    /// the pattern begins reduces as its complete affirmative form would (困った, 消えた).
    static func pattern(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar]? {
        reduce(ReducedText.identity(scalars), isPattern: true)?.scalars
    }

    /// `view` with its endings reduced, or nil when it holds no hiragana or none of the forms above.
    static func reduce(_ view: ReducedText, isPattern: Bool) -> ReducedText? {
        guard view.scalars.contains(where: ReducedText.isHiragana) else { return nil }
        var view = view
        var changed = false
        for pass in [Rule.contractions, Rule.continuing, Rule.aspect, Rule.politePast] {
            let next = view.rewritten { scalars, i in
                // Most positions hold no rule's head: a table lookup, before any rule is tried.
                guard Rule.mayStartAt(scalars[i]) else { return nil }
                for rule in pass {
                    if let applied = rule.apply(scalars, at: i, isPattern: isPattern) { return applied }
                }
                return nil
            }
            if let next {
                view = next
                changed = true
            }
        }
        return changed ? view : nil
    }
}

/// One rewrite: at a position holding one of the `heads`, followed by one of the `tails` (longest
/// first), the head becomes its output, the tail `tailOutput`.
private struct Rule {
    /// One or two entries: a linear scan, cheaper than hashing every scalar of the text.
    var heads: KeyValuePairs<Unicode.Scalar, [Unicode.Scalar]>
    var tails: [[Unicode.Scalar]]
    var tailOutput: [Unicode.Scalar] = []
    /// When not empty, the text must go on with one of these (kept, not consumed).
    var onlyBefore: [[Unicode.Scalar]] = []
    /// The rule does not apply when the text goes on with one of these (ていただく).
    var notBefore: [[Unicode.Scalar]] = []
    /// Whether a pattern that ends inside a tail (困ってい) reduces as if the tail were complete.
    var completesPatterns = false

    /// Scalars consumed and the output, or nil.
    func apply(_ text: [Unicode.Scalar], at i: Int, isPattern: Bool) -> (consumed: Int, output: [Unicode.Scalar])? {
        let scalar = text[i]
        guard let headOutput = heads.first(where: { $0.key == scalar })?.value else { return nil }
        let rest = text[(i + 1)...]
        // In a text (not a pattern) only a tail that starts with the next scalar can match: て and で
        // are common, and most are followed by nothing a rule rewrites.
        let next = rest.first
        for tail in tails where isPattern || tail.first == next {
            if rest.starts(with: tail) {
                let after = rest.dropFirst(tail.count)
                if notBefore.contains(where: { after.starts(with: $0) }) { continue }
                if !onlyBefore.isEmpty && !onlyBefore.contains(where: { after.starts(with: $0) }) { continue }
                return (1 + tail.count, headOutput + tailOutput)
            }
            if isPattern && completesPatterns && !rest.isEmpty && tail.starts(with: rest) {
                return (1 + rest.count, headOutput + tailOutput)
            }
        }
        return nil
    }

    /// Whether any rule's head is this scalar: a table over the hiragana block, read at every
    /// position of a text before any rule is tried.
    static func mayStartAt(_ scalar: Unicode.Scalar) -> Bool {
        let offset = Int(scalar.value) - 0x3040
        return offset >= 0 && offset < headTable.count && headTable[offset]
    }

    private static let headTable: [Bool] = {
        var table = [Bool](repeating: false, count: 0x60)
        for rule in contractions + continuing + aspect + politePast {
            for (head, _) in rule.heads { table[Int(head.value) - 0x3040] = true }
        }
        return table
    }()

    private static func scalars(_ words: [String]) -> [[Unicode.Scalar]] {
        words.map { Array($0.unicodeScalars) }.sorted { $0.count > $1.count }
    }

    /// ちゃっ, ちゃい → てしまっ, てしまい; じゃっ, じゃい → でしまっ, でしまい (not ちゃん, じゃない).
    static let contractions = [
        Rule(heads: ["ち": Array("てしま".unicodeScalars), "じ": Array("でしま".unicodeScalars)],
             tails: scalars(["ゃ"]), onlyBefore: scalars(["っ", "い"])),
    ]

    /// てしまって → て, でしまって → で: the te-form of しまう goes on as the te-form (てしまってる).
    static let continuing = [
        Rule(heads: ["て": ["て"], "で": ["で"]], tails: scalars(["しまって"])),
    ]

    /// A te-form and an affirmative aspect auxiliary → the past.
    static let aspect = [
        Rule(heads: ["て": ["た"], "で": ["だ"]],
             tails: scalars(["しまいました", "しまいます", "しまった", "しまう",
                             "いました", "います", "いる", "いた",
                             "ました", "ます", "る", "た"]),
             notBefore: scalars(["だ"]), completesPatterns: true),
    ]

    /// りました → った, ました → た (a pattern ending in りまし or まし completes too).
    static let politePast = [
        Rule(heads: ["り": ["っ"]], tails: scalars(["ました"]), tailOutput: ["た"], completesPatterns: true),
        Rule(heads: ["ま": ["た"]], tails: scalars(["した"]), completesPatterns: true),
    ]
}
