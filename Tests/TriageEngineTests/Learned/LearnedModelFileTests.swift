import Foundation
import Testing
@testable import TriageEngine

/// A malformed model file stops start-up, naming the file; so does one whose weights no longer give
/// its check tickets the training script's probabilities.
@Suite struct LearnedModelFileTests {
    static let file = "learned/issue-type.model"

    /// Start-up with a copy of the bundled data files whose model file is replaced by `change(bytes)`.
    private func startUp(changing change: (Data) -> Data) throws -> Result<TriageEngine, EngineDataError> {
        let bundled = try ResourceDirectory.bundled().url
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("engine-data-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: bundled, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        let url = copy.appendingPathComponent(Self.file)
        try change(try Data(contentsOf: url)).write(to: url)
        do {
            return .success(try TriageEngine(configuration: .init(resourceDirectory: copy)))
        } catch let error as EngineDataError {
            return .failure(error)
        }
    }

    private func expectFailure(_ reason: String, _ change: (Data) -> Data) throws {
        switch try startUp(changing: change) {
        case .success:
            Issue.record("a broken \(Self.file) was accepted (expected: \(reason))")
        case .failure(let error):
            #expect(error.file == Self.file, "\(error)")
            #expect(error.description.contains(reason), "\(error)")
        }
    }

    private static func header(_ data: Data) -> (header: String, body: Data) {
        let newline = data.firstIndex(of: 0x0A)!
        return (String(decoding: data[..<newline], as: UTF8.self), Data(data[(newline + 1)...]))
    }

    private static func replacingHeader(_ data: Data, _ edit: (String) -> String) -> Data {
        let (header, body) = header(data)
        return Data((edit(header) + "\n").utf8) + body
    }

    @Test func aModelIsReadOnlyAsTheFieldItWasTrainedFor() throws {
        let url = try ResourceDirectory.bundled().url.appendingPathComponent("learned/sentiment.model")
        let data = try Data(contentsOf: url)
        #expect(throws: EngineDataError.self) { try LearnedModel(data: data, file: "learned/sentiment.model") }
        let model = try LearnedModel(data: data, file: "learned/sentiment.model", field: "sentiment")
        #expect(Set(model.labels) == Set(Sentiment.allCases.map(\.rawValue)))
        #expect(model.partWeights == LearnedModel.PartWeights(subject: 0, earlier: 0), "the latest message only")
    }

    @Test func notAModel() throws {
        try expectFailure("no header line") { _ in Data("not a model".utf8) }
        try expectFailure("header is not valid") { _ in Data("{\"format\": 1}\n".utf8) }
    }

    @Test func aTruncatedBody() throws {
        try expectFailure("body is") { $0.dropLast(5) }
    }

    @Test func anUnknownLabelOrFormat() throws {
        try expectFailure("unknown issue type 'double_charges'") { data in
            Self.replacingHeader(data) { $0.replacingOccurrences(of: "\"double_charge\",", with: "\"double_charges\",") }
        }
        try expectFailure("format") { data in
            Self.replacingHeader(data) { $0.replacingOccurrences(of: "triage-learned-linear 2", with: "triage-learned-linear 1") }
        }
    }

    @Test func aGuardedBandAboveWhereTheModelIsConsulted() throws {
        try expectFailure("guarded_above within 0…rules_confidence_below") { data in
            Self.replacingHeader(data) { $0.replacingOccurrences(of: "\"guarded_above\": 0.75", with: "\"guarded_above\": 0.99") }
        }
    }

    @Test func aConfidentOverruleProbabilityWithinZeroAndOne() throws {
        try expectFailure("confident_overrule_from within 0…1") { data in
            Self.replacingHeader(data) { $0.replacingOccurrences(of: "\"confident_overrule_from\": 0.7", with: "\"confident_overrule_from\": 1.7") }
        }
    }

    @Test func weightsThatNoLongerGiveTheChecksTheirProbabilities() throws {
        // Every stored weight of the first rows negated: the features are the same, the arithmetic is not.
        try expectFailure("check") { data in
            let (header, body) = Self.header(data)
            let fields = try? JSONSerialization.jsonObject(with: Data(header.utf8)) as? [String: Any]
            let rows = fields?["rows"] as? Int ?? 0
            var changed = body
            let weightsStart = rows * 8
            for index in weightsStart..<(weightsStart + min(rows, 20_000) * 28) {
                changed[index] = UInt8(bitPattern: Int8(truncatingIfNeeded: -Int(Int8(bitPattern: changed[index]))))
            }
            return Data((header + "\n").utf8) + changed
        }
    }

    @Test func aMissingModelFailsStartUp() throws {
        let bundled = try ResourceDirectory.bundled().url
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("engine-data-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: bundled, to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.removeItem(at: copy.appendingPathComponent(Self.file))
        #expect(throws: EngineDataError.self) { try TriageEngine(configuration: .init(resourceDirectory: copy)) }
    }
}
