import Foundation

/// All lexicon files compiled into one matcher: per language `Resources/lexicon/<lang>.tsv`, or, for
/// the larger languages, the parts `Resources/lexicon/<lang>/<part>.tsv` named in the manifest
/// (billing, access, technical, general, intents, cues, urgency, sentiment), each kept small.
///
/// A line is `kind<TAB>label<TAB>weight<TAB>pattern[<TAB>neg]`; `#` starts a comment. Patterns of
/// every language are matched in every ticket, so code-switched text (Spanish with English product
/// words) finds both. Where a frequent word of one language is a pattern of another, or contains a
/// shorter pattern of its own language in a script without spaces, a `mask` line of that language
/// says so (see ``hits(in:language:)``).
struct Lexicon: Sendable {
    let entries: [LexiconEntry]
    /// For each entry, a number shared by all entries of the same kind and label.
    let labelIDs: [Int]
    let matcher: PatternMatcher
    /// The patterns of the cues that are looked up by the word rather than matched (`shouted_now`),
    /// gathered once: scanning every entry per ticket cost more than the rest of the analysis.
    let shoutedNowPatterns: Set<String>

    static let negatorFile = "lexicon/negators.tsv"

    /// The files of one language: its single file and/or its parts; at least one must exist.
    static func files(of language: String, parts: [String], in resources: ResourceDirectory) throws -> [String] {
        let files = (["lexicon/\(language).tsv"] + parts.map { "lexicon/\(language)/\($0).tsv" }).filter(resources.exists)
        guard !files.isEmpty else { throw EngineDataError.missing("lexicon/\(language).tsv", searched: [resources.url.path]) }
        return files
    }

    init(resources: ResourceDirectory, languages: [String], parts: [String] = [], taxonomy: Taxonomy) throws {
        var entries = [LexiconEntry]()
        var compiled = [CompiledPattern]()
        // The same pattern for the same label in two languages (e.g. "upgrade") counts once.
        struct Key: Hashable { var kind: LexiconEntry.Kind; var label: String; var pattern: CompiledPattern; var language: String? }
        var seen = [Key: Int]()
        for language in languages {
            for file in try Self.files(of: language, parts: parts, in: resources) {
                var lineNumber = 0
                for line in try resources.text(file).split(separator: "\n", omittingEmptySubsequences: false) {
                    lineNumber += 1
                    let trimmed = line.trimmingCharacters(in: .whitespaces)
                    if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                    let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                    func fail(_ reason: String) -> EngineDataError { .malformed(file: file, line: lineNumber, reason: reason) }
                    guard fields.count == 4 || fields.count == 5 else { throw fail("expected 4 or 5 tab-separated fields, found \(fields.count)") }
                    guard let kind = LexiconEntry.Kind(rawValue: fields[0]) else { throw fail("unknown kind '\(fields[0])'") }
                    guard taxonomy.knows(kind, fields[1]) else { throw fail("unknown \(kind.rawValue) label '\(fields[1])'") }
                    guard let weight = Double(fields[2]), weight > 0, weight <= 10 else { throw fail("weight must be a number in (0, 10]") }
                    guard let pattern = CompiledPattern(fields[3]) else { throw fail("pattern '\(fields[3])' has no words") }
                    if fields.count == 5 && fields[4] != "neg" && fields[4] != "ask" { throw fail("the fifth field can only be 'neg' or 'ask'") }
                    // A mask belongs to its language: the same word may be masked in two.
                    let key = Key(kind: kind, label: fields[1], pattern: pattern, language: kind == .mask ? language : nil)
                    if let existing = seen[key] {
                        entries[existing].weight = max(entries[existing].weight, weight)
                        continue
                    }
                    seen[key] = entries.count
                    // Panic is a state the customer reports or denies ("Geen paniek hier", "Без паники", "not a
                    // huge panic"): a negated panic word is calm, in every language, marked or not.
                    let negatable = (fields.count == 5 && fields[4] == "neg") || (kind == .sentiment && fields[1] == Sentiment.panicked.rawValue)
                    entries.append(LexiconEntry(kind: kind, label: fields[1], weight: weight, pattern: fields[3],
                                                negatable: negatable, language: language, asking: fields.count == 5 && fields[4] == "ask"))
                    compiled.append(pattern)
                }
            }
        }
        self.entries = entries
        self.shoutedNowPatterns = Set(entries.filter { $0.kind == .cue && $0.label == "shouted_now" }.map(\.pattern))
        var ids = [String: Int]()
        self.labelIDs = entries.map { entry in
            let key = "\(entry.kind.rawValue)|\(entry.label)"
            if let id = ids[key] { return id }
            ids[key] = ids.count
            return ids.count - 1
        }
        self.matcher = PatternMatcher(patterns: compiled, negatable: entries.map(\.negatable),
                                      negators: try Self.negators(resources), groups: labelIDs)
    }

    /// The hits of `text` that count in a ticket in `language`: mask hits never do, and where a mask
    /// of that language matched, the hits of other languages' patterns inside it do not either, nor
    /// those of its own language's patterns shorter than the mask or with a gap the mask fills. A
    /// loss word inside a troubleshooting step the customer took ("Cache gelöscht", cleared the
    /// cache) reports the step, not a loss: it does not count either. The
    /// matcher reports a pattern at its first occurrence; where that one does not count, the first
    /// one that does is looked for, so that Japanese なんです ("it is that…", a mask) early in a
    /// message does not hide a later なんで ("why"), nor a step tried ("vidé le cache") a later loss
    /// ("le tableau est vide"). A pattern that counts only in a sentence that asks (Italian "perché",
    /// "because" and "why") is looked for further too, past a first one that does not ask.
    func hits(in text: NormalizedText, language: String) -> [LexiconHit] {
        let found = matcher.hits(in: text)
        let steps = Self.steps(found, entries)
        guard !steps.isEmpty || found.contains(where: { entries[$0.entry].kind == .mask || entries[$0.entry].asking }) else { return found }
        let masks = found.filter { entries[$0.entry].kind == .mask && entries[$0.entry].language == language }
        var kept = [LexiconHit]()
        var lost = [Int]()
        for hit in found {
            let counted = counts(hit, masks: masks, steps: steps, language: language)
            if counted { kept.append(hit) }
            let asking = counted && entries[hit.entry].asking && !hit.negated && !text.asks(after: hit.end)
            if (!counted && entries[hit.entry].kind != .mask) || asking, !lost.contains(hit.entry) { lost.append(hit.entry) }
        }
        guard !lost.isEmpty else { return kept }
        // Masks and steps recur too ("…なんですが、…なんです"): every occurrence of those found hides.
        let allMasks = Set(masks.map(\.entry)).sorted().flatMap { matcher.occurrences(of: $0, in: text) }
        let allSteps = Self.steps(Set(steps.map(\.entry)).sorted().flatMap { matcher.occurrences(of: $0, in: text) }, entries)
        for id in lost {
            // As in the matcher: the first occurrence that counts and, if it is negated (or does not
            // ask where the pattern must), the first one that counts and is not (or does).
            var recovered = [LexiconHit]()
            var negated = false, plain = false
            for hit in matcher.occurrences(of: id, in: text) where counts(hit, masks: allMasks, steps: allSteps, language: language) {
                let full = !hit.negated && (!entries[id].asking || text.asks(after: hit.end))
                if hit.negated {
                    if negated { continue }
                    negated = true
                } else if !full {
                    if plain { continue }
                    plain = true
                }
                recovered.append(hit)
                if full { break }
            }
            // Hits already kept stay where they are (the order of the hits breaks ties downstream).
            kept.removeAll { $0.entry == id && !recovered.contains($0) }
            kept += recovered.filter { !kept.contains($0) }
        }
        return kept
    }

    /// The troubleshooting steps among `hits`.
    private static func steps(_ hits: [LexiconHit], _ entries: [LexiconEntry]) -> [LexiconHit] {
        hits.filter { entries[$0.entry].kind == .cue && entries[$0.entry].label == "tried" && $0.end > $0.start }
    }

    /// Whether `hit` counts next to these masks (of the ticket's language) and steps tried.
    private func counts(_ hit: LexiconHit, masks: [LexiconHit], steps: [LexiconHit], language: String) -> Bool {
        let entry = entries[hit.entry]
        if entry.kind == .mask { return false }
        if Self.lossLabels.contains(entry.label), entry.kind == .issue || entry.kind == .intent,
           steps.contains(where: { $0.start <= hit.start && hit.end <= $0.end && ($0.start, $0.end) != (hit.start, hit.end) }) {
            return false
        }
        // Another language's pattern inside a mask never counts; one of the mask's own language
        // only when it is shorter than the mask (Thai แผน "plan" inside แผนก "department",
        // Chinese 不能 "cannot" inside 能不能 "can or cannot"), or when its gap spans the mask's
        // words (Chinese 有~吗 "is there … ?" filled by 有人吗 "anyone there?", a greeting). Shorter in
        // the text both were found in: Cantonese 點算 reads as 怎么办, and the 怎么 ("how") and the
        // 怎么办 mask ("what now?") inside it both stand for the written 點算.
        return !masks.contains { mask in
            mask.start <= hit.start && hit.end <= mask.end
                && (entry.language != language || hit.end - hit.start < mask.end - mask.start || entry.pattern.contains("~")
                    || (hit.start, hit.end) == (mask.start, mask.end) && hit.matchedLength < mask.matchedLength)
        }
    }

    /// Issue and intent labels that a troubleshooting step can contain without reporting them
    /// ("c'est fait deux fois": retried twice, not charged twice).
    static let lossLabels: Set<String> = ["data_loss", "lost", "twice"]

    private static func negators(_ resources: ResourceDirectory) throws -> Negators {
        var negators = Negators(words: [], before: [], after: [])
        var lineNumber = 0
        for line in try resources.text(negatorFile).split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 2 else {
                throw EngineDataError.malformed(file: negatorFile, line: lineNumber, reason: "expected word|before|after|condition<TAB>negator")
            }
            let folded = fields[1].unicodeScalars.map(ScalarFolding.fold)
            switch fields[0] {
            case "word": negators.words.insert(String(String.UnicodeScalarView(folded)))
            case "before": negators.before.append(folded)
            case "after": negators.after.append(folded)
            case "condition": negators.conditions.insert(String(String.UnicodeScalarView(folded)))
            default: throw EngineDataError.malformed(file: negatorFile, line: lineNumber, reason: "unknown position '\(fields[0])'")
            }
        }
        return negators
    }
}
