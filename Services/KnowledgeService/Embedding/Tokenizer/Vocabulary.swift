import Foundation

/// The WordPiece vocabulary: `vocab.txt`, one token per line, the line number being its id.
struct Vocabulary: Sendable {
    private let ids: [String: Int32]
    let tokens: [String]

    /// The ids the model was trained with for its special tokens.
    let unknown: Int32
    let classifier: Int32
    let separator: Int32
    let padding: Int32
    let mask: Int32

    init(tokens: [String]) throws(EmbeddingError) {
        var ids: [String: Int32] = [:]
        ids.reserveCapacity(tokens.count)
        for (index, token) in tokens.enumerated() where ids[token] == nil {
            ids[token] = Int32(index)
        }
        func special(_ token: String) throws(EmbeddingError) -> Int32 {
            guard let id = ids[token] else {
                throw EmbeddingError(.invalidModel, "vocabulary has no \(token) token")
            }
            return id
        }
        self.ids = ids
        self.tokens = tokens
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
        guard let text = String(data: data, encoding: .utf8) else {
            throw EmbeddingError(.invalidModel, "\(path) is not UTF-8")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.hasSuffix("\r") ? $0.dropLast() : $0)
        }
        if lines.last == "" { lines.removeLast() }
        try self.init(tokens: lines)
    }

    var count: Int { tokens.count }

    func id(of token: String) -> Int32? { ids[token] }
}
