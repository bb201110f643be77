import Foundation
import Testing
@testable import TriageEngine

@Suite struct DataValidationTests {
    /// A copy of the bundled data files in a temporary directory, with one file replaced.
    private func engine(replacing file: String, with contents: String) throws -> Result<TriageEngine, EngineDataError> {
        let bundled = try ResourceDirectory.bundled().url
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("engine-data-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: bundled, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        try contents.write(to: copy.appendingPathComponent(file), atomically: true, encoding: .utf8)
        do {
            return .success(try TriageEngine(configuration: .init(resourceDirectory: copy)))
        } catch let error as EngineDataError {
            return .failure(error)
        }
    }

    @Test(arguments: [
        ("lexicon/en/billing.tsv", "issue\tno_such_issue\t2\tcharged twice\n", "unknown issue label"),
        ("lexicon/en/billing.tsv", "issue\tdouble_charge\tmany\tcharged twice\n", "weight"),
        ("lexicon/ko.tsv", "issue\tdouble_charge\t3\n", "4 or 5 tab-separated fields"),
        ("lexicon/fr/masks.tsv", "mask\tpayment\t1\ten charge\n", "unknown mask label"),
        ("policy/urgency.tsv", "security\tissue=security_incident\tvery high\twhy\n", "unknown outcome"),
        ("policy/action.tsv", "x\tplan=platinum\tescalate_human\twhy\n", "unknown plan"),
        ("taxonomy.json", "{ not json", "invalid JSON"),
        ("replies/fr.json", "{\"language\": \"fr\", \"quote\": \"{title}\", \"templates\": {}, \"teams\": {}, \"info\": {}}", "missing"),
        ("manifest.json", "{\"version\": \"x\"}", "missing key"),
    ])
    func malformedFilesFailStartUpNamingTheFile(file: String, contents: String, reason: String) throws {
        switch try engine(replacing: file, with: contents) {
        case .success:
            Issue.record("\(file) was accepted")
        case .failure(let error):
            #expect(error.file == file || error.description.contains(file), "\(error)")
            #expect(error.description.contains(reason), "\(error)")
        }
    }

    @Test func anUnknownImpliedSentimentFailsStartUp() throws {
        let bundled = try ResourceDirectory.bundled().url.appendingPathComponent("taxonomy.json")
        let taxonomy = try String(contentsOf: bundled, encoding: .utf8)
        let broken = taxonomy.replacingOccurrences(of: "\"sentiment\": \"worried\"", with: "\"sentiment\": \"gloomy\"")
        #expect(broken != taxonomy)
        switch try engine(replacing: "taxonomy.json", with: broken) {
        case .success:
            Issue.record("an unknown implied sentiment was accepted")
        case .failure(let error):
            #expect(error.description.contains("sentiment_defaults"), "\(error)")
        }
    }

    @Test func largeLexiconsAreSplitIntoSmallParts() throws {
        let resources = try ResourceDirectory.bundled()
        let parts = ["billing", "access", "technical", "general", "intents", "cues", "urgency", "sentiment"]
        let english = try Lexicon.files(of: "en", parts: parts, in: resources)
        #expect(english.count == parts.count)
        for file in english {
            let lines = try resources.text(file).split(separator: "\n").count
            #expect(lines <= 400, "\(file) has \(lines) lines")
        }
        #expect(try Lexicon.files(of: "ko", parts: parts, in: resources) == ["lexicon/ko.tsv"])
        #expect(throws: EngineDataError.self) { try Lexicon.files(of: "xx", parts: parts, in: resources) }
    }

    @Test func theBundledDataLoadsAndHasAVersion() {
        #expect(!sharedEngine.version.isEmpty)
        #expect(decide("hello").engineVersion == sharedEngine.version)
    }
}
