/// WordPiece: splits one pre-tokenized word into the longest vocabulary pieces from the left,
/// continuations (`##…` in the vocabulary) after the first.
///
/// As in BERT, a word with any part that matches nothing becomes a single `[UNK]`, and so does a
/// word longer than 100 scalars (the model's `max_input_chars_per_word`). Pieces end only on
/// scalar boundaries of the word's UTF-8 bytes.
struct WordPiece: Sendable {
    let vocabulary: Vocabulary
    let maxWordLength = 100

    /// Appends the ids of `word` (UTF-8 bytes of `scalarCount` normalised scalars).
    func append(word: UnsafeBufferPointer<UInt8>, scalarCount: Int, to ids: inout [Int32]) {
        guard scalarCount > 0 else { return }
        guard scalarCount <= maxWordLength else {
            ids.append(vocabulary.unknown)
            return
        }
        let firstPiece = ids.count
        let base = word.baseAddress!
        var start = 0
        while start < word.count {
            let table = start == 0 ? vocabulary.words : vocabulary.continuations
            var end = word.count
            var match: Int32?
            while end > start {
                if let id = table.id(of: UnsafeBufferPointer(start: base + start, count: end - start)) {
                    match = id
                    break
                }
                end -= 1
                while end > start, word[end] & 0xC0 == 0x80 { end -= 1 }  // back to a scalar boundary
            }
            guard let id = match else {
                ids.removeSubrange(firstPiece...)
                ids.append(vocabulary.unknown)
                return
            }
            ids.append(id)
            start = end
        }
    }
}
