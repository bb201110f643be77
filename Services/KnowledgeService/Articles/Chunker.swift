/// One passage of an article, the unit that is embedded and searched.
struct ArticleChunk: Sendable, Hashable {
    var index: Int
    /// The section it belongs to ("" for the lead before the first heading; "A › B" for a subsection).
    var heading: String
    /// The Markdown of the passage, as shown in a search snippet.
    var markdown: String

    /// The passage as plain text (emphasis, code marks and list markers removed).
    var plainText: String { Chunker.plain(markdown) }
}

/// Splits an article into passages by heading and paragraph, with overlap.
///
/// Sections start at `##`-and-deeper headings; the text before the first heading is the lead. A
/// section that fits in `maximumWords` is one chunk. A longer one is packed paragraph by paragraph
/// (a list counts as one paragraph, an over-long paragraph is split by lines and sentences), and each
/// following chunk repeats the previous chunk's last paragraph, or its last sentences, up to
/// `overlapWords`, so that a step is never cut from its context. A section shorter than `minimumWords`
/// joins the chunk before it when both fit together. Code fences are kept whole.
struct Chunker: Sendable {
    var maximumWords = 150
    var overlapWords = 40
    var minimumWords = 30

    /// Bumped whenever the output changes for the same input, so that a re-ingest re-embeds everything.
    static let version = "chunker-v1"

    func chunks(of article: Article) -> [ArticleChunk] {
        var pieces: [(heading: String, markdown: String, words: Int)] = []
        for section in Self.sections(article.body) {
            let packed = pack(section.blocks)
            let words = packed.reduce(0) { $0 + Self.wordCount($1) }
            if words < minimumWords, packed.count == 1, let last = pieces.last, last.words + words <= maximumWords {
                let headingLine = section.title.isEmpty ? "" : "\(String(repeating: "#", count: section.level)) \(section.title)\n\n"
                pieces[pieces.count - 1] = (last.heading, last.markdown + "\n\n" + headingLine + packed[0], last.words + words)
                continue
            }
            for text in packed { pieces.append((section.heading, text, Self.wordCount(text))) }
        }
        return pieces.enumerated().map { ArticleChunk(index: $0.offset, heading: $0.element.heading, markdown: $0.element.markdown) }
    }

    // MARK: Sections and blocks

    struct Section {
        var heading: String
        var title: String
        var level: Int
        var blocks: [String]
    }

    /// Sections with their paragraphs (blank-line separated blocks; fences whole).
    static func sections(_ body: String) -> [Section] {
        var sections = [Section(heading: "", title: "", level: 0, blocks: [])]
        var path: [(level: Int, title: String)] = []
        var block: [Substring] = []
        var inFence = false
        func flush() {
            let text = block.joined(separator: "\n").trimmingSpaces
            if !text.isEmpty { sections[sections.count - 1].blocks.append(text) }
            block = []
        }
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingSpaces
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
                block.append(line)
                if !inFence { flush() }
                continue
            }
            if inFence { block.append(line); continue }
            if let (level, title) = heading(trimmed) {
                flush()
                if level == 1 { continue }  // a top-level title repeats the front matter's
                path.removeAll { $0.level >= level }
                path.append((level, title))
                sections.append(Section(heading: path.map(\.title).joined(separator: " › "), title: title, level: level, blocks: []))
            } else if trimmed.isEmpty {
                flush()
            } else {
                block.append(line)
            }
        }
        flush()
        return sections.filter { !$0.blocks.isEmpty }
    }

    private static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        let title = line.dropFirst(hashes).trimmingSpaces
        return title.isEmpty ? nil : (hashes, title)
    }

    // MARK: Packing

    /// The chunks of one section's blocks.
    func pack(_ blocks: [String]) -> [String] {
        let units = blocks.flatMap { Self.wordCount($0) <= maximumWords ? [$0] : split(long: $0) }
        var chunks: [String] = []
        var current: [String] = []
        var words = 0
        var overlap: [String] = []
        for unit in units {
            let count = Self.wordCount(unit)
            if !current.isEmpty, words + count > maximumWords {
                chunks.append(current.joined(separator: "\n\n"))
                overlap = tail(of: current)
                current = overlap
                words = overlap.reduce(0) { $0 + Self.wordCount($1) }
                if words + count > maximumWords { current = []; words = 0 }
            }
            current.append(unit)
            words += count
        }
        if !current.isEmpty, current != overlap || chunks.isEmpty { chunks.append(current.joined(separator: "\n\n")) }
        return chunks
    }

    /// The end of a chunk that the next one repeats: its last block if short enough, else its last sentences.
    private func tail(of blocks: [String]) -> [String] {
        guard let last = blocks.last else { return [] }
        if Self.wordCount(last) <= overlapWords { return [last] }
        var kept: [Substring] = []
        var words = 0
        for sentence in Self.sentences(last).reversed() {
            let count = Self.wordCount(sentence)
            if words + count > overlapWords { break }
            kept.insert(sentence, at: 0)
            words += count
        }
        return kept.isEmpty ? [] : [kept.joined(separator: " ")]
    }

    /// An over-long block as pieces of at most `maximumWords`: by lines (lists), then by sentences, then by words.
    private func split(long block: String) -> [String] {
        let lines = block.split(separator: "\n").map(String.init)
        let parts = lines.count > 1 ? lines : Self.sentences(block).map(String.init)
        var pieces: [String] = []
        var current = ""
        for part in parts.flatMap({ Self.wordCount($0) <= maximumWords ? [$0] : hardSplit($0) }) {
            if !current.isEmpty, Self.wordCount(current) + Self.wordCount(part) > maximumWords {
                pieces.append(current)
                current = ""
            }
            current += current.isEmpty ? part : (lines.count > 1 ? "\n" : " ") + part
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    private func hardSplit(_ text: String) -> [String] {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        return stride(from: 0, to: words.count, by: maximumWords).map { words[$0..<min($0 + maximumWords, words.count)].joined(separator: " ") }
    }

    // MARK: Text helpers

    static func sentences(_ text: String) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if ".!?。！？".contains(character), next == text.endIndex || text[next] == " " || text[next] == "\n" || "。！？".contains(character) {
                result.append(text[start..<next])
                start = next
            }
            index = next
        }
        if start < text.endIndex { result.append(text[start...]) }
        return result.map { Substring($0.trimmingSpaces) }.filter { !$0.isEmpty }
    }

    /// Words separated by whitespace; a run of CJK or Thai script counts one word per two characters.
    static func wordCount<S: StringProtocol>(_ text: S) -> Int {
        var words = 0
        var inWord = false
        var unspaced = 0
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                inWord = false
            } else if isUnspacedScript(scalar) {
                unspaced += 1
                inWord = false
            } else if !inWord {
                words += 1
                inWord = true
            }
        }
        return words + (unspaced + 1) / 2
    }

    private static func isUnspacedScript(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0E00...0x0E7F, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF: true
        default: false
        }
    }

    /// Markdown as plain text: emphasis, code marks, heading hashes, list markers and link targets removed.
    static func plain(_ markdown: String) -> String {
        var lines: [String] = []
        for line in markdown.split(separator: "\n") {
            var text = Substring(line.trimmingSpaces)
            if text.hasPrefix("```") || text.hasPrefix("~~~") { continue }
            while text.hasPrefix("#") { text = text.dropFirst() }
            if text.hasPrefix("- ") || text.hasPrefix("* ") || text.hasPrefix("+ ") { text = text.dropFirst(2) }
            let digits = text.prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty, text.dropFirst(digits.count).hasPrefix(". ") || text.dropFirst(digits.count).hasPrefix(") ") {
                text = text.dropFirst(digits.count + 2)
            }
            var cleaned = ""
            var skippingLink = false
            for character in text {
                if skippingLink { if character == ")" { skippingLink = false }; continue }
                if character == "]", cleaned.last != "\\" { cleaned.append(" "); continue }
                if character == "(", cleaned.hasSuffix(" "), text.contains("](") { skippingLink = true; continue }
                if "*`[".contains(character) { continue }
                cleaned.append(character)
            }
            let trimmed = cleaned.trimmingSpaces
            if !trimmed.isEmpty { lines.append(trimmed) }
        }
        return lines.joined(separator: "\n")
    }
}
