/// What the engine runs on its worker threads: turn token ids into sentence vectors.
protocol EmbeddingBackend: Sendable {
    var mode: EmbeddingMode { get }
    var dimension: Int { get }
    var tokenizer: BertTokenizer { get }
    /// The most tokens a text may have, special tokens included (nil: no limit).
    var maxTokens: Int? { get }
    /// How many texts one job should take; batches amortise BLAS calls but must still spread over threads.
    var textsPerJob: Int { get }
    /// Part of `EmbeddingEngine.modelIdentifier` that names the exact vectors this backend produces.
    var identifier: String { get }

    func embed(_ sequences: [[Int32]], workspace: Workspace) -> [[Float]]
}

/// The full transformer.
struct TransformerBackend: EmbeddingBackend {
    let encoder: BertEncoder
    let tokenizer: BertTokenizer

    var mode: EmbeddingMode { .transformer }
    var dimension: Int { BertWeights.hidden }
    var maxTokens: Int? { ModelFiles.maxTokens }
    /// Eight 64-token texts make 512-row products (as efficient as larger ones here) and a job of
    /// ~0.15 s, so that a query never waits long behind a batch being ingested.
    var textsPerJob: Int { 8 }
    var identifier: String { "\(ModelFiles.name):transformer:\(ModelFiles.weightsSHA256.prefix(16))" }

    init(modelDirectory: String) throws(EmbeddingError) {
        encoder = BertEncoder(weights: try ModelFiles.loadWeights(from: modelDirectory))
        tokenizer = BertTokenizer(vocabulary: try ModelFiles.loadVocabulary(from: modelDirectory))
        guard tokenizer.vocabulary.count == encoder.weights.vocabularySize else {
            throw EmbeddingError(.invalidModel, "vocabulary has \(tokenizer.vocabulary.count) tokens, the weights \(encoder.weights.vocabularySize)")
        }
    }

    func embed(_ sequences: [[Int32]], workspace: Workspace) -> [[Float]] {
        encoder.embed(sequences, workspace: workspace)
    }
}
