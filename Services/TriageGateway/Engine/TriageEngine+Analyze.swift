extension TriageEngine {
    /// How much a customer message before the latest one counts.
    static let earlierMessageWeight = 0.6
    /// How much an earlier message counts once the latest says its problem is solved.
    static let settledMessageWeight = 0.2

    /// Cues that make a reported problem frustrating even when the wording is calm.
    static let stuckCues = ["blocked"]

    /// A latest message this short (characters) reports its failure in one line, with no detail.
    static let oneLineReport = 80

    /// Where a sentence ends: the first one of a reply to the agent is its acknowledgement.
    static let sentenceEnds: Set<Unicode.Scalar> = [".", "!", "?", "。", "！", "？", "\n"]

    /// Issue types that report something wrong (as opposed to questions, requests and thanks).
    static let problemTypes: Set<IssueType> = [.doubleCharge, .overcharge, .refundRequest, .paymentFailed, .outage, .error5xx,
                                                .loginFailure, .accessDenied, .dataLoss, .performance, .exportFailure, .integration,
                                                .securityIncident, .legalThreat]

    /// Reads the conversation: language, ticket type, issue type, product area, sentiment, entities,
    /// cues, and the knowledge search to run.
    public func analyze(_ ticket: TicketText) -> TicketAnalysis {
        // The latest customer messages decide, so the budget is spent from the newest back: a long
        // conversation loses its oldest messages, never the one the customer just sent.
        var budget = Self.conversationLimit
        var texts = [(index: Int, text: NormalizedText)]()
        let customerMessages = ticket.messages.indices.filter { ticket.messages[$0].role == .customer }
        var truncated = customerMessages.count > Self.customerMessageLimit
        for index in customerMessages.suffix(Self.customerMessageLimit).reversed() {
            let message = ticket.messages[index]
            let scalars = message.content.unicodeScalars
            let (take, weight, complete) = Self.readablePrefix(scalars, limit: min(Self.messageLimit, max(budget, 0)))
            if !complete { truncated = true }
            guard take > 0 else { continue }
            budget -= weight
            let content = complete ? message.content
                : String(String.UnicodeScalarView(scalars.prefix(take)))
            texts.append((index, NormalizedText(content)))
        }
        texts.reverse()
        let subject = ticket.subject.flatMap { $0.isEmpty ? nil : NormalizedText(String($0.unicodeScalars.prefix(500))) }

        var language = data.detector.detect(texts.map(\.text) + (texts.isEmpty ? [subject].compactMap { $0 } : []))
        var evidence = Evidence()
        var entities = [Entity]()
        var latestHits = [LexiconHit]()
        var latest: NormalizedText?
        var latestDeadline: String?
        if let subject {
            let hits = data.lexicon.hits(in: subject, language: language.language)
            evidence.add(hits: hits, text: subject, order: 0, lexicon: data.lexicon, taxonomy: data.taxonomy, weight: 0.7)
        }
        let latestIndex = texts.lastIndex { $0.text.hasWordContent }
        let allHits = texts.map { data.lexicon.hits(in: $0.text, language: language.language) }
        let greeting = subject == nil ? GreetingOnly(texts: texts.map(\.text), hits: allHits, lexicon: data.lexicon) : nil
        if let greeting, let greetingLanguage = greeting.language, greetingLanguage != language.language,
           language.rule.hasPrefix("language.latin") || language.rule == "language.product_terms_only" {
            language = LanguageDetector.Result(language: greetingLanguage, confidence: 0.6,
                                               signals: ["greeting \(greeting.words.map { "\"\($0)\"" }.joined(separator: " ")) (\(greetingLanguage))"],
                                               rule: "language.greeting_word")
        }
        // "It works now, thanks" in the latest message: the earlier problem is settled and counts little.
        let settled = latestIndex.map { index in
            allHits[index].contains { data.lexicon.entries[$0.entry].kind == .cue && data.lexicon.entries[$0.entry].label == "resolved" && !$0.negated }
                || thanksOnly(allHits[index], texts[index].text)
        } ?? false
        if settled, texts.count > 1 { evidence.addCue("resolved", "the latest message says the earlier problem is solved") }
        for (order, item) in texts.enumerated() {
            let hits = allHits[order]
            // The latest message says what the customer needs now; earlier ones count less.
            let weight = order == latestIndex || latestIndex == nil ? 1 : (settled ? Self.settledMessageWeight : Self.earlierMessageWeight)
            evidence.add(hits: hits, text: item.text, order: order + 1, lexicon: data.lexicon, taxonomy: data.taxonomy, weight: weight)
            let found = data.entities.extract(item.text, messageIndex: item.index)
            evidence.add(entities: found, order: order + 1, text: item.text)
            entities.append(contentsOf: found)
            if item.text.hasWordContent {
                latest = item.text
                latestHits = hits
                latestDeadline = found.first { $0.kind == .deadline && Evidence.isWithinHours($0.normalized) }.map { "\"\($0.text)\"" }
                    // "Heute um 06:52 kam eine Mail": a deadline word before a time logged to the minute is when it happened.
                    ?? hits.first { data.lexicon.entries[$0.entry].kind == .cue && data.lexicon.entries[$0.entry].label == "deadline_hours" && !$0.negated
                        && !NumberEntities.loggedTimeFollows(item.text.original, after: $0.end) }
                        .map { "\"\(item.text.text($0.start, $0.end))\"" }
            }
        }
        if let latestIndex, texts[latestIndex].text.original.contains(where: { $0 == "?" || $0 == "？" }) {
            evidence.addQuestionMark(order: latestIndex + 1, text: texts[latestIndex].text)
        }
        if let latestIndex, texts[latestIndex].text.original.count >= Passages.letter {
            evidence.addCue("long_letter", "the latest message is a letter of \(texts[latestIndex].text.original.count) characters")
        }
        if truncated {
            evidence.addCue("long_text", "only the latest \(Self.customerMessageLimit) customer messages, up to \(Self.messageLimit) characters each and \(Self.conversationLimit) in all, read")
        }
        // A breakdown named as such ("plus rien ne fonctionne") reports a failure as much as a failure
        // word does: next to "Bonjour" it is still a vague report, not a greeting with nothing else.
        if let failure = evidence.intents["failure"]
            ?? evidence.issues.filter({ Self.problemTypes.contains($0.key) && $0.value.score > 0 }).min(by: { $0.key.rawValue < $1.key.rawValue })?.value {
            evidence.addCue("failure", failure.signals.first ?? "failure")
        }
        // "Where do I change it?" in the latest message: the customer means to do it themselves (the
        // action table's self-service rows read it).
        if let howto = latestHits.first(where: { hit in
            let entry = data.lexicon.entries[hit.entry]
            return entry.kind == .intent && entry.label == "howto" && !hit.negated
        }), let latest {
            evidence.addCue("asks_how", "\"\(latest.text(howto.start, howto.end))\"")
        }
        let problems = evidence.issues.filter { $0.value.score >= 2.5 && data.taxonomy.issues[$0.key]?.ticketType != .general }
        // Several problems means several needs: money and something broken (the policy's "overcharged
        // *and* paid features missing"). Two technical readings of one failure (an integration that
        // errors with a 401; a login whose reset link fails) are one problem told in detail.
        let needs = Set(problems.keys.compactMap { data.taxonomy.issues[$0]?.ticketType })
        if problems.count >= 2, needs.count >= 2, texts.reduce(0, { $0 + $1.text.tokens.count }) >= 60 {
            evidence.addCue("multi_issue", problems.keys.map(\.rawValue).sorted().joined(separator: " + "))
        }

        let isEmpty = !texts.contains { $0.text.hasWordContent } && !(subject?.hasWordContent ?? false)
        let wordCount = texts.reduce(0) { total, item in
            total + item.text.tokens.count + item.text.scriptCounts.filter { $0.key.isUnspaced }.values.reduce(0, +) / 2
        }
        let classifier = IssueClassifier(taxonomy: data.taxonomy)
        var rules = classifier.classify(evidence, isEmpty: isEmpty, wordCount: wordCount)
        if let latestProblem = latestProblem(rules, classifier: classifier, texts: texts, hits: allHits, latestIndex: latestIndex) {
            rules = latestProblem
        }
        // "Forget it, cancel our plan" after an earlier message reported an export error: the latest message
        // decides (the dataset's "export error -> 'just cancel us'"; reading 1, a complaint with a
        // cancellation is the cancellation). The earlier failure, counted with its own phrases, must not
        // outweigh a cancellation the latest message asks for in so many words. Not over an outage: a pro outage
        // with "we're switching" stays the outage (reading 6).
        if texts.count > 1, data.taxonomy.issues[rules.issue.value]?.ticketType == .technical, rules.issue.value != .outage,
           let cancel = latestHits.first(where: { hit in
               let entry = data.lexicon.entries[hit.entry]
               return entry.kind == .issue && entry.label == IssueType.cancellation.rawValue && entry.weight >= 3 && !hit.negated
           }), let latest {
            let issue = IssueType.cancellation
            let type = data.taxonomy.issues[issue]?.ticketType ?? .billing
            let area = data.taxonomy.issues[issue]?.productArea ?? .billing
            let why = "the latest message asks to cancel (\"\(latest.text(cancel.start, cancel.end))\"): it decides over the \(rules.issue.value.rawValue) reported before"
            rules = IssueClassifier.Result(
                issue: Classified(value: issue, confidence: rules.issue.confidence, signals: [why] + rules.issue.signals.prefix(2),
                                  rule: "issue.latest_cancellation"),
                ticketType: Classified(value: type, confidence: rules.ticketType.confidence, signals: ["issue \(issue.rawValue) is \(type.rawValue)"],
                                       rule: "ticket_type.from_issue"),
                productArea: Classified(value: area, confidence: rules.productArea.confidence,
                                        signals: ["issue \(issue.rawValue) belongs to \(area.rawValue)"], rule: "product_area.from_issue"),
                settledByPrecedence: true)
        }
        // Sarcasm is judged on the latest message: praise next to a problem reported in it.
        let problem = latestHits.contains { hit in
            let entry = data.lexicon.entries[hit.entry]
            guard !hit.negated else { return false }
            switch entry.kind {
            case .intent: return ["failure", "lost", "slow"].contains(entry.label)
            // A cancellation demanded after praise ("Fantastic, the same advice again. Cancel it.") is sarcastic too.
            case .issue: return IssueType(rawValue: entry.label).map { Self.problemTypes.contains($0) || $0 == .cancellation } ?? false
            // So is praise from a customer who is leaving, counts the repetition or asks staff to correct something.
            case .cue: return IssueClassifier.sarcasticContext.contains(entry.label)
            default: return false
            }
        }
        // The learned issue-type model reads the issue type where the rules are unsure. Not over a
        // compromise or a loss that the latest of several messages names in so many words ("it was not
        // me", "all our projects were deleted"): the latest message decides, and the model, which also
        // reads the earlier ones, would hand the ticket back to the problem they reported.
        let graveInLatest = texts.count > 1 && [.securityIncident, .dataLoss, .cancellation].contains(rules.issue.value) && latestHits.contains { hit in
            let entry = data.lexicon.entries[hit.entry]
            return entry.kind == .issue && entry.label == rules.issue.value.rawValue && entry.weight >= 3 && !hit.negated
        }
        // "Come si fa l'export?" answered by the agent, then "ok fatto… disdite pure l'abbonamento": a how-to
        // asked only in an earlier message is not what the customer asks now (dev reading: the latest
        // message decides), so it does not hold the model off the latest message's need.
        if texts.count > 1, rules.issue.value == .howTo, !evidence.has("asks_how") {
            evidence.addCue("answered_howto", "the how-to was asked before the latest message")
        }
        var classified = rules
        if configuration.learnedSignal, !isEmpty, greeting == nil, !graveInLatest, IssueClassifier.consultsModel(rules, data.learnedIssue) {
            let parts = LearnedInput.parts(texts.map(\.text), latest: latestIndex, subject: subject, model: data.learnedIssue)
            if !parts.isEmpty {
                classified = classifier.fused(rules, with: data.learnedIssue.read(parts), model: data.learnedIssue, evidence: evidence)
            }
        }
        // Praise opening a reply to the agent ("Perfetto, grazie.", "Parfait, ça marche, merci.", "Cheers,
        // found them.") acknowledges the answer before the next point: thanks for the help, not sarcasm
        // about the problem told after it (policy: neutral is "factual, polite"). Not when the customer
        // counts the repetition ("Ah, perfetto. Terza volta in un mese…"): that praise is sarcastic.
        let acknowledges: Bool = {
            guard let latestIndex, let latest, texts[latestIndex].index > 0,
                  ticket.messages[texts[latestIndex].index - 1].role == .agent else { return false }
            let counted = latestHits.contains { hit in
                let entry = data.lexicon.entries[hit.entry]
                return entry.kind == .cue && entry.label == "nth_time" && !hit.negated
            }
            guard !counted else { return false }
            guard let end = latest.original.firstIndex(where: { Self.sentenceEnds.contains($0) }) else { return false }
            let praise = latestHits.filter { hit in
                let entry = data.lexicon.entries[hit.entry]
                return entry.kind == .sentiment && entry.label == Sentiment.positive.rawValue && !hit.negated
            }
            // Praise that goes on after the opening ("…Bravi 👏") is praise of its own.
            let praisedLater = praise.contains { $0.start >= end && data.lexicon.entries[$0.entry].weight >= SentimentClassifier.praiseWeight }
                || latest.original[end...].contains { data.taxonomy.emoji[$0] == .positive }
            return !praisedLater && praise.contains { $0.start < end }
        }()
        let cued = { (label: String) in
            latestHits.contains { hit in
                let entry = data.lexicon.entries[hit.entry]
                return entry.kind == .cue && entry.label == label && !hit.negated
            }
        }
        var sentiment: Classified<Sentiment>
        if let latest {
            sentiment = SentimentClassifier(taxonomy: data.taxonomy)
                // A thank-you read as such ("the duplicates are gone, you saved us 🙏") names the fixed
                // problem only to praise the fix: that praise is not sarcasm.
                .classify(latest: latest, hits: latestHits, lexicon: data.lexicon, problem: problem && classified.issue.value != .compliment,
                          threat: evidence.has("legal") || evidence.has("chargeback") || rules.issue.value == .legalThreat,
                          // The issue as finally read: thanks on a ticket the learned model reads as a charge is politeness,
                          // and so is thanks closing a feature request (praise in one still counts).
                          compliment: classified.issue.value == .compliment,
                          stuck: Self.problemTypes.contains(rules.issue.value) && Self.stuckCues.contains { evidence.has($0) },
                          timePressure: latestDeadline, implied: data.taxonomy.sentimentDefaults[rules.issue.value],
                          asks: asks(latest, latestHits), loss: [.dataLoss, .securityIncident].contains(rules.issue.value),
                          acknowledgement: acknowledges, cancellation: classified.issue.value == .cancellation,
                          complaint: complains(latestHits), deadline: ["deadline", "deadline_hours", "deadline_word"].contains { evidence.has($0) },
                          request: classified.issue.value == .featureRequest,
                          failure: Self.problemTypes.contains(classified.issue.value) || classified.issue.value == .featureRequest)
        } else {
            sentiment = Classified(value: .neutral, confidence: 0.5, signals: ["no text"], rule: "sentiment.empty")
        }
        // Where the rules found no tone word, the learned sentiment model reads the latest message.
        var policyTone = sentiment.value
        let inferredOnly = sentiment.rule == "sentiment.stuck_problem"
        let polite = latestHits.contains { hit in
            let entry = data.lexicon.entries[hit.entry]
            return entry.kind == .cue && entry.label == "thanks" && !hit.negated
        }
        // "No rush", "कोई जल्दी नहीं", "不急": the customer says in their own words that nothing presses, which
        // the model's reading of the product words around them does not overrule (policy: "Negation counts
        // ('not urgent')"). Puzzlement is not pressure: "no rush, I just want to know why" stays confused.
        let calm = latestHits.contains { hit in
            let entry = data.lexicon.entries[hit.entry]
            return entry.kind == .cue && entry.label == "not_urgent" && !hit.negated
        }
        // A failure back again in a vague report: no issue named ("het doet het weer niet??"), or a failure
        // told in one line; "again" next to no failure word ("Já saí e entrei de novo") is something the
        // customer did again.
        let vague = (classified.issue.value == .unclear && classified.issue.rule != IssueClassifier.noSignalRule)
            || (Self.problemTypes.contains(classified.issue.value) && (latest?.original.count ?? .max) <= Self.oneLineReport && problem)
        // The customer's own fixes tried and the failure (or the paid plan not applied) unchanged after them
        // ("cache gewist, blijft hetzelfde"), unless they say it is not urgent.
        let retried = [rules.issue.value, classified.issue.value].contains { Self.problemTypes.contains($0) || $0 == .planChange }
            && cued("tried") && cued("unchanged") && !cued("not_urgent")
        let repetition = SentimentClassifier.Repetition(counted: cued("nth_time"), recurs: cued("recurs") && vague, retried: retried)
        // The tone the policy gives the issue however it is told (a compromise is a worry).
        let settledByIssue = sentiment.rule == "sentiment.issue_default" && data.taxonomy.sentimentDefaults[rules.issue.value]?.when == "always"
        // Repetition the customer names is the policy's frustration ("annoyance at failures or repetition"),
        // decided by its rule below, not by the model's reading of the words around it.
        if configuration.learnedSignal, greeting == nil, repetition.why == nil, let model = data.learnedSentiment,
           SentimentClassifier.consultsModel(sentiment, polite: polite) {
            let parts = LearnedInput.parts(texts.map(\.text), latest: latestIndex, subject: subject, model: model)
            if !parts.isEmpty {
                let learned = SentimentClassifier.fused(sentiment, with: model.read(parts), model: model, calm: calm, settled: settledByIssue)
                if calm, sentiment.value == .neutral, learned.rule == SentimentClassifier.learnedRule, learned.value != .confused {
                    sentiment.signals.append("learned model read \(learned.value.rawValue); neutral kept: the customer says it is not urgent")
                } else {
                    sentiment = learned
                }
                // "Pouvez-vous regarder ce qui bloque ?": frustration the rules inferred from a blocking problem
                // alone, with no tone word, is not the customer's when the model reads the message as calm
                // (reading 2: tone raises urgency only through "repeated failed attempts with frustration";
                // "a calm one medium").
                if inferredOnly, learned.rule == SentimentClassifier.learnedRule { policyTone = learned.value }
            }
        }
        sentiment = SentimentClassifier.issueTone(sentiment, issue: classified.issue.value,
                                                 reportsProblem: Self.problemTypes.contains(classified.issue.value),
                                                 repetition: repetition)
        let languageField = Classified(value: language.language, confidence: language.confidence, signals: language.signals,
                                       rule: language.rule)
        let query = knowledgeQuery(texts.map(\.text) + [subject].compactMap { $0 }, language: language.language,
                                   issue: classified.issue.value, type: classified.ticketType.value, evidence: evidence)
        return TicketAnalysis(language: languageField, ticketType: classified.ticketType, issueType: classified.issue,
                              productArea: classified.productArea, sentiment: sentiment, policyTone: policyTone, entities: entities,
                              cues: evidence.cues, knowledgeQuery: query, isEmpty: isEmpty)
    }

    /// The latest message complains: a failure, a problem, a counted repetition or annoyance in its words
    /// (a cancellation over complaints, not a calm notice that the team moved to another tool).
    func complains(_ hits: [LexiconHit]) -> Bool {
        hits.contains { hit in
            let entry = data.lexicon.entries[hit.entry]
            guard !hit.negated else { return false }
            switch entry.kind {
            case .intent: return ["failure", "lost", "slow"].contains(entry.label)
            case .issue: return IssueType(rawValue: entry.label).map { Self.problemTypes.contains($0) } ?? false
            case .cue: return ["nth_time", "repeated", "recurs"].contains(entry.label)
            case .sentiment: return [Sentiment.frustrated.rawValue, Sentiment.angry.rawValue].contains(entry.label)
            default: return false
            }
        }
    }

    /// A latest message that only thanks and praises ("Trouvé !! Merci beaucoup, vous êtes au top",
    /// 「好了好了！！完美显示 👍 谢谢」): no problem, request or question of its own. Answering the
    /// earlier problem settled it, whatever words the customer found for "it works now"; the latest
    /// message decides (the policy's "In a conversation … the customer's latest message").
    func thanksOnly(_ hits: [LexiconHit], _ text: NormalizedText) -> Bool {
        guard !text.original.contains(where: { $0 == "?" || $0 == "？" }) else { return false }
        var thanks = false
        for hit in hits where !hit.negated {
            let entry = data.lexicon.entries[hit.entry]
            switch entry.kind {
            case .issue:
                guard entry.label == IssueType.compliment.rawValue else { return false }
                thanks = true
            case .intent:
                if ["failure", "lost", "slow", "request", "howto", "availability", "question", "why", "change"].contains(entry.label) { return false }
            case .cue:
                if entry.label == "thanks" { thanks = true }
                if ["still", "churn", "legal", "chargeback", "urgent_word", "blocked"].contains(entry.label) { return false }
            default:
                continue
            }
        }
        return thanks
    }

    /// Whether the latest message asks whether something is possible ("is there a way…?", "si possono
    /// recuperare?", 「できますでしょうか」): a question phrase, not a bare "?" after a request ("can you check?").
    private func asks(_ text: NormalizedText, _ hits: [LexiconHit]) -> Bool {
        hits.contains { hit in
            let entry = data.lexicon.entries[hit.entry]
            return entry.kind == .intent && ["question", "availability", "howto"].contains(entry.label) && !hit.negated
        }
    }

    private func knowledgeQuery(_ texts: [NormalizedText], language: String, issue: IssueType, type: TicketType,
                                evidence: Evidence) -> KnowledgeQuery {
        var text = ""
        for item in texts {
            let piece = item.text(0, min(item.original.count, 600))
            text += (text.isEmpty ? "" : " ") + piece
            if text.unicodeScalars.count > 1_000 { break }
        }
        var expansion = [String]()
        if issue != .unclear, issue != .offTopic, let terms = data.taxonomy.issues[issue]?.query { expansion.append(terms) }
        let topics = evidence.topics.sorted { $0.value.score != $1.value.score ? $0.value.score > $1.value.score : $0.key < $1.key }
        for topic in topics.prefix(2) { if let terms = data.taxonomy.topics[topic.key]?.query { expansion.append(terms) } }
        if language != "en" && !expansion.isEmpty {
            text += " " + expansion.joined(separator: " ")
        } else if text.unicodeScalars.count < 20 && !expansion.isEmpty {
            text += " " + expansion.joined(separator: " ")
        }
        return KnowledgeQuery(text: text, categories: data.taxonomy.knowledgeCategories[type] ?? [], language: language)
    }
}
