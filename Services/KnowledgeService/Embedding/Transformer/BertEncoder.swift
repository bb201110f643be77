import COpenBLAS

/// The 6-layer BERT encoder with sentence-transformers' mean pooling and L2 normalisation.
///
/// A batch is *packed*, not padded: the token rows of all its texts are laid end to end, so the
/// linear layers run as one large matrix product over exactly the real tokens, and attention is
/// computed per text over its own rows only. That is what an attention mask achieves for a padded
/// batch (masked keys get zero weight; padded rows are ignored by pooling), without the wasted work.
struct BertEncoder: Sendable {
    let weights: BertWeights

    /// The longest sequence the position embeddings allow (sentence-transformers uses 256 of 512).
    var maxPositions: Int { BertWeights.maxPositions }

    // Workspace slots.
    private enum Slot {
        static let hidden = 0, query = 1, key = 2, value = 3, context = 4, scratch = 5, intermediate = 6, scores = 7, norm = 8
    }

    /// The sentence vector of each token sequence, in order; each sequence must be non-empty and at
    /// most `maxPositions` long.
    func embed(_ sequences: [[Int32]], workspace: Workspace) -> [[Float]] {
        let width = BertWeights.hidden
        let rows = sequences.reduce(0) { $0 + $1.count }
        guard rows > 0 else { return sequences.map { _ in [Float](repeating: 0, count: width) } }
        var offsets: [Int] = []
        var offset = 0
        for sequence in sequences {
            precondition(!sequence.isEmpty && sequence.count <= maxPositions, "sequence length \(sequence.count)")
            offsets.append(offset)
            offset += sequence.count
        }
        let x = workspace.floats(Slot.hidden, count: rows * width)
        let q = workspace.floats(Slot.query, count: rows * width)
        let k = workspace.floats(Slot.key, count: rows * width)
        let v = workspace.floats(Slot.value, count: rows * width)
        let context = workspace.floats(Slot.context, count: rows * width)
        let scratch = workspace.floats(Slot.scratch, count: rows * width)
        let intermediate = workspace.floats(Slot.intermediate, count: rows * BertWeights.intermediate)
        let longest = sequences.map(\.count).max()!
        let scores = workspace.floats(Slot.scores, count: longest * longest)
        let normScratch = workspace.floats(Slot.norm, count: width)

        embedTokens(sequences, offsets: offsets, into: x)
        Kernels.layerNorm(x, adding: nil, rows: rows, width: width, weights.embeddingNorm, scratch: normScratch)
        for layer in weights.layers {
            Kernels.linear(x, rows: rows, layer.query, into: q)
            Kernels.linear(x, rows: rows, layer.key, into: k)
            Kernels.linear(x, rows: rows, layer.value, into: v)
            for (index, sequence) in sequences.enumerated() {
                attention(q: q, k: k, v: v, start: offsets[index], length: sequence.count, scores: scores, into: context)
            }
            Kernels.linear(context, rows: rows, layer.attentionOutput, into: scratch)
            Kernels.layerNorm(x, adding: scratch, rows: rows, width: width, layer.attentionNorm, scratch: normScratch)
            Kernels.linear(x, rows: rows, layer.intermediate, into: intermediate)
            Kernels.gelu(intermediate, count: rows * BertWeights.intermediate)
            Kernels.linear(intermediate, rows: rows, layer.output, into: scratch)
            Kernels.layerNorm(x, adding: scratch, rows: rows, width: width, layer.outputNorm, scratch: normScratch)
        }
        return sequences.indices.map { meanPool(x + offsets[$0] * width, rows: sequences[$0].count) }
    }

    /// Word + position + token-type (always segment 0) embeddings for every row.
    private func embedTokens(_ sequences: [[Int32]], offsets: [Int], into x: UnsafeMutablePointer<Float>) {
        let width = BertWeights.hidden
        let words = weights.wordEmbeddings.baseAddress!
        let positions = weights.positionEmbeddings.baseAddress!
        let segment = weights.tokenTypeEmbeddings.baseAddress!
        for (index, sequence) in sequences.enumerated() {
            for (position, token) in sequence.enumerated() {
                let id = Int(token)
                precondition(id >= 0 && id < weights.vocabularySize, "token id \(id) out of range")
                let row = x + (offsets[index] + position) * width
                let word = words + id * width, place = positions + position * width
                for i in 0..<width { row[i] = word[i] + place[i] + segment[i] }
            }
        }
    }

    /// Multi-head self-attention of one text (rows `start ..< start + length`), written to `context`.
    private func attention(
        q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>, start: Int, length: Int,
        scores: UnsafeMutablePointer<Float>, into context: UnsafeMutablePointer<Float>
    ) {
        let width = BertWeights.hidden, headWidth = width / BertWeights.heads
        let scale = 1 / Float(headWidth).squareRoot()
        let n = Int32(length), d = Int32(headWidth), ld = Int32(width)
        for head in 0..<BertWeights.heads {
            let column = start * width + head * headWidth
            // scores = (Q_h · K_hᵀ) / √d, then softmax over the keys of each query row.
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, n, d, scale, q + column, ld, k + column, ld, 0, scores, n)
            Kernels.softmaxRows(scores, rows: length, width: length)
            // context_h = probabilities · V_h
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, d, n, 1, scores, n, v + column, ld, 0, context + column, ld)
        }
    }

    /// The L2-normalised mean of `rows` token vectors.
    private func meanPool(_ x: UnsafePointer<Float>, rows: Int) -> [Float] {
        let width = BertWeights.hidden
        var pooled = [Float](repeating: 0, count: width)
        pooled.withUnsafeMutableBufferPointer { out in
            for row in 0..<rows {
                let v = x + row * width
                for i in 0..<width { out[i] += v[i] }
            }
            let inverse = 1 / Float(rows)
            for i in 0..<width { out[i] *= inverse }
        }
        Kernels.normalize(&pooled)
        return pooled
    }
}
