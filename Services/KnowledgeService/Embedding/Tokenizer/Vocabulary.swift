import Foundation

/// The WordPiece vocabulary: `vocab.txt`, one token per line, the line number being its id.
///
/// Two lookup tables serve WordPiece: `words` for the first piece of a word (every entry) and
/// `continuations` for the pieces after it (the entries that start with `##`, without the prefix),
/// so that no `##` has to be prepended to a candidate before looking it up.
struct Vocabulary: Sendable {
    let tokens: [String]
    let words: TokenTable
    let continuations: TokenTable

    /// The ids the model was trained with for its special tokens.
    let unknown: Int32
    let classifier: Int32
    let separator: Int32
    let padding: Int32
    let mask: Int32

    init(tokens: [String]) throws(EmbeddingError) {
        let words = TokenTable(tokens.enumerated().map { (Array($0.element.utf8), Int32($0.offset)) })
        let continuations = TokenTable(tokens.enumerated().compactMap { index, token in
            // Bytes, not `hasPrefix`: in "##ा" the second # and the vowel sign form one Character.
            let bytes = Array(token.utf8)
            return bytes.count > 2 && bytes[0] == 0x23 && bytes[1] == 0x23 ? (Array(bytes.dropFirst(2)), Int32(index)) : nil
        })
        func special(_ token: String) throws(EmbeddingError) -> Int32 {
            guard let id = Array(token.utf8).withUnsafeBufferPointer({ words.id(of: $0) }) else {
                throw EmbeddingError(.invalidModel, "vocabulary has no \(token) token")
            }
            return id
        }
        self.tokens = tokens
        self.words = words
        self.continuations = continuations
        unknown = try special("[UNK]")
        classifier = try special("[CLS]")
        separator = try special("[SEP]")
        padding = try special("[PAD]")
        mask = try special("[MASK]")
    }

    init(contentsOf path: String) throws(EmbeddingError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw EmbeddingError(.modelMissing, "cannot read the vocabulary \(path)")
        }
        // Split on bytes: splitting the String would work on grapheme clusters, and a line that
        // starts with a combining mark must stay a token of its own.
        var lines: [String] = []
        for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
            let bytes = line.last == 0x0D ? line.dropLast() : line
            guard let token = String(validating: bytes, as: UTF8.self) else {
                throw EmbeddingError(.invalidModel, "\(path) is not UTF-8 (line \(lines.count + 1))")
            }
            lines.append(token)
        }
        if lines.last == "" { lines.removeLast() }
        try self.init(tokens: lines)
    }

    var count: Int { tokens.count }

    func id(of token: String) -> Int32? {
        Array(token.utf8).withUnsafeBufferPointer { words.id(of: $0) }
    }
}
