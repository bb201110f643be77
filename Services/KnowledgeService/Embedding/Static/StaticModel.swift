/// The fast static mode: one precomputed vector per vocabulary token; a text's vector is the
/// normalised sum of its tokens' vectors.
///
/// The table is distilled from the transformer by `StaticModelBuilder` (in the spirit of Model2Vec):
/// each token is embedded alone, the mean over the vocabulary is removed, and rarer tokens weigh more.
/// It loses word order and context, and costs microseconds per text instead of tens of milliseconds.
/// The file records which weights and recipe it came from and a checksum of its data, all checked
/// when it is loaded. `@unchecked Sendable`: the table is a read-only mapping kept alive by `file`.
struct StaticModel: EmbeddingBackend, @unchecked Sendable {
    /// The distillation recipe; part of the file name and of the model identifier.
    static let recipe = "static-v1"
    static let fileStem = "all-minilm-l6-v2-\(recipe)"
    static let tableTensor = "token_vectors"
    static let emptyTensor = "empty_text_vector"

    let file: SafeTensors
    let tokenizer: BertTokenizer
    private let table: UnsafeBufferPointer<Float>
    private let emptyText: UnsafeBufferPointer<Float>

    var mode: EmbeddingMode { .static }
    var dimension: Int { BertWeights.hidden }
    var maxTokens: Int? { nil }
    var textsPerJob: Int { 256 }
    /// The recipe and the weights it was distilled from name the vector space; the table's own checksum
    /// is checked at load, but it may differ in the last bits between machines (BLAS kernels) without
    /// changing what the vectors mean.
    var identifier: String { "\(ModelFiles.name):\(Self.recipe):\(ModelFiles.weightsSHA256.prefix(16))" }

    init(path: String, modelDirectory: String) throws(EmbeddingError) {
        let file: SafeTensors
        do throws(EmbeddingError) {
            file = try SafeTensors(path: path)
        } catch where error.code == .modelMissing {
            throw EmbeddingError(
                .staticModelMissing,
                "no static model at \(path); build it with `knowledge-service build-static-model` "
                    + "(deploy/local does this at install) or set TRIAGE_STATIC_MODEL"
            )
        }
        let vocabulary = try ModelFiles.loadVocabulary(from: modelDirectory)
        let metadata = file.metadata
        func require(_ key: String, _ expected: String) throws(EmbeddingError) {
            guard metadata[key] == expected else {
                throw EmbeddingError(
                    .invalidModel,
                    "\(path) has \(key)=\(metadata[key] ?? "nothing"), expected \(expected); rebuild it with `knowledge-service build-static-model --force`"
                )
            }
        }
        try require("recipe", Self.recipe)
        try require("source_sha256", ModelFiles.weightsSHA256)
        try require("vocabulary_sha256", ModelFiles.vocabularySHA256)
        let digest = SHA256.hex(of: file.dataBytes)
        guard metadata["data_sha256"] == digest else {
            throw EmbeddingError(.checksumMismatch, "\(path) is corrupt (its data does not match its recorded sha256); rebuild it with `knowledge-service build-static-model --force`")
        }
        self.file = file
        tokenizer = BertTokenizer(vocabulary: vocabulary)
        table = try file.floats(Self.tableTensor, shape: [vocabulary.count, BertWeights.hidden])
        emptyText = try file.floats(Self.emptyTensor, shape: [BertWeights.hidden])
    }

    func embed(_ sequences: [[Int32]], workspace: Workspace) -> [[Float]] {
        sequences.map(vector)
    }

    /// The normalised sum of the tokens' rows; `[CLS]` and `[SEP]` carry no meaning here.
    func vector(of ids: [Int32]) -> [Float] {
        let width = dimension
        let classifier = tokenizer.vocabulary.classifier, separator = tokenizer.vocabulary.separator
        var sum = [Float](repeating: 0, count: width)
        var used = 0
        sum.withUnsafeMutableBufferPointer { out in
            let rows = table.baseAddress!
            for id in ids where id != classifier && id != separator {
                let row = rows + Int(id) * width
                for i in 0..<width { out[i] += row[i] }
                used += 1
            }
            if used == 0 {
                for i in 0..<width { out[i] = emptyText[i] }
            }
        }
        Kernels.normalize(&sum)
        return sum
    }
}
