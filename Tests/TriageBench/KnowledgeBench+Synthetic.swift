import Foundation

/// Synthetic chunks written straight into the bench's collection: random unit vectors (seeded) and
/// BM25 Documents of 60 words drawn from the demo KB's vocabulary, with the payload of real chunks.
/// Their vectors do not come from the model (embedding 100k chunks would take hours in transformer
/// mode); for Qdrant's exact search the cost is the same.
enum SyntheticChunks {
    static let categories = ["billing", "technical", "account", "features", "plans", "support"]

    static func load(into service: BenchKnowledgeService, from start: Int, to end: Int, root: String) async throws {
        let vocabulary = try Self.vocabulary(root: root)
        var random = SplitMix64(seed: UInt64(start) &+ 0x9E37_79B9)
        let batch = 500
        for first in stride(from: start, to: end, by: batch) {
            var body = "{\"points\":["
            for index in first..<min(first + batch, end) {
                var vector = (0..<384).map { _ in Float(random.nextGaussian()) }
                let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
                vector = vector.map { $0 / norm }
                let words = (0..<60).map { _ in vocabulary[Int(random.next() % UInt64(vocabulary.count))] }.joined(separator: " ")
                let uuid = String(format: "%08x-0000-4000-8000-%012x", index / 65536, index)
                if index > first { body += "," }
                body += "{\"id\":\"\(uuid)\",\"vector\":{\"dense\":[\(vector.map { "\($0)" }.joined(separator: ","))],"
                    + "\"bm25\":{\"text\":\"\(words)\",\"model\":\"qdrant/bm25\",\"options\":{\"language\":\"english\"}}},"
                    + "\"payload\":{\"article_id\":\"syn_\(index / 5)\",\"chunk\":\(index % 5),\"chunks\":5,\"title\":\"Synthetic \(index / 5)\","
                    + "\"category\":\"\(categories[index % categories.count])\",\"language\":\"en\",\"heading\":\"\",\"text\":\"\(words)\","
                    + "\"content_hash\":\"synthetic\",\"ingested_at\":0}}"
            }
            body += "]}"
            try await put("/collections/\(service.collection)/points?wait=true", body: body, port: service.qdrantPort, directory: service.directory)
        }
    }

    private static func put(_ path: String, body: String, port: Int, directory: String) async throws {
        let file = "\(directory)/synthetic-batch.json"
        try body.write(toFile: file, atomically: false, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sf", "-o", "/dev/null", "-X", "PUT", "http://127.0.0.1:\(port)\(path)", "-H", "Content-Type: application/json",
                             "--data-binary", "@\(file)"]
        try process.run()
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        guard process.terminationStatus == 0 else { throw BenchError("loading synthetic chunks failed (curl \(process.terminationStatus))") }
    }

    private static func vocabulary(root: String) throws -> [String] {
        let directory = "\(root)/deploy/demo/kb"
        var words = Set<String>()
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) where file.hasSuffix(".md") && file.prefix(while: { $0 != "-" }).filter({ $0 == "_" }).count == 1 {
            let text = try String(contentsOfFile: "\(directory)/\(file)", encoding: .utf8).lowercased()
            for word in text.split(whereSeparator: { !$0.isLetter }) where word.count > 2 { words.insert(String(word)) }
        }
        guard !words.isEmpty else { throw BenchError("no English articles in \(directory)") }
        return words.sorted()
    }
}

/// A small seeded generator (SplitMix64), so that every run loads the same chunks (and a Poisson
/// run of the gateway bench offers the same arrivals).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func nextUnit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Approximately normal: the sum of four uniforms, centred.
    mutating func nextGaussian() -> Double {
        (0..<4).reduce(0.0) { sum, _ in sum + nextUnit() } - 2
    }
}
