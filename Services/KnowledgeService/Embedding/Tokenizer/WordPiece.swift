/// WordPiece: splits one pre-tokenized word into the longest vocabulary pieces from the left,
/// continuations prefixed with `##`.
///
/// As in BERT, a word with any part that matches nothing becomes a single `[UNK]`, and so does a
/// word longer than 100 scalars (the model's `max_input_chars_per_word`).
struct WordPiece: Sendable {
    let vocabulary: Vocabulary
    let maxWordLength = 100

    func append(word: ArraySlice<Unicode.Scalar>, to ids: inout [Int32]) {
        guard !word.isEmpty else { return }
        guard word.count <= maxWordLength else {
            ids.append(vocabulary.unknown)
            return
        }
        let firstPiece = ids.count
        var start = word.startIndex
        while start < word.endIndex {
            var end = word.endIndex
            var match: Int32?
            while end > start {
                var candidate = String.UnicodeScalarView()
                if start > word.startIndex { candidate.append(contentsOf: "##".unicodeScalars) }
                candidate.append(contentsOf: word[start..<end])
                if let id = vocabulary.id(of: String(candidate)) {
                    match = id
                    break
                }
                end -= 1
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
