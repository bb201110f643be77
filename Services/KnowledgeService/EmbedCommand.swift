import Embedding
import Foundation

/// The embedding subcommands of `knowledge-service`, for people and scripts:
///
///     knowledge-service embed [--json] [--tokens] [--mode transformer|static] [TEXT…]
///     knowledge-service build-static-model [--force] [--output FILE]
///
/// `embed` prints one line per text (read from stdin, one per line, when no TEXT is given): with
/// `--json` the vector as a JSON array, otherwise a short summary; with `--tokens` the token ids
/// instead. The mode, model folder and threads come from the environment as in the service
/// (`TRIAGE_EMBED_MODE`, `TRIAGE_MODEL_DIR`, …); `--mode` overrides the mode.
/// `build-static-model` distils the static model from the transformer (install time; skipped when a
/// valid one exists unless `--force`).
enum EmbedCommand {
    static let usage = """
        usage: knowledge-service embed [--json] [--tokens] [--mode transformer|static] [TEXT...]
               knowledge-service build-static-model [--force] [--output FILE]
        """

    /// Runs the subcommand named by `arguments[0]` and returns the exit status, or returns nil when
    /// it is not one of these (the service itself then starts).
    static func run(_ arguments: [String], environment: [String: String]) async -> Int32? {
        switch arguments.first {
        case "embed": await embed(Array(arguments.dropFirst()), environment: environment)
        case "build-static-model": await buildStaticModel(Array(arguments.dropFirst()), environment: environment)
        default: nil
        }
    }

    /// Runs `embed`; returns the process exit status.
    static func embed(_ arguments: [String], environment: [String: String]) async -> Int32 {
        var json = false, tokens = false
        var mode: EmbeddingMode?
        var texts: [String] = []
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--json": json = true
            case "--tokens": tokens = true
            case "--mode":
                guard let name = remaining.popFirst(), let named = EmbeddingMode(name) else { return fail("--mode needs transformer or static") }
                mode = named
            case "--": texts.append(contentsOf: remaining); remaining = []
            case let option where option.hasPrefix("--"): return fail("unknown option \(option)")
            default: texts.append(argument)
            }
        }
        if texts.isEmpty {
            while let line = readLine(strippingNewline: true) { texts.append(line) }
        }
        do {
            var configuration = try EmbeddingConfiguration(environment: environment)
            if let mode { configuration.mode = mode }
            let engine = try await EmbeddingEngine(configuration: configuration)
            if tokens {
                for text in texts { print(jsonArray(try await engine.tokenize(text).map(String.init))) }
                return 0
            }
            let vectors = try await engine.embed(texts)
            for (text, vector) in zip(texts, vectors) {
                if json {
                    print(jsonArray(vector.map { "\($0)" }))
                } else {
                    let head = vector.prefix(5).map { String(format: "%.6f", $0) }.joined(separator: ", ")
                    print("\(engine.modelIdentifier) dim=\(vector.count) [\(head), …] \(text.debugDescription)")
                }
            }
            return 0
        } catch {
            return fail("\(error)")
        }
    }

    /// Runs `build-static-model`; returns the process exit status.
    static func buildStaticModel(_ arguments: [String], environment: [String: String]) async -> Int32 {
        var force = false
        var output: String?
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "--force": force = true
            case "--output":
                guard let path = remaining.popFirst() else { return fail("--output needs a file") }
                output = path
            default: return fail("unknown argument \(argument)")
            }
        }
        do {
            var configuration = try EmbeddingConfiguration(environment: environment)
            if let output { configuration.staticModelPath = output }
            try await StaticModelBuilder.build(configuration: configuration, force: force) { message in
                FileHandle.standardError.write(Data("build-static-model: \(message)\n".utf8))
            }
            return 0
        } catch {
            return fail("\(error)")
        }
    }

    private static func jsonArray(_ items: [String]) -> String {
        "[" + items.joined(separator: ",") + "]"
    }

    private static func fail(_ message: String) -> Int32 {
        FileHandle.standardError.write(Data("knowledge-service: \(message)\n\(usage)\n".utf8))
        return 2
    }
}
