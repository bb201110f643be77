/// The tone of the customer's latest message: lexicon hits, exclamation marks, capitals and emoji,
/// with sarcasm-safe defaults (praise next to a failure is not positive).
struct SentimentClassifier: Sendable {
    let taxonomy: Taxonomy
    /// Order used to break ties: the more alarming tone first.
    static let priority: [Sentiment] = [.panicked, .angry, .urgent, .frustrated, .worried, .confused, .positive, .neutral]

    /// A tone needs at least this much evidence; weaker words alone leave the message neutral.
    static let minimumScore = 2.0
    /// Positive entries below this weight are pleasantries ("thanks"), not praise.
    static let praiseWeight = 2.0
    /// A latest message this long is a letter: its praise is sincere, not sarcasm next to the problem.
    static let letterLength = 2000
    /// Scalars from a cancellation within which a time word in the next sentence still says when it
    /// should take effect ("Cancel it. Now.").
    static let atOnceReach = 12

    func classify(latest text: NormalizedText, hits: [LexiconHit], lexicon: Lexicon, problem: Bool, threat: Bool,
                  compliment: Bool, stuck: Bool, timePressure: String? = nil,
                  implied: Taxonomy.SentimentDefault? = nil, asks: Bool = false, loss: Bool = false,
                  acknowledgement: Bool = false, cancellation: Bool = false, complaint: Bool = false,
                  deadline: Bool = false, request: Bool = false, failure: Bool = false) -> Classified<Sentiment> {
        var scores = [Sentiment: Double]()
        var signals = [Sentiment: [String]]()
        /// Praise that is not thanks: only this can be sarcasm next to a problem.
        var sarcasable = 0.0
        var seen = Set<Int>()
        // Thanks ("merci beaucoup", "thank you so much") is politeness, never praise that could be sarcasm.
        let thanks = hits.filter { lexicon.entries[$0.entry].kind == .cue && lexicon.entries[$0.entry].label == "thanks" }
            .map { $0.start..<max($0.end, $0.start + 1) }
        // "Es eilt auch nicht", "il n'y a aucune urgence": the customer says it is not urgent, so an
        // urgent word elsewhere in the message (or inside that phrase) is not their tone.
        let calm = hits.contains { lexicon.entries[$0.entry].kind == .cue && lexicon.entries[$0.entry].label == "not_urgent" && !$0.negated }
        // "Cancel our subscription, effective immediately", "马上把订阅取消掉": in a cancellation the time
        // word says when the plan should end, not that time presses (policy: urgent is "time pressure").
        var atOnce = hits.filter { lexicon.entries[$0.entry].kind == .cue && lexicon.entries[$0.entry].label == "at_once" && !$0.negated }
            .map { "\"\(text.text($0.start, $0.end))\"" }
        // Only a time word next to the cancellation says when the plan should end ("解約します。今すぐ");
        // a time word sentences away ("皆すぐに慣れてくれました" in a long letter) is about something else, and
        // is not time pressure on the ticket either (policy: urgent is "time pressure dominates").
        let cancelled = hits.filter {
            lexicon.entries[$0.entry].kind == .issue && lexicon.entries[$0.entry].label == "cancellation" && !$0.negated
        }.map(\.start)
        func demandsEnd(at position: Int) -> Bool {
            cancelled.isEmpty || cancelled.contains { text.sameSentence($0, position) || abs($0 - position) <= Self.atOnceReach }
        }
        // "麻烦尽快安排人看一下，谢谢", "请尽快核实": the polite formula that closes a Chinese report asks for a
        // prompt look; with no deadline and no exclamation mark it is courtesy, not time pressure (policy:
        // urgent is "time pressure dominates"; neutral "factual, polite"; reading 2, a calm outage).
        let exclamations = Self.exclamations(in: text, hits: hits, lexicon: lexicon)
        let courtesy = deadline || exclamations > 0 ? [] : hits.filter {
            lexicon.entries[$0.entry].kind == .cue && lexicon.entries[$0.entry].label == "polite_speed" && !$0.negated
        }.map { $0.start..<max($0.end, $0.start + 1) }
        // Italian "perché" is "because" as often as "why": it asks only in a sentence that asks (a
        // later "perché…?" still counts after an earlier "because").
        // A pattern negated once and said plainly later counts both ways.
        for hit in hits where !(lexicon.entries[hit.entry].asking && !text.asks(after: hit.end))
            && seen.insert(hit.negated ? ~hit.entry : hit.entry).inserted {
            let entry = lexicon.entries[hit.entry]
            guard entry.kind == .sentiment, let sentiment = Sentiment(rawValue: entry.label) else { continue }
            if calm && sentiment == .urgent { continue }
            if sentiment == .urgent, courtesy.contains(where: { $0.overlaps(hit.start..<max(hit.end, hit.start + 1)) }) { continue }
            if cancellation && sentiment == .urgent && !hit.negated {
                if demandsEnd(at: hit.start) { atOnce.append("\"\(text.text(hit.start, hit.end))\"") }
                continue
            }
            if request && sentiment == .urgent && !hit.negated && timePressure == nil {
                // "赶紧加上", "add it already": a feature request has nothing broken and no deadline to
                // press; hurrying the makers is impatience, read as annoyance (which the issue-type rule
                // below reads in a request as hostility: policy angry; reading 7, angry requests stay low).
                scores[.frustrated, default: 0] += entry.weight
                signals[.frustrated, default: []].append("\"\(text.text(hit.start, hit.end))\" hurries a feature request: impatience")
                continue
            }
            let written = "\"\(text.text(hit.start, hit.end))\""
            if hit.negated {
                if let target = taxonomy.negated["sentiment:\(entry.label)"], target.hasPrefix("sentiment:"),
                   let flipped = Sentiment(rawValue: String(target.dropFirst(10))) {
                    scores[flipped, default: 0] += entry.weight
                    signals[flipped, default: []].append("\(written) negated → \(flipped.rawValue)")
                }
                continue
            }
            scores[sentiment, default: 0] += entry.weight
            if sentiment == .positive && entry.weight >= Self.praiseWeight {
                if !thanks.contains(where: { $0.overlaps(hit.start..<max(hit.end, hit.start + 1)) }) { sarcasable += entry.weight }
            }
            signals[sentiment, default: []].append("\(written) → \(sentiment.rawValue) (+\(NumberFormatting.short(entry.weight)))")
        }
        // "preciso aprovar os pedidos AGORA", "necesitamos que alguien nos ayude YA", "on this NOW please":
        // "now" written in capitals in a message that is not shouted throughout is time pressure (policy:
        // urgent "URGENT", "right now"); in lower case these are everyday words ("ya lo hice", "agora sim").
        // The lexicon reports a pattern's first occurrence only ("regenerated it now … on this NOW"), so
        // the words written in capitals are looked up among the cue's patterns.
        let capitalWords = text.tokens.compactMap { token -> String? in
            let word = text.text(token.start, token.end)
            var letters = 0
            for scalar in word.unicodeScalars {
                if scalar.properties.isLowercase { return nil }  // most words end here, at their second letter
                if scalar.properties.isAlphabetic { letters += 1 }
            }
            return letters >= 2 && word != word.lowercased() ? word : nil
        }
        if !calm, !capitalWords.isEmpty, Double(capitalWords.count) / Double(max(text.tokens.count, 1)) < 0.3 {
            for written in capitalWords where lexicon.shoutedNowPatterns.contains(written.lowercased()) {
                if cancellation { atOnce.append("\"\(written)\""); continue }
                let target: Sentiment = request && timePressure == nil ? .frustrated : .urgent
                scores[target, default: 0] += 3
                signals[target, default: []].append("\"\(written)\" written in capitals: time pressure")
                break
            }
        }
        if exclamations >= 3 {
            // Many exclamation marks at a loss are panic; with time pressure urgency; otherwise anger.
            let target: Sentiment = (scores[.panicked] ?? 0) > 0 || loss ? .panicked : ((scores[.urgent] ?? 0) > 0 ? .urgent : .angry)
            // At a loss, many exclamation marks are enough on their own (policy: "many exclamation marks").
            scores[target, default: 0] += loss && target == .panicked ? Self.minimumScore : (exclamations >= 5 ? 1.5 : 1)
            signals[target, default: []].append("\(exclamations) exclamation marks")
        }
        let shouted = text.tokens.filter { token in
            let original = text.text(token.start, token.end)
            return original.unicodeScalars.filter(\.properties.isAlphabetic).count >= 3 && original == original.uppercased()
                && original.lowercased() != original
        }
        if shouted.count >= 2 && Double(shouted.count) / Double(max(text.tokens.count, 1)) >= 0.3 {
            let target: Sentiment = (scores[.urgent] ?? 0) > (scores[.angry] ?? 0) ? .urgent : .angry
            scores[target, default: 0] += 1
            signals[target, default: []].append("written in capitals (\(shouted.count) words)")
        }
        for scalar in text.original {
            if let sentiment = taxonomy.emoji[scalar] {
                scores[sentiment, default: 0] += Self.minimumScore
                if sentiment == .positive { sarcasable += Self.minimumScore }
                signals[sentiment, default: []].append("emoji \(Character(scalar)) → \(sentiment.rawValue)")
            }
        }
        if timePressure == nil, exclamations < 3, let worry = scores[.worried], worry >= Self.minimumScore,
           let speed = scores[.urgent], speed >= worry, (scores[.panicked] ?? 0) < Self.minimumScore {
            // "I'm a bit worried someone scraped it, can you revoke it right away?", "有点担心，麻烦尽快":
            // the worry the customer names is the tone; asking for speed without a deadline is not time
            // pressure that dominates (policy: worried "I'm a bit worried"; urgent where time pressure dominates).
            scores[.urgent] = worry - 0.5
            signals[.worried, default: []].append("a worry named next to a request for speed without a deadline")
        }
        if failure, !loss, timePressure == nil, exclamations < 3, let alarm = scores[.panicked] {
            // "non è possibile", "これじゃ何も進まない… 全部消える" over a failure that lost nothing: disbelief
            // without a loss, without a cry of many exclamation marks, is exasperation (policy: panicked is
            // "alarm at a loss"; frustrated "annoyance at failures or repetition").
            // A plea next to a deadline ("me ajudem, preciso disso amanhã") is time pressure instead.
            let target: Sentiment = deadline ? .urgent : .frustrated
            scores[.panicked] = nil
            scores[target, default: 0] += alarm
            signals[target, default: []].append(deadline ? "a plea over a failure with a deadline: time pressure, not panic"
                                                : "disbelief at a failure that lost nothing: exasperation, not panic")
        }
        if let timePressure {
            scores[.urgent, default: 0] += Self.minimumScore
            signals[.urgent, default: []].append("a deadline within hours \(timePressure)")
            if !loss, let plea = scores[.panicked] {
                // "Aiuto, alle 15 ho la demo", "socorro, preciso disso hoje à noite": with nothing lost,
                // a plea for help next to a deadline is time pressure (policy: urgent, "in two hours").
                scores[.urgent] = max(scores[.urgent] ?? 0, plea + 0.5)
            }
        }
        var alarm = false
        if loss, exclamations >= 3, timePressure == nil, !threat {
            // Alarm at a loss: "pelo amor de Deus!!!", "AIUTO!!!", "快點處理！！！" next to "everything is gone"
            // cry for help rather than name a deadline, so panic outranks the urgent or puzzled words
            // (policy: panicked is "alarm at a loss", urgent only where "time pressure dominates").
            let others = scores.filter { $0.key != .panicked }.values.max() ?? 0
            scores[.panicked] = max(scores[.panicked] ?? 0, others + 0.5)
            signals[.panicked, default: []].append("many exclamation marks at a loss outrank other tones")
            alarm = true
        }
        if cancellation, complaint, !atOnce.isEmpty {
            // "Cancel it. Now. … third outage", "chiudetemi l'abbonamento da oggi … basta": a customer who
            // complains and wants out at once, not at the end of the term, walks out; an ultimatum, which
            // the policy reads as angry (reading 2: "angry cancellations stay medium"), not time pressure.
            let others = scores.filter { $0.key != .angry }.values.max() ?? 0
            scores[.angry] = max((scores[.angry] ?? 0) + Self.minimumScore, others + 0.5)
            signals[.angry, default: []].append("a cancellation demanded at once (\(atOnce.prefix(2).joined(separator: ", "))) over complaints")
        }
        if threat {
            // A threat is hostile whatever else the message says ("for the third time", "today"):
            // anger outranks the other tones (the dataset's reading 4).
            let others = scores.filter { $0.key != .angry && $0.key != .panicked }.values.max() ?? 0
            scores[.angry] = max((scores[.angry] ?? 0) + 2.5, others + 0.5)
            signals[.angry, default: []].append("a threat (legal action, regulator, chargeback) is hostile")
        }
        var rule = alarm ? "sentiment.alarm_at_a_loss" : "sentiment.highest_score"
        // Praise opening a reply to the agent acknowledges the answer: politeness, like thanks.
        if acknowledgement, !compliment { sarcasable = 0 }
        if !compliment, sarcasable == 0, scores[.positive] != nil {
            // "Thanks" at the end of a request (or a reported problem) is politeness, not praise; so is
            // warm thanks ("grazie mille", "merci beaucoup !") when nothing else is praised.
            scores[.positive] = nil
            rule = "sentiment.politeness_is_neutral"
        }
        if problem, sarcasable > 0, let positive = scores[.positive], positive > 0 {
            scores[.positive] = nil
            if text.original.count >= Self.letterLength {
                // A 2,000-character letter that thanks the team for what works and then explains a problem
                // praises sincerely, in a paragraph of its own: not sarcasm, and not a reason for annoyance
                // either (policy: neutral "factual, polite"; sarcasm is a short jab next to the failure).
                signals[.neutral, default: []].append("praise in a long letter next to a problem: sincere, neither tone")
            } else {
                scores[.frustrated, default: 0] += Self.minimumScore
                signals[.frustrated, default: []].append("praise next to a reported problem read as sarcasm")
                rule = "sentiment.sarcasm_guard"
            }
        }
        if stuck, scores.filter({ $0.key != .positive && $0.value >= Self.minimumScore }).isEmpty {
            scores[.frustrated, default: 0] += Self.minimumScore
            signals[.frustrated, default: []].append("a problem that blocks the team or keeps repeating")
            rule = "sentiment.stuck_problem"
        }
        let ranked = scores.filter { $0.value >= ($0.key == .positive && compliment ? 1 : Self.minimumScore) }.sorted { a, b in
            a.value != b.value ? a.value > b.value
                : Self.priority.firstIndex(of: a.key)! < Self.priority.firstIndex(of: b.key)!
        }
        guard let best = ranked.first else {
            // No tone in the wording: the issue's own implied tone (a compromise is worrying).
            if let implied, implied.when == "always" || asks {
                return Classified(value: implied.sentiment, confidence: 0.55, signals: [implied.why], rule: "sentiment.issue_default")
            }
            return Classified(value: .neutral, confidence: 0.65, signals: ["no emotional wording"], rule: "sentiment.neutral_default")
        }
        let second = ranked.count > 1 ? ranked[1].value : 0
        let confidence = 0.4 + 0.3 * min(1, best.value / 3) + 0.3 * (best.value - second) / best.value
        return Classified(value: best.key, confidence: confidence, signals: Array((signals[best.key] ?? []).prefix(5)), rule: rule)
    }
}

extension SentimentClassifier {
    /// Cues whose closing exclamation mark is the letter's form, not emotion.
    static let formulaCues: Set<String> = ["greeting", "thanks", "sign_off"]

    /// Exclamation marks that carry tone: "您好！", "此致 敬礼！", "谢谢！" close a salutation, thanks or
    /// sign-off as formal letters write them (policy: neutral "factual, polite"), so those do not count.
    static func exclamations(in text: NormalizedText, hits: [LexiconHit], lexicon: Lexicon) -> Int {
        let formulaEnds = hits.filter {
            lexicon.entries[$0.entry].kind == .cue && formulaCues.contains(lexicon.entries[$0.entry].label) && !$0.negated
        }.map(\.end)
        var count = 0
        for (index, scalar) in text.original.enumerated() where scalar == "!" || scalar == "！" {
            let closesFormula = formulaEnds.contains { end in
                end <= index && text.original[end..<index].allSatisfy { $0.properties.isWhitespace }
            }
            if !closesFormula { count += 1 }
        }
        return count
    }

    /// Repetition the latest message names, which the policy reads as frustration ("annoyance at failures
    /// or repetition", "third time", "still not working") even in calm words. Changes the final tone only:
    /// the tone urgency reads is left as the rules found it (a repeated problem already has its urgency rows).
    struct Repetition: Sendable {
        /// The customer counts it: "the third time this month", "das vierte Ding in zwei Monaten",
        /// "lần thứ tư", "уже третий раз", "세 번째".
        var counted = false
        /// A vague or one-line report of a failure that is back: "het doet het weer niet??", "uff di nuovo
        /// non va", "또 안 돼요", "ใช้ไม่ได้อีกแล้ว". (A detailed report that mentions "again" in passing,
        /// "hitting save again works", is not a complaint about repetition.)
        var recurs = false
        /// The failure unchanged after the customer's own fixes: "reset it three times, same error",
        /// "cache gewist, blijft hetzelfde", "कैश clear किया, कुछ नहीं हुआ" (the policy's "still not working").
        var retried = false

        var why: String? {
            counted ? "the customer counts the repetition (third time, fourth thing): frustration at repetition"
                : recurs ? "a failure reported as back again, with no detail: frustration at repetition"
                : retried ? "the failure is unchanged after the customer's own attempts: 'still not working'" : nil
        }
    }

    /// The final tone: the issue-type rules below, then repetition (a counted repetition, or a vague
    /// report of a failure that is back, is frustration where the tone read neutral; praise on a counted
    /// repetition is sarcasm). Applied to the final tone only, like the issue-type rules.
    static func issueTone(_ sentiment: Classified<Sentiment>, issue: IssueType, reportsProblem: Bool,
                          repetition: Repetition = .init()) -> Classified<Sentiment> {
        let toned = issueTypeTone(sentiment, issue: issue, reportsProblem: reportsProblem)
        // Last: a plea read as neutral above ("ใช้ไม่ได้อีกแล้ว ทำไงดี") is frustrated when the failure is back.
        guard toned.value == .neutral || (toned.value == .positive && repetition.counted),
              let why = repetition.why else { return toned }
        return Classified(value: .frustrated, confidence: 0.5, signals: [why] + toned.signals.prefix(2), rule: "sentiment.repetition")
    }

    /// Tones the issue as finally read rules out.
    ///
    /// A feature request reports no failure, so there is nothing for annoyance to be about but the
    /// product's makers: "still no Gantt export, your developers are asleep", "add it already" is
    /// hostility (policy: angry), not frustration at a failure or a repetition.
    ///
    /// A bare plea for help that names no problem ("socorro", "Aiutatemi", "ช่วยด้วย", "ساعدوني"; the
    /// dataset's reading 8, issue `unclear`) reports no loss, and panic is "alarm at a loss": the plea
    /// is a vague request, neutral.
    ///
    /// Praise on a ticket whose issue is a reported failure ("Qué maravilla, tercer lunes seguido que
    /// la conexión con Shopify…", "Great, so the CSV export now gives me only the headers") is sarcasm,
    /// which the policy never reads as positive, even where the failure is told in words no lexicon
    /// entry of the latest message names. Applied to the final tone, whether rules or the learned model
    /// read it; the tone urgency reads (`policyTone`) is left as the rules found it.
    private static func issueTypeTone(_ sentiment: Classified<Sentiment>, issue: IssueType, reportsProblem: Bool) -> Classified<Sentiment> {
        if reportsProblem, sentiment.value == .positive {
            return Classified(value: .frustrated, confidence: 0.5,
                              signals: ["praise on a reported \(issue.rawValue) read as sarcasm"] + sentiment.signals.prefix(2),
                              rule: "sentiment.sarcasm_on_problem")
        }
        switch (issue, sentiment.value) {
        case (.featureRequest, .frustrated):
            return Classified(value: .angry, confidence: sentiment.confidence,
                              signals: sentiment.signals + ["annoyance in a feature request is hostility, not a failure's frustration"],
                              rule: "sentiment.annoyed_request")
        case (.featureRequest, .confused):
            // "¿Cómo puede ser que todavía no…?", "ทำไมยังไม่มี…": nothing happened to be explained (policy:
            // confused "asks why/how something happened"); the question is a rhetorical complaint.
            return Classified(value: .angry, confidence: sentiment.confidence,
                              signals: sentiment.signals + ["a why in a feature request is rhetorical: nothing happened to be explained"],
                              rule: "sentiment.rhetorical_request")
        case (.offTopic, .urgent), (.offTopic, .frustrated):
            // "tu peux prendre du pain ce soir ?", "今晚要加班，晚饭别等我", a parcel "toujours pas arrivée":
            // a message meant for someone else presses or complains about a matter that is not ours;
            // nothing is at stake with us (policy: off-topic is low, "nothing at stake"; urgent is time
            // pressure on the ticket), so it is answered politely as a neutral message.
            return Classified(value: .neutral, confidence: 0.5,
                              signals: ["an off-topic message's time or annoyance is about another matter"] + sentiment.signals.prefix(2),
                              rule: "sentiment.off_topic")
        case (.unclear, .panicked):
            return Classified(value: .neutral, confidence: 0.5,
                              signals: ["a plea for help that names no loss is a vague request, not panic"] + sentiment.signals.prefix(2),
                              rule: "sentiment.plea_without_loss")
        default:
            return sentiment
        }
    }
}
