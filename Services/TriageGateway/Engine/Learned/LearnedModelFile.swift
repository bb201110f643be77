import Foundation

/// Reading and validating a model file: one line of JSON (the header), then little-endian arrays —
/// bucket `UInt32[rows]` (ascending), row scale `Float32[rows]`, weight `Int8[rows × classes]`
/// (weight = int8 × scale), bias `Float32[classes]`. See `Tools/train_learned_model.py`.
extension LearnedModel {
    static let format = "triage-learned-linear 2"
    /// How far a check ticket's probability may be from the training script's (float32 weights
    /// summed in a different order differ by far less).
    static let checkTolerance = 1e-4

    struct Header: Decodable {
        struct Check: Decodable {
            var messages: [String]
            var subject: String?
            var label: String
            var probability: Double
        }
        struct Training: Decodable {
            var l2: Double
            var examples: Int
            var sources: [String]
        }
        var format: String
        var field: String
        var labels: [String]
        var hash_bits: Int
        var char_ngrams: [Int]
        var limits: Limits
        var part_weights: PartWeights
        var rules_weight: Double
        var rules_confidence_below: Double
        /// Optional (absent: no guarded band): see `LearnedModel.guardedAbove`.
        var guarded_above: Double?
        var minimum_probability: Double
        /// Optional (absent: the rules' confident readings always stand): see `LearnedModel.confidentOverruleFrom`.
        var confident_overrule_from: Double?
        var rows: Int
        var classes: Int
        var training: Training
        var checks: [Check]
    }

    /// The labels a model of each field may have, by their raw values.
    static let fieldLabels: [String: Set<String>] = [
        "issue_type": Set(IssueType.allCases.map(\.rawValue)),
        "sentiment": Set(Sentiment.allCases.map(\.rawValue)),
    ]

    /// `field`: what the model must be a model of (`issue_type`, `sentiment`).
    init(data: Data, file: String, field: String = "issue_type") throws {
        func fail(_ reason: String) -> EngineDataError { .malformed(file: file, line: 0, reason: reason) }
        guard let newline = data.firstIndex(of: 0x0A) else { throw fail("no header line") }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: data[data.startIndex..<newline])
        } catch {
            throw fail("header is not valid: \(error)")
        }
        guard header.format == Self.format else { throw fail("format '\(header.format)', expected '\(Self.format)'") }
        guard header.field == field, let known = Self.fieldLabels[field] else {
            throw fail("a model of '\(header.field)'; expected a model of \(field)")
        }
        let labels = header.labels
        let noun = field.replacingOccurrences(of: "_", with: " ")
        if let unknown = labels.first(where: { !known.contains($0) }) { throw fail("unknown \(noun) '\(unknown)'") }
        guard Set(labels).count == labels.count, labels.count == header.classes, labels.count >= 2,
              labels.count <= Self.rowStride else {
            throw fail("labels must be \(header.classes) distinct values of \(field) (at most \(Self.rowStride))")
        }
        guard (8...24).contains(header.hash_bits) else { throw fail("hash_bits must be 8…24") }
        guard header.char_ngrams.count == 2, 1 <= header.char_ngrams[0], header.char_ngrams[0] <= header.char_ngrams[1],
              header.char_ngrams[1] <= 8 else { throw fail("char_ngrams must be [min, max] within 1…8") }
        let limits = header.limits
        guard [limits.latest, limits.subject, limits.earlier, limits.total].allSatisfy({ $0 > 0 && $0 <= 100_000 }) else {
            throw fail("limits must be positive")
        }
        guard [header.part_weights.subject, header.part_weights.earlier, header.rules_weight].allSatisfy({ $0.isFinite && $0 >= 0 }),
              (0...1).contains(header.rules_confidence_below), (0...1).contains(header.minimum_probability),
              (0...header.rules_confidence_below).contains(header.guarded_above ?? header.rules_confidence_below),
              (0...1).contains(header.confident_overrule_from ?? 1) else {
            throw fail("part_weights and rules_weight must be non-negative numbers, rules_confidence_below, minimum_probability "
                       + "and confident_overrule_from within 0…1, guarded_above within 0…rules_confidence_below")
        }
        let rows = header.rows, classes = header.classes
        let body = data[(newline + 1)...]
        let expected = rows * 4 + rows * 4 + rows * classes + classes * 4
        guard rows >= 0, body.count == expected else { throw fail("body is \(body.count) bytes, expected \(expected) for \(rows) rows") }

        let (buckets, scales, weights, bias) = body.withUnsafeBytes {
            (raw: UnsafeRawBufferPointer) -> ([UInt32], [Float], [Float], [Float]) in
            var offset = 0
            func uint32() -> UInt32 {
                defer { offset += 4 }
                return UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            }
            let buckets = (0..<rows).map { _ in uint32() }
            let scales = (0..<rows).map { _ in Float(bitPattern: uint32()) }
            var weights = [Float](repeating: 0, count: rows * Self.rowStride)
            for row in 0..<rows {
                for k in 0..<classes {
                    weights[row * Self.rowStride + k] = Float(Int8(bitPattern: raw[offset + row * classes + k])) * scales[row]
                }
            }
            offset += rows * classes
            var bias = [Float](repeating: 0, count: Self.rowStride)
            for k in 0..<classes { bias[k] = Float(bitPattern: uint32()) }
            return (buckets, scales, weights, bias)
        }
        var rowOfBucket = [Int32](repeating: -1, count: 1 << header.hash_bits)
        for (row, bucket) in buckets.enumerated() {
            guard Int(bucket) < rowOfBucket.count, row == 0 || bucket > buckets[row - 1] else {
                throw fail("bucket \(bucket) of row \(row) is out of range or not ascending")
            }
            rowOfBucket[Int(bucket)] = Int32(row)
        }
        guard scales.allSatisfy({ $0.isFinite && $0 > 0 }), (0..<classes).allSatisfy({ bias[$0].isFinite }) else {
            throw fail("row scales must be positive numbers and biases finite")
        }
        self.init(file: file, labels: labels, hashBits: header.hash_bits,
                  characterGrams: header.char_ngrams[0]...header.char_ngrams[1], limits: limits, partWeights: header.part_weights,
                  rulesWeight: header.rules_weight, rulesConfidenceBelow: header.rules_confidence_below,
                  guardedAbove: header.guarded_above ?? header.rules_confidence_below,
                  minimumProbability: header.minimum_probability, confidentOverruleFrom: header.confident_overrule_from,
                  name: "\(file.split(separator: "/").last ?? Substring(file)), logistic regression on character n-grams and words, "
                      + "trained on \(header.training.examples) labelled texts",
                  rowOfBucket: rowOfBucket, weights: weights, bias: bias)
        try verify(header.checks, fail)
    }

    /// The check tickets must get the label and probability the training script gave them: the
    /// features and arithmetic here are the ones the model was trained with.
    private func verify(_ checks: [Header.Check], _ fail: (String) -> EngineDataError) throws {
        guard !checks.isEmpty else { throw fail("no check tickets") }
        for (number, check) in checks.enumerated() {
            let texts = check.messages.map(NormalizedText.init)
            let latest = texts.lastIndex { $0.hasWordContent }
            let parts = LearnedInput.parts(texts, latest: latest, subject: check.subject.map(NormalizedText.init), model: self)
            guard !parts.isEmpty else { throw fail("check \(number + 1) has no text") }
            let best = read(parts).best
            guard best.label == check.label, abs(best.probability - check.probability) <= Self.checkTolerance else {
                throw fail("check \(number + 1): read as \(best.label) \(best.probability), the training script gave "
                           + "\(check.label) \(check.probability) (features or weights differ from the training script's)")
            }
        }
    }
}
