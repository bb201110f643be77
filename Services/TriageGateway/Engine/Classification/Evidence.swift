/// Everything the lexicons and entities found in the customer's messages, summed per label.
struct Evidence: Sendable {
    struct Label: Sendable {
        var score: Double = 0
        var signals: [String] = []
        /// Order of first appearance across the conversation (message, offset), for "asked first".
        var first: Int = .max
        /// The messages (by order; the subject counts with the first) with a counted hit: an intent and a
        /// topic combine only within one message (seats asked about in the first and "追加分が2回計上" in
        /// the third is a double charge, not a plan change).
        var messages: Set<Int> = []
        /// The passages with a counted hit (``Evidence/passage(order:index:)``; the subject's is 0): in a
        /// long message an intent and a topic combine only within one sentence.
        var passages: Set<Int> = []
    }

    /// Identifies passage `index` of message `order` across the conversation.
    static func passage(order: Int, index: Int) -> Int { order * passageStride + index }
    static let passageStride = 100_000

    var issues: [IssueType: Label] = [:]
    var intents: [String: Label] = [:]
    var topics: [String: Label] = [:]
    var cues: [Cue] = []
    /// Negated mentions, readable, for the reasoning.
    var negations: [String] = []

    mutating func addCue(_ name: String, _ evidence: String) {
        if !cues.contains(where: { $0.name == name }) { cues.append(Cue(name: name, evidence: evidence)) }
    }

    func has(_ cue: String) -> Bool { cues.contains { $0.name == cue } }

    /// Sums the hits of one message. `order` ranks the message in the conversation.
    mutating func add(hits: [LexiconHit], text: NormalizedText, order: Int, lexicon: Lexicon, taxonomy: Taxonomy,
                      weight: Double) {
        var seen = Set<Int>()
        var spans = [Int: [Range<Int>]]()
        let passages = Passages(text)
        let asking = Self.askingPassages(hits, text: text, passages: passages, lexicon: lexicon)
        // Heaviest first, so that of two overlapping patterns for one label the stronger one counts.
        let ordered = hits.sorted { a, b in
            let wa = lexicon.entries[a.entry].weight, wb = lexicon.entries[b.entry].weight
            return wa != wb ? wa > wb : (a.start != b.start ? a.start < b.start : a.entry < b.entry)
        }
        // A pattern negated once and said plainly later ("no refund for the seats … refund the fee")
        // counts both ways.
        for hit in ordered where seen.insert(hit.negated ? ~hit.entry : hit.entry).inserted {
            let entry = lexicon.entries[hit.entry]
            // Sentiment is read from the latest message by the sentiment classifier.
            if entry.kind == .sentiment && !hit.negated { continue }
            // Overlapping matches for the same label (two languages' "upgrade", 「ログインできな」 and
            // 「ログインできなく」) count once.
            let key = lexicon.labelIDs[hit.entry]
            let range = hit.start..<max(hit.end, hit.start + 1)
            guard !(spans[key] ?? []).contains(where: { $0.overlaps(range) }) else { continue }
            spans[key, default: []].append(range)
            // The written form is only built for the signals that are kept.
            let written = { text.text(hit.start, hit.end) }
            let position = order * 1_000_000 + hit.start
            let passage = [Self.passage(order: order, index: passages.index(of: hit.start))]
            if hit.negated {
                negations.append("\"\(written())\" (negated)")
                if let target = taxonomy.negated["\(entry.kind.rawValue):\(entry.label)"], target.hasPrefix("cue:") {
                    addCue(String(target.dropFirst(4)), "\"\(written())\" negated")
                }
                continue
            }
            let asked = entry.kind == .issue && asking.contains(passages.index(of: hit.start)) ? Self.askedWeight : 1
            let signal = { "\"\(written())\" → \(entry.label) (+\(NumberFormatting.short(entry.weight * weight * asked)))\(asked > 1 ? ", asked" : "")" }
            switch entry.kind {
            case .issue:
                guard let issue = IssueType(rawValue: entry.label) else { continue }
                Self.bump(&issues[issue, default: Label()], entry.weight * weight * asked, signal(), position, passage)
            case .intent:
                Self.bump(&intents[entry.label, default: Label()], entry.weight * weight, signal(), position, passage)
            case .topic:
                Self.bump(&topics[entry.label, default: Label()], entry.weight * weight, signal(), position, passage)
            case .cue:
                // "Is there a workaround?" asks for one the customer does not have.
                if Self.notWhenAsked.contains(entry.label), text.asks(after: hit.end) { continue }
                if !has(entry.label) { addCue(entry.label, "\"\(written())\"") }
            case .sentiment, .mask:
                continue
            }
        }
    }

    /// In a letter, an issue phrase in a sentence that asks for something counts this much more: the
    /// customer asks to have it fixed (policy: a mixed ticket "takes the type of what the customer asks
    /// to be fixed first"), where the background tells what happened around it.
    static let askedWeight = 1.5
    /// Intents that make a sentence a request or a question.
    static let askingIntents: Set<String> = ["request", "howto", "availability"]

    /// The sentences of a letter (``Passages/letter``) that ask: a request or question phrase, a
    /// correction asked of staff, or a question mark. Empty for a shorter message.
    static func askingPassages(_ hits: [LexiconHit], text: NormalizedText, passages: Passages, lexicon: Lexicon) -> Set<Int> {
        guard text.original.count >= Passages.letter else { return [] }
        var asking = Set(text.original.indices.filter { text.original[$0] == "?" || text.original[$0] == "？" }.map(passages.index(of:)))
        for hit in hits where !hit.negated {
            let entry = lexicon.entries[hit.entry]
            if (entry.kind == .intent && askingIntents.contains(entry.label)) || (entry.kind == .cue && entry.label == "staff_action") {
                asking.insert(passages.index(of: hit.start))
            }
        }
        return asking
    }

    /// Cues that a sentence asking for them does not report: "c'è un workaround?", "gibt's einen Workaround?".
    static let notWhenAsked: Set<String> = ["workaround"]

    /// Entities as evidence: an HTTP 5xx suggests a server error, a deadline raises urgency. `text` is
    /// the message they were found in, for their passages.
    mutating func add(entities: [Entity], order: Int, text: NormalizedText) {
        let passages = Passages(text)
        var statuses = Set<String>()
        var amounts = Set<String>()
        var seatCounts = Set<String>()
        for entity in entities {
            let position = order * 1_000_000 + entity.start
            let passage = [Self.passage(order: order, index: passages.index(of: entity.start))]
            switch entity.kind {
            case .httpStatus:
                guard statuses.insert(entity.normalized).inserted else { continue }
                let code = Int(entity.normalized) ?? 0
                let signal = "HTTP \(entity.normalized) in \"\(entity.text)\""
                if code >= 500 {
                    Self.bump(&issues[.error5xx, default: Label()], 2.5, signal + " → error_5xx (+2.5)", position, passage)
                    // A server error page: whatever the customer was doing there (paying, changing the
                    // card, downloading an invoice) failed, and no knowledge-base answer gets past it.
                    addCue("error_page", signal)
                }
                if [502, 503, 504].contains(code) {
                    Self.bump(&issues[.outage, default: Label()], 1, signal + " → outage (+1)", position, passage)
                }
                if code == 403 { Self.bump(&issues[.accessDenied, default: Label()], 2.5, signal + " → access_denied (+2.5)", position, passage) }
                if code == 401 { Self.bump(&issues[.loginFailure, default: Label()], 1.5, signal + " → login_failure (+1.5)", position, passage) }
                Self.bump(&intents["failure", default: Label()], 1, signal + " → failure (+1)", position, passage)
            case .errorCode, .errorMessage:
                Self.bump(&intents["failure", default: Label()], 1, "\(entity.kind.rawValue) \"\(entity.text)\" → failure (+1)", position, passage)
            case .deadline:
                addCue("deadline", "deadline \"\(entity.text)\" (\(entity.normalized))")
                if Self.isWithinHours(entity.normalized) { addCue("deadline_hours", "deadline \"\(entity.text)\" within hours") }
            case .amount:
                addCue("amount", "amount \(entity.normalized)")
                // The same amount twice in one message ("R$ 59,90 + R$ 59,90") is a charge repeated.
                if !amounts.insert(entity.normalized).inserted {
                    Self.bump(&intents["twice", default: Label()], 2, "amount \(entity.normalized) written twice → twice (+2)", position, passage)
                } else if amounts.count == 2 {
                    // Two different amounts in one message ("45 € instead of the usual 30 €"): what was
                    // charged against what was expected.
                    addCue("amount_contrast", "amounts \(amounts.sorted().joined(separator: " and "))")
                }
            case .seatCount:
                addCue("seats_mentioned", "\(entity.normalized) seats")
                if seatCounts.insert(entity.normalized).inserted, seatCounts.count == 2 {
                    addCue("count_contrast", "seat counts \(seatCounts.sorted().joined(separator: " and "))")
                }
            case .orderNumber, .invoiceNumber:
                addCue("reference", "\(entity.kind.rawValue) \(entity.normalized)")
            case .email, .date, .productFeature:
                continue
            }
        }
    }

    /// A question mark in the latest message is weak evidence of a question, in the sentences it ends.
    mutating func addQuestionMark(order: Int, text: NormalizedText) {
        let passages = Passages(text)
        let asked = Set(text.original.indices.filter { text.original[$0] == "?" || text.original[$0] == "？" }
            .map { Self.passage(order: order, index: passages.index(of: $0)) })
        Self.bump(&intents["question", default: Label()], 1, "\"?\" → question (+1)", order * 1_000_000,
                  asked.isEmpty ? [Self.passage(order: order, index: 0)] : Array(asked))
    }

    /// `PT2H`, `PT30M`, `before:today` are within hours; `P2D`, `before:friday` are not.
    static func isWithinHours(_ normalized: String) -> Bool {
        if normalized.hasPrefix("PT") {
            let body = normalized.dropFirst(2)
            guard let unit = body.last, let value = Double(body.dropLast()) else { return false }
            return unit == "M" || (unit == "H" && value <= 24)
        }
        if normalized.hasPrefix("before:"), normalized.count == 12, normalized.dropFirst(9).first == ":" { return true }
        return normalized == "before:today" || normalized == "today"
    }

    /// Signals kept per label (the rest still count, they are just not listed).
    static let signalLimit = 8

    private static func bump(_ label: inout Label, _ weight: Double, _ signal: @autoclosure () -> String, _ position: Int,
                             _ passages: [Int]) {
        label.score += weight
        if label.signals.count < signalLimit { label.signals.append(signal()) }
        label.first = min(label.first, position)
        label.messages.insert(max(position / 1_000_000, 1))
        label.passages.formUnion(passages)
    }
}

enum NumberFormatting {
    static func short(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String((value * 10).rounded() / 10)
    }
}
