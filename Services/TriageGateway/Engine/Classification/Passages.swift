/// The sentences of a message long enough to hold several matters. In a letter that tells its
/// background before its request, an intent and a topic combine only within one sentence: "we renewed
/// last spring" in one sentence and "the invoice lists 15 seats" in another are not a question about
/// renewing an invoice. A short message is one passage, where "Help! The export." still combines.
struct Passages: Sendable {
    /// A message at least this long (scalars) is read sentence by sentence: a paragraph or more. Chosen
    /// on the tuning splits (350-400 read best, 250 split short how-to questions from their topic).
    static let longMessage = 400
    /// A latest message at least this long (scalars) is a letter: several paragraphs, the request among
    /// background (cue `long_letter`). On the tuning splits 800 to 1,500 read the same.
    static let letter = 1_000
    /// Where a sentence ends: the same marks as `NormalizedText.sameSentence`.
    static let sentenceEnds = Set(".!?;\n。！？；\u{0964}".unicodeScalars)

    /// Offsets where a passage after the first begins, ascending.
    let starts: [Int]

    init(_ text: NormalizedText) {
        guard text.original.count >= Self.longMessage else {
            starts = []
            return
        }
        starts = text.original.indices.filter { Self.sentenceEnds.contains(text.original[$0]) }.map { $0 + 1 }
    }

    /// The passage a scalar offset is in, counted from 0.
    func index(of position: Int) -> Int {
        var low = 0, high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= position { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
