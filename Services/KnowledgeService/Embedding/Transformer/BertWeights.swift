/// The all-MiniLM-L6-v2 encoder's tensors, as pointers into the memory-mapped safetensors file.
///
/// The architecture is fixed here (6 layers, hidden 384, 12 heads, intermediate 1536) because the
/// engine only accepts the one checkpoint whose checksum it knows; every tensor's shape is still
/// checked at load so that a wrong file fails at start-up, not in the middle of a request.
/// `@unchecked Sendable`: the pointers are read-only and `file` keeps the mapping alive.
struct BertWeights: @unchecked Sendable {
    static let hidden = 384
    static let heads = 12
    static let intermediate = 1536
    static let layerCount = 6
    static let maxPositions = 512

    /// `y = x·Wᵀ + b` with `W` stored `[outputs, inputs]`, as PyTorch saves it.
    struct Linear {
        let weight: UnsafeBufferPointer<Float>
        let bias: UnsafeBufferPointer<Float>
        let inputs: Int
        let outputs: Int
    }

    struct LayerNorm {
        let gamma: UnsafeBufferPointer<Float>
        let beta: UnsafeBufferPointer<Float>
    }

    struct Layer {
        let query: Linear
        let key: Linear
        let value: Linear
        let attentionOutput: Linear
        let attentionNorm: LayerNorm
        let intermediate: Linear
        let output: Linear
        let outputNorm: LayerNorm
    }

    let file: SafeTensors
    let vocabularySize: Int
    let wordEmbeddings: UnsafeBufferPointer<Float>
    let positionEmbeddings: UnsafeBufferPointer<Float>
    let tokenTypeEmbeddings: UnsafeBufferPointer<Float>
    let embeddingNorm: LayerNorm
    let layers: [Layer]

    init(file: SafeTensors) throws(EmbeddingError) {
        let hidden = Self.hidden
        func linear(_ name: String, inputs: Int, outputs: Int) throws(EmbeddingError) -> Linear {
            Linear(
                weight: try file.floats(name + ".weight", shape: [outputs, inputs]),
                bias: try file.floats(name + ".bias", shape: [outputs]),
                inputs: inputs,
                outputs: outputs
            )
        }
        func norm(_ name: String) throws(EmbeddingError) -> LayerNorm {
            LayerNorm(gamma: try file.floats(name + ".weight", shape: [hidden]), beta: try file.floats(name + ".bias", shape: [hidden]))
        }
        guard let vocabularyShape = file.entries["embeddings.word_embeddings.weight"]?.shape, vocabularyShape.count == 2 else {
            throw EmbeddingError(.invalidModel, "\(file.file.path) has no word embeddings")
        }
        self.file = file
        vocabularySize = vocabularyShape[0]
        wordEmbeddings = try file.floats("embeddings.word_embeddings.weight", shape: [vocabularySize, hidden])
        positionEmbeddings = try file.floats("embeddings.position_embeddings.weight", shape: [Self.maxPositions, hidden])
        tokenTypeEmbeddings = try file.floats("embeddings.token_type_embeddings.weight", shape: [2, hidden])
        embeddingNorm = try norm("embeddings.LayerNorm")
        var layers: [Layer] = []
        for index in 0..<Self.layerCount {
            let prefix = "encoder.layer.\(index)."
            layers.append(Layer(
                query: try linear(prefix + "attention.self.query", inputs: hidden, outputs: hidden),
                key: try linear(prefix + "attention.self.key", inputs: hidden, outputs: hidden),
                value: try linear(prefix + "attention.self.value", inputs: hidden, outputs: hidden),
                attentionOutput: try linear(prefix + "attention.output.dense", inputs: hidden, outputs: hidden),
                attentionNorm: try norm(prefix + "attention.output.LayerNorm"),
                intermediate: try linear(prefix + "intermediate.dense", inputs: hidden, outputs: Self.intermediate),
                output: try linear(prefix + "output.dense", inputs: Self.intermediate, outputs: hidden),
                outputNorm: try norm(prefix + "output.LayerNorm")
            ))
        }
        self.layers = layers
    }
}
