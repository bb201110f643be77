import Foundation

/// Reads the engine's data files from a directory (the bundled `Resources` by default).
struct ResourceDirectory: Sendable {
    let url: URL

    /// The bundled resources: `Triage_TriageEngine.resources` (Linux) or `.bundle` (Darwin) next to the
    /// executable or in the main bundle.
    static func bundled() throws -> ResourceDirectory {
        let names = ["Triage_TriageEngine.resources", "Triage_TriageEngine.bundle"]
        var bases = [Bundle.main.bundleURL, Bundle.main.resourceURL, Bundle.main.executableURL?.deletingLastPathComponent()]
            .compactMap { $0 }
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            bases.append(bundle.bundleURL.deletingLastPathComponent())
        }
        var searched = [String]()
        for base in bases {
            for name in names {
                for candidate in [base.appendingPathComponent(name).appendingPathComponent("Resources"),
                                  base.appendingPathComponent(name).appendingPathComponent("Contents/Resources/Resources")] {
                    searched.append(candidate.path)
                    if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("manifest.json").path) {
                        return ResourceDirectory(url: candidate)
                    }
                }
            }
        }
        throw EngineDataError.missing("manifest.json", searched: searched)
    }

    func exists(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(relativePath).path)
    }

    func text(_ relativePath: String) throws -> String {
        let fileURL = url.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: fileURL.path) else {
            throw EngineDataError.missing(relativePath, searched: [fileURL.path])
        }
        guard let string = String(data: data, encoding: .utf8) else {
            throw EngineDataError.malformed(file: relativePath, line: 0, reason: "not UTF-8")
        }
        return string
    }

    func data(_ relativePath: String) throws -> Data {
        let fileURL = url.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: fileURL.path) else {
            throw EngineDataError.missing(relativePath, searched: [fileURL.path])
        }
        return data
    }

    func json<T: Decodable>(_ type: T.Type, _ relativePath: String) throws -> T {
        let string = try text(relativePath)
        do {
            return try JSONDecoder().decode(T.self, from: Data(string.utf8))
        } catch let DecodingError.keyNotFound(key, context) {
            throw EngineDataError.malformed(file: relativePath, line: 0,
                                            reason: "missing key '\(key.stringValue)' at \(Self.path(context.codingPath))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw EngineDataError.malformed(file: relativePath, line: 0,
                                            reason: "\(context.debugDescription) at \(Self.path(context.codingPath))")
        } catch let DecodingError.dataCorrupted(context) {
            throw EngineDataError.malformed(file: relativePath, line: 0, reason: "invalid JSON: \(context.debugDescription)")
        } catch {
            throw EngineDataError.malformed(file: relativePath, line: 0, reason: "\(error)")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        keys.isEmpty ? "top level" : keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
