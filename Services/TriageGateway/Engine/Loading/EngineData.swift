import Foundation

/// All data files, loaded and validated once. A class, not a struct: the engine is a value that is
/// copied into every closure and call that uses it, and copying one reference is one retain where
/// copying the tables themselves retained every array and dictionary in them.
final class EngineData: Sendable {
    struct Manifest: Decodable, Sendable {
        var version: String
        var lexicon_languages: [String]
        /// Parts a language's lexicon may be split into (`lexicon/<lang>/<part>.tsv`).
        var lexicon_parts: [String]?
        var reply_languages: [String]
        /// The learned models by the field they read (`issue_type`), e.g. `learned/issue-type.model`.
        var learned_models: [String: String]
    }

    let manifest: Manifest
    let taxonomy: Taxonomy
    let lexicon: Lexicon
    let detector: LanguageDetector
    let entities: EntityExtractor
    let policies: Policies
    let replies: [String: ReplyTemplates]
    let learnedIssue: LearnedModel
    /// Read where the rules found no tone word (`learned_models.sentiment`, optional).
    let learnedSentiment: LearnedModel?

    init(resources: ResourceDirectory) throws {
        manifest = try resources.json(Manifest.self, "manifest.json")
        taxonomy = try Taxonomy(resources: resources)
        lexicon = try Lexicon(resources: resources, languages: manifest.lexicon_languages, parts: manifest.lexicon_parts ?? [],
                              taxonomy: taxonomy)
        let profiles = try LanguageProfiles(tsv: try resources.text("language/profiles.tsv"), file: "language/profiles.tsv")
        let neutral = try Self.words(resources, "language/neutral-terms.txt")
        detector = LanguageDetector(profiles: profiles, neutralTerms: Set(neutral.map {
            String(String.UnicodeScalarView($0.unicodeScalars.map(ScalarFolding.fold)))
        }), romanisedHindi: Set(try Self.words(resources, "language/romanised-hindi.txt")))
        let vocabulary = try resources.json(EntityVocabulary.self, EntityVocabulary.fileName)
        try vocabulary.validate()
        let features = try Self.features(resources)
        entities = EntityExtractor(words: EntityWords(vocabulary), features: features.matcher, featureNames: features.names)
        policies = try Policies(resources: resources, taxonomy: taxonomy)
        var replies = [String: ReplyTemplates]()
        let infoKeys = Set(taxonomy.issues.values.map(\.info))
        for language in manifest.reply_languages {
            let file = "replies/\(language).json"
            let templates = try resources.json(ReplyTemplates.self, file)
            try templates.validate(file: file, infoKeys: infoKeys)
            replies[language] = templates
        }
        guard replies["en"] != nil else {
            throw EngineDataError.malformed(file: "manifest.json", line: 0, reason: "reply_languages must include en (the fallback)")
        }
        self.replies = replies
        guard let learned = manifest.learned_models["issue_type"] else {
            throw EngineDataError.malformed(file: "manifest.json", line: 0, reason: "learned_models.issue_type is missing")
        }
        learnedIssue = try LearnedModel(data: try resources.data(learned), file: learned)
        learnedSentiment = try manifest.learned_models["sentiment"].map { file in
            try LearnedModel(data: try resources.data(file), file: file, field: "sentiment")
        }
    }

    /// `features.tsv`: `canonical<TAB>alias|alias|…`.
    private static func features(_ resources: ResourceDirectory) throws -> (matcher: PatternMatcher, names: [String]) {
        var patterns = [CompiledPattern]()
        var names = [String]()
        var lineNumber = 0
        for line in try resources.text("features.tsv").split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t").map(String.init)
            guard fields.count == 2 else {
                throw EngineDataError.malformed(file: "features.tsv", line: lineNumber, reason: "expected canonical<TAB>alias|alias")
            }
            for alias in fields[1].split(separator: "|") {
                guard let pattern = CompiledPattern(String(alias)) else {
                    throw EngineDataError.malformed(file: "features.tsv", line: lineNumber, reason: "alias '\(alias)' has no words")
                }
                patterns.append(pattern)
                names.append(fields[0])
            }
        }
        return (PatternMatcher(patterns: patterns, negatable: patterns.map { _ in false },
                               negators: Negators(words: [], before: [], after: [])), names)
    }

    /// A word list: one word per line, `#` comments and blank lines skipped.
    private static func words(_ resources: ResourceDirectory, _ file: String) throws -> [String] {
        try resources.text(file).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }.map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
