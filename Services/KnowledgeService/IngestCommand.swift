import Foundation
import TriageCore

/// `knowledge-service ingest [--keep-missing] DIR`: makes the knowledge base hold the articles of
/// DIR (every `*.md` below it). Unchanged articles (same content hash) are skipped, changed ones
/// replaced, new ones added, and articles no longer in DIR removed (unless `--keep-missing`).
/// Prints one line per article and a summary; exits 1 if any file could not be stored. Uses the
/// service's environment (`QDRANT_*`, `TRIAGE_EMBED_MODE`, …) and talks to Qdrant directly.
enum IngestCommand {
    static let usage = "usage: knowledge-service ingest [--keep-missing] DIR"

    static func run(_ arguments: [String], environment: Environment) async -> Int32? {
        guard arguments.first == "ingest" else { return nil }
        var keepMissing = false
        var directory: String?
        for argument in arguments.dropFirst() {
            switch argument {
            case "--keep-missing": keepMissing = true
            case let option where option.hasPrefix("--"): return fail("unknown option \(option)")
            default:
                guard directory == nil else { return fail("one directory only") }
                directory = argument
            }
        }
        guard let directory else { return fail("no directory given") }
        do {
            let logger = try Logger(service: "knowledge-service", environment: environment)
            let components = try await KnowledgeComponents.make(environment: environment, logger: logger)
            defer { components.http.shutdownThreads() }
            return try await ingest(directory: directory, keepMissing: keepMissing, components: components)
        } catch {
            return fail("\(error)", usage: false)
        }
    }

    private static func ingest(directory: String, keepMissing: Bool, components: KnowledgeComponents) async throws -> Int32 {
        let started = ContinuousClock.now
        let files = try markdownFiles(in: directory)
        var failures = 0
        var articles: [(file: String, article: Article)] = []
        for file in files {
            do {
                let article = try ArticleParser.parse(try String(contentsOfFile: file, encoding: .utf8))
                if let other = articles.first(where: { $0.article.id == article.id }) {
                    throw ArticleError("id \(article.id) is also used by \(other.file)")
                }
                articles.append((file, article))
            } catch {
                failures += 1
                report("error  \(file): \(error)")
            }
        }
        try await components.bootstrap.ensureReady()
        let stored = Dictionary(try await components.store.allHeads().map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var counts = (new: 0, changed: 0, unchanged: 0, removed: 0, chunks: 0)
        for (index, entry) in articles.enumerated() {
            let position = "[\(index + 1)/\(articles.count)]"
            do {
                let previous = stored[entry.article.id]
                let outcome = try await components.writer.upsert(entry.article, previous: .some(previous))
                counts.chunks += outcome.chunksWritten
                if !outcome.changed {
                    counts.unchanged += 1
                    report("\(position) unchanged \(entry.article.id)")
                } else {
                    if previous == nil { counts.new += 1 } else { counts.changed += 1 }
                    let removed = outcome.chunksRemoved > 0 ? ", \(outcome.chunksRemoved) removed" : ""
                    report("\(position) \(previous == nil ? "added" : "updated") \(entry.article.id) (\(outcome.chunksWritten) chunks\(removed))")
                }
            } catch {
                failures += 1
                report("\(position) error \(entry.article.id): \(error)")
            }
        }
        if !keepMissing {
            let present = Set(articles.map(\.article.id))
            for id in stored.keys.sorted() where !present.contains(id) {
                if try await components.store.delete(article: id) {
                    counts.removed += 1
                    report("removed \(id)")
                }
            }
        }
        let seconds = (ContinuousClock.now - started).seconds
        report(String(format: "ingested %d articles from %@: %d added, %d updated, %d unchanged, %d removed; %d chunks written in %.1f s (%.1f chunks/s)%@",
                      articles.count, directory, counts.new, counts.changed, counts.unchanged, counts.removed, counts.chunks, seconds,
                      Double(counts.chunks) / max(seconds, 0.001), failures > 0 ? "; \(failures) failed" : ""))
        return failures > 0 ? 1 : 0
    }

    /// Every `*.md` file under `directory`, sorted by path.
    static func markdownFiles(in directory: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ArticleError("\(directory) is not a directory")
        }
        let root = URL(fileURLWithPath: directory)
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var files: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.pathExtension == "md", !url.lastPathComponent.hasPrefix("."), url.lastPathComponent.lowercased() != "readme.md" {
                files.append(url.path)
            }
        }
        return files.sorted()
    }

    private static func report(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private static func fail(_ message: String, usage: Bool = true) -> Int32 {
        FileHandle.standardError.write(Data("knowledge-service: \(message)\n\(usage ? self.usage + "\n" : "")".utf8))
        return usage ? 2 : 1
    }
}

extension Duration {
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
