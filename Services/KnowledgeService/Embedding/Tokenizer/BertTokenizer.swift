/// The tokenizer sentence-transformers runs for all-MiniLM-L6-v2, rebuilt from `vocab.txt`.
///
/// Steps, each matching Hugging Face `tokenizers` with this model's `tokenizer.json`:
/// literal special tokens (`[CLS]`, `[SEP]`, `[MASK]`, `[UNK]`, `[PAD]`, case-sensitive) are taken
/// out of the raw text first; the rest is normalised (`BertNormalizer`), split on whitespace and
/// punctuation, and each word is split by WordPiece; then `[CLS] … [SEP]` is wrapped around it,
/// truncating the pieces so that the total is at most `maxTokens`. No padding.
struct BertTokenizer: Sendable {
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
    func encode(_ text: String, maxTokens: Int? = nil) -> [Int32] {
        var state = State(budget: maxTokens.map { max(0, $0 - 2) } ?? Int.max)
        state.pieces.append(vocabulary.classifier)
        let scalars = Array(text.unicodeScalars)
        var segmentStart = 0
        var index = 0
        while index < scalars.count, !state.full {
            if scalars[index] == "[", let special = special(at: index, in: scalars) {
                appendWords(of: scalars[segmentStart..<index], to: &state)
                state.append(special.id)
                index += special.length
                segmentStart = index
            } else {
                index += 1
            }
        }
        appendWords(of: scalars[segmentStart..<scalars.count], to: &state)
        if state.pieces.count - 1 > state.budget { state.pieces.removeSubrange((state.budget + 1)...) }
        state.pieces.append(vocabulary.separator)
        return state.pieces
    }

    /// The ids so far (after `[CLS]`) and a reusable buffer for the UTF-8 of the current word.
    private struct State {
        let budget: Int
        var pieces: [Int32] = []
        var word: [UInt8] = []
        var wordScalars = 0

        init(budget: Int) {
            self.budget = budget
            pieces.reserveCapacity(min(budget, 512) + 2)
            word.reserveCapacity(64)
        }

        var full: Bool { pieces.count - 1 >= budget }

        mutating func append(_ id: Int32) {
            if !full { pieces.append(id) }
        }
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
    private func appendWords(of segment: ArraySlice<Unicode.Scalar>, to state: inout State) {
        guard !segment.isEmpty, !state.full else { return }
        for scalar in BertNormalizer.normalize(segment) {
            if state.full { return }
            // After normalisation every whitespace character has become a plain space.
            if scalar == " " {
                flushWord(&state)
            } else if BertNormalizer.isPunctuation(scalar) {
                flushWord(&state)
                appendScalar(scalar, to: &state)
                flushWord(&state)
            } else {
                appendScalar(scalar, to: &state)
            }
        }
        flushWord(&state)
    }

    @inline(__always)
    private func appendScalar(_ scalar: Unicode.Scalar, to state: inout State) {
        if scalar.isASCII {
            state.word.append(UInt8(truncatingIfNeeded: scalar.value))
        } else {
            UTF8.encode(scalar) { state.word.append($0) }
        }
        state.wordScalars += 1
    }

    private func flushWord(_ state: inout State) {
        guard state.wordScalars > 0 else { return }
        if !state.full {
            let count = state.wordScalars
            state.word.withUnsafeBufferPointer { wordPiece.append(word: $0, scalarCount: count, to: &state.pieces) }
        }
        state.word.removeAll(keepingCapacity: true)
        state.wordScalars = 0
    }
}
