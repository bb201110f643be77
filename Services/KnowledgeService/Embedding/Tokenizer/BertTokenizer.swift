/// The tokenizer sentence-transformers runs for all-MiniLM-L6-v2, rebuilt from `vocab.txt`.
///
/// Steps, each matching Hugging Face `tokenizers` with this model's `tokenizer.json`:
/// literal special tokens (`[CLS]`, `[SEP]`, `[MASK]`, `[UNK]`, `[PAD]`, case-sensitive) are taken
/// out of the raw text first; the rest is normalised (`BertNormalizer`), split on whitespace and
/// punctuation, and each word is split by WordPiece; then `[CLS] … [SEP]` is wrapped around it,
/// truncating the pieces so that the total is at most `maxTokens`. No padding.
public struct BertTokenizer: Sendable {
    let vocabulary: Vocabulary
    private let wordPiece: WordPiece
    private let specials: [(scalars: [Unicode.Scalar], id: Int32)]

    init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
        wordPiece = WordPiece(vocabulary: vocabulary)
        specials = [
            ("[PAD]", vocabulary.padding), ("[UNK]", vocabulary.unknown), ("[CLS]", vocabulary.classifier),
            ("[SEP]", vocabulary.separator), ("[MASK]", vocabulary.mask),
        ].map { (Array($0.0.unicodeScalars), $0.1) }
    }

    /// The token ids of `text`, `[CLS]` and `[SEP]` included; at most `maxTokens` of them (nil: no limit).
    public func encode(_ text: String, maxTokens: Int? = nil) -> [Int32] {
        let budget = maxTokens.map { max(0, $0 - 2) } ?? Int.max
        var pieces: [Int32] = []
        let scalars = Array(text.unicodeScalars)
        var segmentStart = 0
        var index = 0
        while index < scalars.count, pieces.count < budget {
            if scalars[index] == "[", let special = special(at: index, in: scalars) {
                appendWords(of: scalars[segmentStart..<index], to: &pieces, budget: budget)
                if pieces.count < budget { pieces.append(special.id) }
                index += special.length
                segmentStart = index
            } else {
                index += 1
            }
        }
        if pieces.count < budget {
            appendWords(of: scalars[segmentStart..<scalars.count], to: &pieces, budget: budget)
        }
        if pieces.count > budget { pieces.removeSubrange(budget...) }
        return [vocabulary.classifier] + pieces + [vocabulary.separator]
    }

    private func special(at index: Int, in scalars: [Unicode.Scalar]) -> (id: Int32, length: Int)? {
        for special in specials where scalars.count - index >= special.scalars.count {
            if scalars[index..<(index + special.scalars.count)].elementsEqual(special.scalars) {
                return (special.id, special.scalars.count)
            }
        }
        return nil
    }

    /// Normalises a stretch of text without special tokens, splits it into words and word-pieces.
    private func appendWords(of segment: ArraySlice<Unicode.Scalar>, to pieces: inout [Int32], budget: Int) {
        guard !segment.isEmpty else { return }
        let normalized = BertNormalizer.normalize(segment)
        var wordStart = 0
        for (index, scalar) in normalized.enumerated() {
            guard pieces.count < budget else { return }
            let isSpace = scalar == " " || BertNormalizer.isWhitespace(scalar)
            if isSpace || BertNormalizer.isPunctuation(scalar) {
                wordPiece.append(word: normalized[wordStart..<index], to: &pieces)
                if !isSpace, pieces.count < budget { wordPiece.append(word: normalized[index...index], to: &pieces) }
                wordStart = index + 1
            }
        }
        if pieces.count < budget { wordPiece.append(word: normalized[wordStart...], to: &pieces) }
    }
}
