import COpenBLAS
import Embedding
import Foundation

/// `triage-bench embed`: latency and throughput of the embedding engine in both modes, the GEMM floor
/// of the transformer, and the numpy reference timed in the same run (docs/benchmarks.md).
///
///     swift run -c release triage-bench embed [--quick]
///
/// Needs the model (TRIAGE_MODEL_DIR or .run/venv) and the Python venv for the numpy comparison;
/// builds the static model first if it is missing.
enum EmbedBench {
    static func run(_ arguments: [String]) async throws {
        let quick = arguments.contains("--quick")
        let scale = quick ? 4 : 1
        let environment = ProcessInfo.processInfo.environment
        var base = try EmbeddingConfiguration(environment: environment)
        let root = repositoryRoot()
        print("## embed benchmark (\(ProcessInfo.processInfo.activeProcessorCount) cores, load average \(loadAverage()))\n")

        base.mode = .transformer
        let transformer = try await measureMode(base, scale: scale)
        let floor = try await floorRatio(base, rounds: 40 / scale)

        base.mode = .static
        try await StaticModelBuilder.build(configuration: base) { print("  static model: \($0)") }
        let staticMode = try await measureMode(base, scale: scale)

        print("| mode | 16 tok p50 / p99 | 64 tok p50 / p99 | 256 tok p50 / p99 | batch 32×64, 1 thread | 2 threads |")
        print("|---|---|---|---|---|---|")
        for (name, result) in [("transformer", transformer), ("static", staticMode)] {
            let cells = [16, 64, 256].map { "\(format(result.latency[$0]!.p50)) / \(format(result.latency[$0]!.p99))" }
            print("| \(name) | \(cells.joined(separator: " | ")) | \(Int(result.throughput[1]!)) texts/s | \(Int(result.throughput[2]!)) texts/s |")
        }
        print("\nGEMM floor for 64 tokens (the same sgemm calls alone, 1 thread), measured alternately with the "
            + "transformer: floor p50 \(format(floor.floor)), transformer p50 \(format(floor.transformer)), "
            + "median ratio \(String(format: "%.2f", floor.ratio))× (target ≤ 1.25×, ≤ 55 ms)")
        print("static, per text inside a batch of 32×64 tokens on 1 thread: \(format(1 / staticMode.throughput[1]!))")
        if let hop = staticMode.hop {
            print("hand-off to a worker thread and back (empty job): p50 \(format(hop.p50)), p99 \(format(hop.p99))")
        }

        if let numpy = try await numpyReference(root: root, environment: environment, quick: quick) {
            print("\n| numpy reference (float32, OPENBLAS_NUM_THREADS=1) | p50 | Swift / numpy |")
            print("|---|---|---|")
            for tokens in [16, 64, 256] {
                guard let p50 = numpy["single_\(tokens)"]?["p50_ms"] else { continue }
                let swift = transformer.latency[tokens]!.p50
                print("| \(tokens) tokens | \(format(p50 / 1000)) | \(String(format: "%.2f", swift / (p50 / 1000))) |")
            }
            if let batch = numpy["batch_32x64"]?["texts_per_s"] {
                print("| batch 32×64 | \(Int(batch)) texts/s | \(String(format: "%.2f", transformer.throughput[1]! / batch))× the throughput |")
            }
        }
        try await printQuality(base, root: root)
    }

    struct ModeResult {
        var latency: [Int: (p50: Double, p99: Double)] = [:]
        var throughput: [Int: Double] = [:]
        var hop: (p50: Double, p99: Double)?
    }

    /// Single-text latency on one worker thread at 16/64/256 tokens, then batch throughput on 1 and 2.
    private static func measureMode(_ base: EmbeddingConfiguration, scale: Int) async throws -> ModeResult {
        var result = ModeResult()
        var configuration = base
        configuration.threads = 1
        let single = try await EmbeddingEngine(configuration: configuration)
        let fast = single.mode == .static
        for (tokens, iterations) in [(16, 200), (64, 60), (256, 16)] {
            let text = try await text(tokens: tokens, engine: single)
            let count = max(5, (fast ? 2000 : iterations) / scale)
            for _ in 0..<3 { _ = try await single.embed(text) }
            var samples: [Double] = []
            for _ in 0..<count {
                let started = ContinuousClock.now
                _ = try await single.embed(text)
                samples.append(seconds(started.duration(to: .now)))
            }
            result.latency[tokens] = (percentile(samples, 0.5), percentile(samples, 0.99))
        }
        if fast {
            // The hand-off to a worker thread and back, measured with a job that does nothing.
            var samples: [Double] = []
            for _ in 0..<(2000 / scale) {
                let started = ContinuousClock.now
                _ = try await single.tokenize("")
                samples.append(seconds(started.duration(to: .now)))
            }
            result.hop = (percentile(samples, 0.5), percentile(samples, 0.99))
        }
        let batch = Array(repeating: try await text(tokens: 64, engine: single), count: 32)
        for threads in [1, 2] {
            configuration.threads = threads
            let engine = threads == 1 ? single : try await EmbeddingEngine(configuration: configuration)
            _ = try await engine.embed(batch)
            let rounds = max(2, (fast ? 400 : 8) / scale)
            let started = ContinuousClock.now
            for _ in 0..<rounds { _ = try await engine.embed(batch) }
            result.throughput[threads] = Double(32 * rounds) / seconds(started.duration(to: .now))
        }
        return result
    }

    /// A text of exactly `tokens` ids, `[CLS]` and `[SEP]` included (the same words as reference.py).
    private static func text(tokens: Int, engine: EmbeddingEngine) async throws -> String {
        let words = "account billing password subscription payment dashboard support ticket integration charge customer server error export"
            .split(separator: " ")
        let text = (0..<(tokens - 2)).map { words[$0 % words.count] }.joined(separator: " ")
        let count = try await engine.tokenize(text).count
        guard count == tokens else { throw EmbeddingError(.invalidModel, "bench text has \(count) tokens, wanted \(tokens)") }
        return text
    }

    /// The transformer at 64 tokens against its GEMM floor, sampled alternately so that both see the
    /// same load on a shared machine; the ratio is the median of the per-round ratios.
    private static func floorRatio(_ base: EmbeddingConfiguration, rounds: Int) async throws -> (floor: Double, transformer: Double, ratio: Double) {
        var configuration = base
        configuration.threads = 1
        let engine = try await EmbeddingEngine(configuration: configuration)
        let text = try await text(tokens: 64, engine: engine)
        let floor = GEMMFloor(tokens: 64)
        var floors: [Double] = [], forwards: [Double] = [], ratios: [Double] = []
        for round in 0..<(rounds + 2) {
            let started = ContinuousClock.now
            _ = try await engine.embed(text)
            let forward = seconds(started.duration(to: .now))
            let gemm = await onThread { floor.sample() }
            guard round >= 2 else { continue }  // warm-up
            floors.append(gemm)
            forwards.append(forward)
            ratios.append(forward / gemm)
        }
        return (percentile(floors, 0.5), percentile(forwards, 0.5), percentile(ratios, 0.5))
    }

    /// Only the matrix products a forward pass of `tokens` tokens makes, on one BLAS thread: what no
    /// implementation on this BLAS can beat. Each layer has its own weight matrices (random values of
    /// the model's shapes, 43 MB in all) so that they come from memory as the real ones do.
    struct GEMMFloor: Sendable {
        let n: Int
        let layers: [(square: [[Float]], up: [Float], down: [Float])]
        let x: [Float]
        static let hidden = 384, inner = 1536, headWidth = 32, heads = 12

        init(tokens: Int) {
            func random(_ count: Int) -> [Float] { (0..<count).map { _ in Float.random(in: -0.1...0.1) } }
            n = tokens
            layers = (0..<6).map { _ in
                ((0..<4).map { _ in random(Self.hidden * Self.hidden) }, random(Self.inner * Self.hidden), random(Self.hidden * Self.inner))
            }
            x = random(tokens * Self.inner)
        }

        /// Seconds for one pass.
        func sample() -> Double {
            openblas_set_num_threads(1)
            let n = self.n, hidden = Self.hidden, inner = Self.inner, headWidth = Self.headWidth
            var out = [Float](repeating: 0, count: n * inner)
            var scores = [Float](repeating: 0, count: n * n)
            let started = ContinuousClock.now
            x.withUnsafeBufferPointer { x in
                let x = x.baseAddress!
                // y[n × outputs] = x[n × inputs] · wᵀ, the weight stored [outputs × inputs] as in the model.
                func linear(_ w: [Float], inputs: Int, outputs: Int) {
                    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(outputs), Int32(inputs),
                                1, x, Int32(inputs), w, Int32(inputs), 1, &out, Int32(outputs))
                }
                for layer in layers {
                    for w in layer.square { linear(w, inputs: hidden, outputs: hidden) }  // query, key, value, output
                    linear(layer.up, inputs: hidden, outputs: inner)
                    linear(layer.down, inputs: inner, outputs: hidden)
                    for head in 0..<Self.heads {  // Q·Kᵀ and P·V per head, strided as in the encoder
                        let column = x + head * headWidth
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(n), Int32(headWidth),
                                    1, column, Int32(hidden), column, Int32(hidden), 0, &scores, Int32(n))
                        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(headWidth), Int32(n),
                                    1, scores, Int32(n), column, Int32(hidden), 0, &out, Int32(hidden))
                    }
                }
            }
            return seconds(started.duration(to: .now))
        }
    }

    /// Runs blocking work on a thread of its own, not on the cooperative pool.
    private static func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }

    /// Runs `reference.py bench` with one BLAS thread; nil (with a note) when Python is not set up.
    private static func numpyReference(root: String, environment: [String: String], quick: Bool) async throws -> [String: [String: Double]]? {
        let runDirectory = environment["TRIAGE_RUN_DIR"] ?? root + "/.run"
        let python = environment["TRIAGE_PYTHON"] ?? runDirectory + "/venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            print("\n(numpy reference skipped: no Python at \(python); set TRIAGE_PYTHON)")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [root + "/Tests/EmbeddingTests/Reference/reference.py", "bench", "--iterations", quick ? "10" : "40"]
        var childEnvironment = environment
        childEnvironment["OPENBLAS_NUM_THREADS"] = "1"
        process.environment = childEnvironment
        let output = Pipe()
        process.standardOutput = output
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        guard status == 0, let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw EmbeddingError(.invalidModel, "reference.py bench failed (exit \(status))")
        }
        var result: [String: [String: Double]] = [:]
        for (key, value) in object {
            if let fields = value as? [String: Any] {
                result[key] = fields.compactMapValues { ($0 as? NSNumber)?.doubleValue }
            } else if let number = value as? NSNumber, key == "batch_32x64_texts_per_s" {
                result["batch_32x64"] = ["texts_per_s": number.doubleValue]
            }
        }
        return result
    }

    /// How often a sentence's nearest other sentence paraphrases it (Reference/paraphrases.json), per mode.
    private static func printQuality(_ base: EmbeddingConfiguration, root: String) async throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/Tests/EmbeddingTests/Reference/paraphrases.json"))
        guard let groups = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["groups"] as? [[String]] else { return }
        let texts = groups.flatMap { $0 }
        let labels = groups.enumerated().flatMap { index, group in group.map { _ in index } }
        print("\n| paraphrase retrieval (\(texts.count) sentences, \(groups.count) groups) | top-1 | precision@3 |")
        print("|---|---|---|")
        for mode in [EmbeddingMode.transformer, .static] {
            var configuration = base
            configuration.mode = mode
            let vectors = try await EmbeddingEngine(configuration: configuration).embed(texts)
            var top1 = 0.0, precision3 = 0.0
            for i in texts.indices {
                let ranked = texts.indices.filter { $0 != i }.sorted { dot(vectors[i], vectors[$0]) > dot(vectors[i], vectors[$1]) }
                top1 += labels[ranked[0]] == labels[i] ? 1 : 0
                precision3 += Double(ranked.prefix(3).filter { labels[$0] == labels[i] }.count) / 3
            }
            let n = Double(texts.count)
            print("| \(mode) | \(String(format: "%.2f", top1 / n)) | \(String(format: "%.2f", precision3 / n)) |")
        }
    }

    private static func dot(_ a: [Float], _ b: [Float]) -> Float { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    private static func percentile(_ samples: [Double], _ p: Double) -> Double {
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, Int((p * Double(sorted.count - 1)).rounded()))]
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    private static func format(_ seconds: Double) -> String {
        seconds >= 1e-3 ? String(format: "%.1f ms", seconds * 1e3) : String(format: "%.1f µs", seconds * 1e6)
    }

    private static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    }

    private static func repositoryRoot() -> String {
        let cwd = FileManager.default.currentDirectoryPath
        if FileManager.default.fileExists(atPath: cwd + "/Tests/EmbeddingTests/Reference/reference.py") { return cwd }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }
}
