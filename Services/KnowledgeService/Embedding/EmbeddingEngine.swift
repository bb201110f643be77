import COpenBLAS

/// Sentence embeddings with all-MiniLM-L6-v2, computed in-process on dedicated worker threads.
///
/// Create one per process and share it (it is `Sendable`); every call is queued to its worker pool,
/// so awaiting `embed` never blocks the cooperative thread pool (short static-mode requests, a few
/// tens of microseconds of lookups, are computed in place instead). In transformer mode a text is
/// truncated to 256 tokens as sentence-transformers does; vectors are L2-normalised, so the dot
/// product is the cosine similarity.
///
/// Documents and queries must be embedded in the same mode: store `modelIdentifier` with the vectors
/// and refuse to mix identifiers.
public final class EmbeddingEngine: Sendable {
    /// Transformer or static.
    public let mode: EmbeddingMode
    /// Length of every vector (384).
    public let dimension: Int
    /// Names the vector space, e.g. `all-MiniLM-L6-v2:transformer:53aa51172d142c89`: the model, the
    /// mode (with the static recipe) and the first 16 hex digits of the weights' sha256. Stable across
    /// restarts and machines for the same files.
    public let modelIdentifier: String
    /// The most tokens a text is cut to, special tokens included (nil in static mode: no limit).
    public let maxTokens: Int?
    /// Worker threads.
    public let threads: Int

    /// Static-mode requests up to this many bytes of text in all are computed without a hand-off.
    static let inlineStaticBytes = 4096

    private let backend: any EmbeddingBackend
    private let pool: WorkerPool

    /// Loads the model (mapping the weights, checking their checksum, reading the vocabulary) on a
    /// worker thread and starts the pool.
    /// - Throws: `EmbeddingError` (`.modelMissing`, `.checksumMismatch`, `.invalidModel`,
    ///   `.staticModelMissing`) with a message that says what to fix.
    public init(configuration: EmbeddingConfiguration) async throws {
        // One BLAS thread per worker: many small products in parallel beat BLAS-internal threading.
        openblas_set_num_threads(1)
        let pool = WorkerPool(threads: configuration.threads, name: "embedding")
        let backend: any EmbeddingBackend = try await pool.submit { _ in
            switch configuration.mode {
            case .static:
                try StaticModel(path: configuration.staticModelPath, modelDirectory: configuration.modelDirectory)
            default:
                try TransformerBackend(modelDirectory: configuration.modelDirectory)
            }
        }
        self.pool = pool
        self.backend = backend
        mode = backend.mode
        dimension = backend.dimension
        modelIdentifier = backend.identifier
        maxTokens = backend.maxTokens
        threads = pool.threadCount
    }

    /// The vector of each text, in order. Several texts are split into batches run in parallel; a
    /// request that fits in one batch (a query) goes ahead of queued batches of larger requests.
    public func embed(_ texts: [String]) async throws -> [[Float]] {
        guard !texts.isEmpty else { return [] }
        let backend = self.backend
        if let table = backend as? StaticModel, texts.reduce(0, { $0 + $1.utf8.count }) <= Self.inlineStaticBytes {
            // Up to 4 KiB (about 500 tokens) costs ~5–80 µs of table lookups, about the two thread
            // wake-ups of a hand-off to a worker (~60 µs on the 2-vCPU VM, docs/benchmarks.md):
            // computed on the caller's thread, like parsing a request of that size. No I/O, no lock.
            return texts.map { table.vector(of: table.tokenizer.encode($0, maxTokens: nil)) }
        }
        let batches = plan(count: texts.count, perJob: backend.textsPerJob)
        if batches.count <= 1 {
            return try await pool.submit { workspace in
                backend.embed(texts.map { backend.tokenizer.encode($0, maxTokens: backend.maxTokens) }, workspace: workspace)
            }
        }
        return try await withThrowingTaskGroup(of: (Int, [[Float]]).self) { group in
            for (index, range) in batches.enumerated() {
                let slice = Array(texts[range])
                group.addTask {
                    let vectors = try await self.pool.submit(.bulk) { workspace in
                        backend.embed(slice.map { backend.tokenizer.encode($0, maxTokens: backend.maxTokens) }, workspace: workspace)
                    }
                    return (index, vectors)
                }
            }
            var parts = [[[Float]]](repeating: [], count: batches.count)
            for try await (index, vectors) in group { parts[index] = vectors }
            return parts.flatMap { $0 }
        }
    }

    /// The vector of one text.
    public func embed(_ text: String) async throws -> [Float] {
        try await embed([text])[0]
    }

    /// The token ids the model sees for `text` (`[CLS]` … `[SEP]`, truncated as `embed` truncates).
    public func tokenize(_ text: String) async throws -> [Int32] {
        let backend = self.backend
        return try await pool.submit { _ in backend.tokenizer.encode(text, maxTokens: backend.maxTokens) }
    }

    /// The vectors of already tokenized sequences, each at most `maxTokens` long (used to distill the
    /// static model from the transformer, one vocabulary token at a time).
    func embed(tokenized sequences: [[Int32]]) async throws -> [[Float]] {
        let backend = self.backend
        let batches = plan(count: sequences.count, perJob: max(backend.textsPerJob, 256))
        return try await withThrowingTaskGroup(of: (Int, [[Float]]).self) { group in
            for (index, range) in batches.enumerated() {
                let slice = Array(sequences[range])
                group.addTask { (index, try await self.pool.submit(.bulk) { backend.embed(slice, workspace: $0) }) }
            }
            var parts = [[[Float]]](repeating: [], count: batches.count)
            for try await (index, vectors) in group { parts[index] = vectors }
            return parts.flatMap { $0 }
        }
    }

    /// Contiguous index ranges: at most `perJob` each, and at least one per thread when there are enough.
    private func plan(count: Int, perJob: Int) -> [Range<Int>] {
        guard count > 0 else { return [] }
        let jobs = max((count + perJob - 1) / perJob, min(threads, count))
        let size = (count + jobs - 1) / jobs
        return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
    }
}
